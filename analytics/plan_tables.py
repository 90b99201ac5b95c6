"""Customer plans as tables: the team list, plans, contacts, goals, activities, history.

The reading side of `analytics.plans` (which writes): every function returns what is
stored now, except `activities_as_of`, which tells the activities again as they stood at
a moment from the append-only change log. Archived rows are left out unless asked for.
"""

from __future__ import annotations

from datetime import datetime

import polars as pl

from analytics.plans import Entity
from analytics.store import Store

__all__ = [
    "activities",
    "activities_as_of",
    "contacts",
    "decision_plan_candidates",
    "find_plan",
    "goals",
    "history",
    "measurements",
    "plan_listing",
    "plans",
    "team",
]


def find_plan(store: Store, *, dataset: str, customer_id: str) -> dict | None:
    """The plan of a customer (archived or not) as a row dict, or None."""
    found = store.query(
        "select * from plans where dataset_name = ? and customer_id = ?",
        [dataset, str(customer_id).strip()],
    )
    return None if found.is_empty() else found.row(0, named=True)


def decision_plan_candidates(
    store: Store, decision: str, *, tiers: tuple[str, ...] = ("A",)
) -> list[str]:
    """The customers of a saved decision in `tiers` (by rank) that have no plan yet."""
    return store.query(
        """
        select c.customer_id from decisions d
        join decision_customers c using (decision_id)
        where d.name = ? and c.tier in (select unnest(?::varchar[]))
          and not exists (select 1 from plans p where p.dataset_name = d.dataset_name
                          and p.customer_id = c.customer_id)
        order by c.rank
        """,
        [" ".join(decision.split()), list(tiers)],
    )["customer_id"].to_list()


def team(store: Store, *, archived: bool = False) -> pl.DataFrame:
    """The team list: person, role, email, archived (archived people only when asked)."""
    where = "" if archived else "where not archived"
    return store.query(f"select * from team_members {where} order by lower(person)")


def plans(store: Store, *, dataset: str, archived: bool = False) -> pl.DataFrame:
    """The plans of a data set with the customer's name: plan_id, customer_id,
    customer_name, started_on, trust, choice, direction, notes, archived."""
    where = "" if archived else "and not p.archived"
    return store.query(
        f"""
        select p.plan_id, p.customer_id, n.customer_name, p.started_on, p.trust, p.choice,
               p.direction, p.notes, p.archived
        from plans p left join (
            select s.customer_id, any_value(s.customer_name order by s.invoice_date desc)
                   as customer_name
            from sales_lines s join datasets d using (dataset_id) where d.name = $d
            group by s.customer_id
        ) n using (customer_id)
        where p.dataset_name = $d {where}
        order by p.customer_id
        """,
        {"d": dataset},
    )


def _children(store: Store, table: str, dataset: str, archived: bool, order: str) -> pl.DataFrame:
    where = "" if archived else "and not x.archived and not p.archived"
    return store.query(
        f"""
        select x.*, p.customer_id from {table} x join plans p using (plan_id)
        where p.dataset_name = ? {where} order by {order}
        """,
        [dataset],
    )


def contacts(store: Store, *, dataset: str, archived: bool = False) -> pl.DataFrame:
    """The contacts of a data set's plans (with customer_id)."""
    return _children(store, "plan_contacts", dataset, archived, "p.customer_id, x.contact_id")


def goals(store: Store, *, dataset: str, archived: bool = False) -> pl.DataFrame:
    """The goals of a data set's plans (with customer_id), by customer and start."""
    return _children(
        store, "plan_goals", dataset, archived, "p.customer_id, x.starts_on, x.goal_id"
    )


def activities(store: Store, *, dataset: str, archived: bool = False) -> pl.DataFrame:
    """The activities of a data set's plans (with customer_id), by due date (undated last)."""
    return _children(
        store,
        "plan_activities",
        dataset,
        archived,
        "x.due nulls last, p.customer_id, x.activity_id",
    )


def history(
    store: Store, *, plan_id: int | None = None, entity: Entity | None = None, key=None
) -> pl.DataFrame:
    """The change log, oldest first: change_id, entity, entity_id, plan_id, action,
    changes (JSON `{field: [before, after]}`), changed_by, changed_at; filtered by plan,
    by entity and by one row's key."""
    where, params = [], []
    for column, value in (("plan_id", plan_id), ("entity", entity), ("entity_id", key)):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value if column != "entity_id" else str(value))
    clause = f"where {' and '.join(where)}" if where else ""
    return store.query(
        "select change_id, entity, entity_id, plan_id, action, changes, changed_by, "
        f"changed_at from plan_changes {clause} order by changed_at, change_id",
        params,
    )


def measurements(store: Store, *, dataset: str) -> pl.DataFrame:
    """Every value entered for a goal's `measured` field (share of wallet in %, NPS), told
    again from the append-only change log, oldest first: goal_id, plan_id, customer_id,
    measured_at (when it was entered), value (exact decimal), by (who entered it).
    A measurement is dated by when the team entered it; a value cleared is left out."""
    return store.query(
        """
        select cast(c.entity_id as integer) as goal_id, c.plan_id, p.customer_id,
               c.changed_at as measured_at,
               cast(json_extract_string(c.changes, '$.measured[1]') as decimal(18,4)) as value,
               c.changed_by as by
        from plan_changes c join plans p using (plan_id)
        where c.entity = 'goal' and p.dataset_name = ?
          and json_extract_string(c.changes, '$.measured[1]') is not null
        order by c.changed_at, c.change_id
        """,
        [dataset],
    )


_ACTIVITY_STATE = pl.Struct(
    {"activity_id": pl.Int64, "plan_id": pl.Int64, "goal_id": pl.Int64, "title": pl.String,
     "owner": pl.String, "due": pl.String, "status": pl.String, "completed_on": pl.String,
     "outcome": pl.String, "archived": pl.Boolean}
)  # fmt: skip


def activities_as_of(store: Store, *, dataset: str, at: datetime) -> pl.DataFrame:
    """Every activity of the data set's plans as it stood at `at` (told again from the
    change log): activity_id, plan_id, customer_id, goal_id, title, owner, due, status,
    completed_on, outcome. Activities created later, archived then, or of a plan archived
    now, are left out."""
    frame = store.query(
        """
        select c.state from plan_changes c join plans p on p.plan_id = c.plan_id
        where c.entity = 'activity' and c.changed_at <= ? and p.dataset_name = ?
              and not p.archived
        qualify row_number() over (partition by c.entity_id
                                   order by c.changed_at desc, c.change_id desc) = 1
        """,
        [at, dataset],
    )
    customers = plans(store, dataset=dataset).select("plan_id", "customer_id")
    states = frame.select(pl.col("state").cast(pl.String).str.json_decode(_ACTIVITY_STATE))
    states = (
        states.unnest("state")
        if states.height
        else pl.DataFrame(schema=_ACTIVITY_STATE.to_schema())
    )
    return (
        states.filter(~pl.col("archived"))
        .with_columns(pl.col("due", "completed_on").str.to_date(strict=False))
        .join(customers.with_columns(pl.col("plan_id").cast(pl.Int64)), on="plan_id")
        .select(
            "activity_id",
            "plan_id",
            "customer_id",
            "goal_id",
            "title",
            "owner",
            "due",
            "status",
            "completed_on",
            "outcome",
        )
        .sort("due", "customer_id", "activity_id", nulls_last=True)
    )


def plan_listing(store: Store, *, dataset: str) -> list[dict]:
    """Every active plan of the data set with its goals and activities, JSON-ready:
    `[{"customer_id", "plan_id", "started_on", "trust", "choice", "goals": [{"goal_id",
    "kind", "title", "target", "starts_on", "ends_on", "result"}], "activities":
    [{"activity_id", "title", "owner", "due", "status", "goal_id", "outcome"}]}]`
    (dates as ISO text, targets as exact decimals)."""
    listed = plans(store, dataset=dataset)
    goal_rows = goals(store, dataset=dataset)
    acts = activities(store, dataset=dataset)
    result = []
    for plan in listed.iter_rows(named=True):
        pid = plan["plan_id"]
        result.append(
            {
                "customer_id": plan["customer_id"],
                "plan_id": pid,
                "started_on": plan["started_on"].isoformat(),
                "trust": plan["trust"],
                "choice": plan["choice"],
                "goals": [
                    {"goal_id": g["goal_id"], "kind": g["kind"], "title": g["title"],
                     "target": g["target"], "starts_on": g["starts_on"].isoformat(),
                     "ends_on": g["ends_on"].isoformat(), "result": g["result"]}
                    for g in goal_rows.filter(pl.col("plan_id") == pid).iter_rows(named=True)
                ],
                "activities": [
                    {"activity_id": a["activity_id"], "title": a["title"], "owner": a["owner"],
                     "due": a["due"].isoformat() if a["due"] else None,
                     "status": a["status"], "goal_id": a["goal_id"], "outcome": a["outcome"]}
                    for a in acts.filter(pl.col("plan_id") == pid).iter_rows(named=True)
                ],
            }
        )  # fmt: skip
    return result
