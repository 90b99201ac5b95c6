"""Temporary files of imports and uploads, and what a crash leaves of them.

An import writes a UTF-8 copy of the file and its parsed rows into a private folder
(`work_directory`), and DuckDB spills large sorts and aggregations beside the database
(`spill_directory`). Both go when the work ends; a process killed on the way (power cut,
`kill -9`) leaves them behind, so the next start removes them (`remove_stale`): a
folder whose name carries the id of a process that no longer runs, and the spill files
of a database nobody has open.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

__all__ = [
    "WORK_PREFIX",
    "remove_stale",
    "remove_stale_spill",
    "remove_stale_work",
    "spill_directory",
    "work_directory",
]

# A work folder is `kundfokus-<pid>-<random>` in the system's temporary folder.
WORK_PREFIX = "kundfokus-"


def work_directory(kind: str = "import") -> tempfile.TemporaryDirectory:
    """A private temporary folder named after this process (`kundfokus-<pid>-<kind>-…`),
    so that the next start can tell it is left over when this process is gone."""
    return tempfile.TemporaryDirectory(prefix=f"{WORK_PREFIX}{os.getpid()}-{kind}-")


def spill_directory(db_path: str | Path) -> Path:
    """Where DuckDB spills for the database at `db_path`: beside it, `<name>.tmp`."""
    return Path(f"{Path(db_path).resolve()}.tmp")


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # another user's process, or no way to tell: leave its folder alone
    return True


def remove_stale_work(folder: str | Path | None = None) -> list[Path]:
    """Remove the work folders in `folder` (default: the system's temporary folder)
    whose process no longer runs; returns what was removed."""
    base = Path(folder or tempfile.gettempdir())
    removed: list[Path] = []
    try:
        entries = list(base.glob(f"{WORK_PREFIX}*-*"))
    except OSError:
        return removed
    for entry in entries:
        pid_text = entry.name.removeprefix(WORK_PREFIX).split("-", 1)[0]
        if not pid_text.isdigit() or _alive(int(pid_text)) or not entry.is_dir():
            continue
        shutil.rmtree(entry, ignore_errors=True)
        removed.append(entry)
    return removed


def remove_stale_spill(db_path: str | Path) -> list[Path]:
    """Remove DuckDB's spill files beside the database at `db_path`. Call it only while
    holding the database and before anything can spill: nobody else can be using them."""
    spill = spill_directory(db_path)
    removed: list[Path] = []
    if not spill.is_dir():
        return removed
    for entry in spill.iterdir():
        if entry.name.startswith("duckdb_temp"):
            entry.unlink(missing_ok=True)
            removed.append(entry)
    return removed


def remove_stale(db_path: str | Path | None) -> list[Path]:
    """What a crashed import left: stale work folders, and the spill files of the
    database at `db_path` (when it is a file)."""
    removed = remove_stale_work()
    if db_path is not None and str(db_path) != ":memory:":
        removed += remove_stale_spill(db_path)
    return removed
