"""The quadrant table: customers, revenue and margin per quadrant with their shares.

A plain function of (data, language, currency): no session, no Streamlit.
"""

from __future__ import annotations

import polars as pl

from analytics.concentration import QUADRANTS
from locales import plain
from ui.concentration.quadrant import QUADRANT_KEYS
from ui.concentration.values import VALUE_KEYS
from ui.elements import Column, Table
from ui.tables import localized

__all__ = ["quadrant_table"]

_SHARE_KEYS = {"margin": "conc.col.margin_share", "profit": "conc.col.profit_share"}


def quadrant_table(
    quadrants: pl.DataFrame, *, currency: str, lang: str, value: str = "margin"
) -> Table:
    """`quadrants` (from `quadrant_summary`) named in language `lang`, shares in per
    cent, amounts in whole units of `currency` (the headers say its code); the margin
    column named by `value` (`margin`: gross margin, `profit`: customer profit)."""
    names = {q: plain(QUADRANT_KEYS[q], lang=lang) for q in QUADRANTS}
    shown = quadrants.select(
        pl.col("quadrant").replace_strict(names),
        "customers",
        "revenue",
        "margin",
        (pl.col("revenue_share") * 100).alias("revenue_share"),
        (pl.col("margin_share") * 100).alias("margin_share"),
    )
    # The headers name the currency by its code, as the focus list's do.
    unit = currency

    def number(key: str) -> Column:
        return Column(plain(key, lang=lang), "number")

    columns = {
        "quadrant": Column(plain("conc.col.quadrant", lang=lang)),
        "customers": number("conc.col.customers"),
        "revenue": Column(f"{plain('criterion.revenue', lang=lang)} ({unit})", "number"),
        "margin": Column(f"{plain(VALUE_KEYS[value], lang=lang)} ({unit})", "number"),
        "revenue_share": number("conc.col.revenue_share"),
        "margin_share": number(_SHARE_KEYS[value]),
    }
    styler = localized(
        shown,
        numbers={"customers": 0, "revenue_share": 0, "margin_share": 0},
        money=("revenue", "margin"),
        lang=lang,
    )
    return Table(styler, shown.height, columns)
