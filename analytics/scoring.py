"""Value criteria, weights and the focus list: score, rank and A/B/C tier per customer.

Pure polars over the per-customer table from `analytics.metrics` (plus the team's own
1–5 scores), cheap enough to run on every slider move. Each criterion is normalised to
0–1 (percentile rank by default, robust to the skew of money); a customer whose value is
unknown gets the neutral 0.5 and a "not assessed" mark. Score = weighted mean × 100, and
the per-criterion contributions add up to the score.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import polars as pl

__all__ = [
    "CRITERIA",
    "DEFAULT_WEIGHTS",
    "TEAM_CRITERIA",
    "Criterion",
    "CriterionSource",
    "Method",
    "compare_weight_sets",
    "normalise_criteria",
    "score_customers",
    "tier_by_rank",
    "tier_counts",
    "tier_summary",
    "weight_shares",
    "weights_or_default",
]


Method = Literal["rank", "log"]
"""How raw values become 0–1: by rank among the customers, or scaled on a log scale."""
CriterionSource = Literal["data", "team"]
"""Where a criterion's value comes from: the sales lines, or the team's 1–5 scores."""


@dataclass(frozen=True)
class Criterion:
    """One value criterion.

    `column` is the metric column it reads; `source` is `data` (from the sales lines) or
    `team` (scored 1–5 by the team); `direction` +1 when more is better, −1 when less is
    better (recency, payment delay); `unit` names the unit of the raw value.
    """

    key: str
    column: str
    source: CriterionSource
    direction: int
    unit: str


CRITERIA: tuple[Criterion, ...] = (
    Criterion("revenue", "revenue", "data", 1, "currency"),
    Criterion("gross_margin", "gross_margin", "data", 1, "currency"),
    Criterion("margin_pct", "margin_pct", "data", 1, "percent"),
    Criterion("customer_profit", "customer_profit", "data", 1, "currency"),
    Criterion("growth", "growth", "data", 1, "percent"),
    Criterion("frequency", "frequency", "data", 1, "per_year"),
    Criterion("recency", "recency", "data", -1, "days"),
    Criterion("tenure", "tenure", "data", 1, "years"),
    Criterion("payment_delay", "payment_delay", "data", -1, "days"),
    Criterion("breadth", "breadth", "data", 1, "count"),
    Criterion("strategic_fit", "strategic_fit", "team", 1, "score_1_5"),
    Criterion("potential", "potential", "team", 1, "score_1_5"),
    Criterion("dependency", "dependency", "team", 1, "score_1_5"),
    Criterion("relationship", "relationship", "team", 1, "score_1_5"),
    Criterion("satisfaction", "satisfaction", "team", 1, "score_1_5"),
)
TEAM_CRITERIA = tuple(c.key for c in CRITERIA if c.source == "team")
_BY_KEY = {c.key: c for c in CRITERIA}

# A sensible start for a workshop: profit first, then size, loyalty and the team's view.
DEFAULT_WEIGHTS: dict[str, float] = {
    "revenue": 20,
    "gross_margin": 30,
    "margin_pct": 0,
    "customer_profit": 0,
    "growth": 10,
    "frequency": 10,
    "recency": 0,
    "tenure": 0,
    "payment_delay": 5,
    "breadth": 0,
    "strategic_fit": 10,
    "potential": 10,
    "dependency": 5,
    "relationship": 0,
    "satisfaction": 0,
}

NEUTRAL = 0.5


def _normalised(column: str, direction: int, method: Method) -> pl.Expr:
    """0–1 per customer; null where the raw value is unknown."""
    value = pl.col(column).cast(pl.Float64)
    value = pl.when(value.is_nan()).then(None).otherwise(value)
    known = value.count()
    if method == "rank":
        rank = value.rank(method="average")
        scaled = pl.when(known > 1).then((rank - 1) / (known - 1)).otherwise(NEUTRAL)
    elif method == "log":
        logged = value.sign() * value.abs().log1p()
        low, high = logged.min(), logged.max()
        scaled = pl.when(high > low).then((logged - low) / (high - low)).otherwise(NEUTRAL)
    else:
        msg = f"Unknown normalisation {method!r}: use 'rank' or 'log'."
        raise ValueError(msg)
    scaled = pl.when(value.is_null()).then(None).otherwise(scaled)
    return scaled if direction > 0 else 1 - scaled


def normalise_criteria(customers: pl.DataFrame, *, method: Method = "rank") -> pl.DataFrame:
    """Add `norm_<key>` (0–1, null when unknown) for every criterion in the catalog.

    Normalisation does not depend on the weights, so it is done once per period and the
    result re-scored on every slider move. Missing criterion columns count as unknown.
    """
    missing = [
        pl.lit(None, dtype=pl.Float64).alias(c.column)
        for c in CRITERIA
        if c.column not in customers.columns
    ]
    frame = customers.with_columns(missing) if missing else customers
    return frame.with_columns(
        _normalised(c.column, c.direction, method).alias(f"norm_{c.key}") for c in CRITERIA
    )


# Over 60 lines with its signature and docstring; the body is under 50.
def score_customers(
    customers: pl.DataFrame,
    *,
    weights: dict[str, float],
    method: Method = "rank",
    tier_shares: tuple[float, float] = (0.2, 0.3),
) -> pl.DataFrame:
    """Score, rank and tier every customer.

    `customers` has `customer_id` and the criteria's columns (missing columns count as
    unknown). `weights` maps criterion keys to non-negative numbers (any scale; only
    their proportions matter). `tier_shares` are the shares of customers in A and in B
    (default: A = top 20 %, B = next 30 %, C = the rest).

    When `customers` already has the `norm_<k>` columns (from `normalise_criteria`) they
    are used as they are and `method` is ignored. Returns the input columns plus
    `norm_<k>` for every criterion (0–1, null when unknown), `contrib_<k>` for each
    weighted criterion (points of the score), then `score` (0–100),
    `assessed` (share 0–1 of the weight resting on known values), `rank` (1 = best; ties
    broken by customer id) and `tier` (`A`/`B`/`C`), sorted by rank.
    """
    unknown = sorted(set(weights) - set(_BY_KEY))
    if unknown:
        msg = f"Unknown criteria {unknown}; the catalog has {sorted(_BY_KEY)}."
        raise ValueError(msg)
    a_share, b_share = tier_shares
    if not (min(a_share, b_share) >= 0 and a_share + b_share <= 1):
        msg = (
            f"Tier shares must be fractions of the customers, each 0 or more and together "
            f"at most 1 (e.g. 0.2,0.3); got {a_share:g},{b_share:g}."
        )
        raise ValueError(msg)
    if any(w < 0 or not math.isfinite(w) for w in weights.values()):
        msg = "Weights must be non-negative finite numbers."
        raise ValueError(msg)
    # Only the proportions matter: dividing by the largest keeps huge weights from
    # overflowing the total.
    largest = max(weights.values(), default=0.0)
    active = {k: float(w) / largest for k, w in weights.items() if w > 0}
    total = sum(active.values())
    if total <= 0:
        msg = "All weights are zero: give at least one criterion a weight above zero."
        raise ValueError(msg)
    frame = customers
    if not all(f"norm_{k}" in frame.columns for k in active):
        frame = normalise_criteria(frame, method=method)
    frame = frame.with_columns(
        (pl.col(f"norm_{k}").fill_null(NEUTRAL) * (w / total) * 100).alias(f"contrib_{k}")
        for k, w in active.items()
    )
    frame = frame.with_columns(
        pl.sum_horizontal(f"contrib_{k}" for k in active).alias("score"),
        pl.sum_horizontal(
            pl.col(f"norm_{k}").is_not_null().cast(pl.Float64) * (w / total)
            for k, w in active.items()
        ).alias("assessed"),
    )
    frame = frame.sort(["score", "customer_id"], descending=[True, False])
    count = frame.height
    a_count, b_count = tier_counts(count, tier_shares=tier_shares)
    rank = pl.int_range(1, count + 1, dtype=pl.Int64)
    return frame.with_columns(
        rank.alias("rank"), tier_by_rank(rank, a_count=a_count, b_count=b_count)
    )


def tier_by_rank(rank: pl.Expr, *, a_count: int, b_count: int) -> pl.Expr:
    """The `tier` column: A up to rank `a_count`, B up to `b_count` (both counted from
    the top, see `tier_counts`), C after.
    """
    return (
        pl.when(rank <= a_count)
        .then(pl.lit("A"))
        .when(rank <= b_count)
        .then(pl.lit("B"))
        .otherwise(pl.lit("C"))
        .alias("tier")
    )


def tier_counts(count: int, *, tier_shares: tuple[float, float] = (0.2, 0.3)) -> tuple[int, int]:
    """The tier rule: of `count` ranked customers, ranks 1..a are A and a+1..b are B.

    Returns (a, b): a = ⌈count × A share⌉, b = ⌈count × (A share + B share)⌉.
    """
    a_share, b_share = tier_shares
    return math.ceil(count * a_share - 1e-9), math.ceil(count * (a_share + b_share) - 1e-9)


def compare_weight_sets(
    first: pl.DataFrame, second: pl.DataFrame, *, top: int = 20
) -> dict[str, list[str]]:
    """Who enters or leaves the top `top` and the A tier between two scored lists.

    Both frames come from `score_customers`. Returns customer ids in four lists:
    `top_entered`, `top_left`, `a_entered`, `a_left` (entered = in `second` only).
    """

    def ids(frame: pl.DataFrame, condition: pl.Expr) -> set[str]:
        return set(frame.filter(condition)["customer_id"].to_list())

    top_a, top_b = ids(first, pl.col("rank") <= top), ids(second, pl.col("rank") <= top)
    a_a, a_b = ids(first, pl.col("tier") == "A"), ids(second, pl.col("tier") == "A")
    return {
        "top_entered": sorted(top_b - top_a),
        "top_left": sorted(top_a - top_b),
        "a_entered": sorted(a_b - a_a),
        "a_left": sorted(a_a - a_b),
    }


def weights_or_default(stored: dict[str, float] | None) -> dict[str, float]:
    """The weights a data set uses: its stored ones, else (none stored, or all zero) the
    standard `DEFAULT_WEIGHTS`."""
    if stored and sum(stored.values()) > 0:
        return dict(stored)
    return dict(DEFAULT_WEIGHTS)


def weight_shares(weights: dict[str, float]) -> dict[str, float]:
    """Each weight as its share (0–1) of the total; all zero when the total is zero."""
    total = sum(max(w, 0.0) for w in weights.values())
    return {k: (max(w, 0.0) / total if total > 0 else 0.0) for k, w in weights.items()}


def tier_summary(scored: pl.DataFrame) -> pl.DataFrame:
    """Per tier A/B/C: customers, revenue, gross margin and their shares (0–1) of the total.

    `scored` comes from `score_customers`. The margin share is null when any customer's
    margin is unknown (it would not add up).
    """
    # Sums of the exact amounts; the shares are floats.
    total_revenue = float(scored["revenue"].sum() or 0)
    margin_known = scored["gross_margin"].null_count() == 0
    total_margin = float(scored["gross_margin"].sum() or 0) if margin_known else None
    summary = (
        scored.group_by("tier")
        .agg(
            pl.len().alias("customers"),
            pl.col("revenue").sum().alias("revenue"),
            pl.col("gross_margin").sum().alias("gross_margin"),
        )
        .sort("tier")
    )
    return summary.with_columns(
        (pl.col("customers") / scored.height).alias("customer_share"),
        (pl.col("revenue").cast(pl.Float64) / total_revenue if total_revenue else pl.lit(None))
        .cast(pl.Float64)
        .alias("revenue_share"),
        (pl.col("gross_margin").cast(pl.Float64) / total_margin if total_margin else pl.lit(None))
        .cast(pl.Float64)
        .alias("margin_share"),
        pl.when(pl.lit(margin_known)).then(pl.col("gross_margin")).alias("gross_margin"),
    )
