"""Join a workshop: a participant's own weights, own 1–5 assessments and own top list,
on a phone-sized page. Every save touches only this participant's rows."""

from __future__ import annotations

import streamlit as st

from analytics.decision import latest_decision
from analytics.workshop import find_workshop, join_workshop
from locales import t
from locales.formats import fmt_date
from ui.data import data_version, get_store, load_customer_table
from ui.i18n import session_lang
from ui.workshop.participant import JOINED_KEY, own_assessments, own_top, own_weights

lang = session_lang()
st.title(t("join.title", lang=lang))
store = get_store()
joined = st.session_state.get(JOINED_KEY)
workshop = find_workshop(store, code=joined[0]) if joined else None

if workshop is None:
    st.markdown(t("join.intro", lang=lang))
    code_given = st.query_params.get("code", "")
    with st.form("join_form"):
        code = st.text_input(
            t("join.code", lang=lang), value=code_given, max_chars=12, key="join_code"
        )
        name = st.text_input(t("join.name", lang=lang), max_chars=60, key="join_name")
        sent = st.form_submit_button(t("join.submit", lang=lang), type="primary")
    if sent:
        found = find_workshop(store, code=code) if code.strip() else None
        if found is None:
            st.warning(
                t("join.unknown", lang=lang, code=code.strip().upper()), icon=":material/warning:"
            )
        elif not " ".join(name.split()):
            st.warning(t("join.need_name", lang=lang), icon=":material/warning:")
        else:
            stored_name = join_workshop(store, found["workshop_id"], name)
            st.session_state[JOINED_KEY] = (found["code"], stored_name)
            st.rerun()
    st.stop()

name = joined[1]
st.markdown(t("join.welcome", lang=lang, workshop=workshop["name"], name=name))
decided = latest_decision(store, workshop_name=workshop["name"])
if decided is not None:
    # Joining late: what is sent now moves the screen's consensus, not the saved decision.
    when = fmt_date(decided["decided_on"], lang=lang)
    st.info(
        t("join.decided", lang=lang, decision=decided["name"], date=when), icon=":material/gavel:"
    )
if st.button(t("join.leave", lang=lang), key="join_leave"):
    del st.session_state[JOINED_KEY]
    st.rerun()

# Names masked while this browser masks them (the facilitator's own screen).
table, _ = load_customer_table(
    workshop["dataset_id"], data_version(workshop["dataset_id"]), workshop["period"]
)
if table is None or table.is_empty():
    st.info(t("focus.empty", lang=lang), icon=":material/info:")
    st.stop()

tab_weights, tab_assess, tab_top = st.tabs(
    [
        t("join.tab.weights", lang=lang),
        t("join.tab.assess", lang=lang),
        t("join.tab.top", lang=lang),
    ]
)
with tab_weights:
    weights = own_weights(workshop, name, lang=lang)
with tab_assess:
    own_assessments(workshop, name, table, lang=lang)
with tab_top:
    own_top(workshop, name, table, weights, lang=lang)
