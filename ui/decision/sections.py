"""The decisions page in Streamlit sections: the list of decisions, one decision with
its Excel file, and its comparison with the state now. While names are masked, customers
show by pseudonym (in the file too) and without their numbers."""

from __future__ import annotations

import polars as pl
import streamlit as st

from analytics.decision import (
    compare_with_decision,
    decision_customers,
    decision_values,
    decisions,
    find_decision,
    later_state,
)
from locales import md, t
from locales.formats import MISSING, fmt_int
from ui.data import get_store, masked_customers, masking
from ui.decision import sentences, tables
from ui.place import offer_file, show_ranked
from ui.tables import table_height
from ui.workshop.tables import column_labels, customer_names

__all__ = ["comparison", "decision_detail", "decision_list"]

_OUTCOME_KEYS = {"entered_a": "dec.entered", "left_a": "dec.left", "stayed_a": "dec.stayed"}
# Customers named under "entered" and "left".
_NAMED = 15


def decision_list(*, lang: str) -> pl.DataFrame:
    """All decisions as a table; returns them (empty when none)."""
    table = decisions(get_store())
    if table.is_empty():
        return table
    frame = tables.decisions_frame(table, lang=lang)
    st.dataframe(
        frame.to_pandas(),
        hide_index=True,
        width="stretch",
        height=table_height(frame.height, max_rows=10),
        column_config=column_labels(tables.DECISION_COLUMNS, lang=lang),
        placeholder=MISSING,
    )
    return table


def decision_detail(name: str, *, lang: str) -> dict | None:
    """One decision: when, on what, who, notes, its list and the Excel download."""
    store = get_store()
    decision = find_decision(store, name)
    if decision is None:
        return None
    listed = masked_customers(
        decision_customers(store, decision["decision_id"]), decision["dataset_id"], lang=lang
    )
    show_ids = not masking()
    st.caption(sentences.meta_line(decision, lang=lang))
    if decision["notes"]:
        st.markdown(t("dec.notes_label", lang=lang, notes=decision["notes"]))
    offer_file(
        st,
        t("dec.excel", lang=lang),
        tables.decision_workbook(decision, listed, lang=lang, show_ids=show_ids),
        file_name=f"{decision['name']}.xlsx",
        key="dec_excel",
        icon=":material/download:",
    )
    frame = tables.listed_frame(listed.head(200), lang=lang, show_ids=show_ids)
    labels = column_labels(tables.LIST_COLUMNS, lang=lang)
    show_ranked(frame, labels, lang=lang)
    return decision


def comparison(decision: dict, *, weights: dict[str, float] | None, lang: str) -> dict:
    """Who entered, left and stayed in A, who moved most and why; returns the comparison.
    Raises ValueError when the data set has no lines or the weights cannot score."""
    store = get_store()
    period, after = later_state(store, decision, weights=weights)
    compared = compare_with_decision(
        decision_customers(store, decision["decision_id"]),
        decision_values(store, decision["decision_id"]),
        after,
    )
    names = customer_names(masked_customers(after, decision["dataset_id"], lang=lang))
    st.caption(sentences.later_line(period, lang=lang))
    for col, (key, label) in zip(st.columns(3), _OUTCOME_KEYS.items(), strict=True):
        ids = compared[key]
        col.metric(t(label, lang=lang), fmt_int(len(ids), lang=lang))
        if key != "stayed_a":
            col.markdown(md(", ".join(names.get(c, c) for c in ids[:_NAMED])))
    st.markdown(f"**{t('dec.moved', lang=lang)}**")
    moved = compared["moved"]
    if moved.is_empty():
        st.caption(t("dec.nothing_moved", lang=lang))
    for row in moved.iter_rows(named=True):
        name = names.get(row["customer_id"], row["customer_id"])
        st.markdown(sentences.moved_line(row, name, lang=lang))
    return compared
