"""Widgets and charts of the profitability-versus-size page: period and margin controls,
the headline figures, the quadrant chart, the whale curve, the Pareto curve, the
"what this means" sentences and the PNG/SVG exports.

Every number on screen is formatted here by `ui.i18n` (`texts` for whole columns), in the
script's thread. Charts stay light for 10,000+ customers: the tail of small customers is
counted in grid cells and the curves are thinned (`analytics.concentration`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date

import altair as alt
import polars as pl
import streamlit as st
import vl_convert

from analytics.concentration import (
    MARGIN_ASSUMED,
    MARGIN_NONE,
    PARETO_SHARE,
    QUADRANTS,
    assumption_groups,
    group_revenue,
    thin_curve,
    thin_points,
)
from analytics.metrics import Period
from analytics.scoring import score_customers
from ui.charts import chart_data, number_axis
from ui.data import get_store
from ui.focus_view import stored_weights
from ui.i18n import (
    Markdown,
    currency,
    fmt_int,
    fmt_money,
    fmt_pct,
    md,
    money_unit,
    plain,
    t,
    texts,
    trusted,
)
from ui.tables import localized, table_height

__all__ = [
    "MAX_POINTS",
    "assumption_notice",
    "chart_section",
    "cut_caption",
    "export_buttons",
    "focus_customers",
    "focus_legend",
    "headline",
    "load_groups",
    "margin_controls",
    "pareto_chart",
    "pareto_sentence",
    "quadrant_chart",
    "quadrant_controls",
    "quadrant_points",
    "quadrant_sentence",
    "quadrant_table",
    "top_control",
    "whale_chart",
    "whale_sentence",
    "with_assumed",
]

MAX_POINTS = 1500  # customers drawn one by one in the quadrant; the rest are counted
MAX_GROUPS = 12  # product groups offered an assumed margin of their own
_TIER_COLOURS = {"A": "#1f5f8b", "B": "#6b9ac4", "C": "#b8c2cc"}
_INK = "#1d2733"
_GREY = "#5b6670"
_FOCUS = "#d98c2b"
_EXPORT_WIDTH = 960


# --- data and controls --------------------------------------------------------------------


@st.cache_resource(show_spinner=False, max_entries=8)
def load_groups(dataset_id: int, version: str, start: date, end: date) -> pl.DataFrame:
    """Revenue per customer and product group in [start, end], cached per data version."""
    del version
    return group_revenue(get_store(), dataset_id=dataset_id, period=Period(start, end))


def top_control() -> int:
    """How many customers make the focus list (starts at the focus list page's choice)."""
    if "conc_top" not in st.session_state:
        st.session_state["conc_top"] = int(st.session_state.get("focus_top", 20))
    value = st.number_input(
        t("conc.top"), min_value=1, max_value=500, step=5, key="conc_top", help=t("conc.top_help")
    )
    return int(value)


def focus_customers(table: pl.DataFrame, *, top: int, dataset_id: int) -> pl.DataFrame:
    """`customer_id`, `rank`, `tier` and `focus` (rank ≤ `top`) of every customer under
    the focus list's weights (the standard weights until the focus list page sets them,
    which a caption says)."""
    weights, from_focus = stored_weights(dataset_id)
    scored = score_customers(table, weights=weights)
    st.caption(t("conc.focus_weights" if from_focus else "conc.focus_default", top=fmt_int(top)))
    return scored.select("customer_id", "rank", "tier").with_columns(
        (pl.col("rank") <= top).alias("focus")
    )


def margin_controls(table: pl.DataFrame, groups: pl.DataFrame) -> dict:
    """When some margins are unknown: none, one assumed margin, or one per product group.

    Returns `assumed_margin` (share 0–1 or None) and `group_margins` (group → share, or
    None) for `analytics.concentration.with_margin`, and `groups_shown` (how many groups
    got a share of their own).
    """
    settings = {"assumed_margin": None, "group_margins": None, "groups_shown": 0}
    if table["gross_margin"].null_count() == 0:
        return settings
    st.session_state.setdefault("conc_assumed", 25)
    mode = (
        st.segmented_control(
            t("conc.margin.mode"),
            ("none", "overall", "group"),
            format_func=lambda m: t(f"conc.margin.mode.{m}"),
            default="none",
            key="conc_margin_mode",
            help=t("conc.margin.mode_help"),
        )
        or "none"
    )
    if mode == "none":
        return settings
    offered = assumption_groups(table, groups).drop_nulls("product_group").head(MAX_GROUPS)
    if mode == "group" and offered.is_empty():
        st.caption(t("conc.margin.no_groups"))
        mode = "overall"
    label = t("conc.margin.rest") if mode == "group" else t("conc.margin.overall")
    overall = st.slider(label, 0, 90, step=1, format="%d %%", key="conc_assumed")
    settings["assumed_margin"] = overall / 100
    if mode == "group":
        cols = st.columns(4)
        shares = {}
        for i, (group, revenue) in enumerate(offered.rows()):
            key = f"conc_group_{group}"
            st.session_state.setdefault(key, int(overall))
            value = cols[i % 4].number_input(
                md(group),
                min_value=0,
                max_value=90,
                step=1,
                key=key,
                help=t("conc.margin.group_help", revenue=fmt_money(revenue, compact=True)),
            )
            shares[group] = value / 100
        settings["group_margins"] = shares
        settings["groups_shown"] = len(shares)
    return settings


def assumption_notice(frame: pl.DataFrame, source: str, settings: dict) -> None:
    """Say where the margins come from when they are not all the export's own."""
    unknown = frame.filter(pl.col("gross_margin").is_null())
    if unknown.is_empty():
        return
    revenue = float(frame["revenue"].sum())
    share = float(unknown["revenue"].sum()) / revenue if revenue > 0 else None
    count, share_text = fmt_int(unknown.height), fmt_pct(share)
    if source == MARGIN_NONE:
        st.info(t("conc.margin.none_known"), icon=":material/info:")
    elif source == MARGIN_ASSUMED:
        rest = settings["assumed_margin"]
        own = {g: v for g, v in (settings["group_margins"] or {}).items() if v != rest}
        if own:
            parts = [f"{g} {fmt_pct(v)}" for g, v in own.items()]
            how = t(
                "conc.margin.how_group",
                groups=", ".join(parts),
                rest=fmt_pct(settings["assumed_margin"]),
            )
        else:
            how = t("conc.margin.how_overall", pct=fmt_pct(settings["assumed_margin"]))
        st.warning(
            t("conc.margin.assumed_note", count=count, share=share_text, how=how),
            icon=":material/warning:",
        )
    else:
        st.info(t("conc.margin.partial", count=count, share=share_text), icon=":material/info:")


# --- headline -------------------------------------------------------------------------------


def headline(summary: dict, *, projector: bool = False) -> None:
    """Four figures: customers for 80 % of revenue, the whale peak, the loss-makers and
    the total margin (two by two on a projector, where the type is larger); a line under
    them when the last three rest on assumed margins."""
    cols = [*st.columns(2), *st.columns(2)] if projector else st.columns(4)
    n80, losers = summary["customers_for_80pct_revenue"], summary["unprofitable_customers"]
    off = {"delta_color": "off", "delta_arrow": "off"}
    cols[0].metric(
        t("conc.metric.n80"),
        "–" if n80 is None else t("conc.customers", count=fmt_int(n80)),
        delta=None
        if n80 is None
        else t("conc.of_customers", share=fmt_pct(summary["share_of_customers_for_80pct_revenue"])),
        help=t("conc.metric.n80_help"),
        **off,
    )
    cols[1].metric(
        t("conc.metric.peak"), fmt_pct(summary["whale_peak"]), help=t("conc.metric.peak_help")
    )
    cols[2].metric(
        t("conc.metric.unprofitable"),
        "–" if losers is None else fmt_int(losers),
        delta=None
        if losers is None
        else t("conc.of_customers", share=fmt_pct(summary["unprofitable_share"])),
        help=t("conc.metric.unprofitable_help"),
        **off,
    )
    cols[3].metric(
        t("conc.metric.margin"),
        fmt_money(summary["gross_margin"], compact=True),
        help=t("conc.metric.margin_help"),
    )
    if summary["margin_source"] == MARGIN_ASSUMED:
        st.caption(t("conc.metric.assumed"))


def with_assumed(text: str, source: str) -> str:
    """`text` marked "(antagen marginal)" when the margins are partly assumed; a sentence
    keeps its full stop last."""
    if source != MARGIN_ASSUMED:
        return text
    if text.endswith("."):
        return f"{text[:-1]} ({t('conc.assumed')})."
    return f"{text} ({t('conc.assumed')})"


# --- quadrant -----------------------------------------------------------------------------


def quadrant_controls() -> dict:
    """Profitability measure and the two cut lines; returns `measure`, `size` and `profit`
    for `analytics.concentration.quadrant_cuts` (a target margin % as a fraction)."""
    cols = st.columns(3)
    measure = (
        cols[0].segmented_control(
            t("conc.measure"),
            ("margin_pct", "margin"),
            format_func=lambda m: t(f"conc.measure.{m}"),
            default="margin_pct",
            key="conc_measure",
        )
        or "margin_pct"
    )
    size = (
        cols[1].segmented_control(
            t("conc.size_cut"),
            ("median", "top20"),
            format_func=lambda c: t(f"conc.size_cut.{c}"),
            default="median",
            key="conc_size",
            help=t("conc.size_cut_help"),
        )
        or "median"
    )
    profit_choice = (
        cols[2].segmented_control(
            t("conc.profit_cut"),
            ("median", "zero", "target"),
            format_func=lambda c: t(f"conc.profit_cut.{c}"),
            default="median",
            key="conc_profit",
            help=t("conc.profit_cut_help"),
        )
        or "median"
    )
    profit: str | float = "median"
    if profit_choice == "zero":
        profit = 0.0
    elif profit_choice == "target" and measure == "margin_pct":
        st.session_state.setdefault("conc_target_pct", 20)
        profit = (
            cols[2].number_input(
                t("conc.target_pct"), min_value=-50, max_value=90, step=1, key="conc_target_pct"
            )
            / 100
        )
    elif profit_choice == "target":
        st.session_state.setdefault("conc_target_amount", 10_000)
        profit = float(
            cols[2].number_input(
                t("conc.target_amount", unit=money_unit()),
                min_value=-10_000_000,
                step=5_000,
                key="conc_target_amount",
            )
        )
    return {"measure": measure, "size": size, "profit": profit}


def _label_names(frame: pl.DataFrame) -> pl.Series:
    """The customer's name (its pseudonym while names are masked, see
    `ui.data.masked_customers`), else its id."""
    names = frame.select(pl.coalesce("customer_name", "customer_id"))[:, 0]
    return names.rename("label")


def _amount_unit(values: Iterable[float | None]) -> tuple[float, str, str]:
    """(divisor, unit, d3 format) for an axis of amounts in the data set's currency:
    MSEK, tkr or kr (MEUR, tEUR or EUR …)."""
    top = max((abs(float(v)) for v in values if v is not None), default=0.0)
    if top >= 1e6:
        return 1e6, money_unit(1e6), ",.1f"
    if top >= 1e4:
        return 1e3, money_unit(1e3), ",.0f"
    return 1.0, money_unit(), ",.0f"


def quadrant_points(
    assigned: pl.DataFrame, tiers: pl.DataFrame, *, measure: str
) -> tuple[pl.DataFrame, pl.DataFrame, dict]:
    """Chart rows: customers drawn one by one (the focus list always among them) and the
    binned tail, with the tooltip texts; and facts for the chart (`y_scale`, `unit`,
    `hidden`: customers that cannot be drawn, `binned`: customers in the cells)."""
    frame = assigned.join(tiers, on="customer_id", how="left")
    drawable = frame.filter(pl.col("quadrant").is_not_null() & (pl.col("revenue") > 0))
    if measure == "margin_pct":
        scale, unit, y_format = 0.01, "%", ",.0f"
    else:
        scale, unit, y_format = _amount_unit(drawable["profitability"].to_list())
    drawable = drawable.with_columns((pl.col("profitability") / scale).alias("y"))
    keep = drawable.filter(pl.col("focus"))["customer_id"].to_list()
    plotted, cells = thin_points(
        drawable.with_columns(pl.col("y").alias("profitability")).drop("y"),
        keep=keep,
        max_points=MAX_POINTS,
    )
    plotted = plotted.rename({"profitability": "y"})
    names = {q: t(f"conc.quadrant.{q}") for q in QUADRANTS}
    plotted = plotted.with_columns(
        _label_names(plotted),
        texts(plotted["revenue"], fmt_money, name="revenue_text"),
        texts(plotted["margin"], fmt_money, name="margin_text"),
        texts(plotted["margin_share"], lambda v: fmt_pct(v, 1), name="pct_text"),
        pl.col("quadrant").replace_strict(names).alias("quadrant_text"),
        pl.when(pl.col("margin_assumed"))
        .then(pl.lit(t("conc.assumed")))
        .otherwise(pl.lit(t("conc.from_data")))
        .alias("source_text"),
    )
    if not cells.is_empty():
        cells = cells.with_columns(
            texts(cells["revenue"], lambda v: fmt_money(v, compact=True), name="revenue_text")
        )
    facts = {
        "y_scale": scale,
        "unit": unit,
        "y_format": y_format,
        "hidden": frame.height - drawable.height,
        "binned": int(cells["customers"].sum()) if not cells.is_empty() else 0,
    }
    return plotted, cells, facts


def _log_ticks(low: float, high: float) -> list[float]:
    return [10.0**e for e in range(math.floor(math.log10(low)), math.ceil(math.log10(high)) + 1)]


def _money_label_expr(values: list[float]) -> str:
    """A Vega expression that labels the given tick values as compact money."""
    expr = "''"
    for value in reversed(values):
        text = fmt_money(value, compact=True).replace("'", "\\'")
        expr = f"datum.value == {value!r} ? '{text}' : {expr}"
    return expr


def quadrant_chart(
    points: pl.DataFrame, cells: pl.DataFrame, *, cuts: dict, facts: dict, measure: str
) -> alt.LayerChart:
    """Revenue (log scale) against profitability: tier colours, the focus list labelled,
    the cut lines, the four quadrant names, and grey cells counting the small tail."""
    xs = points["revenue"].to_list() + (cells["x0"].to_list() + cells["x1"].to_list())
    ticks = _log_ticks(max(min(xs), 1e-2), max(xs))
    x_domain = [ticks[0], ticks[-1]]
    scale_y = facts["y_scale"]
    profit_cut = cuts["profit"] / scale_y
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
    y_domain = [low - pad, high + pad]
    x_title = f"{t('criterion.revenue')} ({money_unit()}, {t('conc.log_scale')})"
    y_title = (
        f"{t('criterion.margin_pct')} (%)"
        if measure == "margin_pct"
        else f"{t('criterion.gross_margin')} ({facts['unit']})"
    )
    x_scale = alt.Scale(type="log", domain=x_domain, nice=False)
    y_scale = alt.Scale(domain=y_domain, nice=False, clamp=True, zero=False)
    x_axis = alt.Axis(title=x_title, values=ticks, labelExpr=_money_label_expr(ticks), grid=True)
    y_axis = number_axis(y_title, fmt=facts["y_format"])
    layers: list[alt.Chart] = []
    if not cells.is_empty():
        layers.append(
            alt.Chart(cells.pipe(chart_data))
            .mark_rect(color="#9aa5b1")
            .encode(
                x=alt.X("x0:Q", scale=x_scale, axis=x_axis),
                x2="x1:Q",
                y=alt.Y("y0:Q", scale=y_scale, axis=y_axis),
                y2="y1:Q",
                opacity=alt.Opacity(
                    "customers:Q", scale=alt.Scale(range=[0.15, 0.75]), legend=None
                ),
                tooltip=[
                    alt.Tooltip("customers:Q", title=t("conc.cell_customers")),
                    alt.Tooltip("revenue_text:N", title=t("criterion.revenue")),
                ],
            )
        )
    data = points.select(
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
    ).pipe(chart_data)
    colour = alt.Color(
        "tier:N",
        title=t("focus.col.tier"),
        scale=alt.Scale(domain=list(_TIER_COLOURS), range=list(_TIER_COLOURS.values())),
        legend=alt.Legend(orient="bottom"),
    )
    tooltip = [
        alt.Tooltip("label:N", title=t("field.customer_name")),
        alt.Tooltip("tier:N", title=t("focus.col.tier")),
        alt.Tooltip("rank:Q", title=t("focus.col.rank")),
        alt.Tooltip("quadrant_text:N", title=t("conc.col.quadrant")),
        alt.Tooltip("revenue_text:N", title=t("criterion.revenue")),
        alt.Tooltip("margin_text:N", title=t("criterion.gross_margin")),
        alt.Tooltip("pct_text:N", title=t("criterion.margin_pct")),
        alt.Tooltip("source_text:N", title=t("conc.col.source")),
    ]
    base = alt.Chart(data).encode(
        x=alt.X("revenue:Q", scale=x_scale, axis=x_axis),
        y=alt.Y("y:Q", scale=y_scale, axis=y_axis),
        tooltip=tooltip,
    )
    layers.append(
        base.transform_filter("!datum.focus")
        .mark_circle(size=55, opacity=0.75)
        .encode(color=colour)
    )
    layers.append(
        base.transform_filter("datum.focus")
        .mark_circle(size=420, opacity=1, stroke=_INK, strokeWidth=1.5)
        .encode(color=colour)
    )
    # The focus list's place numbers in the dots: names would pile up on each other.
    layers.append(
        base.transform_filter("datum.focus")
        .mark_text(fontSize=11, fontWeight="bold")
        .encode(
            text="rank:Q",
            color=alt.condition("datum.tier == 'C'", alt.value(_INK), alt.value("white")),
        )
    )
    rules = pl.DataFrame({"x": [cuts["size"]], "y": [profit_cut]}).pipe(chart_data)
    layers.append(
        alt.Chart(rules)
        .mark_rule(strokeDash=[6, 4], color=_GREY, strokeWidth=1.5)
        .encode(x=alt.X("x:Q", scale=x_scale))
    )
    layers.append(
        alt.Chart(rules)
        .mark_rule(strokeDash=[6, 4], color=_GREY, strokeWidth=1.5)
        .encode(y=alt.Y("y:Q", scale=y_scale))
    )
    corners = pl.DataFrame(
        {
            "x": [x_domain[1], x_domain[1], x_domain[0], x_domain[0]],
            "y": [y_domain[1], y_domain[0], y_domain[1], y_domain[0]],
            "text": [t(f"conc.quadrant.{q}") for q in QUADRANTS],
            "align": ["right", "right", "left", "left"],
            "baseline": ["top", "bottom", "top", "bottom"],
        }
    )
    for row in corners.iter_rows(named=True):
        layers.append(
            alt.Chart(pl.DataFrame([row]).pipe(chart_data))
            .mark_text(
                align=row["align"],
                baseline=row["baseline"],
                dx=-6 if row["align"] == "right" else 6,
                dy=6 if row["baseline"] == "top" else -6,
                fontSize=15,
                fontWeight="bold",
                color=_GREY,
            )
            .encode(
                x=alt.X("x:Q", scale=x_scale),
                y=alt.Y("y:Q", scale=y_scale),
                text="text:N",
            )
        )
    return alt.layer(*layers).properties(height=520)


def quadrant_sentence(
    quadrants: pl.DataFrame, points: pl.DataFrame, *, top: int, source: str = ""
) -> str:
    """Where the money is, in words: core customers, the large-but-unprofitable ones and
    how many of the focus list sit there."""
    rows = {r["quadrant"]: r for r in quadrants.iter_rows(named=True)}
    core, large_loss = rows["core"], rows["large_unprofitable"]
    parts = [
        t(
            "conc.quad.core",
            count=fmt_int(core["customers"]),
            revenue=fmt_pct(core["revenue_share"]),
            margin=fmt_money(core["margin"], compact=True),
        )
    ]
    if large_loss["customers"]:
        parts.append(
            t(
                "conc.quad.large_unprofitable",
                count=fmt_int(large_loss["customers"]),
                revenue=fmt_pct(large_loss["revenue_share"]),
                margin=fmt_money(large_loss["margin"], compact=True),
            )
        )
    focus_there = points.filter(pl.col("focus") & (pl.col("quadrant") == "large_unprofitable"))
    if focus_there.height:
        parts.append(t("conc.quad.focus", count=fmt_int(focus_there.height), top=fmt_int(top)))
    return with_assumed(" ".join(parts), source)


def quadrant_table(quadrants: pl.DataFrame) -> None:
    """Customers, revenue and margin per quadrant with their shares."""
    shown = quadrants.select(
        pl.col("quadrant").replace_strict({q: t(f"conc.quadrant.{q}") for q in QUADRANTS}),
        "customers",
        "revenue",
        "margin",
        (pl.col("revenue_share") * 100).alias("revenue_share"),
        (pl.col("margin_share") * 100).alias("margin_share"),
    )
    st.dataframe(
        localized(
            shown,
            numbers={"customers": 0, "revenue_share": 0, "margin_share": 0},
            money=("revenue", "margin"),
        ),
        hide_index=True,
        width="stretch",
        height=table_height(shown.height),
        column_config={
            "quadrant": t("conc.col.quadrant"),
            "customers": st.column_config.NumberColumn(t("conc.col.customers")),
            "revenue": st.column_config.NumberColumn(f"{t('criterion.revenue')} ({currency()})"),
            "margin": st.column_config.NumberColumn(
                f"{t('criterion.gross_margin')} ({currency()})"
            ),
            "revenue_share": st.column_config.NumberColumn(t("conc.col.revenue_share")),
            "margin_share": st.column_config.NumberColumn(t("conc.col.margin_share")),
        },
    )


def focus_legend(points: pl.DataFrame) -> None:
    """`1 Name · 2 Name …` under the chart for its numbered dots (pseudonyms while names
    are masked)."""
    focus = points.filter(pl.col("focus")).sort("rank")
    if focus.is_empty():
        return
    names = Markdown(" · ").join(
        trusted(f"**{r}** {md(label)}") for r, label in focus.select("rank", "label").rows()
    )
    st.caption(t("conc.focus_legend", names=names))


def cut_caption(cuts: dict, *, measure: str, facts: dict) -> str:
    """The cut lines and what the chart leaves out, in words."""
    profit = (
        fmt_pct(cuts["profit"], 1)
        if measure == "margin_pct"
        else fmt_money(cuts["profit"], compact=True)
    )
    parts = [t("conc.cuts", size=fmt_money(cuts["size"], compact=True), profit=profit)]
    if facts["hidden"]:
        parts.append(t("conc.hidden", count=fmt_int(facts["hidden"])))
    if facts["binned"]:
        parts.append(t("conc.binned", count=fmt_int(facts["binned"])))
    return " ".join(parts)


# --- curves -------------------------------------------------------------------------------


def _curve_rows(
    curve: pl.DataFrame, tiers: pl.DataFrame, names: dict[str, str], *, y: pl.Expr
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
        texts(focus["value"], fmt_money, name="value_text"),
    )
    return pl.concat([origin, line]), marks


def _curve_layers(
    line: pl.DataFrame,
    marks: pl.DataFrame,
    *,
    x_title: str,
    y_title: str,
    value_title: str,
    y_format: str = ",.0f",
) -> list[alt.Chart]:
    x = alt.X("x:Q", title=x_title, scale=alt.Scale(domain=[0, 100]), axis=number_axis(x_title))
    y_axis = number_axis(y_title, fmt=y_format)
    layers = [
        alt.Chart(line.pipe(chart_data))
        .mark_line(color=_TIER_COLOURS["A"], strokeWidth=3)
        .encode(x=x, y=alt.Y("y:Q", axis=y_axis))
    ]
    if not marks.is_empty():
        layers.append(
            alt.Chart(marks.pipe(chart_data))
            .mark_circle(size=90, color=_FOCUS, stroke=_INK, strokeWidth=1)
            .encode(
                x=x,
                y=alt.Y("y:Q", axis=y_axis),
                tooltip=[
                    alt.Tooltip("label:N", title=t("field.customer_name")),
                    alt.Tooltip("position:Q", title=t("conc.col.position")),
                    alt.Tooltip("value_text:N", title=value_title),
                ],
            )
        )
    return layers


def _names(frame: pl.DataFrame, tiers: pl.DataFrame) -> dict[str, str]:
    focus = frame.join(tiers.filter(pl.col("focus")), on="customer_id", how="inner")
    return dict(zip(focus["customer_id"], _label_names(focus), strict=True))


def whale_chart(
    curve: pl.DataFrame, peak: dict, tiers: pl.DataFrame, frame: pl.DataFrame
) -> alt.LayerChart:
    """Cumulative margin, most profitable customers first, as % of the total margin (or
    in money when the total is not positive); the peak and the focus list marked."""
    total = float(curve["value"].sum())
    names = _names(frame, tiers)
    y_format = ",.0f"
    if total > 0:
        y = pl.col("cumulative_share") * 100
        y_title, full, peak_y = t("conc.whale.y"), 100.0, (peak["share"] or 0) * 100
        label = plain(
            "conc.whale.peak_label",
            peak=fmt_pct(peak["share"]),
            amount=fmt_money(peak["amount"], compact=True),
        )
    else:
        scale, unit, y_format = _amount_unit(curve["cumulative"].to_list())
        y = pl.col("cumulative") / scale
        y_title, full = plain("conc.whale.y_amount", unit=unit), total / scale
        peak_y = peak["amount"] / scale
        label = plain("conc.whale.peak_amount", amount=fmt_money(peak["amount"], compact=True))
    line, marks = _curve_rows(curve, tiers, names, y=y)
    layers = _curve_layers(
        line,
        marks,
        x_title=t("conc.curve.x"),
        y_title=y_title,
        value_title=t("criterion.gross_margin"),
        y_format=y_format,
    )
    levels = pl.DataFrame({"y": [full, 0.0]}).pipe(chart_data)
    layers.append(alt.Chart(levels).mark_rule(color=_GREY, strokeDash=[6, 4]).encode(y="y:Q"))
    peak_x = (peak["customer_share"] or 0) * 100
    spot = pl.DataFrame({"x": [peak_x], "y": [peak_y], "text": [label]}).pipe(chart_data)
    layers.append(
        alt.Chart(spot).mark_point(size=160, color=_INK, filled=True).encode(x="x:Q", y="y:Q")
    )
    layers.append(
        alt.Chart(spot)
        .mark_text(align="left", dx=10, dy=-12, fontSize=14, fontWeight="bold", color=_INK)
        .encode(x="x:Q", y="y:Q", text="text:N")
    )
    return alt.layer(*layers).properties(height=380)


def whale_sentence(summary: dict) -> str:
    """The whale curve in words, from the numbers."""
    source = summary["margin_source"]
    total = summary["gross_margin"]
    losers = summary["unprofitable_customers"] or 0
    params = {
        "peak": fmt_pct(summary["whale_peak"]),
        "peak_amount": fmt_money(summary["whale_peak_margin"], compact=True),
        "count": fmt_int(losers),
        "share": fmt_pct(summary["unprofitable_share"]),
        "loss": fmt_money(-(summary["unprofitable_margin"] or 0.0), compact=True),
        "total": fmt_money(total, compact=True),
        "top20": fmt_pct(summary["top20pct_share_of_margin"]),
    }
    if total is not None and total <= 0:
        text = t("conc.whale.sentence_loss", **params)
    elif losers:
        text = t("conc.whale.sentence", **params)
    else:
        text = t("conc.whale.sentence_all", **params)
    return with_assumed(text, source)


def pareto_chart(
    curve: pl.DataFrame,
    n80: int | None,
    tiers: pl.DataFrame,
    frame: pl.DataFrame,
) -> alt.LayerChart:
    """Cumulative revenue share, largest customers first, with the 80 % line and the
    point where it is reached; the focus list marked."""
    names = _names(frame, tiers)
    line, marks = _curve_rows(curve, tiers, names, y=pl.col("cumulative_share") * 100)
    layers = _curve_layers(
        line,
        marks,
        x_title=t("conc.curve.x"),
        y_title=t("conc.pareto.y"),
        value_title=t("criterion.revenue"),
    )
    level = pl.DataFrame({"y": [PARETO_SHARE * 100]}).pipe(chart_data)
    layers.append(alt.Chart(level).mark_rule(color=_GREY, strokeDash=[6, 4]).encode(y="y:Q"))
    if n80 is not None and curve.height:
        x80 = n80 / curve.height * 100
        spot = pl.DataFrame(
            {
                "x": [x80],
                "y": [PARETO_SHARE * 100],
                "text": [plain("conc.pareto.label", count=fmt_int(n80), share=fmt_pct(x80 / 100))],
            }
        ).pipe(chart_data)
        layers.append(alt.Chart(spot).mark_rule(color=_GREY, strokeDash=[6, 4]).encode(x="x:Q"))
        layers.append(
            alt.Chart(spot).mark_point(size=160, color=_INK, filled=True).encode(x="x:Q", y="y:Q")
        )
        layers.append(
            alt.Chart(spot)
            .mark_text(align="left", dx=10, dy=14, fontSize=14, fontWeight="bold", color=_INK)
            .encode(x="x:Q", y="y:Q", text="text:N")
        )
    return alt.layer(*layers).properties(height=380)


def pareto_sentence(summary: dict) -> str:
    """The Pareto curve in words, with the largest customers' share of revenue and margin."""
    n80 = summary["customers_for_80pct_revenue"]
    if n80 is None:
        return t("conc.pareto.no_revenue")
    text = t(
        "conc.pareto.sentence",
        count=fmt_int(n80),
        total=fmt_int(summary["customers"]),
        share=fmt_pct(summary["share_of_customers_for_80pct_revenue"]),
    )
    revenue_share, margin_share = summary["top_revenue_share"], summary["top_margin_share"]
    if revenue_share is not None and summary["top"] < summary["customers"]:
        key = "conc.pareto.top_only"
        if margin_share is not None:
            key = "conc.pareto.top_less" if margin_share < revenue_share else "conc.pareto.top_more"
        text += " " + with_assumed(
            t(
                key,
                top=fmt_int(summary["top"]),
                revenue=fmt_pct(revenue_share),
                margin=fmt_pct(margin_share),
            ),
            summary["margin_source"] if margin_share is not None else "",
        )
    return text


# --- export ---------------------------------------------------------------------------------


def chart_section(
    key: str, chart: alt.TopLevelMixin | None, sentence: str, *, name: str, source: str = ""
) -> None:
    """Heading (`conc.<key>.title`, marked when the margins are partly assumed), the chart,
    its sentence and its exports; just the heading and the sentence without a chart."""
    title = t(f"conc.{key}.title")
    st.subheader(with_assumed(title, source))
    if chart is None:
        st.markdown(sentence)
        return
    st.altair_chart(chart, width="stretch")
    st.markdown(sentence)
    export_buttons(chart, name=name, title=title, source=source)


def export_buttons(chart: alt.TopLevelMixin, *, name: str, title: str, source: str = "") -> None:
    """Download the chart as PNG and SVG, titled for a slide (with a subtitle when the
    margins are partly assumed). The images are drawn with vl-convert (offline) only
    when a button is clicked."""
    subtitle = t("conc.assumed_subtitle") if source == MARGIN_ASSUMED else ""
    titled = chart.properties(
        width=_EXPORT_WIDTH,
        title=alt.TitleParams(title, subtitle=subtitle, anchor="start", fontSize=20),
    )
    spec = titled.to_json()

    def png() -> bytes:
        return vl_convert.vegalite_to_png(spec, scale=2)

    def svg() -> str:
        return vl_convert.vegalite_to_svg(spec)

    row = st.container(horizontal=True)
    row.download_button(
        t("conc.export_png"),
        data=png,
        file_name=f"{name}.png",
        mime="image/png",
        icon=":material/image:",
        on_click="ignore",
        key=f"conc_dl_{name}_png",
    )
    row.download_button(
        t("conc.export_svg"),
        data=svg,
        file_name=f"{name}.svg",
        mime="image/svg+xml",
        icon=":material/draw:",
        on_click="ignore",
        key=f"conc_dl_{name}_svg",
    )
