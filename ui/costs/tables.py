"""The cost model as the table the controller edits, and back; the drivers counted in a
period; two models side by side. Plain functions of (data, options, language, currency):
rows are polars frames whose texts are in `lang` and whose amounts are in `currency`.

The editor shows `capital_rate` in per cent a year (8 for 0.08), the shares `freight`
and `discount` in per cent, and every other unit cost in the data set's currency;
`model_from_rows` reads the edited numbers back into an exact `CostModel`. The unit
costs of an optional driver (`analytics.cost_details`) are shown only when the data has
its column.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation

import polars as pl

from analytics.cost_details import CHANNELS, DELIVERY_METHODS, DETAIL_DRIVERS
from analytics.costs import (
    COST_KEYS,
    DEFAULTS_CURRENCY,
    DETAIL_COST_KEYS,
    DRIVERS,
    CostModel,
    model_from_dict,
)
from analytics.money import MONEY_TOTAL
from locales import key_table, plain
from locales.formats import fmt_int, fmt_money, fmt_number, fmt_pct, money_scale, money_unit

__all__ = [
    "COST_LABEL_KEYS",
    "DRIVER_KEYS",
    "PERCENT_KEYS",
    "compare_rows",
    "driver_rows",
    "model_from_rows",
    "model_rows",
    "unit_cost_text",
]

# Each unit cost of the model and the catalog key of its name.
COST_LABEL_KEYS = key_table(
    "profit.cost",
    "order",
    "line",
    "credit_note",
    "small_order",
    "small_order_limit",
    "capital_rate",
    "account",
    "key_account",
    "account_a",
    "account_b",
    "account_c",
    "returned",
    "delivery",
    "freight",
    "discount",
    "channel_web",
    "channel_phone",
    "channel_field",
    "channel_other",
    "delivery_standard",
    "delivery_express",
    "delivery_pickup",
    "delivery_other",
)
# Each unit cost's unit ({unit}: the currency's word) ...
_UNIT_KEYS: dict[str, str] = {
    "order": "profit.unit.order",
    "line": "profit.unit.line",
    "credit_note": "profit.unit.credit_note",
    "small_order": "profit.unit.small_order",
    "small_order_limit": "profit.unit.small_order_limit",
    "capital_rate": "profit.unit.capital_rate",
    "account": "profit.unit.account",
    "key_account": "profit.unit.key_account",
    "account_a": "profit.unit.account_tier",
    "account_b": "profit.unit.account_tier",
    "account_c": "profit.unit.account_tier",
    "returned": "profit.unit.returned",
    "delivery": "profit.unit.delivery",
    "freight": "profit.unit.share",
    "discount": "profit.unit.share",
    **dict.fromkeys(DETAIL_COST_KEYS["channel"], "profit.unit.order_extra"),
    **dict.fromkeys(DETAIL_COST_KEYS["delivery_method"], "profit.unit.order_extra"),
}
# ... and the sentence saying what it counts.
_WHAT_KEYS: dict[str, str] = {
    "order": "profit.what.order",
    "line": "profit.what.line",
    "credit_note": "profit.what.credit_note",
    "small_order": "profit.what.small_order",
    "small_order_limit": "profit.what.small_order_limit",
    "capital_rate": "profit.what.capital_rate",
    "account": "profit.what.account",
    "key_account": "profit.what.key_account",
    "account_a": "profit.what.account_tier",
    "account_b": "profit.what.account_tier",
    "account_c": "profit.what.account_tier",
    "returned": "profit.what.returned",
    "delivery": "profit.what.delivery",
    "freight": "profit.what.freight",
    "discount": "profit.what.discount",
    **dict.fromkeys(DETAIL_COST_KEYS["channel"], "profit.what.channel"),
    **dict.fromkeys(DETAIL_COST_KEYS["delivery_method"], "profit.what.delivery_method"),
}
# Each driver of `analytics.costs.DRIVERS` and the catalog key of its name.
DRIVER_KEYS = key_table("profit.driver", *DRIVERS)
# The kinds of sales channel and delivery method, and the catalog key of their names.
_KIND_KEYS = key_table(
    "profit.kind", "web", "phone", "field", "other", "standard", "express", "pickup"
)
# The editor shows the cost of capital and the shares of freight and discount in per cent.
PERCENT_KEYS = frozenset({"capital_rate", "freight", "discount"})
_HUNDRED = Decimal(100)


def unit_cost_text(key: str, value: Decimal | None, *, currency: str, lang: str) -> str:
    """A unit cost for people: `8 %` for `capital_rate` and the shares of `PERCENT_KEYS`,
    else money (`350 kr`); `–` when unset."""
    if key in PERCENT_KEYS:
        return fmt_pct(value, 1 if value is not None and (value * 100) % 1 else 0, lang=lang)
    return fmt_money(value, currency=currency, lang=lang)


def _hidden(known: dict[str, bool] | None) -> set[str]:
    """The unit costs of the optional drivers the data does not have (`known`: driver →
    whether the export counts it; None shows every unit cost)."""
    if known is None:
        return set()
    return {k for d in DETAIL_DRIVERS if not known.get(d, False) for k in DETAIL_COST_KEYS[d]}


def model_rows(
    model: CostModel, *, currency: str, lang: str, known: dict[str, bool] | None = None
) -> pl.DataFrame:
    """The model as the editor's rows, one per unit cost in `COST_KEYS` order: `key`,
    `item` (its name), `unit_cost` (a float: per cent for `PERCENT_KEYS`, else
    `currency`; null for an unset tier cost), `unit`, `default` (the assumption, as
    text) and `what` (a sentence saying what it counts). With `known` (driver → counted,
    `costs.driver_counts_known`) an optional driver's unit costs show only when the data
    has its column."""
    defaults = CostModel()
    word = money_unit(1.0, currency=currency, lang=lang)
    rows = []
    hidden = _hidden(known)
    for key in COST_KEYS:
        if key in hidden:
            continue
        value = getattr(model, key)
        percent = key in PERCENT_KEYS
        shown = None if value is None else float(value * _HUNDRED if percent else value)
        rows.append(
            {
                "key": key,
                "item": plain(COST_LABEL_KEYS[key], lang=lang),
                "unit_cost": shown,
                "unit": plain(_UNIT_KEYS[key], lang=lang, unit=word),
                # The assumption as it is written: in its own currency, unconverted.
                "default": unit_cost_text(
                    key, getattr(defaults, key), currency=DEFAULTS_CURRENCY, lang=lang
                ),
                "what": plain(_WHAT_KEYS[key], lang=lang),
            }
        )
    return pl.DataFrame(rows, schema_overrides={"unit_cost": pl.Float64})


def _exact(value: object) -> Decimal | None:
    """An edited cell as an exact decimal (floats through their shortest text)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    try:
        return Decimal(repr(value) if isinstance(value, float) else str(value))
    except InvalidOperation as exc:
        msg = f"Not a number: {value!r}."
        raise ValueError(msg) from exc


def model_from_rows(
    keys: Sequence[str], values: Sequence[object], *, base: CostModel | None = None
) -> CostModel:
    """The model the edited rows describe: `keys` from `model_rows`, `values` the edited
    `unit_cost` column (per cent for `PERCENT_KEYS`); a unit cost without a row keeps
    `base`'s value (default: the defaults). An empty tier cost is unset; any other
    empty, negative or non-numeric value raises ValueError."""
    costs: dict[str, object] = {}
    for key, value in zip(keys, values, strict=True):
        number = _exact(value)
        if number is None and not key.startswith("account_"):
            msg = f"The unit cost {key!r} is empty."
            raise ValueError(msg)
        if number is not None and key in PERCENT_KEYS:
            number = number / _HUNDRED
        costs[key] = number
    return model_from_dict(costs, base=base)


def _kinds_text(row: dict, prefix: str, kinds: Sequence[str], *, lang: str) -> str:
    """`web 120, phone/e-mail 30, …`: the invoices of each kind that has any."""
    counted = [(k, row[f"n_{prefix}_{k}"]) for k in kinds]
    shown = [f"{plain(_KIND_KEYS[k], lang=lang)} {fmt_int(n, lang=lang)}" for k, n in counted if n]
    return ", ".join(shown) or fmt_int(0, lang=lang)


def _count_text(row: dict, driver: str, *, currency: str, lang: str) -> str:
    if driver in ("freight", "discount"):
        column = "freight_net" if driver == "freight" else "discount_amount"
        return fmt_money(row[column], currency=currency, lang=lang, compact=True)
    if driver == "returned":
        units = row["n_returned"]
        shown = fmt_number(float(units), 0 if units == int(units) else 1, lang=lang)
        return plain("profit.count.units", lang=lang, count=shown)
    if driver == "delivery":
        return plain("profit.count.days", lang=lang, count=fmt_int(row["n_delivery"], lang=lang))
    if driver == "channel":
        return _kinds_text(row, "channel", CHANNELS, lang=lang)
    if driver == "delivery_method":
        return _kinds_text(row, "delivery", DELIVERY_METHODS, lang=lang)
    if driver == "capital_rate":
        amount = fmt_money(row["late_amount_days"], currency=currency, lang=lang, compact=True)
        return plain("profit.count.capital_rate", lang=lang, amount=amount)
    if driver == "account":
        return plain(
            "profit.count.customers", lang=lang, count=fmt_int(row["customers"], lang=lang)
        )
    return fmt_int(row[f"n_{driver}"], lang=lang)


def driver_rows(
    customers: pl.DataFrame, known: dict[str, bool], *, currency: str, lang: str
) -> pl.DataFrame:
    """The drivers counted over all customers of a profit table (`costs.allocate`): one
    row per driver with `driver` (its name), `count` (text: a count, `amount × days
    late` for capital, customers for the account), `cost` (exact, `currency`) and
    `note` (why the export cannot count it; null when it can). An optional driver the
    export has no column for says "not in the export"."""
    kinds = [f"n_channel_{k}" for k in CHANNELS] + [f"n_delivery_{k}" for k in DELIVERY_METHODS]
    totals = customers.select(
        *(pl.col(f"n_{d}").sum() for d in ("order", "line", "credit_note", "small_order")),
        *(pl.col(c).sum() for c in ("n_returned", "n_delivery", *kinds)),
        *(pl.col(c).cast(MONEY_TOTAL).sum() for c in ("freight_net", "discount_amount")),
        pl.col("late_amount_days").cast(MONEY_TOTAL).sum(),
        pl.len().alias("customers"),
        *(pl.col(f"cost_{d}").cast(MONEY_TOTAL).sum() for d in DRIVERS),
    ).row(0, named=True)
    return pl.DataFrame(
        {
            "driver": [plain(DRIVER_KEYS[d], lang=lang) for d in DRIVERS],
            "count": [_count_text(totals, d, currency=currency, lang=lang) for d in DRIVERS],
            "cost": [totals[f"cost_{d}"] for d in DRIVERS],
            "note": [_note(d, known, lang=lang) for d in DRIVERS],
        },
        schema={"driver": pl.String, "count": pl.String, "cost": MONEY_TOTAL, "note": pl.String},
    )


def _note(driver: str, known: dict[str, bool], *, lang: str) -> str | None:
    if known.get(driver, True):
        return None
    if driver == "capital_rate":
        return plain("profit.no_capital", lang=lang)
    return plain("profit.not_in_export", lang=lang)


def compare_rows(
    summaries: Sequence[dict], *, headers: Sequence[str], currency: str, lang: str
) -> pl.DataFrame:
    """Models side by side: a row per measure (total customer profit, cost to serve,
    unprofitable customers, whale peak), a text column per summary (`profit_summary`)
    headed by `headers`; the amounts in one unit (tkr, MSEK) named in the measure."""
    largest = max(
        (abs(float(s[k])) for s in summaries for k in ("profit", "cost_to_serve")), default=0.0
    )
    scale = money_scale(largest)
    unit = money_unit(scale, currency=currency, lang=lang)

    def amount(value: Decimal) -> str:
        return fmt_number(float(value) / scale, 1 if scale > 1 else 0, lang=lang)

    columns: dict[str, list[str]] = {
        plain("profit.compare.measure", lang=lang): [
            plain("profit.compare.profit", lang=lang, unit=unit),
            plain("profit.compare.cost", lang=lang, unit=unit),
            plain("profit.compare.unprofitable", lang=lang),
            plain("profit.compare.peak", lang=lang),
        ]
    }
    for header, summary in zip(headers, summaries, strict=True):
        columns[header] = [
            amount(summary["profit"]),
            amount(summary["cost_to_serve"]),
            fmt_int(summary["unprofitable_customers"], lang=lang),
            fmt_pct(summary["whale_peak"], lang=lang),
        ]
    return pl.DataFrame(columns)
