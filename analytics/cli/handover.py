"""`import` while the app runs: the files go to the running app through its inbox
(`analytics.inbox`), and the command waits for each file's outcome and prints the same
report and exit code as an import of its own.

Waiting says so on stderr (stdout carries only the reports, as without the app): one
line, rewritten every second on a terminal.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from analytics.cli import common
from analytics.inbox import inbox_folder, outcome_report, result, submit, withdraw

__all__ = ["hand_over"]

_POLL_SECONDS = 0.2


def hand_over(args: argparse.Namespace, *, db: Path, pid: int, options: dict) -> int:
    """Hand each of `args.files` to the app (PID `pid`) holding `db`, one after the
    other, printing each report or error as `import` does; returns the exit code."""
    inbox = inbox_folder(db, args.inbox)
    if inbox is None:  # app_holds found a watcher, so there is an inbox
        msg = f"{db}: no inbox to hand the files to"
        raise common.Stop(msg)
    loaded = 0
    for path in args.files:
        if not path.is_file():
            common.fail(f"{path}: no such file")
            continue
        job_id = submit(inbox, path, options=options)
        outcome = _wait(inbox, job_id, name=path.name, pid=pid, timeout=args.wait)
        loaded += _print_outcome(outcome, name=path.name, as_json=args.json)
    return 0 if loaded == len(args.files) else 2


def _wait(inbox: Path, job_id: str, *, name: str, pid: int, timeout: float) -> dict:
    """The outcome of job `job_id`, waiting at most `timeout` seconds; raises `Stop`
    (after taking the job back when the app has not begun it) when it does not come."""
    started = time.monotonic()
    progress = _Progress(f"{name}: handed to the running app (PID {pid}) through {inbox}")
    try:
        while (waited := time.monotonic() - started) < timeout:
            outcome = result(inbox, job_id)
            if outcome is not None:
                return outcome
            progress.show(waited)
            time.sleep(_POLL_SECONDS)
    finally:
        progress.end()
    if withdraw(inbox, job_id):
        msg = (
            f"{name}: the running app did not take the file within {timeout:.0f} s; "
            "nothing was imported"
        )
    else:
        msg = (
            f"{name}: the running app is still importing the file after {timeout:.0f} s; "
            f"its report will be in {inbox / 'done'} or {inbox / 'failed'}"
        )
    raise common.Stop(msg)


def _print_outcome(outcome: dict, *, name: str, as_json: bool) -> int:
    """Print an outcome as `import` prints its own: 1 when the file was loaded."""
    from analytics.cli.data import print_report

    report = outcome_report(outcome)
    if report is None:
        error = outcome.get("error") or {}
        common.fail(f"{name}: {error.get('message', 'the import failed')}")
        return 0
    print_report(report, name=name, as_json=as_json)
    return 1


class _Progress:
    """The waiting line on stderr: rewritten in place on a terminal, else said once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.live = sys.stderr.isatty()
        self.shown = False

    def show(self, waited: float) -> None:
        if self.live:
            sys.stderr.write(f"\r{self.text}, waiting {waited:.0f} s …")
            sys.stderr.flush()
        elif not self.shown:
            print(f"{self.text}, waiting …", file=sys.stderr, flush=True)
        self.shown = True

    def end(self) -> None:
        if self.live and self.shown:
            sys.stderr.write("\n")
            sys.stderr.flush()
