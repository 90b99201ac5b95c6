"""The Streamlit sections of the profitability-versus-size page: cached loaders, the
controls (focus list length, assumed margins, the quadrant's measure and cut lines), and
the places where the builders' charts, figures, tables and sentences go, with the
charts' PNG/SVG exports. The page passes the language and currency down."""

from __future__ import annotations

from datetime import date

import altair as alt
import polars as pl
import streamlit as st
import vl_convert

from analytics.concentration import (
    MARGIN_ASSUMED,
    MARGIN_NONE,
    assign_quadrants,
    assumption_groups,
    group_revenue,
    quadrant_cuts,
    quadrant_summary,
    whale_curve,
    whale_peak,
)
from analytics.cost_models import model_in_use
from analytics.costs import allocate
from analytics.metrics import Period
from analytics.profit import profit_summary
from analytics.scoring import score_customers
from locales import Markdown, key_table, md, plain, t
from locales.formats import fmt_int, fmt_money, money_unit
from ui.concentration.curves import whale_chart
from ui.concentration.figures import headline_figures
from ui.concentration.quadrant import quadrant_chart, quadrant_points
from ui.concentration.sentences import (
    assumption_notice,
    cut_caption,
    focus_legend,
    moved_sentence,
    profit_source_note,
    quadrant_sentence,
    whale_sentence,
    with_assumed,
)
from ui.concentration.tables import quadrant_table
from ui.concentration.values import MEASURE_NAME_KEYS, VALUE_KEYS, VALUES
from ui.costs_view import Pricing, warn_foreign_defaults
from ui.data import get_store
from ui.focus_view import stored_weights
from ui.place import offer_file, show_figures, show_note, show_table
from ui.style import controls

__all__ = [
    "MAX_GROUPS",
    "chart_section",
    "customer_profit",
    "export_buttons",
    "focus_customers",
    "headline",
    "load_groups",
    "margin_controls",
    "notice",
    "profit_notes",
    "quadrant_controls",
    "quadrant_section",
    "top_control",
    "value_switch",
    "whale_section",
]

MAX_GROUPS = 12  # product groups offered an assumed margin of their own
_EXPORT_WIDTH = 960
_MARGIN_MODE_KEYS = key_table("conc.margin.mode", "none", "overall", "group")
_TARGET_AMOUNT_KEYS = {"margin": "conc.target_amount", "profit": "conc.target_amount_profit"}
_SIZE_CUT_KEYS = key_table("conc.size_cut", "median", "top20")
_PROFIT_CUT_KEYS = key_table("conc.profit_cut", "median", "zero", "target")
_CHART_TITLE_KEYS = {
    "quadrant": "conc.quad.title",
    "whale": "conc.whale.title",
    "pareto": "conc.pareto.title",
}


@st.cache_resource(show_spinner=False, max_entries=8)
def load_groups(dataset_id: int, version: str, start: date, end: date) -> pl.DataFrame:
    """Revenue per customer and product group in [start, end], cached per data version."""
    del version
    return group_revenue(get_store(), dataset_id=dataset_id, period=Period(start, end))


def top_control(*, lang: str) -> int:
    """How many customers make the focus list (starts at the focus list page's choice)."""
    if "conc_top" not in st.session_state:
        st.session_state["conc_top"] = int(st.session_state.get("focus_top", 20))
    value = st.number_input(
        t("conc.top", lang=lang),
        min_value=1,
        max_value=500,
        step=5,
        key="conc_top",
        help=t("conc.top_help", lang=lang),
    )
    return int(value)


def value_switch(*, lang: str) -> str:
    """Gross margin or customer profit: what the quadrant, the whale curve and the
    Pareto curve measure profitability by (`margin` or `profit`)."""
    chosen = st.segmented_control(
        t("conc.value", lang=lang),
        VALUES,
        format_func=lambda v: t(VALUE_KEYS[v], lang=lang),
        default="margin",
        key="conc_value",
        help=t("conc.value_help", lang=lang),
    )
    return chosen or "margin"


def customer_profit(
    frame: pl.DataFrame, *, dataset_id: int, version: str, period_spec: str, lang: str
) -> pl.DataFrame:
    """`frame` (from `with_margin`: the margins the page uses, assumed ones included)
    priced with the data set's cost model in use (`analytics.costs.allocate`): the cost
    to serve and `profit` per customer, with the cost page's driver counts (cached)."""
    _, model = model_in_use(get_store(), dataset_id=dataset_id)
    pricing = Pricing(dataset_id, version, period_spec, lang)
    _, drivers, _ = pricing.counts(model)
    return allocate(frame, drivers, model=model, tiers=pricing.tiers(model))


def profit_notes(
    priced: pl.DataFrame, source: str, *, dataset_id: int, currency: str, lang: str
) -> None:
    """Under the headline, while customer profit is chosen: what the cost to serve moves
    (the unprofitable customers, the whale peak, the largest loss-maker), where it rests
    on the assumed-margin rule, and a warning while kronor defaults price another
    currency."""
    name, _ = model_in_use(get_store(), dataset_id=dataset_id)
    warn_foreign_defaults(name, currency=currency, lang=lang)
    note = profit_source_note(source, lang=lang)
    if note is not None:
        st.info(note, icon=":material/info:")
    if source != MARGIN_NONE:
        st.markdown(moved_sentence(profit_summary(priced), currency=currency, lang=lang))


def focus_customers(table: pl.DataFrame, *, top: int, dataset_id: int, lang: str) -> pl.DataFrame:
    """`customer_id`, `rank`, `tier` and `focus` (rank ≤ `top`) of every customer under
    the focus list's weights (the standard weights until the focus list page sets them,
    which a caption says)."""
    weights, from_focus = stored_weights(dataset_id)
    scored = score_customers(table, weights=weights)
    key = "conc.focus_weights" if from_focus else "conc.focus_default"
    st.caption(t(key, lang=lang, top=fmt_int(top, lang=lang)))
    return scored.select("customer_id", "rank", "tier").with_columns(
        (pl.col("rank") <= top).alias("focus")
    )


def _group_margins(offered: pl.DataFrame, overall: int, *, currency: str, lang: str) -> dict:
    """A margin (share 0–1) per offered product group, starting at `overall` per cent."""
    cols = st.columns(4)
    shares = {}
    for i, (group, revenue) in enumerate(offered.rows()):
        key = f"conc_group_{group}"
        st.session_state.setdefault(key, int(overall))
        amount = fmt_money(revenue, currency=currency, lang=lang, compact=True)
        value = cols[i % 4].number_input(
            md(group),
            min_value=0,
            max_value=90,
            step=1,
            key=key,
            help=t("conc.margin.group_help", lang=lang, revenue=amount),
        )
        shares[group] = value / 100
    return shares


def margin_controls(table: pl.DataFrame, groups: pl.DataFrame, *, currency: str, lang: str) -> dict:
    """When some margins are unknown: none, one assumed margin, or one per product group,
    in a panel of their own (`ui.style.controls`); nothing is drawn when every margin is known.

    Returns `assumed_margin` (share 0–1 or None) and `group_margins` (group → share, or
    None) for `analytics.concentration.with_margin`, and `groups_shown` (how many groups
    got a share of their own).
    """
    settings = {"assumed_margin": None, "group_margins": None, "groups_shown": 0}
    if table["gross_margin"].null_count() == 0:
        return settings
    # A panel of its own, named for what it holds, and only when there is something to
    # set: folded on a projector, an empty or a second "Controls" panel says nothing.
    with controls(t("conc.margin.panel", lang=lang)):
        return _assumed_margins(table, groups, settings, currency=currency, lang=lang)


def _assumed_margins(
    table: pl.DataFrame, groups: pl.DataFrame, settings: dict, *, currency: str, lang: str
) -> dict:
    """The assumed-margin choices of `margin_controls`, filled into `settings`."""
    st.session_state.setdefault("conc_assumed", 25)
    mode = (
        st.segmented_control(
            t("conc.margin.mode", lang=lang),
            tuple(_MARGIN_MODE_KEYS),
            format_func=lambda m: t(_MARGIN_MODE_KEYS[m], lang=lang),
            default="none",
            key="conc_margin_mode",
            help=t("conc.margin.mode_help", lang=lang),
        )
        or "none"
    )
    if mode == "none":
        return settings
    offered = assumption_groups(table, groups).drop_nulls("product_group").head(MAX_GROUPS)
    if mode == "group" and offered.is_empty():
        st.caption(t("conc.margin.no_groups", lang=lang))
        mode = "overall"
    label = t("conc.margin.rest" if mode == "group" else "conc.margin.overall", lang=lang)
    overall = st.slider(label, 0, 90, step=1, format="%d %%", key="conc_assumed")
    settings["assumed_margin"] = overall / 100
    if mode == "group":
        shares = _group_margins(offered, overall, currency=currency, lang=lang)
        settings["group_margins"] = shares
        settings["groups_shown"] = len(shares)
    return settings


def notice(frame: pl.DataFrame, source: str, settings: dict, *, lang: str) -> None:
    """Say where the margins come from when they are not all the export's own."""
    found = assumption_notice(frame, source, settings, lang=lang)
    if found is not None:
        show_note(*found)


def headline(
    summary: dict, *, projector: bool, currency: str, lang: str, gross: dict | None = None
) -> None:
    """The four headline figures (two by two on a projector, where the type is larger);
    a line under them when the last three rest on assumed margins. With `gross` (the
    summary by gross margin), `summary` is by customer profit (`headline_figures`)."""
    cols = [*st.columns(2), *st.columns(2)] if projector else st.columns(4)
    show_figures(cols, headline_figures(summary, currency=currency, lang=lang, gross=gross))
    if summary["margin_source"] == MARGIN_ASSUMED:
        st.caption(t("conc.metric.assumed", lang=lang))


def _choice(container, label: str, keys: dict[str, str], *, key: str, lang: str, **more) -> str:
    """A segmented control over `keys`' options, the first one by default."""
    first = next(iter(keys))
    chosen = container.segmented_control(
        t(label, lang=lang),
        tuple(keys),
        format_func=lambda option: t(keys[option], lang=lang),
        default=first,
        key=key,
        **more,
    )
    return chosen or first


def quadrant_controls(*, currency: str, lang: str, value: str = "margin") -> dict:
    """Profitability measure and the two cut lines; returns `measure`, `size` and `profit`
    for `analytics.concentration.quadrant_cuts` (a target margin % as a fraction). The
    measures are named by `value` (gross margin or customer profit)."""
    cols = st.columns(3)
    names = MEASURE_NAME_KEYS[value]
    measure = _choice(cols[0], "conc.measure", names, key="conc_measure", lang=lang)
    size = _choice(
        cols[1],
        "conc.size_cut",
        _SIZE_CUT_KEYS,
        key="conc_size",
        lang=lang,
        help=t("conc.size_cut_help", lang=lang),
    )
    profit_choice = _choice(
        cols[2],
        "conc.profit_cut",
        _PROFIT_CUT_KEYS,
        key="conc_profit",
        lang=lang,
        help=t("conc.profit_cut_help", lang=lang),
    )
    profit: str | float = "median"
    if profit_choice == "zero":
        profit = 0.0
    elif profit_choice == "target" and measure == "margin_pct":
        st.session_state.setdefault("conc_target_pct", 20)
        label = t("conc.target_pct", lang=lang)
        target = cols[2].number_input(
            label, min_value=-50, max_value=90, step=1, key="conc_target_pct"
        )
        profit = target / 100
    elif profit_choice == "target":
        st.session_state.setdefault("conc_target_amount", 10_000)
        unit = money_unit(currency=currency, lang=lang)
        target = cols[2].number_input(
            t(_TARGET_AMOUNT_KEYS[value], lang=lang, unit=unit),
            min_value=-10_000_000,
            step=5_000,
            key="conc_target_amount",
        )
        profit = float(target)
    return {"measure": measure, "size": size, "profit": profit}


@st.fragment
def quadrant_section(
    frame: pl.DataFrame,
    tiers: pl.DataFrame,
    *,
    top: int,
    source: str,
    currency: str,
    lang: str,
    value: str = "margin",
) -> None:
    """The quadrant's heading, controls, chart, captions, sentence, table and exports;
    a fragment: only this part reruns when the measure or a cut line changes. `frame`'s
    margin is the `value` chosen (gross margin, or customer profit)."""
    title = chart_title("quadrant", lang=lang)
    st.subheader(with_assumed(title, source, lang=lang))
    with controls(t("conc.quad.controls", lang=lang)):
        options = quadrant_controls(currency=currency, lang=lang, value=value)
    cuts = quadrant_cuts(frame, **options)
    if cuts["size"] is None:
        st.info(t("conc.quad.empty", lang=lang), icon=":material/info:")
        return
    measure = options["measure"]
    assigned = assign_quadrants(
        frame, measure=measure, size_cut=cuts["size"], profit_cut=cuts["profit"]
    )
    money = {"currency": currency, "lang": lang}
    points, cells, facts = quadrant_points(assigned, tiers, measure=measure, **money)
    chart = quadrant_chart(
        points, cells, cuts=cuts, facts=facts, measure=measure, value=value, **money
    )
    st.altair_chart(chart, width="stretch")
    legend = focus_legend(points, lang=lang)
    if legend is not None:
        st.caption(legend)
    st.caption(
        cut_caption(cuts, measure=measure, hidden=facts.hidden, binned=facts.binned, **money)
    )
    counts = quadrant_summary(assigned)
    st.markdown(quadrant_sentence(counts, points, top=top, source=source, value=value, **money))
    show_table(quadrant_table(counts, value=value, **money))
    export_buttons(
        chart,
        name="kvadrant",
        title=plain(_CHART_TITLE_KEYS["quadrant"], lang=lang),
        source=source,
        lang=lang,
    )


def chart_title(key: str, *, lang: str) -> Markdown:
    """The heading of chart `key` (`quadrant`, `whale`, `pareto`)."""
    return t(_CHART_TITLE_KEYS[key], lang=lang)


def chart_section(
    key: str,
    chart: alt.TopLevelMixin | None,
    sentence: str,
    *,
    name: str,
    lang: str,
    source: str = "",
) -> None:
    """Heading of chart `key` (marked when the margins are partly assumed), the chart,
    its sentence and its exports (file `name`); just the heading and the sentence
    without a chart."""
    st.subheader(with_assumed(chart_title(key, lang=lang), source, lang=lang))
    if chart is None:
        st.markdown(sentence)
        return
    st.altair_chart(chart, width="stretch")
    st.markdown(sentence)
    export_buttons(
        chart, name=name, title=plain(_CHART_TITLE_KEYS[key], lang=lang), source=source, lang=lang
    )


def whale_section(
    frame: pl.DataFrame,
    summary: dict,
    tiers: pl.DataFrame,
    *,
    source: str,
    value: str,
    currency: str,
    lang: str,
) -> None:
    """The whale curve of `frame`'s margin (gross margin or customer profit, `value`)
    with its sentence from `summary` (`concentration_summary` of `frame`)."""
    whale = whale_curve(frame)
    money = {"currency": currency, "lang": lang}
    chart = whale_chart(whale, whale_peak(whale), tiers, frame, value=value, **money)
    sentence = whale_sentence(summary, value=value, **money)
    chart_section("whale", chart, sentence, name="valkurva", source=source, lang=lang)


def export_buttons(
    chart: alt.TopLevelMixin, *, name: str, title: str, lang: str, source: str = ""
) -> None:
    """Download the chart as PNG and SVG, titled for a slide (with a subtitle when the
    margins are partly assumed). The images are drawn with vl-convert (offline) only
    when a button is clicked."""
    subtitle = plain("conc.assumed_subtitle", lang=lang) if source == MARGIN_ASSUMED else ""
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
    for ext, data, label in (("png", png, "conc.export_png"), ("svg", svg, "conc.export_svg")):
        offer_file(
            row,
            t(label, lang=lang),
            data,
            file_name=f"{name}.{ext}",
            key=f"conc_dl_{name}_{ext}",
            rerun=False,
        )
