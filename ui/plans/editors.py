"""The plan page's editable tables without Streamlit: which columns each editor has (name,
kind, options and their words in a language), the rows it starts from, and what the
user's edits mean for the store.

An editor's edits arrive as Streamlit's editor state — `{"edited_rows": {row: {column:
value}}, "added_rows": [{column: value}], "deleted_rows": [row]}` — with rows by
position; `editor_writes` turns them into updates of stored rows (by id), new rows and
rows to archive (a deleted row is archived, never deleted for good). A new row that
lacks what it needs (an activity's title, a money goal's target) waits: nothing is
written until it is complete.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Literal

import polars as pl

from analytics.plans import ACTIVITY_STATUSES, CONTACT_VIEWS, GOAL_KINDS, MONEY_GOALS
from locales import plain
from ui.plans.labels import GOAL_KIND_KEYS, RESULT_KEYS, STATUS_KEYS, VIEW_KEYS, label

__all__ = [
    "READ_ONLY_KINDS",
    "ColumnKind",
    "EditorColumn",
    "EditorWrites",
    "activity_columns",
    "activity_rows",
    "contact_columns",
    "contact_rows",
    "editor_writes",
    "goal_columns",
    "goal_name",
    "goal_rows",
    "row_complete",
    "team_columns",
    "team_rows",
]

ColumnKind = Literal["text", "select", "date", "number", "check", "readonly", "readonly_date"]
# The kinds the team cannot edit: the app sets them (a day shown as a date, not a time).
READ_ONLY_KINDS: tuple[str, ...] = ("readonly", "readonly_date")


@dataclass(frozen=True)
class EditorColumn:
    """One column of an editor: the field it edits, its header in a language, its kind,
    and for a select its options (codes) with their words."""

    name: str
    label: str
    kind: ColumnKind
    options: tuple = ()
    words: dict = field(default_factory=dict)
    default: object = None


@dataclass
class EditorWrites:
    """What an editor's edits mean: `updates` [(id, {field: value})], `added` [{field:
    value}], `archived` [id]; `waiting` when a new row is not complete yet."""

    updates: list[tuple[object, dict]] = field(default_factory=list)
    added: list[dict] = field(default_factory=list)
    archived: list[object] = field(default_factory=list)
    waiting: bool = False

    def __bool__(self) -> bool:
        return bool(self.updates or self.added or self.archived)


def _select(name: str, key: str, options: Sequence, words: dict, *, lang: str, default=None):
    return EditorColumn(
        name, plain(key, lang=lang), "select", tuple(options), dict(words), default=default
    )


def goal_name(goal: Mapping, *, lang: str) -> str:
    """A goal as a list names it: its title, else its kind (`Omsättning`), with its end
    date (`Nya sortimentet · 2027-06-30`)."""
    name = goal.get("title") or label(GOAL_KIND_KEYS, goal.get("kind"), lang=lang)
    end = goal.get("ends_on")
    return f"{name} · {end.isoformat()}" if isinstance(end, date) else name


def activity_columns(
    *, people: Sequence[str], goals: Sequence[Mapping], lang: str
) -> list[EditorColumn]:
    """The activities editor: title, owner (one of `people`), due, status, the goal it
    serves (one of `goals`, by id), outcome note, and the day it was done (read only)."""
    goal_words = {g["goal_id"]: goal_name(g, lang=lang) for g in goals}
    return [
        EditorColumn("title", plain("plans.col.title", lang=lang), "text"),
        _select("owner", "plans.col.owner", people, {p: p for p in people}, lang=lang),
        EditorColumn("due", plain("plans.col.due", lang=lang), "date"),
        _select(
            "status",
            "plans.col.status",
            ACTIVITY_STATUSES,
            {s: label(STATUS_KEYS, s, lang=lang) for s in ACTIVITY_STATUSES},
            lang=lang,
            default="planned",
        ),
        _select("goal_id", "plans.col.goal", list(goal_words), goal_words, lang=lang),
        EditorColumn("outcome", plain("plans.col.outcome", lang=lang), "text"),
        EditorColumn("completed_on", plain("plans.col.completed_on", lang=lang), "readonly_date"),
    ]


def contact_columns(*, lang: str) -> list[EditorColumn]:
    """The contacts editor: name, role, how they see us, note."""
    views = {v: label(VIEW_KEYS, v, lang=lang) for v in CONTACT_VIEWS}
    return [
        EditorColumn("name", plain("plans.col.name", lang=lang), "text"),
        EditorColumn("role", plain("plans.col.role", lang=lang), "text"),
        _select("view", "plans.col.view", CONTACT_VIEWS, views, lang=lang, default="unknown"),
        EditorColumn("note", plain("plans.col.note", lang=lang), "text"),
    ]


def goal_columns(*, currency: str, start: date, lang: str) -> list[EditorColumn]:
    """The goals editor: kind, title, target (money in `currency`, a share in %, an NPS),
    the last measured value (share of wallet, NPS), first and last day (a new goal:
    `start` and a year on), and the result once decided."""
    kinds = {k: label(GOAL_KIND_KEYS, k, lang=lang) for k in GOAL_KINDS}
    results = {r: label(RESULT_KEYS, r, lang=lang) for r in RESULT_KEYS}
    target = plain("plans.col.target", lang=lang, currency=currency)
    return [
        _select("kind", "plans.col.kind", GOAL_KINDS, kinds, lang=lang, default="revenue"),
        EditorColumn("title", plain("plans.col.title", lang=lang), "text"),
        EditorColumn("target", target, "number"),
        EditorColumn("measured", plain("plans.col.measured", lang=lang), "number"),
        EditorColumn("starts_on", plain("plans.col.starts_on", lang=lang), "date", default=start),
        EditorColumn(
            "ends_on",
            plain("plans.col.ends_on", lang=lang),
            "date",
            default=start + timedelta(days=364),
        ),
        _select("result", "plans.col.result", list(results), results, lang=lang),
    ]


def team_columns(*, lang: str) -> list[EditorColumn]:
    """The team list's editor: the person (read only: the name is the key), role, e-mail."""
    return [
        EditorColumn("person", plain("plans.col.person", lang=lang), "readonly"),
        EditorColumn("role", plain("plans.col.role", lang=lang), "text"),
        EditorColumn("email", plain("plans.col.email", lang=lang), "text"),
    ]


def _float(value: object) -> float | None:
    return None if value is None else float(value)


def activity_rows(acts: pl.DataFrame) -> pl.DataFrame:
    """A plan's activities as the editor starts from them (ids kept apart, by position)."""
    return acts.select("title", "owner", "due", "status", "goal_id", "outcome", "completed_on")


def contact_rows(contacts: pl.DataFrame) -> pl.DataFrame:
    """A plan's contacts as the editor starts from them."""
    return contacts.select("name", "role", "view", "note")


def goal_rows(goals: pl.DataFrame) -> pl.DataFrame:
    """A plan's goals as the editor starts from them; amounts as numbers the editor can
    take (the store keeps them exact)."""
    return goals.select(
        "kind",
        "title",
        pl.col("target").cast(pl.Float64),
        pl.col("measured").cast(pl.Float64),
        "starts_on",
        "ends_on",
        "result",
    )


def team_rows(members: pl.DataFrame) -> pl.DataFrame:
    """The team list as the editor starts from it."""
    return members.select("person", "role", "email")


def _date(value: object) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float):  # milliseconds since 1970, as a browser sends them
        return (datetime(1970, 1, 1) + timedelta(milliseconds=value)).date()
    return date.fromisoformat(str(value).strip()[:10])


def _number(value: object) -> Decimal | None:
    if value is None or value == "" or (isinstance(value, float) and math.isnan(value)):
        return None
    try:
        return Decimal(str(value).replace(" ", "").replace(",", "."))
    except InvalidOperation:
        msg = f"Not a number: {value!r}."
        raise ValueError(msg) from None


def _value(column: EditorColumn, value: object) -> object:
    """An edited cell's value as the store takes it."""
    if column.kind == "date":
        return _date(value)
    if column.kind == "number":
        return _number(value)
    if column.kind == "check":
        return bool(value)
    if isinstance(value, float) and math.isnan(value):
        value = None
    if column.kind == "select" and value is None:
        return column.default  # a cleared status, kind or view falls back to its default
    if column.kind == "text":
        return "" if value is None else str(value)
    return value


def row_complete(entity: str, row: Mapping) -> bool:
    """Whether a new row has what it needs to be stored: an activity its title, a
    contact a name, a goal its kind (and a target unless it is a free goal)."""
    if entity == "activity":
        return bool(str(row.get("title") or "").strip())
    if entity == "contact":
        return bool(str(row.get("name") or "").strip())
    if entity == "goal":
        kind = row.get("kind")
        return kind is not None and (kind not in MONEY_GOALS or row.get("target") is not None)
    return True


def editor_writes(
    ids: Sequence[object], state: Mapping | None, columns: Sequence[EditorColumn], *, entity: str
) -> EditorWrites:
    """The writes of an editor's `state` over rows whose ids are `ids` (by position).

    Read-only columns are ignored; a new row takes each column's default where left
    empty. Raises ValueError for a value that is not a date or a number.
    """
    writes = EditorWrites()
    if not state:
        return writes
    by_name = {c.name: c for c in columns if c.kind not in READ_ONLY_KINDS}
    for row, edits in (state.get("edited_rows") or {}).items():
        values = {f: _value(by_name[f], v) for f, v in edits.items() if f in by_name}
        if values:
            writes.updates.append((ids[int(row)], values))
    for added in state.get("added_rows") or []:
        values = {f: _value(c, added.get(f)) for f, c in by_name.items()}
        values = {f: (by_name[f].default if v in (None, "") else v) for f, v in values.items()}
        if not row_complete(entity, values):
            writes.waiting = True
            continue
        writes.added.append({f: v for f, v in values.items() if v is not None})
    writes.archived = [ids[int(row)] for row in state.get("deleted_rows") or []]
    if writes.waiting:
        # Nothing is written while a new row waits: writing restarts the editor, which
        # would lose the half-filled row.
        return EditorWrites(waiting=True)
    return writes
