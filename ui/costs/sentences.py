"""The cost-to-serve page's sentences in a language: what the cost to serve changes
(the headline of `analytics.profit.profit_summary`), what a what-if does, where margins
are unknown or assumed, and the headline metrics. Plain functions of (figures, language,
currency) returning `Markdown` (data escaped) or plain text.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import polars as pl

from analytics.concentration import MARGIN_NONE
from analytics.costs import DEFAULTS_CURRENCY, DRIVERS
from locales import Markdown, key_table, plain, t, trusted
from locales.formats import fmt_int, fmt_money, fmt_pct

__all__ = [
    "GROUP_KEYS",
    "WHATIF_COST_KEYS",
    "Headline",
    "cost_total_sentence",
    "foreign_defaults_note",
    "headline",
    "margin_notice",
    "summary_sentence",
    "whatif_sentence",
]

# What the largest loss-maker's cost mostly comes from, by its costliest driver.
_MOSTLY_KEYS = key_table("profit.mostly", *DRIVERS)
# "the customers with the most …" of a what-if's group, by driver.
GROUP_KEYS = key_table("profit.group", *DRIVERS)
# "… had the cost per order at 60 kr" of a what-if's changed unit cost, by driver (the
# drivers priced by one unit cost: not the sales channel or the delivery method).
WHATIF_COST_KEYS = key_table(
    "profit.whatif_cost",
    "order",
    "line",
    "credit_note",
    "small_order",
    "capital_rate",
    "account",
    "returned",
    "delivery",
    "freight",
    "discount",
)


def _money(value: Decimal | float | None, *, currency: str, lang: str) -> str:
    return fmt_money(value, currency=currency, lang=lang, compact=True)


def summary_sentence(summary: dict, *, currency: str, lang: str) -> Markdown:
    """ "With the cost to serve, 31 of the 100 largest customers lose money; the largest,
    Byggnads AB, costs 412 tkr more than it earns, mostly from 1,840 small orders." from
    a `profit_summary` (the name as given there: pass a masked table to mask it)."""
    loss = summary["largest_loss"]
    if loss is None:
        return t("profit.summary.no_loss", lang=lang, top=fmt_int(summary["top"], lang=lang))
    driver = loss["driver"]
    count = loss["driver_count"]
    mostly = t(
        _MOSTLY_KEYS[driver],
        lang=lang,
        count=fmt_int(count, lang=lang),
        amount=_money(loss["driver_cost"], currency=currency, lang=lang),
    )
    return t(
        "profit.summary.loss",
        lang=lang,
        count=fmt_int(summary["top_unprofitable"], lang=lang),
        top=fmt_int(summary["top"], lang=lang),
        name=loss["customer_name"] or loss["customer_id"],
        amount=_money(-loss["profit"], currency=currency, lang=lang),
        mostly=mostly,
    )


@dataclass(frozen=True)
class Headline:
    """The headline metrics as text: `profit` (total customer profit), `cost` (cost to
    serve), `unprofitable` (count) with `unprofitable_margin` (the count by gross
    margin), `peak` (whale curve peak) with `peak_margin` (by gross margin)."""

    profit: str
    cost: str
    unprofitable: str
    unprofitable_margin: str
    peak: str
    peak_margin: str


def headline(summary: dict, *, currency: str, lang: str) -> Headline:
    """The headline metrics of a `profit_summary` in `lang` and `currency`."""
    return Headline(
        profit=_money(summary["profit"], currency=currency, lang=lang),
        cost=_money(summary["cost_to_serve"], currency=currency, lang=lang),
        unprofitable=fmt_int(summary["unprofitable_customers"], lang=lang),
        unprofitable_margin=plain(
            "profit.metric.unprofitable_margin",
            lang=lang,
            count=fmt_int(summary["unprofitable_by_margin"], lang=lang),
        ),
        peak=fmt_pct(summary["whale_peak"], lang=lang),
        peak_margin=plain(
            "profit.metric.peak_margin",
            lang=lang,
            pct=fmt_pct(summary["whale_peak_margin"], lang=lang),
        ),
    )


def cost_total_sentence(summary: dict, *, currency: str, lang: str) -> Markdown:
    """ "Serving the customers costs 4.2 MSEK in the period, 21 % of the gross margin."
    (the share `–` when the gross margin is 0 or below)."""
    margin = summary["gross_margin"]
    share = summary["cost_to_serve"] / margin if margin and margin > 0 else None
    return t(
        "profit.drivers.total",
        lang=lang,
        cost=_money(summary["cost_to_serve"], currency=currency, lang=lang),
        share=fmt_pct(share, lang=lang),
    )


def whatif_sentence(
    result: dict,
    *,
    group: str,
    count: int,
    driver: str,
    old: str,
    new: str,
    currency: str,
    lang: str,
) -> Markdown:
    """What a what-if (`analytics.profit.what_if`) does: "If the 40 customers with the
    most small orders had the cost per order at 60 kr instead of 350 kr, customer profit
    in total would be … instead of … (+1.2 MSEK)." and the unprofitable customers and
    whale peak before → after, said to be after the cost to serve (the page's tiles beside
    them also show gross margin's). `old` and `new` are the unit costs as text."""
    before, after = result["before_summary"], result["after_summary"]
    change = result["change"]
    first = t(
        "profit.whatif.sentence",
        lang=lang,
        count=fmt_int(count, lang=lang),
        group=plain(GROUP_KEYS[group], lang=lang),
        cost=plain(WHATIF_COST_KEYS[driver], lang=lang),
        new=new,
        old=old,
        after=_money(after["profit"], currency=currency, lang=lang),
        before=_money(before["profit"], currency=currency, lang=lang),
        change=fmt_money(change, currency=currency, lang=lang, compact=True, signed=True),
    )
    second = t(
        "profit.whatif.counts",
        lang=lang,
        before=fmt_int(before["unprofitable_customers"], lang=lang),
        after=fmt_int(after["unprofitable_customers"], lang=lang),
        peak_before=fmt_pct(before["whale_peak"], lang=lang),
        peak_after=fmt_pct(after["whale_peak"], lang=lang),
    )
    return trusted(f"{first} {second}")


def margin_notice(
    customers: pl.DataFrame, *, source: str, assumed_margin: float | None, lang: str
) -> Markdown | None:
    """Where the margins are not all the export's own: none known (the assumed-margin
    rule applies), some assumed (at which share, for how many customers) or some unknown.
    `customers` is a table from `with_margin`; None when every margin is the export's."""
    unknown = customers.filter(pl.col("gross_margin").is_null()).height
    if not unknown:
        return None
    if source == MARGIN_NONE:
        return t("profit.margin.none", lang=lang)
    if assumed_margin is not None:
        return t(
            "profit.margin.assumed_note",
            lang=lang,
            pct=fmt_pct(assumed_margin, lang=lang),
            count=fmt_int(unknown, lang=lang),
        )
    return t("profit.margin.partial", lang=lang, count=fmt_int(unknown, lang=lang))


def foreign_defaults_note(model_name: str | None, *, currency: str, lang: str) -> Markdown | None:
    """A warning while the defaults (`model_name` None: no saved model in use) price a
    data set in another currency than theirs: they count unconverted. None otherwise."""
    if model_name is not None or currency.upper() == DEFAULTS_CURRENCY:
        return None
    return t(
        "profit.model.foreign_defaults", lang=lang, currency=currency, defaults=DEFAULTS_CURRENCY
    )
