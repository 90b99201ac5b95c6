"""The app and the command line on one database, with real processes in both directions:
the running app (a streamlit server, opened in chromium) takes `python -m analytics
import` through its inbox and the command prints what an import of its own prints; and
the app, started while another process holds the database, shows the busy page and
opens by itself once the file is free.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from analytics.store import Store
from locales import catalog
from tests.browser import ROOT, running_app, wait_idle

pytestmark = pytest.mark.browser
SV = catalog("sv")

EXPORT = (
    "Kundnr;Kundnamn;Fakturadatum;Belopp;Kostnad\n"
    "1;Alfa AB;2024-01-05;1 000,50;600\n"
    "2;Beta AB;2024-01-20;300,25;\n"
    "3;Gamma AB;;70;10\n"
)


def _cli(*argv, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "analytics", *map(str, argv)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def _errors(stderr: str) -> list[str]:
    """The error lines (the hand-over adds a line saying it waits)."""
    return [line for line in stderr.splitlines() if line.startswith("error:")]


def test_import_while_the_app_runs_is_handed_over_with_the_same_report(
    browser, tmp_path, monkeypatch
):
    monkeypatch.delenv("KUNDFOKUS_INBOX", raising=False)
    export = tmp_path / "export.csv"
    export.write_text(EXPORT, encoding="utf-8")
    broken = tmp_path / "broken.csv"
    broken.write_text("Wer;Wann\nA;2024-01-05\n", encoding="utf-8")
    # What the command prints with the database to itself.
    alone = tmp_path / "alone.duckdb"
    direct = _cli("import", export, "--db", alone, "--dataset", "Skript", "--json")
    direct_bad = _cli("import", broken, "--db", alone, "--dataset", "Skript")
    db = tmp_path / "app.duckdb"
    with running_app(db, demo=False) as url:
        page = browser.new_page()
        page.goto(url)  # the first session opens the database: the app holds it now
        wait_idle(page)
        handed = _cli("import", export, "--db", db, "--dataset", "Skript", "--json")
        handed_bad = _cli("import", broken, "--db", db, "--dataset", "Skript")
        # The import page lists both; the newest, the broken file, shows why it was not
        # loaded, in the app's language.
        page.goto(f"{url}/import")
        page.get_by_text("broken.csv lästes inte in").wait_for(timeout=60_000)
        page.get_by_text("Ingen kolumn ser ut som kundnummer").wait_for(timeout=60_000)
        assert page.get_by_test_id("stException").count() == 0
        page.close()
    assert direct.returncode == handed.returncode == 0
    assert "handed to the running app" in handed.stderr
    assert json.loads(handed.stdout) == json.loads(direct.stdout)
    assert json.loads(handed.stdout)["rows_loaded"] == 2
    assert direct_bad.returncode == handed_bad.returncode == 2
    assert _errors(handed_bad.stderr) == _errors(direct_bad.stderr) != []
    # The app loaded the file: the database holds it once the app has let go.
    store = Store(db)
    try:
        assert store.scalar("select sum(revenue) from sales_lines")
        total = store.scalar("select sum(revenue) from sales_lines")
        assert str(total) == "1300.7500"
    finally:
        store.close()
    inbox = tmp_path / "inbox"
    assert len(list((inbox / "done").glob("*--export.csv.json"))) == 1
    assert len(list((inbox / "failed").glob("*--broken.csv.json"))) == 1


def test_a_read_command_while_the_app_runs_says_what_to_do_in_one_line(browser, tmp_path):
    db = tmp_path / "app.duckdb"
    with running_app(db, demo=False) as url:
        page = browser.new_page()
        page.goto(url)
        wait_idle(page)
        result = _cli("customers", "--db", db)
        page.close()
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1
    assert "the running Kundfokus app" in result.stderr
    assert "stop the app and run this command again" in result.stderr


def test_the_app_waits_while_another_process_holds_the_database(browser, tmp_path):
    db = tmp_path / "held.duckdb"
    Store(db).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys; c = duckdb.connect(sys.argv[1]); print('held', flush=True); "
            "sys.stdin.read(); c.close()",
            str(db),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        with running_app(db, demo=False) as url:
            page = browser.new_page()
            page.goto(url)
            page.get_by_text(SV["busy.title"], exact=True).wait_for(timeout=60_000)
            assert page.get_by_test_id("stException").count() == 0
            holder.stdin.close()  # the other process lets go of the file
            holder.wait(timeout=30)
            # The app opens by itself: the sidebar's data set line, no busy page.
            page.get_by_text(SV["sidebar.no_dataset"]).wait_for(timeout=60_000)
            page.get_by_text(SV["busy.title"], exact=True).wait_for(
                state="detached", timeout=60_000
            )
            assert page.get_by_test_id("stException").count() == 0
            page.close()
    finally:
        if holder.poll() is None:
            holder.kill()
