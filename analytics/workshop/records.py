"""A workshop's records in the store: the workshop and its join code, the participants,
each one's own weights and 1–5 assessments, and the facilitator's pins and exclusions.
A save touches only that participant's rows.
"""

from __future__ import annotations

import json
import secrets
from typing import Literal, get_args

import polars as pl

from analytics.scoring import CRITERIA, TEAM_CRITERIA
from analytics.store import Store
from analytics.store_records import long_scores

__all__ = [
    "CODE_ALPHABET",
    "OVERRIDE_KINDS",
    "OverrideKind",
    "clear_override",
    "create_workshop",
    "find_workshop",
    "join_workshop",
    "overrides",
    "participant_weights",
    "participants",
    "save_participant_scores",
    "save_participant_weights",
    "set_override",
    "workshop_scores",
    "workshops",
]

OverrideKind = Literal["pin", "exclude"]
"""The facilitator's override of a customer: pinned to the list, or excluded from it."""

# Join codes avoid letters and digits that are easily mixed up (0/O, 1/I/L).
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
_CODE_LENGTH = 6
OVERRIDE_KINDS: tuple[OverrideKind, ...] = get_args(OverrideKind)
_KEYS = tuple(c.key for c in CRITERIA)
_SCORES_SCHEMA = {
    "participant": pl.String,
    "customer_id": pl.String,
    "criterion": pl.String,
    "value": pl.Float64,
}


def _text(value: str, what: str) -> str:
    text = " ".join(str(value).split())
    if not text:
        msg = f"A {what} needs a name."
        raise ValueError(msg)
    return text


def create_workshop(
    store: Store, *, name: str, dataset_id: int, period: str = "12m", top: int = 20
) -> dict:
    """Create a workshop for a data set and period spec (all, 12m or FROM:TO).

    `top` is the length of each participant's top list (agreement is counted on it).
    Returns the workshop as `find_workshop` does. Raises ValueError when the name is
    empty or taken, or `top` is below 1.
    """
    name = _text(name, "workshop")
    if top < 1:
        msg = "The top list needs at least one customer."
        raise ValueError(msg)
    if find_workshop(store, name=name) is not None:
        msg = f"A workshop called {name!r} already exists."
        raise ValueError(msg)
    taken = set(store.query("select code from workshops")["code"].to_list())
    code = _new_code(taken)
    with store.transaction() as cur:
        cur.execute(
            "insert into workshops (name, code, dataset_id, period, top_n) values (?, ?, ?, ?, ?)",
            [name, code, dataset_id, period.strip() or "12m", int(top)],
        )
    found = find_workshop(store, name=name)
    assert found is not None
    return found


def _new_code(taken: set[str]) -> str:
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(_CODE_LENGTH))
        if code not in taken:
            return code


def workshops(store: Store) -> pl.DataFrame:
    """All workshops, newest first: workshop_id, name, code, dataset_id, period, top_n,
    created_at, participants (joined) and submitted (with saved weights)."""
    return store.query(
        """
        select w.workshop_id, w.name, w.code, w.dataset_id, w.period, w.top_n, w.created_at,
               count(p.name) as participants, count(p.weights) as submitted
        from workshops w left join workshop_participants p using (workshop_id)
        group by all order by w.workshop_id desc
        """
    )


def find_workshop(store: Store, *, name: str | None = None, code: str | None = None) -> dict | None:
    """The workshop called `name` or with join code `code` (case and spaces ignored), as
    a dict of the `workshops` columns without the counts; None when there is none."""
    if code is not None:
        key = "".join(code.split()).upper()
        frame = store.query("select * from workshops where code = ?", [key])
    else:
        frame = store.query("select * from workshops where name = ?", [_text(name or "", "x")])
    return None if frame.is_empty() else frame.row(0, named=True)


def join_workshop(store: Store, workshop_id: int, participant: str) -> str:
    """Add a participant; joining again under the same name, whatever its case and spaces
    (`anna ` from another device is `Anna`), is the same participant. Returns the name as
    first written (spaces tidied), which every save of this participant then uses."""
    name = _text(participant, "participant")
    with store.transaction() as cur:
        # DuckDB's lower() folds every letter (Å as å), as the comparison needs.
        found = cur.execute(
            "select name from workshop_participants where workshop_id = ? "
            "and lower(name) = lower(?) order by joined_at, name limit 1",
            [workshop_id, name],
        ).fetchone()
        if found is not None:
            return found[0]
        cur.execute(
            "insert into workshop_participants (workshop_id, name) values (?, ?)",
            [workshop_id, name],
        )
    return name


def save_participant_weights(
    store: Store, workshop_id: int, participant: str, weights: dict[str, float]
) -> None:
    """Keep one participant's weights (joining them first when new); nobody else's change.

    Raises ValueError for an unknown criterion, a negative weight or all zero.
    """
    unknown = sorted(set(weights) - set(_KEYS))
    if unknown:
        msg = f"Unknown criteria {unknown}; the catalog has {sorted(_KEYS)}."
        raise ValueError(msg)
    if any(not w >= 0 for w in weights.values()) or sum(weights.values()) <= 0:
        msg = "Weights must be non-negative numbers, at least one above zero."
        raise ValueError(msg)
    name = join_workshop(store, workshop_id, participant)
    with store.transaction() as cur:
        cur.execute(
            "update workshop_participants set weights = ?, weights_at = current_timestamp "
            "where workshop_id = ? and name = ?",
            [json.dumps({k: float(w) for k, w in weights.items()}), workshop_id, name],
        )


def save_participant_scores(
    store: Store, workshop_id: int, participant: str, scores: pl.DataFrame
) -> int:
    """Keep one participant's 1–5 assessments: `scores` has customer_id, criterion (a team
    criterion) and value (null removes that assessment). Only this participant's rows for
    the given cells change. Returns the number of cells written or removed.
    """
    bad = scores.filter(
        ~pl.col("criterion").is_in(TEAM_CRITERIA)
        | (pl.col("value").is_not_null() & ~pl.col("value").is_between(1, 5))
    )
    if not bad.is_empty():
        msg = "Assessments are 1 to 5 (blank = not assessed) of the team criteria."
        raise ValueError(msg)
    name = join_workshop(store, workshop_id, participant)
    frame = long_scores(scores)  # noqa: F841 - read by DuckDB below
    with store.transaction() as cur:
        cur.execute(
            "delete from workshop_scores s using frame f where s.workshop_id = ? "
            "and s.participant = ? and s.customer_id = f.customer_id "
            "and s.criterion = f.criterion",
            [workshop_id, name],
        )
        cur.execute(
            "insert into workshop_scores (workshop_id, participant, customer_id, criterion, "
            "value) select ?, ?, customer_id, criterion, value from frame "
            "where value is not null",
            [workshop_id, name],
        )
    return scores.height


def participants(store: Store, workshop_id: int) -> pl.DataFrame:
    """Who joined, in joining order: name, joined_at, submitted (weights saved),
    weights_at, assessments (number of 1–5 scores saved)."""
    return store.query(
        """
        select p.name, p.joined_at, p.weights is not null as submitted, p.weights_at,
               (select count(*) from workshop_scores s
                where s.workshop_id = p.workshop_id and s.participant = p.name)
                   as assessments
        from workshop_participants p where p.workshop_id = ?
        order by p.joined_at, p.name
        """,
        [workshop_id],
    )


def participant_weights(store: Store, workshop_id: int) -> dict[str, dict[str, float]]:
    """{participant: {criterion: weight}} of those who saved weights, in joining order."""
    rows = store.query(
        "select name, weights from workshop_participants where workshop_id = ? "
        "and weights is not null order by joined_at, name",
        [workshop_id],
    )
    return {
        name: {k: float(v) for k, v in json.loads(raw).items()} for name, raw in rows.iter_rows()
    }


def workshop_scores(store: Store, workshop_id: int) -> pl.DataFrame:
    """Every participant's assessments, long: participant, customer_id, criterion, value."""
    frame = store.query(
        "select participant, customer_id, criterion, value from workshop_scores "
        "where workshop_id = ? order by participant, customer_id, criterion",
        [workshop_id],
    )
    return (
        frame.cast(_SCORES_SCHEMA) if not frame.is_empty() else pl.DataFrame(schema=_SCORES_SCHEMA)
    )


def set_override(
    store: Store, workshop_id: int, customer_id: str, *, kind: OverrideKind, reason: str
) -> None:
    """Pin a customer into the list or exclude it (`kind` 'pin' or 'exclude'), with the
    reason the decision keeps. Replaces an earlier override of that customer."""
    if kind not in OVERRIDE_KINDS:
        msg = f"An override is one of {OVERRIDE_KINDS}, not {kind!r}."
        raise ValueError(msg)
    reason = " ".join(reason.split())
    if not reason:
        msg = "A pin or an exclusion needs a reason."
        raise ValueError(msg)
    store.replace_row(
        "workshop_overrides",
        {"workshop_id": workshop_id, "customer_id": customer_id},
        {"kind": kind, "reason": reason},
    )


def clear_override(store: Store, workshop_id: int, customer_id: str) -> None:
    """Remove a customer's pin or exclusion."""
    store.replace_row(
        "workshop_overrides", {"workshop_id": workshop_id, "customer_id": customer_id}, None
    )


def overrides(store: Store, workshop_id: int) -> pl.DataFrame:
    """The pins and exclusions: customer_id, kind ('pin'/'exclude'), reason, set_at."""
    return store.query(
        "select customer_id, kind, reason, set_at from workshop_overrides "
        "where workshop_id = ? order by set_at, customer_id",
        [workshop_id],
    )
