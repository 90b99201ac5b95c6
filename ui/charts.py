"""Altair chart builders: take polars frames from `analytics`, return charts to render.

Vega formats numbers the English way; `number_axis` rewrites axis labels for Swedish
(space between thousands, decimal comma) and tooltips get text already formatted by
`ui.i18n`, so every number on screen follows the chosen language.
"""

from __future__ import annotations

import altair as alt
import pandas as pd
import polars as pl

from ui.i18n import fmt_money, lang, money_unit, t, texts

__all__ = ["ACCENT", "chart_data", "monthly_revenue_chart", "number_axis"]

ACCENT = "#1f5f8b"


def chart_data(frame: pl.DataFrame) -> pd.DataFrame:
    """A frame for a chart: exact amounts (decimals) become floats, the one place they
    do; a chart draws, it does not add up (`frame.pipe(chart_data)`)."""
    return frame.with_columns(
        pl.col(name).cast(pl.Float64)
        for name, dtype in frame.schema.items()
        if isinstance(dtype, pl.Decimal)
    ).to_pandas()


def number_axis(title: str, *, fmt: str = ",.0f", **options) -> alt.Axis:
    """An axis whose labels use d3 format `fmt` with the language's separators."""
    if lang() == "sv":
        expr = (
            f"replace(replace(replace(format(datum.value, '{fmt}'), /,/g, '#'), "
            "/\\./g, ','), /#/g, '\u00a0')"
        )
        return alt.Axis(title=title, labelExpr=expr, **options)
    return alt.Axis(title=title, format=fmt, **options)


def monthly_revenue_chart(monthly: pl.DataFrame) -> alt.Chart:
    """Bars of revenue per month (`month`, `revenue` from `analytics.summary`), in millions
    of the data set's currency (MSEK)."""
    data = monthly.select(
        pl.col("month"),
        (pl.col("revenue").cast(pl.Float64) / 1e6).alias("msek"),
        texts(monthly["revenue"], fmt_money, name="amount"),
    ).pipe(chart_data)
    month_format = "%Y-%m" if lang() == "sv" else "%b %Y"
    return (
        alt.Chart(data)
        .mark_bar(color=ACCENT)
        .encode(
            x=alt.X(
                "yearmonth(month):T",
                title=t("overview.month"),
                axis=alt.Axis(format=month_format, labelAngle=0),
            ),
            y=alt.Y(
                "msek:Q",
                axis=number_axis(f"{t('overview.revenue')} ({money_unit(1e6)})", fmt=",.1f"),
            ),
            tooltip=[
                alt.Tooltip("yearmonth(month):T", title=t("overview.month"), format=month_format),
                alt.Tooltip("amount:N", title=t("overview.revenue")),
            ],
        )
        .properties(height=260)
    )
