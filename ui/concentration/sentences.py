"""What the profitability-versus-size page says in words: the quadrant, the whale curve,
the Pareto curve, the cut lines and where the margins come from.

Plain functions of (numbers, language, currency) returning `Markdown` (data escaped, see
`locales.t`): no session, no Streamlit.
"""

from __future__ import annotations

from typing import Literal

import polars as pl

from analytics.concentration import MARGIN_ASSUMED, MARGIN_NONE
from locales import Markdown, md, t, trusted
from locales.formats import fmt_int, fmt_money, fmt_pct
from ui.costs.sentences import summary_sentence
from ui.wording import Fields, fill

__all__ = [
    "NoticeKind",
    "assumption_notice",
    "cut_caption",
    "focus_legend",
    "moved_sentence",
    "pareto_sentence",
    "profit_source_note",
    "quadrant_sentence",
    "whale_sentence",
    "with_assumed",
]

NoticeKind = Literal["info", "warning"]

# The sentences that name the value, by value: gross margin or customer profit.
_QUAD_KEYS = {
    "margin": {"core": "conc.quad.core", "large_unprofitable": "conc.quad.large_unprofitable"},
    "profit": {
        "core": "conc.quad.core_profit",
        "large_unprofitable": "conc.quad.large_unprofitable_profit",
    },
}
_WHALE_KEYS = {
    "margin": {
        "loss": "conc.whale.sentence_loss",
        "some": "conc.whale.sentence",
        "all": "conc.whale.sentence_all",
    },
    "profit": {
        "loss": "conc.whale.sentence_loss_profit",
        "some": "conc.whale.sentence_profit",
        "all": "conc.whale.sentence_all_profit",
    },
}
_TOP_KEYS = {
    "margin": {"less": "conc.pareto.top_less", "more": "conc.pareto.top_more"},
    "profit": {"less": "conc.pareto.top_less_profit", "more": "conc.pareto.top_more_profit"},
}


def with_assumed(text: str, source: str, *, lang: str) -> Markdown:
    """`text` marked "(antagen marginal)" when the margins are partly assumed (`source`
    is `MARGIN_ASSUMED`); a sentence keeps its full stop last."""
    text = trusted(text) if isinstance(text, Markdown) else md(text)
    if source != MARGIN_ASSUMED:
        return text
    assumed = t("conc.assumed", lang=lang)
    if text.endswith("."):
        return trusted(f"{text[:-1]} ({assumed}).")
    return trusted(f"{text} ({assumed})")


def _compact(value: object, *, currency: str, lang: str) -> str:
    return fmt_money(value, currency=currency, lang=lang, compact=True)


def quadrant_sentence(
    quadrants: pl.DataFrame,
    points: pl.DataFrame,
    *,
    top: int,
    currency: str,
    lang: str,
    source: str = "",
    value: str = "margin",
) -> Markdown:
    """Where the money is, in words: core customers, the large-but-unprofitable ones and
    how many of the focus list (`top` long) sit there (`quadrants` from
    `quadrant_summary`, `points` from `quadrant_points`; `value` names the margin:
    `margin` gross margin, `profit` customer profit)."""
    rows = {r["quadrant"]: r for r in quadrants.iter_rows(named=True)}
    parts = []
    for quadrant in ("core", "large_unprofitable"):
        row = rows[quadrant]
        if quadrant == "core" or row["customers"]:
            parts.append(
                t(
                    _QUAD_KEYS[value][quadrant],
                    lang=lang,
                    count=fmt_int(row["customers"], lang=lang),
                    revenue=fmt_pct(row["revenue_share"], lang=lang),
                    margin=_compact(row["margin"], currency=currency, lang=lang),
                )
            )
    focus_there = points.filter(pl.col("focus") & (pl.col("quadrant") == "large_unprofitable"))
    if focus_there.height:
        parts.append(
            t(
                "conc.quad.focus",
                lang=lang,
                count=fmt_int(focus_there.height, lang=lang),
                top=fmt_int(top, lang=lang),
            )
        )
    return with_assumed(Markdown(" ").join(parts), source, lang=lang)


def focus_legend(points: pl.DataFrame, *, lang: str) -> Markdown | None:
    """`1 Name · 2 Name …` for the chart's numbered dots (pseudonyms while names are
    masked); None without focus customers."""
    focus = points.filter(pl.col("focus")).sort("rank")
    if focus.is_empty():
        return None
    names = Markdown(" · ").join(
        trusted(f"**{r}** {md(label)}") for r, label in focus.select("rank", "label").rows()
    )
    return t("conc.focus_legend", lang=lang, names=names)


def cut_caption(
    cuts: dict, *, measure: str, hidden: int, binned: int, currency: str, lang: str
) -> Markdown:
    """The cut lines and what the chart leaves out (`hidden`) or counts in cells
    (`binned`), in words."""
    profit = (
        fmt_pct(cuts["profit"], 1, lang=lang)
        if measure == "margin_pct"
        else _compact(cuts["profit"], currency=currency, lang=lang)
    )
    size = _compact(cuts["size"], currency=currency, lang=lang)
    parts = [t("conc.cuts", lang=lang, size=size, profit=profit)]
    if hidden:
        parts.append(t("conc.hidden", lang=lang, count=fmt_int(hidden, lang=lang)))
    if binned:
        parts.append(t("conc.binned", lang=lang, count=fmt_int(binned, lang=lang)))
    return Markdown(" ").join(parts)


def whale_sentence(summary: dict, *, currency: str, lang: str, value: str = "margin") -> Markdown:
    """The whale curve in words, from `concentration_summary`'s numbers (of gross margin,
    or of customer profit with `value="profit"`)."""
    total = summary["gross_margin"]
    losers = summary["unprofitable_customers"] or 0
    params = {
        "peak": fmt_pct(summary["whale_peak"], lang=lang),
        "peak_amount": _compact(summary["whale_peak_margin"], currency=currency, lang=lang),
        "count": fmt_int(losers, lang=lang),
        "share": fmt_pct(summary["unprofitable_share"], lang=lang),
        "loss": _compact(-(summary["unprofitable_margin"] or 0.0), currency=currency, lang=lang),
        "total": _compact(total, currency=currency, lang=lang),
        "top20": fmt_pct(summary["top20pct_share_of_margin"], lang=lang),
    }
    if total is not None and total <= 0:
        key = _WHALE_KEYS[value]["loss"]
    elif losers:
        key = _WHALE_KEYS[value]["some"]
    else:
        key = _WHALE_KEYS[value]["all"]
    return with_assumed(t(key, lang=lang, **params), summary["margin_source"], lang=lang)


def pareto_sentence(summary: dict, *, lang: str, value: str = "margin") -> Markdown:
    """The Pareto curve in words, with the largest customers' share of revenue and
    margin (`concentration_summary`'s numbers; the margin is customer profit with
    `value="profit"`)."""
    n80 = summary["customers_for_80pct_revenue"]
    if n80 is None:
        return t("conc.pareto.no_revenue", lang=lang)
    text = t(
        "conc.pareto.sentence",
        lang=lang,
        count=fmt_int(n80, lang=lang),
        total=fmt_int(summary["customers"], lang=lang),
        share=fmt_pct(summary["share_of_customers_for_80pct_revenue"], lang=lang),
    )
    revenue_share, margin_share = summary["top_revenue_share"], summary["top_margin_share"]
    if revenue_share is None or summary["top"] >= summary["customers"]:
        return text
    key = "conc.pareto.top_only"
    if margin_share is not None:
        key = _TOP_KEYS[value]["less" if margin_share < revenue_share else "more"]
    top = t(
        key,
        lang=lang,
        top=fmt_int(summary["top"], lang=lang),
        revenue=fmt_pct(revenue_share, lang=lang),
        margin=fmt_pct(margin_share, lang=lang),
    )
    source = summary["margin_source"] if margin_share is not None else ""
    return Markdown(" ").join([text, with_assumed(top, source, lang=lang)])


def assumption_notice(
    frame: pl.DataFrame, source: str, settings: dict, *, lang: str
) -> tuple[NoticeKind, Markdown] | None:
    """Where the margins come from when they are not all the export's own: (kind,
    text), or None when every margin is known. `frame` comes from `with_margin`,
    `settings` from the margin controls (`assumed_margin`, `group_margins`)."""
    unknown = frame.filter(pl.col("gross_margin").is_null())
    if unknown.is_empty():
        return None
    revenue = float(frame["revenue"].sum())
    share = float(unknown["revenue"].sum()) / revenue if revenue > 0 else None
    count, share_text = fmt_int(unknown.height, lang=lang), fmt_pct(share, lang=lang)
    if source == MARGIN_NONE:
        return "info", t("conc.margin.none_known", lang=lang)
    if source != MARGIN_ASSUMED:
        return "info", t("conc.margin.partial", lang=lang, count=count, share=share_text)
    rest = settings["assumed_margin"]
    own = {g: v for g, v in (settings["group_margins"] or {}).items() if v != rest}
    if own:
        groups = ", ".join(f"{g} {fmt_pct(v, lang=lang)}" for g, v in own.items())
        how = t("conc.margin.how_group", lang=lang, groups=groups, rest=fmt_pct(rest, lang=lang))
    else:
        how = t("conc.margin.how_overall", lang=lang, pct=fmt_pct(rest, lang=lang))
    note = t("conc.margin.assumed_note", lang=lang, count=count, share=share_text, how=how)
    return "warning", note


# What the cost to serve moves: loss-makers and the whale curve's peak, with and without.
_MOVED: Fields = {
    "count": ("unprofitable_customers", "int"),
    "before": ("unprofitable_by_margin", "int"),
    "peak": ("whale_peak", "pct"),
    "peak_before": ("whale_peak_margin", "pct"),
}


def moved_sentence(profit: dict, *, currency: str, lang: str) -> Markdown:
    """What the cost to serve moves, from `analytics.profit.profit_summary`: "With the
    cost to serve, 508 customers lose money instead of 26, and the whale curve peaks at
    160 % instead of 105 %." and the largest loss-maker among the 100 largest customers
    (`ui.costs.sentences.summary_sentence`; its name as in the table, so a masked table
    gives its pseudonym)."""
    # A total that is no profit has no peak in per cent of it (the whale curve is then
    # drawn in money): say that instead of a dash.
    key = "conc.profit.moved" if profit.get("whale_peak") is not None else "conc.profit.moved_loss"
    moved = fill(key, profit, _MOVED, lang=lang)
    return Markdown(" ").join([moved, summary_sentence(profit, currency=currency, lang=lang)])


def profit_source_note(source: str, *, lang: str) -> Markdown | None:
    """Where customer profit rests on the assumed-margin rule: no cost in the export
    (`MARGIN_NONE`: state a margin to see customer profit) or a margin assumed for some
    customers; None when every margin is the export's."""
    if source == MARGIN_NONE:
        return t("conc.profit.none", lang=lang)
    if source == MARGIN_ASSUMED:
        return t("conc.profit.assumed", lang=lang)
    return None
