"""AppTest of the weekly check-in: each person's commitments by week, ticking one done
and back, a new commitment for next week, the timer, the scoreboard (names masked when
asked) and a past week's board as recorded."""

from __future__ import annotations

import os
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analytics.board import week_of
from analytics.plan_tables import activities
from analytics.plans import add_activity, add_goal, add_member, create_plan, update
from analytics.store import Store
from locales import catalog
from tests.apptest import open_page, store_with

SV = catalog("sv")
DATASET = "Test"
TODAY = date.today()
MONDAY = TODAY - timedelta(days=TODAY.weekday())
# Everything was planned two weeks ago (a past week's board tells what stood then).
MADE = datetime.combine(MONDAY - timedelta(days=14), time(9))
SALES = (
    "Kundnr;Kundnamn;Fakturadatum;Belopp;Kostnad\n"
    f"K1;Alfa AB;{MONDAY - timedelta(days=30)};4000;3000\n"
    "K2;Beta AB;2025-01-10;9000;5000\n"
)
# Anna's commitments relative to this week's Monday, and Bo's one, already done.
ACTS = (
    ("Förra veckans", "Anna", -3, "planned"),
    ("Veckans", "Anna", 1, "planned"),
    ("Gammal", "Anna", -10, "in_progress"),
    ("Nästa veckas", "Anna", 9, "planned"),
    ("Bos", "Bo", 2, "done"),
)


def _plan(store: Store) -> None:
    """Anna and Bo, K1's plan with a revenue goal, and the commitments of ACTS."""
    add_member(store, "Anna")
    add_member(store, "Bo")
    plan = create_plan(store, dataset=DATASET, customer_id="K1", started_on=date(2020, 1, 1))
    add_goal(
        store,
        plan["plan_id"],
        kind="revenue",
        target="1000",
        starts_on=MONDAY - timedelta(days=60),
        ends_on=MONDAY + timedelta(days=300),
    )
    for title, owner, offset, status in ACTS:
        made = add_activity(
            store,
            plan["plan_id"],
            title,
            owner=owner,
            due=MONDAY + timedelta(days=offset),
            at=MADE,
        )
        if status != "planned":
            update(store, "activity", made["activity_id"], status=status, at=MADE)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return store_with(tmp_path, SALES, dataset=DATASET, fill=_plan)


def _acts() -> dict[str, tuple]:
    store = Store(os.environ["KUNDFOKUS_DB"])
    try:
        frame = activities(store, dataset=DATASET)
    finally:
        store.close()
    return {
        r["title"]: (r["owner"], r["due"], r["status"], r["completed_on"])
        for r in frame.iter_rows(named=True)
    }


def _box(at: AppTest, title: str):
    (found,) = [c for c in at.checkbox if c.label.startswith(title + " ·")]
    return found


def test_each_persons_commitments_by_week(db, monkeypatch):
    at = open_page(db, monkeypatch, "pages/checkin.py")
    assert not at.exception
    assert at.selectbox(key="checkin_week").value == week_of(TODAY)
    assert [c.label.split(" · ")[0] for c in at.checkbox] == [
        "Förra veckans",
        "Gammal",
        "Veckans",
        "Nästa veckas",
        "Bos",
    ]
    assert [c.value for c in at.checkbox] == [False, False, False, False, True]
    headings = [m.value for m in at.markdown if m.value.startswith("####")]
    assert headings == [
        f"#### Anna · 0 av 1 klara · :red-badge[{SV['plans.rag.red']}]",
        f"#### Bo · 1 av 1 klara · :green-badge[{SV['plans.rag.green']}]",
    ]


def test_a_tick_marks_done_and_a_second_one_undoes_it(db, monkeypatch):
    at = open_page(db, monkeypatch, "pages/checkin.py")
    at.text_input(key="checkin_by").input("Carina").run()
    _box(at, "Veckans").check().run()
    assert not at.exception
    assert _acts()["Veckans"][2:] == ("done", TODAY)
    assert _box(at, "Veckans").value is True
    _box(at, "Veckans").uncheck().run()
    assert _acts()["Veckans"][2:] == ("planned", None)


def test_a_new_commitment_is_due_on_next_weeks_friday(db, monkeypatch):
    at = open_page(db, monkeypatch, "pages/checkin.py")
    key = f"checkin_add_Anna_{MONDAY}"
    at.text_input(key=f"{key}_title").input("Skicka offert")
    at.button(key=f"{key}_go").click().run()
    assert not at.exception
    assert _acts()["Skicka offert"] == ("Anna", MONDAY + timedelta(days=11), "planned", None)
    assert _box(at, "Skicka offert").label.endswith(str(MONDAY + timedelta(days=11)))


def test_the_timer_shows_whose_turn_and_their_share(db, monkeypatch):
    at = open_page(db, monkeypatch, "pages/checkin.py")
    at.button(key="checkin_start_Bo").click().run()
    (turn,) = [i.value for i in at.info if "har ordet" in i.value]
    # Two people share 20 minutes: 10 minutes each.
    assert turn.startswith("Bo har ordet: 0\\:0") and turn.endswith(" / 10\\:00")
    at.button(key="checkin_stop").click().run()
    assert not [i for i in at.info if "har ordet" in i.value]


def test_the_scoreboard_lists_the_customer_with_a_plan(db, monkeypatch):
    at = open_page(db, monkeypatch, "pages/checkin.py")
    (board,) = [d.value for d in at.dataframe if "target_revenue" in d.value.columns]
    assert board["customer"].tolist() == ["Alfa AB"]
    assert board["actual_revenue"].tolist() == [4000.0]
    rules = " ".join(c.value for c in at.caption)
    assert SV["plans.rule.amber"] in rules and SV["plans.person_rule.amber"] in rules


def test_a_plan_started_after_the_sales_data_is_named_with_the_reason(db, monkeypatch):
    store = Store(db)
    try:
        # Beta AB last bought on 10 January 2025; the sales data ends 30 days ago.
        create_plan(store, dataset=DATASET, customer_id="K2", started_on=TODAY)
    finally:
        store.close()
    at = open_page(db, monkeypatch, "pages/checkin.py")
    assert not at.exception
    (board,) = [d for d in at.dataframe if "target_revenue" in d.value.columns]
    assert board.value["actual_revenue"].isna().tolist() == [False, True]
    assert board.proto.placeholder == "–"
    captions = [c.value for c in at.caption]
    assert SV["plans.board.not_measured"].format(names="Beta AB") in captions


def test_masked_names_on_the_board(db, monkeypatch):
    at = open_page(db, monkeypatch, "pages/checkin.py", session={"mask_names": True})
    (board,) = [d.value for d in at.dataframe if "target_revenue" in d.value.columns]
    # K2 has the larger revenue over the whole data set: K1 is the second, A02.
    assert board["customer"].tolist() == ["Kund A02"]
    assert all("Alfa" not in c.label for c in at.checkbox)


def test_a_past_week_is_shown_as_recorded_without_boxes(db, monkeypatch):
    at = open_page(db, monkeypatch, "pages/checkin.py")
    last = week_of(MONDAY - timedelta(days=7))
    at.selectbox(key="checkin_week").set_value(last).run()
    assert not at.exception
    assert not at.checkbox
    assert SV["plans.board.recorded"].format(week=last) in [i.value for i in at.info]
    due, overdue = [d.value for d in at.dataframe if "title" in d.value.columns]
    # As the week ended: "Förra veckans" was due then and still open, "Gammal" overdue,
    # nothing was done that week.
    assert due["title"].tolist() == ["Förra veckans"]
    assert overdue["title"].tolist() == ["Gammal"]
