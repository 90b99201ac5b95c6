"""The quarterly review's builders without Streamlit: wins, customers and goals as tables, the
review's Excel file, the goals to roll forward and the quarters offered."""

from __future__ import annotations

import io
from datetime import date, datetime
from decimal import Decimal

import polars as pl
import pytest

from ui.review.tables import (
    customer_rows,
    goal_rows,
    quarter_options,
    review_workbook,
    roll_rows,
    win_rows,
)

NBSP = "\u00a0"


# --- the quarterly review -----------------------------------------------------------------

REVIEW = {
    "quarter": "2027-Q1",
    "decision": "Beslut mars",
    "wins": [{"customer_id": "C1", "customer_name": "Alfa", "win": "goal_met", "title": "Q1"}],
    "customers": [
        {
            "customer_id": "C1",
            "customer_name": "Alfa",
            "wins": 1,
            "goals": [
                {
                    "goal_id": 1,
                    "kind": "revenue",
                    "title": "Q1",
                    "target": Decimal("300"),
                    "actual": Decimal("312.5"),
                    "status": "green",
                },
                {
                    "goal_id": 2,
                    "kind": "nps",
                    "title": "",
                    "target": Decimal("40"),
                    "actual": None,
                    "status": "unknown",
                },
            ],
            "activities_done": [
                {
                    "activity_id": 4,
                    "title": "Besök",
                    "owner": "Anna",
                    "completed_on": date(2027, 2, 9),
                    "outcome": "Order",
                }
            ],
            "activities_open": 2,
            "tier_before": "B",
            "rank_before": 12,
            "tier_now": "A",
            "rank_now": 5,
        },
        {
            "customer_id": "C2",
            "customer_name": None,
            "wins": 0,
            "goals": [],
            "activities_done": [],
            "activities_open": 0,
        },
    ],
}


def test_review_tables_list_wins_customers_and_goals():
    assert win_rows(REVIEW, lang="sv").row(0) == ("Alfa", "Målet för kvartalet nått", "Q1")
    customers = customer_rows(REVIEW)
    assert customers.row(0, named=True) == {
        "customer": "Alfa",
        "wins": 1,
        "goals": 2,
        "goals_met": 1,
        "activities_done": 1,
        "activities_open": 2,
        "tier_before": "B",
        "tier_now": "A",
        "rank_before": 12,
        "rank_now": 5,
    }
    assert customers["customer"].to_list() == ["Alfa", "C2"]
    goals = goal_rows(REVIEW, lang="en")
    assert goals["goal"].to_list() == ["Q1", "NPS"]
    assert goals["target"].to_list() == [Decimal("300"), Decimal("40")]


def test_without_a_decision_the_review_has_no_tier_or_rank_to_compare():
    # Nothing to compare with: the columns are left out, not shown as empty cells.
    alone = customer_rows({**REVIEW, "decision": None})
    assert alone.columns == [
        "customer",
        "wins",
        "goals",
        "goals_met",
        "activities_done",
        "activities_open",
    ]
    assert alone.row(0) == ("Alfa", 1, 2, 1, 1, 2)


def test_the_review_workbook_has_real_numbers_and_dates():
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(io.BytesIO(review_workbook(REVIEW, currency="SEK", lang="sv")))
    assert book.sheetnames == ["Vinster", "Kunder", "Mål", "Klart"]
    goals = list(book["Mål"].values)
    assert goals[0][3] == "Kvartalets mål (belopp i SEK, % eller NPS)"
    assert goals[1][3] == 300 and goals[1][4] == 312.5
    done = list(book["Klart"].values)
    assert done[1][3] == datetime(2027, 2, 9)


def test_roll_forward_lists_the_open_goals_that_end_by_the_quarters_end():
    progress = pl.DataFrame(
        {
            "customer_id": ["C1", "C1", "C2"],
            "kind": ["revenue", "free", "margin"],
            "title": ["", "Avtal", "Q2"],
            "ends_on": [date(2027, 3, 31), date(2027, 3, 1), date(2027, 6, 30)],
            "target": [Decimal(300), None, Decimal(5)],
            "closed_on": [None, None, None],
        },
        schema_overrides={"target": pl.Decimal(38, 4), "closed_on": pl.Date},
    )
    rows = roll_rows(progress, {"C1": "Alfa"}, end=date(2027, 3, 31), lang="en")
    assert rows["customer"].to_list() == ["Alfa", "Alfa"]
    assert rows["goal"].to_list() == ["Revenue", "Avtal"]


def test_quarters_offered_are_this_one_and_those_before():
    assert quarter_options(date(2027, 2, 10), back=2) == ["2027-Q1", "2026-Q4", "2026-Q3"]
