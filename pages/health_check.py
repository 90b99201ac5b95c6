"""The health check "Har du koll på dina kunder?": fourteen questions, answered from the
data where it can and by the team for the rest, with a summary and the next steps."""

from __future__ import annotations

import streamlit as st

from analytics.healthcheck import health_check
from analytics.metrics import data_bounds, resolve_period
from locales import t
from ui import health_view as view
from ui.data import empty_state, get_store, masking, open_page, period_caption, period_control
from ui.style import controls, controls_folded, presenting

lang, dataset, money = open_page("health.title")
dataset_id = dataset["dataset_id"]
store = get_store()
bounds = data_bounds(store, dataset_id=dataset_id)
if bounds is None:
    empty_state(lang=lang)
if not presenting():
    st.caption(t("health.intro", lang=lang))
period_spec = period_control(
    key="health_period", lang=lang, container=controls(t("app.controls", lang=lang))
)
period = resolve_period(period_spec, first=bounds[0], last=bounds[1])
questions = health_check(store, dataset_id=dataset_id, period=period)
period_caption(period, customers=questions[0]["value"], lang=lang)
view.summary_header(questions, lang=lang)
for item in questions:
    view.question_card(
        item,
        dataset_id=dataset_id,
        currency=money,
        lang=lang,
        controls=not controls_folded(),
        period=period,
    )
view.next_steps(questions, lang=lang)
row = st.container(horizontal=True)
view.deck_button(dataset_id, period, masked=masking(), lang=lang, container=row)
view.pack_button(dataset_id, period, questions, masked=masking(), lang=lang, container=row)
if masking():
    st.caption(t("health.masked_files", lang=lang))
