"""Import: upload an export, check the preview and mapping, load it, read the report."""

from __future__ import annotations

import streamlit as st

from locales import t
from ui.data import datasets, open_page
from ui.import_view import (
    REPORT_KEY,
    file_section,
    render_history,
    render_report,
    upload_controls,
)
from ui.inbox_view import render_inbox

lang, dataset, money = open_page("import.title", empty_key=None)
st.markdown(t("import.intro", lang=lang))

kind, uploaded = upload_controls(lang=lang)
if uploaded is not None:
    names = datasets()["name"].to_list()
    file_section(uploaded, kind=kind, dataset=dataset, names=names, lang=lang)

report = st.session_state.get(REPORT_KEY)
if report is not None:
    render_report(report, lang=lang)
render_history(dataset["dataset_id"] if dataset else None, currency=money, lang=lang)
render_inbox(lang=lang)
