"""Numbers, per cent, money and dates for people, in a language, through Babel.

The locale comes from the language's catalog (`[meta] locale`), the money patterns from
its `[format]` table, so a new language formats itself: `sv` gives `1 234 567 kr`,
`12 %`, `3,4 MSEK` and `2026-11-24`; `en` gives `SEK 1,234,567`, `12%`, `SEK 3.4M` and
`24 Nov 2026`. Every amount carries a currency (the data set's), written by its ISO code
unless the catalog has a word for it (`kr` for SEK in Swedish); a negative amount's sign
stands where Babel's currency pattern puts it (`−729 tkr`, `-SEK 729k`). Missing values
are `–`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from functools import cache

from babel import Locale
from babel.dates import format_date
from babel.numbers import (
    format_decimal,
    get_decimal_symbol,
    get_group_symbol,
    get_minus_sign_symbol,
    get_plus_sign_symbol,
    parse_pattern,
)

from locales import babel_locale, catalog

__all__ = [
    "MISSING",
    "fmt_date",
    "fmt_int",
    "fmt_money",
    "fmt_number",
    "fmt_pct",
    "money_scale",
    "money_unit",
    "rounded_shares",
    "vega_locale",
]

MISSING = "–"
_THOUSAND, _MILLION = 1e3, 1e6
# Amounts from ten thousand read best in thousands ("450 tkr"), from a million in millions.
_IN_THOUSANDS = 1e4


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


@cache
def _minus(lang: str) -> str:
    return get_minus_sign_symbol(babel_locale(lang))


def fmt_number(value: float | Decimal | None, decimals: int = 0, *, lang: str) -> str:
    """`1234567.5` as `1 234 567,5` (sv: no-break spaces, a minus sign) or `1,234,567.5`
    (en), rounded to `decimals` places (half to even, as Babel does: 2.5 gives 2)."""
    if _missing(value):
        return MISSING
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    text = format_decimal(value, format=pattern, locale=babel_locale(lang))
    # Babel writes the pattern's ASCII hyphen; the locale may have a real minus sign.
    return text.replace("-", _minus(lang)) if text.startswith("-") else text


def fmt_int(value: float | Decimal | None, *, lang: str) -> str:
    """A count, with thousands separated for the language."""
    return fmt_number(value, 0, lang=lang)


def fmt_pct(value: float | Decimal | None, decimals: int = 0, *, lang: str) -> str:
    """A fraction (0.123) as per cent: `12 %` (sv) or `12%` (en)."""
    if _missing(value):
        return MISSING
    number = fmt_number(float(value) * 100, decimals, lang=lang)
    return catalog(lang)["format.percent"].format(number=number)


def rounded_shares(shares: Sequence[float | None], *, decimals: int = 0) -> list[float | None]:
    """Shares (fractions, 0.334 = 33.4 %) rounded to whole per cent (or `decimals` places
    of per cent) so that, shown together, they add up as they do: parts of a whole give
    100 %, never 101 % or 99 %.

    Largest remainder: each share is cut down to the step, and the steps still missing to
    the rounded total go one each to the largest cut-off parts (the earlier one first on a
    tie): 0.334, 0.333, 0.333 give 0.34, 0.33, 0.33. Only when every share is known and
    none is negative; otherwise the shares come back as they are, for `fmt_pct` to round
    each on its own. The result is fractions again, for `fmt_pct` with `decimals`."""
    values = list(shares)
    if any(_missing(v) or float(v) < 0 for v in values):
        return values
    step = 100 * 10**decimals
    # Rounded to nine places first: 0.29 × 100 is 28.999999999999996 in binary floats.
    units = [round(float(v) * step, 9) for v in values]
    whole = [math.floor(u) for u in units]
    missing = round(sum(units)) - sum(whole)
    order = sorted(range(len(units)), key=lambda i: (-(units[i] - whole[i]), i))
    for i in order[:missing]:
        whole[i] += 1
    return [w / step for w in whole]


def money_scale(largest: float | Decimal | None, *, least: float = 1.0) -> float:
    """The divisor that amounts up to `largest` (in absolute value) read best in: 1e6 from
    a million, 1e3 from ten thousand, else 1 — but never below `least` (a chart in
    thousands whatever its size passes `least=1e3`). Pair it with `money_unit`."""
    size = 0.0 if _missing(largest) else abs(float(largest))
    scale = _MILLION if size >= _MILLION else _THOUSAND if size >= _IN_THOUSANDS else 1.0
    return max(scale, least)


def money_unit(scale: float = 1.0, *, currency: str, lang: str) -> str:
    """The unit of amounts in `currency` divided by `scale` (1, 1e3 or 1e6) for axis
    titles and column headers: `kr`, `tkr`, `MSEK` (sv, SEK); `EUR`, `tEUR`, `MEUR` (sv);
    `SEK`, `SEK k`, `MSEK` (en)."""
    code = currency.upper()
    size = "M" if scale >= _MILLION else "k" if scale >= _THOUSAND else ""
    key = "format.money.unit" + (f".{size}" if size else "")
    texts = catalog(lang)
    return texts.get(f"{key}.{code}") or texts[key].format(code=code)


def fmt_money(
    value: float | Decimal | None,
    *,
    currency: str,
    lang: str,
    compact: bool = False,
    signed: bool = False,
) -> str:
    """An amount in `currency` for people, whole units: `1 234 567 kr` / `SEK 1,234,567`;
    `compact`: `3,4 MSEK` / `SEK 3.4M` from a million, `450 tkr` / `SEK 450k` from ten
    thousand. Other currencies by their code: `1 234 567 EUR` / `EUR 1,234,567`.

    A negative amount has its sign where the language's Babel currency pattern puts it:
    `−729 tkr` (sv), `-SEK 729k` (en). `signed` (for a change) also gives a positive
    amount its plus sign in the same place: `+956 tkr` / `+SEK 956k`. An amount that
    rounds to zero has no sign."""
    if _missing(value):
        return MISSING
    amount = float(value)
    number, unit_scale, key = _money_parts(abs(amount), compact=compact, lang=lang)
    sign = ""
    if any(digit in "123456789" for digit in number):
        sign = _minus(lang) if amount < 0 else _plus(lang) if signed and amount > 0 else ""
    code = currency.upper()
    unit = money_unit(unit_scale, currency=code, lang=lang)
    if _sign_before_currency(lang):
        return sign + catalog(lang)[key].format(number=number, unit=unit, code=code)
    return catalog(lang)[key].format(number=sign + number, unit=unit, code=code)


def _money_parts(size: float, *, compact: bool, lang: str) -> tuple[str, float, str]:
    """The digits of a non-negative amount `size`, the scale its unit is in and the
    catalog pattern that writes them (`fmt_money`)."""
    if compact and size >= _MILLION:
        return fmt_number(size / _MILLION, 1, lang=lang), _MILLION, "format.money.compact.M"
    if compact and size >= _IN_THOUSANDS:
        return fmt_number(size / _THOUSAND, 0, lang=lang), _THOUSAND, "format.money.compact.k"
    return fmt_number(size, 0, lang=lang), 1.0, "format.money"


@cache
def _plus(lang: str) -> str:
    return get_plus_sign_symbol(babel_locale(lang))


@cache
def _sign_before_currency(lang: str) -> bool:
    """Whether the language writes a negative amount's minus before the currency
    (`-SEK 5`, en) rather than beside the number (`−5 kr`, sv; `€ -5`, nl): what the
    negative form of Babel's standard currency pattern for its locale does."""
    pattern = parse_pattern(Locale.parse(babel_locale(lang)).currency_formats["standard"])
    negative = pattern.prefix[1]
    return "-" in negative and "¤" in negative and negative.index("-") < negative.index("¤")


def fmt_date(value: date | datetime | None, *, lang: str, form: str = "date") -> str:
    """A date in the language's form: `2026-11-24` (sv) or `24 Nov 2026` (en); `form`
    `month` gives the month: `nov. 2026` / `Nov 2026`."""
    if value is None:
        return MISSING
    if isinstance(value, datetime):
        value = value.date()
    return format_date(value, format=catalog(lang)[f"format.{form}"], locale=babel_locale(lang))


@cache
def vega_locale(lang: str) -> dict:
    """Vega-Lite's `config.locale` for the language: number separators and the currency
    pattern, month and day names, so chart axes and tooltips read like the page."""
    where = Locale.parse(babel_locale(lang))
    months = where.months["format"]
    days = where.days["format"]
    return {
        "number": {
            "decimal": get_decimal_symbol(where),
            "thousands": get_group_symbol(where),
            "grouping": [3],
            "currency": ["", ""],
            "minus": _minus(lang),
        },
        "time": {
            "dateTime": "%x %X",
            "date": catalog(lang)["format.vega_date"],
            "time": "%H:%M:%S",
            "periods": ["AM", "PM"],
            # Vega counts days from Sunday, Babel from Monday (0).
            "days": [days["wide"][(i + 6) % 7] for i in range(7)],
            "shortDays": [days["abbreviated"][(i + 6) % 7] for i in range(7)],
            "months": [months["wide"][i] for i in range(1, 13)],
            "shortMonths": [months["abbreviated"][i] for i in range(1, 13)],
        },
    }
