"""Per-customer metrics for a period, computed in DuckDB SQL and handed over as polars.

This is the table that sliders re-score: it is built once per data set, import version
and period, and scoring never goes back to the sales lines. Unknown stays unknown (null):
a customer whose cost is not in the export has no gross margin, not a zero one.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

import polars as pl

from analytics.store import Store

__all__ = ["Period", "customer_metrics", "data_bounds", "resolve_period", "shift_months"]


@dataclass(frozen=True)
class Period:
    """A closed date interval [start, end]; `days` counts both ends."""

    start: date
    end: date

    @property
    def days(self) -> int:
        """Length in days, both ends included."""
        return (self.end - self.start).days + 1

    @property
    def years(self) -> float:
        """Length in years, for rates a year: a period of whole calendar months is
        months / 12 (the 12 months ending 2026-10-30, 365 days, and the leap year 2024,
        366 days, are both exactly 1), any other period days / 365.25."""
        # Whole months as `resolve_period` makes `<n>m`: the end shifted back by the
        # months, plus a day, is the start (so do calendar years and quarters).
        between = (self.end.year - self.start.year) * 12 + self.end.month - self.start.month
        for months in (between, between + 1):
            if months > 0 and shift_months(self.end, -months) + timedelta(days=1) == self.start:
                return months / 12
        return self.days / 365.25

    @property
    def previous(self) -> Period:
        """The equal period just before this one (for growth)."""
        return Period(self.start - timedelta(days=self.days), self.start - timedelta(days=1))


def data_bounds(store: Store, *, dataset_id: int) -> tuple[date, date] | None:
    """First and last invoice date of a data set, or None when it has no lines."""
    row = store.query(
        "select min(invoice_date) as first, max(invoice_date) as last "
        "from sales_lines where dataset_id = ?",
        [dataset_id],
    ).row(0)
    return None if row[0] is None else (row[0], row[1])


def shift_months(day: date, months: int) -> date:
    """The same day `months` months later (earlier when negative), clipped to the end of
    the month: 2026-03-31 shifted by −1 is 2026-02-28.
    """
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def resolve_period(spec: str, *, first: date, last: date) -> Period:
    """Turn `all`, `12m` (any `<n>m`) or `FROM:TO` (ISO dates) into a Period.

    `<n>m` ends at the data's last invoice date, never at today. Raises ValueError for
    anything else, with the accepted forms in the message.
    """
    spec = spec.strip().lower()
    if spec == "all":
        return Period(first, last)
    if match := re.fullmatch(r"(\d{1,3})m", spec):
        months = int(match.group(1))
        if months < 1:
            msg = "A period of months needs at least 1 month, e.g. 12m."
            raise ValueError(msg)
        # From the day after the same date `months` before: 12m ending 2026-10-31 starts
        # 2025-11-01.
        return Period(shift_months(last, -months) + timedelta(days=1), last)
    if ":" in spec:
        start_text, end_text = spec.split(":", 1)
        try:
            start, end = date.fromisoformat(start_text), date.fromisoformat(end_text)
        except ValueError:
            start = end = None
        if start is not None and end is not None and start <= end:
            return Period(start, end)
    msg = f"Unknown period {spec!r}: use all, 12m (or another number of months) or FROM:TO."
    raise ValueError(msg)


_METRICS_SQL = """
with lines as (
    select * from sales_lines where dataset_id = $dataset and invoice_date <= $end
),
cur as (
    select customer_id,
           any_value(customer_name order by invoice_date desc) as customer_name,
           sum(revenue) as revenue,
           case when count(cost) = count(*) then sum(revenue - cost) end as gross_margin,
           count(distinct coalesce(invoice_number, invoice_date::varchar)) as invoices,
           max(invoice_date) as last_purchase,
           count(distinct product_group) as groups,
           count(product_group) as grouped_lines,
           any_value(segment order by invoice_date desc) as line_segment,
           any_value(region order by invoice_date desc) as line_region
    from lines where invoice_date >= $start
    group by customer_id
),
prev as (
    select customer_id, sum(revenue) as prev_revenue
    from lines where invoice_date between $prev_start and $prev_end
    group by customer_id
),
first_seen as (
    select customer_id, min(invoice_date) as first_purchase from lines group by customer_id
),
pay as (
    select customer_id, avg(date_diff('day', due_date, paid_date)) as payment_delay
    from (
        select distinct customer_id, coalesce(invoice_number, invoice_date::varchar) as inv,
               due_date, paid_date
        from lines
        where invoice_date >= $start and due_date is not null and paid_date is not null
    )
    group by customer_id
)
select c.customer_id, c.customer_name, c.revenue, c.gross_margin,
       -- Ratios rounded to 10 decimals so that equal ratios of exact amounts tie.
       case when c.gross_margin is not null and c.revenue > 0
            then round(100.0 * c.gross_margin / c.revenue, 10) end as margin_pct,
       case when p.prev_revenue > 0
            then round(100.0 * (c.revenue - p.prev_revenue) / p.prev_revenue, 10) end
            as growth,
       c.invoices,
       c.invoices / $years as frequency,
       date_diff('day', c.last_purchase, $end::date) as recency,
       date_diff('day', f.first_purchase, $end::date) / 365.25 as tenure,
       y.payment_delay,
       case when c.grouped_lines > 0 then c.groups end as breadth,
       coalesce(p.prev_revenue, 0) as previous_revenue,
       f.first_purchase, c.last_purchase, c.line_segment, c.line_region
from cur c
join first_seen f using (customer_id)
left join prev p using (customer_id)
left join pay y using (customer_id)
order by c.customer_id
"""


# Over 60 lines with its docstring, which names every column it returns; the body is
# under 45.
def customer_metrics(
    store: Store, *, dataset_id: int, period: Period, with_profit: bool = True
) -> pl.DataFrame:
    """One row per customer with any line in `period`.

    Columns: customer_id, customer_name, revenue and gross_margin (currency, exact
    decimals; margin null when any cost in the period is unknown), margin_pct (per cent
    of revenue), growth (per cent against the previous equal period; null when that
    period had no positive revenue), invoices, frequency (invoices per year), recency
    (days from the last purchase to the period's end), tenure (years since the first purchase ever),
    payment_delay (average days paid after the due date; null without due and paid
    dates), breadth (number of product groups; null without product groups),
    previous_revenue (exact decimal), first_purchase, last_purchase; plus segment, region,
    key_account_manager, satisfaction and nps from the customer master (segment and region
    fall back to the customer's latest sales line; null when absent); and the team's
    1–5 scores strategic_fit, potential, dependency, relationship (null when not
    assessed). `satisfaction` (1–5) is the team's score, else the master's, else NPS
    mapped onto 1–5. With `with_profit`, also `customer_profit`: gross margin − cost to
    serve under the data set's cost model in use (`analytics.profit`; null where the
    gross margin is).
    """
    previous = period.previous
    params = {
        "dataset": dataset_id,
        "start": period.start,
        "end": period.end,
        "prev_start": previous.start,
        "prev_end": previous.end,
        "years": period.years,
    }
    metrics = store.query(_METRICS_SQL, params)
    master = store.query(
        "select customer_id, customer_name as master_name, segment, region, "
        "key_account_manager, satisfaction, nps from customers where dataset_id = ?",
        [dataset_id],
    )
    team = store.query(
        "pivot (select customer_id, criterion, value from team_scores where dataset_id = ?) "
        "on criterion in ('strategic_fit', 'potential', 'dependency', 'relationship', "
        "'satisfaction') using first(value) group by customer_id",
        [dataset_id],
    ).rename({"satisfaction": "team_satisfaction"})
    joined = metrics.join(master, on="customer_id", how="left").join(
        team, on="customer_id", how="left"
    )
    # The team's own satisfaction score wins; else the survey's 1–5; else NPS −100..100
    # mapped linearly onto 1–5.
    nps_as_score = 1 + (pl.col("nps").clip(-100, 100) + 100) / 50
    table = joined.with_columns(
        pl.coalesce("team_satisfaction", "satisfaction", nps_as_score).alias("satisfaction"),
        pl.coalesce("customer_name", "master_name").alias("customer_name"),
        pl.coalesce("segment", "line_segment").alias("segment"),
        pl.coalesce("region", "line_region").alias("region"),
        pl.col("invoices").cast(pl.Int64),
        pl.col("recency").cast(pl.Int64),
        pl.col("breadth").cast(pl.Int64),
    ).drop("master_name", "line_segment", "line_region", "team_satisfaction")
    if not with_profit:
        return table
    from analytics.profit import customer_profit_column

    return customer_profit_column(store, table, dataset_id=dataset_id, period=period)
