"""Real-browser test: hostile names in the data set, customers, file, master fields and
the address go through every page (the customer plans, the weekly check-in and the
quarterly review too) without one request to another host, without a link, image or
tag from the data, and are shown as the characters they are."""

from __future__ import annotations

from datetime import date
from urllib.parse import quote, urlsplit

import pytest

from locales import catalog
from tests.browser import ANALYSIS_PAGES, go_to, running_app, wait_idle
from tests.hostile import (
    DATASET,
    FILE_NAME,
    LINK,
    QUERY_ID,
    hostile_export,
    hostile_plans,
    hostile_store,
)

pytestmark = pytest.mark.browser
SV = catalog("sv")
WJ = "\u2060"

# The app opens on the overview: it is visited last, after a page has been left.
PAGES = (*ANALYSIS_PAGES[1:], ANALYSIS_PAGES[0])

# Links and images that only data could have put on the page.
FOREIGN_MARKUP = (
    "a[href*='evil'], a[href^='mailto:'], a[href*='127.0.0.9'], img[src*='127.0.0.9'], "
    "[data-testid=stMain] img, [data-testid=stSidebar] img, .katex, "
    "[data-testid=stMain] b, [data-testid=stSidebar] b, "
    # The `:material/home:` in a name drawn as Streamlit's icon (the app uses no such icon).
    "[role=img][aria-label='home icon']"
)
# The pages of customer plans and their follow-up.
PLAN_PAGES = (
    ("plans.nav", "plans.title"),
    ("checkin.nav", "checkin.title"),
    ("review.nav", "review.title"),
)


def _visible_text(page) -> str:
    return page.locator("body").inner_text().replace(WJ, "")


def _watched_page(browser, url: str, errors: list[str], foreign: list[str]):
    """A page of the app at `url` that notes script errors in `errors` and every request
    to another host than the app's in `foreign`."""
    app_host = urlsplit(url).netloc
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on(
        "request",
        lambda request: (
            foreign.append(request.url)
            if urlsplit(request.url).netloc not in (app_host, "")
            else None
        ),
    )
    page.goto(url)
    wait_idle(page)
    return page


def _visit(page, nav: str, title: str) -> None:
    """Open the page whose sidebar link is `nav` and wait for its title; nothing on it is
    a link, image or tag from the data."""
    go_to(page, SV[nav], SV[title], timeout=120_000)
    page.get_by_test_id("stMain").get_by_text(SV[title]).first.wait_for()
    assert page.locator(FOREIGN_MARKUP).count() == 0, nav


def test_every_page_keeps_hostile_text_as_text(browser, tmp_path):
    db = hostile_store(tmp_path)
    upload = tmp_path / "upload.csv"
    upload.write_text(hostile_export(), encoding="utf-8")
    errors: list[str] = []
    foreign: list[str] = []
    with running_app(db, demo=False) as url:
        page = _watched_page(browser, url, errors, foreign)
        for nav, title in PAGES:
            _visit(page, nav, title)
        # The data set name, as characters, in the sidebar and on the overview.
        assert DATASET in _visible_text(page)
        assert SV["overview.dataset"].format(name=DATASET).replace("**", "") in _visible_text(page)

        # A customer link whose id is a Markdown link.
        page.goto(f"{url}/customer?id={quote(QUERY_ID)}")
        wait_idle(page)
        page.get_by_role("heading", name=SV["customer.title"], exact=True).wait_for(timeout=120_000)
        warning = SV["customer.unknown"].format(id=QUERY_ID)
        page.get_by_text(warning.split("(")[0]).first.wait_for(timeout=60_000)
        assert warning in _visible_text(page)
        assert page.locator(FOREIGN_MARKUP).count() == 0
        # The master fields under the title, as characters.
        assert LINK in _visible_text(page)

        # Upload a file with a hostile name into a hostile data set.
        page.get_by_test_id("stSidebarNavLink").filter(has_text=SV["nav.import"]).click()
        page.get_by_role("heading", name=SV["import.title"]).wait_for()
        wait_idle(page)
        page.locator("input[type=file]").set_input_files(
            files=[{"name": FILE_NAME, "mimeType": "text/csv", "buffer": upload.read_bytes()}]
        )
        page.get_by_text(SV["import.preview"]).wait_for(timeout=60_000)
        wait_idle(page)
        page.get_by_role("button", name=SV["import.go"], exact=True).click()
        page.get_by_text(SV["import.report"]).wait_for(timeout=60_000)
        wait_idle(page)
        assert SV["import.done"].format(name=FILE_NAME) in _visible_text(page)
        assert page.locator(FOREIGN_MARKUP).count() == 0
        page.close()
    assert foreign == []
    assert errors == []


def test_plans_check_in_and_review_keep_hostile_names_as_text(browser, tmp_path):
    db = hostile_store(tmp_path)
    names = hostile_plans(db, today=date.today())  # "<b>x</b> 8", "![x](…/p.png) 9"
    errors: list[str] = []
    foreign: list[str] = []
    with running_app(db, demo=False) as url:
        page = _watched_page(browser, url, errors, foreign)
        _visit(page, *PLAN_PAGES[0])
        for name in names:
            # Each planned customer picked in the plan's select box, its name as typed.
            main = page.get_by_test_id("stMain")
            picker = main.get_by_test_id("stSelectbox").filter(has_text=SV["plans.pick"]).first
            picker.click()
            page.get_by_role("option").filter(has_text=name).first.click()
            wait_idle(page)
            assert picker.locator("input").input_value().startswith(f"{name} · ")
            assert page.locator(FOREIGN_MARKUP).count() == 0
        for nav, title in PLAN_PAGES[1:]:
            # The weekly board's commitments and the review's wins name both customers.
            _visit(page, nav, title)
            text = _visible_text(page)
            assert [n for n in names if n not in text] == [], nav
        page.close()
    assert foreign == []
    assert errors == []
