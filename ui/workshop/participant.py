"""The participant's own view on the join page, in Streamlit sections: their weights,
their 1–5 assessments and their own top list, on a phone-sized page. Every save touches
only this participant's rows."""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl
import streamlit as st

from analytics.scoring import CRITERIA, DEFAULT_WEIGHTS, TEAM_CRITERIA, weight_shares
from analytics.team import assessment_rows, score_changes
from analytics.workshop import (
    participant_list,
    participant_weights,
    save_participant_scores,
    save_participant_weights,
    workshop_scores,
)
from locales import key_table, t
from locales.formats import fmt_int
from ui.data import get_store
from ui.place import show_ranked
from ui.team_view import save_button, score_editor
from ui.workshop import sentences, tables

__all__ = ["JOINED_KEY", "own_assessments", "own_top", "own_weights"]

# Page-only session keys of the join page.
JOINED_KEY = "join_who"  # (workshop code, participant name) once joined
_OWNER_KEY = "join_w_owner"  # whose saved weights the sliders were started from
_GENERATION_KEY = "join_generation"  # bumped after saving assessments: a fresh editor
_SAVED_KEY = "join_saved"  # number of assessments saved by the last click, shown once
_SOURCE_KEYS = key_table("focus.source", "data", "team")
_KEYS = [c.key for c in CRITERIA]


def _slider_key(criterion: str) -> str:
    return f"join_w_{criterion}"


def _save_own_weights(workshop_id: int, name: str) -> None:
    weights = {k: float(st.session_state.get(_slider_key(k), 0)) for k in _KEYS}
    if sum(weights.values()) > 0:
        save_participant_weights(get_store(), workshop_id, name, weights)


def _sliders(saved: bool, workshop_id: int, name: str, *, lang: str) -> dict[str, float]:
    """One slider per criterion, grouped by source; once sent, every move is saved."""
    weights: dict[str, float] = {}
    for source, key in _SOURCE_KEYS.items():
        st.markdown(f"**{t(key, lang=lang)}**")
        for c in (c for c in CRITERIA if c.source == source):
            weights[c.key] = float(
                st.slider(
                    t(f"criterion.{c.key}", lang=lang),
                    min_value=0,
                    max_value=100,
                    step=5,
                    key=_slider_key(c.key),
                    help=t(f"criterion.{c.key}.help", lang=lang),
                    on_change=_save_own_weights if saved else None,
                    args=(workshop_id, name) if saved else None,
                )
            )
    return weights


def own_weights(workshop: Mapping, name: str, *, lang: str) -> dict[str, float]:
    """The participant's own sliders (the focus list's criteria, 0–100), from their saved
    weights or the defaults; once sent, every move is saved. Returns the weights."""
    workshop_id = workshop["workshop_id"]
    saved = participant_weights(get_store(), workshop_id).get(name)
    owner = (workshop["code"], name)
    if st.session_state.get(_OWNER_KEY) != owner:
        st.session_state[_OWNER_KEY] = owner
        start = saved or DEFAULT_WEIGHTS
        for key in _KEYS:
            st.session_state[_slider_key(key)] = int(start.get(key, 0))
    st.caption(t("join.weights_intro", lang=lang))
    weights = _sliders(bool(saved), workshop_id, name, lang=lang)
    st.caption(sentences.shares_line(weight_shares(weights), lang=lang))
    if saved:
        st.success(t("join.sent", lang=lang), icon=":material/check_circle:")
        return weights
    st.caption(t("join.not_sent", lang=lang))
    if st.button(
        t("join.submit_weights", lang=lang),
        type="primary",
        disabled=sum(weights.values()) <= 0,
        key="join_send",
        width="stretch",
    ):
        _save_own_weights(workshop_id, name)
        st.rerun()
    return weights


def _own_scores_wide(workshop_id: int, name: str) -> pl.DataFrame:
    """The participant's own assessments, wide (customer_id and one column per team
    criterion, null = not assessed)."""
    long = workshop_scores(get_store(), workshop_id).filter(pl.col("participant") == name)
    schema = {"customer_id": pl.String, **dict.fromkeys(TEAM_CRITERIA, pl.Float64)}
    if long.is_empty():
        return pl.DataFrame(schema=schema)
    wide = long.pivot(on="criterion", index="customer_id", values="value")
    missing = [pl.lit(None, pl.Float64).alias(k) for k in TEAM_CRITERIA if k not in wide.columns]
    return wide.with_columns(missing).select(list(schema))


def own_assessments(workshop: Mapping, name: str, table: pl.DataFrame, *, lang: str) -> None:
    """The participant's own 1–5 scores of the customers in question (the period's
    largest, twice the top list's length), saved with one button."""
    workshop_id = workshop["workshop_id"]
    st.caption(t("join.assess_intro", lang=lang))
    if (saved := st.session_state.pop(_SAVED_KEY, None)) is not None:
        st.success(
            t("join.assess_saved", lang=lang, count=fmt_int(saved, lang=lang)),
            icon=":material/check_circle:",
        )
    rows = assessment_rows(
        table.select("customer_id", "customer_name", "revenue"),
        _own_scores_wide(workshop_id, name),
        top=2 * int(workshop["top_n"]),
    )
    generation = st.session_state.get(_GENERATION_KEY, 0)
    edited = score_editor(
        rows,
        key=f"join_editor_{generation}_{workshop['code']}",
        currency=get_store().currency(workshop["dataset_id"]),
        lang=lang,
    )
    changes = score_changes(rows, edited)
    if save_button(
        changes, text_key="join.save_assess", key="join_save_assess", lang=lang, width="stretch"
    ):
        save_participant_scores(get_store(), workshop_id, name, changes)
        st.session_state[_SAVED_KEY] = changes.height
        st.session_state[_GENERATION_KEY] = generation + 1
        st.rerun()


def own_top(
    workshop: Mapping, name: str, table: pl.DataFrame, weights: dict[str, float], *, lang: str
) -> None:
    """The participant's own top N, live with the sliders and their own assessments."""
    top = int(workshop["top_n"])
    if sum(weights.values()) <= 0:
        st.warning(t("join.all_zero", lang=lang), icon=":material/warning:")
        return
    mine = workshop_scores(get_store(), workshop["workshop_id"]).filter(
        pl.col("participant") == name
    )
    frame = tables.top_frame(participant_list(table, weights=weights, scores=mine), top=top)
    labels = tables.column_labels(tables.TOP_COLUMNS, lang=lang)
    st.caption(t("join.top_caption", lang=lang, top=top))
    show_ranked(frame, labels, lang=lang, narrow=40)
