"""Sentences of the workshop pages: plain functions of data and language returning
`Markdown` (for elements that render it) or `str`. No Streamlit."""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from analytics.metrics import Period
from analytics.workshop import Consensus
from locales import Markdown, md, plain, t, trusted
from locales.formats import fmt_date, fmt_int, fmt_number, fmt_pct

__all__ = [
    "FLIP_KEYS",
    "consensus_caption",
    "decided_line",
    "flip_sentence",
    "joined_line",
    "mean_line",
    "names_line",
    "period_text",
    "shares_line",
]

# The sentence of a single-weight flip by (in A now, the weight's direction).
FLIP_KEYS = {
    (True, "down"): "stab.flip.leaves.down",
    (True, "up"): "stab.flip.leaves.up",
    (False, "down"): "stab.flip.enters.down",
    (False, "up"): "stab.flip.enters.up",
}


def joined_line(table: pl.DataFrame, *, lang: str) -> Markdown:
    """`2 har anslutit, 1 har skickat in vikter.` for a `participants` table."""
    sent = int(table["submitted"].sum()) if table.height else 0
    return t(
        "ws.joined_count",
        lang=lang,
        joined=fmt_int(table.height, lang=lang),
        submitted=fmt_int(sent, lang=lang),
    )


def decided_line(decided: Mapping, table: pl.DataFrame, *, lang: str) -> Markdown:
    """`Beslutet Fokuslista 2027 sparades 2026-12-02 med Anna och Bo.`, and who has sent
    weights since (`table`: `participants`): the screen counts them, the decision not."""
    made_with = [md(name) for name in decided["participants"]]
    since = [md(n) for n, s in table.select("name", "submitted").iter_rows() if s]
    later = [name for name in since if name not in made_with]
    params = {
        "decision": decided["name"],
        "date": fmt_date(decided["decided_on"], lang=lang),
        "names": Markdown(", ").join(made_with) or plain("deck.decision.nobody", lang=lang),
    }
    if not later:
        return t("ws.decided", lang=lang, **params)
    return t("ws.decided_since", lang=lang, later=Markdown(", ").join(later), **params)


def names_line(table: pl.DataFrame) -> Markdown:
    """`**Anna** ✓ · **Bo** …`: each participant's name, ✓ once their weights are sent."""
    return trusted(
        " · ".join(
            f"**{md(name)}** {'✓' if sent else '…'}"
            for name, sent in table.select("name", "submitted").iter_rows()
        )
    )


def _shares(shares: Mapping[str, float], *, lang: str) -> str:
    """`Täckningsbidrag 33 % · Omsättning 23 %` (criteria with a share, in the given order)."""
    return " · ".join(
        f"{plain(f'criterion.{k}', lang=lang)} {fmt_pct(v, lang=lang)}"
        for k, v in shares.items()
        if v > 0
    )


def mean_line(agreed: Consensus, *, lang: str) -> Markdown:
    """`**Medelvikter** (2 deltagare): Täckningsbidrag 33 % · Omsättning 23 % …`, largest
    share first."""
    ordered = agreed.weights.sort("mean_share", descending=True, maintain_order=True)
    shares = dict(ordered.select("criterion", "mean_share").iter_rows())
    head = t("ws.mean_line", lang=lang, count=len(agreed.participants))
    return Markdown(f"{head} {md(_shares(shares, lang=lang))}")


def shares_line(shares: Mapping[str, float], *, lang: str) -> Markdown:
    """`Andel av poängen: Omsättning 60 % · Täckningsbidrag 40 %` (criteria order)."""
    return Markdown(f"{t('focus.shares', lang=lang)} {md(_shares(shares, lang=lang))}")


def consensus_caption(agreed: Consensus, *, top: int, lang: str) -> Markdown:
    """How many customers are in everyone's and in most participants' top N."""
    return t(
        "ws.consensus_caption",
        lang=lang,
        everyone=fmt_int(len(agreed.everyone), lang=lang),
        most=fmt_int(len(agreed.most), lang=lang),
        top=top,
    )


def flip_sentence(flip: Mapping, name: str, *, lang: str) -> Markdown:
    """`Epsilon AB lämnar A om Omsättning sänks från 60 till 40,0.` for one result of
    `analytics.stability.flip_thresholds` (weights in points)."""
    return t(
        FLIP_KEYS[(bool(flip["now_a"]), flip["direction"])],
        lang=lang,
        name=name,
        criterion=plain(f"criterion.{flip['criterion']}", lang=lang),
        start=fmt_number(flip["current"], 0, lang=lang),
        end=fmt_number(flip["threshold"], 1, lang=lang),
    )


def period_text(workshop: Mapping, dataset_name: str, period: Period, *, lang: str) -> Markdown:
    """`Data · 2025-11-01 – 2026-10-31 · topp 20`."""
    return t(
        "ws.period_caption",
        lang=lang,
        dataset=dataset_name,
        start=fmt_date(period.start, lang=lang),
        end=fmt_date(period.end, lang=lang),
        top=int(workshop["top_n"]),
    )
