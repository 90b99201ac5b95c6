"""Widgets of the retention page: cached loaders, the observed-retention chart and table,
the cohort heat map, the scenario sliders, projection chart and plain-words sentence, the
lifetime-value table and the list of focus customers who are slipping."""

from __future__ import annotations

import math
from datetime import date

import altair as alt
import polars as pl
import streamlit as st

from analytics.metrics import Period, customer_metrics
from analytics.retention import (
    ALL,
    BASES,
    MIN_BASE,
    MIN_BASE_DAYS,
    REST,
    acquisition_equivalent,
    buying_rhythm,
    customer_activity,
    retention_periods,
)
from analytics.scoring import normalise_criteria
from ui.charts import chart_data, number_axis
from ui.data import get_store
from ui.focus_view import stored_weights
from ui.i18n import fmt_date, fmt_int, fmt_money, fmt_number, fmt_pct, money_unit, plain, t, texts
from ui.style import controls
from ui.tables import localized, table_height

__all__ = [
    "LIFETIME_SHOWN_MAX",
    "applied_uplift",
    "at_risk_controls",
    "at_risk_table",
    "basis_control",
    "clv_table",
    "cohort_chart",
    "cohort_section",
    "focus_weights",
    "group_label",
    "lifetime_text",
    "load_activity",
    "load_period_tables",
    "load_rhythm",
    "observed_section",
    "period_label",
    "points_text",
    "projection_chart",
    "projection_metrics",
    "retention_chart",
    "retention_table",
    "scenario_notes",
    "scenario_results",
    "scenario_sentence",
    "scenario_sliders",
]

_ACCENT = "#1f5f8b"
_SECOND = "#d98c2b"
_GROUP_COLOURS = {ALL: "#1d2733", "A": _ACCENT, "B": "#6b9ac4", "C": "#9aa5b1", REST: _SECOND}
# A scenario's retention stops here: no more than all customers can stay.
_CEILING = 1.0
# Expected lifetimes longer than this many years show as "över 25": near 100 % retention
# 1 / (1 − r) runs away (99 % gives 100 years), a number nobody can plan with.
LIFETIME_SHOWN_MAX = 25


# --- data -------------------------------------------------------------------------------


@st.cache_resource(show_spinner=False, max_entries=8)
def load_activity(dataset_id: int, version: str, basis: str) -> pl.DataFrame:
    """Revenue per customer and period (see `customer_activity`), cached per version."""
    del version
    return customer_activity(get_store(), dataset_id=dataset_id, basis=basis)


@st.cache_resource(show_spinner=False, max_entries=8)
def load_period_tables(dataset_id: int, version: str, basis: str) -> dict[int, pl.DataFrame]:
    """Per period, the normalised per-customer table the period's tiers are scored on."""
    del version
    store = get_store()
    bounds = store.query(
        "select min(invoice_date), max(invoice_date) from sales_lines where dataset_id = ?",
        [dataset_id],
    ).row(0)
    if bounds[0] is None:
        return {}
    periods = retention_periods(bounds[0], bounds[1], basis=basis)
    return {
        number: normalise_criteria(
            customer_metrics(store, dataset_id=dataset_id, period=Period(start, end))
        )
        for number, start, end in periods.select("period", "period_start", "period_end").rows()
    }


@st.cache_resource(show_spinner=False, max_entries=8)
def load_rhythm(dataset_id: int, version: str) -> pl.DataFrame:
    """Each customer's buying rhythm up to the last invoice date, cached per version."""
    del version
    return buying_rhythm(get_store(), dataset_id=dataset_id)


def focus_weights(dataset_id: int) -> tuple[dict[str, float], bool]:
    """The data set's focus-list weights (the defaults until the team changes them), and
    whether the team set them."""
    return stored_weights(dataset_id)


# --- labels -----------------------------------------------------------------------------


def period_label(start: date | None, end: date | None) -> str:
    """`2025` for a calendar year, `2025/26` for 12 months across a new year."""
    if start is None or end is None:
        return "–"
    if start.year == end.year:
        return str(start.year)
    return f"{start.year}/{str(end.year)[-2:]}"


def group_label(group: str) -> str:
    """`A-kunder`, `Övriga (B + C)`, `Alla kunder` …"""
    if group in (ALL, REST):
        return t(f"ret.group.{group}")
    return t("ret.group.tier", tier=group)


def _period_labels(frame: pl.DataFrame, start: str, end: str, *, name: str) -> pl.Series:
    """`2024`, `dec 2024 – nov 2025` … for each row's period (see `period_label`)."""
    return texts(zip(frame[start], frame[end], strict=True), lambda p: period_label(*p), name=name)


def _amount_unit(values: list[float]) -> tuple[float, str]:
    """(divisor, unit) for amounts in the data set's currency: MSEK or tkr (MEUR, tEUR …)."""
    top = max((abs(float(v)) for v in values), default=0.0)
    if top >= 1e6:
        return 1e6, money_unit(1e6)
    return 1e3, money_unit(1e3)


# --- observed retention -----------------------------------------------------------------


def basis_control() -> str:
    """Rolling 12-month periods (default) or calendar years."""
    choice = st.segmented_control(
        t("ret.basis"),
        BASES,
        format_func=lambda b: t(f"ret.basis.{b}"),
        default="12m",
        key="ret_basis",
    )
    return choice or "12m"


def observed_section(rates: pl.DataFrame, *, basis: str) -> None:
    """Heading, the rates chart and the table of bases in an expander."""
    st.subheader(t("ret.observed"))
    st.caption(t(f"ret.observed_caption.{basis}", min=MIN_BASE))
    if rates.filter(~pl.col("uncertain")).is_empty():
        st.info(t("ret.all_uncertain", min=MIN_BASE), icon=":material/info:")
    else:
        st.altair_chart(retention_chart(rates), width="stretch")
    with st.expander(t("ret.table"), icon=":material/table_rows:"):
        retention_table(rates)


def cohort_section(table: pl.DataFrame) -> None:
    """Heading and the cohort heat map (`table` from `analytics.retention.cohorts`)."""
    st.subheader(t("ret.cohorts"))
    st.caption(t("ret.cohorts_caption"))
    st.altair_chart(cohort_chart(table), width="stretch")


def retention_chart(rates: pl.DataFrame) -> alt.Chart:
    """Customer retention per period and group (per cent); uncertain rates left out,
    rates that touch a partial period drawn as hollow points."""
    shown = rates.filter(~pl.col("uncertain"))
    data = shown.select(
        _period_labels(shown, "period_start", "period_end", name="label"),
        "period",
        texts(shown["group"], group_label, name="group"),
        (pl.col("rate") * 100).round(1).alias("rate"),
        pl.Series("pct", [fmt_pct(r, 1) for r in shown["rate"]], dtype=pl.String),
        "base",
        "kept",
        pl.col("partial"),
    ).pipe(chart_data)
    groups = shown["group"].unique(maintain_order=True).to_list()
    colour = alt.Color(
        "group:N",
        title=t("ret.col.group"),
        sort=[group_label(g) for g in groups],
        scale=alt.Scale(
            domain=[group_label(g) for g in groups],
            range=[_GROUP_COLOURS.get(g, _ACCENT) for g in groups],
        ),
        legend=alt.Legend(orient="bottom"),
    )
    x = alt.X(
        "label:O",
        title=t("ret.col.period"),
        sort=alt.SortField("period"),
        axis=alt.Axis(labelAngle=0),
    )
    y = alt.Y("rate:Q", axis=number_axis(t("ret.chart.rate")), scale=alt.Scale(zero=False))
    tooltip = [
        alt.Tooltip("group:N", title=t("ret.col.group")),
        alt.Tooltip("label:O", title=t("ret.col.period")),
        alt.Tooltip("pct:N", title=t("ret.col.rate")),
        alt.Tooltip("base:Q", title=t("ret.col.base")),
        alt.Tooltip("kept:Q", title=t("ret.col.kept")),
    ]
    base = alt.Chart(data).encode(x=x, y=y, color=colour, tooltip=tooltip)
    points = base.mark_point(size=110, strokeWidth=2).encode(
        fill=alt.condition("datum.partial", alt.value("white"), colour)
    )
    return (base.mark_line(strokeWidth=3) + points).properties(height=320)


def short_base_notice(rates: pl.DataFrame, latest: pl.DataFrame) -> None:
    """Say when rates rest on a base period with only a few days of data: they are left
    out of the scenario and the lifetime values (`latest` has no usable rate at all:
    then there is no scenario)."""
    if "short_base" not in rates.columns or not rates["short_base"].any():
        return
    days = int(rates.filter(pl.col("short_base"))["base_days"].min())
    key = "ret.short_base_none" if latest.is_empty() else "ret.short_base_left_out"
    st.info(t(key, days=fmt_int(days), min=fmt_int(MIN_BASE_DAYS)), icon=":material/info:")


def retention_table(rates: pl.DataFrame) -> None:
    """Rates with their bases: customers in the base, kept, retention, revenue retention."""
    rows = []
    for row in rates.sort("period", descending=True).iter_rows(named=True):
        notes = []
        if row["uncertain"]:
            notes.append(plain("ret.uncertain", base=fmt_int(row["base"]), min=MIN_BASE))
        if row.get("short_base"):
            notes.append(plain("ret.short_base_note", days=fmt_int(row["base_days"])))
        elif row["partial"]:
            notes.append(t("ret.partial"))
        rows.append(
            {
                "period": period_label(row["period_start"], row["period_end"]),
                "group": group_label(row["group"]),
                "base": row["base"],
                "kept": row["kept"],
                "rate": "≈ " + fmt_pct(row["rate"])
                if row["uncertain"]
                else fmt_pct(row["rate"], 1),
                "revenue_rate": "≈ " + fmt_pct(row["revenue_rate"])
                if row["uncertain"]
                else fmt_pct(row["revenue_rate"], 1),
                "note": "; ".join(notes),
            }
        )
    st.dataframe(
        localized(pl.DataFrame(rows), numbers={"base": 0, "kept": 0}),
        hide_index=True,
        width="stretch",
        height=table_height(len(rows)),
        column_config={
            "period": t("ret.col.period"),
            "group": t("ret.col.group"),
            "base": st.column_config.NumberColumn(t("ret.col.base"), help=t("ret.col.base_help")),
            "kept": st.column_config.NumberColumn(t("ret.col.kept")),
            "rate": st.column_config.TextColumn(t("ret.col.rate"), help=t("ret.col.rate_help")),
            "revenue_rate": st.column_config.TextColumn(
                t("ret.col.revenue_rate"), help=t("ret.col.revenue_rate_help")
            ),
            "note": t("ret.col.note"),
        },
    )


def cohort_chart(table: pl.DataFrame) -> alt.Chart:
    """Heat map: cohorts (first period with a purchase) down, periods across, share buying."""
    data = table.select(
        _period_labels(table, "cohort_start", "cohort_end", name="cohort_label"),
        _period_labels(table, "period_start", "period_end", name="label"),
        "cohort",
        "period",
        "customers",
        "active",
        (pl.col("share") * 100).round(0).alias("pct"),
    ).pipe(chart_data)
    x = alt.X(
        "label:O",
        title=t("ret.col.period"),
        sort=alt.SortField("period"),
        axis=alt.Axis(labelAngle=0),
    )
    y = alt.Y("cohort_label:O", title=t("ret.cohort"), sort=alt.SortField("cohort"))
    tooltip = [
        alt.Tooltip("cohort_label:O", title=t("ret.cohort")),
        alt.Tooltip("label:O", title=t("ret.col.period")),
        alt.Tooltip("customers:Q", title=t("ret.cohort_size")),
        alt.Tooltip("active:Q", title=t("ret.col.kept")),
        alt.Tooltip("pct:Q", title=t("ret.share"), format=".0f"),
    ]
    cells = (
        alt.Chart(data)
        .mark_rect()
        .encode(
            x=x,
            y=y,
            color=alt.Color(
                "pct:Q",
                title=t("ret.share"),
                scale=alt.Scale(scheme="blues", domain=[0, 100]),
            ),
            tooltip=tooltip,
        )
    )
    text = (
        alt.Chart(data)
        .mark_text(fontSize=15)
        .encode(
            x=x,
            y=y,
            text=alt.Text("pct:Q", format=".0f"),
            color=alt.condition("datum.pct > 60", alt.value("white"), alt.value("#1d2733")),
        )
    )
    return (cells + text).properties(height=max(60 * table["cohort"].n_unique(), 160))


# --- scenario ---------------------------------------------------------------------------


def scenario_sliders(*, needs_margin: bool) -> dict[str, float]:
    """The what-if sliders; returns fractions (uplifts, discount, assumed margin), years
    and the acquisition cost multiple."""
    defaults = {
        "ret_up_focus": 5,
        "ret_up_rest": 0,
        "ret_discount": 8,
        "ret_horizon": 5,
        "ret_cac": 5,
        "ret_assumed_margin": 25,
    }
    for key, value in defaults.items():
        st.session_state.setdefault(key, value)
    up_focus = st.slider(t("ret.up_focus"), 0, 20, step=1, key="ret_up_focus")
    up_rest = st.slider(t("ret.up_rest"), 0, 20, step=1, key="ret_up_rest")
    horizon = st.slider(t("ret.horizon"), 1, 10, step=1, key="ret_horizon")
    discount = st.slider(
        t("ret.discount"), 0, 20, step=1, key="ret_discount", help=t("ret.discount_help")
    )
    cac = st.slider(t("ret.cac"), 1, 25, step=1, key="ret_cac", help=t("ret.cac_help"))
    assumed = None
    if needs_margin:
        margin_pct = st.slider(
            t("ret.assumed_margin"),
            1,
            90,
            step=1,
            key="ret_assumed_margin",
            help=t("ret.assumed_help"),
        )
        assumed = margin_pct / 100
    return {
        "up_focus": up_focus / 100,
        "up_rest": up_rest / 100,
        "horizon": int(horizon),
        "discount": discount / 100,
        "cost_multiple": float(cac),
        "assumed_margin": assumed,
    }


def projection_chart(projection: pl.DataFrame) -> alt.Chart:
    """Cumulative discounted margin of baseline and scenario, the difference shaded."""
    scale, unit = _amount_unit(projection["scenario_cumulative"].to_list())
    wide = projection.select(
        "year",
        (pl.col("baseline_cumulative") / scale).alias("baseline"),
        (pl.col("scenario_cumulative") / scale).alias("scenario"),
    )
    names = {"baseline": t("ret.series.baseline"), "scenario": t("ret.series.scenario")}
    long = wide.unpivot(index="year", variable_name="series", value_name="amount").with_columns(
        pl.col("series").replace(names),
    )
    long = long.with_columns(
        pl.Series("amount_text", [fmt_money(v * scale) for v in long["amount"]], dtype=pl.String)
    )
    x = alt.X("year:O", title=t("ret.chart.year"), axis=alt.Axis(labelAngle=0))
    y_title = plain("ret.chart.cumulative", unit=unit)
    band = (
        alt.Chart(wide.pipe(chart_data))
        .mark_area(opacity=0.25, color=_SECOND)
        .encode(x=x, y=alt.Y("baseline:Q", axis=number_axis(y_title, fmt=",.1f")), y2="scenario:Q")
    )
    lines = (
        alt.Chart(long.pipe(chart_data))
        .mark_line(point=True, strokeWidth=3)
        .encode(
            x=x,
            y=alt.Y("amount:Q", axis=number_axis(y_title, fmt=",.1f")),
            color=alt.Color(
                "series:N",
                title=None,
                scale=alt.Scale(domain=list(names.values()), range=[_ACCENT, _SECOND]),
                legend=alt.Legend(orient="bottom"),
            ),
            tooltip=[
                alt.Tooltip("series:N", title=" "),
                alt.Tooltip("year:O", title=t("ret.chart.year")),
                alt.Tooltip("amount_text:N", title=t("ret.chart.amount")),
            ],
        )
    )
    return (band + lines).properties(height=340)


def scenario_results(
    groups: pl.DataFrame,
    projection: pl.DataFrame,
    settings: dict[str, float],
    *,
    latest: pl.DataFrame,
) -> None:
    """The sentence, the three totals, the projection chart and what it rests on
    (`latest` from `latest_rates`: the rates used, with their bases)."""
    st.markdown(f"### {scenario_sentence(groups, projection, settings)}")
    projection_metrics(projection, horizon=int(settings["horizon"]))
    st.altair_chart(projection_chart(projection), width="stretch")
    notes = [scenario_notes(groups, settings)]
    for row in latest.filter(pl.col("uncertain")).iter_rows(named=True):
        if row["group"] in ("A", REST):
            notes.append(t("ret.rate_uncertain", group=group_label(row["group"]), base=row["base"]))
    st.caption(" ".join([*notes, t("ret.projection_caption")]))


def projection_metrics(projection: pl.DataFrame, *, horizon: int) -> None:
    """Baseline, scenario and their difference over the horizon, side by side."""
    help_text = t("ret.metric_help", years=_years(horizon))
    baseline = float(projection["baseline_cumulative"][-1])
    scenario = float(projection["scenario_cumulative"][-1])
    cols = st.columns(3)
    cols[0].metric(t("ret.series.baseline"), fmt_money(baseline, compact=True), help=help_text)
    cols[1].metric(t("ret.series.scenario"), fmt_money(scenario, compact=True), help=help_text)
    difference = scenario - baseline
    sign = "+" if difference > 0 else ""
    cols[2].metric(
        t("ret.metric.difference"), sign + fmt_money(difference, compact=True), help=help_text
    )


def _years(n: int) -> str:
    return t("ret.years_one" if n == 1 else "ret.years_many", n=n)


def _new_customers(
    groups: pl.DataFrame, difference: float, settings: dict[str, float]
) -> dict[str, float | None]:
    """The average customer of today as a new one: margin a year and retention."""
    customers = int(groups["customers"].sum())
    margin = float(groups["margin"].sum()) / customers if customers else 0.0
    rate = float((groups["retention"] * groups["customers"]).sum()) / customers if customers else 0
    return acquisition_equivalent(
        difference,
        margin_per_customer=margin,
        retention=min(max(rate, 0.0), 1.0),
        discount=settings["discount"],
        horizon=int(settings["horizon"]),
        cost_multiple=settings["cost_multiple"],
    )


def applied_uplift(rate: float, uplift: float) -> float:
    """The uplift a scenario really applies to a group with yearly retention `rate`:
    min(rate + uplift, 1) − rate, as a fraction (0.991 and 0.05 give 0.009), since no more
    than all customers can stay (see `project_scenario`)."""
    return max(min(rate + uplift, _CEILING) - rate, 0.0)


def points_text(rate: float, uplift: float) -> str | None:
    """The uplift the sentence names: `5 procentenheter`, `1 procentenhet`, or, when the
    100 % ceiling cuts it, what is applied: `0,9 procentenheter (taket 100 %)`. None when
    nothing is left to apply (the group keeps everyone already)."""
    applied = applied_uplift(rate, uplift)
    capped = applied < uplift - 1e-9
    # The sliders move in whole points; a cut one is said to a tenth of a point.
    points = round(applied * 100, 1) if capped else round(uplift * 100)
    if points == 0:
        return None
    number = fmt_number(points, 0 if float(points).is_integer() else 1)
    text = t("ret.points_one" if points == 1 else "ret.points_many", n=number)
    if capped:
        return t("ret.points_capped", points=text, ceiling=fmt_pct(_CEILING))
    return text


def scenario_sentence(
    groups: pl.DataFrame,
    projection: pl.DataFrame,
    settings: dict[str, float],
) -> str:
    """The result in plain words, e.g. "Om vi behåller 5 procentenheter fler av
    A-kunderna är det värt 3,4 MSEK i täckningsbidrag över 5 år — lika mycket som 41 nya
    kunder, som skulle kosta 2,1 MSEK att vinna." It names the uplift actually applied
    (`points_text`). `groups` comes from `scenario_groups`, `projection` from
    `project_scenario`."""
    asked = {"focus": settings["up_focus"], REST: settings["up_rest"]}
    if all(round(up * 100) == 0 for up in asked.values()):
        return t("ret.no_move")
    rates = dict(zip(groups["group"], groups["retention"], strict=True))
    points = {
        group: points_text(float(rates.get(group) or 0.0), up)
        for group, up in asked.items()
        if round(up * 100)
    }
    points = {group: text for group, text in points.items() if text is not None}
    if not points:
        return t("ret.nothing")
    difference = float(projection["difference"][-1])
    if len(points) == 2:
        what = t("ret.what.both", points=points["focus"], rest=points[REST])
    elif "focus" in points:
        what = t("ret.what.focus", points=points["focus"])
    else:
        what = t("ret.what.rest", points=points[REST])
    years = _years(int(settings["horizon"]))
    if difference < -0.5:
        return t(
            "ret.sentence_loss",
            what=what,
            amount=fmt_money(-difference, compact=True),
            years=years,
        )
    if difference < 0.5:
        return t("ret.nothing")
    amount = fmt_money(difference, compact=True)
    new = _new_customers(groups, difference, settings)
    if new["new_customers"] is None:
        # Today's average customer earns nothing: no count of new customers matches it.
        return t("ret.sentence_alone", what=what, amount=amount, years=years)
    count = max(1, math.ceil(new["new_customers"] - 1e-9))
    equal = t(
        "ret.equal_one" if count == 1 else "ret.equal_many",
        count=fmt_int(count),
        cost=fmt_money(count * new["cost_per_customer"], compact=True),
    )
    return t("ret.sentence", what=what, amount=amount, years=years, equal=equal)


def scenario_notes(groups: pl.DataFrame, settings: dict[str, float]) -> str:
    """What the numbers rest on: the rates used and the average new customer."""
    rates = dict(zip(groups["group"], groups["retention"], strict=True))
    notes = [
        t(
            "ret.rates_used",
            focus=fmt_pct(rates.get("focus"), 1),
            rest=fmt_pct(rates.get(REST), 1),
            discount=fmt_pct(settings["discount"]),
        )
    ]
    if rates.get("focus", 0) + settings["up_focus"] > 1 and settings["up_focus"] > 0:
        notes.append(t("ret.capped", rate=fmt_pct(rates.get("focus"), 1)))
    for group, margin in zip(groups["group"], groups["margin"], strict=True):
        if margin < 0:
            label = group_label("A" if group == "focus" else group)
            notes.append(
                t("ret.negative_margin", group=label, amount=fmt_money(margin, compact=True))
            )
    customers = int(groups["customers"].sum())
    if customers:
        per_customer = float(groups["margin"].sum()) / customers
        notes.append(
            t(
                "ret.new_customer",
                margin=fmt_money(per_customer),
                cost=fmt_money(per_customer * settings["cost_multiple"]),
                multiple=fmt_number(settings["cost_multiple"]),
            )
        )
        if _new_customers(groups, 1.0, settings)["new_customers_net"] is None:
            notes.append(t("ret.no_payback", years=_years(int(settings["horizon"]))))
    return " ".join(notes)


def lifetime_text(years: float | None) -> str:
    """An expected lifetime for the table: `5,0` (years, one decimal), or `över 25` when it
    is longer than `LIFETIME_SHOWN_MAX` years."""
    if years is not None and years > LIFETIME_SHOWN_MAX:
        return plain("ret.lifetime_over", years=fmt_int(LIFETIME_SHOWN_MAX))
    return fmt_number(years, 1)


def clv_table(values: pl.DataFrame, *, assumed_margin: float | None = None) -> None:
    """Lifetime value per tier: margin a year, retention, lifetime, multiplier, CLV; with
    its formula, and the assumed margin when there is one."""
    st.markdown(f"#### {t('ret.clv')}")
    shown = values.select(
        texts(values["tier"], group_label, name="tier"),
        "customers",
        pl.col("margin_per_customer").round(0),
        (pl.col("retention") * 100).round(1),
        pl.col("lifetime").round(1),
        pl.col("multiplier").round(2),
        pl.col("clv_per_customer").round(0),
        pl.col("clv").round(0),
    )
    st.dataframe(
        localized(
            shown,
            numbers={"customers": 0, "retention": 1, "multiplier": 2},
            money=("margin_per_customer", "clv_per_customer", "clv"),
        ).format({"lifetime": lifetime_text}),
        hide_index=True,
        width="stretch",
        height=table_height(shown.height),
        column_config={
            "tier": t("ret.col.tier"),
            "customers": st.column_config.NumberColumn(t("ret.col.customers")),
            "margin_per_customer": st.column_config.NumberColumn(
                t("ret.col.margin_pc", unit=money_unit())
            ),
            "retention": st.column_config.NumberColumn(t("ret.col.retention")),
            "lifetime": st.column_config.NumberColumn(t("ret.col.lifetime")),
            "multiplier": st.column_config.NumberColumn(
                t("ret.col.multiplier"), help=t("ret.col.multiplier_help")
            ),
            "clv_per_customer": st.column_config.NumberColumn(
                t("ret.col.clv_pc", unit=money_unit())
            ),
            "clv": st.column_config.NumberColumn(t("ret.col.clv", unit=money_unit())),
        },
    )
    st.caption(t("ret.clv_caption"))
    if (shown["lifetime"] > LIFETIME_SHOWN_MAX).any():
        st.caption(
            t(
                "ret.lifetime_capped",
                years=fmt_int(LIFETIME_SHOWN_MAX),
                rate=fmt_pct(1 - 1 / LIFETIME_SHOWN_MAX),
            )
        )
    if assumed_margin is not None:
        st.caption(t("ret.assumed_note", pct=round(assumed_margin * 100)))


# --- customers at risk ------------------------------------------------------------------


def at_risk_controls() -> tuple[float, float]:
    """Heading and the two thresholds: overdue factor (× usual interval) and revenue drop
    (share)."""
    st.subheader(t("ret.risk"))
    st.session_state.setdefault("ret_k", 2.0)
    st.session_state.setdefault("ret_drop", 30)
    cols = controls(t("app.controls")).columns(2)
    factor = cols[0].slider(t("ret.risk_factor"), 1.5, 5.0, step=0.5, key="ret_k", format="%.1f")
    drop = cols[1].slider(t("ret.risk_drop"), 10, 90, step=5, key="ret_drop")
    return float(factor), drop / 100


def at_risk_table(flags: pl.DataFrame, *, total: int, as_of: date) -> None:
    """The flagged focus customers with why: overdue, falling revenue, or both; days are
    counted to `as_of` (the data's last invoice date)."""
    st.caption(t("ret.risk_caption", date=fmt_date(as_of)))
    flagged = flags.filter(pl.col("at_risk"))
    if flagged.is_empty():
        st.success(t("ret.risk_none"), icon=":material/check_circle:")
        return
    st.markdown(t("ret.risk_count", count=fmt_int(flagged.height), total=fmt_int(total)))
    why = pl.concat_list(
        pl.when(pl.col("overdue")).then(pl.lit(t("ret.why.overdue"))),
        pl.when(pl.col("falling")).then(pl.lit(t("ret.why.falling"))),
    ).list.drop_nulls()
    shown = flagged.select(
        pl.coalesce("customer_name", "customer_id").alias("customer"),
        why.list.join(", ").alias("why"),
        "days_since",
        pl.col("median_interval").round(0),
        pl.col("overdue_ratio").round(1),
        pl.col("revenue").round(0),
        (pl.col("revenue_change") * 100).round(0),
        "last_purchase",
    )
    st.dataframe(
        localized(
            shown,
            numbers={
                "days_since": 0,
                "median_interval": 0,
                "overdue_ratio": 1,
                "revenue_change": 0,
            },
            money=("revenue",),
        ),
        hide_index=True,
        width="stretch",
        height=table_height(shown.height),
        column_config={
            "customer": t("ret.col.customer"),
            "why": t("ret.col.why"),
            "days_since": st.column_config.NumberColumn(t("ret.col.days_since")),
            "median_interval": st.column_config.NumberColumn(t("ret.col.interval")),
            "overdue_ratio": st.column_config.NumberColumn(t("ret.col.overdue_ratio")),
            "revenue": st.column_config.NumberColumn(t("ret.col.revenue", unit=money_unit())),
            "revenue_change": st.column_config.NumberColumn(t("ret.col.change")),
            "last_purchase": st.column_config.DateColumn(t("ret.col.last_purchase")),
        },
    )
