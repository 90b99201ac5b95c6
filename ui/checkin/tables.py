"""The weekly check-in's content without Streamlit: the weeks to choose from, each
person's commitments (last week, this week, overdue, next week), the scoreboard, the
people's week, a recorded board's lists, and the timer's reading.

A week is an ISO week `YYYY-Www` (Monday to Sunday). Relative to the chosen week's
Monday, a person's commitments are:

| list       | due                               | status          |
|------------|-----------------------------------|-----------------|
| last_week  | the week before                   | not cancelled   |
| this_week  | the chosen week                   | not cancelled   |
| overdue    | before the week before            | still open      |
| next_week  | the week after                    | not cancelled   |

(what was due last week and is still open is in `last_week`, not again in `overdue`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

import polars as pl

from analytics.board import is_overdue, parse_week, week_of
from locales import Markdown, key_table, t
from locales.formats import fmt_date, fmt_int, fmt_pct
from ui.i18n import texts
from ui.plans.labels import STATUS_KEYS, TREND_KEYS, label, rag_badge, rag_text
from ui.wording import span_plain

__all__ = [
    "BOARD_COLUMNS",
    "LISTS",
    "LIST_KEYS",
    "PEOPLE_COLUMNS",
    "SCOREBOARD_COLUMNS",
    "board_rows",
    "commitment_text",
    "people_rows",
    "person_heading",
    "person_lists",
    "scoreboard_rows",
    "speaking_time",
    "timer_text",
    "week_label",
    "week_options",
]

# The lists of a person's commitments, in the order the board shows them, with the
# catalog key of each heading.
LISTS: tuple[str, ...] = ("last_week", "this_week", "overdue", "next_week")
LIST_KEYS = key_table("checkin", *LISTS)


def week_options(
    today: date, recorded: Sequence[str], *, back: int = 8, ahead: int = 1
) -> list[str]:
    """The weeks to choose from, newest first: `ahead` weeks after this one, this one,
    `back` weeks before it, and every week with a recorded board."""
    weeks = {week_of(today + timedelta(weeks=n)) for n in range(-back, ahead + 1)}
    return sorted(weeks | set(recorded), reverse=True)


def week_label(week: str, *, lang: str) -> str:
    """`2026-W49 · 2026-11-30 – 2026-12-06` (dates the language's way)."""
    return span_plain("checkin.week_label", *parse_week(week), lang=lang, week=week)


def person_lists(acts: pl.DataFrame, *, owner: str | None, monday: date) -> dict[str, pl.DataFrame]:
    """The commitments of `owner` (None: activities without an owner) by list (see the
    module's table), each sorted by due date and title."""
    mine = acts.filter(pl.col("owner").is_null() if owner is None else pl.col("owner") == owner)
    due = pl.col("due")
    kept = pl.col("status") != "cancelled"
    week = [
        (monday + timedelta(days=7 * n), monday + timedelta(days=7 * n + 6)) for n in (-1, 0, 1)
    ]
    rules = {
        "last_week": due.is_between(*week[0]) & kept,
        "this_week": due.is_between(*week[1]) & kept,
        # The board's rule against the week before: last week's open ones are in
        # `last_week`, to be ticked there.
        "overdue": is_overdue(week[0][0]),
        "next_week": due.is_between(*week[2]) & kept,
    }
    return {name: mine.filter(rule).sort("due", "title") for name, rule in rules.items()}


def commitment_text(row: dict, *, lang: str) -> Markdown:
    """A commitment as its check box reads: `Ring inköpschefen · Alfa AB · 2026-12-04`
    (the title and customer as written, escaped)."""
    return t(
        "checkin.item",
        lang=lang,
        title=row["title"],
        customer=row.get("customer_name") or row["customer_id"],
        due=fmt_date(row["due"], lang=lang),
    )


def speaking_time(people: int, *, minutes: int = 20) -> int:
    """Each person's share of the meeting in whole seconds (20 minutes round the table)."""
    return (minutes * 60) // max(people, 1)


def _clock(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


def timer_text(elapsed: float, budget: int) -> tuple[str, bool]:
    """The timer's reading `1:12 / 2:30` and whether the time is up (elapsed > budget)."""
    spent = max(int(elapsed), 0)
    return f"{_clock(spent)} / {_clock(budget)}", spent > budget


def _money(column: str) -> pl.Expr:
    return pl.col(column).cast(pl.Float64)


def scoreboard_rows(scoreboard: list[dict], *, lang: str) -> pl.DataFrame:
    """The scoreboard (`analytics.board.scoreboard` rows, names as the page may show
    them): customer, the worst light, revenue target, expected by now and actual with
    their light, margin likewise, revenue of the last 12 months, and the trend against
    the 12 before (a share, and its direction in words). Amounts as numbers. Without any
    margin goal the margin's target and lights are left out (the overall light is the
    revenue's then)."""
    schema = {
        "customer_id": pl.String,
        "customer_name": pl.String,
        "status": pl.String,
        **dict.fromkeys(
            ("target_revenue", "expected_revenue", "actual_revenue"), pl.Decimal(38, 4)
        ),
        "revenue_status": pl.String,
        **dict.fromkeys(("target_margin", "expected_margin", "actual_margin"), pl.Decimal(38, 4)),
        "margin_status": pl.String,
        "revenue_12m": pl.Decimal(38, 4),
        "trend": pl.Float64,
        "trend_direction": pl.String,
    }
    frame = pl.DataFrame([{k: r.get(k) for k in schema} for r in scoreboard], schema=schema)
    light = {
        c: texts(frame[c], lambda s: rag_text(s, lang=lang), name=c)
        for c in ("status", "revenue_status", "margin_status")
    }
    rows = frame.select(
        pl.coalesce("customer_name", "customer_id").alias("customer"),
        light["status"],
        _money("target_revenue"),
        _money("expected_revenue"),
        _money("actual_revenue"),
        light["revenue_status"],
        _money("target_margin"),
        _money("actual_margin"),
        light["margin_status"],
        _money("revenue_12m"),
        texts(frame["trend"], lambda v: _change(v, lang=lang), name="trend"),
        texts(
            frame["trend_direction"],
            lambda d: label(TREND_KEYS, d, lang=lang),
            name="trend_direction",
        ),
    )
    if frame["target_margin"].is_null().all():
        rows = rows.drop("target_margin", "margin_status", "revenue_status")
    return rows


def _change(value: float | None, *, lang: str) -> str:
    """A change as a signed share: `+12.5%` (sv `+12,5 %`); empty when unknown."""
    if value is None:
        return ""
    return f"{'+' if value > 0 else ''}{fmt_pct(value, 1, lang=lang)}"


# The catalog keys of the columns' names: of `scoreboard_rows` (amounts name the
# currency), `people_rows` and `board_rows` (see `ui.elements.column_labels`).
SCOREBOARD_COLUMNS = key_table(
    "checkin.col",
    "customer",
    "status",
    "target_revenue",
    "expected_revenue",
    "actual_revenue",
    "revenue_status",
    "target_margin",
    "actual_margin",
    "margin_status",
    "revenue_12m",
    "trend",
    "trend_direction",
)
PEOPLE_COLUMNS = key_table("checkin.col", "person", "promised", "done", "overdue", "status")
BOARD_COLUMNS = key_table(
    "plans.col", "owner", "customer", "title", "due", "status", "completed_on"
)


def people_rows(people: list[dict], *, lang: str) -> pl.DataFrame:
    """Each person's week: promised, done, overdue and the light, as counts."""
    schema = {
        "person": pl.String,
        "promised": pl.Int64,
        "done": pl.Int64,
        "overdue": pl.Int64,
        "status": pl.String,
    }
    frame = pl.DataFrame([{k: p.get(k) for k in schema} for p in people], schema=schema)
    return frame.with_columns(
        texts(frame["status"], lambda s: rag_text(s, lang=lang), name="status")
    )


def board_rows(entries: list[dict], *, lang: str) -> pl.DataFrame:
    """A recorded board's list (due, overdue or done; names as the page may show them):
    owner, customer, activity, due, status in words, done on (dates as text)."""
    rows = [
        {
            "owner": e.get("owner") or "–",
            "customer": e.get("customer_name") or e.get("customer_id") or "",
            "title": e.get("title") or "",
            "due": _day(e.get("due"), lang=lang),
            "status": label(STATUS_KEYS, e.get("status"), lang=lang),
            "completed_on": _day(e.get("completed_on"), lang=lang),
        }
        for e in entries
    ]
    return pl.DataFrame(rows, schema=dict.fromkeys(BOARD_COLUMNS, pl.String))


def _day(value: object, *, lang: str) -> str:
    if value is None or value == "":
        return ""
    day = value if isinstance(value, date) else date.fromisoformat(str(value))
    return fmt_date(day, lang=lang)


def person_heading(person: dict | None, name: str, *, lang: str) -> Markdown:
    """`Anna · 1 av 2 klara · 🔴 Röd` for a person's week (the counts when promised)."""
    if not person or not person.get("promised"):
        return t("checkin.person_none", lang=lang, person=name)
    return t(
        "checkin.person_week",
        lang=lang,
        person=name,
        done=fmt_int(person["done"], lang=lang),
        promised=fmt_int(person["promised"], lang=lang),
        light=rag_badge(person["status"], lang=lang),
    )
