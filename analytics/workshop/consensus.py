"""A workshop's consensus, computed and never stored: mean weight shares, mean
assessments, the list they give (with the facilitator's pins and exclusions), and
agreement between the participants' own top lists.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import polars as pl

from analytics.scoring import (
    CRITERIA,
    TEAM_CRITERIA,
    normalise_criteria,
    score_customers,
    tier_by_rank,
    tier_counts,
    weight_shares,
)

if TYPE_CHECKING:
    from polars.dataframe.group_by import GroupBy

__all__ = [
    "Consensus",
    "agreement",
    "apply_assessments",
    "apply_overrides",
    "assessment_summary",
    "consensus",
    "consensus_customers",
    "consensus_weights",
    "discussion_queue",
    "participant_list",
    "participant_shares",
    "weight_consensus",
]

_KEYS = tuple(c.key for c in CRITERIA)


# --- weights ---------------------------------------------------------------------------


def participant_shares(weights: dict[str, dict[str, float]]) -> pl.DataFrame:
    """Each participant's weights as shares: participant, criterion, share (0–1 of that
    participant's total), one row per participant and catalog criterion."""
    rows = [
        {"participant": name, "criterion": key, "share": weight_shares(w).get(key, 0.0)}
        for name, w in weights.items()
        for key in _KEYS
    ]
    schema = {"participant": pl.String, "criterion": pl.String, "share": pl.Float64}
    return pl.DataFrame(rows, schema=schema)


def weight_consensus(weights: dict[str, dict[str, float]]) -> pl.DataFrame:
    """Per catalog criterion: mean_share, min_share, max_share (0–1 over the participants'
    shares) and spread (max − min), most disagreement first (then the larger mean, then
    the catalog order). Empty when nobody has saved weights.
    """
    shares = participant_shares(weights)
    schema = {"criterion": pl.String, **_spread_schema(suffix="_share")}
    if shares.is_empty():
        return pl.DataFrame(schema=schema)
    order = pl.DataFrame({"criterion": list(_KEYS), "order": range(len(_KEYS))})
    return (
        _with_spread(shares.group_by("criterion"), "share", suffix="_share")
        .join(order, on="criterion")
        .sort(["spread", "mean_share", "order"], descending=[True, True, False])
        .select(list(schema))
    )


def _spread_schema(*, suffix: str = "") -> dict[str, pl.DataType]:
    """The columns `_with_spread` adds, in its order: `mean`, `min` and `max` (names
    ending in `suffix`) and `spread`, all floats."""
    names = (f"mean{suffix}", f"min{suffix}", f"max{suffix}", "spread")
    return dict.fromkeys(names, pl.Float64())


def _with_spread(
    grouped: GroupBy, value: str, *, suffix: str = "", extra: Sequence[pl.Expr] = ()
) -> pl.DataFrame:
    """Per group: `mean`, `min` and `max` of `value` (names ending in `suffix`), the
    `extra` aggregations, and `spread` (max − min)."""
    low, high = f"min{suffix}", f"max{suffix}"
    return grouped.agg(
        pl.col(value).mean().alias(f"mean{suffix}"),
        pl.col(value).min().alias(low),
        pl.col(value).max().alias(high),
        *extra,
    ).with_columns((pl.col(high) - pl.col(low)).alias("spread"))


def consensus_weights(table: pl.DataFrame) -> dict[str, float]:
    """The consensus weights from `weight_consensus`: {criterion: mean share × 100} (points
    that add up to 100), criteria with a mean share above zero, in catalog order."""
    means = dict(table.select("criterion", "mean_share").iter_rows())
    return {k: means[k] * 100 for k in _KEYS if means.get(k, 0.0) > 0}


def assessment_summary(scores: pl.DataFrame) -> pl.DataFrame:
    """Per customer and team criterion over the participants' 1–5 scores: mean, min, max,
    spread (max − min) and n (participants who scored it), largest spread first (then
    customer, then criterion order). `scores` is `workshop_scores` output."""
    schema = {
        "customer_id": pl.String,
        "criterion": pl.String,
        **_spread_schema(),
        "n": pl.Int64,
    }
    if scores.is_empty():
        return pl.DataFrame(schema=schema)
    order = pl.DataFrame({"criterion": list(TEAM_CRITERIA), "order": range(len(TEAM_CRITERIA))})
    return (
        _with_spread(
            scores.group_by("customer_id", "criterion"),
            "value",
            extra=[pl.len().cast(pl.Int64).alias("n")],
        )
        .join(order, on="criterion")
        .sort(["spread", "customer_id", "order"], descending=[True, False, False])
        .select(list(schema))
    )


def apply_assessments(customers: pl.DataFrame, scores: pl.DataFrame) -> pl.DataFrame:
    """`customers` with each team criterion column replaced by the given 1–5 value where
    `scores` (customer_id, criterion, value; long) has one, kept elsewhere.

    Any `norm_<k>` columns of the team criteria are recomputed (rank normalisation), so
    the result can go straight to `score_customers`; the data criteria's stay as they are.
    """
    frame = customers
    missing = [pl.lit(None, pl.Float64).alias(k) for k in TEAM_CRITERIA if k not in frame.columns]
    if missing:
        frame = frame.with_columns(missing)
    if not scores.is_empty():
        wide = (
            scores.select(
                pl.col("customer_id").cast(pl.String),
                pl.col("criterion").cast(pl.String),
                pl.col("value").cast(pl.Float64),
            )
            .pivot(on="criterion", index="customer_id", values="value", aggregate_function="mean")
            .rename(lambda c: c if c == "customer_id" else f"_new_{c}")
        )
        new = [k for k in TEAM_CRITERIA if f"_new_{k}" in wide.columns]
        frame = (
            frame.join(
                wide.select("customer_id", *[f"_new_{k}" for k in new]),
                on="customer_id",
                how="left",
                maintain_order="left",
            )
            .with_columns(
                pl.coalesce(f"_new_{k}", pl.col(k).cast(pl.Float64)).alias(k) for k in new
            )
            .drop(f"_new_{k}" for k in new)
        )
    if any(f"norm_{k}" in frame.columns for k in _KEYS):
        team = normalise_criteria(frame.select("customer_id", *TEAM_CRITERIA))
        frame = frame.with_columns(team.select(f"norm_{k}" for k in TEAM_CRITERIA))
    return frame


def participant_list(
    customers: pl.DataFrame,
    *,
    weights: dict[str, float],
    scores: pl.DataFrame,
    tier_shares: tuple[float, float] = (0.2, 0.3),
) -> pl.DataFrame:
    """One participant's own ranked list: their weights and, where they gave one, their
    own assessment (`scores`: customer_id, criterion, value). `score_customers` output."""
    frame = apply_assessments(customers, scores.select("customer_id", "criterion", "value"))
    return score_customers(frame, weights=weights, tier_shares=tier_shares)


def apply_overrides(
    scored: pl.DataFrame,
    pins_exclusions: pl.DataFrame | None,
    *,
    tier_shares: tuple[float, float] = (0.2, 0.3),
) -> pl.DataFrame:
    """Apply the facilitator's pins and exclusions to a `score_customers` list.

    Excluded customers leave the ranking (rank and tier null, listed last); pinned
    customers come first (in score order among themselves); the others follow in score
    order. Ranks are then 1..n over the ranked customers and tiers follow the tier rule
    over n, with A stretched to hold every pin. Adds `override` ('pin'/'exclude'/null)
    and `reason`. `pins_exclusions` has customer_id, kind and reason (None = none).
    """
    rules = pins_exclusions
    if rules is None or rules.is_empty():
        rules = pl.DataFrame(
            schema={"customer_id": pl.String, "kind": pl.String, "reason": pl.String}
        )
    rules = rules.select(
        pl.col("customer_id").cast(pl.String),
        pl.col("kind").alias("override"),
        pl.col("reason").cast(pl.String),
    )
    frame = scored.drop("override", "reason", strict=False).join(
        rules, on="customer_id", how="left", maintain_order="left"
    )
    ranked = frame.filter(pl.col("override").fill_null("") != "exclude")
    excluded = frame.filter(pl.col("override") == "exclude")
    ranked = ranked.with_columns((pl.col("override") == "pin").fill_null(False).alias("_pin")).sort(
        ["_pin", "score", "customer_id"], descending=[True, True, False]
    )
    count = ranked.height
    a_count, b_count = tier_counts(count, tier_shares=tier_shares)
    pins = int(ranked["_pin"].sum())
    a_count = max(a_count, pins)
    b_count = max(b_count, a_count)
    rank = pl.int_range(1, count + 1, dtype=pl.Int64)
    ranked = ranked.drop("_pin").with_columns(
        rank.alias("rank"), tier_by_rank(rank, a_count=a_count, b_count=b_count)
    )
    excluded = excluded.with_columns(
        pl.lit(None, pl.Int64).alias("rank"), pl.lit(None, pl.String).alias("tier")
    )
    return pl.concat([ranked, excluded], how="vertical_relaxed")


def agreement(top_lists: dict[str, list[str]], *, order: list[str]) -> pl.DataFrame:
    """How the participants' own top lists agree.

    `top_lists` maps each participant to the customer ids of their top N; `order` is the
    consensus order (customer ids, best first) used to break ties. Returns one row per
    customer in at least one top list: customer_id, in_top (how many lists hold it),
    in_top_of and not_in_top_of (names, in the given participants' order), status
    (`everyone`: every list; `most`: more than half but not all; `some`: the rest) and
    consensus_rank (position in `order`, null when absent); everyone first, then by
    in_top (descending) and consensus rank.
    """
    names = list(top_lists)
    position = {cid: i + 1 for i, cid in enumerate(order)}
    members: dict[str, list[str]] = {}
    for name in names:
        for cid in dict.fromkeys(top_lists[name]):
            members.setdefault(cid, []).append(name)
    total = len(names)
    rows = []
    for cid, holders in members.items():
        count = len(holders)
        status = "everyone" if count == total else "most" if count * 2 > total else "some"
        rows.append(
            {
                "customer_id": cid,
                "in_top": count,
                "in_top_of": holders,
                "not_in_top_of": [n for n in names if n not in holders],
                "status": status,
                "consensus_rank": position.get(cid),
            }
        )
    schema = {
        "customer_id": pl.String,
        "in_top": pl.Int64,
        "in_top_of": pl.List(pl.String),
        "not_in_top_of": pl.List(pl.String),
        "status": pl.String,
        "consensus_rank": pl.Int64,
    }
    return pl.DataFrame(rows, schema=schema).sort(
        ["in_top", "consensus_rank", "customer_id"],
        descending=[True, False, False],
        nulls_last=True,
    )


def discussion_queue(table: pl.DataFrame) -> pl.DataFrame:
    """The contested customers of an `agreement` table, most contested first.

    Contested = in some top lists, not in others. The closer the split is to half and
    half (the larger the smaller side), the earlier it comes; then the better consensus
    rank. Adds `split` (the smaller side's count).
    """
    contested = table.filter(pl.col("status") != "everyone").with_columns(
        pl.min_horizontal(
            pl.col("in_top"), pl.col("not_in_top_of").list.len().cast(pl.Int64)
        ).alias("split")
    )
    return contested.sort(
        ["split", "consensus_rank", "customer_id"], descending=[True, False, False], nulls_last=True
    )


def consensus_customers(customers: pl.DataFrame, scores: pl.DataFrame) -> pl.DataFrame:
    """`customers` with the team criteria set to the mean of the participants' 1–5
    assessments (`scores`: participant, customer_id, criterion, value) where any
    participant gave one: the table the consensus list and its stability are scored on."""
    summary = assessment_summary(scores)
    return apply_assessments(
        customers, summary.select("customer_id", "criterion", pl.col("mean").alias("value"))
    )


@dataclass(frozen=True)
class Consensus:
    """The consensus of a workshop.

    `participants`: names of those with saved weights (joining order). `weights`:
    `weight_consensus`. `shares`: `participant_shares` (the dots). `points`: the
    consensus weights (mean share × 100). `scored`: the consensus list (`score_customers`
    on mean weights and mean assessments, then `apply_overrides`). `top`: its first N
    customer ids. `lists`: each participant's own top N. `agreement`, `queue`:
    `agreement` and `discussion_queue`. `assessments`: `assessment_summary`.
    """

    participants: list[str]
    weights: pl.DataFrame
    shares: pl.DataFrame
    points: dict[str, float]
    scored: pl.DataFrame
    top: list[str]
    lists: dict[str, list[str]]
    agreement: pl.DataFrame
    queue: pl.DataFrame
    assessments: pl.DataFrame

    @property
    def everyone(self) -> list[str]:
        """Customers in every participant's top N (consensus order)."""
        return self.agreement.filter(pl.col("status") == "everyone")["customer_id"].to_list()

    @property
    def most(self) -> list[str]:
        """Customers in more than half of the top lists, not all."""
        return self.agreement.filter(pl.col("status") == "most")["customer_id"].to_list()

    @property
    def contested(self) -> list[dict]:
        """[{customer_id, in_top_of: [names]}] for customers in some top lists, not all,
        most contested first."""
        return [
            {"customer_id": cid, "in_top_of": holders}
            for cid, holders in self.queue.select("customer_id", "in_top_of").iter_rows()
        ]


def consensus(
    customers: pl.DataFrame,
    *,
    weights: dict[str, dict[str, float]],
    scores: pl.DataFrame,
    pins_exclusions: pl.DataFrame | None = None,
    top: int = 20,
    tier_shares: tuple[float, float] = (0.2, 0.3),
) -> Consensus:
    """The consensus of the participants' `weights` ({name: {criterion: weight}}) and
    assessments (`scores`: participant, customer_id, criterion, value) over `customers`
    (the per-customer table of the workshop's period).

    Each participant's own top `top` uses their weights and own assessments; the
    consensus list uses the mean shares and the mean assessments, then the pins and
    exclusions. Raises ValueError when nobody has saved weights.
    """
    if not weights:
        msg = "Nobody has saved weights yet."
        raise ValueError(msg)
    base = customers if "norm_revenue" in customers.columns else normalise_criteria(customers)
    table = weight_consensus(weights)
    points = consensus_weights(table)
    lists = {}
    for name, own in weights.items():
        mine = scores.filter(pl.col("participant") == name)
        scored = participant_list(base, weights=own, scores=mine, tier_shares=tier_shares)
        lists[name] = scored.head(top)["customer_id"].to_list()
    agreed = apply_overrides(
        score_customers(consensus_customers(base, scores), weights=points, tier_shares=tier_shares),
        pins_exclusions,
        tier_shares=tier_shares,
    )
    ranked = agreed.filter(pl.col("rank").is_not_null())
    table_agreement = agreement(lists, order=ranked["customer_id"].to_list())
    return Consensus(
        participants=list(weights),
        weights=table,
        shares=participant_shares(weights),
        points=points,
        scored=agreed,
        top=ranked.head(top)["customer_id"].to_list(),
        lists=lists,
        agreement=table_agreement,
        queue=discussion_queue(table_agreement),
        assessments=assessment_summary(scores),
    )
