"""The cost to serve each customer, and customer profit = gross margin − cost to serve.

Gross margin rarely shows which customers lose money; what it costs to serve them does:
many small orders, many lines, credit notes, paying late, an account manager's time.
This module counts those cost drivers per customer and period from the sales lines
(`count_drivers`, SQL in DuckDB, once per period), prices them with a cost model of unit
costs (`CostModel`, `allocate`: pure polars, cheap enough for every slider move) and
answers what-if questions (`what_if`: one driver's unit cost changed for a group).

Drivers (the keys of `DRIVERS`), counted per customer over the period's lines; an invoice
is a distinct invoice number of the customer (a line without one: the customer's
invoice date, as everywhere in Kundfokus):

- `order`: invoices, credit notes included;
- `line`: invoice lines;
- `credit_note`: invoices whose net (the sum of their lines) is below zero;
- `small_order`: invoices whose net is at least zero and below `small_order_limit`;
- `capital_rate`: amount × days paid late, summed over invoices with a positive net
  paid after their due date (both dates in the export), priced at `capital_rate` a year
  (cost = amount × days ÷ 365 × rate). Without due and paid dates it is 0, and
  `capital_known` says so;
- `account`: one per customer in the period (a year's cost for the default 12 months):
  `account`, or the tier's `account_a`/`_b`/`_c` when tiers are given, plus
  `key_account` when the customer master names a key-account manager;
- `returned`, `delivery`, `freight`, `discount`, `channel`, `delivery_method`: from the
  optional columns an export may have (returned quantity, delivery date, freight charged
  and freight cost, discount, sales channel, delivery method), counted by
  `analytics.cost_details`; a driver the export has no column for counts 0.

Money is exact: unit costs are decimals (four decimals), counts × unit costs are exact
and the capital cost is rounded to four decimals per customer; all amounts are in the
data set's currency. Customer profit uses the margin of `analytics.concentration.
with_margin`: the export's gross margin, or a margin the team assumes where the export
has no cost (then `margin_assumed` is true); with neither, profit is unknown (null).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from decimal import Decimal, InvalidOperation

import polars as pl

from analytics.cost_details import (
    CHANNELS,
    DELIVERY_METHODS,
    DETAIL_DRIVERS,
    count_details,
    details_known,
    empty_details,
)
from analytics.metrics import Period
from analytics.money import MONEY_TOTAL
from analytics.store import Store

__all__ = [
    "COST_KEYS",
    "DEFAULTS_CURRENCY",
    "DETAIL_COST_KEYS",
    "DRIVERS",
    "CostModel",
    "allocate",
    "count_drivers",
    "driver_counts_known",
    "model_as_dict",
    "model_from_dict",
]

DRIVERS: tuple[str, ...] = (
    "order",
    "line",
    "credit_note",
    "small_order",
    "capital_rate",
    "account",
    *DETAIL_DRIVERS,
)
_FOUR = Decimal("0.0001")
_DAYS_PER_YEAR = 365
# The currency `CostModel`'s defaults are written in (a Swedish wholesaler's, in kronor).
# A data set in another currency gets them unconverted: there is no rate to convert with.
DEFAULTS_CURRENCY = "SEK"


def _decimal(key: str, value: object) -> Decimal:
    """`value` as a non-negative finite Decimal with at most four decimals."""
    try:
        number = Decimal(str(value).strip()) if not isinstance(value, Decimal) else value
    except InvalidOperation:
        number = Decimal("NaN")
    if not number.is_finite() or number < 0:
        msg = f"The unit cost {key!r} must be a number of 0 or more, got {value!r}."
        raise ValueError(msg)
    return number.quantize(_FOUR)


@dataclass(frozen=True)
class CostModel:
    """Unit costs of serving customers, in the data set's currency.

    `order` per invoice, `line` per invoice line, `credit_note` per credit note,
    `small_order` per invoice whose net is below `small_order_limit` (currency) — on top
    of its order cost —, `capital_rate` the cost of capital as a fraction a year (0.08 =
    8 %) on amounts paid late, `account` per customer in the period, `key_account` extra
    per customer whose master names a key-account manager, and `account_a`, `account_b`,
    `account_c` per customer of that tier when tiers are given (None: `account`).
    From the optional columns (`analytics.cost_details`): `returned` per unit returned,
    `delivery` per delivery day, `freight` the share of net freight cost counted (1 = at
    cost), `discount` the share of discounts counted as lost margin (0: the amounts are
    after discount), `channel_<kind>` extra per order by sales channel and
    `delivery_<kind>` extra per order by delivery method.
    The defaults are a Swedish wholesaler's, in kronor; any value given is read as a
    decimal (text or number) with four decimals, and must be 0 or more.
    """

    order: Decimal = Decimal("350")
    line: Decimal = Decimal("25")
    credit_note: Decimal = Decimal("500")
    small_order: Decimal = Decimal("150")
    small_order_limit: Decimal = Decimal("1000")
    capital_rate: Decimal = Decimal("0.08")
    account: Decimal = Decimal("500")
    key_account: Decimal = Decimal("0")
    account_a: Decimal | None = None
    account_b: Decimal | None = None
    account_c: Decimal | None = None
    returned: Decimal = Decimal("40")
    delivery: Decimal = Decimal("150")
    freight: Decimal = Decimal("1")
    discount: Decimal = Decimal("0")
    channel_web: Decimal = Decimal("0")
    channel_phone: Decimal = Decimal("50")
    channel_field: Decimal = Decimal("400")
    channel_other: Decimal = Decimal("0")
    delivery_standard: Decimal = Decimal("0")
    delivery_express: Decimal = Decimal("250")
    delivery_pickup: Decimal = Decimal("0")
    delivery_other: Decimal = Decimal("0")

    def __post_init__(self) -> None:
        for item in fields(self):
            value = getattr(self, item.name)
            if value is None and item.name.startswith("account_"):
                continue
            object.__setattr__(self, item.name, _decimal(item.name, value))
        if self.capital_rate > 1:
            msg = f"The capital rate is a fraction a year (0.08 = 8 %), got {self.capital_rate}."
            raise ValueError(msg)
        if self.discount > 1:
            msg = f"The discount counted is a share (0 to 1), got {self.discount}."
            raise ValueError(msg)


COST_KEYS: tuple[str, ...] = tuple(item.name for item in fields(CostModel))
# The unit costs of each optional driver (`cost_details`): one, or one per kind.
DETAIL_COST_KEYS: dict[str, tuple[str, ...]] = {
    "returned": ("returned",),
    "delivery": ("delivery",),
    "freight": ("freight",),
    "discount": ("discount",),
    "channel": tuple(f"channel_{k}" for k in CHANNELS),
    "delivery_method": tuple(f"delivery_{k}" for k in DELIVERY_METHODS),
}


def model_as_dict(model: CostModel) -> dict[str, str | None]:
    """The unit costs as exact text ({key: "350.0000"}; None for an unset tier cost)."""
    return {
        key: None if getattr(model, key) is None else str(getattr(model, key)) for key in COST_KEYS
    }


def model_from_dict(costs: dict[str, object], *, base: CostModel | None = None) -> CostModel:
    """A model with the unit costs of `costs` (text or numbers) and the rest from `base`
    (default: the defaults). Raises ValueError for an unknown key or a bad value."""
    unknown = sorted(set(costs) - set(COST_KEYS))
    if unknown:
        msg = f"Unknown unit costs {unknown}: the model has {list(COST_KEYS)}."
        raise ValueError(msg)
    start = model_as_dict(base or CostModel())
    return CostModel(**{**start, **costs})


# --- counting ---------------------------------------------------------------------------

_DRIVERS_SQL = """
with invoices as (
    select customer_id,
           coalesce(invoice_number, invoice_date::varchar) as invoice,
           sum(revenue) as net,
           count(*) as lines,
           max(due_date) as due_date,
           max(paid_date) as paid_date
    from sales_lines
    where dataset_id = $dataset and invoice_date between $start and $end
    group by all
)
select customer_id,
       count(*) as n_order,
       sum(lines) as n_line,
       count(*) filter (where net < 0) as n_credit_note,
       count(*) filter (where net >= 0 and net < $limit) as n_small_order,
       coalesce(sum(net * date_diff('day', due_date, paid_date))
                    filter (where net > 0 and paid_date > due_date), 0) as late_amount_days,
       count(*) filter (where due_date is not null and paid_date is not null) as n_dated
from invoices
group by customer_id
order by customer_id
"""

_COUNTS = ("n_order", "n_line", "n_credit_note", "n_small_order")


def count_drivers(
    store: Store, *, dataset_id: int, period: Period, small_order_limit: Decimal
) -> pl.DataFrame:
    """The cost drivers of every customer with a line in `period` (see the module text).

    Columns: `customer_id`, `n_order`, `n_line`, `n_credit_note`, `n_small_order`
    (counts), `late_amount_days` (currency × days, exact), `n_dated` (invoices with both
    a due and a paid date), and the optional drivers' columns of
    `cost_details.count_details`. `small_order_limit` is in the data set's currency.
    """
    params = {
        "dataset": dataset_id,
        "start": period.start,
        "end": period.end,
        "limit": _decimal("small_order_limit", small_order_limit),
    }
    frame = store.query(_DRIVERS_SQL, params).with_columns(
        *(pl.col(c).cast(pl.Int64) for c in (*_COUNTS, "n_dated")),
        pl.col("late_amount_days").cast(MONEY_TOTAL),
    )
    details = count_details(store, dataset_id=dataset_id, period=period)
    return frame.join(details, on="customer_id", how="left", maintain_order="left")


def driver_counts_known(drivers: pl.DataFrame) -> dict[str, bool]:
    """Which drivers the export can count: `capital_rate` needs due and paid dates on at
    least one invoice of the period, an optional driver its column (`cost_details`); the
    others always."""
    known = dict.fromkeys(DRIVERS, True)
    known["capital_rate"] = bool(drivers.height) and int(drivers["n_dated"].sum()) > 0
    if "k_returned" in drivers.columns:
        known |= details_known(drivers)
    else:
        known |= dict.fromkeys(DETAIL_DRIVERS, False)
    return known


# --- allocation -------------------------------------------------------------------------


def _money(value: Decimal | None) -> pl.Expr:
    return pl.lit(value, dtype=MONEY_TOTAL)


def _capital(amount_days: pl.Series, rate: Decimal) -> pl.Series:
    """amount × days ÷ 365 × rate, exact, rounded to four decimals per customer."""
    return _scaled(amount_days, rate / _DAYS_PER_YEAR, "cost_capital_rate")


def _scaled(amounts: pl.Series, factor: Decimal, name: str) -> pl.Series:
    """amount × factor, exact, rounded to four decimals per customer."""
    values = [None if v is None else (v * factor).quantize(_FOUR) for v in amounts.to_list()]
    return pl.Series(name, values, dtype=MONEY_TOTAL)


def _by_kind(model: CostModel) -> list[pl.Expr]:
    """The cost of the channel and delivery-method drivers: invoices of each kind ×
    the kind's extra cost per order."""
    kinds = {"channel": ("channel", CHANNELS), "delivery_method": ("delivery", DELIVERY_METHODS)}
    out = []
    for driver, (prefix, names) in kinds.items():
        terms = [pl.col(f"n_{prefix}_{k}") * _money(getattr(model, f"{prefix}_{k}")) for k in names]
        out.append(pl.sum_horizontal(*terms).cast(MONEY_TOTAL).alias(f"cost_{driver}"))
    return out


def _detail_costs(frame: pl.DataFrame, model: CostModel) -> list[pl.Expr | pl.Series]:
    """The cost of each optional driver (`cost_details`), exact."""
    return [
        _scaled(frame["n_returned"], model.returned, "cost_returned"),
        (pl.col("n_delivery") * _money(model.delivery)).cast(MONEY_TOTAL).alias("cost_delivery"),
        _scaled(frame["freight_net"], model.freight, "cost_freight"),
        _scaled(frame["discount_amount"], model.discount, "cost_discount"),
        *_by_kind(model),
    ]


def _with_counts(customers: pl.DataFrame, drivers: pl.DataFrame) -> pl.DataFrame:
    """`customers` with every count column of `drivers` (0 where a customer or an
    optional driver's columns are missing)."""
    if "k_returned" not in drivers.columns:
        drivers = drivers.join(
            empty_details(drivers["customer_id"]), on="customer_id", maintain_order="left"
        )
    details = [c for c in empty_details().columns if c != "customer_id"]
    counts = drivers.select("customer_id", *_COUNTS, "late_amount_days", *details)
    return customers.join(counts, on="customer_id", how="left").with_columns(
        *(pl.col(c).fill_null(0) for c in counts.columns if c != "customer_id")
    )


def _account_unit(model: CostModel, tiered: bool) -> pl.Expr:
    """Each customer's account cost: the tier's (when tiers are given), plus the
    key-account cost where the master names a key-account manager."""
    base = _money(model.account)
    if tiered:
        for tier in ("A", "B", "C"):
            cost = getattr(model, f"account_{tier.lower()}")
            if cost is not None:
                base = pl.when(pl.col("_tier") == tier).then(_money(cost)).otherwise(base)
    has_manager = pl.col("key_account_manager").cast(pl.String).str.strip_chars().fill_null("")
    extra = pl.when(has_manager != "").then(_money(model.key_account)).otherwise(_money(0))
    return base + extra


def allocate(
    customers: pl.DataFrame,
    drivers: pl.DataFrame,
    *,
    model: CostModel,
    tiers: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Price each customer's drivers and take them off its margin.

    `customers` comes from `analytics.concentration.with_margin` (`customer_id`,
    `revenue`, `gross_margin`, `margin`, `margin_assumed`; `key_account_manager` when
    present). `drivers` comes from `count_drivers` (a customer missing there counts 0).
    `tiers` (`customer_id`, `tier` A/B/C) prices the account by tier. Adds the counts,
    `cost_<driver>` for every driver in `DRIVERS` (currency, exact), `cost_to_serve`
    (their sum) and `profit` = margin − cost to serve (null where the margin is
    unknown); order and columns of `customers` are kept.
    """
    frame = _with_counts(customers, drivers)
    if "key_account_manager" not in frame.columns:
        frame = frame.with_columns(pl.lit(None, dtype=pl.String).alias("key_account_manager"))
    tiered = tiers is not None
    if tiered:
        frame = frame.join(
            tiers.select("customer_id", pl.col("tier").alias("_tier")), on="customer_id", how="left"
        )
    frame = frame.with_columns(
        *(
            (pl.col(f"n_{d}") * _money(getattr(model, d))).alias(f"cost_{d}")
            for d in ("order", "line", "credit_note", "small_order")
        ),
        _capital(frame["late_amount_days"], model.capital_rate),
        _account_unit(model, tiered).alias("cost_account"),
        *_detail_costs(frame, model),
    )
    if tiered:
        frame = frame.drop("_tier")
    if "key_account_manager" not in customers.columns:
        frame = frame.drop("key_account_manager")
    cost = pl.sum_horizontal(*(pl.col(f"cost_{d}") for d in DRIVERS)).cast(MONEY_TOTAL)
    return frame.with_columns(cost.alias("cost_to_serve")).with_columns(
        (pl.col("margin").cast(MONEY_TOTAL) - pl.col("cost_to_serve")).alias("profit")
    )
