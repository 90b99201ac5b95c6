"""The plan page's read-only tables without Streamlit: the customers to choose from, a
plan's goals against their actuals, its change history, archived rows to restore, and
the rejected rows of a plans import."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, datetime

import polars as pl

from locales import key_table, plain
from locales.formats import fmt_date
from ui.i18n import texts
from ui.plans.labels import (
    ACTION_KEYS,
    CHOICE_KEYS,
    ENTITY_KEYS,
    GOAL_KIND_KEYS,
    RESULT_KEYS,
    STATUS_KEYS,
    VIEW_KEYS,
    label,
    rag_text,
)

__all__ = [
    "FIELD_KEYS",
    "HISTORY_COLUMNS",
    "MEASUREMENT_COLUMNS",
    "PROGRESS_COLUMNS",
    "PROGRESS_DATES",
    "archived_choices",
    "customer_label",
    "customer_order",
    "history_rows",
    "measurement_rows",
    "progress_rows",
]

# The catalog keys of the columns' names of `progress_rows` (money goals name the
# currency), `measurement_rows` and `history_rows` (see `ui.elements.column_labels`).
PROGRESS_COLUMNS: dict[str, str] = {
    "goal": "plans.col.goal",
    "kind": "plans.col.kind",
    "starts_on": "plans.col.starts_on",
    "ends_on": "plans.col.ends_on",
    "target": "plans.col.target",
    "expected": "plans.col.expected",
    "actual": "plans.col.actual",
    "measured_on": "plans.col.measured_on",
    "status": "plans.col.light",
}
# The columns of `progress_rows` that hold days: the screen shows them as dates in the
# language (pandas would show a day as a time stamp, `2026-12-03 00:00:00`).
PROGRESS_DATES: tuple[str, ...] = ("starts_on", "ends_on", "measured_on")
MEASUREMENT_COLUMNS: dict[str, str] = {
    "goal": "plans.col.goal",
    "measured_at": "plans.col.changed_at",
    "value": "plans.col.value",
    "by": "plans.col.changed_by",
}
HISTORY_COLUMNS = key_table("plans.col", "changed_at", "changed_by", "what", "row", "detail")
# The fields a change names, with the catalog key of each field's name.
FIELD_KEYS: dict[str, str] = {
    "started_on": "plans.col.started_on",
    "trust": "plans.col.trust",
    "choice": "plans.col.choice",
    "direction": "plans.col.direction",
    "notes": "plans.col.notes",
    "name": "plans.col.name",
    "role": "plans.col.role",
    "view": "plans.col.view",
    "note": "plans.col.note",
    "kind": "plans.col.kind",
    "title": "plans.col.title",
    "target": "plans.col.target_plain",
    "measured": "plans.col.measured",
    "starts_on": "plans.col.starts_on",
    "ends_on": "plans.col.ends_on",
    "closed_on": "plans.col.closed_on",
    "result": "plans.col.result",
    "owner": "plans.col.owner",
    "due": "plans.col.due",
    "status": "plans.col.status",
    "goal_id": "plans.col.goal",
    "completed_on": "plans.col.completed_on",
    "outcome": "plans.col.outcome",
    "person": "plans.col.person",
    "email": "plans.col.email",
    "archived": "plans.col.archived",
}
# Fields whose values are codes with words of their own.
_WORDS: dict[str, dict[str, str]] = {
    "status": STATUS_KEYS,
    "kind": GOAL_KIND_KEYS,
    "choice": CHOICE_KEYS,
    "view": VIEW_KEYS,
    "result": RESULT_KEYS,
}
# The name of a row in the history: the field that says which one it is.
_NAME_FIELDS = ("title", "name", "person")


def customer_order(customers: pl.DataFrame, planned: set[str]) -> list[str]:
    """The customers in the order the picker offers them: those with a plan first, then
    by rank on the focus list (`rank`; customers without one last), then by number."""
    ranked = customers.with_columns(
        (~pl.col("customer_id").is_in(list(planned))).alias("_no_plan"),
        pl.col("rank").fill_null(10**9) if "rank" in customers.columns else pl.lit(0).alias("rank"),
    )
    return ranked.sort("_no_plan", "rank", "customer_id")["customer_id"].to_list()


def customer_label(
    customer_id: str, name: str | None, *, tier: str | None, planned: bool, masked: bool, lang: str
) -> str:
    """A customer in the picker: `Alfa AB · 1001 · A · ✓ plan`; while names are masked the
    pseudonym alone (a customer number can be looked up)."""
    parts = [name or customer_id] if masked else [name, customer_id] if name else [customer_id]
    if tier:
        parts.append(tier)
    if planned:
        parts.append(plain("plans.has_plan", lang=lang))
    return " · ".join(parts)


def progress_rows(progress: pl.DataFrame, *, lang: str) -> pl.DataFrame:
    """A plan's goals against their actuals (`analytics.targets.goal_progress`): goal
    (title or kind), kind in words, first and last day, target, expected by now, actual
    (numbers: money goals in the data set's currency), and the status as a light."""
    return progress.select(
        texts(
            progress.iter_rows(named=True),
            lambda g: g["title"] or label(GOAL_KIND_KEYS, g["kind"], lang=lang),
            name="goal",
        ),
        texts(progress["kind"], lambda k: label(GOAL_KIND_KEYS, k, lang=lang), name="kind"),
        "starts_on",
        "ends_on",
        pl.col("target").cast(pl.Float64),
        pl.col("expected").cast(pl.Float64),
        pl.col("actual").cast(pl.Float64),
        "measured_on",
        texts(progress["status"], lambda s: rag_text(s, lang=lang), name="status"),
    )


def measurement_rows(taken: pl.DataFrame, *, goals: Mapping[int, str]) -> pl.DataFrame:
    """The measurements of share-of-wallet and NPS goals (`analytics.plan_tables.
    measurements`), newest first: goal (`goals`: {goal_id: name}; others left out), when
    (to the minute), value (a number: % or NPS) and who entered it."""
    mine = taken.filter(pl.col("goal_id").is_in(list(goals)))
    return mine.sort("measured_at", descending=True).select(
        pl.col("goal_id").replace_strict(dict(goals), return_dtype=pl.String).alias("goal"),
        pl.col("measured_at").dt.strftime("%Y-%m-%d %H:%M"),
        pl.col("value").cast(pl.Float64),
        pl.col("by").fill_null("–"),
    )


def _shown(fld: str, value: object, *, lang: str, goals: Mapping[int, str]) -> str:
    """One value of a change as the history shows it."""
    if value is None or value == "":
        return "–"
    if fld in _WORDS:
        return label(_WORDS[fld], value, lang=lang)
    if fld == "goal_id":
        return goals.get(int(value), str(value))
    if fld == "archived":
        return plain("plans.yes" if value else "plans.no", lang=lang)
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        return fmt_date(date.fromisoformat(value), lang=lang)
    return str(value)


def _detail(action: str, changes: dict, *, lang: str, goals: Mapping[int, str]) -> str:
    """`Status: Planerad → Klar; Klart senast: – → 2026-12-04`; for a new row its name."""
    if action == "create":
        named = next((changes[f][1] for f in _NAME_FIELDS if f in changes), None)
        kind = changes.get("kind", [None, None])[1]
        return str(named or (label(GOAL_KIND_KEYS, kind, lang=lang) if kind else ""))
    if action in {"archive", "restore"}:
        return ""
    parts = []
    for fld, (before, after) in changes.items():
        if fld not in FIELD_KEYS or fld == "archived":
            continue
        name = plain(FIELD_KEYS[fld], lang=lang)
        old = _shown(fld, before, lang=lang, goals=goals)
        new = _shown(fld, after, lang=lang, goals=goals)
        parts.append(f"{name}: {old} → {new}")
    return "; ".join(parts)


def history_rows(
    history: pl.DataFrame,
    *,
    names: Mapping[tuple[str, str], str],
    goals: Mapping[int, str],
    lang: str,
) -> pl.DataFrame:
    """A plan's change log (`analytics.plan_tables.history`), newest first: when (to the
    minute), who, what (`Aktivitet · Ändrad`), which row (`names`: {(entity, id):
    name}) and the change in words (`goals`: {goal_id: name} for the goal an activity
    serves)."""
    rows = []
    for change in history.sort("changed_at", "change_id", descending=True).iter_rows(named=True):
        at = change["changed_at"]
        entity = change["entity"]
        rows.append(
            {
                "changed_at": at.strftime("%Y-%m-%d %H:%M") if isinstance(at, datetime) else "",
                "changed_by": change["changed_by"] or "–",
                "what": f"{label(ENTITY_KEYS, entity, lang=lang)} · "
                f"{label(ACTION_KEYS, change['action'], lang=lang)}",
                "row": names.get((entity, str(change["entity_id"])), ""),
                "detail": _detail(
                    change["action"], json.loads(change["changes"] or "{}"), lang=lang, goals=goals
                ),
            }
        )
    schema = dict.fromkeys(HISTORY_COLUMNS, pl.String)
    return pl.DataFrame(rows, schema=schema)


def archived_choices(
    contacts: pl.DataFrame, goals: pl.DataFrame, acts: pl.DataFrame, *, lang: str
) -> dict[tuple[str, int], str]:
    """A plan's archived contacts, goals and activities to restore: {(entity, id): `Mål ·
    Omsättning`}."""
    found: dict[tuple[str, int], str] = {}
    sources = (
        ("contact", contacts, "contact_id", lambda r: r["name"]),
        (
            "goal",
            goals,
            "goal_id",
            lambda r: r["title"] or label(GOAL_KIND_KEYS, r["kind"], lang=lang),
        ),
        ("activity", acts, "activity_id", lambda r: r["title"]),
    )
    for entity, frame, key, name in sources:
        for row in frame.filter(pl.col("archived")).iter_rows(named=True):
            found[(entity, row[key])] = f"{label(ENTITY_KEYS, entity, lang=lang)} · {name(row)}"
    return found
