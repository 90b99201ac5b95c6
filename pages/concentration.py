"""Profitability versus size: the quadrant, the whale curve and the Pareto curve, with the
focus list highlighted, by gross margin or by customer profit (gross margin − the cost
to serve under the data set's cost model in use)."""

from __future__ import annotations

import streamlit as st

from analytics import concentration as conc
from analytics.profit import profit_as_margin
from locales import t
from ui.concentration import sections as view
from ui.concentration.curves import pareto_chart
from ui.concentration.sentences import pareto_sentence
from ui.data import data_version, load_customer_table, open_page, period_caption, period_control
from ui.guide import shows
from ui.place import control_row
from ui.style import presenting

lang, dataset, money = open_page("conc.title")
cols = control_row(t("app.controls", lang=lang), [2, 1, 2])
with cols[0]:
    period_spec = period_control(key="conc_period", lang=lang)
with cols[1]:
    top = view.top_control(lang=lang)
with cols[2]:
    value = view.value_switch(lang=lang)
dataset_id, version = dataset["dataset_id"], data_version(dataset["dataset_id"])
table, period = load_customer_table(dataset_id, version, period_spec)
if table is None or table.is_empty():
    st.info(t("focus.empty", lang=lang), icon=":material/info:")
    st.stop()
period_caption(period, customers=table.height, lang=lang)
groups = view.load_groups(dataset_id, version, period.start, period.end)
settings = view.margin_controls(table, groups, currency=money, lang=lang)
frame = conc.with_margin(
    table,
    assumed_margin=settings["assumed_margin"],
    group_margins=settings["group_margins"],
    groups=groups,
)
summary, gross = conc.concentration_summary(frame, top=top), None
source = summary["margin_source"]
view.notice(frame, source, settings, lang=lang)
money_lang = {"currency": money, "lang": lang}
if value == "profit":
    spec = {"dataset_id": dataset_id, "version": version, "period_spec": period_spec}
    priced = view.customer_profit(frame, **spec, lang=lang)
    frame, gross = profit_as_margin(priced), summary
    summary = conc.concentration_summary(frame, top=top)
view.headline(summary, projector=presenting(), gross=gross, **money_lang)
if value == "profit":
    view.profit_notes(priced, source, dataset_id=dataset_id, **money_lang)
tiers = view.focus_customers(table, top=top, dataset_id=dataset_id, lang=lang)

# The guided strategy day shows one of the three pictures at a time (`ui.guide`).
if source != conc.MARGIN_NONE and shows("quadrant"):
    view.quadrant_section(frame, tiers, top=top, source=source, value=value, **money_lang)
if source != conc.MARGIN_NONE and shows("whale"):
    view.whale_section(frame, summary, tiers, source=source, value=value, **money_lang)
n80 = summary["customers_for_80pct_revenue"]
if shows("pareto"):
    chart = None
    if n80 is not None:
        chart = pareto_chart(conc.pareto_curve(frame), n80, tiers, frame, **money_lang)
    sentence = pareto_sentence(summary, value=value, lang=lang)
    view.chart_section("pareto", chart, sentence, name="pareto", lang=lang)
