"""Customer plans: the team list, plans, contacts, goals and activities, with history.

A plan belongs to one customer of one data set, keyed by the data set's *name* and the
customer number (never by an import), so it outlives new imports and replaced periods.
It says where we stand (their trust in us 1–5, whether we are their first, second or
third choice), where the customer is heading in 12–18 months, who we meet there and how
each sees us, our measurable goals and the activities that serve them.

Nothing is deleted for good: plans, contacts, goals, activities and team members are
archived and restored. Every change appends a row to `plan_changes` with who, when, what
changed (`{field: [before, after]}`) and the whole row after the change, so the state of
any day can be told again (`activities_as_of`). Times are naive local datetimes; every
writer takes `at` (default: now) so that a caller, or a test, can say when.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Literal

from analytics.store import Store

__all__ = [
    "ACTIVITY_STATUSES",
    "CHOICES",
    "CONTACT_VIEWS",
    "GOAL_KINDS",
    "MONEY_GOALS",
    "OPEN_STATUSES",
    "ActivityStatus",
    "Batch",
    "Entity",
    "GoalKind",
    "add_activity",
    "add_contact",
    "add_goal",
    "add_member",
    "archive",
    "batch",
    "create_plan",
    "create_plans",
    "restore",
    "update",
]

GoalKind = Literal["revenue", "margin", "share_of_wallet", "nps", "free"]
ActivityStatus = Literal["planned", "in_progress", "done", "cancelled"]
Entity = Literal["team", "plan", "contact", "goal", "activity"]

GOAL_KINDS: tuple[str, ...] = ("revenue", "margin", "share_of_wallet", "nps", "free")
# Goals measured in the data set's currency from the sales lines.
MONEY_GOALS: tuple[str, ...] = ("revenue", "margin")
ACTIVITY_STATUSES: tuple[str, ...] = ("planned", "in_progress", "done", "cancelled")
OPEN_STATUSES: tuple[str, ...] = ("planned", "in_progress")
CHOICES: tuple[str, ...] = ("first", "second", "third")
CONTACT_VIEWS: tuple[str, ...] = ("advocate", "neutral", "critic", "unknown")

# Each kind of row: its table, key column, the columns a caller may set, and those a
# new row must have. Configuration as data: one writer serves them all.
_ENTITIES: dict[str, dict] = {
    "team": {
        "table": "team_members",
        "key": "person",
        "fields": ("person", "role", "email"),
        "required": ("person",),
    },
    "plan": {
        "table": "plans",
        "key": "plan_id",
        "fields": ("dataset_name", "customer_id", "started_on", "trust", "choice",
                   "direction", "notes"),
        "required": ("dataset_name", "customer_id", "started_on"),
    },
    "contact": {
        "table": "plan_contacts",
        "key": "contact_id",
        "fields": ("plan_id", "name", "role", "view", "note"),
        "required": ("plan_id", "name"),
    },
    "goal": {
        "table": "plan_goals",
        "key": "goal_id",
        "fields": ("plan_id", "kind", "title", "target", "measured", "starts_on", "ends_on",
                   "closed_on", "result", "follows"),
        "required": ("plan_id", "kind", "starts_on", "ends_on"),
    },
    "activity": {
        "table": "plan_activities",
        "key": "activity_id",
        "fields": ("plan_id", "goal_id", "title", "owner", "due", "status", "completed_on",
                   "outcome"),
        "required": ("plan_id", "title"),
    },
}  # fmt: skip

# Allowed values of the fields that take one of a list.
_CHOICES_OF: dict[str, tuple[str, ...]] = {
    "choice": CHOICES,
    "view": CONTACT_VIEWS,
    "kind": GOAL_KINDS,
    "status": ACTIVITY_STATUSES,
    "result": ("achieved", "missed"),
}
_TEXT_FIELDS = frozenset({"person", "role", "email", "direction", "notes", "name", "note",
                          "title", "outcome", "dataset_name", "customer_id", "owner"})  # fmt: skip
_DATE_FIELDS = frozenset({"started_on", "starts_on", "ends_on", "closed_on", "due", "completed_on"})
_AMOUNT_FIELDS = frozenset({"target", "measured"})
_NULLABLE_TEXT = frozenset({"choice", "owner", "result"})


def _now(at: datetime | None) -> datetime:
    return at if at is not None else datetime.now()


def _date_value(field: str, value: object) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        msg = f"{field} must be a date such as 2027-01-31, got {value!r}."
        raise ValueError(msg) from None


def _amount_value(field: str, value: object) -> Decimal:
    try:
        number = Decimal(str(value).replace(" ", "").replace(",", "."))
    except InvalidOperation:
        number = Decimal("NaN")
    if not number.is_finite():
        msg = f"{field} must be a number, got {value!r}."
        raise ValueError(msg)
    return number.quantize(Decimal("0.0001"))


def _trust_value(_field: str, value: object) -> int:
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        number = Decimal(0)
    if isinstance(value, bool) or number not in range(1, 6):
        msg = f"Trust is 1 to 5, got {value!r}."
        raise ValueError(msg)
    return int(number)


def _text_value(field: str, value: object) -> str:
    # Free notes keep their line breaks; every other text is one line.
    keep_lines = field in {"notes", "note", "direction"}
    text = str(value).strip() if keep_lines else " ".join(str(value).split())
    allowed = _CHOICES_OF.get(field)
    if allowed is not None and text not in allowed:
        msg = f"{field} must be one of {', '.join(allowed)}, got {value!r}."
        raise ValueError(msg)
    return text


def _cleaner(field: str):
    if field in _DATE_FIELDS:
        return _date_value
    if field in _AMOUNT_FIELDS:
        return _amount_value
    return _CLEANERS.get(field, _text_value)


_CLEANERS = {
    "trust": _trust_value,
    "archived": lambda _f, v: bool(v),
    "plan_id": lambda _f, v: int(v),
    "goal_id": lambda _f, v: int(v),
    "follows": lambda _f, v: int(v),
}


def _clean(field: str, value: object) -> object:
    """One field's value as stored; raises ValueError for a value it cannot take."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if field in _TEXT_FIELDS and field not in _NULLABLE_TEXT:
            return ""
        return None
    return _cleaner(field)(field, value)


def _row(cur, entity: str, key: object) -> dict | None:
    spec = _ENTITIES[entity]
    result = cur.execute(f"select * from {spec['table']} where {spec['key']} = ?", [key])
    names = [d[0] for d in result.description]
    rows = result.fetchall()
    return dict(zip(names, rows[0], strict=True)) if rows else None


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def _log(cur, entity: str, state: dict, action: str, changes: dict, *, by, at) -> None:
    spec = _ENTITIES[entity]
    plan_id = state.get("plan_id")
    cur.execute(
        "insert into plan_changes (entity, entity_id, plan_id, action, changes, state, "
        "changed_by, changed_at) values (?, ?, ?, ?, ?, ?, ?, ?)",
        [entity, str(state[spec["key"]]), plan_id, action, _json(changes), _json(state),
         (by or "").strip() or None, _now(at)],
    )  # fmt: skip


def _check_links(cur, entity: str, values: dict, changed: Iterable[str]) -> None:
    """A new owner must be an active team member, a goal one of the same plan, and a
    goal's end not before its start (only the `changed` fields are checked)."""
    changed = set(changed)
    owner = values.get("owner")
    if owner is not None and "owner" in changed:
        found = cur.execute(
            "select 1 from team_members where person = ? and not archived", [owner]
        ).fetchall()
        if not found:
            msg = f"{owner!r} is not in the team list."
            raise ValueError(msg)
    if entity == "activity" and values.get("goal_id") is not None and "goal_id" in changed:
        plan = cur.execute(
            "select plan_id from plan_goals where goal_id = ?", [values["goal_id"]]
        ).fetchall()
        if not plan or plan[0][0] != values["plan_id"]:
            msg = f"Goal {values['goal_id']} is not a goal of this plan."
            raise ValueError(msg)
    start, end = values.get("starts_on"), values.get("ends_on")
    if {"starts_on", "ends_on"} & changed and start is not None and end is not None and end < start:
        msg = f"A goal cannot end ({end}) before it starts ({start})."
        raise ValueError(msg)


def _with_status_dates(old: dict | None, values: dict, at: datetime | None) -> dict:
    """Marking an activity done dates it (`completed_on`, default the day of `at`); any
    other status clears that date."""
    status = values.get("status", (old or {}).get("status", "planned"))
    was_done = old is not None and old.get("status") == "done"
    if status == "done" and not was_done and values.get("completed_on") is None:
        values["completed_on"] = _now(at).date()
    elif status != "done":
        values["completed_on"] = None
    return values


def _insert(cur, entity: str, values: Mapping[str, object], *, by, at) -> dict:
    spec = _ENTITIES[entity]
    clean = {f: _clean(f, v) for f, v in values.items() if f in spec["fields"]}
    for name in spec["required"]:
        if clean.get(name) in (None, ""):
            msg = f"A {entity} needs {name}."
            raise ValueError(msg)
    if entity == "activity":
        clean = _with_status_dates(None, clean, at)
    if entity == "goal" and clean["kind"] != "free" and clean.get("target") is None:
        msg = f"A {clean['kind']} goal needs a target."
        raise ValueError(msg)
    _check_links(cur, entity, clean, clean)
    columns = ", ".join(clean)
    marks = ", ".join("?" for _ in clean)
    key = spec["key"]
    returned = cur.execute(
        f"insert into {spec['table']} ({columns}) values ({marks}) returning {key}",
        list(clean.values()),
    ).fetchall()[0][0]
    state = _row(cur, entity, returned)
    assert state is not None
    _log(cur, entity, state, "create", {f: [None, v] for f, v in clean.items()}, by=by, at=at)
    return state


def _change(cur, entity: str, key: object, values: dict, *, action: str, by, at) -> dict:
    spec = _ENTITIES[entity]
    old = _row(cur, entity, key)
    if old is None:
        msg = f"There is no {entity} {key!r}."
        raise ValueError(msg)
    if entity == "activity" and "status" in values:
        values = _with_status_dates(old, values, at)
    changes = {f: [old[f], v] for f, v in values.items() if old[f] != v}
    if not changes:
        return old
    _check_links(cur, entity, {**old, **values}, changes)
    assignments = ", ".join(f"{f} = ?" for f in changes)
    cur.execute(
        f"update {spec['table']} set {assignments} where {spec['key']} = ?",
        [*(v for _, v in changes.values()), key],
    )
    state = _row(cur, entity, key)
    assert state is not None
    _log(cur, entity, state, action, changes, by=by, at=at)
    return state


def _validated(entity: str, values: Mapping[str, object]) -> dict:
    spec = _ENTITIES[entity]
    unknown = sorted(set(values) - {*spec["fields"], "archived"})
    if unknown:
        msg = f"A {entity} has no field {', '.join(unknown)} to change."
        raise ValueError(msg)
    clean = {f: _clean(f, v) for f, v in values.items()}
    for name in spec["required"]:
        if name in clean and clean[name] in (None, ""):
            msg = f"A {entity} needs {name}."
            raise ValueError(msg)
    return clean


class Batch:
    """Several changes in one transaction (all or none), each logged as on its own;
    made by `batch`. `by` and `at` say who and when for all of them."""

    def __init__(self, cur, *, by: str | None, at: datetime | None) -> None:
        self._cur, self.by, self.at = cur, by, at

    def add(self, entity: Entity, **values: object) -> dict:
        """Create a row (`add_goal`, `add_activity` … are this in a transaction of
        their own). Returns the new row."""
        if entity == "plan":
            return _create_plan(self._cur, values, by=self.by, at=self.at)
        return _insert(self._cur, entity, values, by=self.by, at=self.at)

    def update(self, entity: Entity, key: int | str, *, action: str = "update", **values) -> dict:
        """Change fields of one row (see `update`); `action` is the word logged."""
        clean = _validated(entity, values)
        return _change(self._cur, entity, key, clean, action=action, by=self.by, at=self.at)

    def row(self, entity: Entity, key: int | str) -> dict | None:
        """One row as it is inside the transaction, or None."""
        return _row(self._cur, entity, key)

    def plan_id(self, dataset: str, customer_id: str) -> int | None:
        """The id of a customer's plan (archived or not), or None."""
        return _plan_id(self._cur, dataset, customer_id)

    def execute(self, sql: str, params: list | None = None) -> list[tuple]:
        """Run one more statement inside the transaction (e.g. recording an import)."""
        return self._cur.execute(sql, params or []).fetchall()


@contextmanager
def batch(store: Store, *, by: str | None = None, at: datetime | None = None) -> Iterator[Batch]:
    """A `Batch` of changes committed together when the block ends (none when it raises)."""
    with store.transaction() as cur:
        yield Batch(cur, by=by, at=at)


def update(
    store: Store,
    entity: Entity,
    key: int | str,
    *,
    by: str | None = None,
    at: datetime | None = None,
    **values: object,
) -> dict:
    """Change fields of one row (`entity`: team, plan, contact, goal, activity; `key` its
    id, or the person's name) and log the change. Returns the row after the change.

    Setting an activity's status to done dates it (`completed_on`); another status clears
    the date. Raises ValueError for an unknown row, field or value.
    """
    with batch(store, by=by, at=at) as changes:
        return changes.update(entity, key, **values)


def archive(
    store: Store, entity: Entity, key: int | str, *, by: str | None = None, at=None
) -> dict:
    """Archive a row: it leaves lists and boards but stays in the store and its history."""
    with batch(store, by=by, at=at) as changes:
        return changes.update(entity, key, action="archive", archived=True)


def restore(
    store: Store, entity: Entity, key: int | str, *, by: str | None = None, at=None
) -> dict:
    """Bring an archived row back as it was."""
    with batch(store, by=by, at=at) as changes:
        return changes.update(entity, key, action="restore", archived=False)


# --- creating rows ---------------------------------------------------------------------


def add_member(
    store: Store, person: str, *, role: str = "", email: str = "", by=None, at=None
) -> dict:
    """Add a person to the team list (owners are chosen from it); an archived person of
    that name is restored with the new role and e-mail. Returns the member's row."""
    name = _clean("person", person)
    with store.transaction() as cur:
        old = _row(cur, "team", name)
        if old is None:
            return _insert(cur, "team", {"person": name, "role": role, "email": email},
                           by=by, at=at)  # fmt: skip
        values = {"role": _clean("role", role), "email": _clean("email", email),
                  "archived": False}  # fmt: skip
        return _change(cur, "team", name, values, action="restore", by=by, at=at)


def _customer_known(cur, dataset: str, customer_id: str) -> bool:
    return bool(
        cur.execute(
            "select 1 from datasets d where d.name = ? and ("
            "exists (select 1 from sales_lines s where s.dataset_id = d.dataset_id "
            "and s.customer_id = ?) or exists (select 1 from customers c "
            "where c.dataset_id = d.dataset_id and c.customer_id = ?))",
            [dataset, customer_id, customer_id],
        ).fetchall()
    )


def _plan_id(cur, dataset: str, customer_id: str) -> int | None:
    rows = cur.execute(
        "select plan_id from plans where dataset_name = ? and customer_id = ?",
        [dataset, customer_id],
    ).fetchall()
    return int(rows[0][0]) if rows else None


def create_plan(
    store: Store, *, dataset: str, customer_id: str, by=None, at=None, **fields: object
) -> dict:
    """Create the plan of one customer of data set `dataset` (by name). `fields` may set
    started_on (the day its targets count sales from; default the day of `at`), trust
    (1–5), choice (first/second/third), direction and notes. Returns the plan row.

    Raises ValueError when the customer is not in the data set or already has a plan
    (an archived plan is restored with `restore`, not created again).
    """
    with batch(store, by=by, at=at) as changes:
        return changes.add("plan", dataset_name=dataset, customer_id=customer_id, **fields)


def _create_plan(cur, values: dict, *, by, at) -> dict:
    values = {**values, "customer_id": str(values["customer_id"]).strip()}
    values["started_on"] = values.get("started_on") or _now(at).date()
    dataset, customer = values["dataset_name"], values["customer_id"]
    if not _customer_known(cur, dataset, customer):
        msg = f"Customer {customer!r} is not in the data set {dataset!r}."
        raise ValueError(msg)
    if _plan_id(cur, dataset, customer) is not None:
        msg = f"Customer {customer!r} already has a plan."
        raise ValueError(msg)
    return _insert(cur, "plan", values, by=by, at=at)


def create_plans(
    store: Store, *, dataset: str, customer_ids: Iterable[str], by=None, at=None, **fields
) -> dict[str, list[str]]:
    """Create plans for the customers of `customer_ids` that have none (e.g. the A
    customers of a focus list or a decision), in one transaction; `fields` as for
    `create_plan` (started_on …) apply to each.

    Returns `{"created": [...], "skipped": [...]}` (customer numbers; skipped: a plan
    exists, possibly archived). Raises ValueError for a customer not in the data set.
    """
    done: dict[str, list[str]] = {"created": [], "skipped": []}
    with batch(store, by=by, at=at) as changes:
        for customer in dict.fromkeys(str(c).strip() for c in customer_ids):
            if changes.plan_id(dataset, customer) is not None:
                done["skipped"].append(customer)
                continue
            changes.add("plan", dataset_name=dataset, customer_id=customer, **fields)
            done["created"].append(customer)
    return done


def add_contact(store: Store, plan_id: int, name: str, *, by=None, at=None, **fields) -> dict:
    """A person at the customer: name, role (CFO, buyer, user …), view (how they see us:
    advocate, neutral, critic, unknown) and a note. Returns the contact row."""
    with batch(store, by=by, at=at) as changes:
        return changes.add("contact", plan_id=plan_id, name=name, **fields)


def add_goal(
    store: Store, plan_id: int, *, kind: GoalKind, by=None, at=None, **fields: object
) -> dict:
    """A goal of a plan: `kind` (revenue or margin in the data set's currency over
    [starts_on, ends_on]; share_of_wallet in %; nps; free), `target` (needed unless
    free), starts_on, ends_on, title. Returns the goal row."""
    with batch(store, by=by, at=at) as changes:
        return changes.add("goal", plan_id=plan_id, kind=kind, **fields)


def add_activity(
    store: Store, plan_id: int, title: str, *, by=None, at=None, **fields: object
) -> dict:
    """An activity of a plan: title and `fields` owner (a person of the team list), due,
    status (default planned), goal_id (the goal it serves) and outcome. Returns the row."""
    with batch(store, by=by, at=at) as changes:
        return changes.add("activity", plan_id=plan_id, title=title, **fields)
