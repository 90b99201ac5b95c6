"""The whale curve (cumulative margin, most profitable first) and the Pareto curve
(cumulative revenue, largest first), with the focus list marked. The curves are thinned
(`analytics.concentration.thin_curve`) so they stay light for 10,000+ customers.

Plain functions of (data, language, currency): no session, no Streamlit.
"""

from __future__ import annotations

import altair as alt
import polars as pl

from analytics.concentration import PARETO_SHARE, thin_curve
from locales import plain
from locales.formats import fmt_int, fmt_money, fmt_pct, money_scale, money_unit
from ui.charts import chart_data, number_axis, with_locale
from ui.concentration.quadrant import label_names
from ui.concentration.style import FOCUS, GREY, INK, TIER_COLOURS
from ui.concentration.values import VALUE_KEYS
from ui.i18n import texts

__all__ = ["pareto_chart", "whale_chart"]

# The whale curve's axis, as a share of the total and as an amount, by value.
_WHALE_Y_KEYS = {"margin": "conc.whale.y", "profit": "conc.whale.y_profit"}
_WHALE_AMOUNT_KEYS = {"margin": "conc.whale.y_amount", "profit": "conc.whale.y_amount_profit"}


def _curve_rows(
    curve: pl.DataFrame,
    tiers: pl.DataFrame,
    names: dict[str, str],
    *,
    y: pl.Expr,
    currency: str,
    lang: str,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(line rows starting at the origin, rows of the focus customers on the curve)."""
    joined = curve.join(tiers, on="customer_id", how="left")
    focus = joined.filter(pl.col("focus").fill_null(False))
    line = thin_curve(joined, keep=focus["position"].to_list()).select(
        (pl.col("customer_share") * 100).alias("x"), y.alias("y")
    )
    origin = pl.DataFrame({"x": [0.0], "y": [0.0]}, schema=line.schema)
    marks = focus.select(
        (pl.col("customer_share") * 100).alias("x"),
        y.alias("y"),
        pl.col("customer_id").replace_strict(names, default="").alias("label"),
        "position",
        texts(
            focus["value"],
            lambda v: fmt_money(v, currency=currency, lang=lang),
            name="value_text",
        ),
    )
    return pl.concat([origin, line]), marks


def _curve_layers(
    line: pl.DataFrame,
    marks: pl.DataFrame,
    *,
    y_title: str,
    value_title: str,
    lang: str,
    y_format: str = ",.0f",
) -> list[alt.Chart]:
    x_title = plain("conc.curve.x", lang=lang)
    x = alt.X("x:Q", title=x_title, scale=alt.Scale(domain=[0, 100]), axis=number_axis(x_title))
    y = alt.Y("y:Q", axis=number_axis(y_title, fmt=y_format))
    layers = [
        alt.Chart(line.pipe(chart_data))
        .mark_line(color=TIER_COLOURS["A"], strokeWidth=3, tooltip=None)
        .encode(x=x, y=y)
    ]
    if not marks.is_empty():
        layers.append(
            alt.Chart(marks.pipe(chart_data))
            .mark_circle(size=90, color=FOCUS, stroke=INK, strokeWidth=1)
            .encode(
                x=x,
                y=y,
                tooltip=[
                    alt.Tooltip("label:N", title=plain("field.customer_name", lang=lang)),
                    alt.Tooltip("position:Q", title=plain("conc.col.position", lang=lang)),
                    alt.Tooltip("value_text:N", title=value_title),
                ],
            )
        )
    return layers


def _spot_layers(x: float, y: float, text: str, *, dy: int) -> list[alt.Chart]:
    """A marked point on a curve with its label beside it."""
    spot = pl.DataFrame({"x": [x], "y": [y], "text": [text]}).pipe(chart_data)
    return [
        alt.Chart(spot)
        .mark_point(size=160, color=INK, filled=True, tooltip=None)
        .encode(x="x:Q", y="y:Q"),
        alt.Chart(spot)
        .mark_text(
            align="left", dx=10, dy=dy, fontSize=14, fontWeight="bold", color=INK, tooltip=None
        )
        .encode(x="x:Q", y="y:Q", text="text:N"),
    ]


def _level(*values: float) -> alt.Chart:
    """Dashed horizontal lines at `values`."""
    levels = pl.DataFrame({"y": list(values)}).pipe(chart_data)
    return alt.Chart(levels).mark_rule(color=GREY, strokeDash=[6, 4], tooltip=None).encode(y="y:Q")


def _names(frame: pl.DataFrame, tiers: pl.DataFrame) -> dict[str, str]:
    focus = frame.join(tiers.filter(pl.col("focus")), on="customer_id", how="inner")
    return dict(zip(focus["customer_id"], label_names(focus), strict=True))


def whale_chart(
    curve: pl.DataFrame,
    peak: dict,
    tiers: pl.DataFrame,
    frame: pl.DataFrame,
    *,
    currency: str,
    lang: str,
    value: str = "margin",
) -> alt.LayerChart:
    """Cumulative margin, most profitable customers first (`whale_curve`), as % of the
    total margin (or in `currency` when the total is not positive); the peak
    (`whale_peak`) and the focus list (`tiers`, names from `frame`) marked. `value`
    names what the margin is: `margin` (gross margin) or `profit` (customer profit)."""
    total = float(curve["value"].sum())
    peak_amount = fmt_money(peak["amount"], currency=currency, lang=lang, compact=True)
    y_format = ",.0f"
    if total > 0:
        y = pl.col("cumulative_share") * 100
        y_title, full, peak_y = (
            plain(_WHALE_Y_KEYS[value], lang=lang),
            100.0,
            (peak["share"] or 0) * 100,
        )
        label = plain(
            "conc.whale.peak_label",
            lang=lang,
            peak=fmt_pct(peak["share"], lang=lang),
            amount=peak_amount,
        )
    else:
        scale = money_scale(curve["cumulative"].abs().max() if curve.height else None)
        y_format = ",.1f" if scale >= 1e6 else ",.0f"
        unit = money_unit(scale, currency=currency, lang=lang)
        y = pl.col("cumulative") / scale
        y_title = plain(_WHALE_AMOUNT_KEYS[value], lang=lang, unit=unit)
        full = total / scale
        peak_y = peak["amount"] / scale
        label = plain("conc.whale.peak_amount", lang=lang, amount=peak_amount)
    line, marks = _curve_rows(curve, tiers, _names(frame, tiers), y=y, currency=currency, lang=lang)
    layers = _curve_layers(
        line,
        marks,
        y_title=y_title,
        value_title=plain(VALUE_KEYS[value], lang=lang),
        lang=lang,
        y_format=y_format,
    )
    layers.append(_level(full, 0.0))
    layers += _spot_layers((peak["customer_share"] or 0) * 100, peak_y, label, dy=-12)
    return with_locale(alt.layer(*layers).properties(height=380), lang=lang)


def pareto_chart(
    curve: pl.DataFrame,
    n80: int | None,
    tiers: pl.DataFrame,
    frame: pl.DataFrame,
    *,
    currency: str,
    lang: str,
) -> alt.LayerChart:
    """Cumulative revenue share, largest customers first (`pareto_curve`), with the 80 %
    line and the point where it is reached (`n80` customers); the focus list marked."""
    line, marks = _curve_rows(
        curve,
        tiers,
        _names(frame, tiers),
        y=pl.col("cumulative_share") * 100,
        currency=currency,
        lang=lang,
    )
    layers = _curve_layers(
        line,
        marks,
        y_title=plain("conc.pareto.y", lang=lang),
        value_title=plain("criterion.revenue", lang=lang),
        lang=lang,
    )
    layers.append(_level(PARETO_SHARE * 100))
    if n80 is not None and curve.height:
        x80 = n80 / curve.height * 100
        text = plain(
            "conc.pareto.label",
            lang=lang,
            count=fmt_int(n80, lang=lang),
            share=fmt_pct(x80 / 100, lang=lang),
        )
        rule = pl.DataFrame({"x": [x80]}).pipe(chart_data)
        layers.append(
            alt.Chart(rule).mark_rule(color=GREY, strokeDash=[6, 4], tooltip=None).encode(x="x:Q")
        )
        layers += _spot_layers(x80, PARETO_SHARE * 100, text, dy=14)
    return with_locale(alt.layer(*layers).properties(height=380), lang=lang)
