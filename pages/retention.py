"""Retention: how many customers stay, what keeping the important ones longer is worth,
and which focus customers are slipping."""

from __future__ import annotations

import streamlit as st

from analytics.retention import (
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
from ui import retention_view as view
from ui.data import current_dataset, data_version, empty_state, load_customer_table
from ui.i18n import t
from ui.style import controls, controls_folded

st.title(t("ret.title"))
dataset = current_dataset()
if dataset is None:
    empty_state("ret.empty")
basis = view.basis_control()
dataset_id, version = dataset["dataset_id"], data_version(dataset["dataset_id"])
weights, from_focus = view.focus_weights(dataset_id)
activity = view.load_activity(dataset_id, version, basis)
tiers = period_tiers(view.load_period_tables(dataset_id, version, basis), weights=weights)
try:
    rates = retention_rates(activity, groups=tier_groups(tiers))
except NotEnoughHistoryError:
    st.info(t("ret.not_enough"), icon=":material/history:")
    st.stop()
table, period = load_customer_table(dataset_id, version, "12m")
current = score_customers(table, weights=weights)
latest = latest_rates(rates)

st.caption(t("ret.weights_focus" if from_focus else "ret.weights_default"))
view.observed_section(rates, basis=basis)
view.short_base_notice(rates, latest)
view.cohort_section(cohorts(activity))


@st.fragment
def scenario() -> None:
    """Only this part reruns when a scenario slider moves."""
    st.subheader(t("ret.scenario"))
    needs_margin = current["gross_margin"].null_count() > 0
    if controls_folded():
        with controls(t("app.controls")):
            settings = view.scenario_sliders(needs_margin=needs_margin)
        right = st.container()
    else:
        left, right = st.columns([1, 2.2], gap="large")
        with left:
            settings = view.scenario_sliders(needs_margin=needs_margin)
    assumed, discount = settings["assumed_margin"], settings["discount"]
    groups = scenario_groups(current, latest, assumed_margin=assumed)
    uplift = {"focus": settings["up_focus"], "rest": settings["up_rest"]}
    projection = project_scenario(
        groups, horizon=settings["horizon"], discount=discount, uplift=uplift
    )
    with right:
        view.scenario_results(groups, projection, settings, latest=latest)
    values = tier_values(current, latest, discount=discount, assumed_margin=assumed)
    view.clv_table(values, assumed_margin=assumed)


@st.fragment
def slipping() -> None:
    """The focus customers who are slipping; reruns alone when a threshold moves."""
    factor, drop = view.at_risk_controls()
    focus = current.filter(current["tier"] == "A")
    rhythm = view.load_rhythm(dataset_id, version)
    flags = at_risk(focus, rhythm, overdue_factor=factor, drop_share=drop)
    view.at_risk_table(flags, total=focus.height, as_of=period.end)


if not latest.is_empty():
    # Without a usable rate (a base period of a few days only) there is no scenario.
    scenario()
slipping()
