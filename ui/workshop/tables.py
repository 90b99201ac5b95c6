"""Tables of the workshop pages: plain functions of data, display names and language
returning polars frames (and their column labels). No Streamlit.

`names` maps a customer id to the name the page shows: the customer's name, or its
pseudonym while names are masked (`ui.data.masked_customers`). `show_ids=False` (masking)
leaves the customer number out: a number can be looked up.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import polars as pl

from analytics.workshop import Consensus
from locales import key_table, plain
from locales.formats import fmt_pct
from ui.elements import column_labels
from ui.i18n import texts

__all__ = [
    "BORDER_COLUMNS",
    "CONSENSUS_COLUMNS",
    "CONSENSUS_WIDTHS",
    "KIND_KEYS",
    "QUEUE_COLUMNS",
    "SPREAD_COLUMNS",
    "TOP_COLUMNS",
    "border_frame",
    "column_labels",
    "consensus_columns",
    "consensus_frame",
    "customer_names",
    "kind_label",
    "queue_frame",
    "spread_frame",
    "top_frame",
]

# A pin or an exclusion by its stored kind: what the form does, and in the consensus list
# what the customer is (one short word: the column is narrow).
KIND_KEYS = key_table("ws.kind", "pin", "exclude")
_STATE_KEYS = key_table("ws.state", "pin", "exclude")
# Each table's columns and the catalog key of their header, in the order shown.
SPREAD_COLUMNS = key_table("ws.col", "customer", "criterion", "mean", "min", "max", "spread", "n")
CONSENSUS_COLUMNS = {
    "rank": "ws.col.rank",
    "tier": "ws.col.tier",
    "customer_id": "field.customer_id",
    "customer_name": "field.customer_name",
    "score": "ws.col.score",
    "agreement": "ws.col.agreement",
    "override": "ws.col.override",
    "reason": "ws.col.reason",
    "who": "ws.col.in_top_of",
}
# The consensus list's column widths in pixels (rank and tier are narrow, the number
# small): the list fits a 1400 px screen without scrolling sideways, whose top lists
# hold a customer (the longest text) last.
CONSENSUS_WIDTHS = {
    "customer_name": 200,
    "score": 60,
    "agreement": 75,
    "override": 90,
    "reason": 160,
}
# Left out on a projector (larger type): the customer number and whose top lists; the
# count of top lists stays, and the discussion queue names whose lists differ.
_DESK_ONLY = ("customer_id", "who")
QUEUE_COLUMNS = key_table("ws.col", "customer", "in_top_of", "not_in_top_of", "rank")
BORDER_COLUMNS = {"customer": "ws.col.customer", "p_a": "stab.col.p_a", "range": "stab.col.range"}
TOP_COLUMNS = {
    "rank": "ws.col.rank",
    "tier": "ws.col.tier",
    "customer_name": "field.customer_name",
    "score": "ws.col.score",
}
# Rows of the assessment spread shown (largest spread first).
_SPREAD_ROWS = 50
# Border customers listed under the stability counts.
_BORDER_ROWS = 30


def kind_label(kind: str | None, *, lang: str) -> str:
    """`Lås in i listan` / `Uteslut` for a stored kind; empty for none."""
    return plain(KIND_KEYS[kind], lang=lang) if kind else ""


def consensus_columns(columns: Sequence[str], *, presenting: bool) -> list[str]:
    """The consensus list's columns shown, in order, of a `consensus_frame`'s `columns`:
    all of them at a desk, without the customer number and whose top lists on a
    projector."""
    return [c for c in columns if not (presenting and c in _DESK_ONLY)]


def customer_names(table: pl.DataFrame) -> dict[str, str]:
    """Customer id → the name in `table` (its id where the name is missing)."""
    return {
        cid: (name or cid) for cid, name in table.select("customer_id", "customer_name").iter_rows()
    }


def _named(ids: pl.Series, names: Mapping[str, str], *, name: str = "customer") -> pl.Series:
    return texts(ids, lambda c: names.get(c) or c, name=name)


def spread_frame(agreed: Consensus, names: Mapping[str, str], *, lang: str) -> pl.DataFrame:
    """The participants' assessments per customer and criterion (`SPREAD_COLUMNS`),
    largest spread first, at most 50 rows."""
    shown = agreed.assessments.head(_SPREAD_ROWS)
    criteria = texts(shown["criterion"], lambda k: plain(f"criterion.{k}", lang=lang))
    return pl.DataFrame(
        {"customer": _named(shown["customer_id"], names), "criterion": criteria}
    ).hstack(shown.select("mean", "min", "max", "spread", "n"))


def consensus_frame(
    agreed: Consensus, names: Mapping[str, str], *, top: int, lang: str, show_ids: bool = True
) -> pl.DataFrame:
    """The consensus list's first `top` customers, then the excluded ones
    (`CONSENSUS_COLUMNS`): rank, tier (both null for the excluded), score (one decimal),
    in how many participants' top lists, whether pinned (`Inlåst`) or excluded
    (`Utesluten`) with the reason, and whose top lists."""
    total = len(agreed.participants)
    holders = dict(agreed.agreement.select("customer_id", "in_top_of").iter_rows())
    listed = agreed.scored.filter(pl.col("rank").is_not_null()).head(top)
    excluded = agreed.scored.filter(pl.col("override") == "exclude")
    shown = pl.concat([listed, excluded], how="vertical_relaxed")
    ids = shown["customer_id"]
    frame = shown.select(
        "rank",
        "tier",
        "customer_id",
        _named(ids, names, name="customer_name"),
        pl.col("score").round(1),
        texts(
            ids,
            lambda c: plain(
                "ws.agree.count", lang=lang, count=len(holders.get(c, [])), total=total
            ),
            name="agreement",
        ),
        texts(
            shown["override"],
            lambda o: plain(_STATE_KEYS[o], lang=lang) if o else "",
            name="override",
        ),
        pl.col("reason").fill_null(""),
        texts(ids, lambda c: ", ".join(holders.get(c, [])), name="who"),
    )
    return frame if show_ids else frame.drop("customer_id")


def queue_frame(agreed: Consensus, names: Mapping[str, str]) -> pl.DataFrame:
    """The discussion queue (`QUEUE_COLUMNS`): contested customers, most evenly split
    first, with whose top lists they are and are not in, and their consensus rank."""
    queue = agreed.queue
    return pl.DataFrame(
        {
            "customer": _named(queue["customer_id"], names),
            "in_top_of": texts(queue["in_top_of"], ", ".join),
            "not_in_top_of": texts(queue["not_in_top_of"], ", ".join),
        }
    ).with_columns(queue["consensus_rank"].alias("rank"))


def border_frame(stable: pl.DataFrame, names: Mapping[str, str], *, lang: str) -> pl.DataFrame:
    """The border customers of a `rank_stability` result (`BORDER_COLUMNS`): share of
    samples in A as per cent, and the 5th–95th percentile rank range; at most 30 rows."""
    border = stable.filter(pl.col("status") == "border").head(_BORDER_ROWS)
    return pl.DataFrame(
        {
            "customer": _named(border["customer_id"], names),
            "p_a": texts(border["p_a"], lambda v: fmt_pct(v, lang=lang)),
            "range": texts(
                border.select("rank_p05", "rank_p95").rows(), lambda r: f"{r[0]}–{r[1]}"
            ),
        }
    )


def top_frame(scored: pl.DataFrame, *, top: int) -> pl.DataFrame:
    """A participant's own top `top` (`TOP_COLUMNS`) from `participant_list`."""
    return scored.head(top).select("rank", "tier", "customer_name", pl.col("score").round(1))
