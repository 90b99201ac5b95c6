"""Profitability versus size: the quadrant, the whale curve and the Pareto curve, with the
focus list highlighted."""

from __future__ import annotations

import streamlit as st

from analytics.concentration import (
    MARGIN_NONE,
    concentration_summary,
    pareto_curve,
    whale_curve,
    whale_peak,
    with_margin,
)
from locales import t
from ui.concentration import sections as view
from ui.concentration.curves import pareto_chart, whale_chart
from ui.concentration.sentences import pareto_sentence, whale_sentence
from ui.data import (
    current_dataset,
    data_version,
    empty_state,
    load_customer_table,
    period_caption,
    period_control,
)
from ui.guide import shows
from ui.i18n import session_currency, session_lang
from ui.place import control_row
from ui.style import controls, presenting

lang = session_lang()
st.title(t("conc.title", lang=lang))
dataset = current_dataset()
money = session_currency()
if dataset is None:
    empty_state(lang=lang)
cols = control_row(t("app.controls", lang=lang), [2, 1])
with cols[0]:
    period_spec = period_control(key="conc_period", lang=lang)
with cols[1]:
    top = view.top_control(lang=lang)
dataset_id, version = dataset["dataset_id"], data_version(dataset["dataset_id"])
table, period = load_customer_table(dataset_id, version, period_spec)
if table is None or table.is_empty():
    st.info(t("focus.empty", lang=lang), icon=":material/info:")
    st.stop()
period_caption(period, customers=table.height, lang=lang)
groups = view.load_groups(dataset_id, version, period.start, period.end)
with controls(t("app.controls", lang=lang)):
    settings = view.margin_controls(table, groups, currency=money, lang=lang)
frame = with_margin(
    table,
    assumed_margin=settings["assumed_margin"],
    group_margins=settings["group_margins"],
    groups=groups,
)
summary = concentration_summary(frame, top=top)
source = summary["margin_source"]
view.notice(frame, source, settings, lang=lang)
view.headline(summary, projector=presenting(), currency=money, lang=lang)
tiers = view.focus_customers(table, top=top, dataset_id=dataset_id, lang=lang)
money_lang = {"currency": money, "lang": lang}

# The guided strategy day shows one of the three pictures at a time (`ui.guide`).
if source != MARGIN_NONE and shows("quadrant"):
    view.quadrant_section(frame, tiers, top=top, source=source, **money_lang)
if source != MARGIN_NONE and shows("whale"):
    whale = whale_curve(frame)
    chart = whale_chart(whale, whale_peak(whale), tiers, frame, **money_lang)
    sentence = whale_sentence(summary, **money_lang)
    view.chart_section("whale", chart, sentence, name="valkurva", source=source, lang=lang)
n80 = summary["customers_for_80pct_revenue"]
if shows("pareto"):
    chart = None
    if n80 is not None:
        chart = pareto_chart(pareto_curve(frame), n80, tiers, frame, **money_lang)
    sentence = pareto_sentence(summary, lang=lang)
    view.chart_section("pareto", chart, sentence, name="pareto", lang=lang)
