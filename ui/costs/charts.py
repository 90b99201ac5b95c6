"""The cost-to-serve charts: one customer's waterfall from revenue to customer profit,
and whale curves side by side (gross margin against customer profit, or a what-if's
before against after). Plain functions of (data, currency, language) returning Altair
charts that end with `ui.charts.with_locale`.
"""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import polars as pl

from analytics.concentration import pareto_curve, thin_curve, whale_peak
from locales import plain
from locales.formats import fmt_int, fmt_money, money_scale, money_unit
from ui.charts import ACCENT, chart_data, number_axis, with_locale
from ui.costs.tables import DRIVER_KEYS
from ui.i18n import texts

__all__ = [
    "COST_COLOUR",
    "STEP_KEYS",
    "margin_profit_whale_chart",
    "waterfall_chart",
    "whale_lines_chart",
    "whatif_chart",
]

COST_COLOUR = "#b03a2e"
_SECOND = "#e08a2c"
# Each step of `analytics.profit.profit_waterfall` and the catalog key of its name (a
# driver's step is named as the driver).
STEP_KEYS: dict[str, str] = {
    "revenue": "profit.step.revenue",
    "cost_of_goods": "profit.step.cost_of_goods",
    "gross_margin": "profit.step.gross_margin",
    **DRIVER_KEYS,
    "profit": "profit.step.profit",
}


def waterfall_chart(steps: pl.DataFrame, *, currency: str, lang: str) -> alt.Chart:
    """Bars from revenue to gross margin to customer profit, driver by driver, from
    `analytics.profit.profit_waterfall` (`step`, `kind`, `amount`, `start`, `end`):
    totals (revenue, gross margin, profit) from 0 in the accent colour, costs from the
    running total down in red; amounts in one unit (kr, tkr, MSEK) named on the axis."""
    largest = max((abs(v) for v in (*steps["start"], *steps["end"])), default=0.0)
    scale = money_scale(largest)
    labels = [plain(STEP_KEYS[s], lang=lang) for s in steps["step"]]
    data = steps.select(
        pl.Series("label", labels, dtype=pl.String),
        "kind",
        (pl.col("start") / scale).alias("low"),
        (pl.col("end") / scale).alias("high"),
        texts(
            steps["amount"],
            lambda v: fmt_money(v, currency=currency, lang=lang),
            name="text",
        ),
    ).pipe(chart_data)
    step = plain("profit.chart.step", lang=lang)
    amount = plain(
        "profit.chart.amount", lang=lang, unit=money_unit(scale, currency=currency, lang=lang)
    )
    chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X(
                "label:N",
                sort=labels,
                title=step,
                axis=alt.Axis(labelAngle=-35, labelOverlap=False, labelLimit=240),
            ),
            y=alt.Y("low:Q", axis=number_axis(amount, fmt=",.0f" if scale == 1 else ",.1f")),
            y2="high:Q",
            color=alt.Color(
                "kind:N",
                scale=alt.Scale(domain=["total", "cost"], range=[ACCENT, COST_COLOUR]),
                legend=None,
            ),
            tooltip=[
                alt.Tooltip("label:N", title=step),
                alt.Tooltip("text:N", title=amount.split(" (")[0]),
            ],
        )
        .properties(height=320)
    )
    return with_locale(chart, lang=lang)


def whale_lines_chart(
    curves: Sequence[tuple[str, pl.DataFrame]], *, currency: str, lang: str
) -> alt.Chart:
    """Whale curves on one chart: each `(label, curve)` a line (curves from
    `analytics.concentration.pareto_curve`), x the share of customers (most profitable
    first), y the cumulative amount in one unit (kr, tkr, MSEK) named on the axis. Long
    curves are thinned to about 400 points, keeping each peak."""
    frames = []
    for label, curve in curves:
        peak = whale_peak(curve)["customers"] or 1
        thin = thin_curve(curve, keep=[peak]).select(
            pl.lit(label).alias("curve"), "position", "customer_share", "cumulative"
        )
        frames.append(thin)
    data = pl.concat(frames) if frames else pl.DataFrame()
    largest = max((abs(v) for v in data["cumulative"]), default=0.0) if frames else 0.0
    scale = money_scale(largest)
    unit = money_unit(scale, currency=currency, lang=lang)
    data = data.with_columns(
        (pl.col("cumulative") / scale).alias("amount"),
        texts(data["position"], lambda v: fmt_int(v, lang=lang), name="count"),
    ).pipe(chart_data)
    share = plain("profit.chart.customers", lang=lang)
    cumulative = plain("profit.chart.cumulative", lang=lang, unit=unit)
    curve_title = plain("profit.chart.curve", lang=lang)
    order = [label for label, _ in curves]
    chart = (
        alt.Chart(data)
        .mark_line(strokeWidth=2.5)
        .encode(
            x=alt.X("customer_share:Q", axis=number_axis(share, fmt=".0%")),
            y=alt.Y("amount:Q", axis=number_axis(cumulative, fmt=",.1f" if scale > 1 else ",.0f")),
            color=alt.Color(
                "curve:N",
                sort=order,
                scale=alt.Scale(domain=order, range=[ACCENT, _SECOND][: len(order)] or [ACCENT]),
                legend=alt.Legend(title=curve_title, orient="top"),
            ),
            tooltip=[
                alt.Tooltip("curve:N", title=curve_title),
                alt.Tooltip("count:N", title=plain("profit.chart.customer_count", lang=lang)),
                alt.Tooltip("amount:Q", title=cumulative, format=",.1f"),
            ],
        )
        .properties(height=320)
    )
    return with_locale(chart, lang=lang)


def margin_profit_whale_chart(customers: pl.DataFrame, *, currency: str, lang: str) -> alt.Chart:
    """The whale curve of gross margin and of customer profit on one chart, from a
    profit table (`analytics.profit.profit_table(...)["customers"]`: `margin`, `profit`):
    how far the cost to serve lifts the peak."""
    return whale_lines_chart(
        [
            (
                plain("profit.switch.gross_margin", lang=lang),
                pareto_curve(customers, value="margin"),
            ),
            (
                plain("profit.switch.customer_profit", lang=lang),
                pareto_curve(customers, value="profit"),
            ),
        ],
        currency=currency,
        lang=lang,
    )


def whatif_chart(result: dict, *, currency: str, lang: str) -> alt.Chart:
    """A what-if's whale curves of customer profit before and after
    (`analytics.profit.what_if`)."""
    return whale_lines_chart(
        [
            (plain("profit.whatif.before", lang=lang), result["before_curve"]),
            (plain("profit.whatif.after", lang=lang), result["after_curve"]),
        ],
        currency=currency,
        lang=lang,
    )
