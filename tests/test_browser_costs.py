"""Real-browser test of the cost-to-serve page: a unit cost changed in the what-if
changes its sentence, and the page's charts draw without console errors."""

from __future__ import annotations

import pytest

from locales import catalog
from tests.apptest import store_with
from tests.browser import page_at
from tests.test_cost_page import EXPORT

pytestmark = pytest.mark.browser
SV = catalog("sv")
NBSP = "\u00a0"


def test_a_unit_cost_changed_in_the_what_if_changes_the_sentence(browser, tmp_path):
    db = store_with(tmp_path, EXPORT)
    with page_at(browser, db, SV["profit.nav"], SV["profit.whatif.heading"]) as (page, errors):
        main = page.get_by_test_id("stMain")
        # All three customers' orders at 60 instead of 350: 5 × 290 = 1 450 more profit.
        main.get_by_text(
            f"blir kundlönsamheten totalt 2{NBSP}075 kr i stället för 625 kr"
        ).wait_for(timeout=30_000)
        field = page.get_by_role("spinbutton", name=SV["profit.whatif.cost"], exact=True)
        field.fill("100")
        field.press("Enter")
        # At 100: 5 × 250 = 1 250 more.
        main.get_by_text(
            f"hade kostnaden per order 100 kr i stället för 350 kr, blir kundlönsamheten "
            f"totalt 1{NBSP}875 kr i stället för 625 kr"
        ).wait_for(timeout=30_000)
        charts = page.get_by_test_id("stVegaLiteChart")
        assert charts.count() == 3
        for i in range(3):
            charts.nth(i).locator("canvas, svg.marks").first.wait_for(timeout=30_000)
    assert errors == []
