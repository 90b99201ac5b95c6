"""The session's language and currency: read here, once, at the page boundary.

The texts live in the language catalogs (`locales/`, `locales.t(key, lang=...)`) and the
formats in `locales.formats` (Babel). Pages read `lang()` and `currency()` here and pass
them down to the builders in `ui/`, which are plain functions of data, options and
language. The short forms below (`t`, `plain`, `fmt_*` without a language) read the
session themselves for Streamlit code that has not been given the language yet.

Data is text, never markup: see `locales` for `t()` (escapes its parameters and returns
`Markdown`), `plain()`, `md()` and `trusted()`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from decimal import Decimal

import polars as pl
import streamlit as st

import locales
from analytics.money import DEFAULT_CURRENCY
from locales import LANGUAGES, Markdown, catalog, has_text, md, trusted
from locales import formats as _formats

__all__ = [
    "CURRENCY_KEY",
    "LANGUAGES",
    "Markdown",
    "catalog",
    "currency",
    "error_text",
    "fmt_date",
    "fmt_int",
    "fmt_money",
    "fmt_number",
    "fmt_pct",
    "keep_choices",
    "lang",
    "md",
    "money_unit",
    "plain",
    "session_currency",
    "session_lang",
    "set_currency",
    "t",
    "texts",
    "trusted",
    "warning_text",
]

_LANG_KEY = "lang"
# The currency of the chosen data set, set by `ui.data.current_dataset`.
CURRENCY_KEY = "currency"


def session_lang() -> str:
    """The language chosen in the sidebar (`sv` by default): read by a page once and
    passed down as `lang=`."""
    return _session_language()


def lang() -> str:
    """The session's language (older name of `session_lang`)."""
    return _session_language()


def _session_language() -> str:
    try:
        value = st.session_state.get(_LANG_KEY, locales.DEFAULT_LANGUAGE)
    except Exception:  # outside a Streamlit session (tests, scripts)
        value = None
    return value if value in LANGUAGES else locales.DEFAULT_LANGUAGE


def keep_choices() -> None:
    """Keep every choice the user made when the language changes (the language switch's
    `on_change`).

    The browser sends a choice widget's value back as its label; after a switch that label
    belongs to the other language and Streamlit would hand the page the old label instead
    of the option. Storing each value again, while it still reads with the old labels,
    makes Streamlit send it in the new language. Booleans and None are left alone:
    buttons and file uploaders refuse values from session state, and their labels carry
    no choice.
    """
    for key in list(st.session_state.keys()):
        try:
            value = st.session_state[key]
        except KeyError:
            continue
        if type(value) in (str, int, float) and key != _LANG_KEY:
            st.session_state[key] = value


def t(key: str, *, lang: str | None = None, **params: object) -> Markdown:
    """`locales.t` in `lang` (default: the session's language)."""
    return locales.t(key, lang=lang or _session_language(), **params)


def plain(key: str, *, lang: str | None = None, **params: object) -> str:
    """`locales.plain` in `lang` (default: the session's language)."""
    return locales.plain(key, lang=lang or _session_language(), **params)


def error_text(exc: Exception, *, lang: str | None = None) -> Markdown:
    """A friendly, translated message for an import error (an `IngestError` by its code)."""
    language = lang or _session_language()
    code = getattr(exc, "code", None)
    params = getattr(exc, "params", {}) or {}
    if code and has_text(f"error.{code}", lang=language):
        return locales.t(f"error.{code}", lang=language, **params)
    return locales.t("error.generic", lang=language, message=str(exc))


def warning_text(warning: dict, *, lang: str | None = None) -> str:
    """A translated sentence for an import warning (`{"code": ..., **params}`); a `field`
    parameter (a mapping field such as `invoice_date`) is shown by its name."""
    language = lang or _session_language()
    key = f"warning.{warning.get('code')}"
    if has_text(key, lang=language):
        params = {k: v for k, v in warning.items() if k not in {"code", "message"}}
        if "field" in params:
            # A field of the mapping is shown by its name in the language.
            params["field"] = locales.t(f"field.{params['field']}", lang=language)
        return locales.t(key, lang=language, **params)
    return str(warning.get("message", ""))


def set_currency(code: str | None) -> None:
    """Make `code` (the chosen data set's currency) the one amounts are shown in."""
    st.session_state[CURRENCY_KEY] = (code or DEFAULT_CURRENCY).upper()


def session_currency() -> str:
    """The currency amounts are shown in: the chosen data set's (SEK before any); read by
    a page once and passed down as `currency=`."""
    return currency()


def currency() -> str:
    """The currency amounts are shown in: the chosen data set's (SEK before any)."""
    try:
        code = st.session_state.get(CURRENCY_KEY)
    except Exception:  # outside a Streamlit session (tests, scripts)
        code = None
    return code if isinstance(code, str) and code else DEFAULT_CURRENCY


def fmt_number(value: float | None, decimals: int = 0, *, language: str | None = None) -> str:
    """`locales.formats.fmt_number` in `language` (default: the session's)."""
    return _formats.fmt_number(value, decimals, lang=language or lang())


def fmt_int(value: float | None, *, language: str | None = None) -> str:
    """A count, with thousands separated for the language."""
    return _formats.fmt_int(value, lang=language or lang())


def fmt_pct(value: float | None, decimals: int = 0, *, language: str | None = None) -> str:
    """A fraction (0.123) as per cent: `12 %` (sv) or `12%` (en)."""
    return _formats.fmt_pct(value, decimals, lang=language or lang())


def money_unit(scale: float = 1.0, *, code: str | None = None, language: str | None = None) -> str:
    """The unit of amounts divided by `scale` in `code` (default: the data set's)."""
    return _formats.money_unit(scale, currency=code or currency(), lang=language or lang())


def fmt_money(
    value: float | Decimal | None,
    code: str | None = None,
    *,
    compact: bool = False,
    language: str | None = None,
) -> str:
    """An amount in currency `code` (default: the chosen data set's, see `currency`)."""
    return _formats.fmt_money(
        value, currency=code or currency(), lang=language or lang(), compact=compact
    )


def fmt_date(value: date | datetime | None, *, language: str | None = None) -> str:
    """A date as `2026-11-24` (sv) or `24 Nov 2026` (en)."""
    return _formats.fmt_date(value, lang=language or lang())


def texts(values: Iterable, format_one: Callable[[object], str], *, name: str = "") -> pl.Series:
    """Each value as text (`lambda v: fmt_money(v, lang=lang)`), as a string column.

    The one way to turn a column into labels or formatted numbers: the loop runs in the
    caller's thread. A polars `map_elements` may run its function on a worker thread,
    where the session is out of reach.
    """
    return pl.Series(name, [format_one(v) for v in values], dtype=pl.String)
