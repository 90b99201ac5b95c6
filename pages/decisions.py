"""Decisions: every saved, dated focus list, its Excel file, and what has moved since."""

from __future__ import annotations

import streamlit as st

from locales import key_table, t
from ui.decision.sections import comparison, decision_detail, decision_list
from ui.focus_view import stored_weights
from ui.i18n import session_lang

_AGAINST_KEYS = key_table("dec.with", "decision", "focus")

lang = session_lang()
st.title(t("dec.title", lang=lang))
table = decision_list(lang=lang)
if table.is_empty():
    st.info(t("dec.none", lang=lang), icon=":material/gavel:")
    st.stop()

name = st.selectbox(t("dec.choose", lang=lang), table["name"].to_list(), key="dec_choice")
decision = decision_detail(name, lang=lang)
if decision is None:
    st.stop()

st.subheader(t("dec.compare", lang=lang))
against = st.segmented_control(
    t("dec.compare_with", lang=lang),
    tuple(_AGAINST_KEYS),
    format_func=lambda k: t(_AGAINST_KEYS[k], lang=lang),
    default="decision",
    key="dec_against",
)
weights = stored_weights(decision["dataset_id"])[0] if against == "focus" else None
try:
    comparison(decision, weights=weights, lang=lang)
except ValueError:
    st.info(t("focus.empty", lang=lang), icon=":material/info:")
