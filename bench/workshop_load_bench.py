"""A full workshop under load, in the real browser, on the demo company.

The app starts on a copy of the demo company with one workshop. First one participant
alone moves weight sliders (`--moves` times): the single session's repaint. Then
`--load-sessions` participants join at once, each in a chromium of their own (as from
their own laptops), and for `--load-seconds` (and until the import below is done) each
moves weight sliders (every move is saved) and, every fourth action, gives one
customer a 1–5 assessment in the editor and saves it. Meanwhile the facilitator's
screen is open and refreshes by itself, and on another page of the facilitator's
machine someone imports a `--load-lines` export (made by `bench.make_data`) through the
import page, into a data set of its own (the name the page proposes).

Reported:

- `errors`: script errors in any page, error boxes the app showed, and actions that did
  not finish (a save that never confirmed, a repaint that never came); must be 0.
- `lost_writes`: read back with SQL once the server has stopped, every assessment a
  participant saw confirmed and every participant's weights as their sliders stood at
  the end, compared with the database; must be 0.
- a slider move's repaint (from the key press until the page has rerun and painted) under
  load against the single session's, median and 95th percentile (`ratio` below 1: that
  many times slower under load), the facilitator's repaints, and the import's time.
- `server_peak_mb`: the server process's peak resident memory (its `VmHWM`, and psutil
  polled every 100 ms where /proc is missing).

Chromium runs on the same machine as the server, so on a small machine the browsers'
own work slows the server too; the report says how busy the machine was (load average).
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import tempfile
import threading
import time
from argparse import Namespace
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from analytics.scoring import CRITERIA, TEAM_CRITERIA
from analytics.store import Store
from analytics.workshop import create_workshop
from bench.browser_helpers import (
    FOLLOW_RUNS,
    WATCH_RERUN,
    cell_text,
    launch,
    open_tab,
    slider_thumb,
    time_summary,
    type_into_cell,
)
from bench.import_bench import _data_dir, _export
from bench.memory import MB, process_peak_mb
from locales import catalog
from tests.browser import IDLE, chromium_path, demo_copy, running_server

__all__ = ["measure_workshop_load"]

_SV = catalog("sv")
_KEYS = [c.key for c in CRITERIA]
_MEAN_PREFIX = _SV["ws.mean_line"].replace("**", "").split("(")[0].strip()
_TIMEOUT_MS = 300_000  # every wait: a loaded 2-core machine is slow, never stuck
_SCORE_EVERY = 4  # every fourth action saves an assessment, the others move a slider
_ROWS = 8  # assessments go to the first rows, all in view without scrolling
_EXCEPTION = "[data-testid=stException]"
_THUMB_VALUE = "el => el.value || el.getAttribute('aria-valuenow')"


@dataclass
class _Session:
    """What one participant did and saw."""

    name: str
    repaint: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    scores: dict[tuple[str, str], int] = field(default_factory=dict)
    weights: dict[str, float] = field(default_factory=dict)
    saves: int = 0


class _MemoryWatch:
    """The server process's RSS polled every 100 ms in a thread; `peak_mb()` at the end."""

    def __init__(self, pid: int) -> None:
        import psutil

        self._process = psutil.Process(pid)
        self._pid = pid
        self.polled = 0
        self.start_mb = self._process.memory_info().rss / MB
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(0.1):
            try:
                self.polled = max(self.polled, self._process.memory_info().rss)
            except Exception:  # the server has gone: keep the peak seen
                return

    def peak_mb(self) -> float:
        self._stop.set()
        self._thread.join()
        high_water = process_peak_mb(self._pid) or 0.0
        return round(max(high_water, self.polled / MB), 1)


def _prepare(db: Path) -> tuple[int, str]:
    """A copy of the demo company with one workshop (12 months); its id and join code."""
    demo_copy(db)
    store = Store(db)
    try:
        dataset_id = int(store.datasets()["dataset_id"][0])
        made = create_workshop(store, name="Belastning", dataset_id=dataset_id, period="12m")
    finally:
        store.close()
    return made["workshop_id"], made["code"]


async def _idle(page) -> None:
    await page.wait_for_selector(IDLE, timeout=_TIMEOUT_MS)


async def _join(browser, url: str, code: str, session: _Session):
    """A participant's own browser context in `browser` on the join page, weights sent."""
    context = await browser.new_context(viewport={"width": 1000, "height": 1000})
    context.set_default_timeout(_TIMEOUT_MS)
    page = await context.new_page()
    page.on("pageerror", lambda exc: session.errors.append(f"{session.name}: {exc}"))
    await page.goto(f"{url}/join?code={code}", timeout=_TIMEOUT_MS)
    await _idle(page)
    await page.get_by_label(_SV["join.name"]).fill(session.name)
    await page.get_by_role("button", name=_SV["join.submit"]).click()
    send = page.get_by_role("button", name=_SV["join.submit_weights"])
    await send.click(timeout=_TIMEOUT_MS)
    await page.get_by_text(_SV["join.sent"]).wait_for(timeout=_TIMEOUT_MS)
    await _idle(page)
    return page


async def _slider_value(page, key: str) -> int:
    thumb = slider_thumb(page, _SV[f"criterion.{key}"])
    # Streamlit's thumb: an input of type range, its value as the `value` property.
    return int(await thumb.evaluate(_THUMB_VALUE, timeout=_TIMEOUT_MS))


async def _move(page, session: _Session, rng: random.Random) -> None:
    """One slider move (saved by the page), timed until the page has rerun and painted."""
    await open_tab(page, _SV["join.tab.weights"])
    await _idle(page)
    key = rng.choice(_KEYS)
    value = await _slider_value(page, key)
    down = value >= 100 or (value > 0 and rng.random() < 0.5)
    thumb = slider_thumb(page, _SV[f"criterion.{key}"])
    await thumb.focus()
    await page.evaluate(WATCH_RERUN)
    await thumb.press("ArrowLeft" if down else "ArrowRight")
    moved = page.evaluate("() => window.__kfMove")
    try:
        session.repaint.append(await asyncio.wait_for(moved, _TIMEOUT_MS / 1000))
    except TimeoutError:
        # Say what the page shows, so that a lost key press and a lost rerun differ.
        now = await _slider_value(page, key)
        app = page.get_by_test_id("stApp")
        state = [
            await app.get_attribute(f"data-test-{name}-state") for name in ("script", "connection")
        ]
        watch = await page.evaluate("() => window.__kfWatch")
        msg = f"no rerun after a move of {key} from {value} (now {now}; {state}; {watch})"
        raise TimeoutError(msg) from None


async def _assess(page, session: _Session, rng: random.Random) -> None:
    """One customer's 1–5 score for one team criterion, typed into the editor and saved;
    kept as expected once the page confirms the save."""
    await open_tab(page, _SV["join.tab.assess"])
    await _idle(page)
    grid = page.get_by_test_id("stDataFrame").filter(visible=True).first
    row, column = rng.randrange(_ROWS), rng.randrange(len(TEAM_CRITERIA))
    customer = await cell_text(grid, column=0, row=row)
    criterion = TEAM_CRITERIA[column]
    before = session.scores.get((customer, criterion))
    value = rng.choice([v for v in range(1, 6) if v != before])
    # Past number, name and revenue to the criterion's column.
    await type_into_cell(
        page, grid, row=row, column=3 + column, text=str(value), timeout=_TIMEOUT_MS
    )
    save = page.get_by_role("button", name=_SV["join.save_assess"].format(count=1))
    await save.click(timeout=_TIMEOUT_MS)
    saved = page.get_by_text(_SV["join.assess_saved"].format(count=1))
    await saved.wait_for(timeout=_TIMEOUT_MS)
    session.scores[(customer, criterion)] = value
    session.saves += 1


async def _work(page, session: _Session, rng: random.Random, done) -> None:
    """Slider moves and saved assessments until `done()`, at least one assessment; then
    the sliders as they stand."""
    action = 0
    while action < _SCORE_EVERY or not done():
        act = _assess if action % _SCORE_EVERY == _SCORE_EVERY - 1 else _move
        action += 1
        try:
            await act(page, session, rng)
            if await page.locator(_EXCEPTION).count():
                text = await page.locator(_EXCEPTION).first.inner_text()
                session.errors.append(f"{session.name}: the app showed an error: {text[:200]}")
        except Exception as exc:  # any failed action counts as an error
            session.errors.append(f"{session.name}: {type(exc).__name__}: {str(exc)[:200]}")
    await open_tab(page, _SV["join.tab.weights"])
    await _idle(page)
    session.weights = {key: float(await _slider_value(page, key)) for key in _KEYS}


async def _facilitator(browser, url: str, errors: list[str]):
    """The facilitator's screen, open on the workshop and following every run."""
    page = await browser.new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(_TIMEOUT_MS)
    page.on("pageerror", lambda exc: errors.append(f"facilitator: {exc}"))
    await page.goto(url, timeout=_TIMEOUT_MS)
    await _idle(page)
    await page.get_by_role("link", name=_SV["ws.nav"], exact=True).click()
    await page.get_by_text(_MEAN_PREFIX).first.wait_for(timeout=_TIMEOUT_MS)
    await _idle(page)
    await page.evaluate(FOLLOW_RUNS, _MEAN_PREFIX)
    return page


async def _import(browser, url: str, export: Path, errors: list[str], finished) -> float:
    """The export uploaded and loaded on the import page; seconds from the upload until
    the report shows. Sets `finished` either way."""
    started = time.monotonic()
    try:
        page = await browser.new_page(viewport={"width": 1400, "height": 1000})
        page.set_default_timeout(_TIMEOUT_MS)
        page.on("pageerror", lambda exc: errors.append(f"import: {exc}"))
        await page.goto(url, timeout=_TIMEOUT_MS)
        await _idle(page)
        await page.get_by_test_id("stSidebarNavLink").filter(has_text=_SV["nav.import"]).click()
        await page.get_by_role("heading", name=_SV["import.title"]).wait_for(timeout=_TIMEOUT_MS)
        await _idle(page)
        started = time.monotonic()
        await page.locator("input[type=file]").set_input_files(str(export))
        await page.get_by_text(_SV["import.preview"]).wait_for(timeout=_TIMEOUT_MS)
        await _idle(page)
        await page.get_by_role("button", name=_SV["import.go"], exact=True).click()
        await page.get_by_text(_SV["import.report"]).wait_for(timeout=_TIMEOUT_MS)
        if await page.locator(_EXCEPTION).count():
            errors.append("import: the app showed an error")
    except Exception as exc:  # a failed import counts as an error
        errors.append(f"import: {type(exc).__name__}: {str(exc)[:200]}")
    finally:
        finished.set()
    return time.monotonic() - started


async def _solo(browser, url: str, code: str, moves: int, rng: random.Random) -> _Session:
    """One participant alone: `moves` slider moves with nothing else running."""
    session = _Session("Ensam")
    page = await _join(browser, url, code, session)
    for _ in range(moves):
        await _move(page, session, rng)
    session.weights = {key: float(await _slider_value(page, key)) for key in _KEYS}
    await page.context.close()
    return session


async def _drive(url: str, code: str, export: Path, args: Namespace) -> dict:
    """The whole run in one chromium: the single session, then the full workshop."""
    from playwright.async_api import async_playwright

    rng = random.Random(args.seed)
    errors: list[str] = []
    async with async_playwright() as playwright:
        browser = await launch(playwright)
        solo = await _solo(browser, url, code, args.moves, rng)
        screen = await _facilitator(browser, url, errors)
        sessions = [_Session(f"P{i + 1}") for i in range(args.load_sessions)]
        # Each laptop is a chromium of its own: one window's focus is never shared.
        laptops = [await launch(playwright) for _ in sessions]
        pages = await asyncio.gather(
            *(_join(b, url, code, s) for b, s in zip(laptops, sessions, strict=True))
        )
        imported = asyncio.Event()
        started = time.monotonic()

        def done() -> bool:
            return imported.is_set() and time.monotonic() - started >= args.load_seconds

        rngs = [random.Random(rng.random()) for _ in sessions]
        import_seconds, *_ = await asyncio.gather(
            _import(browser, url, export, errors, imported),
            *(_work(p, s, r, done) for p, s, r in zip(pages, sessions, rngs, strict=True)),
        )
        seconds = time.monotonic() - started
        if await screen.locator(_EXCEPTION).count():
            errors.append("facilitator: the app showed an error")
        runs = await screen.evaluate("() => window.__kfRuns")
        for laptop in laptops:
            await laptop.close()
        await browser.close()
    return {
        "solo": solo,
        "sessions": sessions,
        "errors": errors,
        "runs": runs,
        "import_s": round(import_seconds, 1),
        "seconds": round(seconds, 1),
    }


def _lost_writes(db: Path, workshop_id: int, sessions: list[_Session]) -> list[str]:
    """Every confirmed assessment and every participant's last weights, read back with
    SQL from the database file; what is missing or different."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        stored = {
            (p, c, k): v
            for p, c, k, v in con.execute(
                "select participant, customer_id, criterion, value from workshop_scores "
                "where workshop_id = ?",
                [workshop_id],
            ).fetchall()
        }
        weights = dict(
            con.execute(
                "select name, weights from workshop_participants where workshop_id = ?",
                [workshop_id],
            ).fetchall()
        )
    finally:
        con.close()
    # A score stored where the participant typed none tells a value typed into another
    # cell (the grid drawn anew under the typing) from a save that was lost.
    unexpected = {
        s.name: [f"{c} {k} = {v}" for (p, c, k), v in stored.items()
                 if p == s.name and (c, k) not in s.scores][:3]
        for s in sessions
    }  # fmt: skip
    lost = [
        f"{s.name}: {customer} {criterion} = {value}, stored {stored.get(key)}; "
        f"stored but not typed: {unexpected[s.name]}"
        for s in sessions
        for (customer, criterion), value in s.scores.items()
        if stored.get(key := (s.name, customer, criterion)) != value
    ]
    for s in sessions:
        saved = json.loads(weights[s.name]) if weights.get(s.name) else None
        if saved != s.weights:
            lost.append(f"{s.name}: weights {s.weights}, stored {saved}")
    return lost


def _facilitator_repaints(runs: list[dict]) -> list[float]:
    """The facilitator screen's runs that showed other mean weights than the run before."""
    shown, times = None, []
    for run in runs:
        if run["line"] and shown is not None and run["line"] != shown:
            times.append(run["end"] - run["start"])
        shown = run["line"] or shown
    return times


def measure_workshop_load(args: Namespace) -> dict:
    """A full workshop on the demo company: errors, lost writes, repaint against a single
    session's, the server's peak memory."""
    if chromium_path() is None:
        return {"name": "workshop_load", "skipped": "Debian chromium is not installed"}
    with _data_dir(args) as data, tempfile.TemporaryDirectory(prefix="kundfokus-bench-") as tmp:
        export = _export(data, args.load_lines, args.load_customers, args.seed)
        db = Path(tmp) / "workshop.duckdb"
        workshop_id, code = _prepare(db)
        with running_server(db, demo=True) as (url, process):
            memory = _MemoryWatch(process.pid)
            run = asyncio.run(_drive(url, code, export, args))
            peak = memory.peak_mb()
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
        sessions = [run["solo"], *run["sessions"]]
        lost = _lost_writes(db, workshop_id, sessions)
    errors = run["errors"] + [e for s in sessions for e in s.errors]
    return _result(args, run, errors=errors, lost=lost, peak=peak, start=memory.start_mb, load=load)


def _result(args: Namespace, run: dict, **seen) -> dict:
    loaded = time_summary([t for s in run["sessions"] for t in s.repaint])
    single = time_summary(run["solo"].repaint)
    screen = time_summary(_facilitator_repaints(run["runs"]))
    return {
        "name": "workshop_load",
        "lines": args.load_lines,
        "participants": args.load_sessions,
        "seconds": run["seconds"],
        "errors": len(seen["errors"]),
        "error_samples": seen["errors"][:5],
        "lost_writes": len(seen["lost"]),
        "lost_samples": seen["lost"][:5],
        "moves": sum(len(s.repaint) for s in run["sessions"]),
        "assessments_saved": sum(s.saves for s in run["sessions"]),
        # Under load against one session alone; a ratio below 1 is that many times slower.
        "ours_ms": loaded["median_ms"],
        "baseline_ms": single["median_ms"],
        "ratio": _ratio(single["median_ms"], loaded["median_ms"]),
        "ours_p95_ms": loaded["p95_ms"],
        "baseline_p95_ms": single["p95_ms"],
        "p95_ratio": _ratio(single["p95_ms"], loaded["p95_ms"]),
        "facilitator_ms": screen["median_ms"],
        "facilitator_p95_ms": screen["p95_ms"],
        "import_s": run["import_s"],
        "server_peak_mb": seen["peak"],
        "server_start_mb": round(seen["start"], 1),
        "load_average": None if seen["load"] is None else round(seen["load"], 1),
        "cores": os.cpu_count(),
    }


def _ratio(baseline: float | None, ours: float | None) -> float | None:
    return round(baseline / ours, 3) if baseline and ours else None
