"""Real-browser test of the language switch: every page keeps working and keeps the
choices made, with translated option labels and a demo data set selected.

Streamlit's browser sends a choice widget's value back as its label, so a label that
changes with the language must not lose the choice (AppTest does not show this).
"""

from __future__ import annotations

import pytest

from analytics.ingest.pipeline import import_sales
from analytics.store import Store
from locales import catalog
from tests.browser import ANALYSIS_PAGES, go_to, open_app, running_app, wait_idle
from tests.test_retention_page import sample_export

pytestmark = pytest.mark.browser
SV = catalog("sv")
EN = catalog("en")


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    folder = tmp_path_factory.mktemp("language")
    db = folder / "language.duckdb"
    export = folder / "export.csv"
    export.write_text(sample_export(), encoding="utf-8")
    store = Store(db)
    # Marked as demo data: the sidebar then shows the demo badge next to its name.
    import_sales(store, export, dataset="Demo: Testbolaget", demo=True)
    store.close()
    with running_app(db, demo=False) as url:
        yield url


def _switch_language(page, label: str) -> None:
    page.get_by_test_id("stSidebar").get_by_text(label, exact=True).click()
    wait_idle(page)


def _assert_healthy(page, errors: list[str]) -> None:
    # Error details are hidden from users, so a failed run shows only this notice.
    assert page.get_by_text("This app has encountered an error").count() == 0
    assert errors == []


@pytest.mark.parametrize(("nav", "title"), ANALYSIS_PAGES)
def test_every_page_survives_the_language_switch(browser, app_url, nav, title):
    errors: list[str] = []
    page = open_app(browser, app_url, errors)
    go_to(page, SV[nav], SV[title], exact=True)
    _switch_language(page, "English")
    page.get_by_role("heading", name=EN[title], exact=True).wait_for(timeout=60_000)
    _assert_healthy(page, errors)
    _switch_language(page, "Svenska")
    page.get_by_role("heading", name=SV[title], exact=True).wait_for(timeout=60_000)
    _assert_healthy(page, errors)
    page.close()


def test_a_chosen_option_survives_the_language_switch(browser, app_url):
    errors: list[str] = []
    page = open_app(browser, app_url, errors)
    go_to(page, SV["team.nav"], SV["team.title"], exact=True)
    page.get_by_role("combobox", name=SV["team.top"], exact=True).click()
    page.get_by_role("option", name=SV["team.top_all"], exact=True).click()
    wait_idle(page)
    _switch_language(page, "English")
    page.get_by_role("heading", name=EN["team.title"], exact=True).wait_for(timeout=60_000)
    _assert_healthy(page, errors)
    top = page.get_by_role("combobox", name=EN["team.top"], exact=True)
    assert top.input_value() == EN["team.top_all"]
    # The sidebar's demo badge follows the language too.
    dataset = page.get_by_role("combobox", name=EN["sidebar.dataset"], exact=True)
    assert dataset.input_value().endswith(EN["sidebar.demo_badge"])
    page.close()
