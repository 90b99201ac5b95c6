"""Tables whose numbers follow the chosen language, not the browser's.

`st.column_config.NumberColumn(format="localized")` formats with the browser's locale, so
an English browser would show a Swedish team `1,234,567`. A pandas Styler carries the
text to show while the cells keep their numbers, so sorting still works.
"""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl
from pandas.io.formats.style import Styler

from ui.i18n import fmt_number

__all__ = ["localized"]


def localized(
    frame: pl.DataFrame,
    *,
    numbers: dict[str, int] | None = None,
    money: Iterable[str] = (),
) -> Styler:
    """`frame` for `st.dataframe`, with number columns shown the language's way.

    `numbers` maps a column to its decimals; `money` columns show whole kronor. Unknown
    values show as `–`. Do not give these columns a `format` in `column_config`: it
    would take precedence over the text set here.
    """
    decimals = {**dict.fromkeys(money, 0), **(numbers or {})}
    formats = {
        column: (lambda value, d=d: fmt_number(value, d))
        for column, d in decimals.items()
        if column in frame.columns
    }
    return frame.to_pandas().style.format(formats, na_rep="–")
