"""Questions 12 and 14 answered from the customer plans, when the data set has any.

12 "a plan for where you want to go with your customers": the plans, how many have a
goal, and how many of the period's A customers have one. 14 "goals and activities with
owners and deadlines": the activities (not cancelled) that have both an owner and a due
date, and how many plans have at least one.

| question | value             | yes when                               | partly    | no   |
|----------|-------------------|----------------------------------------|-----------|------|
| 12       | plans             | every A customer planned, every plan a goal | otherwise | —    |
| 14       | owned activities  | all owned, every plan has one          | some      | none |

(An owned activity has an owner and a due date; cancelled ones do not count.)

Without a plan both questions stay as before: the team's answer, else unknown.
"""

from __future__ import annotations

import polars as pl

from analytics.plan_tables import activities, goals, plans
from analytics.store import Store

__all__ = ["plan_answers"]


def plan_answers(
    store: Store, *, dataset_id: int, a_customers: list[str]
) -> dict[int, tuple[int, str, dict]]:
    """{12: (value, answer, facts), 14: (...)} from the data set's active plans, or {}
    when it has none. `a_customers` are the period's A customers. Facts of 12: plans,
    with_goals, a_customers, a_planned; of 14: activities, owned (with owner and due
    date), plans, plans_owned (plans with an owned activity)."""
    name = store.scalar("select name from datasets where dataset_id = ?", [dataset_id])
    listed = plans(store, dataset=str(name))
    if listed.is_empty():
        return {}
    planned = set(listed["customer_id"].to_list())
    with_goals = goals(store, dataset=str(name))["plan_id"].n_unique()
    a_planned = sum(customer in planned for customer in a_customers)
    every_a = bool(a_customers) and a_planned == len(a_customers)
    facts12 = {
        "plans": listed.height,
        "with_goals": with_goals,
        "a_customers": len(a_customers),
        "a_planned": a_planned,
    }
    answer12 = "yes" if every_a and with_goals == listed.height else "partly"
    acts = activities(store, dataset=str(name)).filter(pl.col("status") != "cancelled")
    owned = acts.filter(pl.col("owner").is_not_null() & pl.col("due").is_not_null())
    plans_owned = owned["plan_id"].n_unique()
    facts14 = {
        "activities": acts.height,
        "owned": owned.height,
        "plans": listed.height,
        "plans_owned": plans_owned,
    }
    if owned.is_empty():
        answer14 = "no"
    elif owned.height == acts.height and plans_owned == listed.height:
        answer14 = "yes"
    else:
        answer14 = "partly"
    return {12: (listed.height, answer12, facts12), 14: (owned.height, answer14, facts14)}
