"""One builder for the many sentences that are a catalog key with figures put in: a table
names, for each placeholder, the value that fills it and how that value reads (a `Kind`).

    fill("conc.profit.moved", summary, {"count": ("unprofitable_customers", "int"),
        "peak": ("whale_peak", "pct")}, lang=lang)

Plain functions of (values, language, currency): no session, no Streamlit.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Literal

from analytics.money import DEFAULT_CURRENCY
from locales import Markdown, plain, t
from locales.formats import fmt_date, fmt_int, fmt_money, fmt_number, fmt_pct

__all__ = ["Fields", "Kind", "counts", "fill", "fill_plain", "formatted", "span_plain"]

# How a figure reads: a count, a share (0.12 → 12 %), an amount (compact: 3,4 MSEK; or
# whole units: 1 234 567 kr), a number with one or no decimals, a date.
Kind = Literal["int", "pct", "money", "amount", "number1", "number0", "date"]
# Each placeholder: (the name of its value, how the value reads).
Fields = Mapping[str, tuple[str, Kind]]

_FORMATS: dict[str, Callable[[object, str, str], str]] = {
    "int": lambda v, lang, _: fmt_int(v, lang=lang),
    "pct": lambda v, lang, _: fmt_pct(v, lang=lang),
    "money": lambda v, lang, cur: fmt_money(v, currency=cur, lang=lang, compact=True),
    "amount": lambda v, lang, cur: fmt_money(v, currency=cur, lang=lang),
    "number1": lambda v, lang, _: fmt_number(v, 1, lang=lang),
    "number0": lambda v, lang, _: fmt_number(v, 0, lang=lang),
    "date": lambda v, lang, _: fmt_date(v, lang=lang),
}


def counts(*names: str) -> Fields:
    """Fields of counts, each placeholder filled by the value of its own name:
    `counts("plans")` is `{"plans": ("plans", "int")}`."""
    return {name: (name, "int") for name in names}


def formatted(value: object, kind: Kind, *, lang: str, currency: str = DEFAULT_CURRENCY) -> str:
    """`value` as text in `lang` read as `kind` (amounts in `currency`)."""
    return _FORMATS[kind](value, lang, currency)


def _params(values: Mapping, fields: Fields, lang: str, currency: str) -> dict[str, str]:
    return {
        placeholder: formatted(values[name], kind, lang=lang, currency=currency)
        for placeholder, (name, kind) in fields.items()
    }


def fill(
    key: str, values: Mapping, fields: Fields, *, lang: str, currency: str = DEFAULT_CURRENCY
) -> Markdown:
    """The text of `key` (Markdown) with each placeholder of `fields` filled from
    `values`, formatted as its kind."""
    return t(key, lang=lang, **_params(values, fields, lang, currency))


def fill_plain(
    key: str, values: Mapping, fields: Fields, *, lang: str, currency: str = DEFAULT_CURRENCY
) -> str:
    """`fill` as plain text, for labels, tables, charts and files."""
    return plain(key, lang=lang, **_params(values, fields, lang, currency))


def span_plain(key: str, first: date, last: date, *, lang: str, **params: object) -> str:
    """The plain text of `key` for a span of days: `{start}` and `{end}` are `first` and
    `last` in `lang`'s way, the other placeholders `params` as they are
    (`2026-W49 · 2026-11-30 – 2026-12-06`)."""
    start, end = fmt_date(first, lang=lang), fmt_date(last, lang=lang)
    return plain(key, lang=lang, start=start, end=end, **params)
