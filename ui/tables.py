"""Tables whose numbers follow the chosen language, not the browser's.

`st.column_config.NumberColumn(format="localized")` formats with the browser's locale, so
an English browser would show a Swedish team `1,234,567`. A pandas Styler carries the
text to show while the cells keep their numbers, so sorting still works.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import polars as pl
import streamlit as st
from pandas.io.formats.style import Styler

from locales import t
from locales.formats import MISSING, fmt_number
from ui.style import PRESENTATION_FONT_PX, PRESENTATION_KEY

__all__ = [
    "MAX_TABLE_ROWS",
    "PAGE_ROWS",
    "localized",
    "page_span",
    "paged",
    "row_px",
    "table_height",
]

# A table shows up to this many rows without an inner scroll bar; a longer one (the focus
# list's top 500, a file's rejected rows) scrolls inside a frame of this many rows.
MAX_TABLE_ROWS = 25
# Streamlit draws a row (and the header, one row high) 35 px high at a 16 px font and
# scales it with the page's font: 39 px at the theme's 18 px, 48 px at presentation mode's
# 22 px. The frame adds 2 px.
_ROW_PX_AT_16 = 35
# On a projector a long table pages instead of scrolling: this many rows a page.
PAGE_ROWS = 20


def localized(
    frame: pl.DataFrame,
    *,
    numbers: dict[str, int] | None = None,
    money: Iterable[str] = (),
    texts: dict[str, Callable[[object], str]] | None = None,
    lang: str,
) -> Styler:
    """`frame` for `st.dataframe`, with number columns shown the language's way.

    `numbers` maps a column to its decimals; `money` columns show whole units, in language
    `lang`; `texts` maps a column to a function giving a value's text (a number shown in
    words). Unknown values get `–` as their text; the browser, though, draws an empty
    cell with `st.dataframe`'s `placeholder` (`None` unless given), so every table also
    passes `placeholder=MISSING` (a test checks every call). Do not give these columns a `format`
    in `column_config`: it would take precedence over the text set here. Do not call
    `.format` on the result either: pandas then resets every column it is not given.
    """
    decimals = {**dict.fromkeys(money, 0), **(numbers or {})}
    formats: dict[str, Callable[[object], str]] = {
        column: (lambda value, d=d: fmt_number(value, d, lang=lang))
        for column, d in decimals.items()
        if column in frame.columns
    }
    formats.update({c: text for c, text in (texts or {}).items() if c in frame.columns})
    return frame.to_pandas().style.format(formats, na_rep=MISSING)


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


def page_span(index: int, total: int, *, size: int = PAGE_ROWS) -> tuple[int, int]:
    """Rows shown on page `index` (from 0) of `total` rows: (first, last), counted from 1
    and clamped to the table (page 1 of 224 rows is (1, 20), page 12 is (221, 224))."""
    pages = max(1, -(-total // size))
    index = min(max(index, 0), pages - 1)
    return index * size + 1, min((index + 1) * size, total)


def paged(
    frame: pl.DataFrame, *, key: str, lang: str, size: int = PAGE_ROWS, locked: bool = False
) -> pl.DataFrame:
    """The rows of `frame` to show: all of them at a desk; in presentation mode, a table
    longer than `MAX_TABLE_ROWS` pages by `size` rows with Previous/Next and "21–40 av
    224" above it, so a projector never hides rows behind an inner scroll bar. `key`
    (with the page's prefix) keeps the page number; `locked` keeps the page (an editable
    table with changes not saved yet)."""
    if not st.session_state.get(PRESENTATION_KEY) or frame.height <= MAX_TABLE_ROWS:
        return frame
    state = f"{key}_page"
    index = int(st.session_state.get(state, 0))
    first, last = page_span(index, frame.height, size=size)
    index = (first - 1) // size
    back, where, forward = st.columns([1, 2, 1], vertical_alignment="center")
    back.button(
        t("table.previous", lang=lang),
        key=f"{key}_previous",
        disabled=locked or first == 1,
        help=t("table.save_first", lang=lang) if locked else None,
        on_click=_turn,
        args=(state, index - 1),
        width="stretch",
    )
    where.markdown(t("table.page", lang=lang, first=first, last=last, total=frame.height))
    forward.button(
        t("table.next", lang=lang),
        key=f"{key}_next",
        disabled=locked or last == frame.height,
        help=t("table.save_first", lang=lang) if locked else None,
        on_click=_turn,
        args=(state, index + 1),
        width="stretch",
    )
    return frame.slice(first - 1, last - first + 1)


def _turn(state: str, index: int) -> None:
    st.session_state[state] = index
