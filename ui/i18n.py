"""The session's language and currency: read here, once, at the page boundary.

The texts live in the language catalogs (`locales/`, `locales.t(key, lang=...)`) and the
formats in `locales.formats` (Babel). A page reads `session_lang()` and
`session_currency()` and passes them down to the builders in `ui/`, which are plain
functions of data, options and language. Import errors and warnings become sentences
here (`error_text`, `warning_text`), and `texts` turns a column into labels.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import polars as pl
import streamlit as st

import locales
from analytics.money import DEFAULT_CURRENCY
from locales import LANGUAGES, Markdown, has_text
from locales.formats import fmt_int

__all__ = [
    "CURRENCY_KEY",
    "error_text",
    "keep_choices",
    "language_switch",
    "reasons_detail",
    "session_currency",
    "session_lang",
    "set_currency",
    "texts",
    "warning_text",
]

_LANG_KEY = "lang"
# The currency of the chosen data set, set by `ui.data.current_dataset`.
CURRENCY_KEY = "currency"


def session_lang() -> str:
    """The language chosen in the sidebar (`sv` by default): read by a page once and
    passed down as `lang=`."""
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


def language_switch(*, lang: str) -> None:
    """The sidebar's language choice (labelled in `lang`); a switch keeps every other
    choice (`keep_choices`)."""
    st.radio(
        locales.t("sidebar.language", lang=lang),
        options=list(LANGUAGES),
        format_func=LANGUAGES.get,
        key=_LANG_KEY,
        horizontal=True,
        on_change=keep_choices,
    )


def error_text(exc: Exception, *, lang: str) -> Markdown:
    """A friendly, translated message for an import error (an `IngestError` by its code)."""
    language = lang
    code = getattr(exc, "code", None)
    params = getattr(exc, "params", {}) or {}
    if code and has_text(f"error.{code}", lang=language):
        if isinstance(params.get("reasons"), dict):
            # The reject reasons in words, not their codes (`implausible_date: 2`).
            params = {**params, "detail": reasons_detail(params["reasons"], lang=language)}
        return locales.t(f"error.{code}", lang=language, **params)
    return locales.t("error.generic", lang=language, message=str(exc))


def reasons_detail(reasons: dict[str, int], *, lang: str) -> str:
    """`{"implausible_date": 2}` as `Orimligt datum (…): 2`, reasons in words in `lang`."""
    return "; ".join(
        f"{locales.plain(f'reason.{code}', lang=lang)}: {fmt_int(count, lang=lang)}"
        for code, count in reasons.items()
    )


def warning_text(warning: dict, *, lang: str) -> str:
    """A translated sentence for an import warning (`{"code": ..., **params}`); a `field`
    parameter (a mapping field such as `invoice_date`) is shown by its name."""
    language = lang
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
    try:
        code = st.session_state.get(CURRENCY_KEY)
    except Exception:  # outside a Streamlit session (tests, scripts)
        code = None
    return code if isinstance(code, str) and code else DEFAULT_CURRENCY


def texts(values: Iterable, format_one: Callable[[object], str], *, name: str = "") -> pl.Series:
    """Each value as text (`lambda v: fmt_money(v, lang=lang)`), as a string column.

    The one way to turn a column into labels or formatted numbers: the loop runs in the
    caller's thread. A polars `map_elements` may run its function on a worker thread,
    where the session is out of reach.
    """
    return pl.Series(name, [format_one(v) for v in values], dtype=pl.String)
