"""The inbox the running app imports from (`analytics.inbox`): dropped files with the
profile matching their headers, hand-overs from the command line, and files that cannot
be loaded moved aside once. Sums are checked against SQL of their own.
"""

from __future__ import annotations

import json
import os
import time
from decimal import Decimal

import duckdb
import pytest

from analytics.inbox import (
    import_one,
    inbox_folder,
    outcome_report,
    process_once,
    recent,
    recover,
    result,
    submit,
    watcher_pid,
    withdraw,
)
from analytics.ingest.pipeline import save_profile
from analytics.store import lock_holder

ODD = "Wer;Wann;Wieviel;Notiz\nA;2024-01-05;10,50;x\nB;2024-01-06;20,25;y\nA;2024-02-01;1;z\n"
ODD_HEADERS = ["Wer", "Wann", "Wieviel", "Notiz"]
ODD_MAPPING = {"customer_id": "Wer", "invoice_date": "Wann", "revenue": "Wieviel"}
PLAIN = "Kundnr;Fakturadatum;Belopp\n1;2024-01-05;100,00\n2;2024-01-07;50,25\n"


@pytest.fixture
def inbox(tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    return folder


def _aged(path, seconds: float = 10) -> None:
    """Date the file back, as an export finished `seconds` ago."""
    past = time.time() - seconds
    os.utime(path, (past, past))


def _twice(store, inbox) -> list[dict]:
    """Two looks, as the app's watcher takes them: a dropped file is taken on the second."""
    seen: dict = {}
    first = process_once(store, inbox, seen=seen)
    return first + process_once(store, inbox, seen=seen)


def _revenue(store, dataset: str) -> Decimal:
    return store.scalar(
        "select sum(revenue) from sales_lines join datasets using (dataset_id) where name = ?",
        [dataset],
    )


def test_the_inbox_is_beside_the_database_unless_chosen(tmp_path, monkeypatch):
    monkeypatch.delenv("KUNDFOKUS_INBOX", raising=False)
    assert inbox_folder(tmp_path / "a.duckdb") == tmp_path.resolve() / "inbox"
    assert inbox_folder(tmp_path / "a.duckdb", tmp_path / "x") == tmp_path / "x"
    monkeypatch.setenv("KUNDFOKUS_INBOX", str(tmp_path / "env"))
    assert inbox_folder(tmp_path / "a.duckdb") == tmp_path / "env"
    monkeypatch.setenv("KUNDFOKUS_INBOX", "off")
    assert inbox_folder(tmp_path / "a.duckdb") is None


def test_a_dropped_file_is_imported_with_the_profile_matching_its_headers(store, inbox):
    save_profile(store, "Vårt affärssystem", ODD_HEADERS, ODD_MAPPING)
    # The same headers in another order.
    drop = inbox / "maj.csv"
    drop.write_text("Notiz;Wieviel;Wann;Wer\nx;10,50;2024-01-05;A\ny;20,25;2024-01-06;B\n")
    _aged(drop)
    outcomes = _twice(store, inbox)
    assert [o["status"] for o in outcomes] == ["done"]
    report = outcome_report(outcomes[0])
    assert report.mapping == ODD_MAPPING
    assert report.dataset == "Standard"
    assert report.revenue_loaded == Decimal("30.75") == _revenue(store, "Standard")
    assert not drop.exists()
    done = sorted(p.name for p in (inbox / "done").iterdir())
    assert len(done) == 2
    assert done[0].endswith("--maj.csv")
    assert done[1] == done[0] + ".json"


def test_a_file_in_a_folder_goes_into_the_data_set_of_that_name(store, inbox):
    (inbox / "Vår försäljning").mkdir()
    drop = inbox / "Vår försäljning" / "juni.csv"
    drop.write_text(PLAIN)
    _aged(drop)
    assert [o["status"] for o in _twice(store, inbox)] == ["done"]
    assert _revenue(store, "Vår försäljning") == Decimal("150.25")


def test_a_file_still_being_written_waits(store, inbox):
    drop = inbox / "growing.csv"
    drop.write_text(PLAIN)
    _aged(drop)
    seen: dict = {}
    assert process_once(store, inbox, seen=seen) == []
    with drop.open("a") as out:
        out.write("3;2024-01-08;1,00\n")
    _aged(drop, 9)  # changed since the first look
    assert process_once(store, inbox, seen=seen) == []
    assert [o["status"] for o in process_once(store, inbox, seen=seen)] == ["done"]
    assert _revenue(store, "Standard") == Decimal("151.25")


def test_a_recent_or_unfinished_file_is_left_alone(store, inbox):
    (inbox / "fresh.csv").write_text(PLAIN)  # written just now: not settled
    partial = inbox / "export.csv.part"
    partial.write_text(PLAIN)
    _aged(partial)
    assert _twice(store, inbox) == []
    assert (inbox / "fresh.csv").exists()
    assert partial.exists()


def test_a_file_that_cannot_be_loaded_is_moved_aside_once(store, inbox):
    drop = inbox / "odd.csv"
    drop.write_text(ODD)  # no profile for these headers: no customer or amount column
    _aged(drop)
    outcomes = _twice(store, inbox)
    assert [o["status"] for o in outcomes] == ["failed"]
    assert outcomes[0]["error"]["code"] == "no_customer_column"
    assert outcome_report(outcomes[0]) is None
    failed = sorted(p.name for p in (inbox / "failed").iterdir())
    assert len(failed) == 2
    saved = json.loads((inbox / "failed" / failed[1]).read_text(encoding="utf-8"))
    assert saved == outcomes[0]
    # Never again: later looks find nothing, and nothing was loaded.
    assert _twice(store, inbox) == []
    assert len(list((inbox / "failed").iterdir())) == 2
    assert store.scalar("select count(*) from sales_lines") == 0


def test_the_same_export_dropped_twice_is_loaded_once(store, inbox):
    for name in ("a.csv", "b.csv"):
        (inbox / name).write_text(PLAIN)
        _aged(inbox / name)
    outcomes = _twice(store, inbox)
    assert sorted(o["status"] for o in outcomes) == ["done", "failed"]
    assert _revenue(store, "Standard") == Decimal("150.25")


def test_a_hand_over_is_taken_at_once_with_its_options(store, inbox, tmp_path):
    export = tmp_path / "export.csv"
    export.write_text(PLAIN)
    job = submit(inbox, export, options={"dataset": "Skript", "currency": "EUR"})
    assert result(inbox, job) is None
    (outcome,) = process_once(store, inbox)  # a fresh look: no second look needed
    assert result(inbox, job) == outcome
    report = outcome_report(outcome)
    assert (report.dataset, report.currency, report.file_name) == ("Skript", "EUR", "export.csv")
    assert report.revenue_loaded == Decimal("150.25") == _revenue(store, "Skript")
    # The same report a direct import of the file gives, amount for amount.
    direct = import_one(store, export, options={"dataset": "Direkt", "currency": "EUR"})
    assert direct.rows_loaded == report.rows_loaded
    assert direct.revenue_loaded == report.revenue_loaded
    assert recent(inbox)[0] == outcome


def test_a_hand_over_can_be_withdrawn_until_the_app_takes_it(store, inbox, tmp_path):
    export = tmp_path / "export.csv"
    export.write_text(PLAIN)
    job = submit(inbox, export, options={})
    assert withdraw(inbox, job)
    assert process_once(store, inbox) == []
    assert list(inbox.iterdir()) == []
    job = submit(inbox, export, options={})
    process_once(store, inbox)
    assert not withdraw(inbox, job)
    assert result(inbox, job)["status"] == "done"


def test_a_file_left_by_a_stopped_app_goes_to_failed_not_back(store, inbox, tmp_path):
    export = tmp_path / "export.csv"
    export.write_text(PLAIN)
    job = submit(inbox, export, options={})
    (inbox / ".work").mkdir()
    (inbox / f"{job}.job").rename(inbox / ".work" / f"{job}.job")  # claimed, then a stop
    (outcome,) = recover(inbox)
    assert outcome["error"]["code"] == "inbox_interrupted"
    assert result(inbox, job) == outcome
    assert process_once(store, inbox) == []
    assert store.scalar("select count(*) from sales_lines") == 0


def test_no_heartbeat_no_watcher(inbox, tmp_path):
    assert watcher_pid(inbox, tmp_path / "db.duckdb") is None


def test_lock_holder_reads_duckdbs_lock_error():
    error = duckdb.IOException(
        'IO Error: Could not set lock on file "/x/k.duckdb": Conflicting lock is held in '
        "/usr/bin/python3 (PID 4242). See also https://duckdb.org/docs"
    )
    assert lock_holder(error) == 4242
    assert lock_holder(duckdb.IOException("IO Error: Could not set lock on file x")) == 0
    assert lock_holder(duckdb.IOException("IO Error: disk full")) is None
    assert lock_holder(OSError("Could not set lock on file")) is None
