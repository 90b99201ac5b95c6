"""A participant's save in the real browser: time until the facilitator's screen shows it.

Builds the same data set as the slider measurement (`slider_bench.build_database`),
creates a workshop with `--participants` participants who have all saved weights, starts
the app, opens the facilitator's screen in Debian's chromium and, in a second browser
context (a participant's phone), joins as the first participant on the join page. Each
round moves one of that participant's sliders to its end (every move is saved) and waits
until the facilitator's screen shows the new mean weights.

Two times per round, both from the facilitator's page:

- `ours_ms` (repaint): from the start of the facilitator screen's run that picked up the
  save (its check for a change) until the screen is redrawn and the next frame is
  painted: the consensus recomputed for the new state, and every table and chart redrawn.
- `save_to_screen_ms`: from the key press on the participant's phone until then; it
  includes waiting for the screen's next check for a change (every 2 seconds).

Runs of the facilitator's screen that found no new save are timed as `idle_ms` (a check
that finds nothing new and draws nothing). There is no naive baseline in the browser: after a save
the consensus is recomputed from scratch either way (the naive consensus is measured
against ours in `workshop_consensus`). Printed as median and 95th percentile; never
asserted in tests.
"""

from __future__ import annotations

import statistics
import tempfile
from argparse import Namespace
from pathlib import Path

from analytics.scoring import DEFAULT_WEIGHTS
from analytics.store import Store
from analytics.workshop import create_workshop, save_participant_weights
from bench.browser_helpers import FOLLOW_RUNS, launch, percentile, slider_thumb
from bench.slider_bench import build_database
from locales import catalog
from tests.browser import chromium_path, running_app, wait_idle

__all__ = ["measure_workshop_browser"]

_SV = catalog("sv")
_MEAN_PREFIX = _SV["ws.mean_line"].replace("**", "").split("(")[0].strip()
# Resolves with the first finished run after `since` (epoch ms) that shows another line.
_CHANGED = """
([since, before]) => new Promise((resolve, reject) => {
  const limit = Date.now() + 120000;
  const look = () => {
    const index = window.__kfRuns.findIndex(
      (r) => r.end > since && r.line && r.line !== before);
    if (index >= 0) return resolve({...window.__kfRuns[index], index});
    if (Date.now() > limit) return reject(new Error('the screen did not follow the save'));
    setTimeout(look, 20);
  };
  look();
})
"""


def _prepare(db: Path, args: Namespace) -> str:
    """The data set and a workshop whose participants P1…Pn have all saved weights;
    returns the join code."""
    build_database(db, lines=args.workshop_lines, customers=args.workshop_customers, seed=args.seed)
    store = Store(db)
    made = create_workshop(store, name="Bench", dataset_id=store.dataset_id("Bench"), period="all")
    keys = list(DEFAULT_WEIGHTS)
    for i in range(args.participants):
        # Each participant turns a different criterion up, so the weights disagree.
        own = {**DEFAULT_WEIGHTS, keys[i % len(keys)]: 60.0}
        save_participant_weights(store, made["workshop_id"], f"P{i + 1}", own)
    store.close()
    return made["code"]


def _joined_phone(browser, url: str, code: str):
    """A phone-sized page of one participant, P1, joined to the workshop `code`."""
    phone = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    phone.goto(f"{url}/join?code={code}")
    wait_idle(phone, timeout=600_000)
    phone.get_by_label(_SV["join.name"]).fill("P1")
    phone.get_by_role("button", name=_SV["join.submit"]).click()
    phone.get_by_text(_SV["join.sent"]).wait_for(timeout=600_000)
    wait_idle(phone, timeout=600_000)
    return phone


def measure_workshop_browser(args: Namespace) -> dict:
    """Median and 95th percentile of the facilitator's repaint after a save (milliseconds)."""
    from playwright.sync_api import sync_playwright

    if chromium_path() is None:
        return {"name": "workshop_browser", "skipped": "Debian chromium is not installed"}
    repaint: list[float] = []
    total: list[float] = []
    picked: set[int] = set()
    with tempfile.TemporaryDirectory(prefix="kundfokus-bench-") as folder:
        db = Path(folder) / "bench.duckdb"
        code = _prepare(db, args)
        with sync_playwright() as playwright, running_app(db, demo=False) as url:
            browser = launch(playwright)
            screen = browser.new_page(viewport={"width": 1400, "height": 1000})
            screen.goto(url)
            wait_idle(screen, timeout=600_000)
            screen.get_by_role("link", name=_SV["ws.nav"], exact=True).click()
            screen.get_by_text(_MEAN_PREFIX).first.wait_for(timeout=600_000)
            wait_idle(screen, timeout=600_000)
            line = screen.evaluate(FOLLOW_RUNS, _MEAN_PREFIX)

            phone = _joined_phone(browser, url, code)
            label = _SV["criterion.revenue"]
            for move in range(args.moves):
                thumb = slider_thumb(phone, label)
                thumb.focus()
                pressed = phone.evaluate("() => Date.now()")
                # To the end and back: a large change, so the rounded mean shares change.
                thumb.press("End" if move % 2 == 0 else "Home")
                run = screen.evaluate(_CHANGED, [pressed, line])
                repaint.append(run["end"] - run["start"])
                total.append(run["end"] - pressed)
                line = run["line"]
                picked.add(run["index"])
                wait_idle(phone, timeout=600_000)
            runs = screen.evaluate("() => window.__kfRuns")
            browser.close()
    idle = [r["end"] - r["start"] for i, r in enumerate(runs) if i not in picked]
    return {
        "name": "workshop_browser",
        "lines": args.workshop_lines,
        "customers": args.workshop_customers,
        "participants": args.participants,
        "moves": args.moves,
        # The repaint after a save; no naive browser baseline exists to run beside it.
        "ours_ms": round(statistics.median(repaint), 1),
        "ours_p95_ms": round(percentile(repaint, 0.95), 1),
        "baseline_ms": None,
        "ratio": None,
        "save_to_screen_ms": round(statistics.median(total), 1),
        "save_to_screen_p95_ms": round(percentile(total, 0.95), 1),
        "idle_ms": round(statistics.median(idle), 1) if idle else None,
        "times_ms": [round(t, 1) for t in repaint],
    }
