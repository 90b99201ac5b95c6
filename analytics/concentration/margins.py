"""Margins for the concentration views: the export's own, or an assumption stated by the
team (a share of revenue, overall or per product group) where the cost is unknown.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Literal

import polars as pl

from analytics.metrics import Period
from analytics.money import MONEY_TOTAL
from analytics.store import Store

__all__ = [
    "MARGIN_ASSUMED",
    "MARGIN_DATA",
    "MARGIN_NONE",
    "MarginSource",
    "assumption_groups",
    "group_revenue",
    "margin_source",
    "with_margin",
]

MarginSource = Literal["data", "assumed", "none"]
"""Where the margins come from: the export's cost, an assumption for at least one
customer, or nowhere."""
MARGIN_DATA: MarginSource = "data"
MARGIN_ASSUMED: MarginSource = "assumed"
MARGIN_NONE: MarginSource = "none"


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
        per_customer = _assumed_by_group(groups, group_margins, overall=overall)
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


def _assumed_by_group(
    groups: pl.DataFrame, group_margins: Mapping[str, float], *, overall: pl.Expr
) -> pl.DataFrame:
    """Per customer (`customer_id`, `_assumed`): the revenue in each product group × that
    group's stated share (else `overall`), summed; null when some revenue has no share.
    """
    stated = pl.DataFrame(
        {"product_group": list(group_margins), "share": list(group_margins.values())},
        schema={"product_group": pl.String, "share": pl.Float64},
    )
    return (
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


def margin_source(customers: pl.DataFrame) -> MarginSource:
    """`assumed`, `data` or `none` for a table from `with_margin` (see the module text)."""
    if customers.is_empty() or customers["margin"].null_count() == customers.height:
        return MARGIN_NONE
    if customers["margin_assumed"].any():
        return MARGIN_ASSUMED
    return MARGIN_DATA
