"""One customer's history: revenue and margin per month, product groups, payment
behaviour (SQL in DuckDB over the sales lines), and how the customer's score compares
with the A tier (pure polars over the output of `analytics.scoring.score_customers`).

Amounts are in the data set's currency (`Store.currency`); shares are fractions 0–1;
days are calendar days. Unknown stays unknown: a month whose cost is not in the export
has no gross margin.
"""

from __future__ import annotations

from datetime import date
from typing import TypedDict

import polars as pl

from analytics.metrics import Period
from analytics.scoring import CRITERIA
from analytics.store import Store

__all__ = [
    "PaymentBehaviour",
    "customer_exists",
    "customer_history",
    "payment_behaviour",
    "product_group_mix",
    "tier_comparison",
]

_HISTORY_SCHEMA = {
    "month": pl.Date,
    "revenue": pl.Float64,
    "gross_margin": pl.Float64,
    "margin_pct": pl.Float64,
    "invoices": pl.Int64,
}


def _window(period: Period | None) -> tuple[date, date]:
    if period is None:
        return date(1, 1, 1), date(9999, 12, 31)
    return period.start, period.end


def customer_exists(store: Store, *, dataset_id: int, customer_id: str) -> bool:
    """Whether the data set has any sales line of the customer (in any period)."""
    found = store.scalar(
        "select exists (select 1 from sales_lines where dataset_id = ? and customer_id = ?)",
        [dataset_id, customer_id],
    )
    return bool(found)


def customer_history(store: Store, *, dataset_id: int, customer_id: str) -> pl.DataFrame:
    """Revenue and gross margin per calendar month for one customer, over all history.

    Months run from the customer's first purchase to the data set's last invoice month,
    so quiet months show as 0 (a customer going quiet is visible). Columns: `month`
    (Date, first of the month), `revenue` and `gross_margin` (currency; margin null for a
    month with any unknown cost, and for quiet months when the customer's cost is never
    known), `margin_pct` (per cent of revenue; null when margin is unknown or revenue
    ≤ 0) and `invoices` (distinct invoices). Empty frame for an unknown customer.
    """
    monthly = store.query(
        """
        select date_trunc('month', invoice_date)::date as month,
               sum(revenue) as revenue,
               case when count(cost) = count(*) then sum(revenue - cost) end as gross_margin,
               count(distinct coalesce(invoice_number, invoice_date::varchar)) as invoices,
               count(cost) > 0 as cost_known
        from sales_lines where dataset_id = $d and customer_id = $c
        group by 1 order by 1
        """,
        {"d": dataset_id, "c": customer_id},
    )
    if monthly.is_empty():
        return pl.DataFrame(schema=_HISTORY_SCHEMA)
    last = store.scalar(
        "select date_trunc('month', max(invoice_date))::date from sales_lines where dataset_id = ?",
        [dataset_id],
    )
    months = pl.date_range(monthly["month"].min(), last, interval="1mo", eager=True)
    any_cost = bool(monthly["cost_known"].any())
    frame = pl.DataFrame({"month": months}).join(monthly, on="month", how="left")
    quiet = pl.col("revenue").is_null()
    return frame.select(
        "month",
        pl.col("revenue").fill_null(0.0).cast(pl.Float64),
        pl.when(quiet)
        .then(pl.lit(0.0 if any_cost else None, pl.Float64))
        .otherwise(pl.col("gross_margin"))
        .cast(pl.Float64)
        .alias("gross_margin"),
        pl.when(pl.col("revenue") > 0)
        .then(100.0 * pl.col("gross_margin") / pl.col("revenue"))
        .cast(pl.Float64)
        .alias("margin_pct"),
        pl.col("invoices").fill_null(0).cast(pl.Int64),
    )


def product_group_mix(
    store: Store, *, dataset_id: int, customer_id: str, period: Period | None = None
) -> pl.DataFrame:
    """What one customer buys, per product group, within `period` (None = all history).

    Columns: `product_group` (null for lines without a group), `revenue` and
    `gross_margin` (currency; margin null when any cost is unknown), `margin_pct` (per
    cent), `lines`, `share` (0–1 of the customer's revenue in the period; null when that
    total is not positive). Largest revenue first, the group-less lines last.
    """
    start, end = _window(period)
    mix = store.query(
        """
        select product_group,
               sum(revenue) as revenue,
               case when count(cost) = count(*) then sum(revenue - cost) end as gross_margin,
               count(*) as lines
        from sales_lines
        where dataset_id = $d and customer_id = $c and invoice_date between $s and $e
        group by product_group
        """,
        {"d": dataset_id, "c": customer_id, "s": start, "e": end},
    )
    total = float(mix["revenue"].sum() or 0) if not mix.is_empty() else 0.0
    return mix.with_columns(
        pl.when(pl.col("revenue") > 0)
        .then(100.0 * pl.col("gross_margin") / pl.col("revenue"))
        .cast(pl.Float64)
        .alias("margin_pct"),
        pl.col("lines").cast(pl.Int64),
        (pl.col("revenue").cast(pl.Float64) / total if total > 0 else pl.lit(None))
        .cast(pl.Float64)
        .alias("share"),
    ).sort(
        [pl.col("product_group").is_null(), "revenue", "product_group"],
        descending=[False, True, False],
    )


_PAYMENT_SQL = """
with invoices as (
    select coalesce(invoice_number, invoice_date::varchar) as invoice,
           max(due_date) as due_date,
           max(paid_date) as paid_date,
           sum(revenue) as amount
    from sales_lines
    where dataset_id = $d and customer_id = $c and invoice_date between $s and $e
    group by 1
)
select count(*) as invoices,
       count(due_date) as with_due_date,
       count(*) filter (where due_date is not null and paid_date is not null) as paid,
       avg(date_diff('day', due_date, paid_date)) as avg_days_late,
       count(*) filter (where paid_date > due_date) as paid_late,
       count(*) filter (where due_date is not null and paid_date is null) as unpaid,
       coalesce(sum(amount) filter (where due_date is not null and paid_date is null), 0)
           as unpaid_amount,
       count(*) filter (where due_date is not null and paid_date is null and due_date < $asof)
           as overdue,
       max(date_diff('day', due_date, paid_date)) as max_days_late
from invoices
"""


class PaymentBehaviour(TypedDict):
    """How one customer pays (`payment_behaviour`; see there)."""

    invoices: int
    with_due_date: int
    paid: int
    avg_days_late: float | None
    paid_late: int
    unpaid: int
    unpaid_amount: float
    overdue: int
    max_days_late: int | None
    late_share: float | None
    known: bool


def payment_behaviour(
    store: Store, *, dataset_id: int, customer_id: str, period: Period | None = None
) -> PaymentBehaviour:
    """How one customer pays, per invoice (lines grouped by invoice number, else by
    invoice date), for invoices dated within `period` (None = all history).

    Returns a dict: `invoices` (count), `with_due_date` (invoices whose due date is
    known), `paid` (due and paid date known), `avg_days_late` (mean days from due date to
    payment over paid invoices; negative = early; None without any), `max_days_late`,
    `paid_late` (paid after the due date), `late_share` (paid_late / paid, 0–1; None when
    nothing is paid), `unpaid` (due date known, no paid date), `unpaid_amount`
    (currency), `overdue` (unpaid with a due date before the data set's last invoice
    date, the "as of" of the data), and `known` (True when any invoice has both dates —
    the export carries payment data at all).
    """
    start, end = _window(period)
    asof = store.scalar(
        "select max(invoice_date) from sales_lines where dataset_id = ?", [dataset_id]
    )
    row = store.query(
        _PAYMENT_SQL,
        {"d": dataset_id, "c": customer_id, "s": start, "e": end, "asof": asof},
    ).row(0, named=True)
    result = {key: (int(value) if isinstance(value, int) else value) for key, value in row.items()}
    paid = result["paid"]
    result["late_share"] = result["paid_late"] / paid if paid else None
    result["avg_days_late"] = (
        float(result["avg_days_late"]) if result["avg_days_late"] is not None else None
    )
    result["unpaid_amount"] = float(result["unpaid_amount"] or 0.0)
    result["known"] = paid > 0
    return result


def tier_comparison(scored: pl.DataFrame, *, customer_id: str, tier: str = "A") -> pl.DataFrame:
    """One customer's score broken down by criterion, next to the average of a tier.

    `scored` comes from `analytics.scoring.score_customers`. One row per weighted
    criterion (those with a `contrib_<key>` column), in catalog order: `criterion`
    (key), `customer` and `tier_average` (points of the 0–100 score; the tier average is
    null when the tier is empty), `difference` (customer − tier average), `normalised`
    (the customer's 0–1 value; null = not assessed, counted as the neutral 0.5).
    Raises ValueError when the customer is not in `scored`.
    """
    row = scored.filter(pl.col("customer_id") == customer_id)
    if row.is_empty():
        msg = f"Customer {customer_id!r} is not in the scored table."
        raise ValueError(msg)
    keys = [c.key for c in CRITERIA if f"contrib_{c.key}" in scored.columns]
    group = scored.filter(pl.col("tier") == tier)
    mine = row.row(0, named=True)
    averages = (
        group.select(pl.col(f"contrib_{k}").mean() for k in keys).row(0, named=True)
        if not group.is_empty()
        else {f"contrib_{k}": None for k in keys}
    )
    frame = pl.DataFrame(
        {
            "criterion": keys,
            "customer": [mine[f"contrib_{k}"] for k in keys],
            "tier_average": [averages[f"contrib_{k}"] for k in keys],
            "normalised": [mine.get(f"norm_{k}") for k in keys],
        },
        schema={
            "criterion": pl.String,
            "customer": pl.Float64,
            "tier_average": pl.Float64,
            "normalised": pl.Float64,
        },
    )
    return frame.with_columns(
        (pl.col("customer") - pl.col("tier_average")).alias("difference")
    ).select("criterion", "customer", "tier_average", "difference", "normalised")
