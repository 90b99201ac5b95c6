"""Focus customers slipping: overdue against their own buying rhythm, or falling
against the period before.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from analytics.store import Store

__all__ = ["at_risk", "buying_rhythm"]


_RHYTHM_SQL = """
with days as (
    select customer_id, invoice_date
    from sales_lines
    where dataset_id = $dataset and invoice_date <= $as_of
    group by customer_id, invoice_date
    having sum(revenue) > 0
),
gaps as (
    select customer_id, invoice_date,
           date_diff('day', lag(invoice_date) over (partition by customer_id
                                                    order by invoice_date), invoice_date) as gap
    from days
)
select customer_id, count(*) as purchases, max(invoice_date) as last_purchase,
       date_diff('day', max(invoice_date), $as_of::date) as days_since,
       median(gap)::double as median_interval
from gaps
group by customer_id
order by customer_id
"""


def buying_rhythm(store: Store, *, dataset_id: int, as_of: date | None = None) -> pl.DataFrame:
    """Each customer's buying rhythm up to `as_of` (default: the last invoice date).

    A purchase is a day with net revenue above zero. Returns `customer_id`, `purchases`
    (days with a purchase), `last_purchase`, `days_since` (days from it to `as_of`) and
    `median_interval` (median days between purchases; null with a single purchase).
    """
    if as_of is None:
        as_of = store.scalar(
            "select max(invoice_date) from sales_lines where dataset_id = ?", [dataset_id]
        )
    schema = {
        "customer_id": pl.String,
        "purchases": pl.Int64,
        "last_purchase": pl.Date,
        "days_since": pl.Int64,
        "median_interval": pl.Float64,
    }
    if as_of is None:
        return pl.DataFrame(schema=schema)
    frame = store.query(_RHYTHM_SQL, {"dataset": dataset_id, "as_of": as_of})
    return frame.cast(schema)


def at_risk(
    customers: pl.DataFrame,
    rhythm: pl.DataFrame,
    *,
    overdue_factor: float = 2.0,
    drop_share: float = 0.3,
    min_purchases: int = 3,
) -> pl.DataFrame:
    """Flag customers who are slipping: overdue against their own rhythm, or falling.

    `customers` has `customer_id`, `revenue` and `previous_revenue` (this period and the
    equal period before, currency; e.g. the focus list's rows from `customer_metrics`);
    other columns are kept. `rhythm` comes from `buying_rhythm`.

    - `overdue`: at least `min_purchases` purchases and days since the last one above
      `overdue_factor` × the customer's median interval between purchases.
    - `falling`: revenue below (1 − `drop_share`) × the previous period's revenue
      (`drop_share` 0–1; only when the previous period had revenue).

    Adds `purchases`, `last_purchase`, `days_since`, `median_interval`, `overdue_ratio`
    (days since ÷ median interval), `revenue_change` (fraction, −0.4 = 40 % less),
    `overdue`, `falling` and `at_risk` (either), flagged customers first (the most
    overdue first).
    """
    if overdue_factor <= 0:
        msg = "The overdue factor must be above zero (2 = twice the usual interval)."
        raise ValueError(msg)
    if not 0 < drop_share < 1:
        msg = f"The revenue drop must be a share between 0 and 1, got {drop_share}."
        raise ValueError(msg)
    joined = customers.join(rhythm, on="customer_id", how="left").with_columns(
        pl.when(pl.col("median_interval") > 0)
        .then(pl.col("days_since") / pl.col("median_interval"))
        .alias("overdue_ratio"),
        pl.when(pl.col("previous_revenue") > 0)
        .then(pl.col("revenue").cast(pl.Float64) / pl.col("previous_revenue").cast(pl.Float64) - 1)
        .alias("revenue_change"),
    )
    flagged = joined.with_columns(
        (
            (pl.col("purchases").fill_null(0) >= min_purchases)
            & (pl.col("overdue_ratio") > overdue_factor)
        )
        .fill_null(False)
        .alias("overdue"),
        (pl.col("revenue_change") < -drop_share).fill_null(False).alias("falling"),
    ).with_columns((pl.col("overdue") | pl.col("falling")).alias("at_risk"))
    return flagged.sort(
        ["at_risk", "overdue_ratio", "customer_id"],
        descending=[True, True, False],
        nulls_last=True,
    )
