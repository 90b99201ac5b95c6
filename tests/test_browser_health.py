"""Real-browser test of the health check on the demo company: the data's answers, a team
answer, and the deck downloaded with masked names without a single customer name."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation

from analytics.store import Store
from locales import catalog
from tests.browser import go_to, open_app, running_app, wait_idle

pytestmark = pytest.mark.browser
SV = catalog("sv")


def test_health_check_and_masked_deck(browser, tmp_path):
    db = tmp_path / "health.duckdb"
    with running_app(db, demo=True) as url:
        page = open_app(browser, url, accept_downloads=True)
        go_to(page, SV["health.nav"], SV["health.title"])
        main = page.locator("[data-testid=stMain]")
        main.get_by_text("kunder har köpt under perioden").wait_for(timeout=60_000)
        assert "står för 80 % av omsättningen" in main.inner_text()
        # A team answer to question 5.
        main.get_by_role("radio", name=SV["health.answer.yes"], exact=True).first.click()
        wait_idle(page)
        page.get_by_test_id("stMetricValue").get_by_text("3 av 14").wait_for(timeout=30_000)

        page.get_by_test_id("stSidebar").get_by_text(SV["sidebar.mask_names"]).click()
        main.get_by_text(SV["health.masked_files"]).wait_for(timeout=60_000)
        wait_idle(page)
        with page.expect_download(timeout=120_000) as info:
            page.get_by_role("button", name=SV["health.deck"]).click()
        download = info.value
        assert download.suggested_filename == "kundfokus-strategidag.pptx"
        data = Path(download.path()).read_bytes()
        page.close()
    deck = Presentation(io.BytesIO(data))
    assert len(deck.slides) == 8
    store = Store(db)
    names = store.query(
        "select distinct customer_name from sales_lines where customer_name is not null"
    )["customer_name"].to_list()
    store.close()
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        text = "\n".join(
            package.read(n).decode("utf-8", errors="ignore") for n in package.namelist()
        )
    escaped = [n.replace("&", "&amp;") for n in names]
    assert len(names) > 1000
    assert [n for n in escaped if n in text] == []
    assert re.search(r"Kund [A-Z]+\d\d", text)
