"""The cost drivers an export holds only sometimes: returns, deliveries, freight,
discounts, the sales channel and the delivery method.

The import keeps these optional columns on each sales line (null when the export has no
such column). `count_details` counts them per customer and period in DuckDB; the cost
model (`analytics.costs.CostModel`) prices them. Counted per customer over the period's
lines, an invoice being a distinct invoice number (as in `analytics.costs`):

- `returned`: units returned, the sum of the returned quantity (its sign ignored), priced
  per unit;
- `delivery`: distinct delivery days, priced per delivery;
- `freight`: net freight cost = freight cost − freight charged (summed over lines, as the
  export writes them), counted at cost (`freight` = 1; a share of it otherwise). It can
  be below 0 where the customer pays more freight than it costs. It needs a freight-cost
  column: freight charged alone is no cost and is not counted;
- `discount`: discounts given (the sum of the discount column, its sign ignored). The
  amount and the margin of an export are after discount almost always, so the discount
  has lowered the gross margin already: the model's `discount` (the share counted as lost
  margin) is 0 by default. Set it to 1 for an export whose amounts are before discount;
- `channel`: invoices by sales channel (`web`, `phone`, `field`, `other`), each priced at
  the channel's extra cost per order on top of `order`;
- `delivery_method`: invoices by delivery method (`standard`, `express`, `pickup`,
  `other`), each priced at the method's extra cost per order.

An invoice whose lines name two channels counts once under each. Which value is which
kind is data (`cost_values.toml`). A driver whose column is not in the period's lines
counts 0 and `details_known` says so.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import polars as pl

from analytics.metrics import Period
from analytics.money import MONEY_TOTAL
from analytics.store import Store

__all__ = [
    "CHANNELS",
    "DELIVERY_METHODS",
    "DETAIL_DRIVERS",
    "DETAIL_MEASURES",
    "KIND_WORDS",
    "count_details",
    "details_known",
    "empty_details",
]

DETAIL_DRIVERS: tuple[str, ...] = (
    "returned",
    "delivery",
    "freight",
    "discount",
    "channel",
    "delivery_method",
)
_CONFIG = tomllib.loads(Path(__file__).with_name("cost_values.toml").read_text("utf-8"))
# The words of each kind of sales channel and delivery method, in the order tried.
KIND_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    column: {kind: tuple(words) for kind, words in kinds.items()}
    for column, kinds in _CONFIG.items()
}
CHANNELS: tuple[str, ...] = (*KIND_WORDS["channel"], "other")
DELIVERY_METHODS: tuple[str, ...] = (*KIND_WORDS["delivery_method"], "other")
# The count columns of each kind: `n_channel_web`, `n_delivery_express` …
_KIND_COLUMNS: dict[str, tuple[str, ...]] = {
    "channel": tuple(f"n_channel_{k}" for k in CHANNELS),
    "delivery_method": tuple(f"n_delivery_{k}" for k in DELIVERY_METHODS),
}
# The column that measures each driver (what a what-if group ranks and a sentence says).
DETAIL_MEASURES: dict[str, str] = {
    "returned": "n_returned",
    "delivery": "n_delivery",
    "freight": "freight_net",
    "discount": "discount_amount",
    "channel": "cost_channel",
    "delivery_method": "cost_delivery_method",
}
# Lines with a value in the driver's column(s): 0 over the period = not in the export.
_PRESENT = {d: f"k_{d}" for d in DETAIL_DRIVERS}
_SOURCE = {
    "returned": "returned_quantity",
    "delivery": "delivery_date",
    "freight": "freight_cost",
    "discount": "discount",
    "channel": "channel",
    "delivery_method": "delivery_method",
}


def _pattern(words: tuple[str, ...]) -> str:
    """A regular expression (RE2) true when one of `words` starts a word of the text."""
    return r"(^|[^\pL\pN])(" + "|".join(re.escape(w.lower()) for w in words) + ")"


def _kind_sql(column: str, params: dict[str, object]) -> str:
    """A SQL `case` giving each line's kind of `column`, its patterns added to `params`."""
    cases = []
    for kind, words in KIND_WORDS[column].items():
        name = f"{column}_{kind}"
        params[name] = _pattern(words)
        cases.append(f"when regexp_matches(lower(trim({column})), ${name}) then '{kind}'")
    return (
        f"case when nullif(trim({column}), '') is null then null "
        + " ".join(cases)
        + " else 'other' end"
    )


def _details_sql(params: dict[str, object]) -> str:
    channel = _kind_sql("channel", params)
    method = _kind_sql("delivery_method", params)
    kinds = [
        f"count(distinct invoice) filter (where channel_kind = '{k}') as n_channel_{k}"
        for k in CHANNELS
    ] + [
        f"count(distinct invoice) filter (where method_kind = '{k}') as n_delivery_{k}"
        for k in DELIVERY_METHODS
    ]
    present = [f"count({_SOURCE[d]}) as {_PRESENT[d]}" for d in DETAIL_DRIVERS]
    return f"""
    with lines as (
        select customer_id,
               coalesce(invoice_number, invoice_date::varchar) as invoice,
               returned_quantity, delivery_date, freight_charged, freight_cost, discount,
               nullif(trim(channel), '') as channel,
               nullif(trim(delivery_method), '') as delivery_method,
               {channel} as channel_kind,
               {method} as method_kind
        from sales_lines
        where dataset_id = $dataset and invoice_date between $start and $end
    )
    select customer_id,
           coalesce(sum(abs(returned_quantity)), 0) as n_returned,
           count(distinct delivery_date) as n_delivery,
           coalesce(sum(freight_cost), 0) - coalesce(sum(freight_charged), 0) as freight_net,
           coalesce(sum(abs(discount)), 0) as discount_amount,
           {", ".join(kinds + present)}
    from lines
    group by customer_id
    order by customer_id
    """


# The columns of `count_details` by type.
_MONEY_COLUMNS = ("n_returned", "freight_net", "discount_amount")
_INT_COLUMNS = (
    "n_delivery",
    *_KIND_COLUMNS["channel"],
    *_KIND_COLUMNS["delivery_method"],
    *_PRESENT.values(),
)


def empty_details(customers: pl.Series | None = None) -> pl.DataFrame:
    """Zero details for `customers` (ids), with every column of `count_details`."""
    ids = [] if customers is None else customers.to_list()
    return pl.DataFrame(
        {
            "customer_id": pl.Series(ids, dtype=pl.String),
            **{c: pl.Series([0] * len(ids), dtype=MONEY_TOTAL) for c in _MONEY_COLUMNS},
            **{c: pl.Series([0] * len(ids), dtype=pl.Int64) for c in _INT_COLUMNS},
        }
    )


def count_details(store: Store, *, dataset_id: int, period: Period) -> pl.DataFrame:
    """The optional drivers of every customer with a line in `period` (module text).

    Columns: `customer_id`, `n_returned` (units, exact), `n_delivery` (days),
    `freight_net` and `discount_amount` (currency, exact; `freight_net` is 0 for every
    customer when no line of the period has a freight cost), `n_channel_<kind>` and
    `n_delivery_<kind>` (invoices), and `k_<driver>` (lines with a value).
    """
    params: dict[str, object] = {"dataset": dataset_id, "start": period.start, "end": period.end}
    frame = store.query(_details_sql(params), params).with_columns(
        *(pl.col(c).cast(MONEY_TOTAL) for c in _MONEY_COLUMNS),
        *(pl.col(c).cast(pl.Int64) for c in _INT_COLUMNS),
    )
    if frame.height and int(frame["k_freight"].sum()) == 0:
        frame = frame.with_columns(pl.lit(0, dtype=MONEY_TOTAL).alias("freight_net"))
    return frame


def details_known(details: pl.DataFrame) -> dict[str, bool]:
    """Which optional drivers the period's lines hold (a value on at least one line)."""
    return {d: bool(details.height) and int(details[_PRESENT[d]].sum()) > 0 for d in DETAIL_DRIVERS}
