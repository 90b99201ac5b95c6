"""Take the README screenshots in the real browser: the focus list of the demo company
(`docs/screenshot.png`), the facilitator's screen of a workshop with four
participants on it (`docs/workshop.png`) and the cost to serve of the demo company
(`docs/cost_to_serve.png`).

Run with `make screenshot`.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from locales import catalog
from tests.browser import ROOT, chromium_path, running_app, wait_idle

TARGET = ROOT / "docs" / "screenshot.png"
WORKSHOP_TARGET = ROOT / "docs" / "workshop.png"
COST_TARGET = ROOT / "docs" / "cost_to_serve.png"
# Four leaders with different views of what matters.
_PARTICIPANTS = {
    "Anna": {"revenue": 40, "gross_margin": 40, "strategic_fit": 20},
    "Björn": {"gross_margin": 60, "growth": 20, "potential": 20},
    "Carina": {"revenue": 20, "frequency": 30, "tenure": 30, "relationship": 20},
    "David": {"gross_margin": 50, "margin_pct": 20, "payment_delay": 10, "dependency": 20},
}


def _workshop_database(path: Path) -> None:
    """The demo company with a workshop of four participants, some assessments and a pin."""
    import polars as pl

    from analytics.demo import DEMO_CUSTOMERS_FILE, DEMO_SALES_FILE
    from analytics.ingest.pipeline import import_customers, import_sales
    from analytics.store import Store
    from analytics.workshop import (
        create_workshop,
        save_participant_scores,
        save_participant_weights,
        set_override,
    )
    from ui.data import DATA_DIR, DEMO_DATASET

    store = Store(path)
    try:
        import_sales(store, DATA_DIR / DEMO_SALES_FILE, dataset=DEMO_DATASET, demo=True)
        import_customers(store, DATA_DIR / DEMO_CUSTOMERS_FILE, dataset=DEMO_DATASET, demo=True)
        made = create_workshop(
            store,
            name="Ledningsgruppen december 2026",
            dataset_id=store.dataset_id(DEMO_DATASET),
            period="12m",
            top=15,
        )
        for name, weights in _PARTICIPANTS.items():
            save_participant_weights(store, made["workshop_id"], name, weights)
        largest = store.customer_summary(store.dataset_id(DEMO_DATASET))["customer_id"][:6]
        for offset, name in enumerate(("Anna", "Björn", "Carina")):
            scores = pl.DataFrame(
                {
                    "customer_id": largest,
                    "criterion": ["strategic_fit"] * len(largest),
                    "value": [float((i + offset) % 5 + 1) for i in range(len(largest))],
                }
            )
            save_participant_scores(store, made["workshop_id"], name, scores)
        set_override(
            store, made["workshop_id"], largest[0], kind="pin", reason="Strategisk partner 2027"
        )
    finally:
        store.close()


def _workshop_screenshot(browser, folder: Path) -> None:
    database = folder / "workshop.duckdb"
    _workshop_database(database)
    with running_app(database, demo=True) as url:
        page = browser.new_page(viewport={"width": 1440, "height": 2400})
        page.goto(url)
        wait_idle(page)
        page.get_by_role("link", name=catalog("sv")["ws.nav"], exact=True).click()
        page.get_by_test_id("stVegaLiteChart").first.wait_for(timeout=120_000)
        page.get_by_test_id("stDataFrame").first.wait_for(timeout=120_000)
        wait_idle(page)
        page.screenshot(path=str(WORKSHOP_TARGET), full_page=False)


def cost_screenshot(browser, folder: Path) -> None:
    """The cost-to-serve page of the demo company: headline, whale curves and the cost
    model's table."""
    with running_app(folder / "cost.duckdb", demo=True) as url:
        page = browser.new_page(viewport={"width": 1440, "height": 1900})
        page.goto(url)
        wait_idle(page)
        page.get_by_role("link", name=catalog("sv")["profit.nav"], exact=True).click()
        page.get_by_test_id("stVegaLiteChart").first.wait_for(timeout=120_000)
        page.get_by_test_id("stDataFrame").first.wait_for(timeout=120_000)
        wait_idle(page)
        page.screenshot(path=str(COST_TARGET), full_page=False)


def main() -> int:
    """Start the app with the demo company, open the focus list and save a screenshot."""
    path = chromium_path()
    if path is None:
        print("Debian chromium is not installed", file=sys.stderr)
        return 2
    TARGET.parent.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=["--no-sandbox"])
        with running_app(Path(folder) / "screenshot.duckdb", demo=True) as url:
            page = browser.new_page(viewport={"width": 1440, "height": 1000})
            page.goto(url)
            wait_idle(page)
            # A deep link's first load shows "Page not found", so go through the sidebar.
            page.get_by_role("link", name=catalog("sv")["nav.focus"], exact=True).click()
            page.get_by_test_id("stDataFrame").first.wait_for(timeout=120_000)
            wait_idle(page)
            page.screenshot(path=str(TARGET), full_page=False)
        _workshop_screenshot(browser, Path(folder))
        cost_screenshot(browser, Path(folder))
        browser.close()
    written = (TARGET, WORKSHOP_TARGET, COST_TARGET)
    print("wrote " + ", ".join(str(p.relative_to(ROOT)) for p in written))
    return 0


if __name__ == "__main__":
    sys.exit(main())
