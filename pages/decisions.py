"""Decisions: every saved, dated focus list, its Excel file, and what has moved since."""

from __future__ import annotations

import streamlit as st

from ui.decision_view import comparison, decision_detail, decision_list
from ui.focus_view import stored_weights
from ui.i18n import t

st.title(t("dec.title"))
table = decision_list()
if table.is_empty():
    st.info(t("dec.none"), icon=":material/gavel:")
    st.stop()

name = st.selectbox(t("dec.choose"), table["name"].to_list(), key="dec_choice")
decision = decision_detail(name)
if decision is None:
    st.stop()

st.subheader(t("dec.compare"))
against = st.segmented_control(
    t("dec.compare_with"),
    ("decision", "focus"),
    format_func={k: t(f"dec.with.{k}") for k in ("decision", "focus")}.get,
    default="decision",
    key="dec_against",
)
weights = stored_weights(decision["dataset_id"])[0] if against == "focus" else None
try:
    comparison(decision, weights=weights)
except ValueError:
    st.info(t("focus.empty"), icon=":material/info:")
