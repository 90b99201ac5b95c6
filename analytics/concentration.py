"""Profitability versus size: the Pareto curve, the whale curve and the quadrants.

Pure polars over the per-customer table from `analytics.metrics` (`customer_id`,
`revenue`, `gross_margin`; the margin is null where the export has no cost), cheap enough
to run on every widget move. The one exception is `group_revenue`, the SQL that a margin
assumed per product group needs.

Units: money in the data set's currency, summed exactly (decimals; the curves hand
floats of the exact running sums to charts); shares are fractions (0.8, not 80) and may pass
1 where losses exist (the whale curve peaks above 100 % of the total margin when some
customers lose money).

Definitions:

- Pareto curve: customers sorted by a value (revenue, or margin), largest first (ties by
  customer id), with the cumulative value and its share of the total. "N customers make
  80 % of revenue": the smallest N whose cumulative revenue reaches 80 % of the total.
- Whale curve: the Pareto curve of the gross margin. Its *peak* is the highest cumulative
  margin (counting the empty start, 0), as a share of the total margin: what the
  profitable customers earn before the loss-makers erode it.
- Quadrants: revenue (size) against profitability (margin share of revenue, or the
  margin itself). A customer on or above the size cut is large; on or above the
  profitability cut, profitable. Core = large and profitable; the others are
  `large_unprofitable`, `small_profitable` and `small_unprofitable`.
- Margin source: `data` when the margins come from the export's cost, `assumed` when a
  margin stated by the team (a share of revenue, overall or per product group) stands in
  for at least one customer's unknown margin, `none` when no margin is known at all.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping

import polars as pl

from analytics.metrics import Period
from analytics.money import MONEY_TOTAL
from analytics.store import Store

__all__ = [
    "MARGIN_ASSUMED",
    "MARGIN_DATA",
    "MARGIN_NONE",
    "PARETO_SHARE",
    "QUADRANTS",
    "TOP_SHARE",
    "assign_quadrants",
    "assumption_groups",
    "concentration_summary",
    "customers_for_share",
    "group_revenue",
    "margin_source",
    "pareto_curve",
    "quadrant_cuts",
    "quadrant_summary",
    "thin_curve",
    "thin_points",
    "top_revenue_shares",
    "whale_curve",
    "whale_peak",
    "with_margin",
]

MARGIN_DATA = "data"
MARGIN_ASSUMED = "assumed"
MARGIN_NONE = "none"
PARETO_SHARE = 0.8
TOP_SHARE = 0.2
QUADRANTS = ("core", "large_unprofitable", "small_profitable", "small_unprofitable")
MEASURES = ("margin_pct", "margin")
_EPS = 1e-9


# --- margins -------------------------------------------------------------------------


_GROUP_REVENUE_SQL = """
select customer_id, product_group, sum(revenue) as revenue
from sales_lines
where dataset_id = $dataset and invoice_date between $start and $end
group by customer_id, product_group
order by customer_id, product_group
"""


def group_revenue(store: Store, *, dataset_id: int, period: Period) -> pl.DataFrame:
    """Revenue (currency) per customer and product group in `period`.

    Columns `customer_id`, `product_group` (null for lines without a group), `revenue`.
    A margin assumed per product group is revenue × the group's share, summed per customer.
    """
    params = {"dataset": dataset_id, "start": period.start, "end": period.end}
    return store.query(_GROUP_REVENUE_SQL, params)


def assumption_groups(customers: pl.DataFrame, groups: pl.DataFrame) -> pl.DataFrame:
    """The product groups that a margin assumption applies to, largest revenue first.

    `customers` is the per-customer table, `groups` comes from `group_revenue`. Only the
    revenue of customers whose margin is unknown counts. Columns `product_group` (null
    for lines without a group) and `revenue`.
    """
    unknown = customers.filter(pl.col("gross_margin").is_null()).select("customer_id")
    return (
        groups.join(unknown, on="customer_id", how="semi")
        .group_by("product_group")
        .agg(pl.col("revenue").sum())
        .sort(["revenue", "product_group"], descending=[True, False], nulls_last=True)
    )


def _check_share(value: float, what: str) -> None:
    if value is None or math.isnan(value) or not 0 <= value <= 1:
        msg = f"{what} must be a share of revenue from 0 to 1, got {value}."
        raise ValueError(msg)


def with_margin(
    customers: pl.DataFrame,
    *,
    assumed_margin: float | None = None,
    group_margins: Mapping[str, float] | None = None,
    groups: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Add `margin`, `margin_assumed` and `margin_share` to the per-customer table.

    `margin` (currency) is the customer's `gross_margin` where the export knows it. Where
    it does not, a stated assumption stands in: with `group_margins` (product group →
    share of revenue 0–1, and `groups` from `group_revenue`) the customer's revenue in
    each group × that group's share, groups without a stated share (and lines without a
    group) taking `assumed_margin`; else revenue × `assumed_margin`. A customer some of
    whose revenue has no stated share at all keeps a null margin. `margin_assumed` is
    true where an assumption was used; `margin_share` = margin ÷ revenue (fraction rounded
    to 12 decimals; null when revenue ≤ 0 or the margin is unknown).
    """
    if assumed_margin is not None:
        _check_share(assumed_margin, "The assumed margin")
    for group, share in (group_margins or {}).items():
        _check_share(share, f"The assumed margin of {group!r}")
    if group_margins and groups is None:
        msg = "A margin per product group needs the revenue per group (group_revenue)."
        raise ValueError(msg)
    # Exact amounts: a known margin as it is, an assumed one rounded to four decimals.
    known = pl.col("gross_margin").cast(MONEY_TOTAL, strict=False)
    revenue = pl.col("revenue").cast(pl.Float64)
    if group_margins:
        overall = pl.lit(assumed_margin, dtype=pl.Float64)
        stated = pl.DataFrame(
            {"product_group": list(group_margins), "share": list(group_margins.values())},
            schema={"product_group": pl.String, "share": pl.Float64},
        )
        per_customer = (
            groups.join(stated, on="product_group", how="left")
            .with_columns(pl.coalesce("share", overall).alias("share"))
            .group_by("customer_id")
            .agg(
                pl.when(pl.col("share").is_null().any())
                .then(None)
                .otherwise(
                    (pl.col("revenue").cast(pl.Float64) * pl.col("share"))
                    .cast(MONEY_TOTAL, strict=False)
                    .sum()
                )
                .alias("_assumed")
            )
        )
        frame = customers.join(per_customer, on="customer_id", how="left")
        # A customer missing from `groups` (another period) falls back to the overall share.
        assumed = pl.coalesce(
            pl.col("_assumed").cast(MONEY_TOTAL),
            (revenue * overall).cast(MONEY_TOTAL, strict=False),
        )
    else:
        frame = customers.with_columns(pl.lit(None, dtype=MONEY_TOTAL).alias("_assumed"))
        assumed = (revenue * pl.lit(assumed_margin, dtype=pl.Float64)).cast(
            MONEY_TOTAL, strict=False
        )
    frame = frame.with_columns(
        pl.when(known.is_not_null()).then(known).otherwise(assumed).alias("margin"),
        (known.is_null() & assumed.is_not_null()).alias("margin_assumed"),
    ).drop("_assumed")
    # Rounded to 12 decimals, so that equal shares (every customer at an assumed 25 %)
    # compare equal instead of splitting on the last bit of a division.
    return frame.with_columns(
        pl.when(pl.col("revenue") > 0)
        .then((pl.col("margin").cast(pl.Float64) / revenue).round(12))
        .otherwise(None)
        .alias("margin_share")
    )


def margin_source(customers: pl.DataFrame) -> str:
    """`assumed`, `data` or `none` for a table from `with_margin` (see the module text)."""
    if customers.is_empty() or customers["margin"].null_count() == customers.height:
        return MARGIN_NONE
    if customers["margin_assumed"].any():
        return MARGIN_ASSUMED
    return MARGIN_DATA


# --- curves ----------------------------------------------------------------------------


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


def whale_peak(curve: pl.DataFrame) -> dict[str, float | int | None]:
    """The top of a whale curve (from `whale_curve`).

    `amount`: the highest cumulative margin, counting the empty start (so 0 when every
    customer loses money); `customers`: how many customers it takes (the first position
    reaching it, 0 for the empty start); `share`: amount ÷ total margin (fraction, above 1
    when loss-makers erode it; None when the total is 0 or below); `customer_share`:
    customers ÷ all customers on the curve.
    """
    if curve.is_empty():
        return {"amount": 0.0, "customers": 0, "share": None, "customer_share": None}
    total = float(curve["value"].sum())
    top = float(curve["cumulative"].max())
    if top <= 0:
        amount, position = 0.0, 0
    else:
        amount = top
        position = int(
            curve.filter(pl.col("cumulative") >= top - _EPS * max(1.0, abs(top)))["position"][0]
        )
    return {
        "amount": amount,
        "customers": position,
        "share": amount / total if total > 0 else None,
        "customer_share": position / curve.height,
    }


def _top_count(count: int, share: float) -> int:
    """Customers in the top `share` of `count` (at least one when there are any)."""
    return min(count, max(1, math.ceil(count * share - _EPS))) if count else 0


def top_revenue_shares(customers: pl.DataFrame, *, top: int) -> dict[str, float | int | None]:
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
    return {
        "customers": head.height,
        "revenue_share": float(head["revenue"].sum()) / revenue if revenue > 0 else None,
        "margin_share": (float(head["margin"].sum()) / margin if known and margin > 0 else None),
    }


def concentration_summary(
    customers: pl.DataFrame, *, top: int = 20
) -> dict[str, float | int | str | None]:
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
    largest = top_revenue_shares(customers, top=top) if count else {}
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
        "top": largest.get("customers", 0),
        "top_revenue_share": largest.get("revenue_share"),
        "top_margin_share": largest.get("margin_share"),
    }


# --- quadrants -------------------------------------------------------------------------


def _profitability(measure: str) -> pl.Expr:
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
    measure: str = "margin_pct",
    size: str | float = "median",
    profit: str | float = "median",
) -> dict[str, float | None]:
    """The cut lines of the quadrant chart.

    `customers` comes from `with_margin`; only customers whose profitability is known
    count. `size`: `median` (of revenue), `top20` (the revenue of the customer at the top
    20 % border, so that the top 20 % and their ties are large) or an amount (currency).
    `profit`: `median` or a number (a fraction for `margin_pct`, currency for `margin`).
    Returns `size` and `profit` (None when no customer has a known profitability).
    """
    placed = customers.filter(_profitability(measure).is_not_null())
    return {
        "size": _cut(placed["revenue"].cast(pl.Float64), size, allow_top=True),
        "profit": _cut(placed.select(_profitability(measure))[:, 0], profit, allow_top=False),
    }


def assign_quadrants(
    customers: pl.DataFrame, *, measure: str = "margin_pct", size_cut: float, profit_cut: float
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


# --- lighter charts --------------------------------------------------------------------


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
    columns, rows = bins
    log_x = pl.col("revenue").log10()
    x_lo, x_hi = tail.select(log_x.min().alias("lo"), log_x.max().alias("hi")).row(0)
    y_lo, y_hi = tail.select(
        pl.col("profitability").quantile(0.01).alias("lo"),
        pl.col("profitability").quantile(0.99).alias("hi"),
    ).row(0)
    x_width = (x_hi - x_lo) / columns or 1.0
    y_height = (y_hi - y_lo) / rows or 1.0
    cells = (
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
    return shown, cells
