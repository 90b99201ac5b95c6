"""An import killed at any stage (`kill -9`) leaves the database as it was, and the next
start removes what the killed process left in the temporary folders.

A real `python -m analytics import` runs in a subprocess that pauses at a named stage
(`KUNDFOKUS_IMPORT_PAUSE_AT`, see `analytics.ingest.stages`) and says so on stderr; the
test then kills it with SIGKILL and compares the database with independent SQL.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest

from analytics.ingest.pipeline import import_sales
from analytics.ingest.stages import PAUSE_ENV, PAUSED, STAGES
from analytics.store import SCHEMA_VERSION, Store
from analytics.workfiles import WORK_PREFIX, spill_directory
from tests.paths import ROOT
from tests.processes import python

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs kill -9")

_HEADER = "Fakturanr;Fakturadatum;Kundnr;Kundnamn;Belopp exkl. moms;Självkostnad\n"


def _export(path: Path, *, lines: int, first: int) -> Path:
    """A Swedish export of `lines` lines: line i has 10,25 × (i mod 7 + 1) kr, and every
    50th line has no date (rejected), so loaded and rejected rows both change."""
    rows = []
    for i in range(first, first + lines):
        day = "" if i % 50 == 0 else f"2024-{i % 12 + 1:02d}-{i % 28 + 1:02d}"
        amount = f"{Decimal('10.25') * (i % 7 + 1)}".replace(".", ",")
        rows.append(f"F{i};{day};K{i % 97};Kund {i % 97};{amount};5,00\n")
    path.write_text(_HEADER + "".join(rows), encoding="utf-8")
    return path


def _contents(db: Path) -> dict:
    """What the database holds, counted with SQL of its own."""
    store = Store(db)
    try:
        row = store.query(
            """
            select (select count(*) from imports) as imports,
                   (select count(*) from datasets) as datasets,
                   (select count(*) from sales_lines) as lines,
                   (select coalesce(sum(revenue), 0) from sales_lines) as revenue,
                   (select count(*) from rejected_rows) as rejected,
                   (select coalesce(sum(hash(invoice_number)), 0) from sales_lines) as lines_hash
            """
        ).row(0, named=True)
    finally:
        store.close()
    return row


@pytest.fixture(scope="module")
def before(tmp_path_factory) -> tuple[Path, dict, Path]:
    """A database holding one earlier import, its contents, and the next month's file."""
    folder = tmp_path_factory.mktemp("crash")
    db = folder / "base.duckdb"
    store = Store(db)
    try:
        import_sales(store, _export(folder / "jan.csv", lines=400, first=1), dataset="Företaget")
    finally:
        store.close()
    big = _export(folder / "feb.csv", lines=20_000, first=10_000)
    return db, _contents(db), big


def _killed_at(stage: str, db: Path, export: Path, tmp: Path) -> int:
    """Run the import until it pauses at `stage`, kill it with SIGKILL; its pid."""
    env = {**os.environ, PAUSE_ENV: stage, "TMPDIR": str(tmp), "KUNDFOKUS_DB_MEMORY": "16MB"}
    command = [sys.executable, "-m", "analytics", "import", str(export), "--db", str(db)]
    command += ["--dataset", "Företaget"]
    proc = subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
    try:
        said = proc.stderr.readline()
        assert said.strip() == f"{PAUSED}{stage}", said + proc.stderr.read()
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(timeout=30) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.stderr.close()
    return proc.pid


@pytest.mark.parametrize("stage", [s for s in STAGES if s != "committed"])
def test_a_killed_import_changes_nothing(stage, before, tmp_path, monkeypatch):
    base, expected, export = before
    db = tmp_path / "kundfokus.duckdb"
    shutil.copyfile(base, db)
    work = tmp_path / "tmp"
    work.mkdir()
    pid = _killed_at(stage, db, export, work)
    # The killed import left its work folder (the UTF-8 copy, the parsed rows) behind.
    left = list(work.glob(f"{WORK_PREFIX}{pid}-*"))
    assert left, f"no work folder of the killed import at {stage}"
    stale_spill = spill_directory(db) / "duckdb_temp_storage_S32K-0.tmp"
    stale_spill.parent.mkdir(exist_ok=True)
    stale_spill.write_bytes(b"\0" * 4096)
    monkeypatch.setattr(tempfile, "tempdir", str(work))
    # The next start: the database opens and holds exactly what it held before.
    assert _contents(db) == expected
    assert not any(p.exists() for p in left)
    assert not list(spill_directory(db).glob("duckdb_temp*"))


def test_killed_after_the_commit_the_whole_file_is_there(before, tmp_path):
    base, expected, export = before
    db = tmp_path / "kundfokus.duckdb"
    shutil.copyfile(base, db)
    work = tmp_path / "tmp"
    work.mkdir()
    _killed_at("committed", db, export, work)
    after = _contents(db)
    # 20,000 lines, every 50th without a date: 400 rejected, the others loaded.
    assert after["imports"] == expected["imports"] + 1
    assert after["lines"] == expected["lines"] + 19_600
    assert after["rejected"] == expected["rejected"] + 400
    added = sum(Decimal("10.25") * (i % 7 + 1) for i in range(10_000, 30_000) if i % 50 != 0)
    assert after["revenue"] == expected["revenue"] + added


def test_a_live_import_keeps_its_work_folder(tmp_path, monkeypatch):
    """Opening the database never removes the folder of a process that still runs."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    mine = tmp_path / f"{WORK_PREFIX}{os.getpid()}-import-abc"
    mine.mkdir()
    Store(tmp_path / "x.duckdb").close()
    assert mine.exists()


def test_a_new_database_killed_before_any_checkpoint_opens_again(tmp_path):
    # The app creates the database, migrates it and runs for weeks without closing it;
    # killed then, the file must open (offline, in a fresh process) with its schema.
    db = tmp_path / "new.duckdb"
    kill = "import os, sys; from analytics.store import Store; s = Store(sys.argv[1]); os._exit(0)"
    reopen = (
        "import sys; from analytics.store import Store; print(Store(sys.argv[1]).schema_version)"
    )
    for code in (kill, reopen):
        done = python("-c", code, db)
    assert done.returncode == 0, done.stderr[-300:]
    assert done.stdout.strip() == str(SCHEMA_VERSION)
