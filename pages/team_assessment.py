"""Team assessment: the team scores strategic fit, potential, dependency, relationship and
satisfaction 1–5 per customer, in a table or from a file."""

from __future__ import annotations

import streamlit as st

from analytics.team import assessment_rows, recent_revenue, score_changes, team_score_table
from locales import t
from locales.formats import fmt_int
from ui.data import data_version, empty_state, get_store, load_customer_table, open_page
from ui.tables import paged
from ui.team.sentences import saved_text
from ui.team_view import (
    SAVED_KEY,
    bump_generation,
    editor_key,
    last_assessed_caption,
    row_filters,
    save_button,
    save_scores,
    score_editor,
    unsaved,
    upload_scores,
)

lang, dataset, money = open_page("team.title", empty_key=None)
table = recent = None
if dataset is not None:
    # Every customer of the data set, not only the last 12 months' buyers: a customer
    # the focus list shows for a longer period must be assessable too. The revenue shown
    # and the order are those of the last 12 months.
    version = data_version(dataset["dataset_id"])
    table, _period = load_customer_table(dataset["dataset_id"], version, "all")
    recent, _period = load_customer_table(dataset["dataset_id"], version, "12m")
if table is None or table.is_empty():
    empty_state("team.empty", lang=lang)
dataset_id = dataset["dataset_id"]

st.markdown(t("team.intro", lang=lang))
last_assessed_caption(dataset_id, lang=lang)
if (saved := st.session_state.pop(SAVED_KEY, None)) is not None:
    st.success(saved_text(saved, lang=lang), icon=":material/check_circle:")

by = st.text_input(
    t("team.by", lang=lang), key="team_by", placeholder=t("team.by_placeholder", lang=lang)
)
search, top, unassessed = row_filters(lang=lang)

stored = team_score_table(get_store(), dataset_id=dataset_id)
customers = recent_revenue(table, recent)
rows = assessment_rows(customers, stored, search=search, top=top, unassessed_only=unassessed)
st.caption(
    t(
        "team.showing",
        lang=lang,
        shown=fmt_int(rows.height, lang=lang),
        total=fmt_int(table.height, lang=lang),
        recent=fmt_int(recent.height, lang=lang),
    )
)
rows = paged(rows, key="team_rows", lang=lang, locked=unsaved())
edited = score_editor(rows, key=editor_key(rows), currency=money, lang=lang)
changes = score_changes(rows, edited)
if save_button(changes, text_key="team.save", key="team_save", lang=lang):
    count = save_scores(dataset_id, changes, by=by, lang=lang)
    if count is not None:
        st.session_state[SAVED_KEY] = count
        bump_generation()
        st.rerun()

with st.expander(t("team.file.title", lang=lang), icon=":material/upload_file:"):
    upload_scores(dataset_id, by=by, lang=lang)
    st.markdown(t("team.master", lang=lang))
    st.page_link(
        "pages/import_data.py",
        label=t("team.master_link", lang=lang),
        icon=":material/arrow_forward:",
    )
