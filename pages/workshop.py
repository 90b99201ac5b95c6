"""Workshop, the facilitator's screen: join code, who is in, where the group agrees and
differs, the consensus list, rank stability, and "Fastställ fokuslistan"."""

from __future__ import annotations

import streamlit as st

from analytics.decision import latest_decision
from locales import t
from ui.data import data_version, get_store, load_customer_table, masking, open_page
from ui.workshop import sections as ws
from ui.workshop.sentences import period_text
from ui.workshop.stability import stability_section
from ui.workshop.tables import customer_names

lang, dataset, _money = open_page("ws.title")
st.markdown(t("ws.intro", lang=lang))
workshop = ws.workshop_choice(dataset["dataset_id"], lang=lang)
version = data_version(dataset["dataset_id"])
table, period = load_customer_table(dataset["dataset_id"], version, workshop["period"])
if table is None or table.is_empty():
    st.info(t("focus.empty", lang=lang), icon=":material/info:")
    st.stop()
st.caption(period_text(workshop, dataset["name"], period, lang=lang))
ws.join_panel(workshop, lang=lang)
live = st.toggle(
    t("ws.live", lang=lang), value=True, help=t("ws.live_help", lang=lang), key="ws_live"
)
state = ws.state_version(workshop["workshop_id"])
if live:
    ws.follow_saves(workshop["workshop_id"], state)

top = int(workshop["top_n"])
st.subheader(t("ws.participants", lang=lang))
decided = latest_decision(get_store(), workshop_name=workshop["name"])
ws.participants_section(workshop["workshop_id"], decided=decided, lang=lang)
agreed = ws.load_consensus(workshop, state, version)
if agreed is None:
    st.info(t("ws.waiting", lang=lang), icon=":material/hourglass_empty:")
    st.stop()
# Names as this page may show them (pseudonyms while masking), no numbers then.
names, show_ids = customer_names(table), not masking()
st.subheader(t("ws.weights", lang=lang))
ws.weights_section(agreed, lang=lang)
# The list and the queue one under the other: side by side, neither showed all its
# columns on a 1400 px screen.
st.subheader(t("ws.consensus", lang=lang))
ws.consensus_section(agreed, names, top=top, lang=lang, show_ids=show_ids)
st.subheader(t("ws.queue", lang=lang))
ws.queue_section(agreed, names, top=top, lang=lang)
st.subheader(t("ws.assessments", lang=lang))
ws.spread_section(agreed, names, lang=lang)
# The panels below are built only while open (the customer list alone is thousands).
overriding = st.expander(
    t("ws.override", lang=lang),
    icon=":material/push_pin:",
    key="ws_override_open",
    on_change="rerun",
)
with overriding:
    if overriding.open:
        ws.override_section(workshop["workshop_id"], names, lang=lang, show_ids=show_ids)
stability_section(agreed, names, key=f"{version}-{state}", lang=lang)
deciding = st.expander(
    t("dec.decide", lang=lang), icon=":material/gavel:", key="ws_decision_open", on_change="rerun"
)
with deciding:
    if deciding.open:
        ws.decision_section(workshop, agreed, period=period, lang=lang)
