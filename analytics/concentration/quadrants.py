"""The quadrants: revenue (size) against profitability, with their cut lines."""

from __future__ import annotations

import math
from typing import Literal, TypedDict, get_args

import polars as pl

from analytics.concentration.curves import TOP_SHARE, _top_count

__all__ = [
    "MEASURES",
    "QUADRANTS",
    "Measure",
    "Quadrant",
    "QuadrantCuts",
    "assign_quadrants",
    "quadrant_cuts",
    "quadrant_summary",
]

Quadrant = Literal["core", "large_unprofitable", "small_profitable", "small_unprofitable"]
QUADRANTS: tuple[Quadrant, ...] = get_args(Quadrant)
Measure = Literal["margin_pct", "margin"]
"""Profitability as the margin's share of revenue, or as the margin itself."""
MEASURES: tuple[Measure, ...] = get_args(Measure)


class QuadrantCuts(TypedDict):
    """The cut lines (`quadrant_cuts`); None when no customer has a known profitability."""

    size: float | None
    profit: float | None


def _profitability(measure: Measure) -> pl.Expr:
    if measure not in MEASURES:
        msg = f"Unknown profitability measure {measure!r}: use 'margin_pct' or 'margin'."
        raise ValueError(msg)
    return pl.col("margin_share" if measure == "margin_pct" else "margin")


def _cut(values: pl.Series, spec: str | float, *, allow_top: bool) -> float | None:
    if values.is_empty():
        return None
    if isinstance(spec, int | float) and not isinstance(spec, bool):
        if math.isnan(spec):
            msg = "A cut line must be a number, 'median' or 'top20'."
            raise ValueError(msg)
        return float(spec)
    if spec == "median":
        return float(values.median())
    if spec == "top20" and allow_top:
        ordered = values.sort(descending=True)
        return float(ordered[_top_count(values.len(), TOP_SHARE) - 1])
    msg = f"Unknown cut line {spec!r}: use 'median', 'top20' (size only) or a number."
    raise ValueError(msg)


def quadrant_cuts(
    customers: pl.DataFrame,
    *,
    measure: Measure = "margin_pct",
    size: Literal["median", "top20"] | float = "median",
    profit: Literal["median"] | float = "median",
) -> QuadrantCuts:
    """The cut lines of the quadrant chart.

    `customers` comes from `with_margin`; only customers whose profitability is known
    count. `size`: `median` (of revenue), `top20` (the revenue of the customer at the top
    20 % border, so that the top 20 % and their ties are large) or an amount (currency).
    `profit`: `median` or a number (a fraction for `margin_pct`, currency for `margin`).
    Returns `size` and `profit` (None when no customer has a known profitability).
    """
    placed = customers.filter(_profitability(measure).is_not_null())
    return QuadrantCuts(
        size=_cut(placed["revenue"].cast(pl.Float64), size, allow_top=True),
        profit=_cut(placed.select(_profitability(measure))[:, 0], profit, allow_top=False),
    )


def assign_quadrants(
    customers: pl.DataFrame, *, measure: Measure = "margin_pct", size_cut: float, profit_cut: float
) -> pl.DataFrame:
    """Label each customer with its quadrant (see the module text).

    Adds `profitability` (margin share as a fraction for `margin_pct`, currency for
    `margin`), `large`, `profitable` and `quadrant` (one of `QUADRANTS`; null where the
    profitability is unknown).
    """
    value = _profitability(measure)
    large = pl.col("revenue") >= size_cut
    profitable = pl.col("profitability") >= profit_cut
    return (
        customers.with_columns(value.alias("profitability"))
        .with_columns(
            pl.when(pl.col("profitability").is_null()).then(None).otherwise(large).alias("large"),
            pl.when(pl.col("profitability").is_null())
            .then(None)
            .otherwise(profitable)
            .alias("profitable"),
        )
        .with_columns(
            pl.when(pl.col("large") & pl.col("profitable"))
            .then(pl.lit(QUADRANTS[0]))
            .when(pl.col("large"))
            .then(pl.lit(QUADRANTS[1]))
            .when(pl.col("profitable"))
            .then(pl.lit(QUADRANTS[2]))
            .when(pl.col("profitable").is_not_null())
            .then(pl.lit(QUADRANTS[3]))
            .otherwise(None)
            .alias("quadrant")
        )
    )


def quadrant_summary(assigned: pl.DataFrame) -> pl.DataFrame:
    """Per quadrant (all four, in `QUADRANTS` order): `customers`, `revenue`, `margin`
    (currency) and their shares of the placed customers' totals (`customer_share`,
    `revenue_share`, `margin_share`; fractions, null when a total is 0 or below)."""
    placed = assigned.filter(pl.col("quadrant").is_not_null())
    grouped = placed.group_by("quadrant").agg(
        pl.len().cast(pl.Int64).alias("customers"),
        pl.col("revenue").sum().cast(pl.Float64),
        pl.col("margin").sum().cast(pl.Float64),
    )
    frame = (
        pl.DataFrame({"quadrant": list(QUADRANTS)})
        .join(grouped, on="quadrant", how="left")
        .with_columns(
            pl.col("customers").fill_null(0),
            pl.col("revenue").fill_null(0.0),
            pl.col("margin").fill_null(0.0),
        )
    )
    totals = {c: float(frame[c].sum()) for c in ("customers", "revenue", "margin")}

    def share(column: str) -> pl.Expr:
        total = totals[column]
        expr = pl.col(column) / total if total > 0 else pl.lit(None, dtype=pl.Float64)
        return expr.alias(f"{column.removesuffix('s')}_share")

    return frame.with_columns(share("customers"), share("revenue"), share("margin"))
