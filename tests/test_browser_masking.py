"""Real-browser test on the demo company: with "mask customer names" on, no page's text
holds a real customer name, and the address never a customer number."""

from __future__ import annotations

import re

import pytest

from analytics.store import Store
from locales import catalog
from tests.browser import open_app, running_app, wait_idle

pytestmark = pytest.mark.browser
SV = catalog("sv")


def test_masked_names_on_every_page_of_the_demo(browser, tmp_path):
    db = tmp_path / "masked.duckdb"
    seen: dict[str, str] = {}
    with running_app(db, demo=True) as url:
        page = open_app(browser, url, width=1600)
        sidebar = page.get_by_test_id("stSidebar")
        sidebar.get_by_text(SV["sidebar.mask_names"], exact=True).click()
        wait_idle(page)
        links = page.get_by_test_id("stSidebarNavLink")
        # The link's text is its icon's name and its title, one a line.
        titles = [links.nth(i).inner_text().strip().splitlines()[-1] for i in range(9)]
        for index, title in enumerate(titles):
            links.nth(index).click()
            wait_idle(page)
            page.locator("[data-testid=stMain] h1").first.wait_for(timeout=60_000)
            wait_idle(page)
            assert "id=" not in page.url
            seen[title] = page.locator("[data-testid=stApp]").inner_text()
        page.close()
    store = Store(db)
    names = store.query(
        "select distinct customer_name from sales_lines where customer_name is not null"
    )["customer_name"].to_list()
    store.close()
    assert len(names) > 1000
    found = {title: [n for n in names if n in text] for title, text in seen.items()}
    assert found == {title: [] for title in seen}
    # The pages that name customers in text name them by pseudonym (the team's editor
    # draws its cells on a canvas; AppTest checks its values).
    pseudonym = re.compile(r"Kund [A-Z]+\d\d")
    named = [title for title, text in seen.items() if pseudonym.search(text)]
    assert set(named) >= {SV["nav.focus"], SV["customer.nav"]}
