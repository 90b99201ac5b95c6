"""Real-browser test of customer plans and the weekly check-in: a plan with two
activities made in the app, the app restarted, one activity ticked done on the weekly
board, and both states kept — on the board after a reload and in the database."""

from __future__ import annotations

from datetime import date

import pytest

from analytics.plan_tables import activities
from analytics.plans import add_member
from analytics.store import Store
from locales import catalog
from tests.apptest import store_with
from tests.browser import open_app, running_app, wait_idle

pytestmark = pytest.mark.browser
SV = catalog("sv")
SALES = f"Kundnr;Kundnamn;Fakturadatum;Belopp\nK1;Alfa AB;{date.today()};1000\n"
TITLES = ("Ring inköparen", "Skicka offert")


def _open(browser, url: str, nav: str):
    page = open_app(browser, url, width=1440, height=1400)
    page.get_by_test_id("stSidebarNavLink").filter(has_text=SV[nav]).click()
    wait_idle(page)
    return page


def _box(page, title: str):
    return page.get_by_test_id("stCheckbox").filter(has_text=title)


def test_a_plan_made_before_a_restart_is_ticked_on_the_weekly_board(browser, tmp_path):
    db = store_with(tmp_path, SALES)
    store = Store(db)
    add_member(store, "Anna")
    store.close()

    with running_app(db, demo=False) as url:
        page = _open(browser, url, "plans.nav")
        page.get_by_role("button", name=SV["plans.create_plan"]).click()
        page.get_by_text(SV["plans.plan_created"]).wait_for(timeout=60_000)
        wait_idle(page)
        for title in TITLES:
            page.get_by_label(SV["plans.col.title"], exact=True).fill(title)
            page.get_by_role("button", name=SV["plans.add"]).click()
            done = SV["plans.activity_added"].format(title=title)
            page.get_by_text(done).wait_for(timeout=60_000)
            wait_idle(page)
        page.close()

    with running_app(db, demo=False) as url:
        page = _open(browser, url, "checkin.nav")
        for title in TITLES:
            _box(page, title).wait_for(timeout=60_000)
        _box(page, TITLES[0]).locator("label").click()
        wait_idle(page)
        page.close()
        # A new session (a reload) reads the board again from the store.
        page = _open(browser, url, "checkin.nav")
        _box(page, TITLES[1]).wait_for(timeout=60_000)
        states = [_box(page, t).locator("input").is_checked() for t in TITLES]
        page.close()
    assert states == [True, False]

    store = Store(db)
    stored = activities(store, dataset="Test").select("title", "owner", "status").rows()
    store.close()
    assert sorted(stored) == [
        ("Ring inköparen", "Anna", "done"),
        ("Skicka offert", "Anna", "planned"),
    ]
