"""Widgets of the decisions page: the list of decisions, one decision with its Excel
file, and its comparison with the state now."""

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
from analytics.export import to_excel_bytes
from ui.data import get_store
from ui.i18n import fmt_date, fmt_int, fmt_number, md, plain, t, texts
from ui.tables import localized, table_height

__all__ = ["comparison", "decision_detail", "decision_list", "decision_workbook"]


def decision_list() -> pl.DataFrame:
    """All decisions as a table; returns them (empty when none)."""
    table = decisions(get_store())
    if table.is_empty():
        return table
    frame = pl.DataFrame(
        {
            "name": table["name"],
            "date": texts(table["decided_on"], fmt_date),
            "workshop": table["workshop_name"].fill_null(""),
            "dataset": table["dataset_name"],
            "period": texts(
                table.select("period_from", "period_to").rows(),
                lambda r: f"{fmt_date(r[0])} – {fmt_date(r[1])}",
            ),
            "participants": texts(table["participants"], ", ".join),
            "a": table["a_customers"],
        }
    )
    st.dataframe(
        frame.to_pandas(),
        hide_index=True,
        width="stretch",
        height=table_height(frame.height, max_rows=10),
        column_config={key: t(f"dec.col.{key}") for key in frame.columns},
    )
    return table


def decision_workbook(decision: dict, listed: pl.DataFrame) -> bytes:
    """The decision as an Excel file: the decision, the list, the weights."""
    header = pl.DataFrame(
        {
            "field": [
                plain(f"dec.col.{k}")
                for k in ("name", "date", "workshop", "dataset", "period", "participants", "notes")
            ],
            "value": [
                decision["name"],
                decision["decided_on"].isoformat(),
                decision["workshop_name"] or "",
                decision["dataset_name"],
                f"{decision['period_from']} – {decision['period_to']}",
                ", ".join(decision["participants"]),
                decision["notes"] or "",
            ],
        }
    ).rename({"field": plain("dec.sheet.decision"), "value": " "})
    weights = pl.DataFrame(
        {
            plain("ws.col.criterion"): [plain(f"criterion.{k}") for k in decision["weights"]],
            plain("dec.col.weight"): list(decision["weights"].values()),
        }
    )
    columns = {
        "rank": plain("ws.col.rank"),
        "tier": plain("ws.col.tier"),
        "customer_id": plain("field.customer_id"),
        "customer_name": plain("field.customer_name"),
        "score": plain("ws.col.score"),
        "override": plain("ws.col.override"),
        "reason": plain("ws.col.reason"),
    }
    shown = (
        listed.with_columns(
            texts(listed["override"], lambda o: plain(f"ws.kind.{o}") if o else "", name="override")
        )
        .select(list(columns))
        .rename(columns)
    )
    return to_excel_bytes(
        {
            plain("dec.sheet.decision"): header,
            plain("dec.sheet.list"): shown,
            plain("dec.sheet.weights"): weights,
        }
    )


def decision_detail(name: str) -> dict | None:
    """One decision: when, on what, who, notes, its list and the Excel download."""
    store = get_store()
    decision = find_decision(store, name)
    if decision is None:
        return None
    listed = decision_customers(store, decision["decision_id"])
    st.caption(
        t(
            "dec.meta",
            date=fmt_date(decision["decided_on"]),
            dataset=decision["dataset_name"],
            start=fmt_date(decision["period_from"]),
            end=fmt_date(decision["period_to"]),
            participants=", ".join(decision["participants"]),
        )
    )
    if decision["notes"]:
        st.markdown(t("dec.notes_label", notes=decision["notes"]))
    st.download_button(
        t("dec.excel"),
        decision_workbook(decision, listed),
        file_name=f"{decision['name']}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/download:",
        key="dec_excel",
    )
    frame = listed.with_columns(
        texts(listed["override"], lambda o: plain(f"ws.kind.{o}") if o else "", name="override"),
        pl.col("reason").fill_null(""),
        pl.col("score").round(1),
    )
    st.dataframe(
        localized(frame.head(200), numbers={"score": 1}),
        hide_index=True,
        width="stretch",
        height=table_height(min(frame.height, 200)),
        column_config={
            "rank": st.column_config.NumberColumn(t("ws.col.rank"), width=50),
            "tier": st.column_config.TextColumn(t("ws.col.tier"), width=50),
            "customer_id": st.column_config.TextColumn(t("field.customer_id"), width="small"),
            "customer_name": t("field.customer_name"),
            "score": t("ws.col.score"),
            "override": t("ws.col.override"),
            "reason": t("ws.col.reason"),
        },
    )
    return decision


def _value(value: float | None) -> str:
    return fmt_number(value, 1 if value is not None and abs(value) < 100 else 0)


def comparison(decision: dict, *, weights: dict[str, float] | None) -> dict:
    """Who entered, left and stayed in A, who moved most and why; returns the comparison."""
    store = get_store()
    period, after = later_state(store, decision, weights=weights)
    compared = compare_with_decision(
        decision_customers(store, decision["decision_id"]),
        decision_values(store, decision["decision_id"]),
        after,
    )
    names = dict(after.select("customer_id", "customer_name").iter_rows())
    st.caption(t("dec.later_period", start=fmt_date(period.start), end=fmt_date(period.end)))
    cols = st.columns(3)
    for col, key in zip(cols, ("entered_a", "left_a", "stayed_a"), strict=True):
        label = {"entered_a": "dec.entered", "left_a": "dec.left", "stayed_a": "dec.stayed"}
        ids = compared[key]
        col.metric(t(label[key]), fmt_int(len(ids)))
        if key != "stayed_a":
            col.markdown(md(", ".join(names.get(c) or c for c in ids[:15])))
    st.markdown(f"**{t('dec.moved')}**")
    moved = compared["moved"]
    if moved.is_empty():
        st.caption(t("dec.nothing_moved"))
    for row in moved.iter_rows(named=True):
        st.markdown(
            t(
                "dec.moved_line",
                name=names.get(row["customer_id"]) or row["customer_id"],
                before=row["rank_before"],
                after=row["rank_after"],
                criterion=plain(f"criterion.{row['criterion']}") if row["criterion"] else "–",
                value_before=_value(row["value_before"]),
                value_after=_value(row["value_after"]),
            )
        )
    return compared
