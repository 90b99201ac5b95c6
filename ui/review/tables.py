"""The quarterly review without Streamlit: the quarters to choose from, the wins, each
customer's line, its goals and the activities done as frames with real numbers and
dates (for the Excel file), the same as text for the screen, the goals a roll forward
would close, and the workbook.

The review is `analytics.review.quarterly_review`'s dict with names as the page may
show them (the view masks them first)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import polars as pl

from analytics.export import to_excel_bytes
from analytics.review import parse_quarter, quarter_of
from locales import key_table, plain
from locales.formats import fmt_date
from ui.elements import column_labels
from ui.i18n import texts
from ui.plans.labels import GOAL_KIND_KEYS, WIN_KEYS, label, rag_text
from ui.wording import span_plain

__all__ = [
    "COLUMN_KEYS",
    "SHEET_KEYS",
    "customer_rows",
    "done_rows",
    "goal_rows",
    "labels",
    "on_screen",
    "quarter_label",
    "quarter_of",
    "quarter_options",
    "review_workbook",
    "roll_rows",
    "win_rows",
]

# Every column of the review's tables, with the catalog key of its name.
COLUMN_KEYS = key_table(
    "review.col",
    "customer",
    "win",
    "title",
    "wins",
    "goals",
    "goals_met",
    "activities_done",
    "activities_open",
    "tier_before",
    "tier_now",
    "rank_before",
    "rank_now",
    "goal",
    "kind",
    "target",
    "actual",
    "status",
    "owner",
    "completed_on",
    "outcome",
    "ends_on",
)
# The workbook's sheets, with the catalog key of each sheet's name.
SHEET_KEYS = key_table("review.sheet", "wins", "customers", "goals", "done")
_MONEY = pl.Decimal(38, 4)


def quarter_options(today: date, *, back: int = 4) -> list[str]:
    """This quarter and the `back` before it, newest first."""
    index = today.year * 4 + (today.month - 1) // 3
    return [f"{i // 4}-Q{i % 4 + 1}" for i in range(index, index - back - 1, -1)]


def quarter_label(quarter: str, *, lang: str) -> str:
    """`2026-Q4 · 2026-10-01 – 2026-12-31` (dates the language's way)."""
    return span_plain("review.quarter_label", *parse_quarter(quarter), lang=lang, quarter=quarter)


def _name(row: dict) -> str:
    return row.get("customer_name") or row["customer_id"]


def win_rows(review: dict, *, lang: str) -> pl.DataFrame:
    """The wins, in the review's order: customer, the win in words, what it was."""
    rows = [
        {"customer": _name(w), "win": label(WIN_KEYS, w["win"], lang=lang), "title": w["title"]}
        for w in review["wins"]
    ]
    return pl.DataFrame(rows, schema=dict.fromkeys(("customer", "win", "title"), pl.String))


# The columns that compare a customer's tier and rank with a saved decision's.
_MOVEMENT = ("tier_before", "tier_now", "rank_before", "rank_now")


def customer_rows(review: dict) -> pl.DataFrame:
    """One line per customer (those with wins first): wins, goals and those met (green),
    activities done and still open, and with a decision to compare with (the review's
    `decision`) tier and rank at the decision and now. Without one there is nothing to
    compare, so those columns are left out rather than shown empty."""
    rows = [
        {
            "customer": _name(c),
            "wins": c["wins"],
            "goals": len(c["goals"]),
            "goals_met": sum(g["status"] == "green" for g in c["goals"]),
            "activities_done": len(c["activities_done"]),
            "activities_open": c["activities_open"],
            "tier_before": c.get("tier_before"),
            "tier_now": c.get("tier_now"),
            "rank_before": c.get("rank_before"),
            "rank_now": c.get("rank_now"),
        }
        for c in review["customers"]
    ]
    schema = {
        "customer": pl.String,
        **dict.fromkeys(
            ("wins", "goals", "goals_met", "activities_done", "activities_open"), pl.Int64
        ),
        "tier_before": pl.String,
        "tier_now": pl.String,
        "rank_before": pl.Int64,
        "rank_now": pl.Int64,
    }
    frame = pl.DataFrame(rows, schema=schema)
    return frame if review.get("decision") else frame.drop(_MOVEMENT)


def _per_customer(
    review: dict, items: str, row: Callable[[dict], dict], schema: dict[str, pl.DataType]
) -> pl.DataFrame:
    """One row for each of every customer's `items` (`goals`): the customer's name, then
    `row(item)`, whose columns and types `schema` names."""
    rows = [{"customer": _name(c), **row(i)} for c in review["customers"] for i in c[items]]
    return pl.DataFrame(rows, schema={"customer": pl.String, **schema})


def goal_rows(review: dict, *, lang: str) -> pl.DataFrame:
    """Every customer's goals for the quarter: the goal (title or kind), its kind, the
    quarter's share of the target, the actual (exact amounts) and the light."""

    def row(g: dict) -> dict:
        kind = label(GOAL_KIND_KEYS, g["kind"], lang=lang)
        return {
            "goal": g["title"] or kind,
            "kind": kind,
            "target": g["target"],
            "actual": g["actual"],
            "status": rag_text(g["status"], lang=lang),
        }

    schema = {
        "goal": pl.String,
        "kind": pl.String,
        "target": _MONEY,
        "actual": _MONEY,
        "status": pl.String,
    }
    return _per_customer(review, "goals", row, schema)


def done_rows(review: dict) -> pl.DataFrame:
    """The activities done in the quarter: customer, activity, owner, the day, outcome."""
    # The columns are the activity's own fields.
    schema = {"title": pl.String, "owner": pl.String, "completed_on": pl.Date, "outcome": pl.String}
    return _per_customer(review, "activities_done", lambda a: {c: a[c] for c in schema}, schema)


def roll_rows(progress: pl.DataFrame, names: dict[str, str], *, end: date, lang: str):
    """The goals a roll forward at the end of the quarter (`end`) closes: those still
    open that end by then (`analytics.targets.goal_progress` rows), with the customer's
    name from `names`."""
    ending = progress.filter(pl.col("closed_on").is_null() & (pl.col("ends_on") <= end))
    return pl.DataFrame(
        {
            "customer": [names.get(c, c) for c in ending["customer_id"]],
            "goal": [
                g["title"] or label(GOAL_KIND_KEYS, g["kind"], lang=lang)
                for g in ending.iter_rows(named=True)
            ],
            "ends_on": ending["ends_on"],
            "target": ending["target"],
        },
        schema={"customer": pl.String, "goal": pl.String, "ends_on": pl.Date, "target": _MONEY},
    )


def on_screen(frame: pl.DataFrame, *, lang: str) -> pl.DataFrame:
    """A review table as the screen shows it: dates as text in `lang`, amounts as numbers
    for `ui.tables.localized`, missing text empty."""
    shown = []
    for name in frame.columns:
        column = frame[name]
        if column.dtype == pl.Date:
            shown.append(texts(column, lambda d: fmt_date(d, lang=lang) if d else "", name=name))
        elif isinstance(column.dtype, pl.Decimal):
            shown.append(column.cast(pl.Float64))
        else:
            shown.append(column)
    return pl.DataFrame(shown)


def labels(columns: list[str], *, currency: str, lang: str) -> dict[str, str]:
    """Column names in `lang`; amounts name their `currency`."""
    return column_labels({c: COLUMN_KEYS[c] for c in columns}, currency=currency, lang=lang)


def review_workbook(review: dict, *, currency: str, lang: str) -> bytes:
    """The review as an Excel file: wins, customers, goals and activities done, one sheet
    each, with real numbers and dates and the column names in `lang`."""
    frames = {
        "wins": win_rows(review, lang=lang),
        "customers": customer_rows(review),
        "goals": goal_rows(review, lang=lang),
        "done": done_rows(review),
    }
    sheets = {
        plain(SHEET_KEYS[name], lang=lang): frame.rename(
            labels(frame.columns, currency=currency, lang=lang)
        )
        for name, frame in frames.items()
    }
    return to_excel_bytes(sheets)
