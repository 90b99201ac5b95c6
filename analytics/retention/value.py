"""What keeping customers longer is worth: customer lifetime value per tier, the
retention scenario over a horizon, and the new customers it equals.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypedDict

import polars as pl

from analytics.retention.rates import ALL, REST

__all__ = [
    "AcquisitionEquivalent",
    "acquisition_equivalent",
    "clv_multiplier",
    "customer_lifetime_value",
    "expected_lifetime",
    "project_scenario",
    "scenario_groups",
    "tier_values",
]

# Lifetime values use at most this rate: an observed 100 % (a small group where nobody
# left) would mean an endless lifetime.
MAX_RETENTION = 0.99


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


class AcquisitionEquivalent(TypedDict):
    """The new customers a difference equals (`acquisition_equivalent`; currency)."""

    value_per_customer: float
    cost_per_customer: float
    net_per_customer: float
    new_customers: float | None
    acquisition_cost: float | None
    new_customers_net: float | None


def acquisition_equivalent(
    difference: float,
    *,
    margin_per_customer: float,
    retention: float,
    discount: float,
    horizon: int,
    cost_multiple: float,
) -> AcquisitionEquivalent:
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
    return AcquisitionEquivalent(
        value_per_customer=value,
        cost_per_customer=cost,
        net_per_customer=net,
        new_customers=count,
        acquisition_cost=None if count is None else count * cost,
        new_customers_net=difference / net if net > 0 and difference > 0 else None,
    )
