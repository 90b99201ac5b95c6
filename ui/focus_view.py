"""Widgets of the focus list: weight sliders, the ranked table, tiers, exports, weight sets."""

from __future__ import annotations

import polars as pl
import streamlit as st

from analytics.export import to_csv_bytes, to_excel_bytes
from analytics.scoring import (
    CRITERIA,
    DEFAULT_WEIGHTS,
    compare_weight_sets,
    score_customers,
    weight_shares,
)
from ui.data import get_store, masking
from ui.i18n import Markdown, currency, fmt_int, fmt_money, fmt_pct, lang, money_unit, plain, t
from ui.tables import localized, table_height

__all__ = [
    "export_buttons",
    "focus_table",
    "slider_key",
    "stored_weights",
    "tier_table",
    "weight_set_controls",
    "weight_sliders",
]

# The data set whose stored weights the sliders show (page-only session key).
_LOADED_KEY = "focus_w_dataset"


def slider_key(criterion: str) -> str:
    """Session key of a criterion's weight slider."""
    return f"focus_w_{criterion}"


def stored_weights(dataset_id: int) -> tuple[dict[str, float], bool]:
    """The focus list's weights of a data set, as every page uses them, and whether the
    team set them (False: the default weights, also when all stored weights are zero)."""
    weights = get_store().dataset_weights(dataset_id)
    if weights and sum(weights.values()) > 0:
        return weights, True
    return dict(DEFAULT_WEIGHTS), False


def _slider_weights() -> dict[str, float]:
    return {c.key: float(st.session_state.get(slider_key(c.key), 0)) for c in CRITERIA}


def _save_weights(dataset_id: int) -> None:
    """A slider moved: the data set's weights are the sliders' values, for every page."""
    get_store().save_dataset_weights(dataset_id, _slider_weights())


def _apply_weights(weights: dict[str, float], dataset_id: int) -> None:
    """Load a saved weight set into the sliders and keep it as the data set's weights."""
    for c in CRITERIA:
        st.session_state[slider_key(c.key)] = int(weights.get(c.key, 0))
    _save_weights(dataset_id)


def _reset_weights(dataset_id: int) -> None:
    """Back to the default weights, on the sliders and for every page."""
    for c in CRITERIA:
        st.session_state[slider_key(c.key)] = int(DEFAULT_WEIGHTS.get(c.key, 0))
    get_store().save_dataset_weights(dataset_id, None)


def weight_sliders(dataset_id: int) -> dict[str, float]:
    """One slider (0–100) per criterion, data criteria then team criteria, set from the
    data set's stored weights; a move is stored at once. Returns the weights.

    Drawn into the current container (the page puts them in a narrow column).
    """
    stored = get_store().dataset_weights(dataset_id)
    start = DEFAULT_WEIGHTS if stored is None else stored
    fresh = st.session_state.get(_LOADED_KEY) != dataset_id
    st.session_state[_LOADED_KEY] = dataset_id
    for c in CRITERIA:
        # Streamlit forgets a slider's value on another page; the store does not.
        if fresh or slider_key(c.key) not in st.session_state:
            st.session_state[slider_key(c.key)] = int(start.get(c.key, 0))
    weights: dict[str, float] = {}
    for source in ("data", "team"):
        st.markdown(f"**{t(f'focus.source.{source}')}**")
        for c in (c for c in CRITERIA if c.source == source):
            weights[c.key] = float(
                st.slider(
                    t(f"criterion.{c.key}"),
                    min_value=0,
                    max_value=100,
                    step=5,
                    key=slider_key(c.key),
                    help=t(f"criterion.{c.key}.help", unit=money_unit()),
                    on_change=_save_weights,
                    args=(dataset_id,),
                )
            )
    shares = weight_shares(weights)
    st.caption(
        t("focus.shares")
        + " "
        + " · ".join(f"{t(f'criterion.{k}')} {fmt_pct(v)}" for k, v in shares.items() if v > 0)
    )
    st.button(
        t("focus.reset"),
        help=t("focus.reset_help"),
        icon=":material/restart_alt:",
        disabled=stored is None,
        on_click=_reset_weights,
        args=(dataset_id,),
        key="focus_reset",
    )
    return weights


def focus_table(scored: pl.DataFrame, *, top: int) -> None:
    """The top `top` customers with rank, tier, score, main numbers and contribution bars."""
    active = [c.key for c in CRITERIA if f"contrib_{c.key}" in scored.columns]
    shown = scored.head(top).select(
        "rank",
        "tier",
        "customer_id",
        "customer_name",
        pl.col("score").round(1),
        pl.concat_list(pl.col(f"contrib_{k}").round(2) for k in active).alias("contributions"),
        "revenue",
        "gross_margin",
        pl.col("margin_pct").round(1),
        (pl.col("assessed") * 100).round(0).alias("assessed"),
        pl.concat_str(
            [
                pl.when(pl.col(f"norm_{k}").is_null()).then(pl.lit(t(f"criterion.{k}")))
                for k in active
            ],
            separator=", ",
            ignore_nulls=True,
        ).alias("not_assessed"),
    )
    if masking():
        shown = shown.drop("customer_id")  # a number can be looked up: the pseudonym only
    order = " · ".join(t(f"criterion.{k}") for k in active)
    leaders = [
        name or cid
        for cid, name in scored.head(3).select("customer_id", "customer_name").iter_rows()
    ]
    st.markdown(t("focus.leaders", names=", ".join(leaders)))
    st.dataframe(
        localized(
            shown,
            numbers={"score": 1, "margin_pct": 1, "assessed": 0},
            money=("revenue", "gross_margin"),
        ),
        hide_index=True,
        width="stretch",
        height=table_height(shown.height),
        column_config={
            "rank": st.column_config.NumberColumn(t("focus.col.rank"), width=50),
            "tier": st.column_config.TextColumn(t("focus.col.tier"), width=50),
            "customer_id": st.column_config.TextColumn(t("field.customer_id"), width="small"),
            "customer_name": t("field.customer_name"),
            "score": st.column_config.NumberColumn(t("focus.col.score"), width="small"),
            "contributions": st.column_config.BarChartColumn(
                t("focus.col.contributions"), help=order, y_min=0
            ),
            "revenue": st.column_config.NumberColumn(f"{t('criterion.revenue')} ({currency()})"),
            "gross_margin": st.column_config.NumberColumn(
                f"{t('criterion.gross_margin')} ({currency()})"
            ),
            "margin_pct": st.column_config.NumberColumn(f"{t('criterion.margin_pct')} (%)"),
            "assessed": st.column_config.NumberColumn(
                f"{t('focus.col.assessed')} (%)", help=t("focus.col.assessed_help")
            ),
            "not_assessed": st.column_config.TextColumn(
                t("focus.col.not_assessed"), help=t("focus.col.not_assessed_help")
            ),
        },
    )


def tier_table(summary: pl.DataFrame) -> None:
    """Customers, revenue and margin per tier with their shares of the total."""
    cols = st.columns(len(summary))
    for col, row in zip(cols, summary.iter_rows(named=True), strict=True):
        col.metric(
            t("focus.tier", tier=row["tier"]),
            t(
                "focus.tier_customers",
                count=fmt_int(row["customers"]),
                share=fmt_pct(row["customer_share"]),
            ),
        )
        col.caption(
            t(
                "focus.tier_shares",
                revenue=fmt_pct(row["revenue_share"]),
                margin=fmt_pct(row["margin_share"]),
                amount=fmt_money(row["revenue"], compact=True),
            )
        )


def _export_frame(scored: pl.DataFrame, *, top: int) -> pl.DataFrame:
    contrib = [c for c in scored.columns if c.startswith("contrib_")]
    frame = scored.head(top).select(
        "rank",
        "tier",
        "customer_id",
        "customer_name",
        pl.col("score").round(2),
        "revenue",
        "gross_margin",
        pl.col("margin_pct").round(2),
        *[pl.col(c).round(2) for c in contrib],
    )
    if masking():
        frame = frame.drop("customer_id")
    names = {c: t(f"criterion.{c.removeprefix('contrib_')}") for c in contrib}
    return frame.rename(
        {
            "rank": t("focus.col.rank"),
            "tier": t("focus.col.tier"),
            "customer_id": t("field.customer_id"),
            "customer_name": t("field.customer_name"),
            "score": t("focus.col.score"),
            # Amounts name their currency in the header (`Omsättning (SEK)`).
            "revenue": f"{t('criterion.revenue')} ({currency()})",
            "gross_margin": f"{t('criterion.gross_margin')} ({currency()})",
            "margin_pct": t("criterion.margin_pct"),
        }
        | {c: f"{t('focus.col.points')}: {name}" for c, name in names.items()},
        strict=False,
    )


def export_buttons(scored: pl.DataFrame, weights: dict[str, float], *, top: int, period) -> None:
    """Download the list as Excel (with a weights sheet) and as CSV (weights in a header)."""
    frame = _export_frame(scored, top=top)
    shares = weight_shares(weights)
    weights_frame = pl.DataFrame(
        {
            t("focus.col.criterion"): [t(f"criterion.{k}") for k in weights],
            t("focus.col.weight"): [float(w) for w in weights.values()],
            t("focus.col.share"): [round(shares[k] * 100, 1) for k in weights],
        }
    )
    period_text = f"{period.start.isoformat()} – {period.end.isoformat()}"
    about = plain("focus.export_about", period=period_text)
    info = pl.DataFrame({t("focus.col.about"): [about]})
    workbook = to_excel_bytes(
        {
            t("focus.sheet.list"): frame,
            t("focus.sheet.weights"): weights_frame,
            t("focus.sheet.about"): info,
        }
    )
    separator = ";" if lang() == "sv" else ","
    weights_line = " · ".join(f"{t(f'criterion.{k}')}={w:g}" for k, w in weights.items() if w)
    csv = to_csv_bytes(frame, separator=separator)
    header = f"# {about} {weights_line}\n".encode()
    cols = st.columns(2)
    cols[0].download_button(
        t("focus.export_excel"),
        data=workbook,
        file_name="fokuslista.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/table_view:",
        key="focus_dl_xlsx",
    )
    cols[1].download_button(
        t("focus.export_csv"),
        data=csv[:3] + header + csv[3:],
        file_name="fokuslista.csv",
        mime="text/csv",
        icon=":material/download:",
        key="focus_dl_csv",
    )


def weight_set_controls(
    table: pl.DataFrame, weights: dict[str, float], *, top: int, dataset_id: int
) -> None:
    """Save the current weights by name, load a saved set, compare two sets."""
    store = get_store()
    saved = store.weight_sets()
    cols = st.columns([3, 1], vertical_alignment="bottom")
    name = cols[0].text_input(t("focus.set_name"), key="focus_set_name")
    if cols[1].button(t("focus.save_set"), key="focus_save_set", disabled=not name.strip()):
        store.save_weight_set(name, weights)
        st.toast(t("focus.set_saved", name=name.strip()))
        saved = store.weight_sets()
    if not saved:
        st.caption(t("focus.no_sets"))
        return
    cols = st.columns([3, 1], vertical_alignment="bottom")
    pick = cols[0].selectbox(t("focus.load_set"), list(saved), key="focus_set_pick")
    cols[1].button(
        t("focus.load"),
        key="focus_load_set",
        on_click=_apply_weights,
        args=(saved[pick], dataset_id),
    )
    if len(saved) < 2:
        return
    st.markdown(f"**{t('focus.compare')}**")
    cols = st.columns(2)
    first = cols[0].selectbox(t("focus.compare_a"), list(saved), key="focus_cmp_a")
    second = cols[1].selectbox(t("focus.compare_b"), list(saved), index=1, key="focus_cmp_b")
    diff = compare_weight_sets(
        score_customers(table, weights=saved[first]),
        score_customers(table, weights=saved[second]),
        top=top,
    )
    names = dict(zip(table["customer_id"], table["customer_name"], strict=True))
    for key in ("top_entered", "top_left", "a_entered", "a_left"):
        people = Markdown(", ").join(names.get(i) or i for i in diff[key]) or "–"
        st.markdown(f"{t(f'focus.diff.{key}', top=top)}: {people}")
