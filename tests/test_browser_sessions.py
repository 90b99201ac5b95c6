"""Real-browser test: two participants of one workshop, each in a browser context of
their own (as on their own laptops), never see each other's choices. One moves her
sliders and saves an assessment; the other's sliders, assessments and top list stay his
own, in the page and in the database."""

from __future__ import annotations

import asyncio
import json

import duckdb
import pytest

from analytics.scoring import CRITERIA, DEFAULT_WEIGHTS
from bench.browser_helpers import cell_text, launch, open_tab, slider_thumb, type_into_cell
from locales import catalog
from tests.browser import IDLE, chromium_path, running_app
from tests.samples import workshop_database

pytestmark = pytest.mark.browser
SV = catalog("sv")
TIMEOUT = 120_000
# The assessment editor's columns: number, name, revenue, then the team criteria.
STRATEGIC_FIT_COLUMN = 3


async def _join(browser, url: str, code: str, name: str, errors: list[str]):
    context = await browser.new_context(viewport={"width": 1000, "height": 1000})
    page = await context.new_page()
    page.on("pageerror", lambda exc: errors.append(f"{name}: {exc}"))
    await page.goto(f"{url}/join?code={code}")
    await page.wait_for_selector(IDLE, timeout=TIMEOUT)
    await page.get_by_label(SV["join.name"]).fill(name)
    await page.get_by_role("button", name=SV["join.submit"]).click()
    await page.get_by_role("button", name=SV["join.submit_weights"]).click(timeout=TIMEOUT)
    await page.get_by_text(SV["join.sent"]).wait_for(timeout=TIMEOUT)
    await page.wait_for_selector(IDLE, timeout=TIMEOUT)
    return page


async def _press(page, criterion: str, key: str) -> None:
    await open_tab(page, SV["join.tab.weights"])
    thumb = slider_thumb(page, SV[f"criterion.{criterion}"])
    await thumb.focus()
    await thumb.press(key)
    await page.wait_for_selector(IDLE, timeout=TIMEOUT)


async def _slider(page, criterion: str) -> int:
    await open_tab(page, SV["join.tab.weights"])
    thumb = slider_thumb(page, SV[f"criterion.{criterion}"])
    return int(await thumb.evaluate("el => el.value || el.getAttribute('aria-valuenow')"))


_TAB_TRIES = 3


async def _visible_grid(page, tab: str):
    grid = page.get_by_test_id("stDataFrame").filter(visible=True).first
    # A tab clicked while the page runs again can be drawn closed: open it once more.
    for attempt in range(_TAB_TRIES):
        await open_tab(page, SV[tab])
        try:
            await grid.wait_for(timeout=TIMEOUT / _TAB_TRIES)
            break
        except Exception:
            if attempt == _TAB_TRIES - 1:
                raise
    return grid


async def _cell(page, tab: str, column: int, row: int) -> str:
    """A cell's text as the grid's accessible table holds it (the grid is a canvas)."""
    grid = await _visible_grid(page, tab)
    return await cell_text(grid, column=column, row=row)


async def _top_names(page) -> list[str]:
    return [await _cell(page, "join.tab.top", 2, row) for row in range(2)]


async def _two_participants(url: str, code: str, errors: list[str]) -> dict:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await launch(playwright)
        anna = await _join(browser, url, code, "Anna", errors)
        bo = await _join(browser, url, code, "Bo", errors)
        bo_top = await _top_names(bo)
        # Anna: all on revenue, nothing on gross margin, and one assessment saved.
        await _press(anna, "revenue", "End")
        await _press(anna, "gross_margin", "Home")
        grid = await _visible_grid(anna, "join.tab.assess")
        customer = await _cell(anna, "join.tab.assess", 0, 0)
        await type_into_cell(
            anna, grid, row=0, column=STRATEGIC_FIT_COLUMN, text="5", timeout=TIMEOUT
        )
        await anna.get_by_role("button", name=SV["join.save_assess"].format(count=1)).click()
        await anna.get_by_text(SV["join.assess_saved"].format(count=1)).wait_for(timeout=TIMEOUT)
        # Bo's page runs again (a move and back: his weights as before).
        await _press(bo, "gross_margin", "ArrowRight")
        await _press(bo, "gross_margin", "ArrowLeft")
        seen = {
            "customer": customer,
            "anna": {
                "revenue": await _slider(anna, "revenue"),
                "score": await _cell(anna, "join.tab.assess", STRATEGIC_FIT_COLUMN, 0),
            },
            "bo": {
                "revenue": await _slider(bo, "revenue"),
                "gross_margin": await _slider(bo, "gross_margin"),
                "score": await _cell(bo, "join.tab.assess", STRATEGIC_FIT_COLUMN, 0),
                "customer": await _cell(bo, "join.tab.assess", 0, 0),
                "top": await _top_names(bo),
            },
            "bo_top_before": bo_top,
        }
        await browser.close()
    return seen


def test_one_participants_choices_never_show_in_anothers_view(tmp_path):
    if chromium_path() is None:
        pytest.skip("Debian chromium is not installed")
    pytest.importorskip("playwright.async_api")
    # The workshop on FIVE_CUSTOMERS, top 2.
    db, code = workshop_database(tmp_path, top=2)
    errors: list[str] = []
    with running_app(db, demo=False) as url:
        seen = asyncio.run(_two_participants(url, code, errors))
    assert errors == []
    # Anna's own view shows her choices ...
    assert seen["anna"] == {"revenue": 100, "score": "5"}
    # ... and Bo's shows his own: the default weights, no assessment, the same top list.
    assert seen["bo"]["customer"] == seen["customer"]
    assert seen["bo"]["revenue"] == int(DEFAULT_WEIGHTS["revenue"])
    assert seen["bo"]["gross_margin"] == int(DEFAULT_WEIGHTS["gross_margin"])
    assert seen["bo"]["score"] == ""
    assert seen["bo"]["top"] == seen["bo_top_before"]
    # The database holds the same: Anna's save is hers alone.
    con = duckdb.connect(str(db), read_only=True)
    scores = con.execute(
        "select participant, customer_id, criterion, value from workshop_scores"
    ).fetchall()
    weights = dict(con.execute("select name, weights from workshop_participants").fetchall())
    con.close()
    assert scores == [("Anna", seen["customer"], "strategic_fit", 5.0)]
    assert json.loads(weights["Bo"]) == {c.key: float(DEFAULT_WEIGHTS[c.key]) for c in CRITERIA}
    assert json.loads(weights["Anna"])["revenue"] == 100.0
