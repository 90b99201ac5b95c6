"""Summaries of a data set for the overview: revenue and margin per month."""

from __future__ import annotations

import polars as pl

from analytics.store import Store

__all__ = ["monthly_revenue"]


def monthly_revenue(store: Store, *, dataset_id: int) -> pl.DataFrame:
    """Revenue and gross margin (currency) per calendar month of a data set.

    Returns columns `month` (Date, first day of the month), `revenue`, `gross_margin`
    (null for a month where any line's cost is unknown), in month order.
    """
    return store.query(
        """
        select date_trunc('month', invoice_date)::date as month,
               sum(revenue) as revenue,
               case when count(cost) = count(*) then sum(revenue - cost) end as gross_margin
        from sales_lines where dataset_id = ?
        group by 1 order by 1
        """,
        [dataset_id],
    )
