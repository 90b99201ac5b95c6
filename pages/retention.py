"""Retention: how many customers stay, what keeping the important ones longer is worth,
and which focus customers are slipping."""

from __future__ import annotations

import streamlit as st

from analytics.retention import (
    NotEnoughHistoryError,
    cohorts,
    latest_rates,
    period_tiers,
    retention_rates,
    tier_groups,
)
from analytics.scoring import score_customers
from locales import t
from ui.data import data_version, load_customer_table, open_page
from ui.focus_view import stored_weights
from ui.guide import shows
from ui.retention import sections as view

lang, dataset, money = open_page("ret.title", empty_key="ret.empty")
basis = view.basis_control(lang=lang)
dataset_id, version = dataset["dataset_id"], data_version(dataset["dataset_id"])
weights, from_focus = stored_weights(dataset_id)
activity = view.load_activity(dataset_id, version, basis)
tiers = period_tiers(view.load_period_tables(dataset_id, version, basis), weights=weights)
try:
    rates = retention_rates(activity, groups=tier_groups(tiers))
except NotEnoughHistoryError:
    st.info(t("ret.not_enough", lang=lang), icon=":material/history:")
    st.stop()
table, period = load_customer_table(dataset_id, version, "12m")
current = score_customers(table, weights=weights)
latest = latest_rates(rates)

st.caption(t("ret.weights_focus" if from_focus else "ret.weights_default", lang=lang))
# The guided strategy day shows the scenario alone (`ui.guide`).
if shows("observed"):
    view.observed_section(rates, basis=basis, lang=lang)
    view.short_base_notice(rates, latest, lang=lang)
    view.cohort_section(cohorts(activity), lang=lang)
if not latest.is_empty() and shows("scenario"):
    # Without a usable rate (a base period of a few days only) there is no scenario.
    view.scenario_section(current, latest, currency=money, lang=lang)
if shows("slipping"):
    view.slipping_section(
        current.filter(current["tier"] == "A"),
        view.load_rhythm(dataset_id, version),
        as_of=period.end,
        currency=money,
        lang=lang,
    )
