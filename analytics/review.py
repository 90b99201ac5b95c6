"""The quarterly review: targets against actuals for the quarter, wins first, and
rolling the plans forward into the next quarter.

Per plan the review gives the goals' share of the quarter against the actuals
(`analytics.targets.goal_progress` over the quarter's days), the activities done in the
quarter and, with a saved decision, the customer's tier and rank then and now. The wins
to celebrate come first, found by `WIN_RULES`:

| win            | rule                                                         |
|----------------|--------------------------------------------------------------|
| goal_met       | a goal reached its share of the quarter (a free goal: achieved) |
| activity_done  | an activity was done in the quarter with its outcome noted   |
| moved_up       | the customer ranks higher now than at the decision           |

Rolling forward (`roll_forward`) closes the goals that ended by the quarter's last day
(achieved or missed by their whole target), sets each one's successor for the same
length of time straight after it (the same target unless another is given) and moves
the open activities of a closed goal onto its successor. Every step is logged.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from decimal import Decimal

import polars as pl

from analytics.plan_tables import activities, goals, plans
from analytics.plans import OPEN_STATUSES, batch
from analytics.store import Store
from analytics.targets import goal_progress, measured_until

__all__ = ["WIN_RULES", "parse_quarter", "quarter_of", "quarterly_review", "roll_forward"]

_QUARTER = re.compile(r"(\d{4})-?Q([1-4])")

# (win, what it says): the order the wins are listed in.
WIN_RULES: tuple[tuple[str, str], ...] = (
    ("goal_met", "a goal reached its share of the quarter"),
    ("activity_done", "an activity done in the quarter, outcome noted"),
    ("moved_up", "ranks higher than at the decision"),
)


def quarter_of(day: date) -> str:
    """The quarter of a day as `YYYY-Qn`."""
    return f"{day.year}-Q{(day.month + 2) // 3}"


def parse_quarter(text: str) -> tuple[date, date]:
    """`2027-Q1` (or `2027Q1`) → its first and last day; ValueError for anything else."""
    match = _QUARTER.fullmatch(text.strip().upper())
    if match is None:
        msg = f"A quarter looks like 2027-Q1, got {text!r}."
        raise ValueError(msg)
    year, quarter = int(match.group(1)), int(match.group(2))
    first_month = 3 * quarter - 2
    last_month = first_month + 2
    return date(year, first_month, 1), date(
        year, last_month, calendar.monthrange(year, last_month)[1]
    )


def _met(goal: dict) -> bool:
    if goal["kind"] == "free":
        return goal["result"] == "achieved"
    actual, target = goal["actual"], goal["target"]
    return actual is not None and target is not None and actual >= target


def _movement(store: Store, decision: str | None) -> dict[str, dict]:
    """{customer_id: {tier_before, rank_before, tier_now, rank_now}} against a decision."""
    if decision is None:
        return {}
    from analytics.decision import decision_customers, find_decision, later_state

    saved = find_decision(store, decision)
    if saved is None:
        msg = f"There is no decision called {decision!r}."
        raise ValueError(msg)
    before = decision_customers(store, saved["decision_id"])
    _, after = later_state(store, saved)
    now = {c: (t, r) for c, t, r in after.select("customer_id", "tier", "rank").iter_rows()}
    moved = {}
    for customer, tier, rank in before.select("customer_id", "tier", "rank").iter_rows():
        tier_now, rank_now = now.get(customer, (None, None))
        moved[customer] = {"tier_before": tier, "rank_before": rank, "tier_now": tier_now,
                           "rank_now": rank_now}  # fmt: skip
    return moved


def _customer(
    plan: dict, mine: list[dict], finished: list[dict], *, open_count: int, found: dict, moved: dict
) -> dict:
    """One customer's part of the review (see `quarterly_review`)."""
    return {
        "customer_id": plan["customer_id"],
        "customer_name": plan["customer_name"],
        "goals": [
            {k: g[k] for k in ("goal_id", "kind", "title", "target", "actual", "status")}
            for g in mine
        ],
        "activities_done": [
            {k: a[k] for k in ("activity_id", "title", "owner", "completed_on", "outcome")}
            for a in finished
        ],
        "activities_open": open_count,
        "wins": sum(len(v) for v in found.values()),
        **moved,
    }


def quarterly_review(
    store: Store,
    *,
    dataset: str,
    quarter: str,
    decision: str | None = None,
    as_of: date | None = None,
) -> dict:
    """The review of quarter `quarter` (`YYYY-Qn`) of the data set's plans.

    Returns `{"quarter", "start", "end", "as_of", "wins": [...], "customers": [...],
    "decision"}` (`decision` as given):
    wins (customer_id, customer_name, win — a `WIN_RULES` name — and title) in the order
    of `WIN_RULES`, then by customer; per customer (those with wins first) its goals for
    the quarter (goal_id, kind, title, target = the quarter's share, actual, status),
    the activities done in the quarter, the count still open, and with `decision` (a
    saved decision's name) tier_before, rank_before, tier_now, rank_now. Amounts are
    exact decimals in the data set's currency, measured to `as_of` (default: the
    quarter's last day or the data's last day, whichever is earlier).
    """
    start, end = parse_quarter(quarter)
    as_of = as_of or measured_until(store, dataset=dataset, on=end)
    progress = goal_progress(store, dataset=dataset, as_of=as_of, window=(start, end))
    acts = activities(store, dataset=dataset)
    done = acts.filter((pl.col("status") == "done") & pl.col("completed_on").is_between(start, end))
    moved = _movement(store, decision)
    wins: list[dict] = []
    customers: list[dict] = []
    for plan in plans(store, dataset=dataset).iter_rows(named=True):
        cid = plan["customer_id"]
        mine = progress.filter(pl.col("plan_id") == plan["plan_id"]).to_dicts()
        finished = done.filter(pl.col("plan_id") == plan["plan_id"]).to_dicts()
        found = {
            "goal_met": [g["title"] or g["kind"] for g in mine if _met(g)],
            "activity_done": [a["title"] for a in finished if a["outcome"]],
            "moved_up": _moved_up(moved.get(cid)),
        }
        for win, _ in WIN_RULES:
            wins.extend({"customer_id": cid, "customer_name": plan["customer_name"],
                         "win": win, "title": title} for title in found[win])  # fmt: skip
        open_count = acts.filter(
            (pl.col("plan_id") == plan["plan_id"]) & pl.col("status").is_in(OPEN_STATUSES)
        ).height
        customers.append(
            _customer(plan, mine, finished, open_count=open_count, found=found,
                      moved=moved.get(cid, {}))
        )  # fmt: skip
    order = {name: i for i, (name, _) in enumerate(WIN_RULES)}
    wins.sort(key=lambda w: (order[w["win"]], w["customer_id"]))
    customers.sort(key=lambda c: (c["wins"] == 0, c["customer_id"]))
    return {"quarter": f"{start.year}-Q{(start.month + 2) // 3}", "start": start, "end": end,
            "as_of": as_of, "wins": wins, "customers": customers,
            "decision": decision}  # fmt: skip


def _moved_up(movement: dict | None) -> list[str]:
    if not movement or movement["rank_before"] is None or movement["rank_now"] is None:
        return []
    before, now = movement["rank_before"], movement["rank_now"]
    return [f"{before} → {now}"] if now < before else []


def _successor_dates(start: date, end: date) -> tuple[date, date]:
    """The same length of time straight after [start, end]: whole months stay whole
    months (a quarter is followed by the next quarter), otherwise the same days."""
    after = end + timedelta(days=1)
    if start.day == 1 and after.day == 1:
        months = (after.year - start.year) * 12 + after.month - start.month
        index = after.year * 12 + after.month - 1 + months
        return after, date(index // 12, index % 12 + 1, 1) - timedelta(days=1)
    return after, after + (end - start)


def roll_forward(
    store: Store,
    *,
    dataset: str,
    quarter: str,
    targets: Mapping[int, Decimal | str | None] | None = None,
    by: str | None = None,
    at: datetime | None = None,
) -> dict[str, list[int]]:
    """Close the goals that ended by the quarter's last day, set their successors and
    carry their open activities, in one transaction.

    A closed goal's result is achieved when its actual over the whole goal reached the
    whole target (free goals: as set, else missed). `targets` ({closed goal_id: new
    target}) sets a successor's target; None there means no successor; free goals get
    none. Returns {"closed", "created", "carried"}: goal and activity ids.
    """
    _, end = parse_quarter(quarter)
    targets = dict(targets or {})
    ended = goal_progress(store, dataset=dataset, include_closed=False).filter(
        pl.col("ends_on") <= end
    )
    stored = {g["goal_id"]: g for g in goals(store, dataset=dataset).iter_rows(named=True)}
    open_acts = activities(store, dataset=dataset).filter(pl.col("status").is_in(OPEN_STATUSES))
    result: dict[str, list[int]] = {"closed": [], "created": [], "carried": []}
    with batch(store, by=by, at=at) as changes:
        closed_on = (at or datetime.now()).date()
        for goal in ended.iter_rows(named=True):
            old = stored[goal["goal_id"]]
            verdict = old["result"] or ("achieved" if _met(goal) else "missed")
            changes.update("goal", old["goal_id"], action="close", closed_on=closed_on,
                           result=verdict)  # fmt: skip
            result["closed"].append(old["goal_id"])
            target = targets.get(old["goal_id"], old["target"])
            if old["kind"] == "free" or target is None:
                continue
            starts_on, ends_on = _successor_dates(old["starts_on"], old["ends_on"])
            new = changes.add("goal", plan_id=old["plan_id"], kind=old["kind"], title=old["title"],
                              target=target, starts_on=starts_on, ends_on=ends_on,
                              follows=old["goal_id"])  # fmt: skip
            result["created"].append(new["goal_id"])
            for act in open_acts.filter(pl.col("goal_id") == old["goal_id"]).iter_rows(named=True):
                changes.update("activity", act["activity_id"], action="carry",
                               goal_id=new["goal_id"])  # fmt: skip
                result["carried"].append(act["activity_id"])
    return result
