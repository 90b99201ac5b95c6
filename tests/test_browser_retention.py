"""Real-browser test of the retention page: a scenario slider move repaints the sentence
and the totals."""

from __future__ import annotations

import re

import pytest

from analytics.ingest.pipeline import import_sales
from analytics.store import Store
from locales import catalog
from tests.browser import page_at, wait_idle
from tests.test_retention_page import sample_export

pytestmark = pytest.mark.browser
SV = catalog("sv")


def test_scenario_slider_move_repaints_the_sentence(browser, tmp_path):
    db = tmp_path / "retention.duckdb"
    export = tmp_path / "export.csv"
    export.write_text(sample_export(), encoding="utf-8")
    store = Store(db)
    import_sales(store, export, dataset="Test")
    store.close()
    with page_at(browser, db, SV["ret.nav"], SV["ret.title"]) as (page, errors):
        sentence = page.get_by_role("heading", name=re.compile("^Om vi behåller"))
        sentence.wait_for(timeout=60_000)
        before = sentence.inner_text()
        assert before.startswith("Om vi behåller 5 procentenheter fler av A-kunderna")
        difference = page.get_by_test_id("stMetric").filter(has_text=SV["ret.metric.difference"])
        difference_before = difference.inner_text()

        block = page.get_by_test_id("stSlider").filter(
            has=page.get_by_text(SV["ret.up_focus"], exact=True)
        )
        thumb = block.get_by_role("slider")
        thumb.focus()
        thumb.press("End")  # 20 percentage points
        wait_idle(page)
        page.get_by_role("heading", name=re.compile("^Om vi behåller 20 procentenheter")).wait_for(
            timeout=60_000
        )
        assert sentence.inner_text() != before
        assert difference.inner_text() != difference_before
        body = page.locator("[data-testid=stMain]").inner_text()
        assert SV["ret.observed"] in body and SV["ret.risk"] in body
    assert errors == []
