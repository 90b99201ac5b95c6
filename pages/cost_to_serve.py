"""Cost to serve: what each customer costs to serve, customer profit = gross margin − that
cost, the cost model the controller edits and saves, and what-if questions."""

from __future__ import annotations

import streamlit as st

from analytics.concentration import MARGIN_NONE, margin_source
from locales import t
from ui import costs_view as view
from ui.data import data_version, open_page, period_caption, period_control

lang, dataset, money = open_page("profit.title")
dataset_id = dataset["dataset_id"]
st.markdown(t("profit.intro", lang=lang))
period_spec = period_control(key="cost_period", lang=lang)
headline = st.container()

st.subheader(t("profit.model.heading", lang=lang))
pricing = view.Pricing(dataset_id, data_version(dataset_id), period_spec, lang)
model = view.model_section(pricing, currency=money, lang=lang)
metrics, drivers, period = pricing.counts(model)
if metrics is None or metrics.is_empty():
    st.info(t("focus.empty", lang=lang), icon=":material/info:")
    st.stop()
with headline:
    period_caption(period, customers=metrics.height, lang=lang)
    assumed = view.assumed_margin_control(metrics, lang=lang)
pricing = view.Pricing(dataset_id, pricing.version, period_spec, lang, assumed)
customers = pricing.customers(model)
source = margin_source(customers)
with headline:
    view.margin_note(customers, source, assumed, lang=lang)
    if source != MARGIN_NONE:
        view.summary_section(customers, currency=money, lang=lang)

view.drivers_section(customers, drivers, currency=money, lang=lang)
if source == MARGIN_NONE:
    st.stop()


@st.fragment
def what_if() -> None:
    """Only this part reruns when a what-if choice changes."""
    view.whatif_section(pricing, model, currency=money, lang=lang)


what_if()
view.waterfall_section(customers, currency=money, lang=lang)
view.compare_section(pricing, currency=money, lang=lang)
