"""The quadrant of the profitability-versus-size page: revenue (log scale) against
profitability, the focus list numbered, the cut lines, the four quadrant names, and grey
cells counting the tail of small customers (`analytics.concentration.thin_points`), so
the chart stays light for 10,000+ customers.

Plain functions of (data, options, language, currency): no session, no Streamlit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import altair as alt
import polars as pl

from analytics.concentration import QUADRANTS, thin_points
from locales import key_table, plain
from locales.formats import fmt_money, fmt_pct, money_scale, money_unit
from ui.charts import chart_data, number_axis, with_locale
from ui.concentration.style import GREY, INK, TIER_COLOURS
from ui.concentration.values import MEASURE_NAME_KEYS, PCT_KEYS, VALUE_KEYS
from ui.i18n import texts

__all__ = [
    "MAX_POINTS",
    "MEASURE_KEYS",
    "QUADRANT_KEYS",
    "Measure",
    "QuadrantFacts",
    "label_names",
    "quadrant_chart",
    "quadrant_points",
]

MAX_POINTS = 1500  # customers drawn one by one in the quadrant; the rest are counted
Measure = Literal["margin_pct", "margin"]
MEASURE_KEYS: dict[str, str] = MEASURE_NAME_KEYS["margin"]
QUADRANT_KEYS = key_table(
    "conc.quadrant", "core", "large_unprofitable", "small_profitable", "small_unprofitable"
)
# Tick labels of the log revenue axis: the amount with the language's separators, to
# six significant digits with trailing zeros trimmed (`1 000 000`, `0,01`).
_LOG_FORMAT = ",~r"


@dataclass(frozen=True)
class QuadrantFacts:
    """What the chart needs besides its rows: the profitability axis (`y_scale` divides
    the values: 0.01 for per cent, else the money scale; `unit`, d3 `y_format`), and the
    customers it leaves out (`hidden`: cannot be drawn) or counts in cells (`binned`)."""

    y_scale: float
    unit: str
    y_format: str
    hidden: int
    binned: int


def label_names(frame: pl.DataFrame) -> pl.Series:
    """The customer's name (its pseudonym while names are masked, see
    `ui.data.masked_customers`), else its id, as `label`."""
    names = frame.select(pl.coalesce("customer_name", "customer_id"))[:, 0]
    return names.rename("label")


def _y_axis(values: pl.Series, measure: Measure, *, currency: str, lang: str) -> tuple:
    """(divisor, unit, d3 format) of the profitability axis."""
    if measure == "margin_pct":
        return 0.01, "%", ",.0f"
    scale = money_scale(values.abs().max() if values.len() else None)
    unit = money_unit(scale, currency=currency, lang=lang)
    return scale, unit, ",.1f" if scale >= 1e6 else ",.0f"


def quadrant_points(
    assigned: pl.DataFrame, tiers: pl.DataFrame, *, measure: Measure, currency: str, lang: str
) -> tuple[pl.DataFrame, pl.DataFrame, QuadrantFacts]:
    """Chart rows: customers drawn one by one (the focus list always among them, `y` in
    the axis's unit) with their tooltip texts, the binned tail, and the chart's facts."""
    frame = assigned.join(tiers, on="customer_id", how="left")
    drawable = frame.filter(pl.col("quadrant").is_not_null() & (pl.col("revenue") > 0))
    scale, unit, y_format = _y_axis(
        drawable["profitability"], measure, currency=currency, lang=lang
    )
    keep = drawable.filter(pl.col("focus"))["customer_id"].to_list()
    plotted, cells = thin_points(
        drawable.with_columns(pl.col("profitability") / scale),
        keep=keep,
        max_points=MAX_POINTS,
    )
    plotted = plotted.rename({"profitability": "y"})
    names = {q: plain(QUADRANT_KEYS[q], lang=lang) for q in QUADRANTS}

    def money(value: object) -> str:
        return fmt_money(value, currency=currency, lang=lang)

    plotted = plotted.with_columns(
        label_names(plotted),
        texts(plotted["revenue"], money, name="revenue_text"),
        texts(plotted["margin"], money, name="margin_text"),
        texts(plotted["margin_share"], lambda v: fmt_pct(v, 1, lang=lang), name="pct_text"),
        pl.col("quadrant").replace_strict(names).alias("quadrant_text"),
        pl.when(pl.col("margin_assumed"))
        .then(pl.lit(plain("conc.assumed", lang=lang)))
        .otherwise(pl.lit(plain("conc.from_data", lang=lang)))
        .alias("source_text"),
    )
    if not cells.is_empty():
        cells = cells.with_columns(
            texts(
                cells["revenue"],
                lambda v: fmt_money(v, currency=currency, lang=lang, compact=True),
                name="revenue_text",
            )
        )
    binned = int(cells["customers"].sum()) if not cells.is_empty() else 0
    facts = QuadrantFacts(scale, unit, y_format, frame.height - drawable.height, binned)
    return plotted, cells, facts


def _log_ticks(low: float, high: float) -> list[float]:
    return [10.0**e for e in range(math.floor(math.log10(low)), math.ceil(math.log10(high)) + 1)]


def _y_domain(points: pl.DataFrame, cells: pl.DataFrame, profit_cut: float, measure: str):
    """The profitability axis's range: every point, cell and the cut line, padded."""
    ys = [*points["y"].to_list(), profit_cut, *cells["y0"].to_list(), *cells["y1"].to_list()]
    low, high = min(ys), max(ys)
    if measure == "margin_pct":
        low, high = max(low, -100.0), min(high, 100.0)
    # At least 10 percentage points (or ±10 % of the amount) high, so that customers who
    # all have the same margin sit on one line in the middle, not across the chart.
    least = 10.0 if measure == "margin_pct" else max(abs(high), abs(low), 1.0) * 0.2
    if high - low < least:
        middle = (high + low) / 2
        low, high = middle - least / 2, middle + least / 2
    pad = (high - low) * 0.06
    return [low - pad, high + pad]


@dataclass(frozen=True)
class _Frame:
    """The chart's scales and axes, shared by its layers."""

    x_scale: alt.Scale
    y_scale: alt.Scale
    x_axis: alt.Axis
    y_axis: alt.Axis
    x_domain: list[float]
    y_domain: list[float]


def _frame(
    points: pl.DataFrame,
    cells: pl.DataFrame,
    profit_cut: float,
    *,
    measure: Measure,
    facts: QuadrantFacts,
    currency: str,
    lang: str,
    value: str,
) -> _Frame:
    xs = points["revenue"].to_list() + (cells["x0"].to_list() + cells["x1"].to_list())
    ticks = _log_ticks(max(min(xs), 1e-2), max(xs))
    x_domain = [ticks[0], ticks[-1]]
    y_domain = _y_domain(points, cells, profit_cut, measure)
    revenue = plain("criterion.revenue", lang=lang)
    unit = money_unit(currency=currency, lang=lang)
    x_title = f"{revenue} ({unit}, {plain('conc.log_scale', lang=lang)})"
    share = plain(PCT_KEYS[value], lang=lang)
    # A name that already says per cent ("Kundlönsamhet i %") takes no second "(%)".
    y_title = (
        (share if "%" in share else f"{share} (%)")
        if measure == "margin_pct"
        else f"{plain(VALUE_KEYS[value], lang=lang)} ({facts.unit})"
    )
    return _Frame(
        x_scale=alt.Scale(type="log", domain=x_domain, nice=False),
        y_scale=alt.Scale(domain=y_domain, nice=False, clamp=True, zero=False),
        x_axis=alt.Axis(title=x_title, values=ticks, format=_LOG_FORMAT, grid=True),
        y_axis=number_axis(y_title, fmt=facts.y_format),
        x_domain=x_domain,
        y_domain=y_domain,
    )


def _cell_layer(cells: pl.DataFrame, box: _Frame, *, lang: str) -> alt.Chart:
    """Grey cells whose opacity counts the small customers in them."""
    return (
        alt.Chart(cells.pipe(chart_data))
        .mark_rect(color="#9aa5b1")
        .encode(
            x=alt.X("x0:Q", scale=box.x_scale, axis=box.x_axis),
            x2="x1:Q",
            y=alt.Y("y0:Q", scale=box.y_scale, axis=box.y_axis),
            y2="y1:Q",
            opacity=alt.Opacity("customers:Q", scale=alt.Scale(range=[0.15, 0.75]), legend=None),
            tooltip=[
                alt.Tooltip("customers:Q", title=plain("conc.cell_customers", lang=lang)),
                alt.Tooltip("revenue_text:N", title=plain("criterion.revenue", lang=lang)),
            ],
        )
    )


_POINT_COLUMNS = (
    "label",
    "revenue",
    "y",
    "tier",
    "rank",
    "focus",
    "revenue_text",
    "margin_text",
    "pct_text",
    "quadrant_text",
    "source_text",
)
_TOOLTIPS = (
    ("label:N", "field.customer_name"),
    ("tier:N", "focus.col.tier"),
    ("rank:Q", "focus.col.rank"),
    ("quadrant_text:N", "conc.col.quadrant"),
    ("revenue_text:N", "criterion.revenue"),
    ("margin_text:N", None),  # the value's name (`VALUE_KEYS`)
    ("pct_text:N", None),  # the value's share of revenue (`PCT_KEYS`)
    ("source_text:N", "conc.col.source"),
)


def _tooltips(value: str, *, lang: str) -> list[alt.Tooltip]:
    named = {"margin_text:N": VALUE_KEYS[value], "pct_text:N": PCT_KEYS[value]}
    return [
        alt.Tooltip(field, title=plain(key or named[field], lang=lang)) for field, key in _TOOLTIPS
    ]


def _point_layers(points: pl.DataFrame, box: _Frame, *, value: str, lang: str) -> list[alt.Chart]:
    """Customers as dots in their tier's colour; the focus list larger, numbered."""
    colour = alt.Color(
        "tier:N",
        title=plain("focus.col.tier", lang=lang),
        scale=alt.Scale(domain=list(TIER_COLOURS), range=list(TIER_COLOURS.values())),
        legend=alt.Legend(orient="bottom"),
    )
    base = alt.Chart(points.select(_POINT_COLUMNS).pipe(chart_data)).encode(
        x=alt.X("revenue:Q", scale=box.x_scale, axis=box.x_axis),
        y=alt.Y("y:Q", scale=box.y_scale, axis=box.y_axis),
        tooltip=_tooltips(value, lang=lang),
    )
    focus = base.transform_filter("datum.focus")
    return [
        base.transform_filter("!datum.focus")
        .mark_circle(size=55, opacity=0.75)
        .encode(color=colour),
        focus.mark_circle(size=420, opacity=1, stroke=INK, strokeWidth=1.5).encode(color=colour),
        # The focus list's place numbers in the dots: names would pile up on each other.
        focus.mark_text(fontSize=11, fontWeight="bold").encode(
            text="rank:Q",
            color=alt.condition("datum.tier == 'C'", alt.value(INK), alt.value("white")),
        ),
    ]


def _cut_layers(size_cut: float, profit_cut: float, box: _Frame) -> list[alt.Chart]:
    rules = pl.DataFrame({"x": [size_cut], "y": [profit_cut]}).pipe(chart_data)
    line = alt.Chart(rules).mark_rule(strokeDash=[6, 4], color=GREY, strokeWidth=1.5, tooltip=None)
    return [
        line.encode(x=alt.X("x:Q", scale=box.x_scale)),
        line.encode(y=alt.Y("y:Q", scale=box.y_scale)),
    ]


def _corner_layers(box: _Frame, *, lang: str) -> list[alt.Chart]:
    """The quadrants' names in their corners (`QUADRANTS` order: top right, bottom
    right, top left, bottom left)."""
    (x_low, x_high), (y_low, y_high) = box.x_domain, box.y_domain
    corners = zip(
        QUADRANTS,
        [(x_high, y_high), (x_high, y_low), (x_low, y_high), (x_low, y_low)],
        ["right", "right", "left", "left"],
        ["top", "bottom", "top", "bottom"],
        strict=True,
    )
    layers = []
    for quadrant, (x, y), align, baseline in corners:
        row = pl.DataFrame(
            {"x": [x], "y": [y], "text": [plain(QUADRANT_KEYS[quadrant], lang=lang)]}
        )
        layers.append(
            alt.Chart(row.pipe(chart_data))
            .mark_text(
                align=align,
                baseline=baseline,
                dx=-6 if align == "right" else 6,
                dy=6 if baseline == "top" else -6,
                fontSize=15,
                fontWeight="bold",
                color=GREY,
                tooltip=None,
            )
            .encode(
                x=alt.X("x:Q", scale=box.x_scale),
                y=alt.Y("y:Q", scale=box.y_scale),
                text="text:N",
            )
        )
    return layers


def quadrant_chart(
    points: pl.DataFrame,
    cells: pl.DataFrame,
    *,
    cuts: dict,
    facts: QuadrantFacts,
    measure: Measure,
    currency: str,
    lang: str,
    value: str = "margin",
) -> alt.LayerChart:
    """Revenue (log scale, in `currency`) against profitability (`quadrant_points`):
    tier colours, the focus list numbered, the cut lines (`cuts` from
    `analytics.concentration.quadrant_cuts`), the quadrant names and the grey cells.
    `value` names the profitability: `margin` (gross margin) or `profit` (customer
    profit)."""
    profit_cut = cuts["profit"] / facts.y_scale
    money = {"currency": currency, "lang": lang}
    box = _frame(points, cells, profit_cut, measure=measure, facts=facts, value=value, **money)
    layers = [] if cells.is_empty() else [_cell_layer(cells, box, lang=lang)]
    layers += _point_layers(points, box, value=value, lang=lang)
    layers += _cut_layers(cuts["size"], profit_cut, box)
    layers += _corner_layers(box, lang=lang)
    return with_locale(alt.layer(*layers).properties(height=520), lang=lang)
