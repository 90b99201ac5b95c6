"""Join a workshop: a participant's own weights, own 1–5 assessments and own top list,
on a phone-sized page. Every save touches only this participant's rows."""

from __future__ import annotations

import streamlit as st

from analytics.workshop import find_workshop, join_workshop
from ui.data import data_version, get_store, load_customer_table
from ui.i18n import t
from ui.workshop_view import (
    JOINED_KEY,
    participant_assessments,
    participant_top,
    participant_weights_sliders,
)

st.title(t("join.title"))
store = get_store()
joined = st.session_state.get(JOINED_KEY)
workshop = find_workshop(store, code=joined[0]) if joined else None

if workshop is None:
    st.markdown(t("join.intro"))
    code_given = st.query_params.get("code", "")
    with st.form("join_form"):
        code = st.text_input(t("join.code"), value=code_given, max_chars=12, key="join_code")
        name = st.text_input(t("join.name"), max_chars=60, key="join_name")
        sent = st.form_submit_button(t("join.submit"), type="primary")
    if sent:
        found = find_workshop(store, code=code) if code.strip() else None
        if found is None:
            st.warning(t("join.unknown", code=code.strip().upper()), icon=":material/warning:")
        elif not " ".join(name.split()):
            st.warning(t("join.need_name"), icon=":material/warning:")
        else:
            stored_name = join_workshop(store, found["workshop_id"], name)
            st.session_state[JOINED_KEY] = (found["code"], stored_name)
            st.rerun()
    st.stop()

name = joined[1]
st.markdown(t("join.welcome", workshop=workshop["name"], name=name))
if st.button(t("join.leave"), key="join_leave"):
    del st.session_state[JOINED_KEY]
    st.rerun()

version = data_version(workshop["dataset_id"])
table, _period = load_customer_table(workshop["dataset_id"], version, workshop["period"])
if table is None or table.is_empty():
    st.info(t("focus.empty"), icon=":material/info:")
    st.stop()

tab_weights, tab_assess, tab_top = st.tabs(
    [t("join.tab.weights"), t("join.tab.assess"), t("join.tab.top")]
)
with tab_weights:
    weights = participant_weights_sliders(workshop, name)
with tab_assess:
    participant_assessments(workshop, name, table)
with tab_top:
    participant_top(workshop, name, table, weights)
