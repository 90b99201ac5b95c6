"""Real-browser test of a workshop: three participants join from their own browser
contexts (as from three phones) through the join link, each sends different weights,
and the facilitator's screen, open all along, shows the three and their mean weights."""

from __future__ import annotations

import pytest

from analytics.scoring import DEFAULT_WEIGHTS, weight_shares
from locales import catalog
from locales.formats import fmt_pct
from tests.browser import open_app, running_app, wait_idle
from tests.samples import workshop_database

pytestmark = pytest.mark.browser
SV = catalog("sv")

# Each participant starts from the default weights and turns one criterion up to 100.
TURNED_UP = {"Anna": "revenue", "Bo": "gross_margin", "Cilla": "growth"}


def _expected_mean_revenue() -> str:
    shares = [weight_shares({**DEFAULT_WEIGHTS, key: 100})["revenue"] for key in TURNED_UP.values()]
    return f"{SV['criterion.revenue']} {fmt_pct(sum(shares) / 3, lang='sv')}"


def _join(browser, url: str, code: str, name: str, errors: list[str]) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})  # a phone
    page = context.new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{url}/join?code={code}")
    wait_idle(page)
    page.get_by_label(SV["join.name"]).fill(name)
    page.get_by_role("button", name=SV["join.submit"]).click()
    page.get_by_role("button", name=SV["join.submit_weights"]).wait_for(timeout=60_000)
    wait_idle(page)
    label = SV[f"criterion.{TURNED_UP[name]}"]
    block = page.get_by_test_id("stSlider").filter(has=page.get_by_text(label, exact=True))
    thumb = block.get_by_role("slider")
    thumb.focus()
    thumb.press("End")
    page.wait_for_function(
        "el => el.value === '100' || el.getAttribute('aria-valuenow') === '100'",
        arg=thumb.element_handle(),
    )
    wait_idle(page)
    page.get_by_role("button", name=SV["join.submit_weights"]).click()
    page.get_by_text(SV["join.sent"]).wait_for(timeout=60_000)
    context.close()


def test_three_participants_and_their_mean_on_the_facilitators_screen(browser, tmp_path):
    # The workshop on all of FIVE_CUSTOMERS' data.
    db, code = workshop_database(tmp_path, period="all")
    errors: list[str] = []
    with running_app(db, demo=False) as url:
        screen = open_app(browser, url, errors)
        screen.get_by_role("link", name=SV["ws.nav"], exact=True).click()
        screen.get_by_text(code).first.wait_for(timeout=60_000)
        for name in TURNED_UP:
            _join(browser, url, code, name, errors)
        # The facilitator's screen follows by itself (it refreshes every few seconds).
        joined = SV["ws.joined_count"].format(joined=3, submitted=3)
        screen.get_by_text(joined).wait_for(timeout=60_000)
        screen.get_by_text(_expected_mean_revenue()).first.wait_for(timeout=60_000)
        body = screen.locator("[data-testid=stMain]").inner_text()
        for name in TURNED_UP:
            assert name in body
        assert SV["ws.mean_line"].replace("**", "").format(count=3) in body
        screen.close()
    assert errors == []
