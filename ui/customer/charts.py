"""The customer page's charts: revenue and margin per month, revenue per product group,
and the score's points per criterion next to the A-tier average.

Plain functions of (data, language, currency): no session, no Streamlit.
"""

from __future__ import annotations

import altair as alt
import polars as pl

from locales import catalog, plain
from locales.formats import fmt_money, fmt_number, fmt_pct, money_scale, money_unit
from ui.charts import ACCENT, chart_data, number_axis, with_locale
from ui.i18n import texts

__all__ = ["breakdown_chart", "history_chart", "mix_chart"]

_SECOND = "#d98c2b"
_GREY = "#9aa5b1"
# Category labels in full, every one of them (Altair hides overlapping ones by default).
_LABELS = alt.Axis(labelLimit=260, labelOverlap=False)


def _amount_axis(values: pl.Series, *, currency: str, lang: str) -> tuple[float, alt.Axis]:
    """(divisor, axis) for amounts up to `values`' largest: whole units of `currency`, of
    thousands, or millions with one decimal; the axis titled with the unit."""
    scale = money_scale(values.abs().max() if values.len() else None)
    unit = money_unit(scale, currency=currency, lang=lang)
    return scale, number_axis(unit, fmt=",.1f" if scale >= 1e6 else ",.0f")


def history_chart(history: pl.DataFrame, *, currency: str, lang: str) -> alt.LayerChart:
    """Revenue (bars) and gross margin (line) per month (`customer_history`), in whole
    units, thousands or millions of `currency`."""
    amounts = pl.concat([history["revenue"], history["gross_margin"].drop_nulls()])
    divisor, axis = _amount_axis(amounts, currency=currency, lang=lang)
    revenue = plain("criterion.revenue", lang=lang)
    margin = plain("criterion.gross_margin", lang=lang)
    # Tooltips show amounts as the page writes them, in the data set's currency.
    data = history.select(
        "month",
        pl.col("revenue").alias(revenue),
        pl.col("gross_margin").alias(margin),
    ).unpivot(index="month", variable_name="measure", value_name="raw")
    data = data.with_columns(
        (pl.col("raw") / divisor).alias("amount"),
        texts(data["raw"], lambda v: fmt_money(v, currency=currency, lang=lang), name="text"),
    ).drop("raw")
    color = alt.Color(
        "measure:N",
        title=None,
        scale=alt.Scale(domain=[revenue, margin], range=[ACCENT, _SECOND]),
        legend=alt.Legend(orient="top"),
    )
    month_format = catalog(lang)["format.vega_month"]
    month_title = plain("overview.month", lang=lang)
    month = alt.X(
        "yearmonth(month):T",
        title=month_title,
        axis=alt.Axis(format=month_format, labelAngle=0),
    )
    tooltip = [
        alt.Tooltip("yearmonth(month):T", title=month_title, format=month_format),
        alt.Tooltip("measure:N", title=" "),
        alt.Tooltip("text:N", title=plain("customer.amount", lang=lang)),
    ]
    base = alt.Chart(data.pipe(chart_data)).encode(
        x=month, y=alt.Y("amount:Q", axis=axis), color=color, tooltip=tooltip
    )
    bars = base.transform_filter(alt.datum.measure == revenue).mark_bar(opacity=0.85)
    line = base.transform_filter(alt.datum.measure == margin).mark_line(point=True)
    return with_locale(alt.layer(bars, line).properties(height=280), lang=lang)


def mix_chart(mix: pl.DataFrame, *, currency: str, lang: str) -> alt.Chart:
    """Revenue per product group (`product_group_mix`; horizontal bars, largest first)
    with share and margin in the tooltip."""
    divisor, axis = _amount_axis(mix["revenue"], currency=currency, lang=lang)

    def pct(value: object) -> str:
        return fmt_pct(value, 1, lang=lang)

    data = mix.select(
        pl.col("product_group").fill_null(plain("customer.no_group", lang=lang)).alias("group"),
        (pl.col("revenue") / divisor).alias("amount"),
        texts(mix["revenue"], lambda v: fmt_money(v, currency=currency, lang=lang), name="revenue"),
        texts(mix["share"], pct, name="share"),
        texts(mix["margin_pct"] / 100, pct, name="margin_pct"),
    ).pipe(chart_data)
    chart = (
        alt.Chart(data)
        .mark_bar(color=ACCENT)
        .encode(
            y=alt.Y("group:N", sort=None, title=None, axis=_LABELS),
            x=alt.X("amount:Q", axis=axis),
            tooltip=[
                alt.Tooltip("group:N", title=plain("field.product_group", lang=lang)),
                alt.Tooltip("revenue:N", title=plain("criterion.revenue", lang=lang)),
                alt.Tooltip("share:N", title=plain("customer.share", lang=lang)),
                alt.Tooltip("margin_pct:N", title=plain("criterion.margin_pct", lang=lang)),
            ],
        )
        .properties(height=max(120, 44 * len(data)))
    )
    return with_locale(chart, lang=lang)


def breakdown_chart(comparison: pl.DataFrame, *, customer: str, lang: str) -> alt.Chart:
    """Points per criterion (`tier_comparison`): this customer (named `customer`) next to
    the A-tier average, as grouped bars."""
    average = plain("customer.a_average", lang=lang)
    names = [plain(f"criterion.{key}", lang=lang) for key in comparison["criterion"]]
    data = comparison.select(
        pl.Series("criterion", names, dtype=pl.String),
        pl.col("customer").alias(customer),
        pl.col("tier_average").alias(average),
    ).unpivot(index="criterion", variable_name="who", value_name="points")
    data = data.with_columns(
        texts(data["points"], lambda v: fmt_number(v, 1, lang=lang), name="text")
    ).pipe(chart_data)
    points = plain("customer.points", lang=lang)
    chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y("criterion:N", sort=names, title=None, axis=_LABELS),
            yOffset=alt.YOffset("who:N", sort=[customer, average]),
            x=alt.X("points:Q", axis=number_axis(points)),
            color=alt.Color(
                "who:N",
                title=None,
                scale=alt.Scale(domain=[customer, average], range=[ACCENT, _GREY]),
                legend=alt.Legend(orient="top", labelLimit=400),
            ),
            tooltip=[
                alt.Tooltip("criterion:N", title=plain("customer.criterion", lang=lang)),
                alt.Tooltip("who:N", title=" "),
                alt.Tooltip("text:N", title=points),
            ],
        )
        .properties(height=max(160, 56 * len(names)))
    )
    return with_locale(chart, lang=lang)
