"""The weekly check-in: the board of one ISO week and the scoreboard (måltavla).

The board of week `YYYY-Www` (Monday to Sunday) lists the activities of the data set's
plans in three sections:

- `due`: due that week and still open (planned or in progress),
- `overdue`: due before that Monday and still open,
- `done`: marked done during that week,

and per person (`people`) the commitments of the week — activities due that week, not
cancelled — against those done, with a status by `PERSON_RULES`. The scoreboard gives
per plan the current goals' targets against actuals (`analytics.targets`).

The current (or a future) week is computed live. A week that has ended is told as it
stood at its last moment, from the change log, and recorded the first time it is asked
for; from then on that record is returned unchanged, whatever is edited or imported
later: the board of a past week is the record of what was promised and done.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import TypedDict

import polars as pl

from analytics.plan_tables import activities_as_of, plans, team
from analytics.plans import OPEN_STATUSES
from analytics.store import Store
from analytics.targets import (
    StatusRule,
    customer_actuals,
    goal_progress,
    measured_until,
    status_of,
    worst_status,
)

__all__ = [
    "PERSON_RULES",
    "Board",
    "board",
    "is_overdue",
    "parse_week",
    "recorded_weeks",
    "scoreboard",
    "week_of",
]

# A person's week: done against promised (share of the week's commitments done).
PERSON_RULES: tuple[StatusRule, ...] = (
    StatusRule("green", Decimal("1.00")),
    StatusRule("amber", Decimal("0.75")),
    StatusRule("red", None),
)
_WEEK = re.compile(r"(\d{4})-?W(\d{2})")
_MONEY_KEYS = frozenset(
    {
        "target_revenue",
        "expected_revenue",
        "actual_revenue",
        "target_margin",
        "expected_margin",
        "actual_margin",
        "revenue_since_start",
        "margin_since_start",
        "revenue_12m",
        "margin_12m",
        "revenue_prev_12m",
    }
)


class Board(TypedDict):
    """A week's board: ISO texts for dates, exact decimals for amounts."""

    week: str
    start: str
    end: str
    recorded: bool
    as_of: str | None
    due: list[dict]
    overdue: list[dict]
    done: list[dict]
    people: list[dict]
    scoreboard: list[dict]


def parse_week(text: str) -> tuple[date, date]:
    """`2027-W03` (or `2027W03`) → its Monday and Sunday; ValueError for anything else."""
    match = _WEEK.fullmatch(text.strip().upper())
    try:
        if match is None:
            raise ValueError
        monday = date.fromisocalendar(int(match.group(1)), int(match.group(2)), 1)
    except ValueError:
        msg = f"A week looks like 2027-W03, got {text!r}."
        raise ValueError(msg) from None
    return monday, monday + timedelta(days=6)


def week_of(day: date) -> str:
    """The ISO week of a day as `YYYY-Www`."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def is_overdue(before: date) -> pl.Expr:
    """Whether an activity (a frame with `status` and `due`) is overdue against a week
    that starts on `before` (its Monday): still open (planned or in progress) and due
    before that day. False for an undated one. The one rule of the board, the weekly
    check-in and the deck."""
    return (pl.col("status").is_in(OPEN_STATUSES) & (pl.col("due") < before)).fill_null(False)


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _entries(frame: pl.DataFrame, names: dict[str, str | None]) -> list[dict]:
    return [
        {
            "activity_id": row["activity_id"],
            "plan_id": row["plan_id"],
            "customer_id": row["customer_id"],
            "customer_name": names.get(row["customer_id"]),
            "title": row["title"],
            "owner": row["owner"],
            "due": _iso(row["due"]),
            "status": row["status"],
            "completed_on": _iso(row["completed_on"]),
            "goal_id": row["goal_id"],
            "outcome": row["outcome"],
        }
        for row in frame.iter_rows(named=True)
    ]


def _people(acts: pl.DataFrame, monday: date, sunday: date, members: list[str]) -> list[dict]:
    """Per person: promised (due in the week, not cancelled), done of them, overdue."""
    in_week = acts.filter(
        pl.col("due").is_between(monday, sunday) & (pl.col("status") != "cancelled")
    )
    late = acts.filter(is_overdue(monday))
    owners = [*members, *sorted(set(acts["owner"].drop_nulls()) - set(members))]
    rows = []
    for person in owners:
        mine = in_week.filter(pl.col("owner") == person)
        promised, done = mine.height, mine.filter(pl.col("status") == "done").height
        overdue = late.filter(pl.col("owner") == person).height
        if not promised and not overdue and person not in members:
            continue
        status = None
        if promised:
            rule = next(r for r in PERSON_RULES if r.share is None or done >= promised * r.share)
            status = rule.status
        rows.append(
            {"person": person, "promised": promised, "done": done, "overdue": overdue,
             "status": status}
        )  # fmt: skip
    return rows


def scoreboard(
    store: Store, *, dataset: str, on: date | None = None, as_of: date | None = None
) -> list[dict]:
    """Per active plan: the targets of the goals running on day `on` (default today)
    against the actuals measured to `as_of` (default `measured_until(on)`).

    Each row: customer_id, customer_name, target_revenue, expected_revenue (by as_of),
    actual_revenue (within the running revenue goals; without one, since the plan
    started), revenue_status, target_margin, expected_margin, actual_margin,
    margin_status, status (the worst status of the running goals; None without one),
    revenue_since_start, margin_since_start, revenue_12m, revenue_prev_12m, trend,
    trend_direction.
    """
    on = on or date.today()
    as_of = as_of or measured_until(store, dataset=dataset, on=on)
    listed = plans(store, dataset=dataset)
    progress = goal_progress(store, dataset=dataset, as_of=as_of, include_closed=False)
    running = progress.filter((pl.col("starts_on") <= on) & (pl.col("ends_on") >= on))
    actuals = {
        r["plan_id"]: r
        for r in customer_actuals(store, dataset=dataset, as_of=as_of).iter_rows(named=True)
    }
    rows = []
    for plan in listed.iter_rows(named=True):
        mine = running.filter(pl.col("plan_id") == plan["plan_id"])
        facts = actuals.get(plan["plan_id"], {})
        row = {"customer_id": plan["customer_id"], "customer_name": plan["customer_name"]}
        for kind in ("revenue", "margin"):
            goals_of = mine.filter(pl.col("kind") == kind)
            if goals_of.is_empty():
                row |= {f"target_{kind}": None, f"expected_{kind}": None,
                        f"actual_{kind}": facts.get(f"{kind}_since_start"),
                        f"{kind}_status": None}  # fmt: skip
                continue
            sums = {c: _total(goals_of[c]) for c in ("target", "expected", "actual")}
            row |= {f"{c}_{kind}": v for c, v in sums.items()}
            row[f"{kind}_status"] = status_of(sums["actual"], sums["expected"])
        row["status"] = worst_status(mine["status"].to_list())
        for key in ("revenue_since_start", "margin_since_start", "revenue_12m",
                    "revenue_prev_12m", "trend", "trend_direction"):  # fmt: skip
            row[key] = facts.get(key)
        rows.append(row)
    return rows


def _total(column: pl.Series) -> Decimal | None:
    """The sum of exact amounts; None when any is unknown."""
    values = column.to_list()
    if any(v is None for v in values):
        return None
    return sum(values, Decimal(0))


def _live(store: Store, dataset: str, monday: date, sunday: date, at: datetime) -> Board:
    acts = activities_as_of(store, dataset=dataset, at=at)
    names = dict(plans(store, dataset=dataset).select("customer_id", "customer_name").iter_rows())
    open_ = pl.col("status").is_in(OPEN_STATUSES)
    on = min(sunday, at.date())
    as_of = measured_until(store, dataset=dataset, on=on)
    return {
        "week": week_of(monday),
        "start": monday.isoformat(),
        "end": sunday.isoformat(),
        "recorded": False,
        "as_of": _iso(as_of),
        "due": _entries(acts.filter(open_ & pl.col("due").is_between(monday, sunday)), names),
        "overdue": _entries(acts.filter(is_overdue(monday)), names),
        "done": _entries(
            acts.filter(
                (pl.col("status") == "done") & pl.col("completed_on").is_between(monday, sunday)
            ),
            names,
        ),
        "people": _people(acts, monday, sunday, team(store)["person"].to_list()),
        "scoreboard": scoreboard(store, dataset=dataset, on=on, as_of=as_of),
    }


def _load(text: str) -> Board:
    data = json.loads(text)
    for row in data["scoreboard"]:
        for key in _MONEY_KEYS & row.keys():
            if row[key] is not None:
                row[key] = Decimal(row[key])
    data["recorded"] = True
    return data


def board(
    store: Store, *, dataset: str, week: str, now: datetime | None = None, record: bool = True
) -> Board:
    """The board of ISO week `week` (`YYYY-Www`) of the data set's plans.

    A week that ended before `now` (default: now) is returned as recorded, or told as it
    stood at its end and recorded (unless `record` is false). Raises ValueError for a
    week that is not `YYYY-Www`.
    """
    monday, sunday = parse_week(week)
    now = now or datetime.now()
    end = datetime.combine(sunday, time.max)
    if end >= now:
        return _live(store, dataset, monday, sunday, now)
    label = week_of(monday)
    kept = store.scalar(
        "select board::varchar from board_weeks where dataset_name = ? and week = ?",
        [dataset, label],
    )
    if kept is not None:
        return _load(str(kept))
    told = _live(store, dataset, monday, sunday, end)
    if record:
        text = json.dumps(told, ensure_ascii=False, default=str)
        with store.transaction() as cur:
            found = cur.execute(
                "select 1 from board_weeks where dataset_name = ? and week = ?", [dataset, label]
            ).fetchall()
            if not found:
                cur.execute(
                    "insert into board_weeks values (?, ?, ?, ?)", [dataset, label, now, text]
                )
        told = _load(text)
    return told


def recorded_weeks(store: Store, *, dataset: str) -> list[str]:
    """The weeks whose board is recorded, newest first."""
    frame = store.query(
        "select week from board_weeks where dataset_name = ? order by week desc", [dataset]
    )
    return frame["week"].to_list()
