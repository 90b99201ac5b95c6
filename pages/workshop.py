"""Workshop, the facilitator's screen: join code, who is in, where the group agrees and
differs, the consensus list, rank stability, and "Fastställ fokuslistan"."""

from __future__ import annotations

from datetime import timedelta

import polars as pl
import streamlit as st

from analytics.workshop import create_workshop, find_workshop, workshops
from ui.data import current_dataset, data_version, empty_state, get_store, load_customer_table
from ui.i18n import t
from ui.workshop_view import (
    consensus_table,
    customer_names,
    decision_form,
    discussion_queue_table,
    join_panel,
    load_consensus,
    mean_line,
    override_controls,
    participant_table,
    period_text,
    spread_table,
    stability_panel,
    state_version,
    weights_chart,
)

st.title(t("ws.title"))
dataset = current_dataset()
if dataset is None:
    empty_state()
dataset_id = dataset["dataset_id"]
st.markdown(t("ws.intro"))
store = get_store()

mine = workshops(store).filter(pl.col("dataset_id") == dataset_id)
if (made := st.session_state.pop("ws_created", None)) is not None:
    st.success(t("ws.created", name=made), icon=":material/check_circle:")
with (
    st.expander(t("ws.new"), expanded=mine.is_empty(), icon=":material/add:"),
    st.form("ws_new_form"),
):
    name = st.text_input(
        t("ws.new_name"), placeholder=t("ws.new_name_placeholder"), key="ws_new_name"
    )
    cols = st.columns(2)
    period_spec = cols[0].segmented_control(
        t("focus.period"),
        ("12m", "24m", "all"),
        format_func={p: t(f"focus.period.{p}") for p in ("12m", "24m", "all")}.get,
        default="12m",
        key="ws_new_period",
    )
    top = cols[1].number_input(
        t("ws.new_top"), min_value=5, max_value=100, value=20, step=5, key="ws_new_top"
    )
    if st.form_submit_button(t("ws.create"), type="primary"):
        if not name.strip():
            st.warning(t("ws.name_missing"), icon=":material/warning:")
        elif find_workshop(store, name=name) is not None:
            st.warning(t("ws.name_taken", name=name), icon=":material/warning:")
        else:
            created = create_workshop(
                store,
                name=name,
                dataset_id=dataset_id,
                period=period_spec or "12m",
                top=int(top),
            )
            st.session_state["ws_choice"] = created["workshop_id"]
            st.session_state["ws_created"] = created["name"]
            st.rerun()
if mine.is_empty():
    st.info(t("ws.none"), icon=":material/groups:")
    st.stop()

labels = dict(zip(mine["workshop_id"], mine["name"], strict=True))
if st.session_state.get("ws_choice") not in labels:
    st.session_state["ws_choice"] = mine["workshop_id"][0]
chosen = st.selectbox(
    t("ws.choose"), list(labels), format_func=lambda i: labels[i], key="ws_choice"
)
workshop = mine.filter(pl.col("workshop_id") == chosen).row(0, named=True)
version = data_version(dataset_id)
table, period = load_customer_table(dataset_id, version, workshop["period"])
if table is None or table.is_empty():
    st.info(t("focus.empty"), icon=":material/info:")
    st.stop()
st.caption(period_text(workshop, dataset["name"], period))
join_panel(workshop)
live = st.toggle(t("ws.live"), value=True, help=t("ws.live_help"), key="ws_live")


@st.fragment(run_every=timedelta(seconds=5) if live else None)
def facilitator_screen() -> None:
    """The part that follows the participants: reruns on its own every few seconds."""
    top = int(workshop["top_n"])
    st.subheader(t("ws.participants"))
    participant_table(workshop["workshop_id"])
    agreed = load_consensus(workshop, state_version(workshop["workshop_id"]), version)
    if agreed is None:
        st.info(t("ws.waiting"), icon=":material/hourglass_empty:")
        return
    names = customer_names(table)
    st.subheader(t("ws.weights"))
    st.caption(t("ws.weights_caption"))
    st.altair_chart(weights_chart(agreed), width="stretch")
    st.markdown(mean_line(agreed))
    left, right = st.columns([3, 2], gap="medium")
    with left:
        st.subheader(t("ws.consensus"))
        consensus_table(agreed, top=top)
    with right:
        st.subheader(t("ws.queue"))
        discussion_queue_table(agreed, names, top=top)
    st.subheader(t("ws.assessments"))
    spread_table(agreed, names)
    with st.expander(t("ws.override"), icon=":material/push_pin:"):
        override_controls(workshop["workshop_id"], names)
    with st.expander(t("stab.title"), icon=":material/balance:"):
        # The consensus's own table: the participants' mean assessments in place.
        stability_panel(
            agreed.scored,
            agreed.points,
            key=f"{version}-{state_version(workshop['workshop_id'])}",
            prefix="ws",
            disagreement=agreed.weights,
        )
    with st.expander(t("dec.decide"), icon=":material/gavel:"):
        decision_form(workshop, agreed, period=period)


facilitator_screen()
