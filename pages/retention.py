"""Retention: how many customers stay, what keeping the important ones longer is worth,
and which focus customers are slipping."""

from __future__ import annotations

import streamlit as st

from analytics.retention import (
    BASES,
    MIN_BASE,
    NotEnoughHistoryError,
    at_risk,
    cohorts,
    latest_rates,
    period_tiers,
    project_scenario,
    retention_rates,
    scenario_groups,
    tier_groups,
    tier_values,
)
from analytics.scoring import score_customers
from ui.data import current_dataset, data_version, load_customer_table
from ui.i18n import fmt_date, t
from ui.retention_view import (
    at_risk_controls,
    at_risk_table,
    clv_table,
    cohort_chart,
    focus_weights,
    load_activity,
    load_period_tables,
    load_rhythm,
    projection_chart,
    projection_metrics,
    retention_chart,
    retention_table,
    scenario_notes,
    scenario_sentence,
    scenario_sliders,
)

st.title(t("ret.title"))
dataset = current_dataset()
if dataset is None:
    st.info(t("ret.empty"), icon=":material/upload_file:")
    st.page_link("pages/import_data.py", label=t("overview.go_import"))
    st.stop()
basis = (
    st.segmented_control(
        t("ret.basis"),
        BASES,
        format_func=lambda b: t(f"ret.basis.{b}"),
        default="12m",
        key="ret_basis",
    )
    or "12m"
)
dataset_id, version = dataset["dataset_id"], data_version(dataset["dataset_id"])
weights, from_focus = focus_weights()
activity = load_activity(dataset_id, version, basis)
tiers = period_tiers(load_period_tables(dataset_id, version, basis), weights=weights)
try:
    rates = retention_rates(activity, groups=tier_groups(tiers), min_base=MIN_BASE)
except NotEnoughHistoryError:
    st.info(t("ret.not_enough"), icon=":material/history:")
    st.stop()
table, period = load_customer_table(dataset_id, version, "12m")
current = score_customers(table, weights=weights)
latest = latest_rates(rates)

st.caption(t("ret.weights_focus" if from_focus else "ret.weights_default"))
st.subheader(t("ret.observed"))
st.caption(t(f"ret.observed_caption.{basis}", min=MIN_BASE))
st.altair_chart(retention_chart(rates), width="stretch")
with st.expander(t("ret.table"), icon=":material/table_rows:"):
    retention_table(rates)
st.subheader(t("ret.cohorts"))
st.caption(t("ret.cohorts_caption"))
st.altair_chart(cohort_chart(cohorts(activity)), width="stretch")


@st.fragment
def scenario() -> None:
    """Only this part reruns when a scenario slider moves."""
    st.subheader(t("ret.scenario"))
    needs_margin = current["gross_margin"].null_count() > 0
    left, right = st.columns([1, 2.2], gap="large")
    with left:
        settings = scenario_sliders(needs_margin=needs_margin)
    assumed = settings["assumed_margin"]
    groups = scenario_groups(current, latest, assumed_margin=assumed)
    uplift = {"focus": settings["up_focus"], "rest": settings["up_rest"]}
    projection = project_scenario(
        groups, horizon=settings["horizon"], discount=settings["discount"], uplift=uplift
    )
    with right:
        st.markdown(f"### {scenario_sentence(groups, projection, settings)}")
        projection_metrics(projection, horizon=settings["horizon"])
        st.altair_chart(projection_chart(projection), width="stretch")
        st.caption(scenario_notes(groups, settings) + " " + t("ret.projection_caption"))
    st.markdown(f"#### {t('ret.clv')}")
    clv_table(tier_values(current, latest, discount=settings["discount"], assumed_margin=assumed))
    st.caption(t("ret.clv_caption"))
    if needs_margin:
        st.caption(t("ret.assumed_note", pct=round(assumed * 100)))


@st.fragment
def slipping() -> None:
    """The focus customers who are slipping; reruns alone when a threshold moves."""
    st.subheader(t("ret.risk"))
    factor, drop = at_risk_controls()
    focus = current.filter(current["tier"] == "A")
    flags = at_risk(focus, load_rhythm(dataset_id, version), overdue_factor=factor, drop_share=drop)
    st.caption(t("ret.risk_caption", date=fmt_date(period.end)))
    at_risk_table(flags, total=focus.height)


scenario()
slipping()
