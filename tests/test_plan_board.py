"""The weekly board: ISO weeks, its sections, each person's promised against done, the
scoreboard, and a past week's board kept as it was.

Week 2027-W06 runs from Monday 8 to Sunday 14 February 2027. Anna's activities, all
made on 1 January: A due 9 Feb (planned), B due 1 Feb (planned, so overdue), C due
10 Feb (done on 9 Feb), D due 11 Feb (cancelled). Her commitments of the week are A and
C (D is cancelled): 1 of 2 done, below the 75 % of amber, so red.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from analytics.board import board, parse_week, recorded_weeks, week_of
from analytics.ingest.pipeline import import_sales
from analytics.plans import add_activity, add_goal, add_member, archive, create_plan, update

SALES = "Kundnr;Kundnamn;Fakturadatum;Belopp\nC1;Alfa;2027-01-10;300\nC1;Alfa;2027-02-10;100\n"
MADE = datetime(2027, 1, 1, 9)
DURING = datetime(2027, 2, 10, 12)
AFTER = datetime(2027, 2, 20, 12)


@pytest.fixture
def acts(store, tmp_path):
    path = tmp_path / "sales.csv"
    path.write_text(SALES, encoding="utf-8")
    import_sales(store, path, dataset="Standard")
    add_member(store, "Anna", at=MADE)
    plan = create_plan(store, dataset="Standard", customer_id="C1", started_on=date(2027, 1, 1),
                       at=MADE)  # fmt: skip
    ids = {}
    for key, due, status in (("A", 9, "planned"), ("B", 1, "planned"), ("C", 10, "planned"),
                             ("D", 11, "cancelled")):  # fmt: skip
        made = add_activity(store, plan["plan_id"], key, owner="Anna", due=date(2027, 2, due),
                            status=status, at=MADE)  # fmt: skip
        ids[key] = made["activity_id"]
    update(store, "activity", ids["C"], status="done", at=datetime(2027, 2, 9, 15))
    add_goal(store, plan["plan_id"], kind="revenue", target="3650", starts_on=date(2027, 1, 1),
             ends_on=date(2027, 12, 31), at=MADE)  # fmt: skip
    return ids


def _titles(shown, section):
    return [a["title"] for a in shown[section]]


@pytest.mark.parametrize(
    ("text", "monday"),
    [
        ("2027-W06", date(2027, 2, 8)),
        ("2027W06", date(2027, 2, 8)),
        ("2026-W53", date(2026, 12, 28)),
    ],
)
def test_an_iso_week_is_monday_to_sunday(text, monday):
    assert parse_week(text) == (monday, date.fromordinal(monday.toordinal() + 6))


@pytest.mark.parametrize("text", ["2027-06", "2027-W54", "W06", "2027-W00"])
def test_a_week_that_is_no_week_is_refused(text):
    with pytest.raises(ValueError, match="2027-W03"):
        parse_week(text)


def test_week_of_a_day():
    assert week_of(date(2027, 1, 1)) == "2026-W53"


@pytest.mark.parametrize(
    ("section", "titles"), [("due", ["A"]), ("overdue", ["B"]), ("done", ["C"])]
)
def test_the_board_sections(store, acts, section, titles):
    assert _titles(board(store, dataset="Standard", week="2027-W06", now=DURING), section) == titles


def test_a_persons_commitments_against_done(store, acts):
    people = board(store, dataset="Standard", week="2027-W06", now=DURING)["people"]
    assert people == [{"person": "Anna", "promised": 2, "done": 1, "overdue": 1, "status": "red"}]


def test_the_scoreboard_compares_the_running_goal_with_the_actuals(store, acts):
    row = board(store, dataset="Standard", week="2027-W06", now=DURING)["scoreboard"][0]
    # 3 650 over 365 days: 10 a day; 1 Jan .. 10 Feb (the data's last day) is 41 days.
    assert (row["target_revenue"], row["expected_revenue"], row["actual_revenue"]) == (
        Decimal("3650"), Decimal("410"), Decimal("400")
    )  # fmt: skip
    assert row["status"] == "amber"


def test_a_past_week_is_told_as_it_stood_at_its_end(store, acts):
    update(store, "activity", acts["A"], status="done", at=datetime(2027, 2, 16, 9))
    assert _titles(board(store, dataset="Standard", week="2027-W06", now=AFTER), "due") == ["A"]


def test_a_past_weeks_board_is_unchanged_by_later_edits(store, acts):
    first = board(store, dataset="Standard", week="2027-W06", now=AFTER)
    update(store, "activity", acts["B"], status="done", at=datetime(2027, 2, 21, 9))
    archive(store, "activity", acts["A"], at=datetime(2027, 2, 21, 10))
    later = board(store, dataset="Standard", week="2027-W06", now=datetime(2027, 3, 1))
    assert (later, recorded_weeks(store, dataset="Standard")) == (first, ["2027-W06"])


def test_the_current_week_is_live(store, acts):
    board(store, dataset="Standard", week="2027-W06", now=DURING)
    update(store, "activity", acts["A"], status="done", at=datetime(2027, 2, 10, 13))
    shown = board(store, dataset="Standard", week="2027-W06", now=datetime(2027, 2, 10, 14))
    assert (_titles(shown, "done"), shown["recorded"]) == (["A", "C"], False)
