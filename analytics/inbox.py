"""The inbox: files the running app imports for others while it holds the database.

DuckDB lets one process own the database file. While the app runs, the command line's
`import` cannot open it, and a scheduled ERP export has nobody to load it. Both hand
their file to the app through a folder (`data/inbox/` next to the database by default,
`$KUNDFOKUS_INBOX` or `--inbox` to choose another, `KUNDFOKUS_INBOX=off` for none):

    inbox/
      export.csv                    a dropped file: into the data set "Standard"
      Vår försäljning/export.csv    a dropped file in a folder: into that data set
      <id>.job/                     a hand-over from `python -m analytics import`:
        request.json                  the command's options and the file's own name
        <file>
      .work/<id>.job/               claimed, being imported (renamed there: one owner)
      done/<id>--<file>             loaded, with its report <id>--<file>.json beside it
      failed/<id>--<file>           not loaded, with the reason in <id>--<file>.json
      .watcher.json                 the app's heartbeat: its PID and database

Every move is a rename inside the folder, which is atomic: a writer puts a job together
under a hidden name and renames it into place, the app claims it by renaming it into
`.work/`, and the command line withdraws an unclaimed job by renaming it away. A dropped
file is taken once its size and time have not changed between two looks and it is
`settle` seconds old (an export still being written is left alone). Whatever happens to
a file, it ends in `done/` or `failed/` and is never read again: a file left in `.work/`
by a stopped app goes to `failed/` on the next start (its transaction was rolled back, so
nothing of it was loaded), so a file that stops the app cannot do it twice.

The app looks at the folder every `interval` seconds from one thread (a directory listing
costs microseconds); a poll rather than file-system events because an ERP export
often writes to a network share, where events do not arrive, and because "the file has
stopped growing" needs a second look anyway.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import threading
import time
import uuid
from dataclasses import fields
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from analytics.ingest.errors import IngestError
from analytics.ingest.report import ImportReport

if TYPE_CHECKING:
    from analytics.store import Store

__all__ = [
    "INBOX_ENV",
    "Watcher",
    "import_one",
    "inbox_folder",
    "outcome_report",
    "process_once",
    "recent",
    "recover",
    "result",
    "submit",
    "waiting",
    "watcher_pid",
    "withdraw",
]

INBOX_ENV = "KUNDFOKUS_INBOX"
_DONE, _FAILED, _WORK = "done", "failed", ".work"
_HEARTBEAT = ".watcher.json"
_REQUEST = "request.json"
_JOB = ".job"
# A heartbeat older than this is an app that stopped watching.
_FRESH_SECONDS = 15.0
# Names an export tool writes before renaming the finished file.
_UNFINISHED = re.compile(r"(^[.~]|\.(part|tmp|crdownload|partial)$|~$)", re.IGNORECASE)
# The options a hand-over may carry: those of `python -m analytics import`.
_OPTIONS = (
    "dataset",
    "profile",
    "sheet",
    "all_sheets",
    "replace_overlap",
    "earliest_date",
    "latest_date",
    "currency",
    "customers",
)


def inbox_folder(db: str | Path, explicit: str | Path | None = None) -> Path | None:
    """The inbox of the database at `db`: `explicit`, else `$KUNDFOKUS_INBOX`, else the
    folder `inbox` beside the database; None when set to `off` (or for `:memory:`)."""
    chosen = str(explicit) if explicit is not None else os.environ.get(INBOX_ENV, "").strip()
    if chosen.lower() in {"off", "0", "no"}:
        return None
    if chosen:
        return Path(chosen)
    if str(db) == ":memory:":
        return None
    return Path(db).resolve().parent / "inbox"


def import_one(store: Store, path: Path, *, name: str | None = None, options: dict) -> ImportReport:
    """Import `path` (shown as `name`) with the options of `python -m analytics import`
    (keys of `_OPTIONS`; dates as ISO text): the one way both the command line and the
    inbox load a file. Raises `IngestError` as the importer does."""
    from analytics.ingest.pipeline import import_customers, import_sales

    opts = {key: options.get(key) for key in _OPTIONS}
    dataset = opts["dataset"] or "Standard"
    if opts["customers"]:
        return import_customers(store, path, dataset=dataset, name=name, sheet=opts["sheet"])
    return import_sales(
        store,
        path,
        dataset=dataset,
        name=name,
        profile=opts["profile"],
        sheet=opts["sheet"],
        all_sheets=bool(opts["all_sheets"]),
        replace_overlap=bool(opts["replace_overlap"]),
        earliest_date=_day(opts["earliest_date"]),
        latest_date=_day(opts["latest_date"]),
        currency=opts["currency"],
    )


def _day(value: object) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value


def _new_id() -> str:
    """Sortable by time (to the microsecond) and unique: `20261203T071500.123456Z-1a2b3c4d`."""
    return f"{datetime.now(UTC):%Y%m%dT%H%M%S.%fZ}-{uuid.uuid4().hex[:8]}"


def _write_json(path: Path, data: dict) -> None:
    """Write `data` so a reader sees all of it or nothing (a hidden file, then rename)."""
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:6]}.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8")
    tmp.replace(path)


# ---- the command line's side -------------------------------------------------------


def submit(inbox: Path, file: Path, *, options: dict) -> str:
    """Hand `file` to the app watching `inbox` with the import's `options`; returns the
    job's id. The job appears complete or not at all."""
    job_id = _new_id()
    inbox.mkdir(parents=True, exist_ok=True)
    staging = inbox / f".{job_id}.staging"
    staging.mkdir()
    shutil.copyfile(file, staging / file.name)
    request = {"id": job_id, "name": file.name, "options": _json_options(options)}
    _write_json(staging / _REQUEST, request)
    staging.rename(inbox / f"{job_id}{_JOB}")
    return job_id


def _json_options(options: dict) -> dict:
    return {
        key: value.isoformat() if isinstance(value, date) else value
        for key, value in options.items()
        if key in _OPTIONS
    }


def withdraw(inbox: Path, job_id: str) -> bool:
    """Take back a job the app has not claimed yet; False when it already has."""
    away = inbox / f".{job_id}.withdrawn"
    try:
        (inbox / f"{job_id}{_JOB}").rename(away)
    except OSError:
        return False
    shutil.rmtree(away, ignore_errors=True)
    return True


def result(inbox: Path, job_id: str) -> dict | None:
    """The outcome of job `job_id` once the app has written it (else None)."""
    for folder in (_DONE, _FAILED):
        for found in (inbox / folder).glob(f"{glob_escape(job_id)}--*.json"):
            return json.loads(found.read_text(encoding="utf-8"))
    return None


def glob_escape(text: str) -> str:
    """`text` matched literally in a glob pattern."""
    return re.sub(r"([*?\[])", r"[\1]", text)


def watcher_pid(inbox: Path, db: str | Path) -> int | None:
    """The PID of the app that watches `inbox` for the database `db`, when its heartbeat
    is fresh; else None."""
    beat = inbox / _HEARTBEAT
    try:
        age = time.time() - beat.stat().st_mtime
        data = json.loads(beat.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    same_db = data.get("db") == str(Path(db).resolve())
    return int(data["pid"]) if age <= _FRESH_SECONDS and same_db else None


# ---- the app's side ----------------------------------------------------------------


def recover(inbox: Path) -> list[dict]:
    """After a stop in the middle of an import: move what was being imported to
    `failed/` (nothing of it was committed), so that it is never tried again."""
    outcomes = []
    for job in sorted((inbox / _WORK).glob(f"*{_JOB}")):
        request = _request(job)
        error = IngestError(
            "inbox_interrupted",
            "The app stopped while importing this file; nothing of it was loaded. "
            "Check the file, then put it in the inbox again.",
        )
        outcomes.append(_finish(inbox, job, request, error=error))
    return outcomes


def _request(job: Path) -> dict:
    """A job's request; for a job without one (a stop while claiming), its file's name."""
    try:
        return json.loads((job / _REQUEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        files = [p.name for p in job.iterdir() if p.name != _REQUEST]
        name = files[0] if files else "?"
        return {"id": job.name.removesuffix(_JOB), "name": name, "options": {}, "source": "drop"}


def _ready(inbox: Path, seen: dict, *, settle: float, now: float) -> list[tuple[Path, dict]]:
    """What can be taken now: hand-overs, and dropped files that have stopped changing
    (`seen` keeps each file's size and time from the last look). Oldest first."""
    ready: list[tuple[float, Path, dict]] = []
    looked: dict = {}
    for entry in _entries(inbox):
        if entry.is_dir() and entry.name.endswith(_JOB):
            ready.append((entry.stat().st_mtime, entry, {}))
            continue
        folder_dataset = entry.parent.name if entry.parent != inbox else None
        stat = entry.stat()
        key = (stat.st_size, stat.st_mtime_ns)
        looked[entry] = key
        if seen.get(entry) == key and now - stat.st_mtime >= settle:
            ready.append((stat.st_mtime, entry, {"dataset": folder_dataset}))
    seen.clear()
    seen.update(looked)
    return [(path, options) for _, path, options in sorted(ready, key=lambda r: r[0])]


def _entries(inbox: Path) -> list[Path]:
    """Jobs and files in the inbox and in its data set folders (one level deep)."""
    found: list[Path] = []
    for entry in inbox.iterdir() if inbox.is_dir() else []:
        if _UNFINISHED.search(entry.name) or entry.name in {_DONE, _FAILED}:
            continue
        if entry.is_dir() and not entry.name.endswith(_JOB):
            found.extend(
                sub for sub in entry.iterdir() if sub.is_file() and not _UNFINISHED.search(sub.name)
            )
        elif entry.is_dir() or entry.is_file():
            found.append(entry)
    return found


def _claim(inbox: Path, entry: Path, options: dict) -> Path | None:
    """Move a job or a dropped file into `.work/` as a job; None when someone else
    took it first."""
    work = inbox / _WORK
    work.mkdir(parents=True, exist_ok=True)
    if entry.is_dir():
        target = work / entry.name
        try:
            entry.rename(target)
        except OSError:
            return None
        return target
    job_id = _new_id()
    target = work / f"{job_id}{_JOB}"
    target.mkdir()
    try:
        entry.rename(target / entry.name)
    except OSError:
        target.rmdir()
        return None
    request = {"id": job_id, "name": entry.name, "options": options, "source": "drop"}
    _write_json(target / _REQUEST, request)
    return target


def process_once(
    store: Store, inbox: Path, *, seen: dict | None = None, settle: float = 2.0
) -> list[dict]:
    """Import everything ready in `inbox` (see `_ready`), one file after another; returns
    the outcomes written to `done/` and `failed/`. `seen` carries what the last look saw
    (a fresh dict: only hand-overs are ready, a dropped file needs a second look)."""
    seen = {} if seen is None else seen
    outcomes = []
    for entry, options in _ready(inbox, seen, settle=settle, now=time.time()):
        job = _claim(inbox, entry, options)
        if job is None:
            continue
        request = _request(job)
        file = job / request["name"]
        try:
            report = import_one(store, file, name=request["name"], options=request["options"])
        except IngestError as exc:
            outcomes.append(_finish(inbox, job, request, error=exc))
        except Exception as exc:  # whatever the file does, it ends in failed/, once
            error = IngestError("inbox_failed", f"the import failed ({type(exc).__name__}: {exc})")
            outcomes.append(_finish(inbox, job, request, error=error))
        else:
            _checkpoint(store)
            outcomes.append(_finish(inbox, job, request, report=report))
    return outcomes


def _checkpoint(store: Store) -> None:
    """Write what an unattended import committed into the database file itself, not
    only its write-ahead log: the app runs for weeks and is rarely closed cleanly. A
    checkpoint that cannot run now (another write under way) is left to DuckDB."""
    with contextlib.suppress(duckdb.Error):
        store.scalar("checkpoint")


def _finish(
    inbox: Path,
    job: Path,
    request: dict,
    *,
    report: ImportReport | None = None,
    error: IngestError | None = None,
) -> dict:
    """Move the job's file to `done/` or `failed/` with its outcome beside it, then
    remove the job. The outcome is written last: once it is there, all is done."""
    folder = inbox / (_DONE if report is not None else _FAILED)
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"{request['id']}--{request['name']}"
    source = job / request["name"]
    if source.exists():
        source.replace(folder / stem)
    outcome = {
        "id": request["id"],
        "file_name": request["name"],
        "source": request.get("source", "cli"),
        "options": request.get("options", {}),
        "status": "done" if report is not None else "failed",
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "report": None if report is None else report.to_json(),
        "amounts": None if report is None else _exact_amounts(report),
        "error": None
        if error is None
        else {"code": error.code, "message": str(error), "params": error.params},
    }
    _write_json(folder / f"{stem}.json", outcome)
    shutil.rmtree(job, ignore_errors=True)
    return outcome


def _exact_amounts(report: ImportReport) -> dict[str, str]:
    """The report's amounts as exact text (its JSON has them as numbers)."""
    return {
        "revenue_loaded": str(report.revenue_loaded),
        "revenue_rejected": str(report.revenue_rejected),
    }


def outcome_report(outcome: dict) -> ImportReport | None:
    """The import report of an outcome, exact as the import made it (None when failed)."""
    data = outcome.get("report")
    if data is None:
        return None
    known = {f.name for f in fields(ImportReport)}
    values = {key: value for key, value in data.items() if key in known}
    for key in ("first_date", "last_date"):
        values[key] = _day(values.get(key))
    for key, text in (outcome.get("amounts") or {}).items():
        values[key] = Decimal(text)
    return ImportReport(**values)


def recent(inbox: Path, *, limit: int = 20) -> list[dict]:
    """The newest outcomes in `done/` and `failed/`, newest first."""
    found = [
        path
        for folder in (_DONE, _FAILED)
        for path in (inbox / folder).glob("*.json")
        if not path.name.startswith(".")
    ]
    found.sort(key=lambda p: p.name, reverse=True)
    outcomes = []
    for path in found[:limit]:
        try:
            outcomes.append(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            continue
    return outcomes


def waiting(inbox: Path) -> list[str]:
    """The names of the files waiting in `inbox` or being imported, oldest first."""
    found = []
    for entry in [*_entries(inbox), *(inbox / _WORK).glob(f"*{_JOB}")]:
        try:  # a file taken or finished while we look is no longer waiting
            name = _request(entry)["name"] if entry.is_dir() else entry.name
            found.append((entry.stat().st_mtime, name))
        except OSError:
            continue
    return [name for _, name in sorted(found)]


class Watcher(threading.Thread):
    """The app's look at the inbox every `interval` seconds, in a thread of its own:
    files are imported when nobody has the app open too (a nightly export). Its
    heartbeat, kept by a second small thread so that it stays fresh through a long
    import, tells the command line that this process takes hand-overs."""

    def __init__(self, store: Store, inbox: Path, *, interval: float = 1.0) -> None:
        super().__init__(name="kundfokus-inbox", daemon=True)
        self.store, self.inbox, self.interval = store, inbox, interval
        self._halt = threading.Event()
        self._seen: dict = {}

    def run(self) -> None:
        self.inbox.mkdir(parents=True, exist_ok=True)
        (self.inbox / _HEARTBEAT).unlink(missing_ok=True)
        self._beat()
        threading.Thread(
            target=self._keep_beating, name="kundfokus-inbox-beat", daemon=True
        ).start()
        recover(self.inbox)
        while not self._halt.is_set():
            # The folder gone or unreadable for a moment: look again next time. (A file's
            # own failure does not come here: it ends in failed/.)
            with contextlib.suppress(OSError):
                process_once(self.store, self.inbox, seen=self._seen)
            self._halt.wait(self.interval)

    def _keep_beating(self) -> None:
        while not self._halt.wait(self.interval):
            with contextlib.suppress(OSError):
                self._beat()

    def _beat(self) -> None:
        """Tell the command line this process is here (a fresh time on the heartbeat)."""
        beat = self.inbox / _HEARTBEAT
        try:
            os.utime(beat)
        except FileNotFoundError:
            data = {"pid": os.getpid(), "db": str(Path(self.store.path).resolve())}
            _write_json(beat, data)

    def stop(self) -> None:
        """Stop looking (after the file being imported, if any) and drop the heartbeat."""
        self._halt.set()
        if self.is_alive() and threading.current_thread() is not self:
            self.join(timeout=30)
        (self.inbox / _HEARTBEAT).unlink(missing_ok=True)
