"""The Streamlit sections of the retention page: cached loaders, the controls (basis,
scenario sliders, slipping thresholds) and the places where the builders' charts,
figures, tables and sentences go. The page passes the language and currency down."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

import polars as pl
import streamlit as st

from analytics.metrics import Period, customer_metrics
from analytics.retention import (
    BASES,
    MIN_BASE,
    at_risk,
    buying_rhythm,
    customer_activity,
    project_scenario,
    retention_periods,
    scenario_groups,
    tier_values,
)
from analytics.scoring import normalise_criteria
from locales import t
from locales.formats import fmt_date, fmt_int, fmt_number, fmt_pct
from ui.data import get_store
from ui.place import control_row, controls_beside, show_figures, show_table
from ui.retention.charts import cohort_chart, projection_chart, retention_chart
from ui.retention.figures import projection_figures
from ui.retention.labels import BASIS_KEYS, OBSERVED_CAPTION_KEYS
from ui.retention.sentences import (
    LIFETIME_SHOWN_MAX,
    projection_caption,
    scenario_sentence,
    short_base_text,
)
from ui.retention.tables import at_risk_table, clv_table, retention_table
from ui.style import controls
from ui.tables import paged

__all__ = [
    "basis_control",
    "cohort_section",
    "load_activity",
    "load_period_tables",
    "load_rhythm",
    "observed_section",
    "scenario_section",
    "short_base_notice",
    "slipping_section",
]


# The scenario sliders' keys and starting values (per cent, years, × margin).
class _Slider(NamedTuple):
    """A scenario slider: its session key, label and help (catalog keys), range and
    starting value; a `per_cent` value is returned as a fraction."""

    key: str
    label: str
    help: str | None
    lowest: int
    highest: int
    default: int
    per_cent: bool


# The scenario's sliders in order, by the setting each one gives.
_SLIDERS: dict[str, _Slider] = {
    "up_focus": _Slider("ret_up_focus", "ret.up_focus", None, 0, 20, 5, True),
    "up_rest": _Slider("ret_up_rest", "ret.up_rest", None, 0, 20, 0, True),
    "horizon": _Slider("ret_horizon", "ret.horizon", None, 1, 10, 5, False),
    "discount": _Slider("ret_discount", "ret.discount", "ret.discount_help", 0, 20, 8, True),
    "cost_multiple": _Slider("ret_cac", "ret.cac", "ret.cac_help", 1, 25, 5, False),
    "assumed_margin": _Slider(
        "ret_assumed_margin", "ret.assumed_margin", "ret.assumed_help", 1, 90, 25, True
    ),
}


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


def basis_control(*, lang: str) -> str:
    """Rolling 12-month periods (default) or calendar years."""
    choice = controls(t("app.controls", lang=lang)).segmented_control(
        t("ret.basis", lang=lang),
        BASES,
        format_func=lambda b: t(BASIS_KEYS[b], lang=lang),
        default="12m",
        key="ret_basis",
    )
    return choice or "12m"


def observed_section(rates: pl.DataFrame, *, basis: str, lang: str) -> None:
    """Heading, the rates chart and the table of bases in an expander."""
    st.subheader(t("ret.observed", lang=lang))
    st.caption(t(OBSERVED_CAPTION_KEYS[basis], lang=lang, min=MIN_BASE))
    if rates.filter(~pl.col("uncertain")).is_empty():
        st.info(t("ret.all_uncertain", lang=lang, min=MIN_BASE), icon=":material/info:")
    else:
        st.altair_chart(retention_chart(rates, lang=lang), width="stretch")
    with st.expander(t("ret.table", lang=lang), icon=":material/table_rows:"):
        show_table(retention_table(rates, lang=lang))


def short_base_notice(rates: pl.DataFrame, latest: pl.DataFrame, *, lang: str) -> None:
    """Say when rates rest on a base period with only a few days of data."""
    text = short_base_text(rates, latest, lang=lang)
    if text is not None:
        st.info(text, icon=":material/info:")


def cohort_section(table: pl.DataFrame, *, lang: str) -> None:
    """Heading and the cohort heat map (`table` from `analytics.retention.cohorts`)."""
    st.subheader(t("ret.cohorts", lang=lang))
    st.caption(t("ret.cohorts_caption", lang=lang))
    st.altair_chart(cohort_chart(table, lang=lang), width="stretch")


def _scenario_sliders(*, needs_margin: bool, lang: str) -> dict[str, float]:
    """The what-if sliders; returns fractions (uplifts, discount, assumed margin), years
    and the acquisition cost multiple (the assumed margin None unless `needs_margin`)."""
    for slider in _SLIDERS.values():
        st.session_state.setdefault(slider.key, slider.default)
    settings: dict[str, float | None] = {"assumed_margin": None}
    for name, slider in _SLIDERS.items():
        if name == "assumed_margin" and not needs_margin:
            continue
        value = st.slider(
            t(slider.label, lang=lang),
            slider.lowest,
            slider.highest,
            step=1,
            key=slider.key,
            help=None if slider.help is None else t(slider.help, lang=lang),
        )
        settings[name] = value / 100 if slider.per_cent else value
    settings["horizon"] = int(settings["horizon"])
    settings["cost_multiple"] = float(settings["cost_multiple"])
    return settings


def _clv_section(values: pl.DataFrame, assumed_margin: float | None, *, money: dict) -> None:
    """Lifetime value per tier, its formula, and the assumed margin when there is one."""
    lang = money["lang"]
    st.markdown(f"#### {t('ret.clv', lang=lang)}")
    table = clv_table(values, **money)
    show_table(table)
    st.caption(t("ret.clv_caption", lang=lang))
    if (values["lifetime"].round(1) > LIFETIME_SHOWN_MAX).any():
        years, rate = fmt_int(LIFETIME_SHOWN_MAX, lang=lang), 1 - 1 / LIFETIME_SHOWN_MAX
        st.caption(t("ret.lifetime_capped", lang=lang, years=years, rate=fmt_pct(rate, lang=lang)))
    if assumed_margin is not None:
        st.caption(t("ret.assumed_note", lang=lang, pct=round(assumed_margin * 100)))


@st.fragment
def scenario_section(
    current: pl.DataFrame, latest: pl.DataFrame, *, currency: str, lang: str
) -> None:
    """The scenario: sliders, sentence, totals, projection chart and what it rests on,
    and the lifetime values; a fragment: only this part reruns when a slider moves.
    `current` is today's scored customer table, `latest` from `latest_rates`."""
    st.subheader(t("ret.scenario", lang=lang))
    needs_margin = current["gross_margin"].null_count() > 0
    left, right = controls_beside(t("app.controls", lang=lang), [1, 2.2])
    with left:
        settings = _scenario_sliders(needs_margin=needs_margin, lang=lang)
    assumed, discount = settings["assumed_margin"], settings["discount"]
    groups = scenario_groups(current, latest, assumed_margin=assumed)
    uplift = {"focus": settings["up_focus"], "rest": settings["up_rest"]}
    horizon = settings["horizon"]
    projection = project_scenario(groups, horizon=horizon, discount=discount, uplift=uplift)
    money = {"currency": currency, "lang": lang}
    with right:
        st.markdown(f"### {scenario_sentence(groups, projection, settings, **money)}")
        show_figures(st.columns(3), projection_figures(projection, horizon=horizon, **money))
        st.altair_chart(projection_chart(projection, **money), width="stretch")
        st.caption(projection_caption(groups, settings, latest, **money))
    values = tier_values(current, latest, discount=discount, assumed_margin=assumed)
    _clv_section(values, assumed, money=money)


# The overdue factors offered: 1,5 to 5 times the customer's usual interval.
_RISK_FACTORS = tuple(x / 2 for x in range(3, 11))


def _at_risk_controls(*, lang: str) -> tuple[float, float]:
    """Heading and the two thresholds: overdue factor (× usual interval) and revenue drop
    (share)."""
    st.subheader(t("ret.risk", lang=lang))
    st.session_state.setdefault("ret_k", 2.0)
    st.session_state.setdefault("ret_drop", 30)
    cols = control_row(t("app.controls", lang=lang), 2)
    # A select slider, so that the factor reads the language's way (2,5 in Swedish).
    factor = cols[0].select_slider(
        t("ret.risk_factor", lang=lang),
        options=_RISK_FACTORS,
        key="ret_k",
        format_func=lambda value: fmt_number(value, 1, lang=lang),
    )
    drop = cols[1].slider(t("ret.risk_drop", lang=lang), 10, 90, step=5, key="ret_drop")
    return float(factor), drop / 100


@st.fragment
def slipping_section(
    focus: pl.DataFrame, rhythm: pl.DataFrame, *, as_of: date, currency: str, lang: str
) -> None:
    """The focus customers (`focus`, tier A) who are slipping, with why; days counted to
    `as_of` (the data's last invoice date). A fragment: reruns alone when a threshold
    moves."""
    factor, drop = _at_risk_controls(lang=lang)
    flags = at_risk(focus, rhythm, overdue_factor=factor, drop_share=drop)
    st.caption(t("ret.risk_caption", lang=lang, date=fmt_date(as_of, lang=lang)))
    flagged = flags.filter(pl.col("at_risk"))
    if flagged.is_empty():
        st.success(t("ret.risk_none", lang=lang), icon=":material/check_circle:")
        return
    count, total = fmt_int(flagged.height, lang=lang), fmt_int(focus.height, lang=lang)
    st.markdown(t("ret.risk_count", lang=lang, count=count, total=total))
    shown = paged(flagged, key="ret_risk", lang=lang)
    show_table(at_risk_table(shown, currency=currency, lang=lang))
