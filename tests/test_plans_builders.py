"""The builders of the plan and check-in pages without Streamlit: what an editor's edits
mean for the store, the customers' order in the picker, the history in words, each
person's commitments by week, the timer and the scoreboard, in Swedish and English (the
review's: test_review_builders)."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal

import polars as pl
import pytest

from analytics.plans import ACTIVITY_STATUSES, CHOICES, CONTACT_VIEWS, GOAL_KINDS
from analytics.review import WIN_RULES
from analytics.targets import STATUS_ORDER, TREND_RULES
from locales import catalog
from ui.checkin.tables import (
    commitment_text,
    person_lists,
    scoreboard_rows,
    speaking_time,
    timer_text,
    week_label,
    week_options,
)
from ui.plans.editors import (
    activity_columns,
    contact_columns,
    editor_writes,
    goal_columns,
    row_complete,
)
from ui.plans.labels import (
    ACTION_KEYS,
    CHOICE_KEYS,
    ENTITY_KEYS,
    GOAL_KIND_KEYS,
    RAG_KEYS,
    STATUS_KEYS,
    TREND_KEYS,
    VIEW_KEYS,
    WIN_KEYS,
    rag_badge,
    rag_cells,
    rag_text,
)
from ui.plans.sentences import (
    candidates_text,
    created_text,
    not_measured_board_text,
    not_measured_text,
    rules_text,
)
from ui.plans.tables import (
    FIELD_KEYS,
    customer_label,
    customer_order,
    history_rows,
    measurement_rows,
)
from ui.review.tables import (
    COLUMN_KEYS,
    SHEET_KEYS,
)

NBSP = "\u00a0"


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_code_is_named_in_a_table_with_words_in_the_catalog(lang):
    assert set(STATUS_KEYS) == set(ACTIVITY_STATUSES)
    assert set(GOAL_KIND_KEYS) == set(GOAL_KINDS)
    assert set(CHOICE_KEYS) == set(CHOICES)
    assert set(VIEW_KEYS) == set(CONTACT_VIEWS)
    assert set(WIN_KEYS) == {name for name, _ in WIN_RULES}
    assert set(TREND_KEYS) == {name for name, _ in TREND_RULES}
    assert set(STATUS_ORDER) <= set(RAG_KEYS)
    assert set(ENTITY_KEYS) == {"team", "plan", "contact", "goal", "activity"}
    keys = [ACTION_KEYS, CHOICE_KEYS, ENTITY_KEYS, GOAL_KIND_KEYS, RAG_KEYS, STATUS_KEYS]
    keys += [TREND_KEYS, VIEW_KEYS, WIN_KEYS, FIELD_KEYS, COLUMN_KEYS, SHEET_KEYS]
    assert {k for table in keys for k in table.values()} <= set(catalog(lang))


# --- editors --------------------------------------------------------------------------

ACTIVITY = activity_columns(people=["Anna", "Bo"], goals=[], lang="en")


def test_an_edited_cell_updates_the_row_of_its_position():
    state = {"edited_rows": {"1": {"status": "done", "due": "2027-02-10T00:00:00.000"}}}
    writes = editor_writes([11, 12], state, ACTIVITY, entity="activity")
    assert writes.updates == [(12, {"status": "done", "due": date(2027, 2, 10)})]
    assert writes.added == [] and writes.archived == []


def test_a_deleted_row_is_archived_not_deleted():
    writes = editor_writes([11, 12, 13], {"deleted_rows": [0, 2]}, ACTIVITY, entity="activity")
    assert writes.archived == [11, 13]


def test_a_new_row_takes_the_column_defaults():
    state = {"added_rows": [{"title": "Ring inköparen", "owner": "Anna"}]}
    writes = editor_writes([], state, ACTIVITY, entity="activity")
    assert writes.added == [{"title": "Ring inköparen", "owner": "Anna", "status": "planned"}]


def test_a_new_row_without_a_title_waits_and_nothing_is_written():
    state = {"edited_rows": {0: {"status": "done"}}, "added_rows": [{"owner": "Anna"}]}
    writes = editor_writes([11], state, ACTIVITY, entity="activity")
    assert writes.waiting
    assert not writes


def test_read_only_columns_are_not_written():
    state = {"edited_rows": {0: {"completed_on": "2027-01-01"}}}
    assert not editor_writes([11], state, ACTIVITY, entity="activity")


def test_a_goal_target_is_an_exact_decimal_and_a_cleared_kind_its_default():
    columns = goal_columns(currency="SEK", start=date(2027, 1, 1), lang="sv")
    state = {"edited_rows": {0: {"target": 1234.5, "kind": None}}}
    writes = editor_writes([7], state, columns, entity="goal")
    assert writes.updates == [(7, {"target": Decimal("1234.5"), "kind": "revenue"})]


def test_a_new_goal_runs_a_year_from_the_start_by_default():
    columns = goal_columns(currency="SEK", start=date(2027, 1, 1), lang="sv")
    state = {"added_rows": [{"kind": "revenue", "target": 1200}]}
    (added,) = editor_writes([], state, columns, entity="goal").added
    assert added["starts_on"] == date(2027, 1, 1)
    assert added["ends_on"] == date(2027, 12, 31)
    assert added["target"] == Decimal("1200")


@pytest.mark.parametrize(
    ("entity", "row", "complete"),
    [
        ("activity", {"title": "  "}, False),
        ("activity", {"title": "Besök"}, True),
        ("contact", {"role": "CFO"}, False),
        ("goal", {"kind": "revenue"}, False),
        ("goal", {"kind": "margin", "target": Decimal(5)}, True),
        ("goal", {"kind": "free"}, True),
    ],
)
def test_what_a_new_row_needs(entity, row, complete):
    assert row_complete(entity, row) is complete


def test_a_value_that_is_not_a_number_is_refused():
    columns = goal_columns(currency="SEK", start=date(2027, 1, 1), lang="sv")
    with pytest.raises(ValueError, match="Not a number"):
        editor_writes([7], {"edited_rows": {0: {"target": "mycket"}}}, columns, entity="goal")


def test_the_view_column_offers_every_view_in_words():
    (view,) = [c for c in contact_columns(lang="sv") if c.name == "view"]
    assert view.options == CONTACT_VIEWS
    assert view.words["critic"] == "Kritiker"


# --- the picker and the history ---------------------------------------------------------


def test_customers_with_a_plan_come_first_then_by_rank():
    customers = pl.DataFrame(
        {
            "customer_id": ["A", "B", "C", "D"],
            "customer_name": ["a", "b", "c", "d"],
            "tier": ["B", "A", None, "A"],
            "rank": [3, 1, None, 2],
        }
    )
    assert customer_order(customers, {"C", "A"}) == ["A", "C", "B", "D"]


@pytest.mark.parametrize(
    ("masked", "expected"),
    [(False, "Alfa AB · 1001 · A · ✓ plan"), (True, "Customer A01 · A · ✓ plan")],
)
def test_a_masked_customer_is_named_by_its_pseudonym_alone(masked, expected):
    name = "Customer A01" if masked else "Alfa AB"
    shown = customer_label("1001", name, tier="A", planned=True, masked=masked, lang="en")
    assert shown == expected


def _history(*changes):
    return pl.DataFrame(
        [
            {
                "change_id": i,
                "entity": e,
                "entity_id": k,
                "plan_id": 1,
                "action": a,
                "changes": json.dumps(c),
                "changed_by": by,
                "changed_at": datetime(2027, 2, 9, 15, i),
            }
            for i, (e, k, a, c, by) in enumerate(changes)
        ]
    )


def test_the_history_says_who_changed_what_newest_first():
    log = _history(
        ("activity", "5", "create", {"title": [None, "Besök"]}, "Anna"),
        (
            "activity",
            "5",
            "update",
            {"status": ["planned", "done"], "due": [None, "2027-02-10"]},
            None,
        ),
    )
    rows = history_rows(log, names={("activity", "5"): "Besök"}, goals={}, lang="sv")
    assert rows["changed_at"].to_list() == ["2027-02-09 15:01", "2027-02-09 15:00"]
    assert rows["changed_by"].to_list() == ["–", "Anna"]
    assert rows["what"].to_list() == ["Aktivitet · Ändrad", "Aktivitet · Skapad"]
    assert rows["detail"].to_list() == [
        "Status: Planerad → Klar; Klart senast: – → 2027-02-10",
        "Besök",
    ]


def test_the_history_names_the_goal_an_activity_serves():
    log = _history(("activity", "5", "carry", {"goal_id": [3, 4]}, "Bo"))
    rows = history_rows(log, names={}, goals={3: "Q1", 4: "Q2"}, lang="en")
    assert rows["detail"].to_list() == ["Goal: Q1 → Q2"]
    assert rows["what"].to_list() == ["Activity · Moved to the next goal"]


def test_measurements_list_the_plans_goals_newest_first_with_who():
    taken = pl.DataFrame(
        {
            "goal_id": [7, 8, 7],
            "measured_at": [datetime(2027, 1, 5, 9), datetime(2027, 2, 1, 10),
                            datetime(2027, 3, 30, 14, 5)],
            "value": [Decimal("25"), Decimal("60"), Decimal("32.5")],
            "by": [None, "Bo", "Eva"],
        }
    )  # fmt: skip
    rows = measurement_rows(taken, goals={7: "NPS"})
    assert rows.rows() == [
        ("NPS", "2027-03-30 14:05", 32.5, "Eva"),
        ("NPS", "2027-01-05 09:00", 25.0, "–"),
    ]


# --- sentences ------------------------------------------------------------------------------


def test_created_text_counts_plans_made_and_skipped():
    assert created_text(3, 0, lang="en") == "3 plans created."
    assert created_text(3, 2, lang="en") == "3 plans created. 2 customers already had a plan."


def test_candidates_text_lists_eight_names_and_counts_the_rest():
    names = [f"K{i}" for i in range(1, 11)]
    assert candidates_text(names, lang="en") == (
        "10 A customers have no plan: K1, K2, K3, K4, K5, K6, K7, K8 and 2 more."
    )
    assert candidates_text([], lang="sv") == "Alla A-kunder har en plan."


def test_the_rules_of_the_lights_are_in_one_caption():
    text = rules_text(lang="en")
    assert text.startswith("Green: the actual is at least 100")
    assert "Amber: the actual is at least 90" in text and "Red: the actual is below 90" in text


# --- the weekly board ---------------------------------------------------------------------

MONDAY = date(2027, 2, 8)  # 2027-W06


def _acts(*rows):
    return pl.DataFrame(
        [
            {
                "activity_id": i,
                "customer_id": "C1",
                "customer_name": "Alfa",
                "title": t,
                "owner": o,
                "due": d,
                "status": s,
            }
            for i, (t, o, d, s) in enumerate(rows)
        ],
        schema={
            "activity_id": pl.Int64,
            "customer_id": pl.String,
            "customer_name": pl.String,
            "title": pl.String,
            "owner": pl.String,
            "due": pl.Date,
            "status": pl.String,
        },
    )


def test_a_persons_commitments_by_week():
    acts = _acts(
        ("last done", "Anna", date(2027, 2, 1), "done"),
        ("last open", "Anna", date(2027, 2, 7), "planned"),
        ("last cancelled", "Anna", date(2027, 2, 3), "cancelled"),
        ("this", "Anna", date(2027, 2, 14), "in_progress"),
        ("old open", "Anna", date(2027, 1, 31), "planned"),
        ("old done", "Anna", date(2027, 1, 20), "done"),
        ("next", "Anna", date(2027, 2, 15), "planned"),
        ("later", "Anna", date(2027, 2, 22), "planned"),
        ("Bo's", "Bo", date(2027, 2, 9), "planned"),
    )
    lists = person_lists(acts, owner="Anna", monday=MONDAY)
    assert {k: v["title"].to_list() for k, v in lists.items()} == {
        "last_week": ["last done", "last open"],
        "this_week": ["this"],
        "overdue": ["old open"],
        "next_week": ["next"],
    }


def test_activities_without_an_owner_have_their_own_lists():
    acts = _acts(("nobody's", None, date(2027, 2, 9), "planned"), ("x", "Bo", MONDAY, "planned"))
    lists = person_lists(acts, owner=None, monday=MONDAY)
    assert lists["this_week"]["title"].to_list() == ["nobody's"]


def test_a_commitment_reads_title_customer_and_due_with_markdown_escaped():
    row = {"title": "Ring *inköp*", "customer_id": "C1", "customer_name": "Alfa", "due": MONDAY}
    assert commitment_text(row, lang="en") == "Ring \\*inköp\\* · Alfa · 8 Feb 2027"


@pytest.mark.parametrize(
    ("elapsed", "budget", "reading", "over"),
    [
        (0, 150, "0:00 / 2:30", False),
        (72.9, 150, "1:12 / 2:30", False),
        (151, 150, "2:31 / 2:30", True),
    ],
)
def test_the_timer_reads_minutes_and_seconds_against_the_share(elapsed, budget, reading, over):
    assert timer_text(elapsed, budget) == (reading, over)


@pytest.mark.parametrize(("people", "seconds"), [(8, 150), (3, 400), (0, 1200)])
def test_twenty_minutes_are_shared_round_the_table(people, seconds):
    assert speaking_time(people) == seconds


def test_the_weeks_offered_are_around_this_one_and_every_recorded_one():
    weeks = week_options(date(2027, 2, 10), ["2026-W40"], back=2, ahead=1)
    assert weeks == ["2027-W07", "2027-W06", "2027-W05", "2027-W04", "2026-W40"]
    assert week_label("2027-W06", lang="sv") == "2027-W06 · 2027-02-08 – 2027-02-14"


def test_the_scoreboard_shows_lights_in_words_amounts_as_numbers_and_the_trend():
    row = {
        "customer_id": "C1",
        "customer_name": None,
        "status": "amber",
        "target_revenue": Decimal("3650"),
        "expected_revenue": Decimal("410"),
        "actual_revenue": Decimal("400"),
        "revenue_status": "amber",
        "revenue_12m": Decimal("400"),
        "trend": 0.125,
        "trend_direction": "up",
    }
    shown = scoreboard_rows([row], lang="en").row(0, named=True)
    assert shown["customer"] == "C1"
    assert shown["status"] == "Amber"
    assert shown["actual_revenue"] == 400.0
    assert shown["trend"] == "+12.5%"
    assert shown["trend_direction"] == "Up"


def test_the_margins_target_and_lights_show_only_with_a_margin_goal():
    plain_row = {"customer_id": "C1", "status": "green", "revenue_status": "green"}
    assert "target_margin" not in scoreboard_rows([plain_row], lang="en").columns
    margin_row = {**plain_row, "target_margin": Decimal(100), "margin_status": "red"}
    shown = scoreboard_rows([plain_row, margin_row], lang="en")
    assert shown["target_margin"].to_list() == [None, 100.0]
    assert shown["margin_status"].to_list() == ["", "Red"]
    assert shown["revenue_status"].to_list() == ["Green", "Green"]


@pytest.mark.parametrize(("trend", "shown"), [(0.125, f"+12,5{NBSP}%"), (-0.05, f"−5,0{NBSP}%")])
def test_the_trend_is_a_signed_share(trend, shown):
    row = {"customer_id": "C1", "trend": trend}
    assert scoreboard_rows([row], lang="sv")["trend"].to_list() == [shown]


def test_a_light_is_read_by_its_word_too():
    assert rag_text("red", lang="sv") == "Röd"
    assert rag_text(None, lang="sv") == ""
    assert rag_badge("amber", lang="en") == ":orange-badge[Amber]"
    assert rag_cells(lang="sv")["Grön"].startswith("background-color:")


def test_a_plan_started_after_the_sales_data_says_why_it_has_no_actuals():
    # The sales data ends on 30 October; a plan from 3 December has nothing to measure.
    why = not_measured_text(date(2026, 12, 3), date(2026, 10, 30), lang="sv")
    assert why.startswith("Inget utfall att mäta ännu: planen startade 2026-12-03")
    assert "(2026-10-30)" in why
    assert not_measured_text(date(2026, 10, 30), date(2026, 10, 30), lang="sv") is None
    assert not_measured_text(date(2026, 12, 3), None, lang="sv") is None


def test_the_scoreboard_names_the_plans_started_after_the_sales_data():
    board = [
        # Started after the data: nothing since the start, though 12 months are known.
        {
            "customer_id": "00225",
            "customer_name": "Eklund AB",
            "revenue_since_start": None,
            "revenue_12m": Decimal("0"),
        },
        {
            "customer_id": "00345",
            "customer_name": None,
            "revenue_since_start": None,
            "revenue_12m": Decimal("459274.74"),
        },
        {
            "customer_id": "01810",
            "customer_name": "Stjärn AB",
            "revenue_since_start": Decimal("100"),
            "revenue_12m": Decimal("100"),
        },
    ]
    why = not_measured_board_text(board, lang="en")
    assert why.startswith("No actuals to measure yet for Eklund AB, 00345: the plan started")
    assert not_measured_board_text(board[2:], lang="en") is None
