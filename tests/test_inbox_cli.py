"""`python -m analytics import` in a process of its own while this process holds the
database: with the inbox watched (as the running app does) the file is handed over and
the command prints what an import of its own prints; without a watcher, or when nobody
takes the file, one line and exit code 2, and nothing is left behind.
"""

from __future__ import annotations

import json
import os
import subprocess
from decimal import Decimal

import pytest

from analytics.inbox import Watcher
from analytics.store import Store
from tests.processes import python

EXPORT = (
    "Kundnr;Kundnamn;Fakturadatum;Belopp\n1;Alfa AB;2024-01-05;1 000,50\n2;Beta;2024-01-20;300,25\n"
)


def _cli(*argv) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "KUNDFOKUS_INBOX"}
    return python("-m", "analytics", *argv, env=env)


@pytest.fixture
def export(tmp_path):
    path = tmp_path / "maj.csv"
    path.write_text(EXPORT, encoding="utf-8")
    return path


def test_import_is_handed_to_the_process_watching_the_inbox(tmp_path, export):
    direct = _cli("import", export, "--db", tmp_path / "alone.duckdb", "--json")
    store = Store(tmp_path / "held.duckdb")
    watcher = Watcher(store, tmp_path / "inbox", interval=0.1)
    watcher.start()
    try:
        handed = _cli("import", export, "--db", store.path, "--json")
        again = _cli("import", export, "--db", store.path)
        total = store.scalar("select sum(revenue) from sales_lines")
    finally:
        watcher.stop()
        store.close()
    assert handed.returncode == direct.returncode == 0
    assert json.loads(handed.stdout) == json.loads(direct.stdout)
    assert total == Decimal("1300.75")
    # The same file again: refused by the app as by a direct import, exit code 2.
    assert again.returncode == 2
    assert [x for x in again.stderr.splitlines() if x.startswith("error:")] == [
        "error: maj.csv: This file is already imported into 'Standard' (as maj.csv); "
        "it was not counted twice."
    ]


def test_a_file_nobody_takes_is_withdrawn_after_the_wait(tmp_path, export):
    store = Store(tmp_path / "held.duckdb")
    inbox = tmp_path / "inbox"
    # A heartbeat of this process, but nobody importing: the file is never taken.
    inbox.mkdir()
    Watcher(store, inbox)._beat()
    try:
        result = _cli("import", export, "--db", store.path, "--wait", "1")
    finally:
        store.close()
    assert result.returncode == 2
    assert "did not take the file within 1 s; nothing was imported" in result.stderr
    assert sorted(p.name for p in inbox.iterdir()) == [".watcher.json"]


def test_without_a_watcher_the_lock_is_one_line_naming_the_process(tmp_path, export):
    store = Store(tmp_path / "held.duckdb")
    try:
        result = _cli("import", export, "--db", store.path)
    finally:
        store.close()
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"error: {store.path}: the database cannot be opened: another process "
        f"(PID {os.getpid()}) holds it; run this command again when that process has finished"
    ]
    assert not (tmp_path / "inbox").exists()
