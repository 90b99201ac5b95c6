"""The workshop's chart: plain functions of data and language returning Altair charts
with the language's Vega-Lite locale (axis and tooltip numbers use its separators). No
Streamlit."""

from __future__ import annotations

import altair as alt
import polars as pl

from analytics.workshop import Consensus
from locales import plain
from ui.charts import ACCENT, with_locale

__all__ = ["weights_chart"]

# Height per criterion row (px), and the least height of the chart.
_ROW_PX = 42
_LEAST_PX = 120
# Shares in tooltips: per cent with one decimal, separators from the chart's locale.
_PCT = ".1%"


def weights_chart(agreed: Consensus, *, lang: str) -> alt.LayerChart:
    """Per weighted criterion (most disagreement first) the group's mean share as a bar
    and every participant's share as a dot; shares as per cent of each one's total."""
    weighted = agreed.weights.filter(pl.col("max_share") > 0)
    labels = {k: plain(f"criterion.{k}", lang=lang) for k in weighted["criterion"]}
    order = list(labels.values())
    means = weighted.select(pl.col("criterion").replace_strict(labels), "mean_share").to_pandas()
    shares = agreed.shares.filter(pl.col("criterion").is_in(list(labels)))
    dots = shares.select(
        pl.col("criterion").replace_strict(labels), "participant", "share"
    ).to_pandas()
    share_title = plain("ws.chart.share", lang=lang)
    criterion = alt.Tooltip("criterion:N", title=plain("ws.chart.criterion", lang=lang))
    y = alt.Y("criterion:N", sort=order, title=None)
    axis = alt.Axis(format="%", title=share_title)
    bars = (
        alt.Chart(means)
        .mark_bar(color="#c9d6e3")
        .encode(
            y=y,
            x=alt.X("mean_share:Q", axis=axis),
            tooltip=[
                criterion,
                alt.Tooltip("mean_share:Q", title=plain("ws.chart.mean", lang=lang), format=_PCT),
            ],
        )
    )
    points = (
        alt.Chart(dots)
        .mark_circle(size=140, opacity=0.85, color=ACCENT)
        .encode(
            y=y,
            x=alt.X("share:Q", axis=axis),
            tooltip=[
                alt.Tooltip("participant:N", title=plain("ws.chart.participant", lang=lang)),
                criterion,
                alt.Tooltip("share:Q", title=share_title, format=_PCT),
            ],
        )
    )
    chart = (bars + points).properties(height=max(_LEAST_PX, _ROW_PX * len(order)))
    return with_locale(chart, lang=lang)
