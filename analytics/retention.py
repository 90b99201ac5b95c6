"""Retention: how many customers stay, what keeping them longer is worth, who is slipping.

The sales lines are summed per customer and period in DuckDB (`customer_activity`);
everything after that is pure polars/Python, cheap enough for every slider move.

Definitions (rates are fractions 0–1, money is in the data set's currency):

- A customer is *active* in a period when its net revenue there is above zero, summed
  exactly (a period with credit notes only, or credit notes that cancel the purchases,
  does not count as buying).
- Customer (logo) retention into period p = customers active in p − 1 who are active
  again in p ÷ customers active in p − 1 (the *base*).
- Revenue retention (net revenue retention) into p = the base customers' net revenue in
  p ÷ their revenue in p − 1.
- Customer lifetime value CLV = m × r / (1 + d − r), with m the annual gross margin, r the
  yearly retention rate and d the yearly discount rate; expected lifetime 1 / (1 − r)
  years. The sum of m × r^k / (1 + d)^k over the years k = 1, 2, … is exactly the CLV, so
  `project_scenario` over an endless horizon converges to it.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from datetime import date, timedelta

import polars as pl

from analytics.money import MONEY_TOTAL
from analytics.scoring import score_customers
from analytics.store import Store

__all__ = [
    "ALL",
    "BASES",
    "MIN_BASE",
    "MIN_BASE_DAYS",
    "REST",
    "NotEnoughHistoryError",
    "acquisition_equivalent",
    "at_risk",
    "buying_rhythm",
    "clv_multiplier",
    "cohorts",
    "customer_activity",
    "customer_lifetime_value",
    "expected_lifetime",
    "latest_rates",
    "period_tiers",
    "project_scenario",
    "retention_periods",
    "retention_rates",
    "scenario_groups",
    "tier_groups",
    "tier_values",
]

# `12m`: rolling 12-month periods ending at the data's last invoice date; `year`: calendar
# years.
BASES = ("12m", "year")
# Below this many customers in the base a rate is reported as uncertain.
MIN_BASE = 20
# A period is partial when the data misses more than this many of its days.
_PARTIAL_DAYS = 31
# A rate whose base period holds fewer days of data than this (an export starting a few
# days before a year ends) says little: it is marked and left out of the scenario and the
# lifetime values.
MIN_BASE_DAYS = 90
# Lifetime values use at most this rate: an observed 100 % (a small group where nobody
# left) would mean an endless lifetime.
MAX_RETENTION = 0.99
ALL = "all"
REST = "rest"


class NotEnoughHistoryError(ValueError):
    """Retention compares a period with the next: the data covers fewer than two."""


# --- periods and activity ---------------------------------------------------------------


def _shift_months(day: date, months: int) -> date:
    """The same day `months` months later (earlier when negative), clipped to month end."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def retention_periods(first: date, last: date, *, basis: str = "12m") -> pl.DataFrame:
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
            start = _shift_months(last, -12 * steps) + timedelta(days=1)
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


def customer_activity(store: Store, *, dataset_id: int, basis: str = "12m") -> pl.DataFrame:
    """Net revenue and gross margin per customer and period (see `retention_periods`).

    One row per customer with any line in a period: `period`, `period_start`,
    `period_end`, `partial`, `covered_days`, `customer_id`, `revenue` (net, credit notes
    included; an exact decimal, currency) and `gross_margin` (likewise; null when any cost
    in it is unknown). A period without any line (a year without sales) has one row with
    a null `customer_id` and null amounts, so every period of the history is there. Empty
    for a data set without lines.
    """
    bounds = store.query(
        "select min(invoice_date) as first, max(invoice_date) as last "
        "from sales_lines where dataset_id = ?",
        [dataset_id],
    ).row(0)
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
    if bounds[0] is None:
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


# --- observed retention -------------------------------------------------------------------


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


def retention_rates(
    activity: pl.DataFrame,
    *,
    groups: pl.DataFrame | None = None,
    min_base: int = MIN_BASE,
) -> pl.DataFrame:
    """Customer and revenue retention into each period after the first, per group.

    `activity` comes from `customer_activity`. `groups` (optional) assigns customers to
    groups: columns `customer_id`, `group` and optionally `period`, the base period the
    membership applies to (e.g. the tier a customer had in that period); without
    `period` the membership holds in every period. A customer may sit in several groups.
    The group `all` (every customer) is always there.

    Returns per group and period p (the later period of the pair): `group`, `period`,
    `period_start`, `period_end`, `partial` (either period partial), `base` (customers
    active in p − 1), `kept` (of those, active in p), `rate` (kept ÷ base, 0–1),
    `base_revenue` (their revenue in p − 1), `kept_revenue` (their net revenue in p; both
    exact sums), `revenue_rate` (kept_revenue ÷ base_revenue), `uncertain` (base below
    `min_base`), `base_days` (days of data in p − 1) and `short_base` (fewer than
    `MIN_BASE_DAYS`: such a rate is also partial, and `latest_rates` leaves it out). A
    period whose earlier period had no active customer (a year without sales) has no
    rate. Raises `NotEnoughHistoryError` when the data covers fewer than two periods.
    """
    periods = _check_history(activity)
    last_period = periods["period"].max()
    active = activity.with_columns((pl.col("revenue") > 0).alias("active"))
    base = active.filter(pl.col("active") & (pl.col("period") < last_period)).select(
        "period", "customer_id", pl.col("revenue").alias("base_revenue")
    )
    following = active.select(
        (pl.col("period") - 1).alias("period"),
        "customer_id",
        pl.col("revenue").alias("next_revenue"),
        pl.col("active").alias("kept"),
    )
    pairs = base.join(following, on=["period", "customer_id"], how="left").with_columns(
        pl.col("kept").fill_null(False), pl.col("next_revenue").fill_null(0)
    )
    members = [pairs.with_columns(pl.lit(ALL).alias("group"))]
    if groups is not None:
        keys = ["period", "customer_id"] if "period" in groups.columns else ["customer_id"]
        membership = groups.select(*keys, pl.col("group").cast(pl.String)).unique()
        members.append(pairs.join(membership, on=keys, how="inner"))
    stacked = pl.concat(members, how="vertical_relaxed")
    rates = stacked.group_by("group", "period").agg(
        pl.len().alias("base"),
        pl.col("kept").sum().alias("kept"),
        pl.col("base_revenue").sum().alias("base_revenue"),
        pl.col("next_revenue").sum().alias("kept_revenue"),
    )
    later = periods.select(
        (pl.col("period") - 1).alias("period"),
        pl.col("period").alias("to_period"),
        "period_start",
        "period_end",
        "partial",
    )
    earlier = periods.select(
        "period", pl.col("partial").alias("from_partial"), pl.col("covered_days").alias("base_days")
    )
    order = {ALL: "0", REST: "~"}
    return (
        rates.join(later, on="period", how="left")
        .join(earlier, on="period", how="left")
        .with_columns(
            (pl.col("period") + 1).alias("period"),
            (pl.col("partial").fill_null(False) | pl.col("from_partial")).alias("partial"),
            (pl.col("kept") / pl.col("base")).alias("rate"),
            pl.when(pl.col("base_revenue") > 0)
            .then(pl.col("kept_revenue").cast(pl.Float64) / pl.col("base_revenue").cast(pl.Float64))
            .alias("revenue_rate"),
            (pl.col("base_days") < MIN_BASE_DAYS).alias("short_base"),
            (pl.col("base") < min_base).alias("uncertain"),
            pl.col("base").cast(pl.Int64),
            pl.col("kept").cast(pl.Int64),
            pl.col("group").replace(order).alias("_order"),
        )
        .sort("_order", "period")
        .select(
            "group",
            "period",
            "period_start",
            "period_end",
            "partial",
            "base",
            "kept",
            "rate",
            "base_revenue",
            "kept_revenue",
            "revenue_rate",
            "uncertain",
            "base_days",
            "short_base",
        )
    )


def latest_rates(rates: pl.DataFrame) -> pl.DataFrame:
    """Per group the newest rates that do not involve a partial period (else the newest).

    `rates` comes from `retention_rates`; returns one row per group with its columns.
    Rates on a base period with too few days of data (`short_base`) are left out: a group
    with only such rates has no row (empty when no rate is usable).
    """
    if "short_base" in rates.columns:
        rates = rates.filter(~pl.col("short_base"))
    ranked = rates.with_columns(
        pl.col("partial").not_().cast(pl.Int8).alias("_full"),
    ).sort("_full", "period", descending=[True, True])
    return (
        ranked.group_by("group", maintain_order=True)
        .first()
        .drop("_full")
        .join(rates.select("group").unique(maintain_order=True).with_row_index("_i"), on="group")
        .sort("_i")
        .drop("_i")
    )


def period_tiers(
    tables: Mapping[int, pl.DataFrame], *, weights: Mapping[str, float]
) -> pl.DataFrame:
    """The tier each customer had in each period: `period`, `customer_id`, `tier`.

    `tables` maps a period number to that period's per-customer table (from
    `analytics.metrics.customer_metrics`, normalised or not); each is scored with the
    same `weights`, so a customer's tier is judged on what it did in that period and not
    on whether it is still a customer today.
    """
    frames = [
        score_customers(table, weights=dict(weights))
        .select("customer_id", "tier")
        .with_columns(pl.lit(period, dtype=pl.Int64).alias("period"))
        for period, table in tables.items()
        if not table.is_empty()
    ]
    if not frames:
        return pl.DataFrame(
            schema={"period": pl.Int64, "customer_id": pl.String, "tier": pl.String}
        )
    return pl.concat(frames).select("period", "customer_id", "tier")


def tier_groups(tiers: pl.DataFrame, *, focus: str = "A") -> pl.DataFrame:
    """Group membership for `retention_rates` from tiers: each tier, plus `rest` for
    every customer outside the `focus` tier. Keeps a `period` column when there is one.
    """
    keys = [c for c in ("period", "customer_id") if c in tiers.columns]
    by_tier = tiers.select(*keys, pl.col("tier").alias("group"))
    rest = tiers.filter(pl.col("tier") != focus).select(*keys, pl.lit(REST).alias("group"))
    return pl.concat([by_tier, rest])


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


# --- customer lifetime value ------------------------------------------------------------


def _check_rates(retention: float, discount: float, *, upto_one: bool = False) -> None:
    top_ok = retention <= 1 if upto_one else retention < 1
    if not (retention >= 0 and top_ok):
        limit = "1" if upto_one else "below 1"
        msg = f"Retention must be a fraction from 0 to {limit}, got {retention}."
        raise ValueError(msg)
    if not 0 <= discount <= 1:
        msg = f"The discount rate must be a fraction from 0 to 1 a year, got {discount}."
        raise ValueError(msg)


def clv_multiplier(retention: float, discount: float) -> float:
    """r / (1 + d − r): how many years of today's annual margin a customer is worth.

    `retention` r is the yearly retention rate (0 ≤ r < 1), `discount` d the yearly
    discount rate (0–1). r = 0.8, d = 0.1 gives 0.8 / 0.3 = 2.667.
    """
    _check_rates(retention, discount)
    return retention / (1 + discount - retention)


def expected_lifetime(retention: float) -> float:
    """1 / (1 − r): the expected remaining customer lifetime in years (r = 0.8 → 5 years)."""
    _check_rates(retention, 0.0)
    return 1 / (1 - retention)


def customer_lifetime_value(margin: float, *, retention: float, discount: float) -> float:
    """CLV = m × r / (1 + d − r) in currency, with `margin` m the annual gross margin
    (currency per year), `retention` r and `discount` d yearly fractions.
    """
    return margin * clv_multiplier(retention, discount)


def _margins(customers: pl.DataFrame, assumed_margin: float | None) -> pl.DataFrame:
    """`gross_margin`, filled with revenue × `assumed_margin` where it is unknown."""
    unknown = customers["gross_margin"].null_count() > 0
    if unknown and assumed_margin is None:
        msg = (
            "The gross margin of some customers is unknown (the export has no cost): "
            "state an assumed margin as a share of revenue."
        )
        raise ValueError(msg)
    if assumed_margin is not None and not 0 <= assumed_margin <= 1:
        msg = f"The assumed margin must be a share of revenue from 0 to 1, got {assumed_margin}."
        raise ValueError(msg)
    return customers.with_columns(
        pl.col("gross_margin").is_null().alias("margin_assumed"),
        pl.coalesce(pl.col("gross_margin"), pl.col("revenue") * (assumed_margin or 0.0)).alias(
            "gross_margin"
        ),
    )


def _rate_of(rates: pl.DataFrame, group: str) -> float:
    """The group's rate, else the rate of all customers, else 0."""
    lookup = dict(zip(rates["group"], rates["rate"], strict=True))
    value = lookup.get(group)
    if value is None:
        value = lookup.get(ALL)
    return float(value or 0.0)


def tier_values(
    customers: pl.DataFrame,
    rates: pl.DataFrame,
    *,
    discount: float,
    assumed_margin: float | None = None,
) -> pl.DataFrame:
    """Annual margin, retention, lifetime and CLV per tier and for all customers.

    `customers` has `customer_id`, `tier`, `revenue` and `gross_margin` over one year
    (e.g. the last 12 months; currency). `rates` has `group` and `rate` (from
    `latest_rates`); a tier without a rate takes the rate of all customers.
    `assumed_margin` (share of revenue, 0–1) stands in where the margin is unknown.

    Returns `tier` (A, B, C, …, then `all`), `customers`, `margin` (currency per year),
    `margin_per_customer`, `retention` (0–1), `lifetime` (years), `multiplier`
    (r / (1 + d − r)), `clv_per_customer` and `clv` (currency), `margin_assumed` (share
    0–1 of the customers whose margin is assumed).
    """
    filled = _margins(customers, assumed_margin)
    per_tier = filled.group_by("tier").agg(
        pl.len().alias("customers"),
        pl.col("gross_margin").sum().alias("margin"),
        pl.col("margin_assumed").mean().alias("margin_assumed"),
    )
    total = filled.select(
        pl.lit(ALL).alias("tier"),
        pl.len().alias("customers"),
        pl.col("gross_margin").sum().alias("margin"),
        pl.col("margin_assumed").mean().alias("margin_assumed"),
    )
    table = pl.concat([per_tier.sort("tier"), total], how="vertical_relaxed")
    rows = []
    for row in table.iter_rows(named=True):
        r = min(_rate_of(rates, row["tier"]), MAX_RETENTION)
        multiplier = clv_multiplier(r, discount)
        per_customer = row["margin"] / row["customers"] if row["customers"] else 0.0
        rows.append(
            {
                "tier": row["tier"],
                "customers": row["customers"],
                "margin": row["margin"],
                "margin_per_customer": per_customer,
                "retention": r,
                "lifetime": expected_lifetime(r),
                "multiplier": multiplier,
                "clv_per_customer": per_customer * multiplier,
                "clv": row["margin"] * multiplier,
                "margin_assumed": row["margin_assumed"],
            }
        )
    return pl.DataFrame(rows).with_columns(pl.col("customers").cast(pl.Int64))


# --- scenarios --------------------------------------------------------------------------


def scenario_groups(
    customers: pl.DataFrame,
    rates: pl.DataFrame,
    *,
    focus: str = "A",
    assumed_margin: float | None = None,
) -> pl.DataFrame:
    """The two groups a scenario moves: the `focus` tier and the `rest`.

    `customers` has `customer_id`, `tier`, `revenue`, `gross_margin` over one year;
    `rates` has `group` and `rate` with the focus tier's group and `rest` (from
    `retention_rates` with `tier_groups`, then `latest_rates`). Returns `group` (`focus`,
    `rest`), `customers`, `margin` (currency per year) and `retention` (0–1).
    """
    filled = _margins(customers, assumed_margin).with_columns(
        pl.when(pl.col("tier") == focus)
        .then(pl.lit("focus"))
        .otherwise(pl.lit(REST))
        .alias("group")
    )
    sums = {
        row["group"]: row
        for row in filled.group_by("group")
        .agg(pl.len().alias("customers"), pl.col("gross_margin").sum().alias("margin"))
        .iter_rows(named=True)
    }
    rows = []
    for group, rate_group in (("focus", focus), (REST, REST)):
        found = sums.get(group, {"customers": 0, "margin": 0.0})
        rows.append(
            {
                "group": group,
                "customers": found["customers"],
                "margin": float(found["margin"] or 0.0),
                "retention": _rate_of(rates, rate_group),
            }
        )
    return pl.DataFrame(
        rows,
        schema={
            "group": pl.String,
            "customers": pl.Int64,
            "margin": pl.Float64,
            "retention": pl.Float64,
        },
    )


def project_scenario(
    groups: pl.DataFrame,
    *,
    horizon: int,
    discount: float,
    uplift: Mapping[str, float] | None = None,
) -> pl.DataFrame:
    """Gross margin of today's customers, year by year: observed rates against a scenario.

    `groups` has `group`, `margin` (the group's annual gross margin, currency per year)
    and `retention` (observed yearly rate 0–1). `uplift` maps a group to extra retention
    in percentage points as a fraction (0.05 = 5 points; a scenario rate stops at 1, when
    nobody leaves). In year k (1 = next year) a group earns margin × r^k / (1 + d)^k: today's
    customers who are still there, discounted at `discount` d a year. New customers are
    not part of it.

    Returns `year` (1 … `horizon`), `baseline` and `scenario` (that year's discounted
    margin, currency), `baseline_cumulative`, `scenario_cumulative` and `difference`
    (scenario − baseline, cumulative).
    """
    if not 1 <= horizon <= 50:
        msg = f"The horizon must be 1 to 50 years, got {horizon}."
        raise ValueError(msg)
    uplift = dict(uplift or {})
    if any(u < 0 for u in uplift.values()):
        msg = "A scenario raises retention: uplifts must not be negative."
        raise ValueError(msg)
    baseline = [0.0] * horizon
    scenario = [0.0] * horizon
    for row in groups.iter_rows(named=True):
        r = float(row["retention"])
        _check_rates(r, discount, upto_one=True)
        raised = min(r + uplift.get(row["group"], 0.0), 1.0)
        for k in range(1, horizon + 1):
            factor = (1 + discount) ** k
            baseline[k - 1] += row["margin"] * r**k / factor
            scenario[k - 1] += row["margin"] * raised**k / factor
    return pl.DataFrame(
        {"year": list(range(1, horizon + 1)), "baseline": baseline, "scenario": scenario},
        schema={"year": pl.Int64, "baseline": pl.Float64, "scenario": pl.Float64},
    ).with_columns(
        pl.col("baseline").cum_sum().alias("baseline_cumulative"),
        pl.col("scenario").cum_sum().alias("scenario_cumulative"),
        (pl.col("scenario").cum_sum() - pl.col("baseline").cum_sum()).alias("difference"),
    )


def acquisition_equivalent(
    difference: float,
    *,
    margin_per_customer: float,
    retention: float,
    discount: float,
    horizon: int,
    cost_multiple: float,
) -> dict[str, float | None]:
    """How many new customers of average value it takes to bring in `difference`, and
    what winning them would cost.

    A new customer is won now at an acquisition cost of `cost_multiple` × its annual
    margin (`margin_per_customer`, currency per year), buys in year 1 and stays on with
    the yearly `retention` after that: over the horizon it brings in
    m × Σ r^(k−1) / (1 + d)^k for k = 1 … horizon (`value_per_customer`).

    Returns `value_per_customer`, `cost_per_customer`, `net_per_customer` (value − cost;
    currency), `new_customers` (`difference` ÷ value: new customers whose margin equals the
    difference; a fraction, round up to tell people), `acquisition_cost` (new_customers ×
    cost_per_customer, currency) and `new_customers_net` (`difference` ÷ net: new
    customers who would *earn* the difference after paying for their acquisition). Counts
    are None when the difference is not positive; `new_customers_net` also when a new
    customer does not earn back its cost within the horizon.
    """
    _check_rates(retention, discount, upto_one=True)
    if cost_multiple < 0:
        msg = "The acquisition cost multiple must not be negative."
        raise ValueError(msg)
    value = margin_per_customer * sum(
        retention ** (k - 1) / (1 + discount) ** k for k in range(1, horizon + 1)
    )
    cost = cost_multiple * margin_per_customer
    net = value - cost
    count = difference / value if value > 0 and difference > 0 else None
    return {
        "value_per_customer": value,
        "cost_per_customer": cost,
        "net_per_customer": net,
        "new_customers": count,
        "acquisition_cost": None if count is None else count * cost,
        "new_customers_net": difference / net if net > 0 and difference > 0 else None,
    }


# --- customers at risk ------------------------------------------------------------------

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
