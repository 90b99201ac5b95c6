"""Targets against actuals, worked out by hand from the literal sales file below.

The sales data ends on 2027-02-10 (the day actuals are measured to by default).

C1 buys 1 000 (cost 600) on 10 Jan, 500 (cost 300) on 20 Jan, gets a credit note of
−200 (cost −120) on 25 Jan, and buys 700 (cost 400) on 10 Feb. Its plan starts mid-month,
on 15 January: since then revenue is 500 − 200 + 700 = 1 000 and margin 200 − 80 + 300 =
420. C2 bought only before its plan started (400 on 1 Dec 2026). C3's line has no cost.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from analytics.plan_tables import measurements
from analytics.plans import add_goal, create_plan, update
from analytics.review import roll_forward
from analytics.targets import customer_actuals, goal_progress, status_of
from tests.samples import import_text

SALES = (
    "Kundnr;Kundnamn;Fakturadatum;Belopp;Kostnad\n"
    "C1;Alfa;2027-01-10;1000;600\n"
    "C1;Alfa;2027-01-20;500;300\n"
    "C1;Alfa;2027-01-25;-200;-120\n"
    "C1;Alfa;2027-02-10;700;400\n"
    "C2;Beta;2026-12-01;400;100\n"
    "C3;Gamma;2027-02-01;100;\n"
)


@pytest.fixture
def planned(store, tmp_path):
    import_text(store, SALES, tmp_path, dataset="Standard")
    ids = {}
    for customer, start in (("C1", date(2027, 1, 15)), ("C2", date(2027, 1, 1)),
                            ("C3", date(2027, 1, 1))):  # fmt: skip
        plan = create_plan(store, dataset="Standard", customer_id=customer, started_on=start)
        ids[customer] = plan["plan_id"]
    return ids


def _actuals(store) -> dict[str, dict]:
    table = customer_actuals(store, dataset="Standard")
    return {row["customer_id"]: row for row in table.iter_rows(named=True)}


def test_a_plan_starting_mid_month_counts_sales_from_its_first_day(store, planned):
    assert _actuals(store)["C1"]["revenue_since_start"] == Decimal("1000")


def test_a_credit_note_lowers_revenue_and_margin(store, planned):
    row = _actuals(store)["C1"]
    assert row["margin_since_start"] == Decimal("420")


def test_a_customer_without_sales_since_the_plan_started_has_zero(store, planned):
    row = _actuals(store)["C2"]
    assert (row["revenue_since_start"], row["margin_since_start"]) == (0, 0)


def test_margin_is_unknown_when_a_line_has_no_cost(store, planned):
    assert _actuals(store)["C3"]["margin_since_start"] is None


def test_the_last_12_months_end_at_the_last_day_of_data(store, planned):
    # 2026-02-11 .. 2027-02-10: all four C1 lines.
    assert _actuals(store)["C1"]["revenue_12m"] == Decimal("2000")


def test_a_revenue_goal_expects_its_target_spread_over_its_days(store, planned):
    add_goal(store, planned["C2"], kind="revenue", target="1200",
             starts_on=date(2027, 1, 1), ends_on=date(2027, 12, 31))  # fmt: skip
    row = goal_progress(store, dataset="Standard").row(0, named=True)
    # 1 Jan .. 10 Feb is 41 of 365 days: 1 200 × 41 / 365 = 134.7945.
    assert (row["expected"], row["actual"], row["status"]) == (Decimal("134.7945"), 0, "red")


def test_a_goal_after_the_data_has_not_started(store, planned):
    add_goal(store, planned["C1"], kind="revenue", target="100",
             starts_on=date(2027, 3, 1), ends_on=date(2027, 3, 31))  # fmt: skip
    assert goal_progress(store, dataset="Standard")["status"].to_list() == ["not_started"]


def test_a_quarter_takes_its_days_share_of_a_longer_goal(store, planned):
    add_goal(store, planned["C2"], kind="revenue", target="1200",
             starts_on=date(2027, 1, 1), ends_on=date(2027, 12, 31))  # fmt: skip
    window = (date(2027, 1, 1), date(2027, 3, 31))
    row = goal_progress(store, dataset="Standard", window=window).row(0, named=True)
    # 90 of 365 days: 1 200 × 90 / 365 = 295.8904.
    assert row["target"] == Decimal("295.8904")


def test_a_margin_goal_is_measured_on_margin(store, planned):
    add_goal(store, planned["C1"], kind="margin", target="420",
             starts_on=date(2027, 1, 15), ends_on=date(2027, 2, 10))  # fmt: skip
    row = goal_progress(store, dataset="Standard").row(0, named=True)
    assert (row["actual"], row["expected"], row["status"]) == (420, 420, "green")


@pytest.mark.parametrize(
    ("actual", "expected", "status"),
    [
        ("100", "100", "green"),
        ("90", "100", "amber"),
        ("89.99", "100", "red"),
        ("0", "0", "green"),
        ("-1", "0", "red"),
        (None, "100", "unknown"),
    ],
)
def test_status_rules(actual, expected, status):
    value = None if actual is None else Decimal(actual)
    assert status_of(value, Decimal(expected)) == status


def test_roll_forward_closes_a_met_goal_and_sets_the_next_quarter(store, planned):
    goal = add_goal(store, planned["C1"], kind="revenue", target="500",
                    starts_on=date(2027, 1, 1), ends_on=date(2027, 3, 31))  # fmt: skip
    done = roll_forward(store, dataset="Standard", quarter="2027-Q1")
    table = goal_progress(store, dataset="Standard")
    new = table.filter(table["goal_id"] == done["created"][0]).row(0, named=True)
    old = table.filter(table["goal_id"] == goal["goal_id"]).row(0, named=True)
    assert (old["result"], new["starts_on"], new["ends_on"], new["target"]) == (
        "achieved",
        date(2027, 4, 1),
        date(2027, 6, 30),
        Decimal("500"),
    )


def _nps_goal(store, plan_id: int) -> int:
    goal = add_goal(store, plan_id, kind="nps", target="40", measured="25",
                    starts_on=date(2027, 1, 1), ends_on=date(2027, 12, 31),
                    at=datetime(2027, 1, 5, 9))  # fmt: skip
    update(store, "goal", goal["goal_id"], measured="32", by="Eva", at=datetime(2027, 3, 30, 9))
    update(store, "goal", goal["goal_id"], measured="44", by="Eva", at=datetime(2027, 4, 2, 9))
    return goal["goal_id"]


def test_every_measurement_is_kept_with_when_and_by_whom(store, planned):
    _nps_goal(store, planned["C1"])
    table = measurements(store, dataset="Standard")
    assert table["value"].to_list() == [Decimal("25"), Decimal("32"), Decimal("44")]
    assert table["by"].to_list() == [None, "Eva", "Eva"]


def test_a_quarter_takes_the_last_measurement_entered_by_its_last_day(store, planned):
    _nps_goal(store, planned["C1"])
    window = (date(2027, 1, 1), date(2027, 3, 31))
    row = goal_progress(store, dataset="Standard", window=window).row(0, named=True)
    # 32 entered on 30 March is the last by 31 March; 44 came in April.
    assert (row["actual"], row["measured_on"], row["status"]) == (
        Decimal("32"), date(2027, 3, 30), "red")  # fmt: skip


def test_without_a_window_the_latest_measurement_counts(store, planned):
    _nps_goal(store, planned["C1"])
    row = goal_progress(store, dataset="Standard").row(0, named=True)
    assert (row["actual"], row["measured_on"], row["status"]) == (
        Decimal("44"), date(2027, 4, 2), "green")  # fmt: skip


def test_a_quarter_without_a_measurement_by_its_last_day_is_unknown(store, planned):
    goal = add_goal(store, planned["C1"], kind="share_of_wallet", target="30",
                    starts_on=date(2027, 1, 1), ends_on=date(2027, 12, 31))  # fmt: skip
    update(store, "goal", goal["goal_id"], measured="35", at=datetime(2027, 4, 2, 9))
    window = (date(2027, 1, 1), date(2027, 3, 31))
    row = goal_progress(store, dataset="Standard", window=window).row(0, named=True)
    assert (row["actual"], row["status"]) == (None, "unknown")
