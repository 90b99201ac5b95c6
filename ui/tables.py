"""Tables whose numbers follow the chosen language, not the browser's.

`st.column_config.NumberColumn(format="localized")` formats with the browser's locale, so
an English browser would show a Swedish team `1,234,567`. A pandas Styler carries the
text to show while the cells keep their numbers, so sorting still works.
"""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl
import streamlit as st
from pandas.io.formats.style import Styler

from locales.formats import fmt_number
from ui.i18n import session_lang
from ui.style import PRESENTATION_FONT_PX

__all__ = ["MAX_TABLE_ROWS", "localized", "row_px", "table_height"]

# A table shows up to this many rows without an inner scroll bar; a longer one (the focus
# list's top 500, a file's rejected rows) scrolls inside a frame of this many rows.
MAX_TABLE_ROWS = 25
# Streamlit draws a row (and the header, one row high) 35 px high at a 16 px font and
# scales it with the page's font: 39 px at the theme's 18 px, 48 px at presentation mode's
# 22 px. The frame adds 2 px.
_ROW_PX_AT_16 = 35


def localized(
    frame: pl.DataFrame,
    *,
    numbers: dict[str, int] | None = None,
    money: Iterable[str] = (),
    missing: str = "–",
    lang: str | None = None,
) -> Styler:
    """`frame` for `st.dataframe`, with number columns shown the language's way.

    `numbers` maps a column to its decimals; `money` columns show whole units, in language
    `lang` (pass it; the session's language is read when it is missing). Unknown
    values show as `missing` (`–`). Do not give these columns a `format` in `column_config`: it
    would take precedence over the text set here.
    """
    lang = lang or session_lang()
    decimals = {**dict.fromkeys(money, 0), **(numbers or {})}
    formats = {
        column: (lambda value, d=d: fmt_number(value, d, lang=lang))
        for column, d in decimals.items()
        if column in frame.columns
    }
    return frame.to_pandas().style.format(formats, na_rep=missing)


def table_height(rows: int, *, max_rows: int = MAX_TABLE_ROWS) -> int | str:
    """The `height` for a table of `rows` rows: its content (every row, no inner scroll)
    up to `max_rows` rows, then that many rows with the rest behind a scroll bar."""
    if rows <= max_rows:
        return "content"
    return row_px() * (max_rows + 1) + 2


def row_px() -> int:
    """The height in px of one table row at the page's font size (presentation mode's
    larger type makes the rows higher)."""
    if st.session_state.get("presentation"):
        font = PRESENTATION_FONT_PX
    else:
        font = st.get_option("theme.baseFontSize") or 16
    return round(_ROW_PX_AT_16 * font / 16)
