"""Real-browser test of the strategy day's guided sequence: from the overview, the
sidebar's links and buttons walk the seven steps in order and back, each on its page,
with every widget's state kept on the way."""

from __future__ import annotations

import pytest

from locales import catalog
from tests.apptest import store_with
from tests.browser import open_app, running_app, wait_idle
from ui.guide import STEPS

pytestmark = pytest.mark.browser
SV = catalog("sv")
EXPORT = (
    "Kundnr;Kundnamn;Fakturadatum;Belopp;Kostnad\n"
    "K1;Alfa AB;2025-03-01;900;600\n"
    "K1;Alfa AB;2026-03-01;950;600\n"
    "K2;Beta AB;2025-04-01;500;450\n"
    "K3;Gamma AB;2026-04-01;300;320\n"
)
TITLES = {
    "health": "health.title",
    "concentration": "conc.title",
    "focus": "focus.title",
    "retention": "ret.title",
    "decisions": "dec.title",
}


def _next(page, label: str) -> None:
    sidebar = page.get_by_test_id("stSidebar")
    link = sidebar.get_by_role("link", name=label, exact=True)
    # A step on the same page is a button (a link to the page one is on does not rerun).
    link.or_(sidebar.get_by_role("button", name=label, exact=True)).first.click()
    wait_idle(page)


def _where(page, number: int) -> None:
    step = STEPS[number - 1]
    text = f"Steg {number} av {len(STEPS)}: {SV[step.title]}"
    page.get_by_test_id("stSidebar").get_by_text(text, exact=True).wait_for(timeout=60_000)
    heading = page.locator("[data-testid=stMain] h1").first
    heading.wait_for(timeout=60_000)
    assert heading.inner_text() == SV[TITLES[step.url_path]]


def test_the_guide_walks_the_day_forward_and_back(browser, tmp_path):
    with running_app(store_with(tmp_path, EXPORT), demo=False) as url:
        page = open_app(browser, url)
        sidebar = page.get_by_test_id("stSidebar")
        sidebar.get_by_text(SV["sidebar.presentation"], exact=True).click()
        wait_idle(page)
        sidebar.get_by_text(SV["guide.toggle"], exact=True).click()
        wait_idle(page)
        _next(page, SV["guide.open"])
        _where(page, 1)
        for number in range(2, len(STEPS) + 1):
            _next(page, SV["guide.next"])
            _where(page, number)
        for number in range(len(STEPS) - 1, 0, -1):
            _next(page, SV["guide.previous"])
            _where(page, number)
        # Presentation mode stayed on the whole way (a page change keeps widget state).
        assert page.locator("html").evaluate("e => getComputedStyle(e).fontSize") == "22px"
        page.close()
