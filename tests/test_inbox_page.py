"""AppTest of the import page's inbox: the files that came through it, each with its
report, or why it was not loaded, in the chosen language."""

from __future__ import annotations

from analytics.inbox import process_once, submit
from analytics.store import Store
from locales import catalog
from tests.apptest import open_page

SV = catalog("sv")
EN = catalog("en")
EXPORT = "Kundnr;Fakturadatum;Belopp\n1;2024-01-05;100,00\n2;2024-01-07;50,25\n3;;9\n"


def _inbox_with_two_outcomes(tmp_path) -> tuple:
    """A database and its inbox holding one loaded file and one that was not loaded."""
    db = tmp_path / "app.duckdb"
    inbox = tmp_path / "inbox"
    good = tmp_path / "maj.csv"
    good.write_text(EXPORT, encoding="utf-8")
    bad = tmp_path / "juni.csv"
    bad.write_text("Wer;Wann\nA;2024-01-05\n", encoding="utf-8")
    store = Store(db)
    try:
        submit(inbox, good, options={"dataset": "Skript"})
        process_once(store, inbox)
        submit(inbox, bad, options={"dataset": "Skript"})
        process_once(store, inbox)
    finally:
        store.close()
    return db, inbox


def test_the_import_page_shows_the_inbox_with_each_files_report(tmp_path, monkeypatch):
    db, _ = _inbox_with_two_outcomes(tmp_path)
    monkeypatch.delenv("KUNDFOKUS_INBOX", raising=False)
    at = open_page(db, monkeypatch, "pages/import_data.py")
    assert not at.exception
    assert SV["import.inbox"] in [h.value for h in at.subheader]
    table = at.dataframe[-1].value
    assert table["file_name"].tolist() == ["juni.csv", "maj.csv"]  # newest first
    assert table["status"].tolist() == [SV["import.inbox_failed"], SV["import.inbox_done"]]
    assert table["dataset"].tolist() == ["Skript", "Skript"]
    # The newest is shown first: why it was not loaded, translated.
    assert any("Ingen kolumn ser ut som kundnummer" in e.value for e in at.error)
    # The loaded file's report: rows read, loaded and rejected.
    pick = at.selectbox(key="imp_inbox_pick")
    pick.set_value(pick.options[1]).run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[SV["import.rows_read"]] == "3"
    assert metrics[SV["import.rows_loaded"]] == "2"
    assert metrics[SV["import.rows_rejected"]] == "1"


def test_the_inbox_section_in_english(tmp_path, monkeypatch):
    db, _ = _inbox_with_two_outcomes(tmp_path)
    monkeypatch.delenv("KUNDFOKUS_INBOX", raising=False)
    at = open_page(db, monkeypatch, "pages/import_data.py", session={"lang": "en"})
    assert EN["import.inbox"] in [h.value for h in at.subheader]
    assert at.dataframe[-1].value["status"].tolist() == [
        EN["import.inbox_failed"],
        EN["import.inbox_done"],
    ]
