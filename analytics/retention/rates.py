"""Observed retention: of the customers who bought in one period, the share who buy
again in the next (customer retention) and their revenue then (revenue retention), per
group (all, tiers, the focus tier against the rest).
"""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from analytics.retention.periods import _check_history
from analytics.scoring import score_customers

__all__ = [
    "ALL",
    "MIN_BASE",
    "MIN_BASE_DAYS",
    "REST",
    "latest_rates",
    "period_tiers",
    "retention_rates",
    "tier_groups",
]

# Below this many customers in the base a rate is reported as uncertain.
MIN_BASE = 20
# A rate whose base period holds fewer days of data than this (an export starting a few
# days before a year ends) says little: it is marked and left out of the scenario and the
# lifetime values.
MIN_BASE_DAYS = 90
# The groups every rate table has: all customers, and those outside the focus tier.
ALL = "all"
REST = "rest"


def retention_rates(
    activity: pl.DataFrame,
    *,
    groups: pl.DataFrame | None = None,
    min_base: int = MIN_BASE,
) -> pl.DataFrame:
    """Customer and revenue retention into each period after the first, per group.

    `activity` comes from `customer_activity`. `groups` (optional) assigns customers to
    groups: columns `customer_id`, `group` and optionally `period`, the base period the
    membership applies to (e.g. the tier a customer had in that period); without
    `period` the membership holds in every period. A customer may sit in several groups.
    The group `all` (every customer) is always there.

    Returns per group and period p (the later period of the pair): `group`, `period`,
    `period_start`, `period_end`, `partial` (either period partial), `base` (customers
    active in p − 1), `kept` (of those, active in p), `rate` (kept ÷ base, 0–1),
    `base_revenue` (their revenue in p − 1), `kept_revenue` (their net revenue in p; both
    exact sums), `revenue_rate` (kept_revenue ÷ base_revenue), `uncertain` (base below
    `min_base`), `base_days` (days of data in p − 1) and `short_base` (fewer than
    `MIN_BASE_DAYS`: such a rate is also partial, and `latest_rates` leaves it out). A
    period whose earlier period had no active customer (a year without sales) has no
    rate. Raises `NotEnoughHistoryError` when the data covers fewer than two periods.
    """
    periods = _check_history(activity)
    pairs = _base_pairs(activity, last_period=periods["period"].max())
    members = [pairs.with_columns(pl.lit(ALL).alias("group"))]
    if groups is not None:
        keys = ["period", "customer_id"] if "period" in groups.columns else ["customer_id"]
        membership = groups.select(*keys, pl.col("group").cast(pl.String)).unique()
        members.append(pairs.join(membership, on=keys, how="inner"))
    stacked = pl.concat(members, how="vertical_relaxed")
    rates = stacked.group_by("group", "period").agg(
        pl.len().alias("base"),
        pl.col("kept").sum().alias("kept"),
        pl.col("base_revenue").sum().alias("base_revenue"),
        pl.col("next_revenue").sum().alias("kept_revenue"),
    )
    return _dated_rates(rates, periods, min_base=min_base)


def _base_pairs(activity: pl.DataFrame, *, last_period: int) -> pl.DataFrame:
    """Each customer active in a period before the last (`period`, `customer_id`,
    `base_revenue`), with its revenue in the next period (`next_revenue`, 0 without) and
    whether it was active then (`kept`).
    """
    active = activity.with_columns((pl.col("revenue") > 0).alias("active"))
    base = active.filter(pl.col("active") & (pl.col("period") < last_period)).select(
        "period", "customer_id", pl.col("revenue").alias("base_revenue")
    )
    following = active.select(
        (pl.col("period") - 1).alias("period"),
        "customer_id",
        pl.col("revenue").alias("next_revenue"),
        pl.col("active").alias("kept"),
    )
    return base.join(following, on=["period", "customer_id"], how="left").with_columns(
        pl.col("kept").fill_null(False), pl.col("next_revenue").fill_null(0)
    )


def _dated_rates(rates: pl.DataFrame, periods: pl.DataFrame, *, min_base: int) -> pl.DataFrame:
    """`rates` (per group and base period: counts and sums) numbered by the later period,
    with its dates, the rates and the marks (`partial`, `uncertain`, `short_base`), in
    the columns and order `retention_rates` returns.
    """
    later = periods.select(
        (pl.col("period") - 1).alias("period"),
        pl.col("period").alias("to_period"),
        "period_start",
        "period_end",
        "partial",
    )
    earlier = periods.select(
        "period", pl.col("partial").alias("from_partial"), pl.col("covered_days").alias("base_days")
    )
    order = {ALL: "0", REST: "~"}
    return (
        rates.join(later, on="period", how="left")
        .join(earlier, on="period", how="left")
        .with_columns(
            (pl.col("period") + 1).alias("period"),
            (pl.col("partial").fill_null(False) | pl.col("from_partial")).alias("partial"),
            (pl.col("kept") / pl.col("base")).alias("rate"),
            pl.when(pl.col("base_revenue") > 0)
            .then(pl.col("kept_revenue").cast(pl.Float64) / pl.col("base_revenue").cast(pl.Float64))
            .alias("revenue_rate"),
            (pl.col("base_days") < MIN_BASE_DAYS).alias("short_base"),
            (pl.col("base") < min_base).alias("uncertain"),
            pl.col("base").cast(pl.Int64),
            pl.col("kept").cast(pl.Int64),
            pl.col("group").replace(order).alias("_order"),
        )
        .sort("_order", "period")
        .select(
            "group",
            "period",
            "period_start",
            "period_end",
            "partial",
            "base",
            "kept",
            "rate",
            "base_revenue",
            "kept_revenue",
            "revenue_rate",
            "uncertain",
            "base_days",
            "short_base",
        )
    )


def latest_rates(rates: pl.DataFrame) -> pl.DataFrame:
    """Per group the newest rates that do not involve a partial period (else the newest).

    `rates` comes from `retention_rates`; returns one row per group with its columns.
    Rates on a base period with too few days of data (`short_base`) are left out: a group
    with only such rates has no row (empty when no rate is usable).
    """
    if "short_base" in rates.columns:
        rates = rates.filter(~pl.col("short_base"))
    ranked = rates.with_columns(
        pl.col("partial").not_().cast(pl.Int8).alias("_full"),
    ).sort("_full", "period", descending=[True, True])
    return (
        ranked.group_by("group", maintain_order=True)
        .first()
        .drop("_full")
        .join(rates.select("group").unique(maintain_order=True).with_row_index("_i"), on="group")
        .sort("_i")
        .drop("_i")
    )


def period_tiers(
    tables: Mapping[int, pl.DataFrame], *, weights: Mapping[str, float]
) -> pl.DataFrame:
    """The tier each customer had in each period: `period`, `customer_id`, `tier`.

    `tables` maps a period number to that period's per-customer table (from
    `analytics.metrics.customer_metrics`, normalised or not); each is scored with the
    same `weights`, so a customer's tier is judged on what it did in that period and not
    on whether it is still a customer today.
    """
    frames = [
        score_customers(table, weights=dict(weights))
        .select("customer_id", "tier")
        .with_columns(pl.lit(period, dtype=pl.Int64).alias("period"))
        for period, table in tables.items()
        if not table.is_empty()
    ]
    if not frames:
        return pl.DataFrame(
            schema={"period": pl.Int64, "customer_id": pl.String, "tier": pl.String}
        )
    return pl.concat(frames).select("period", "customer_id", "tier")


def tier_groups(tiers: pl.DataFrame, *, focus: str = "A") -> pl.DataFrame:
    """Group membership for `retention_rates` from tiers: each tier, plus `rest` for
    every customer outside the `focus` tier. Keeps a `period` column when there is one.
    """
    keys = [c for c in ("period", "customer_id") if c in tiers.columns]
    by_tier = tiers.select(*keys, pl.col("tier").alias("group"))
    rest = tiers.filter(pl.col("tier") != focus).select(*keys, pl.lit(REST).alias("group"))
    return pl.concat([by_tier, rest])
