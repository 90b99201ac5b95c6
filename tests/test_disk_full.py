"""A disk that fills up during an import: a clear, translated message, and nothing changed.

The full disk is a file-size limit (`RLIMIT_FSIZE`) set inside a real import process,
so every file it writes beyond the limit fails as on a full disk: the UTF-8 copy of the
file, the parsed rows, the database's blocks, its write-ahead log at the commit.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import polars as pl
import pytest

from analytics.ingest.errors import IngestError, out_of_space
from analytics.ingest.pipeline import import_sales
from analytics.store import Store
from locales import catalog
from tests.processes import python
from tests.test_crash_safety import _contents, _export
from ui.i18n import error_text

pytest.importorskip("resource", reason="needs RLIMIT_FSIZE")

# Runs in the child: open the store, limit the size of every file written from now on,
# import, print what happened (the error's code and the last stage reached), then lift
# the limit and import a small file to show the same connection still works.
_CHILD = """
import json, resource, signal, sys
from pathlib import Path
from analytics.ingest.errors import IngestError
from analytics.ingest.pipeline import import_sales
from analytics.store import Store
from tests.paths import ROOT

db, export, small, limit = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4])
store = Store(db)
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))
stages = []
try:
    import_sales(store, export, dataset="Företaget", progress=lambda _f, s: stages.append(s))
    outcome = {"code": None}
except IngestError as exc:
    outcome = {"code": exc.code, "message": str(exc)}
outcome["stage"] = stages[-1] if stages else None
resource.setrlimit(resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
outcome["after"] = import_sales(store, small, dataset="Liten").rows_loaded
store.close()
print(json.dumps(outcome))
"""


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict:
    """A database already holding 100,000 lines (larger than the limits below), its
    contents, and next month's export as CSV and as Parquet."""
    folder = tmp_path_factory.mktemp("full")
    db = folder / "base.duckdb"
    store = Store(db)
    try:
        import_sales(
            store, _export(folder / "jan.csv", lines=100_000, first=1), dataset="Företaget"
        )
    finally:
        store.close()
    csv = _export(folder / "feb.csv", lines=100_000, first=200_000)
    parquet = folder / "feb.parquet"
    pl.read_csv(csv, separator=";", infer_schema_length=0).write_parquet(parquet)
    small = _export(folder / "small.csv", lines=100, first=900_000)
    return {"db": db, "before": _contents(db), "csv": csv, "parquet": parquet, "small": small}


def _import_with_limit(files: dict, export: Path, limit: int, tmp_path: Path) -> dict:
    db = tmp_path / "kundfokus.duckdb"
    shutil.copyfile(files["db"], db)
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    done = python("-c", _CHILD, db, export, files["small"], limit, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    outcome = json.loads(done.stdout.splitlines()[-1])
    # The database opens and holds what it held, plus only the small import made after
    # the disk had room again (100 lines, every 50th rejected).
    after = _contents(db)
    assert after["imports"] == files["before"]["imports"] + 1
    assert after["lines"] == files["before"]["lines"] + outcome["after"]
    assert outcome["after"] == 98
    small_db = tmp_path / "only_small.duckdb"
    store = Store(small_db)
    try:
        import_sales(store, files["small"], dataset="Liten")
    finally:
        store.close()
    small = _contents(small_db)
    assert after["revenue"] == files["before"]["revenue"] + small["revenue"]
    assert after["rejected"] == files["before"]["rejected"] + small["rejected"]
    return outcome


@pytest.mark.parametrize(
    ("export", "size", "stage"),
    [
        # The UTF-8 copy of the CSV (4 MB) does not fit.
        ("csv", 1_000_000, "reading"),
        # A Parquet export is read in place; its parsed rows do not fit.
        ("parquet", 300_000, "parsing"),
        # The parsed rows fit, the database's new blocks do not (it is larger already).
        ("parquet", 1_500_000, "saving"),
    ],
)
def test_a_full_disk_changes_nothing(files, export, size, stage, tmp_path):
    outcome = _import_with_limit(files, files[export], size, tmp_path)
    assert outcome["code"] == "disk_full", outcome
    assert outcome["stage"] == stage
    assert "nothing was changed" in outcome["message"]


def test_a_commit_that_cannot_be_written_changes_nothing(files, tmp_path):
    """A small import: its copy (12 kB) and parsed rows fit, its write-ahead log at the
    commit (36 kB) does not."""
    export = _export(tmp_path / "mar.csv", lines=300, first=500_000)
    outcome = _import_with_limit(files, export, 20_000, tmp_path)
    assert outcome["code"] == "disk_full", outcome
    assert outcome["stage"] == "saving"


def test_the_message_is_translated():
    exc = IngestError("disk_full", "The disk is full.")
    assert "Disken är full" in error_text(exc, lang="sv")
    assert "disk is full" in error_text(exc, lang="en")
    assert catalog("sv")["error.disk_full"] != catalog("en")["error.disk_full"]


def test_full_disk_is_recognised_through_wrapping_errors():
    assert out_of_space(OSError(28, "No space left on device"))
    wrapped = RuntimeError("Failed to commit")
    wrapped.__cause__ = OSError(27, "File too large")
    assert out_of_space(wrapped)
    assert out_of_space(Exception('IO Error: Could not write file "x.wal": File too large'))
    assert not out_of_space(ValueError("could not parse 'abc'"))
