"""Rank stability in Streamlit: the counts of customers always in A, on the border and
never in A around a weight set, the border customers, and for one customer the single
weight change that moves it, in words. Used by the facilitator's screen (around the
consensus) and the focus list (around its sliders).

Sampling is not free on a large data set: both pages compute it only when asked for
(the facilitator by opening the panel, the focus list with a toggle), and the results are
cached per table version, weights and spread.
"""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl
import streamlit as st

from analytics.stability import (
    flip_thresholds,
    rank_stability,
    stability_counts,
    workshop_spread,
)
from analytics.workshop import Consensus
from locales import key_table, t
from locales.formats import fmt_int
from ui.place import show_rows
from ui.workshop import sentences, tables

__all__ = ["OPEN_KEY", "stability_panel", "stability_section"]

OPEN_KEY = "ws_stab_open"  # the facilitator's stability panel is open: compute it
_SOURCE_KEYS = key_table("stab.spread", "disagreement", "points")
_STATUS_KEYS = {"always_a": "stab.always", "border": "stab.border", "never_a": "stab.never"}
# Customers offered for "what would move it" (the steadiest A first), and flips said.
_CANDIDATES = 60
_FLIPS = 3


@st.cache_data(show_spinner=False, max_entries=16)
def _stability(
    _table: pl.DataFrame, key: str, weights: tuple, spread: float | tuple, samples: int
) -> pl.DataFrame:
    """`rank_stability` of `_table` (identified by `key`), seeded: the same answer again."""
    del key
    chosen = dict(spread) if isinstance(spread, tuple) else spread
    return rank_stability(_table, weights=dict(weights), spread=chosen, samples=samples, seed=0)


@st.cache_data(show_spinner=False, max_entries=64)
def _flips(_table: pl.DataFrame, key: str, weights: tuple, customer_id: str) -> list[dict]:
    """`flip_thresholds` of one customer of `_table` (identified by `key`)."""
    del key
    return flip_thresholds(_table, weights=dict(weights), customer_id=customer_id)


def _spread(
    disagreement: pl.DataFrame | None, *, prefix: str, lang: str
) -> tuple[float | tuple, str]:
    """The spread chosen (the participants' disagreement or ± points) and its words."""
    choices = ("disagreement", "points") if disagreement is not None else ("points",)
    cols = st.columns([2, 2])
    source = (
        cols[0].segmented_control(
            t("stab.spread_source", lang=lang),
            choices,
            format_func=lambda c: t(_SOURCE_KEYS[c], lang=lang),
            default=choices[0],
            key=f"{prefix}_stab_source",
        )
        or choices[0]
    )
    if source == "disagreement":
        spread = tuple(sorted(workshop_spread(disagreement).items()))
        return spread, t("stab.spread_disagreement", lang=lang)
    points = cols[1].slider(
        t("stab.points", lang=lang), 0, 50, 10, step=5, key=f"{prefix}_stab_points"
    )
    return float(points), t("stab.spread_points", lang=lang, points=points)


def _border(stable: pl.DataFrame, names: Mapping[str, str], *, lang: str) -> None:
    frame = tables.border_frame(stable, names, lang=lang)
    if frame.is_empty():
        return
    st.markdown(f"**{t('stab.border_list', lang=lang)}**")
    show_rows(
        frame.to_pandas(),
        rows=frame.height,
        labels=tables.column_labels(tables.BORDER_COLUMNS, lang=lang),
        max_rows=10,
    )


def _flip(
    table: pl.DataFrame,
    stable: pl.DataFrame,
    names: Mapping[str, str],
    *,
    weights: tuple,
    key: str,
    prefix: str,
    lang: str,
) -> None:
    """The chosen customer's single-weight changes that move it into or out of A."""
    st.markdown(f"**{t('stab.flip', lang=lang)}**")
    chosen = st.selectbox(
        t("stab.flip_customer", lang=lang),
        stable["customer_id"].head(_CANDIDATES).to_list(),
        format_func=lambda c: names.get(c, c),
        key=f"{prefix}_stab_customer",
    )
    if not chosen:
        return
    name = names.get(chosen, chosen)
    flips = _flips(table, key, weights, chosen)
    for flip in flips[:_FLIPS]:
        st.markdown(sentences.flip_sentence(flip, name, lang=lang))
    if not flips:
        in_a = stable.filter(pl.col("customer_id") == chosen)["p_a"][0] > 0.5
        st.markdown(t("stab.flip.none_a" if in_a else "stab.flip.none", lang=lang, name=name))


def stability_panel(
    table: pl.DataFrame,
    weights: dict[str, float],
    *,
    key: str,
    prefix: str,
    lang: str,
    names: Mapping[str, str] | None = None,
    disagreement: pl.DataFrame | None = None,
    samples: int = 200,
) -> None:
    """Rank stability around `weights` over `table` (counts, the border customers, and
    for a chosen customer the single-weight change that moves it, in words).

    `key` identifies the table (data version and period, or the workshop's state) for
    the cache; `prefix` the page's session keys; `names` the names shown (default: the
    table's); `disagreement` (a `weight_consensus` table) offers the participants'
    disagreement as the spread. `lang` is read from the session only until every page
    passes it.
    """
    names = tables.customer_names(table) if names is None else names
    spread, spread_text = _spread(disagreement, prefix=prefix, lang=lang)
    ordered = tuple(sorted(weights.items()))
    stable = _stability(table, key, ordered, spread, samples)
    st.caption(
        t("stab.caption", lang=lang, samples=fmt_int(samples, lang=lang), spread=spread_text)
    )
    counts = stability_counts(stable)
    for col, (status, label) in zip(st.columns(3), _STATUS_KEYS.items(), strict=True):
        col.metric(t(label, lang=lang), fmt_int(counts[status], lang=lang))
    _border(stable, names, lang=lang)
    _flip(table, stable, names, lang=lang, prefix=prefix, key=key, weights=ordered)


@st.fragment
def stability_section(agreed: Consensus, names: Mapping[str, str], *, key: str, lang: str) -> None:
    """The facilitator's stability panel around the consensus weights, over the
    consensus's own table (the participants' mean assessments in place). Computed only
    while the panel is open; its controls rerun only this part."""
    box = st.expander(
        t("stab.title", lang=lang), icon=":material/balance:", key=OPEN_KEY, on_change="rerun"
    )
    with box:
        if box.open:
            stability_panel(
                agreed.scored,
                agreed.points,
                key=key,
                prefix="ws",
                lang=lang,
                names=names,
                disagreement=agreed.weights,
            )
