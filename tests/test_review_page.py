"""AppTest of the quarterly review: the wins first, each customer's goals against the
quarter's actuals, names masked when asked, and rolling the plans forward after a
confirmation."""

from __future__ import annotations

import os
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from analytics.plan_tables import goals
from analytics.plans import add_activity, add_goal, add_member, create_plan, update
from analytics.store import Store
from locales import catalog
from tests.apptest import open_page, store_with

SV = catalog("sv")
DATASET = "Test"
TODAY = date.today()
START = date(TODAY.year, 3 * ((TODAY.month - 1) // 3) + 1, 1)  # this quarter's first day
END = date(START.year + (START.month == 10), (START.month + 2) % 12 + 1, 1) - timedelta(days=1)
QUARTER = f"{START.year}-Q{(START.month + 2) // 3}"
# In this quarter K1 buys 1 000 and K2 200; each has a goal of the whole quarter:
# K1 900 (met), K2 5 000 (not met).
SALES = (
    "Kundnr;Kundnamn;Fakturadatum;Belopp\n"
    f"K1;Alfa AB;{START};1000\n"
    f"K2;Beta AB;{START + timedelta(days=1)};200\n"
    "K2;Beta AB;2020-01-10;50000\n"
)


def _plans(store: Store) -> None:
    """Anna; the plans of K1 and K2, each with its quarter's goal; one visit of Anna's, done."""
    add_member(store, "Anna")
    for customer, target in (("K1", "900"), ("K2", "5000")):
        plan = create_plan(store, dataset=DATASET, customer_id=customer, started_on=START)
        add_goal(
            store,
            plan["plan_id"],
            kind="revenue",
            title=f"Mål {customer}",
            target=target,
            starts_on=START,
            ends_on=END,
        )
    act = add_activity(store, plan["plan_id"], "Besök", owner="Anna", due=START)
    update(store, "activity", act["activity_id"], status="done", outcome="Ny order")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return store_with(tmp_path, SALES, dataset=DATASET, fill=_plans)


def test_the_wins_come_first(db, monkeypatch):
    at = open_page(db, monkeypatch, "pages/review.py")
    assert not at.exception
    assert at.selectbox(key="review_quarter").value == QUARTER
    assert [s.value for s in at.success] == [
        f"Alfa AB · {SV['plans.win.goal_met']}: Mål K1",
        f"Beta AB · {SV['plans.win.activity_done']}: Besök",
    ]
    assert at.subheader[0].value == SV["review.wins"].format(count=2)


def test_each_customers_goals_against_the_quarter(db, monkeypatch):
    at = open_page(db, monkeypatch, "pages/review.py")
    (table,) = [
        d.value for d in at.dataframe if "goal" in d.value.columns and "actual" in d.value.columns
    ]
    assert table["goal"].tolist() == ["Mål K1", "Mål K2"]
    assert table["target"].tolist() == [900.0, 5000.0]
    assert table["actual"].tolist() == [1000.0, 200.0]


def test_masked_names_in_the_review(db, monkeypatch):
    at = open_page(db, monkeypatch, "pages/review.py", session={"mask_names": True})
    texts = [s.value for s in at.success]
    # K2 has the larger revenue over the whole data set: K1 is A02.
    assert texts[0].startswith("Kund A02 · ")
    assert not any("Alfa" in v or "Beta" in v for v in texts)


def test_roll_forward_needs_a_confirmation_and_sets_the_next_quarter(db, monkeypatch):
    at = open_page(db, monkeypatch, "pages/review.py")
    assert at.button(key="review_roll_go").disabled
    at.checkbox(key="review_roll_ok").check().run()
    at.button(key="review_roll_go").click().run()
    assert not at.exception
    store = Store(os.environ["KUNDFOKUS_DB"])
    try:
        rows = goals(store, dataset=DATASET).sort("customer_id", "starts_on")
    finally:
        store.close()
    assert rows.select("customer_id", "starts_on", "result", "target").rows() == [
        ("K1", START, "achieved", Decimal("900.0000")),
        ("K1", END + timedelta(days=1), None, Decimal("900.0000")),
        ("K2", START, "missed", Decimal("5000.0000")),
        ("K2", END + timedelta(days=1), None, Decimal("5000.0000")),
    ]
    assert SV["review.rolled"].format(closed=2, created=2, carried=0) in [
        s.value for s in at.success
    ]
