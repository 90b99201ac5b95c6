"""Altair chart builders: take polars frames from `analytics`, return charts to render.

Builders are plain functions of (data, options, language): they read no session, and a
test calls them without Streamlit. `with_locale` gives a chart Vega-Lite's locale for
the language (`locales.formats.vega_locale`: separators, minus sign, month names), so
axes and tooltips format numbers and dates like the page's text does.
"""

from __future__ import annotations

import altair as alt
import pandas as pd
import polars as pl

from locales import catalog, plain
from locales.formats import fmt_money, money_scale, money_unit, vega_locale
from ui.i18n import texts

__all__ = ["ACCENT", "chart_data", "monthly_revenue_chart", "number_axis", "with_locale"]

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
    """An axis whose labels use d3 format `fmt`; the chart's locale (`with_locale`)
    supplies the language's separators."""
    return alt.Axis(title=title, format=fmt, **options)


def with_locale(chart: alt.TopLevelMixin, *, lang: str) -> alt.TopLevelMixin:
    """`chart` with Vega-Lite's number and time locale for language `lang`; the last step
    of every chart builder (a layered or concatenated chart takes it at the top)."""
    return chart.configure(locale=vega_locale(lang))


def monthly_revenue_chart(monthly: pl.DataFrame, *, currency: str, lang: str) -> alt.Chart:
    """Bars of revenue per month (`month`, `revenue` from `analytics.summary`) in the unit
    the largest month reads best in (`money_scale`: MSEK from a million, tkr from ten
    thousand) of `currency` (the data set's), labelled in language `lang`."""
    scale = money_scale(monthly["revenue"].cast(pl.Float64).abs().max())
    data = monthly.select(
        pl.col("month"),
        (pl.col("revenue").cast(pl.Float64) / scale).alias("scaled"),
        texts(
            monthly["revenue"], lambda v: fmt_money(v, currency=currency, lang=lang), name="amount"
        ),
    ).pipe(chart_data)
    month_format = catalog(lang)["format.vega_month"]
    month, revenue = plain("overview.month", lang=lang), plain("overview.revenue", lang=lang)
    unit = money_unit(scale, currency=currency, lang=lang)
    # Millions keep a decimal (1,5 MSEK); thousands and whole units need none.
    axis = number_axis(f"{revenue} ({unit})", fmt=",.1f" if scale >= 1e6 else ",.0f")
    chart = (
        alt.Chart(data)
        .mark_bar(color=ACCENT)
        .encode(
            x=alt.X(
                "yearmonth(month):T",
                title=month,
                axis=alt.Axis(format=month_format, labelAngle=0),
            ),
            y=alt.Y("scaled:Q", axis=axis),
            tooltip=[
                alt.Tooltip("yearmonth(month):T", title=month, format=month_format),
                alt.Tooltip("amount:N", title=revenue),
            ],
        )
        .properties(height=260)
    )
    return with_locale(chart, lang=lang)
