"""Retention periods and activity: the periods that cover the data, each customer's net
revenue per period (summed in DuckDB), and cohorts by first purchase.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal, get_args

import polars as pl

from analytics.metrics import data_bounds, shift_months
from analytics.money import MONEY_TOTAL
from analytics.store import Store

__all__ = [
    "BASES",
    "Basis",
    "NotEnoughHistoryError",
    "cohorts",
    "customer_activity",
    "retention_periods",
]

Basis = Literal["12m", "year"]
"""`12m`: rolling 12-month periods ending at the data's last invoice date; `year`:
calendar years."""
BASES: tuple[Basis, ...] = get_args(Basis)
# A period is partial when the data misses more than this many of its days.
_PARTIAL_DAYS = 31


class NotEnoughHistoryError(ValueError):
    """Retention compares a period with the next: the data covers fewer than two."""


# --- periods and activity ---------------------------------------------------------------


def retention_periods(first: date, last: date, *, basis: Basis = "12m") -> pl.DataFrame:
    """The periods that cover the data from `first` to `last` (invoice dates), oldest first.

    `basis` is `12m` (12-month periods ending at `last`, the newest one last) or `year`
    (calendar years). Returns `period` (0 = oldest), `period_start`, `period_end`,
    `partial` (the data misses more than a month of the period, e.g. a calendar year the
    export starts or ends inside) and `covered_days` (days of the period from `first` to
    `last`).
    """
    if basis not in BASES:
        msg = f"Unknown basis {basis!r}: use {' or '.join(BASES)}."
        raise ValueError(msg)
    if last < first:
        msg = "The last invoice date lies before the first."
        raise ValueError(msg)
    spans: list[tuple[date, date]] = []
    if basis == "year":
        spans = [(date(y, 1, 1), date(y, 12, 31)) for y in range(first.year, last.year + 1)]
    else:
        end, steps = last, 0
        while end >= first:
            steps += 1
            start = shift_months(last, -12 * steps) + timedelta(days=1)
            spans.append((start, end))
            end = start - timedelta(days=1)
        spans.reverse()
    return pl.DataFrame(
        {
            "period": list(range(len(spans))),
            "period_start": [s for s, _ in spans],
            "period_end": [e for _, e in spans],
            "partial": [
                ((e - s).days + 1) - ((min(e, last) - max(s, first)).days + 1) > _PARTIAL_DAYS
                for s, e in spans
            ],
            "covered_days": [(min(e, last) - max(s, first)).days + 1 for s, e in spans],
        },
        schema={
            "period": pl.Int64,
            "period_start": pl.Date,
            "period_end": pl.Date,
            "partial": pl.Boolean,
            "covered_days": pl.Int64,
        },
    )


_ACTIVITY_SQL = """
with periods as (
    select unnest($starts::date[]) as period_start, unnest($ends::date[]) as period_end,
           unnest($ids::bigint[]) as period
)
select p.period, p.period_start, p.period_end, l.customer_id,
       sum(l.revenue) as revenue,
       case when count(l.cost) = count(*) then sum(l.revenue - l.cost) end as gross_margin
from sales_lines l
join periods p on l.invoice_date between p.period_start and p.period_end
where l.dataset_id = $dataset
group by all
order by p.period, l.customer_id
"""


def customer_activity(store: Store, *, dataset_id: int, basis: Basis = "12m") -> pl.DataFrame:
    """Net revenue and gross margin per customer and period (see `retention_periods`).

    One row per customer with any line in a period: `period`, `period_start`,
    `period_end`, `partial`, `covered_days`, `customer_id`, `revenue` (net, credit notes
    included; an exact decimal, currency) and `gross_margin` (likewise; null when any cost
    in it is unknown). A period without any line (a year without sales) has one row with
    a null `customer_id` and null amounts, so every period of the history is there. Empty
    for a data set without lines.
    """
    bounds = data_bounds(store, dataset_id=dataset_id)
    schema = {
        "period": pl.Int64,
        "period_start": pl.Date,
        "period_end": pl.Date,
        "partial": pl.Boolean,
        "covered_days": pl.Int64,
        "customer_id": pl.String,
        "revenue": MONEY_TOTAL,
        "gross_margin": MONEY_TOTAL,
    }
    if bounds is None:
        return pl.DataFrame(schema=schema)
    periods = retention_periods(bounds[0], bounds[1], basis=basis)
    frame = store.query(
        _ACTIVITY_SQL,
        {
            "dataset": dataset_id,
            "starts": periods["period_start"].to_list(),
            "ends": periods["period_end"].to_list(),
            "ids": periods["period"].to_list(),
        },
    )
    frame = frame.with_columns(pl.col("period").cast(pl.Int64))
    quiet = periods.join(frame.select("period").unique(), on="period", how="anti").select(
        "period", "period_start", "period_end"
    )
    return (
        pl.concat([frame.cast({"period": pl.Int64}), quiet], how="diagonal_relaxed")
        .join(periods.select("period", "partial", "covered_days"), on="period", how="left")
        .select(list(schema))
        .cast(schema)
        .sort("period", "customer_id", nulls_last=True)
    )


def _periods_of(activity: pl.DataFrame) -> pl.DataFrame:
    columns = ["period", "period_start", "period_end", "partial"]
    if "covered_days" in activity.columns:
        columns.append("covered_days")
    periods = activity.select(columns).unique("period").sort("period")
    if "covered_days" not in periods.columns:
        days = (pl.col("period_end") - pl.col("period_start")).dt.total_days() + 1
        periods = periods.with_columns(days.cast(pl.Int64).alias("covered_days"))
    return periods


def _check_history(activity: pl.DataFrame) -> pl.DataFrame:
    periods = _periods_of(activity)
    if periods.height < 2:
        covered = (
            "no sales lines"
            if periods.is_empty()
            else f"{periods['period_start'][0]} to {periods['period_end'][0]}"
        )
        msg = (
            "Not enough history: retention compares one period with the next, and the data "
            f"covers only one period ({covered}). Load at least two years of sales."
        )
        raise NotEnoughHistoryError(msg)
    return periods


def cohorts(activity: pl.DataFrame) -> pl.DataFrame:
    """Customers by the period of their first purchase, and the share buying later.

    `activity` comes from `customer_activity`. A customer's cohort is the first period
    in which it was active (net revenue above zero); the oldest cohort also holds every
    customer who bought before the data starts. Returns one row per cohort and period
    from the cohort on: `cohort` (period number), `cohort_start`, `cohort_end`,
    `period`, `period_start`, `period_end`, `age` (periods since the first), `customers`
    (cohort size), `active` (of them, active in the period) and `share` (0–1).
    """
    periods = _periods_of(activity)
    buying = activity.filter(pl.col("revenue") > 0).select("period", "customer_id")
    first = buying.group_by("customer_id").agg(pl.col("period").min().alias("cohort"))
    sizes = first.group_by("cohort").agg(pl.len().alias("customers"))
    counts = (
        buying.join(first, on="customer_id")
        .group_by("cohort", "period")
        .agg(pl.len().alias("active"))
    )
    grid = sizes.join(periods.select("period"), how="cross").filter(
        pl.col("period") >= pl.col("cohort")
    )
    cohort_dates = periods.select(
        pl.col("period").alias("cohort"),
        pl.col("period_start").alias("cohort_start"),
        pl.col("period_end").alias("cohort_end"),
    )
    return (
        grid.join(counts, on=["cohort", "period"], how="left")
        .join(cohort_dates, on="cohort", how="left")
        .join(periods.select("period", "period_start", "period_end"), on="period", how="left")
        .with_columns(
            pl.col("active").fill_null(0).cast(pl.Int64),
            pl.col("customers").cast(pl.Int64),
            (pl.col("period") - pl.col("cohort")).alias("age"),
        )
        .with_columns((pl.col("active") / pl.col("customers")).alias("share"))
        .sort("cohort", "period")
        .select(
            "cohort",
            "cohort_start",
            "cohort_end",
            "period",
            "period_start",
            "period_end",
            "age",
            "customers",
            "active",
            "share",
        )
    )
