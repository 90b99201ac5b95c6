"""Real-browser test of customer profit on the pages: the profitability page's switch
from gross margin to customer profit changes the figures, the sentence and the charts,
and the customer page draws the waterfall from revenue to customer profit."""

from __future__ import annotations

import pytest

from locales import catalog
from tests.apptest import store_with
from tests.browser import go_to, page_at, wait_idle
from tests.test_cost_page import EXPORT

pytestmark = pytest.mark.browser
SV = catalog("sv")


def _charts_drawn(page, count: int) -> None:
    charts = page.get_by_test_id("stMain").get_by_test_id("stVegaLiteChart")
    charts.nth(count - 1).wait_for(timeout=60_000)
    assert charts.count() == count
    for i in range(count):
        # vega-embed draws into a canvas (or an svg) once the spec and data are valid.
        charts.nth(i).locator("canvas, svg.marks").first.wait_for(timeout=30_000)


def test_the_switch_and_the_waterfall(browser, tmp_path):
    db = store_with(tmp_path, EXPORT)
    with page_at(browser, db, SV["conc.nav"], SV["conc.title"]) as (page, errors):
        main = page.get_by_test_id("stMain")
        _charts_drawn(page, 3)
        # By gross margin nobody loses money (Alfa 300, Beta 4 000, Gamma 300).
        assert "Räknat med kostnaden att betjäna" not in main.inner_text()
        switch = main.get_by_role("radiogroup", name=SV["conc.value"], exact=True)
        switch.get_by_role("radio", name=SV["profit.switch.customer_profit"], exact=True).click()
        # With the default cost model Alfa (−1 775) and Gamma (−725) lose money.
        main.get_by_text(
            "Räknat med kostnaden att betjäna är de olönsamma kunderna 2 i stället för 0 "
            "med täckningsbidraget"
        ).wait_for(timeout=30_000)
        wait_idle(page)
        main.get_by_text("den största, Alfa, kostar").wait_for(timeout=30_000)
        _charts_drawn(page, 3)
        assert SV["conc.whale.y_profit"] in page.content()

        go_to(page, SV["customer.nav"], SV["profit.waterfall.heading"])
        # The largest customer, Beta, first: history, product groups (none), the
        # waterfall and the score breakdown.
        _charts_drawn(page, 3)
        main.get_by_text("prissatt med kostnadsmodellen").wait_for(timeout=30_000)
    assert errors == []
