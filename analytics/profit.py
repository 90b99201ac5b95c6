"""Customer profit for a data set and period: the table, its headline figures, one
customer's waterfall from revenue to profit, and what-if questions.

Built on `analytics.costs` (drivers, the cost model, allocation) and the margin rule of
`analytics.concentration.with_margin`. Amounts are exact decimals in the data set's
currency; shares are fractions (a whale peak of 1.8 is 180 % of the total profit).
A page counts the drivers once per period (`profit_table`) and re-prices them on every
widget move (`costs.allocate`, `what_if`), never going back to the sales lines.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import replace
from decimal import Decimal
from typing import TypedDict

import polars as pl

from analytics import costs
from analytics.concentration import margin_source, pareto_curve, whale_peak, with_margin
from analytics.cost_details import DETAIL_DRIVERS, DETAIL_MEASURES
from analytics.metrics import Period
from analytics.money import MONEY_TOTAL
from analytics.store import Store

__all__ = [
    "ProfitTable",
    "WhatIf",
    "customer_profit_column",
    "driver_measure",
    "most_of",
    "profit_as_margin",
    "profit_summary",
    "profit_table",
    "profit_waterfall",
    "what_if",
]


class ProfitTable(TypedDict):
    """What `profit_table` returns.

    `customers`: one row per customer (see `costs.allocate`); `drivers`: the counts from
    `costs.count_drivers`, to re-price without SQL; `model`: the unit costs used;
    `known`: driver → whether the export can count it (`capital_rate` needs due and paid
    dates); `margin_source`: `data`, `assumed` or `none`.
    """

    customers: pl.DataFrame
    drivers: pl.DataFrame
    model: costs.CostModel
    known: dict[str, bool]
    margin_source: str


def profit_table(
    store: Store,
    *,
    dataset_id: int,
    period: Period,
    model: costs.CostModel,
    assumed_margin: float | None = None,
    group_margins: Mapping[str, float] | None = None,
    tiers: pl.DataFrame | None = None,
) -> ProfitTable:
    """Customer profit of every customer with a line in `period`.

    The customer metrics of `period` with their margin (`with_margin`: the export's, or
    `assumed_margin` / `group_margins`, shares of revenue 0–1, where the cost is
    unknown), the drivers counted and priced with `model` (and `tiers`, `customer_id` →
    A/B/C, for tier account costs). Sorted by revenue, largest first, ties by customer id.
    """
    from analytics.concentration import group_revenue
    from analytics.metrics import customer_metrics

    metrics = customer_metrics(store, dataset_id=dataset_id, period=period, with_profit=False)
    groups = group_revenue(store, dataset_id=dataset_id, period=period) if group_margins else None
    margins = with_margin(
        metrics, assumed_margin=assumed_margin, group_margins=group_margins, groups=groups
    )
    drivers = costs.count_drivers(
        store, dataset_id=dataset_id, period=period, small_order_limit=model.small_order_limit
    )
    customers = costs.allocate(margins, drivers, model=model, tiers=tiers).sort(
        ["revenue", "customer_id"], descending=[True, False]
    )
    return {
        "customers": customers,
        "drivers": drivers,
        "model": model,
        "known": costs.driver_counts_known(drivers),
        "margin_source": margin_source(margins),
    }


def customer_profit_column(
    store: Store, metrics: pl.DataFrame, *, dataset_id: int, period: Period
) -> pl.DataFrame:
    """`metrics` (from `customer_metrics`) with `customer_profit`: gross margin − cost to
    serve under the data set's cost model in use (the defaults when none is), null where
    the export has no cost. The focus list's criterion "customer profit" reads it."""
    from analytics.cost_models import model_in_use

    _, model = model_in_use(store, dataset_id=dataset_id)
    drivers = costs.count_drivers(
        store, dataset_id=dataset_id, period=period, small_order_limit=model.small_order_limit
    )
    priced = costs.allocate(with_margin(metrics), drivers, model=model)
    return metrics.join(
        priced.select("customer_id", pl.col("profit").alias("customer_profit")),
        on="customer_id",
        how="left",
    )


def profit_as_margin(customers: pl.DataFrame) -> pl.DataFrame:
    """A profit table (`costs.allocate`) measured by customer profit: `margin` is the
    customer's profit and `margin_share` profit ÷ revenue (rounded as in `with_margin`),
    so that `analytics.concentration` (quadrants, whale curve, Pareto shares, headline
    numbers) reads customer profit where it read gross margin. The gross margin stays as
    `gross_margin` (the export's) and `margin_assumed` as it was; a customer whose margin
    is unknown keeps a null profit."""
    revenue = pl.col("revenue").cast(pl.Float64)
    return customers.with_columns(pl.col("profit").cast(MONEY_TOTAL).alias("margin")).with_columns(
        pl.when(pl.col("revenue") > 0)
        .then((pl.col("margin").cast(pl.Float64) / revenue).round(12))
        .otherwise(None)
        .alias("margin_share")
    )


def driver_measure(driver: str) -> str:
    """The column of a profit table that measures `driver` for a customer: its count
    (`n_order` …), amount × days late for `capital_rate`, the cost for `account`, and
    units, days or amounts for the optional drivers (`cost_details.DETAIL_MEASURES`)."""
    if driver not in costs.DRIVERS:
        msg = f"Unknown driver {driver!r}: use one of {list(costs.DRIVERS)}."
        raise ValueError(msg)
    special = {"capital_rate": "late_amount_days", "account": "cost_account", **DETAIL_MEASURES}
    return special.get(driver, f"n_{driver}")


def _largest_loss(customers: pl.DataFrame, top: int) -> dict | None:
    """The largest customer by revenue among the `top` largest that lose money, with the
    driver that costs it most and that driver's count."""
    losing = customers.sort(["revenue", "customer_id"], descending=[True, False]).head(top)
    losing = losing.filter(pl.col("profit") < 0)
    if losing.is_empty():
        return None
    row = losing.row(0, named=True)
    driver = max(costs.DRIVERS, key=lambda d: (row[f"cost_{d}"], -costs.DRIVERS.index(d)))
    count = 1 if driver == "account" else row[driver_measure(driver)]
    return {
        "customer_id": row["customer_id"],
        "customer_name": row.get("customer_name"),
        "profit": row["profit"],
        "cost_to_serve": row["cost_to_serve"],
        "driver": driver,
        "driver_cost": row[f"cost_{driver}"],
        "driver_count": count,
    }


def profit_summary(customers: pl.DataFrame, *, top: int = 100) -> dict:
    """Headline figures of a profit table (`profit_table(...)["customers"]`).

    Keys: `customers`, `revenue`, `gross_margin` (the margin used, summed), `cost_to_serve`
    and `profit` (currency, exact; margin and profit over customers with a known margin),
    `unprofitable_customers` (profit below 0) and `unprofitable_by_margin` (margin below
    0), `whale_peak` and `whale_peak_margin` (the peak of the profit's and of the margin's
    whale curve as a share of its total, None when the total is 0 or below), `top`,
    `top_unprofitable` (of the `top` largest customers by revenue, how many lose money)
    and `largest_loss` (see `_largest_loss`; None when none of them loses money).
    """
    known = customers.filter(pl.col("margin").is_not_null())
    return {
        "customers": customers.height,
        "revenue": customers["revenue"].cast(MONEY_TOTAL).sum(),
        "gross_margin": known["margin"].cast(MONEY_TOTAL).sum(),
        "cost_to_serve": customers["cost_to_serve"].sum(),
        "profit": known["profit"].sum(),
        "unprofitable_customers": known.filter(pl.col("profit") < 0).height,
        "unprofitable_by_margin": known.filter(pl.col("margin") < 0).height,
        "whale_peak": whale_peak(pareto_curve(customers, value="profit"))["share"],
        "whale_peak_margin": whale_peak(pareto_curve(customers, value="margin"))["share"],
        "top": min(top, customers.height),
        "top_unprofitable": customers.sort(["revenue", "customer_id"], descending=[True, False])
        .head(top)
        .filter(pl.col("profit") < 0)
        .height,
        "largest_loss": _largest_loss(customers, top),
    }


def profit_waterfall(customers: pl.DataFrame, *, customer_id: str) -> pl.DataFrame:
    """One customer's way from revenue to profit, step by step, for a waterfall chart.

    Rows: `revenue`, `cost_of_goods` (margin − revenue), `gross_margin`, then one per
    driver of `costs.DRIVERS` (its cost, negative; an optional driver of `cost_details` only
    where it costs the customer something) and `profit`. Columns: `step` (the key),
    `kind` (`total` for revenue, gross margin and profit, `cost` for the others),
    `amount` (currency, exact; a cost negative), `start` and `end` (the bar's ends as
    floats: a total runs from 0, a cost from the running total down). Empty when the
    customer is not in the table or its margin is unknown.
    """
    rows = customers.filter(pl.col("customer_id") == customer_id)
    schema = {
        "step": pl.String,
        "kind": pl.String,
        "amount": MONEY_TOTAL,
        "start": pl.Float64,
        "end": pl.Float64,
    }
    if rows.is_empty() or rows["margin"][0] is None:
        return pl.DataFrame(schema=schema)
    row = rows.row(0, named=True)
    revenue, margin = Decimal(row["revenue"]), Decimal(row["margin"])
    steps: list[tuple[str, str, Decimal]] = [
        ("revenue", "total", revenue),
        ("cost_of_goods", "cost", margin - revenue),
        ("gross_margin", "total", margin),
        *(
            (d, "cost", -Decimal(row[f"cost_{d}"]))
            for d in costs.DRIVERS
            if d not in DETAIL_DRIVERS or row[f"cost_{d}"] != 0
        ),
        ("profit", "total", Decimal(row["profit"])),
    ]
    records, running = [], Decimal(0)
    for step, kind, amount in steps:
        start = Decimal(0) if kind == "total" else running
        running = amount if kind == "total" else running + amount
        records.append((step, kind, amount, float(start), float(running)))
    return pl.DataFrame(records, schema=schema, orient="row")


def most_of(customers: pl.DataFrame, *, driver: str, count: int) -> list[str]:
    """The `count` customers with the most of `driver` (`driver_measure`: its count;
    `capital_rate`: amount × days late), ties by customer id: the group of a what-if
    ("the 40 customers with the most small orders")."""
    column = driver_measure(driver)
    ranked = customers.sort([column, "customer_id"], descending=[True, False])
    return ranked.head(count)["customer_id"].to_list()


class WhatIf(TypedDict):
    """What `what_if` returns: `before` and `after` (profit tables), their whale curves
    `before_curve` and `after_curve` (`pareto_curve` of profit) and summaries
    `before_summary` and `after_summary` (`profit_summary`), and `change` (total profit
    after − before, currency)."""

    before: pl.DataFrame
    after: pl.DataFrame
    before_curve: pl.DataFrame
    after_curve: pl.DataFrame
    before_summary: dict
    after_summary: dict
    change: Decimal


def what_if(
    customers: pl.DataFrame,
    drivers: pl.DataFrame,
    *,
    model: costs.CostModel,
    driver: str,
    unit_cost: Decimal | float | str,
    group: Collection[str],
    tiers: pl.DataFrame | None = None,
) -> WhatIf:
    """Profit and whale curve when `driver`'s unit cost is `unit_cost` for the customers
    in `group` (ids) and stays at `model`'s for everyone else.

    `customers` is a profit table (or the margin table it was built from: the cost
    columns are priced anew), `drivers` its counts. `driver` is a key of `costs.DRIVERS` that
    is also a unit cost (for `account` the per-customer `account` cost; `capital_rate` a
    fraction a year) or a unit cost of `costs.COST_KEYS` (`channel_field`: field sales' extra
    per order).
    """
    if driver not in costs.COST_KEYS or driver == "small_order_limit":
        msg = f"Unknown unit cost {driver!r}: use one of {list(costs.COST_KEYS)}."
        raise ValueError(msg)
    counted = {*drivers.columns, "late_amount_days", "freight_net", "discount_amount", "profit"}
    base = customers.drop(
        [c for c in customers.columns if c.startswith(("n_", "cost_", "k_"))]
        + [c for c in customers.columns if c in counted and c != "customer_id"]
    )
    changed = replace(model, **{driver: unit_cost})
    ids = pl.Series(list(group), dtype=pl.String).implode()
    inside = base.filter(pl.col("customer_id").is_in(ids))
    outside = base.filter(~pl.col("customer_id").is_in(ids))
    before = costs.allocate(base, drivers, model=model, tiers=tiers)
    after = pl.concat(
        [
            costs.allocate(inside, drivers, model=changed, tiers=tiers),
            costs.allocate(outside, drivers, model=model, tiers=tiers),
        ]
    )
    order = base.select("customer_id").with_row_index("_order")
    after = after.join(order, on="customer_id").sort("_order").drop("_order")
    before_summary, after_summary = profit_summary(before), profit_summary(after)
    return {
        "before": before,
        "after": after,
        "before_curve": pareto_curve(before, value="profit"),
        "after_curve": pareto_curve(after, value="profit"),
        "before_summary": before_summary,
        "after_summary": after_summary,
        "change": after_summary["profit"] - before_summary["profit"],
    }
