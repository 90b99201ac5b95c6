"""Altair chart builders: take polars frames from `analytics`, return charts to render."""

from __future__ import annotations

import altair as alt
import polars as pl

from ui.i18n import lang, t

__all__ = ["monthly_revenue_chart"]

_ACCENT = "#1f5f8b"


def _number_format() -> str:
    # Altair formats with d3; the Swedish locale is set by the page, here we pick grouping.
    return ",.0f"


def monthly_revenue_chart(monthly: pl.DataFrame) -> alt.Chart:
    """Bars of revenue per month (`month`, `revenue` from `analytics.summary`), in MSEK."""
    data = monthly.select(
        pl.col("month"), (pl.col("revenue") / 1e6).round(2).alias("msek")
    ).to_pandas()
    month_format = "%Y-%m" if lang() == "sv" else "%b %Y"
    return (
        alt.Chart(data)
        .mark_bar(color=_ACCENT)
        .encode(
            x=alt.X(
                "yearmonth(month):T",
                title=t("overview.month"),
                axis=alt.Axis(format=month_format, labelAngle=0),
            ),
            y=alt.Y("msek:Q", title=f"{t('overview.revenue')} (MSEK)"),
            tooltip=[
                alt.Tooltip("yearmonth(month):T", title=t("overview.month"), format=month_format),
                alt.Tooltip("msek:Q", title="MSEK", format=",.2f"),
            ],
        )
        .properties(height=260)
    )
