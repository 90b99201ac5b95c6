"""Team assessment: the team scores strategic fit, potential, dependency, relationship and
satisfaction 1–5 per customer, in a table or from a file."""

from __future__ import annotations

import streamlit as st

from analytics.team import assessment_rows, recent_revenue, score_changes, team_score_table
from ui.data import current_dataset, data_version, empty_state, get_store, load_customer_table
from ui.i18n import fmt_int, t
from ui.team_view import (
    SAVED_KEY,
    bump_generation,
    editor_key,
    last_assessed_caption,
    save_scores,
    score_editor,
    upload_scores,
)

TOP_CHOICES = (50, 100, 250, 500, 0)  # 0 = all customers

st.title(t("team.title"))
dataset = current_dataset()
table = recent = None
if dataset is not None:
    # Every customer of the data set, not only the last 12 months' buyers: a customer
    # the focus list shows for a longer period must be assessable too. The revenue shown
    # and the order are those of the last 12 months.
    version = data_version(dataset["dataset_id"])
    table, _period = load_customer_table(dataset["dataset_id"], version, "all")
    recent, _period = load_customer_table(dataset["dataset_id"], version, "12m")
if table is None or table.is_empty():
    empty_state("team.empty")
dataset_id = dataset["dataset_id"]

st.markdown(t("team.intro"))
last_assessed_caption(dataset_id)
if (saved := st.session_state.pop(SAVED_KEY, None)) is not None:
    text = t("team.saved_one") if saved == 1 else t("team.saved", count=fmt_int(saved))
    st.success(text, icon=":material/check_circle:")

by = st.text_input(t("team.by"), key="team_by", placeholder=t("team.by_placeholder"))
cols = st.columns([3, 2, 2], vertical_alignment="bottom")
search = cols[0].text_input(t("team.search"), key="team_search")
top = cols[1].selectbox(
    t("team.top"),
    TOP_CHOICES,
    index=1,
    format_func=lambda n: t("team.top_all") if n == 0 else t("team.top_n", n=n),
    key="team_top",
)
unassessed = cols[2].toggle(t("team.unassessed"), key="team_unassessed")

stored = team_score_table(get_store(), dataset_id=dataset_id)
customers = recent_revenue(table, recent)
rows = assessment_rows(customers, stored, search=search, top=top, unassessed_only=unassessed)
st.caption(
    t(
        "team.showing",
        shown=fmt_int(rows.height),
        total=fmt_int(table.height),
        recent=fmt_int(recent.height),
    )
)
edited = score_editor(rows, key=editor_key(rows))
changes = score_changes(rows, edited)
if st.button(
    t("team.save", count=fmt_int(changes.height)),
    type="primary",
    disabled=changes.is_empty(),
    key="team_save",
):
    count = save_scores(dataset_id, changes, by=by)
    if count is not None:
        st.session_state[SAVED_KEY] = count
        bump_generation()
        st.rerun()

with st.expander(t("team.file.title"), icon=":material/upload_file:"):
    upload_scores(dataset_id, by=by)
    st.markdown(t("team.master"))
    st.page_link(
        "pages/import_data.py", label=t("team.master_link"), icon=":material/arrow_forward:"
    )
