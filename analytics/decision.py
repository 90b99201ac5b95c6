"""Decisions: the agreed focus list, saved dated and never changed, and what moved since.

"Fastställ fokuslistan" saves a decision: name, date, data set and period, the weights
(points), the participants, every customer's rank, tier and score, the pins and
exclusions with their reasons, notes, and each customer's criterion values and score
contributions (so that a later comparison can say *why* a customer moved). The store
offers no way to change or remove a decision; a name can be used once.

A later state — new data after next month's import, or other weights — is the same
period spec resolved against the data set as it is now (a rolling "12m" moves on; a
fixed FROM:TO stays), scored with the decision's weights (or others), the decision's
agreed team assessments and its pins and exclusions.
"""

from __future__ import annotations

import json
from datetime import date
from typing import TypedDict

import polars as pl

from analytics.metrics import Period, customer_metrics, data_bounds, resolve_period
from analytics.scoring import CRITERIA, TEAM_CRITERIA, score_customers
from analytics.store import Store
from analytics.workshop import (
    Consensus,
    apply_assessments,
    apply_overrides,
    consensus,
    overrides,
    participant_weights,
    workshop_scores,
)

__all__ = [
    "DecisionComparison",
    "compare_with_decision",
    "dataset_decision",
    "decision_customers",
    "decision_names",
    "decision_values",
    "decisions",
    "find_decision",
    "later_state",
    "latest_decision",
    "save_decision",
    "workshop_consensus",
    "workshop_customers",
]

_KEYS = tuple(c.key for c in CRITERIA)


def workshop_customers(store: Store, workshop: dict) -> tuple[Period, pl.DataFrame]:
    """The workshop's period (its spec resolved against the data now) and the
    per-customer table over it. Raises ValueError when the data set has no lines or the
    spec cannot be read."""
    bounds = data_bounds(store, dataset_id=workshop["dataset_id"])
    if bounds is None:
        msg = "The workshop's data set has no sales lines."
        raise ValueError(msg)
    period = resolve_period(workshop["period"], first=bounds[0], last=bounds[1])
    return period, customer_metrics(store, dataset_id=workshop["dataset_id"], period=period)


def workshop_consensus(
    store: Store,
    workshop: dict,
    *,
    customers: pl.DataFrame | None = None,
    top: int | None = None,
    tier_shares: tuple[float, float] = (0.2, 0.3),
) -> Consensus:
    """`analytics.workshop.consensus` of a stored workshop: its participants' weights and
    assessments, pins and exclusions, over `customers` (default: `workshop_customers`)
    with the workshop's top N (or `top`). Raises ValueError when nobody saved weights."""
    if customers is None:
        _, customers = workshop_customers(store, workshop)
    return consensus(
        customers,
        weights=participant_weights(store, workshop["workshop_id"]),
        scores=workshop_scores(store, workshop["workshop_id"]),
        pins_exclusions=overrides(store, workshop["workshop_id"]),
        top=top or int(workshop["top_n"]),
        tier_shares=tier_shares,
    )


# Over 60 lines with its signature and docstring; the body (one transaction writing
# the decision, its customers and their values) is under 60.
def save_decision(
    store: Store,
    *,
    name: str,
    workshop: dict,
    period: Period,
    agreed: Consensus,
    notes: str = "",
    decided_on: date | None = None,
    tier_shares: tuple[float, float] = (0.2, 0.3),
) -> int:
    """Save the consensus `agreed` of `workshop` over `period` as a decision; returns its
    id. Raises ValueError when the name is empty or already used."""
    name = " ".join(name.split())
    if not name:
        msg = "A decision needs a name."
        raise ValueError(msg)
    if find_decision(store, name) is not None:
        msg = f"A decision called {name!r} already exists; decisions are never changed."
        raise ValueError(msg)
    dataset_name = store.scalar(
        "select name from datasets where dataset_id = ?", [workshop["dataset_id"]]
    )
    scored = agreed.scored
    listed = scored.select(  # noqa: F841 - read by DuckDB below
        pl.col("customer_id").cast(pl.String),
        pl.col("customer_name").cast(pl.String)
        if "customer_name" in scored.columns
        else pl.lit(None, pl.String).alias("customer_name"),
        pl.col("rank").cast(pl.Int32),
        pl.col("tier").cast(pl.String),
        pl.col("score").cast(pl.Float64),
        pl.col("override").cast(pl.String),
        pl.col("reason").cast(pl.String),
    )
    values = _values_long(scored)  # noqa: F841 - read by DuckDB below
    with store.transaction() as cur:
        cur.execute(
            """
            insert into decisions (name, decided_on, workshop_name, dataset_id, dataset_name,
                period, period_from, period_to, weights, participants, tier_shares, top_n,
                notes)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                name,
                decided_on or date.today(),
                workshop["name"],
                workshop["dataset_id"],
                dataset_name or "",
                workshop["period"],
                period.start,
                period.end,
                json.dumps(agreed.points),
                json.dumps(agreed.participants, ensure_ascii=False),
                json.dumps(list(tier_shares)),
                int(workshop["top_n"]),
                notes.strip(),
            ],
        )
        decision_id = int(cur.execute("select currval('decision_seq')").fetchall()[0][0])
        cur.execute(
            "insert into decision_customers select ?, customer_id, customer_name, rank, "
            "tier, score, override, reason from listed",
            [decision_id],
        )
        cur.execute(
            "insert into decision_values select ?, customer_id, criterion, value, "
            "contribution from values",
            [decision_id],
        )
    return decision_id


def _values_long(scored: pl.DataFrame) -> pl.DataFrame:
    """customer_id, criterion, value (raw, null = unknown), contribution (null when the
    criterion is not weighted) for every catalog criterion the list has a column of."""
    keys = [k for k in _KEYS if k in scored.columns]
    frames = [
        scored.select(
            pl.col("customer_id").cast(pl.String),
            *_criterion(scored, k, value="value", contribution="contribution"),
        )
        for k in keys
    ]
    schema = {
        "customer_id": pl.String,
        "criterion": pl.String,
        "value": pl.Float64,
        "contribution": pl.Float64,
    }
    return pl.concat(frames) if frames else pl.DataFrame(schema=schema)


def _criterion(scored: pl.DataFrame, key: str, *, value: str, contribution: str) -> list[pl.Expr]:
    """A criterion of a scored list as columns: `criterion` (its key), its raw value as
    `value` and its points as `contribution` (null when it is not weighted).
    """
    points = f"contrib_{key}"
    return [
        pl.lit(key).alias("criterion"),
        pl.col(key).cast(pl.Float64).alias(value),
        (
            pl.col(points).cast(pl.Float64)
            if points in scored.columns
            else pl.lit(None, pl.Float64)
        ).alias(contribution),
    ]


def decisions(store: Store) -> pl.DataFrame:
    """All decisions, newest first: decision_id, name, decided_on, decided_at,
    workshop_name, dataset_name, period_from, period_to, participants (names), notes,
    customers (ranked) and a_customers (in tier A)."""
    frame = store.query(
        """
        select d.decision_id, d.name, d.decided_on, d.decided_at, d.workshop_name,
               d.dataset_name, d.period_from, d.period_to, d.participants, d.notes,
               count(c.rank) as customers, count(*) filter (where c.tier = 'A') as a_customers
        from decisions d left join decision_customers c using (decision_id)
        group by all order by d.decided_at desc, d.decision_id desc
        """
    )
    return frame.with_columns(pl.col("participants").str.json_decode(pl.List(pl.String)))


def decision_names(store: Store, *, dataset_id: int) -> list[str]:
    """The names of the decisions about data set `dataset_id`, newest first."""
    frame = store.query(
        "select name from decisions where dataset_id = ? "
        "order by decided_at desc, decision_id desc",
        [dataset_id],
    )
    return frame["name"].to_list()


def latest_decision(store: Store, *, workshop_name: str) -> dict | None:
    """The newest decision saved from the workshop `workshop_name`: its `name`,
    `decided_on` and `participants` (the names whose weights it was made with); None
    before any."""
    frame = store.query(
        "select name, decided_on, participants from decisions where workshop_name = ? "
        "order by decided_at desc, decision_id desc limit 1",
        [workshop_name],
    )
    if frame.is_empty():
        return None
    row = frame.row(0, named=True)
    return {**row, "participants": json.loads(row["participants"])}


def find_decision(store: Store, name: str) -> dict | None:
    """A decision's header by name: the `decisions` columns plus dataset_id, period (the
    spec), weights ({criterion: points}), tier_shares (A, B) and top_n; None when absent."""
    frame = store.query("select * from decisions where name = ?", [" ".join(name.split())])
    if frame.is_empty():
        return None
    row = frame.row(0, named=True)
    row["weights"] = {k: float(v) for k, v in json.loads(row["weights"]).items()}
    row["participants"] = json.loads(row["participants"])
    row["tier_shares"] = tuple(json.loads(row["tier_shares"]))
    return row


def dataset_decision(store: Store, name: str | None, *, dataset_id: int) -> dict | None:
    """The saved decision called `name` (see `find_decision`; None without a name).
    Raises ValueError when there is none, or when it is about another data set."""
    if name is None:
        return None
    decision = find_decision(store, name)
    if decision is None:
        msg = f"No saved decision called {name!r}; see `decision save`."
        raise ValueError(msg)
    if decision["dataset_id"] != dataset_id:
        msg = f"The decision {name!r} is about the data set {decision['dataset_name']!r}."
        raise ValueError(msg)
    return decision


def decision_customers(store: Store, decision_id: int) -> pl.DataFrame:
    """The decided list: customer_id, customer_name, rank, tier, score, override, reason;
    ranked customers by rank, then the excluded."""
    return store.query(
        "select customer_id, customer_name, rank, tier, score, override, reason "
        "from decision_customers where decision_id = ? order by rank nulls last, customer_id",
        [decision_id],
    ).with_columns(pl.col("rank").cast(pl.Int64))


def decision_values(store: Store, decision_id: int) -> pl.DataFrame:
    """Each customer's criterion values at the decision, long: customer_id, criterion,
    value, contribution."""
    return store.query(
        "select customer_id, criterion, value, contribution from decision_values "
        "where decision_id = ? order by customer_id, criterion",
        [decision_id],
    )


def later_state(
    store: Store, decision: dict, *, weights: dict[str, float] | None = None
) -> tuple[Period, pl.DataFrame]:
    """The decision's list as it would be now: its period spec resolved against the data
    set as it is, the decision's weights (or `weights`), its agreed team assessments and
    its pins and exclusions. Returns the period and the `apply_overrides` list. Raises
    ValueError when the data set has no lines or the weights cannot score."""
    period, customers = workshop_customers(
        store, {"dataset_id": decision["dataset_id"], "period": decision["period"]}
    )
    agreed = decision_values(store, decision["decision_id"]).filter(
        pl.col("criterion").is_in(TEAM_CRITERIA) & pl.col("value").is_not_null()
    )
    frame = apply_assessments(customers, agreed.select("customer_id", "criterion", "value"))
    shares = decision["tier_shares"]
    scored = score_customers(frame, weights=weights or decision["weights"], tier_shares=shares)
    rules = decision_customers(store, decision["decision_id"]).filter(
        pl.col("override").is_not_null()
    )
    pins = rules.select("customer_id", pl.col("override").alias("kind"), "reason")
    return period, apply_overrides(scored, pins, tier_shares=shares)


class DecisionComparison(TypedDict):
    """A decision against a later state (`compare_with_decision`)."""

    entered_a: list[str]
    left_a: list[str]
    stayed_a: list[str]
    moved: pl.DataFrame


def compare_with_decision(
    before: pl.DataFrame,
    before_values: pl.DataFrame,
    after: pl.DataFrame,
    *,
    moved: int = 10,
) -> DecisionComparison:
    """Who entered and left A between a decision and a later state, who moved most, why.

    `before` is `decision_customers`, `before_values` `decision_values`, `after` a
    `later_state` list. Returns entered_a, left_a, stayed_a (customer ids, by the later
    rank, then the decided rank), and `moved`: a frame of the `moved` customers whose rank
    changed most (present in both, largest |change| first) with customer_id,
    customer_name, rank_before, rank_after, change (positive = moved up), criterion (the
    criterion whose score contribution changed most: the reason), value_before,
    value_after (its raw values) and contrib_before, contrib_after (points).
    """
    tier_before = dict(before.select("customer_id", "tier").iter_rows())
    tier_after = dict(after.select("customer_id", "tier").iter_rows())
    rank_after = dict(after.select("customer_id", "rank").iter_rows())
    rank_before = dict(before.select("customer_id", "rank").iter_rows())
    a_before = {c for c, t in tier_before.items() if t == "A"}
    a_after = {c for c, t in tier_after.items() if t == "A"}

    def by_rank(ids: set[str], ranks: dict) -> list[str]:
        return sorted(ids, key=lambda c: (ranks.get(c) is None, ranks.get(c) or 0, c))

    both = before.select("customer_id", "customer_name", pl.col("rank").alias("rank_before")).join(
        after.select("customer_id", pl.col("rank").alias("rank_after")),
        on="customer_id",
    )
    both = both.filter(pl.col("rank_before").is_not_null() & pl.col("rank_after").is_not_null())
    both = both.with_columns((pl.col("rank_before") - pl.col("rank_after")).alias("change"))
    top = (
        both.filter(pl.col("change") != 0)
        .sort([pl.col("change").abs(), "rank_after"], descending=[True, False])
        .head(moved)
    )
    reasons = _reasons(top["customer_id"], before_values, after)
    moved_frame = top.join(reasons, on="customer_id", how="left", maintain_order="left")
    return DecisionComparison(
        entered_a=by_rank(a_after - a_before, rank_after),
        left_a=by_rank(a_before - a_after, rank_before),
        stayed_a=by_rank(a_before & a_after, rank_after),
        moved=moved_frame,
    )


def _reasons(ids: pl.Series, before_values: pl.DataFrame, after: pl.DataFrame) -> pl.DataFrame:
    """Per customer of `ids`: the criterion whose contribution changed most between the
    decision (`before_values`) and the later list `after`, with its values and points."""
    keys = [k for k in _KEYS if k in after.columns]
    later = after.select(
        pl.col("customer_id"),
        *[
            pl.struct(
                *_criterion(after, k, value="value_after", contribution="contrib_after")
            ).alias(k)
            for k in keys
        ],
    )
    later_long = (
        later.filter(pl.col("customer_id").is_in(ids.implode()))
        .unpivot(index="customer_id", value_name="v")
        .unnest("v")
        .drop("variable")
    )
    return (
        before_values.rename({"value": "value_before", "contribution": "contrib_before"})
        .join(later_long, on=["customer_id", "criterion"], how="full", coalesce=True)
        .filter(pl.col("customer_id").is_in(ids.implode()))
        .with_columns(
            (pl.col("contrib_after").fill_null(0) - pl.col("contrib_before").fill_null(0))
            .abs()
            .alias("_delta")
        )
        .sort(["customer_id", "_delta"], descending=[False, True])
        .unique("customer_id", keep="first", maintain_order=True)
        .select(
            "customer_id",
            "criterion",
            "value_before",
            "value_after",
            "contrib_before",
            "contrib_after",
        )
    )
