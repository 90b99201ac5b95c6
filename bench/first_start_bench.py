"""First start: how long after the server answers the first visitor sees the demo
company's overview.

Ours is `make run`: `python -m analytics prepare` builds the database before the server
starts (its time is reported beside, as `prepare_ms`), so the first session only opens
it. The baseline is a server started on an empty database, whose first session imports
the demo company itself, as the app did before `prepare`. Both are timed in Debian's
chromium from opening the page until its figures show and the run has finished.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from argparse import Namespace
from pathlib import Path

from bench.browser_helpers import launch
from tests.browser import chromium_path, running_server, wait_idle

__all__ = ["measure_first_start"]

ROOT = Path(__file__).resolve().parent.parent
_TIMEOUT_MS = 600_000


def _prepare(db: Path) -> float:
    """`python -m analytics prepare` on `db`; milliseconds it took."""
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "analytics", "prepare"],
        cwd=ROOT,
        env={**os.environ, "KUNDFOKUS_DB": str(db)},
        check=True,
        capture_output=True,
    )
    return (time.perf_counter() - started) * 1000


def _first_page_ms(playwright, db: Path, *, prebuilt: bool) -> float:
    """Milliseconds from opening the app (its server answering) until the first page
    shows its figures and has finished its run."""
    with running_server(db, demo=True, prebuilt=prebuilt) as (url, _process):
        browser = launch(playwright)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        started = time.perf_counter()
        page.goto(url, timeout=_TIMEOUT_MS)
        page.get_by_test_id("stMetricValue").first.wait_for(timeout=_TIMEOUT_MS)
        wait_idle(page, timeout=_TIMEOUT_MS)
        elapsed = (time.perf_counter() - started) * 1000
        browser.close()
    return elapsed


def measure_first_start(args: Namespace) -> dict:
    """The first page after a start with the database prepared, against one whose first
    session imports the demo company (milliseconds)."""
    from playwright.sync_api import sync_playwright

    if chromium_path() is None:
        return {"name": "first_start", "skipped": "Debian chromium is not installed"}
    with tempfile.TemporaryDirectory(prefix="kundfokus-bench-") as folder:
        prepared, empty = Path(folder) / "prepared.duckdb", Path(folder) / "empty.duckdb"
        prepare_ms = _prepare(prepared)
        with sync_playwright() as playwright:
            ours = _first_page_ms(playwright, prepared, prebuilt=True)
            baseline = _first_page_ms(playwright, empty, prebuilt=False)
    return {
        "name": "first_start",
        "ours_ms": round(ours, 1),
        "baseline_ms": round(baseline, 1),
        "ratio": round(baseline / ours, 2),
        "prepare_ms": round(prepare_ms, 1),
    }
