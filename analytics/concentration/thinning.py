"""Lighter charts: a curve thinned to a few hundred points, and the small customers of a
quadrant chart counted in grid cells instead of drawn one by one.
"""

from __future__ import annotations

import math
from collections.abc import Collection

import polars as pl

__all__ = ["thin_curve", "thin_points"]


def thin_curve(
    curve: pl.DataFrame, *, max_points: int = 400, keep: Collection[int] = ()
) -> pl.DataFrame:
    """At most about `max_points` rows of a curve (from `pareto_curve`), for a chart.

    Keeps every k-th position, the first and the last, and the positions in `keep` (the
    peak, the 80 % point, focus customers), so a line through them looks the same.
    """
    if curve.height <= max_points:
        return curve
    step = math.ceil(curve.height / max_points)
    wanted = pl.Series(sorted({1, curve.height, *keep}), dtype=pl.Int64)
    return curve.filter(
        ((pl.col("position") - 1) % step == 0) | pl.col("position").is_in(wanted.implode())
    )


def thin_points(
    points: pl.DataFrame,
    *,
    keep: Collection[str] = (),
    max_points: int = 1500,
    bins: tuple[int, int] = (36, 24),
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Split quadrant points into customers drawn one by one and binned small ones.

    `points` has `customer_id`, `revenue` (> 0, for a log axis), `profitability`. When
    there are more than `max_points`, the customers in `keep` and then the largest by
    revenue stay points (`max_points` of them, unless `keep` alone is longer); the rest,
    the tail, are counted in a grid of `bins` (columns over log10 of revenue, rows over
    profitability between its 1st and 99th percentile; values outside land in the edge
    cells). Returns `(points, cells)`; cells have `x0`, `x1` (revenue, currency), `y0`,
    `y1` (profitability), `customers` and `revenue` (the cell's customers' total).
    """
    empty = pl.DataFrame(
        schema={
            "x0": pl.Float64,
            "x1": pl.Float64,
            "y0": pl.Float64,
            "y1": pl.Float64,
            "customers": pl.Int64,
            "revenue": pl.Float64,
        }
    )
    if points.height <= max_points:
        return points, empty
    kept_ids = pl.Series(list(keep), dtype=pl.String)
    ranked = points.with_columns(
        pl.col("customer_id").is_in(kept_ids.implode()).alias("_pinned")
    ).sort(["_pinned", "revenue", "customer_id"], descending=[True, True, False])
    # The pinned customers first, then the largest: `max_points` rows (more only when
    # `keep` alone has more).
    pinned = int(ranked["_pinned"].sum())
    head = max(max_points, pinned)
    shown = ranked.head(head).drop("_pinned")
    tail = ranked.slice(head).drop("_pinned")
    if tail.is_empty():
        return shown, empty
    return shown, _tail_cells(tail, bins=bins)


def _tail_cells(tail: pl.DataFrame, *, bins: tuple[int, int]) -> pl.DataFrame:
    """The customers of `tail` counted in a grid of `bins` cells (see `thin_points`)."""
    columns, rows = bins
    log_x = pl.col("revenue").log10()
    x_lo, x_hi = tail.select(log_x.min().alias("lo"), log_x.max().alias("hi")).row(0)
    y_lo, y_hi = tail.select(
        pl.col("profitability").quantile(0.01).alias("lo"),
        pl.col("profitability").quantile(0.99).alias("hi"),
    ).row(0)
    x_width = (x_hi - x_lo) / columns or 1.0
    y_height = (y_hi - y_lo) / rows or 1.0
    return (
        tail.with_columns(
            ((log_x - x_lo) / x_width).floor().clip(0, columns - 1).cast(pl.Int64).alias("cx"),
            ((pl.col("profitability").clip(y_lo, y_hi) - y_lo) / y_height)
            .floor()
            .clip(0, rows - 1)
            .cast(pl.Int64)
            .alias("cy"),
        )
        .group_by("cx", "cy")
        .agg(pl.len().cast(pl.Int64).alias("customers"), pl.col("revenue").sum())
        .select(
            (10 ** (x_lo + pl.col("cx") * x_width)).alias("x0"),
            (10 ** (x_lo + (pl.col("cx") + 1) * x_width)).alias("x1"),
            (y_lo + pl.col("cy") * y_height).alias("y0"),
            (y_lo + (pl.col("cy") + 1) * y_height).alias("y1"),
            "customers",
            pl.col("revenue").cast(pl.Float64),
        )
        .sort("x0", "y0")
    )
