"""A slider move in the real browser: time until the focus list is repainted.

Runs twice: on the demo company (as the app's first start holds it) and on a database
with many customers and lines built directly in DuckDB (the import is measured
elsewhere). Each time it starts the app, opens the focus list in Debian's chromium and
moves weight sliders with the keyboard. Each move is timed from the key press until the
app's script state has gone from running back to idle and the next frame is painted.
Printed as a median; never asserted in tests.
"""

from __future__ import annotations

import statistics
import tempfile
from argparse import Namespace
from pathlib import Path

from analytics.store import Store
from bench.browser_helpers import WATCH_RERUN, launch, slider_thumb
from locales import catalog
from tests.browser import chromium_path, running_app, wait_idle

__all__ = ["build_database", "measure_slider_browser"]

_SV = catalog("sv")


def build_database(path: Path, *, lines: int, customers: int, seed: int) -> None:
    """A data set of `lines` sales lines over one year for `customers` customers."""
    store = Store(path)
    with store.transaction() as cur:
        cur.execute(f"select setseed({(seed % 1000) / 1000})")
        cur.execute("insert into datasets (name) values ('Bench')")
        cur.execute(
            "insert into imports (dataset_id, kind, file_name, content_hash, rows_read, "
            "rows_loaded, rows_rejected) values (1, 'sales', 'bench', 'bench', ?, ?, 0)",
            [lines, lines],
        )
        cur.execute(
            f"""
            insert into sales_lines (dataset_id, import_id, line_no, customer_id,
                customer_name, invoice_date, invoice_number, revenue, cost, product_group,
                due_date, paid_date)
            select 1, 1, i + 2, c, 'Kund ' || c, d, 'F' || (i // 3), r,
                   round(r * (0.6 + 0.45 * random()), 2), 'G' || (i % 8), d + 30,
                   d + 30 + (random() * 20)::int - 5
            from (
                select i,
                       lpad((case when i < {customers} then i
                             else floor({customers} * pow(random(), 3)) end)::bigint::varchar,
                            6, '0') as c,
                       date '2025-11-01' + (random() * 364)::int as d,
                       round(exp(5 + 2 * random()), 2) as r
                from range({lines}) t(i)
            )
            """
        )
    store.close()


def _focus_list_moves(playwright, db: Path, *, demo: bool, moves: int) -> list[float]:
    """Start the app on `db`, open the focus list and time `moves` slider moves."""
    with running_app(db, demo=demo) as url:
        browser = launch(playwright)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(url)
        wait_idle(page, timeout=600_000)
        page.get_by_test_id("stSidebarNavLink").filter(has_text=_SV["nav.focus"]).click()
        page.get_by_text(_SV["focus.leaders"].split("**")[0].strip()).wait_for(timeout=600_000)
        wait_idle(page, timeout=600_000)
        labels = [_SV[f"criterion.{k}"] for k in ("revenue", "gross_margin", "frequency")]
        times = []
        for move in range(moves):
            thumb = slider_thumb(page, labels[move % len(labels)])
            thumb.focus()
            page.evaluate(WATCH_RERUN)
            thumb.press("ArrowRight" if move % 2 == 0 else "ArrowLeft")
            times.append(page.evaluate("() => window.__kfMove"))
        browser.close()
    return times


def measure_slider_browser(args: Namespace) -> dict:
    """Median repaint time of `args.moves` slider moves on the focus list (milliseconds),
    on the demo company and on a large data set."""
    from playwright.sync_api import sync_playwright

    if chromium_path() is None:
        return {"name": "slider_browser", "skipped": "Debian chromium is not installed"}
    with tempfile.TemporaryDirectory(prefix="kundfokus-bench-") as folder:
        db = Path(folder) / "bench.duckdb"
        build_database(db, lines=args.slider_lines, customers=args.slider_customers, seed=args.seed)
        with sync_playwright() as playwright:
            demo = _focus_list_moves(
                playwright, Path(folder) / "demo.duckdb", demo=True, moves=args.moves
            )
            times = _focus_list_moves(playwright, db, demo=False, moves=args.moves)
    return {
        "name": "slider_browser",
        "lines": args.slider_lines,
        "customers": args.slider_customers,
        "moves": args.moves,
        # The median repaint; no naive browser baseline exists to run beside it.
        "ours_ms": round(statistics.median(times), 1),
        "baseline_ms": None,
        "ratio": None,
        "max_ms": round(max(times), 1),
        "times_ms": [round(t, 1) for t in times],
        "demo_ms": round(statistics.median(demo), 1),
        "demo_max_ms": round(max(demo), 1),
        "demo_times_ms": [round(t, 1) for t in demo],
    }
