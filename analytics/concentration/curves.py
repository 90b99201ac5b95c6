"""The Pareto curve, the whale curve and the headline numbers drawn from them."""

from __future__ import annotations

import math
from typing import TypedDict

import polars as pl

from analytics.concentration.margins import MarginSource, margin_source
from analytics.money import MONEY_TOTAL

__all__ = [
    "PARETO_SHARE",
    "TOP_SHARE",
    "ConcentrationSummary",
    "TopShares",
    "WhalePeak",
    "concentration_summary",
    "customers_for_share",
    "pareto_curve",
    "top_revenue_shares",
    "whale_curve",
    "whale_peak",
]

PARETO_SHARE = 0.8
TOP_SHARE = 0.2
_EPS = 1e-9


class WhalePeak(TypedDict):
    """The top of a whale curve (`whale_peak`)."""

    amount: float
    customers: int
    share: float | None
    customer_share: float | None


class TopShares(TypedDict):
    """What the largest customers stand for (`top_revenue_shares`)."""

    customers: int
    revenue_share: float | None
    margin_share: float | None


class ConcentrationSummary(TypedDict):
    """The headline numbers (`concentration_summary`): counts are customers, amounts
    currency, shares fractions."""

    customers: int
    revenue: float
    gross_margin: float | None
    margin_source: MarginSource
    customers_without_margin: int
    customers_for_80pct_revenue: int | None
    share_of_customers_for_80pct_revenue: float | None
    customers_for_80pct_margin: int | None
    top20pct_share_of_margin: float | None
    whale_peak: float | None
    whale_peak_margin: float | None
    whale_peak_customers: int | None
    unprofitable_customers: int | None
    unprofitable_share: float | None
    unprofitable_margin: float | None
    top: int
    top_revenue_share: float | None
    top_margin_share: float | None


def pareto_curve(customers: pl.DataFrame, *, value: str = "revenue") -> pl.DataFrame:
    """Customers sorted by `value` (an amount column: revenue, margin), largest first (ties
    by customer id), with running sums.

    Customers whose `value` is null are left out. Columns: `position` (1…n),
    `customer_id`, `value` (currency), `cumulative` (currency; the exact running sum of
    the decimal amounts, as a float for charts), `cumulative_share`
    (fraction of the total; null when the total is 0 or below) and `customer_share`
    (position ÷ n, fraction).
    """
    if value not in customers.columns:
        msg = f"No column {value!r} to sort customers by."
        raise ValueError(msg)
    amount = pl.col(value)
    if customers.schema[value].is_float():
        amount = pl.when(amount.is_nan()).then(None).otherwise(amount)
    # Sorted and summed as exact decimals: equal amounts tie (and go by customer id),
    # and the running sum has no rounding noise.
    rows = (
        customers.select("customer_id", amount.cast(MONEY_TOTAL, strict=False).alias("value"))
        .filter(pl.col("value").is_not_null())
        .sort(["value", "customer_id"], descending=[True, False])
    )
    total = float(rows["value"].sum()) if rows.height else 0.0
    count = rows.height
    return rows.with_columns(
        pl.int_range(1, count + 1, dtype=pl.Int64).alias("position"),
        pl.col("value").cum_sum().alias("cumulative"),
    ).select(
        "position",
        "customer_id",
        pl.col("value").cast(pl.Float64),
        pl.col("cumulative").cast(pl.Float64),
        (pl.col("cumulative") / total if total > 0 else pl.lit(None, dtype=pl.Float64)).alias(
            "cumulative_share"
        ),
        (pl.col("position") / max(count, 1)).alias("customer_share"),
    )


def whale_curve(customers: pl.DataFrame) -> pl.DataFrame:
    """The Pareto curve of `margin` (from `with_margin`): most profitable first."""
    return pareto_curve(customers, value="margin")


def customers_for_share(curve: pl.DataFrame, *, share: float = PARETO_SHARE) -> int | None:
    """The smallest number of customers whose cumulative value reaches `share` of the total.

    `curve` comes from `pareto_curve`. None when the curve is empty or its total is 0 or
    below (then no share of it can be "made" by anyone).
    """
    if curve.is_empty() or curve["cumulative_share"].null_count() == curve.height:
        return None
    reached = curve.filter(pl.col("cumulative_share") >= share - _EPS)
    return int(reached["position"][0])


def whale_peak(curve: pl.DataFrame) -> WhalePeak:
    """The top of a whale curve (from `whale_curve`).

    `amount`: the highest cumulative margin, counting the empty start (so 0 when every
    customer loses money); `customers`: how many customers it takes (the first position
    reaching it, 0 for the empty start); `share`: amount ÷ total margin (fraction, above 1
    when loss-makers erode it; None when the total is 0 or below); `customer_share`:
    customers ÷ all customers on the curve.
    """
    if curve.is_empty():
        return WhalePeak(amount=0.0, customers=0, share=None, customer_share=None)
    total = float(curve["value"].sum())
    top = float(curve["cumulative"].max())
    if top <= 0:
        amount, position = 0.0, 0
    else:
        amount = top
        position = int(
            curve.filter(pl.col("cumulative") >= top - _EPS * max(1.0, abs(top)))["position"][0]
        )
    return WhalePeak(
        amount=amount,
        customers=position,
        share=amount / total if total > 0 else None,
        customer_share=position / curve.height,
    )


def _top_count(count: int, share: float) -> int:
    """Customers in the top `share` of `count` (at least one when there are any)."""
    return min(count, max(1, math.ceil(count * share - _EPS))) if count else 0


def top_revenue_shares(customers: pl.DataFrame, *, top: int) -> TopShares:
    """What the `top` largest customers by revenue stand for.

    `customers` comes from `with_margin`. Returns `customers` (how many there are, at
    most `top`), `revenue_share` (their share of total revenue, fraction; None when the
    total is 0 or below) and `margin_share` (their margin ÷ the total margin, both over
    customers with a known margin; None when that total is 0 or below).
    """
    if top < 1:
        msg = f"The number of largest customers must be at least 1, got {top}."
        raise ValueError(msg)
    ranked = customers.sort(["revenue", "customer_id"], descending=[True, False])
    head = ranked.head(top)
    revenue = float(customers["revenue"].sum() or 0)
    margin = float(customers["margin"].sum() or 0)
    known = customers["margin"].null_count() < customers.height
    return TopShares(
        customers=head.height,
        revenue_share=float(head["revenue"].sum()) / revenue if revenue > 0 else None,
        margin_share=(float(head["margin"].sum()) / margin if known and margin > 0 else None),
    )


def concentration_summary(customers: pl.DataFrame, *, top: int = 20) -> ConcentrationSummary:
    """The headline numbers of the page and of `python -m analytics concentration`.

    `customers` comes from `with_margin`. Counts are customers, amounts currency, shares
    fractions. Keys: `customers`, `revenue`, `gross_margin` (total over customers with a
    known or assumed margin; None when there is none), `margin_source`,
    `customers_without_margin`, `customers_for_80pct_revenue` (None when revenue ≤ 0) and
    `share_of_customers_for_80pct_revenue`, `customers_for_80pct_margin`,
    `top20pct_share_of_margin` (what the most profitable 20 % of customers earn ÷ the
    total margin), `whale_peak` (fraction of the total margin), `whale_peak_margin`
    (currency), `whale_peak_customers`, `unprofitable_customers` (margin below 0),
    `unprofitable_share` (of customers with a known margin), `unprofitable_margin` (their
    margin summed, negative currency), and `top`, `top_revenue_share`, `top_margin_share`
    for the `top` largest customers by revenue.
    """
    revenue_curve = pareto_curve(customers, value="revenue")
    whale = whale_curve(customers)
    peak = whale_peak(whale)
    count = customers.height
    known = whale.height
    exact_margin = customers["margin"].drop_nulls().sum() if known else None
    total_margin = float(exact_margin) if known else None
    n80 = customers_for_share(revenue_curve)
    losses = whale.filter(pl.col("value") < 0)
    top20 = _top_count(known, TOP_SHARE)
    top20_share = (
        float(whale["cumulative"][top20 - 1]) / total_margin
        if known and total_margin is not None and total_margin > 0
        else None
    )
    largest = (
        top_revenue_shares(customers, top=top)
        if count
        else TopShares(customers=0, revenue_share=None, margin_share=None)
    )
    return {
        "customers": count,
        "revenue": float(customers["revenue"].sum() or 0) if count else 0.0,
        "gross_margin": total_margin,
        "margin_source": margin_source(customers),
        "customers_without_margin": count - known,
        "customers_for_80pct_revenue": n80,
        "share_of_customers_for_80pct_revenue": None if n80 is None else n80 / count,
        "customers_for_80pct_margin": customers_for_share(whale),
        "top20pct_share_of_margin": top20_share,
        "whale_peak": peak["share"],
        "whale_peak_margin": peak["amount"] if known else None,
        "whale_peak_customers": peak["customers"] if known else None,
        "unprofitable_customers": losses.height if known else None,
        "unprofitable_share": losses.height / known if known else None,
        "unprofitable_margin": (
            float(customers.filter(pl.col("margin") < 0)["margin"].sum()) if known else None
        ),
        "top": largest["customers"],
        "top_revenue_share": largest["revenue_share"],
        "top_margin_share": largest["margin_share"],
    }
