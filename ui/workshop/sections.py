"""The facilitator's screen in Streamlit sections: choosing or creating a workshop, the
join code and QR, who is in, the weights, the consensus list and the discussion queue,
the assessments' spread, pins and exclusions, and the decision.

The screen follows the participants without redrawing itself: while live, a small
fragment asks every two seconds whether the workshop has changed (`state_version`, one
query) and reruns the page only when it has. The consensus is cached per workshop state
and data version, computed on the unmasked table (a decision keeps the real names);
names are masked where they are shown.
"""

from __future__ import annotations

import io
import os
from collections.abc import Mapping
from datetime import date, timedelta

import polars as pl
import streamlit as st

from analytics.decision import save_decision, workshop_consensus
from analytics.metrics import Period
from analytics.workshop import (
    Consensus,
    clear_override,
    create_workshop,
    find_workshop,
    overrides,
    participants,
    set_override,
    workshops,
)
from locales import md, plain, t, trusted
from ui.access import WORKSHOP_URL_ENV
from ui.data import get_store, load_customer_table, period_control
from ui.place import show_ranked, show_rows
from ui.style import presenting
from ui.tables import localized
from ui.workshop import sentences, tables
from ui.workshop.charts import weights_chart

__all__ = [
    "CHOICE_KEY",
    "consensus_section",
    "decision_section",
    "follow_saves",
    "join_panel",
    "join_url",
    "load_consensus",
    "override_section",
    "participants_section",
    "queue_section",
    "spread_section",
    "state_version",
    "weights_section",
    "workshop_choice",
]

CHOICE_KEY = "ws_choice"  # the workshop shown (its id)
_CREATED_KEY = "ws_created"  # the name of the workshop just created, said once
# How often the live screen asks whether anything changed: one small query, no redraw.
_POLL = timedelta(seconds=2)
_KINDS = tuple(tables.KIND_KEYS)


def state_version(workshop_id: int) -> str:
    """Changes whenever a participant joins, saves weights or assessments, or a pin or an
    exclusion changes: the cache key of the workshop's consensus."""
    row = (
        get_store()
        .query(
            """
            select (select count(*) from workshop_participants where workshop_id = $w),
                   (select max(weights_at) from workshop_participants where workshop_id = $w),
                   (select count(*) from workshop_scores where workshop_id = $w),
                   (select max(assessed_at) from workshop_scores where workshop_id = $w),
                   (select count(*) from workshop_overrides where workshop_id = $w),
                   (select max(set_at) from workshop_overrides where workshop_id = $w)
            """,
            {"w": workshop_id},
        )
        .row(0)
    )
    return "-".join(str(v) for v in row)


@st.cache_resource(show_spinner=False, max_entries=8)
def load_consensus(workshop: dict, version: str, data: str) -> Consensus | None:
    """The workshop's consensus over the unmasked customer table (a decision saves the
    real names), cached per workshop state (`version`) and data version; None while
    nobody has saved weights."""
    del version
    table, _ = load_customer_table(workshop["dataset_id"], data, workshop["period"], reveal=True)
    if table is None:
        return None
    try:
        return workshop_consensus(get_store(), workshop, customers=table)
    except ValueError:
        return None


@st.fragment(run_every=_POLL)
def follow_saves(workshop_id: int, shown: str) -> None:
    """While the screen is live: rerun the page when the workshop's state is no longer
    `shown` (the state drawn). A check without a change draws nothing."""
    if state_version(workshop_id) != shown:
        st.rerun()


def _create_form(dataset_id: int, *, lang: str, expanded: bool) -> None:
    """A new workshop: name, period and the top list's length."""
    store = get_store()
    with (
        st.expander(t("ws.new", lang=lang), expanded=expanded, icon=":material/add:"),
        st.form("ws_new_form"),
    ):
        name = st.text_input(
            t("ws.new_name", lang=lang),
            placeholder=plain("ws.new_name_placeholder", lang=lang),
            key="ws_new_name",
        )
        cols = st.columns(2)
        period_spec = period_control(key="ws_new_period", lang=lang, container=cols[0])
        top = cols[1].number_input(
            t("ws.new_top", lang=lang),
            min_value=5,
            max_value=100,
            value=20,
            step=5,
            key="ws_new_top",
        )
        if not st.form_submit_button(t("ws.create", lang=lang), type="primary"):
            return
        if not name.strip():
            st.warning(t("ws.name_missing", lang=lang), icon=":material/warning:")
        elif find_workshop(store, name=name) is not None:
            st.warning(t("ws.name_taken", lang=lang, name=name), icon=":material/warning:")
        else:
            made = create_workshop(
                store, name=name, dataset_id=dataset_id, period=period_spec, top=int(top)
            )
            st.session_state[CHOICE_KEY] = made["workshop_id"]
            st.session_state[_CREATED_KEY] = made["name"]
            st.rerun()


def workshop_choice(dataset_id: int, *, lang: str) -> dict:
    """The form for a new workshop, then the choice among the data set's workshops;
    returns the chosen one (stops the page when there is none)."""
    mine = workshops(get_store()).filter(pl.col("dataset_id") == dataset_id)
    if (made := st.session_state.pop(_CREATED_KEY, None)) is not None:
        st.success(t("ws.created", lang=lang, name=made), icon=":material/check_circle:")
    _create_form(dataset_id, lang=lang, expanded=mine.is_empty())
    if mine.is_empty():
        st.info(t("ws.none", lang=lang), icon=":material/groups:")
        st.stop()
    labels = dict(zip(mine["workshop_id"], mine["name"], strict=True))
    if st.session_state.get(CHOICE_KEY) not in labels:
        st.session_state[CHOICE_KEY] = mine["workshop_id"][0]
    chosen = st.selectbox(
        t("ws.choose", lang=lang), list(labels), format_func=labels.get, key=CHOICE_KEY
    )
    return mine.filter(pl.col("workshop_id") == chosen).row(0, named=True)


def join_url(code: str) -> str:
    """The address participants open: the workshop server's network address (set by
    `make workshop`), else this browser's own, with the code."""
    base = os.environ.get(WORKSHOP_URL_ENV, "").rstrip("/")
    if not base:
        url = str(getattr(st.context, "url", "") or "")
        base = "/".join(url.split("/")[:3]) if "://" in url else "http://localhost:8501"
    return f"{base}/join?code={code}"


@st.cache_data(show_spinner=False, max_entries=16)
def _qr_png(text: str) -> bytes:
    """A QR code of `text` as PNG, made here (no service asked)."""
    import segno

    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="png", scale=8, border=2)
    return buffer.getvalue()


def join_panel(workshop: Mapping, *, lang: str) -> None:
    """The join code, large, with the link and its QR code."""
    url = join_url(workshop["code"])
    left, right = st.columns([2, 1], vertical_alignment="center")
    with left:
        st.caption(t("ws.code", lang=lang))
        # The code is made of CODE_ALPHABET's letters and digits only.
        st.html(
            "<div data-testid='ws-code' style='font-size:4.5rem;font-weight:700;"
            f"letter-spacing:.3rem;line-height:1.1'>{workshop['code']}</div>"
        )
        st.markdown(t("ws.join_at", lang=lang, url=url))
    with right:
        st.image(_qr_png(url), caption=plain("ws.qr_alt", lang=lang), width=220)


def participants_section(workshop_id: int, *, decided: dict | None = None, lang: str) -> None:
    """Who joined and who submitted (names as text, large enough for the projector), and
    the saved decision (`analytics.decision.latest_decision`) with who came after it."""
    table = participants(get_store(), workshop_id)
    st.markdown(sentences.joined_line(table, lang=lang))
    if table.height:
        st.markdown(sentences.names_line(table))
    if decided is not None:
        st.info(sentences.decided_line(decided, table, lang=lang), icon=":material/gavel:")


def weights_section(agreed: Consensus, *, lang: str) -> None:
    """The weights chart and the mean weights in words."""
    st.caption(t("ws.weights_caption", lang=lang))
    st.altair_chart(weights_chart(agreed, lang=lang), width="stretch")
    st.markdown(sentences.mean_line(agreed, lang=lang))


def spread_section(agreed: Consensus, names: Mapping[str, str], *, lang: str) -> None:
    """The participants' assessments per customer and criterion, largest spread first."""
    if agreed.assessments.is_empty():
        st.caption(t("ws.assess_none", lang=lang))
        return
    st.caption(t("ws.assess_caption", lang=lang))
    frame = tables.spread_frame(agreed, names, lang=lang)
    show_rows(
        localized(frame, numbers={"mean": 1, "min": 0, "max": 0, "spread": 0}, lang=lang),
        rows=frame.height,
        labels=tables.column_labels(tables.SPREAD_COLUMNS, lang=lang),
        max_rows=12,
    )


def consensus_section(
    agreed: Consensus, names: Mapping[str, str], *, top: int, lang: str, show_ids: bool
) -> None:
    """The consensus list's top with tier, score, agreement and pins/exclusions (fewer
    columns on a projector, see `tables.consensus_columns`)."""
    st.caption(sentences.consensus_caption(agreed, top=top, lang=lang))
    frame = tables.consensus_frame(agreed, names, top=top, lang=lang, show_ids=show_ids)
    labels = tables.column_labels(tables.CONSENSUS_COLUMNS, lang=lang)
    order = tables.consensus_columns(frame.columns, presenting=presenting())
    show_ranked(frame, labels, lang=lang, widths=tables.CONSENSUS_WIDTHS, order=order)


def queue_section(agreed: Consensus, names: Mapping[str, str], *, top: int, lang: str) -> None:
    """The contested customers, most evenly split first."""
    if agreed.queue.is_empty():
        st.caption(t("ws.queue_empty", lang=lang, top=top))
        return
    st.caption(t("ws.queue_caption", lang=lang, top=top))
    frame = tables.queue_frame(agreed, names)
    labels = tables.column_labels(tables.QUEUE_COLUMNS, lang=lang)
    show_rows(
        localized(frame, numbers={"rank": 0}, lang=lang),
        rows=frame.height,
        labels={
            **labels,
            "customer": st.column_config.TextColumn(labels["customer"], width=200),
            "rank": st.column_config.NumberColumn(labels["rank"], width=50),
        },
        max_rows=12,
    )


def _override_form(workshop_id: int, names: Mapping[str, str], *, lang: str, show_ids: bool):
    """Pin a customer into the list or exclude it, with a reason."""
    with st.form("ws_override_form", clear_on_submit=True):
        cols = st.columns([2, 1])
        customer = cols[0].selectbox(
            t("ws.override_customer", lang=lang),
            list(names),
            format_func=lambda c: f"{names[c]} ({c})" if show_ids and names[c] != c else names[c],
            key="ws_override_customer",
        )
        kind = cols[1].radio(
            t("ws.override_kind", lang=lang),
            _KINDS,
            format_func=lambda k: tables.kind_label(k, lang=lang),
            key="ws_override_kind",
        )
        reason = st.text_input(t("ws.override_reason", lang=lang), key="ws_override_reason")
        if not st.form_submit_button(t("ws.override_save", lang=lang), icon=":material/push_pin:"):
            return
        if not reason.strip():
            st.warning(t("ws.override_need_reason", lang=lang), icon=":material/warning:")
        else:
            set_override(get_store(), workshop_id, customer, kind=kind, reason=reason)
            st.rerun()


def override_section(
    workshop_id: int, names: Mapping[str, str], *, lang: str, show_ids: bool
) -> None:
    """The form for a pin or an exclusion, then the current ones, each removable."""
    _override_form(workshop_id, names, lang=lang, show_ids=show_ids)
    current = overrides(get_store(), workshop_id)
    if current.is_empty():
        st.caption(t("ws.overrides_none", lang=lang))
    for row, (cid, kind, reason, _) in enumerate(current.iter_rows()):
        cols = st.columns([4, 1], vertical_alignment="center")
        label = md(tables.kind_label(kind, lang=lang))
        cols[0].markdown(trusted(f"**{label}** · {md(names.get(cid, cid))} · {md(reason)}"))
        # Keyed by position: a key reaches the browser, and a customer number can be looked up.
        if cols[1].button(t("ws.override_clear", lang=lang), key=f"ws_override_clear_{row}"):
            clear_override(get_store(), workshop_id, cid)
            st.rerun()


def decision_section(workshop: dict, agreed: Consensus, *, period: Period, lang: str) -> None:
    """ "Fastställ fokuslistan": name and notes, then an immutable, dated decision."""
    st.caption(t("dec.caption", lang=lang))
    with st.form("ws_decision_form"):
        name = st.text_input(
            t("dec.name", lang=lang),
            value=plain("dec.name_default", lang=lang, year=date.today().year + 1),
            key="ws_decision_name",
        )
        notes = st.text_area(t("dec.notes", lang=lang), key="ws_decision_notes")
        sent = st.form_submit_button(
            t("dec.save", lang=lang), type="primary", icon=":material/gavel:"
        )
    if not sent:
        return
    try:
        save_decision(
            get_store(), name=name, workshop=workshop, period=period, agreed=agreed, notes=notes
        )
    except ValueError:
        st.warning(t("dec.name_taken", lang=lang, name=name), icon=":material/warning:")
    else:
        st.success(t("dec.saved", lang=lang, name=name), icon=":material/check_circle:")
