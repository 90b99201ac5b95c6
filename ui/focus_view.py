"""The focus list's Streamlit sections: weight sliders, the ranked table, tiers, exports,
weight sets. They place what the builders in `ui.focus` make, in the language `lang` and
the currency `currency` the page passes down."""

from __future__ import annotations

from functools import partial

import polars as pl
import streamlit as st

from analytics.metrics import Period
from analytics.scoring import (
    CRITERIA,
    DEFAULT_WEIGHTS,
    compare_weight_sets,
    score_customers,
)
from locales import t
from locales.formats import MISSING
from ui.data import get_store
from ui.focus.sentences import contributions_help, diff_lines, leaders_sentence, tier_tiles
from ui.focus.tables import (
    SHOWN_ORDER,
    active_criteria,
    export_frame,
    focus_csv,
    focus_labels,
    focus_rows,
    focus_workbook,
)
from ui.focus.weights import criteria_by_source, shares_text
from ui.place import offer_file
from ui.tables import localized, paged, table_height

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


def weight_sliders(dataset_id: int, *, currency: str, lang: str) -> dict[str, float]:
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
    for heading, sliders in criteria_by_source(currency=currency, lang=lang):
        st.markdown(f"**{heading}**")
        for slider in sliders:
            weights[slider.key] = float(
                st.slider(
                    slider.label,
                    min_value=0,
                    max_value=100,
                    step=5,
                    key=slider_key(slider.key),
                    help=slider.help,
                    on_change=_save_weights,
                    args=(dataset_id,),
                )
            )
    st.caption(shares_text(weights, lang=lang))
    st.button(
        t("focus.reset", lang=lang),
        help=t("focus.reset_help", lang=lang),
        icon=":material/restart_alt:",
        disabled=stored is None,
        on_click=_reset_weights,
        args=(dataset_id,),
        key="focus_reset",
    )
    return weights


def focus_table(scored: pl.DataFrame, *, top: int, masked: bool, currency: str, lang: str) -> None:
    """The top `top` customers with rank, tier, score, main numbers and contribution bars."""
    shown = focus_rows(scored, top=top, masked=masked, lang=lang)
    labels = focus_labels(currency=currency, lang=lang)
    column = st.column_config
    st.markdown(leaders_sentence(scored, lang=lang))
    shown = paged(shown, key="focus_table", lang=lang)
    st.dataframe(
        localized(
            shown,
            numbers={"score": 1, "margin_pct": 1, "assessed": 0},
            money=("revenue", "gross_margin"),
            lang=lang,
        ),
        hide_index=True,
        width="stretch",
        height=table_height(shown.height),
        column_order=SHOWN_ORDER,
        column_config={
            "rank": column.NumberColumn(labels["rank"], width=50),
            "tier": column.TextColumn(labels["tier"], width=50),
            "customer_id": column.TextColumn(labels["customer_id"], width="small"),
            "customer_name": column.TextColumn(labels["customer_name"], width="medium"),
            "score": column.NumberColumn(labels["score"], width="small"),
            "contributions": column.BarChartColumn(
                t("focus.col.contributions", lang=lang),
                help=contributions_help(active_criteria(scored), lang=lang),
                y_min=0,
            ),
            "revenue": column.NumberColumn(labels["revenue"]),
            "gross_margin": column.NumberColumn(labels["gross_margin"]),
            "margin_pct": column.NumberColumn(f"{labels['margin_pct']} (%)"),
            "assessed": column.NumberColumn(
                f"{t('focus.col.assessed', lang=lang)} (%)",
                help=t("focus.col.assessed_help", lang=lang),
            ),
            "not_assessed": column.TextColumn(
                t("focus.col.not_assessed", lang=lang),
                help=t("focus.col.not_assessed_help", lang=lang),
            ),
        },
        placeholder=MISSING,
    )


def tier_table(summary: pl.DataFrame, *, currency: str, lang: str) -> None:
    """Customers, revenue and margin per tier with their shares of the total."""
    tiles = tier_tiles(summary, currency=currency, lang=lang)
    for col, tile in zip(st.columns(len(tiles)), tiles, strict=True):
        col.metric(tile.label, tile.value)
        col.caption(tile.caption)


def export_buttons(
    scored: pl.DataFrame,
    weights: dict[str, float],
    *,
    top: int,
    period: Period,
    masked: bool,
    currency: str,
    lang: str,
) -> None:
    """Download the list as Excel (with a weights sheet) and as CSV (weights in a header).

    The files are written when a button is clicked, not on every slider move (building
    both took most of a repaint on the demo company)."""
    frame = export_frame(scored, top=top, masked=masked, currency=currency, lang=lang)
    files = (("xlsx", focus_workbook, "focus.export_excel"), ("csv", focus_csv, "focus.export_csv"))
    for col, (ext, write, label) in zip(st.columns(2), files, strict=True):
        data = partial(write, frame, dict(weights), period=period, lang=lang)
        # No rerun on the click: nothing on the page changes, and a second button clicked
        # during that rerun would start no download.
        offer_file(
            col,
            t(label, lang=lang),
            data,
            file_name=f"fokuslista.{ext}",
            key=f"focus_dl_{ext}",
            rerun=False,
        )


def weight_set_controls(
    table: pl.DataFrame, weights: dict[str, float], *, top: int, dataset_id: int, lang: str
) -> None:
    """Save the current weights by name, load a saved set, compare two sets."""
    store = get_store()
    saved = store.weight_sets()
    cols = st.columns([3, 1], vertical_alignment="bottom")
    name = cols[0].text_input(t("focus.set_name", lang=lang), key="focus_set_name")
    save = cols[1].button(
        t("focus.save_set", lang=lang), key="focus_save_set", disabled=not name.strip()
    )
    if save:
        store.save_weight_set(name, weights)
        st.toast(t("focus.set_saved", lang=lang, name=name.strip()))
        saved = store.weight_sets()
    if not saved:
        st.caption(t("focus.no_sets", lang=lang))
        return
    cols = st.columns([3, 1], vertical_alignment="bottom")
    pick = cols[0].selectbox(t("focus.load_set", lang=lang), list(saved), key="focus_set_pick")
    cols[1].button(
        t("focus.load", lang=lang),
        key="focus_load_set",
        on_click=_apply_weights,
        args=(saved[pick], dataset_id),
    )
    if len(saved) >= 2:
        _compare_sets(table, saved, top=top, lang=lang)


def _compare_sets(
    table: pl.DataFrame, saved: dict[str, dict[str, float]], *, top: int, lang: str
) -> None:
    """Pick two saved weight sets; who enters and leaves the top and tier A between them."""
    st.markdown(f"**{t('focus.compare', lang=lang)}**")
    cols = st.columns(2)
    first = cols[0].selectbox(t("focus.compare_a", lang=lang), list(saved), key="focus_cmp_a")
    second = cols[1].selectbox(
        t("focus.compare_b", lang=lang), list(saved), index=1, key="focus_cmp_b"
    )
    diff = compare_weight_sets(
        score_customers(table, weights=saved[first]),
        score_customers(table, weights=saved[second]),
        top=top,
    )
    names = dict(zip(table["customer_id"], table["customer_name"], strict=True))
    for line in diff_lines(diff, names, top=top, lang=lang):
        st.markdown(line)
