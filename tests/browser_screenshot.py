"""Take the README screenshots in the real browser: the focus list of the demo company
(`docs/screenshot.png`), the facilitator's screen of a workshop with four
participants on it (`docs/workshop.png`), the weekly check-in's board with four
people and five customer plans (`docs/checkin.png`) and the cost to serve of the
demo company (`docs/cost_to_serve.png`).

Run with `make screenshot`; `python -m tests.browser_screenshot checkin` retakes only
the board.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from locales import catalog
from tests.browser import ROOT, chromium_path, open_app, running_app, wait_idle

TARGET = ROOT / "docs" / "screenshot.png"
WORKSHOP_TARGET = ROOT / "docs" / "workshop.png"
CHECKIN_TARGET = ROOT / "docs" / "checkin.png"
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

    from analytics.demo_data import DEMO_DATASET, load_demo
    from analytics.store import Store
    from analytics.workshop import (
        create_workshop,
        save_participant_scores,
        save_participant_weights,
        set_override,
    )

    store = Store(path)
    try:
        load_demo(store)
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


def _screenshot(
    browser, database: Path, target: Path, *, nav: str, height: int, chart: bool
) -> None:
    """Start the app on `database` (the demo company when it is new), follow the sidebar's
    link `nav` (a catalog key) in a 1440 × `height` tab, wait for the page's first chart
    (with `chart`) and first table, and save what the tab shows to `target`."""
    with running_app(database, demo=True) as url:
        page = open_app(browser, url, width=1440, height=height)
        # A deep link's first load shows "Page not found", so go through the sidebar.
        page.get_by_role("link", name=catalog("sv")[nav], exact=True).click()
        if chart:
            page.get_by_test_id("stVegaLiteChart").first.wait_for(timeout=120_000)
        page.get_by_test_id("stDataFrame").first.wait_for(timeout=120_000)
        wait_idle(page)
        page.screenshot(path=str(target), full_page=False)


def _workshop_screenshot(browser, folder: Path) -> None:
    database = folder / "workshop.duckdb"
    _workshop_database(database)
    _screenshot(browser, database, WORKSHOP_TARGET, nav="ws.nav", height=2400, chart=True)


# The weekly meeting of the demo company: who sits round the table, and each one's
# commitments as (customer by revenue rank, title, days from this week's Monday, done).
_TEAM = {
    "Anna Lindqvist": "Key account manager",
    "Erik Holmberg": "Säljare Väst",
    "Sara Åberg": "Säljare Öst",
    "Lena Wallin": "Försäljningschef",
}
_COMMITMENTS = {
    "Anna Lindqvist": [
        (0, "Avstämning med inköpschefen", -4, True),
        (1, "Offert på ramavtal 2027", -3, False),
        (0, "Presentera nytt sortiment", 2, False),
        (3, "Kundbesök med produktchef", 9, False),
    ],
    "Erik Holmberg": [
        (2, "Ring upp reklamation", -5, True),
        (2, "Boka uppföljningsmöte", 1, True),
        (4, "Prisförhandling inför 2027", 3, False),
    ],
    "Sara Åberg": [
        (1, "Leveransgenomgång med lagret", -2, True),
        (4, "Skicka referenscase", -12, False),
        (1, "Workshop om e-handel", 10, False),
    ],
    "Lena Wallin": [(3, "Ledningsmöte hos kunden", 4, False)],
}
# Each plan's 2026 revenue goal as a share of its 2025 revenue: a mix of lights.
_GROWTH = (1.05, 1.25, 0.95, 1.12, 1.6)


def _checkin_database(path: Path) -> None:
    """The demo company with a team of four, plans for its five largest customers with a
    2026 revenue goal each, and this week's, last week's and next week's commitments."""
    from datetime import date, timedelta
    from decimal import Decimal

    from analytics.demo_data import DEMO_DATASET, load_demo
    from analytics.plans import add_activity, add_goal, add_member, create_plan, update
    from analytics.store import Store

    store = Store(path)
    try:
        load_demo(store)
        for person, role in _TEAM.items():
            add_member(store, person, role=role)
        dataset_id = store.dataset_id(DEMO_DATASET)
        largest = store.customer_summary(dataset_id).sort("revenue", descending=True)
        plans = []
        for rank, customer in enumerate(largest["customer_id"][:5]):
            plan = create_plan(
                store,
                dataset=DEMO_DATASET,
                customer_id=customer,
                started_on=date(2026, 1, 1),
                trust=4,
                choice="first",
            )
            last_year = store.scalar(
                "select sum(revenue) from sales_lines where dataset_id = ? and customer_id = ? "
                "and year(invoice_date) = 2025",
                [dataset_id, customer],
            )
            target = (Decimal(last_year) * Decimal(str(_GROWTH[rank])) / 1000).quantize(
                Decimal(1)
            ) * 1000
            add_goal(
                store,
                plan["plan_id"],
                kind="revenue",
                title="Omsättning 2026",
                target=target,
                starts_on=date(2026, 1, 1),
                ends_on=date(2026, 12, 31),
            )
            plans.append(plan["plan_id"])
        today = date.today()
        monday = today - timedelta(days=today.weekday())
        for person, commitments in _COMMITMENTS.items():
            for rank, title, offset, done in commitments:
                made = add_activity(
                    store, plans[rank], title, owner=person, due=monday + timedelta(days=offset)
                )
                if done:
                    update(store, "activity", made["activity_id"], status="done")
    finally:
        store.close()


def _checkin_screenshot(browser, folder: Path) -> None:
    database = folder / "checkin.duckdb"
    _checkin_database(database)
    _screenshot(browser, database, CHECKIN_TARGET, nav="checkin.nav", height=2900, chart=False)


def cost_screenshot(browser, folder: Path) -> None:
    """The cost-to-serve page of the demo company: headline, whale curves and the cost
    model's table."""
    database = folder / "cost.duckdb"
    _screenshot(browser, database, COST_TARGET, nav="profit.nav", height=1900, chart=True)


def main(argv: list[str] | None = None) -> int:
    """Start the app with the demo company, open the focus list, the workshop, the weekly
    check-in and the cost to serve and save a screenshot of each (`checkin`: only the
    check-in)."""
    path = chromium_path()
    if path is None:
        print("Debian chromium is not installed", file=sys.stderr)
        return 2
    TARGET.parent.mkdir(exist_ok=True)
    only_checkin = (argv if argv is not None else sys.argv[1:]) == ["checkin"]
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=["--no-sandbox"])
        if only_checkin:
            _checkin_screenshot(browser, Path(folder))
            browser.close()
            print(f"wrote {CHECKIN_TARGET.relative_to(ROOT)}")
            return 0
        database = Path(folder) / "screenshot.duckdb"
        _screenshot(browser, database, TARGET, nav="nav.focus", height=1000, chart=False)
        _workshop_screenshot(browser, Path(folder))
        _checkin_screenshot(browser, Path(folder))
        cost_screenshot(browser, Path(folder))
        browser.close()
    written = (TARGET, WORKSHOP_TARGET, CHECKIN_TARGET, COST_TARGET)
    print(f"wrote {', '.join(str(p.relative_to(ROOT)) for p in written)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
