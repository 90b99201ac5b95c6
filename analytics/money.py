"""Money: exact amounts and the currency they are in.

Amounts are stored and summed as decimals with four decimals (DuckDB `DECIMAL(18,4)`,
polars `Decimal(18, 4)`; sums `DECIMAL(38,4)`), never as binary floats, so that lines of
100.10 + 200.20 − 300.30 sum to exactly 0 and equal revenues compare equal. Floats are
used only where a ratio, a percentile rank or a chart needs them.

A data set has one currency, an ISO 4217 code (`SEK`, `EUR`, …). An export names it in a
currency column or beside its amounts (`kr`, `€`, `USD`); `currency_code` reads both
forms. `kr` alone is the Scandinavian krona: SEK unless the import's chosen currency is
NOK or DKK.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal

import polars as pl

__all__ = [
    "CURRENCIES",
    "DEFAULT_CURRENCY",
    "MONEY",
    "MONEY_SQL",
    "MONEY_TOTAL",
    "TOTAL_SQL",
    "as_float",
    "currency_aliases",
    "currency_code",
    "json_amount",
    "plain_amount",
]

MONEY = pl.Decimal(18, 4)
MONEY_SQL = "decimal(18,4)"
# A sum of amounts (what DuckDB's `sum` of `DECIMAL(18,4)` gives).
MONEY_TOTAL = pl.Decimal(38, 4)
TOTAL_SQL = "decimal(38,4)"
DEFAULT_CURRENCY = "SEK"

# The currencies the import offers, most likely first; any other three-letter code in a
# currency column is taken as it is.
CURRENCIES = ("SEK", "EUR", "NOK", "DKK", "USD", "GBP", "CHF", "PLN", "ISK")

# What exports write for a currency, lower case, beside the ISO codes themselves.
_ALIASES = {
    "kr": "kr",
    "kr.": "kr",
    ":-": "SEK",
    "sek": "SEK",
    "skr": "SEK",
    "nok": "NOK",
    "dkk": "DKK",
    "eur": "EUR",
    "€": "EUR",
    "euro": "EUR",
    "usd": "USD",
    "$": "USD",
    "us$": "USD",
    "gbp": "GBP",
    "£": "GBP",
    "chf": "CHF",
}
_KRONOR = ("SEK", "NOK", "DKK")


def currency_aliases(*, default: str = DEFAULT_CURRENCY) -> dict[str, str]:
    """Every currency text `currency_code` knows (lower case) with its ISO code, `kr`
    read as the krona of `default`."""
    return {key: currency_code(key, default=default) or "" for key in _ALIASES}


def currency_code(text: str | None, *, default: str = DEFAULT_CURRENCY) -> str | None:
    """The ISO code a currency text stands for (`€` → EUR, `kr` → SEK), or None.

    `kr` is the krona of `default` when that is NOK or DKK, else SEK. A three-letter code
    not in the table is returned upper-cased; anything else is None.
    """
    if text is None:
        return None
    key = text.strip().lower()
    if not key:
        return None
    code = _ALIASES.get(key)
    if code == "kr":
        return default if default in _KRONOR else "SEK"
    if code is not None:
        return code
    if re.fullmatch(r"[a-z]{3}", key):
        return key.upper()
    return None


def as_float(value: object) -> float | None:
    """A stored amount (Decimal, int or float) as a float for a ratio or a chart; None
    stays None."""
    if value is None:
        return None
    return float(value)


def plain_amount(value: object) -> str:
    """An amount as plain text with a decimal point: two decimals, or all four when it
    has them (`1234.50`, `0.0002`); for logs, messages and the command line."""
    number = Decimal(str(value)).quantize(Decimal("0.0001"))
    return f"{number:.2f}" if number == number.quantize(Decimal("0.01")) else f"{number:f}"


def json_amount(value: object) -> float | None:
    """An amount for JSON: a number with at most the four stored decimals, no float noise.

    Exact amounts print as they are stored (`430419.39`, up to 15 significant digits);
    a float amount is rounded to four decimals first. None (and NaN) become null.
    """
    if value is None:
        return None
    if isinstance(value, Decimal):
        return float(value.quantize(Decimal("0.0001")))
    number = float(value)
    if not math.isfinite(number):
        return None
    return round(number, 4)
