"""The retention page's charts: observed retention per period and group, the cohort heat
map and the scenario's projection.

Plain functions of (data, language, currency): no session, no Streamlit.
"""

from __future__ import annotations

import altair as alt
import polars as pl

from analytics.retention import ALL, REST
from locales import plain
from locales.formats import fmt_money, fmt_pct, money_scale, money_unit
from ui.charts import ACCENT, chart_data, number_axis, with_locale
from ui.i18n import texts
from ui.retention.labels import group_label, period_labels

__all__ = ["cohort_chart", "projection_chart", "retention_chart"]

_SECOND = "#d98c2b"
_INK = "#1d2733"
_GROUP_COLOURS = {ALL: _INK, "A": ACCENT, "B": "#6b9ac4", "C": "#9aa5b1", REST: _SECOND}


def _period_axis(*, lang: str) -> alt.X:
    return alt.X(
        "label:O",
        title=plain("ret.col.period", lang=lang),
        sort=alt.SortField("period"),
        axis=alt.Axis(labelAngle=0),
    )


def retention_chart(rates: pl.DataFrame, *, lang: str) -> alt.LayerChart:
    """Customer retention per period and group in per cent (`retention_rates`); uncertain
    rates left out, rates that touch a partial period drawn as hollow points."""
    shown = rates.filter(~pl.col("uncertain"))
    data = shown.select(
        period_labels(shown, "period_start", "period_end", name="label"),
        "period",
        texts(shown["group"], lambda g: group_label(g, lang=lang), name="group"),
        (pl.col("rate") * 100).round(1).alias("rate"),
        texts(shown["rate"], lambda r: fmt_pct(r, 1, lang=lang), name="pct"),
        "base",
        "kept",
        pl.col("partial"),
    ).pipe(chart_data)
    groups = shown["group"].unique(maintain_order=True).to_list()
    names = [group_label(g, lang=lang) for g in groups]
    group_title = plain("ret.col.group", lang=lang)
    colour = alt.Color(
        "group:N",
        title=group_title,
        sort=names,
        scale=alt.Scale(domain=names, range=[_GROUP_COLOURS.get(g, ACCENT) for g in groups]),
        legend=alt.Legend(orient="bottom"),
    )
    y = alt.Y(
        "rate:Q",
        axis=number_axis(plain("ret.chart.rate", lang=lang)),
        scale=alt.Scale(zero=False),
    )
    tooltip = [
        alt.Tooltip("group:N", title=group_title),
        alt.Tooltip("label:O", title=plain("ret.col.period", lang=lang)),
        alt.Tooltip("pct:N", title=plain("ret.col.rate", lang=lang)),
        alt.Tooltip("base:Q", title=plain("ret.col.base", lang=lang)),
        alt.Tooltip("kept:Q", title=plain("ret.col.kept", lang=lang)),
    ]
    base = alt.Chart(data).encode(x=_period_axis(lang=lang), y=y, color=colour, tooltip=tooltip)
    points = base.mark_point(size=110, strokeWidth=2).encode(
        fill=alt.condition("datum.partial", alt.value("white"), colour)
    )
    chart = (base.mark_line(strokeWidth=3) + points).properties(height=320)
    return with_locale(chart, lang=lang)


def cohort_chart(table: pl.DataFrame, *, lang: str) -> alt.LayerChart:
    """Heat map (`cohorts`): cohorts (first period with a purchase) down, periods across,
    the share buying in per cent."""
    data = table.select(
        period_labels(table, "cohort_start", "cohort_end", name="cohort_label"),
        period_labels(table, "period_start", "period_end", name="label"),
        "cohort",
        "period",
        "customers",
        "active",
        (pl.col("share") * 100).round(0).alias("pct"),
    ).pipe(chart_data)
    x = _period_axis(lang=lang)
    cohort, share = plain("ret.cohort", lang=lang), plain("ret.share", lang=lang)
    y = alt.Y("cohort_label:O", title=cohort, sort=alt.SortField("cohort"))
    tooltip = [
        alt.Tooltip("cohort_label:O", title=cohort),
        alt.Tooltip("label:O", title=plain("ret.col.period", lang=lang)),
        alt.Tooltip("customers:Q", title=plain("ret.cohort_size", lang=lang)),
        alt.Tooltip("active:Q", title=plain("ret.col.kept", lang=lang)),
        alt.Tooltip("pct:Q", title=share, format=".0f"),
    ]
    colour = alt.Color("pct:Q", title=share, scale=alt.Scale(scheme="blues", domain=[0, 100]))
    cells = alt.Chart(data).mark_rect().encode(x=x, y=y, color=colour, tooltip=tooltip)
    text = (
        alt.Chart(data)
        .mark_text(fontSize=15)
        .encode(
            x=x,
            y=y,
            text=alt.Text("pct:Q", format=".0f"),
            color=alt.condition("datum.pct > 60", alt.value("white"), alt.value(_INK)),
        )
    )
    chart = (cells + text).properties(height=max(60 * table["cohort"].n_unique(), 160))
    return with_locale(chart, lang=lang)


def projection_chart(projection: pl.DataFrame, *, currency: str, lang: str) -> alt.LayerChart:
    """Cumulative discounted margin of baseline and scenario (`project_scenario`), the
    difference shaded; in thousands or millions of `currency`."""
    scale = money_scale(projection["scenario_cumulative"].abs().max(), least=1e3)
    wide = projection.select(
        "year",
        (pl.col("baseline_cumulative") / scale).alias("baseline"),
        (pl.col("scenario_cumulative") / scale).alias("scenario"),
    )
    names = {
        "baseline": plain("ret.series.baseline", lang=lang),
        "scenario": plain("ret.series.scenario", lang=lang),
    }
    long = wide.unpivot(index="year", variable_name="series", value_name="amount").with_columns(
        pl.col("series").replace(names),
    )
    long = long.with_columns(
        texts(
            long["amount"],
            lambda v: fmt_money(v * scale, currency=currency, lang=lang),
            name="amount_text",
        )
    )
    year = plain("ret.chart.year", lang=lang)
    x = alt.X("year:O", title=year, axis=alt.Axis(labelAngle=0))
    unit = money_unit(scale, currency=currency, lang=lang)
    y_axis = number_axis(plain("ret.chart.cumulative", lang=lang, unit=unit), fmt=",.1f")
    band = (
        alt.Chart(wide.pipe(chart_data))
        .mark_area(opacity=0.25, color=_SECOND)
        .encode(x=x, y=alt.Y("baseline:Q", axis=y_axis), y2="scenario:Q")
    )
    lines = (
        alt.Chart(long.pipe(chart_data))
        .mark_line(point=True, strokeWidth=3)
        .encode(
            x=x,
            y=alt.Y("amount:Q", axis=y_axis),
            color=alt.Color(
                "series:N",
                title=None,
                scale=alt.Scale(domain=list(names.values()), range=[ACCENT, _SECOND]),
                legend=alt.Legend(orient="bottom"),
            ),
            tooltip=[
                alt.Tooltip("series:N", title=" "),
                alt.Tooltip("year:O", title=year),
                alt.Tooltip("amount_text:N", title=plain("ret.chart.amount", lang=lang)),
            ],
        )
    )
    return with_locale((band + lines).properties(height=340), lang=lang)
