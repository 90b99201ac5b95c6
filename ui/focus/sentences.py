"""The focus list's texts in a language: who leads, each tier's tile, what changes
between two weight sets. Plain functions returning `Markdown` (data escaped)."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from locales import Markdown, key_table, plain, t
from locales.formats import rounded_shares
from ui.wording import Fields, fill

__all__ = [
    "DIFF_KEYS",
    "TierTile",
    "contributions_help",
    "diff_lines",
    "leaders_sentence",
    "tier_tile",
    "tier_tiles",
]

# What `analytics.scoring.compare_weight_sets` reports, in the order shown, with the
# catalog key of its line.
DIFF_KEYS = key_table("focus.diff", "top_entered", "top_left", "a_entered", "a_left")


def leaders_sentence(scored: pl.DataFrame, *, lang: str) -> Markdown:
    """`Överst just nu: **Alfa, Beta, Gamma**`: the first three of the list by name (the
    customer number for a customer without one)."""
    leaders = [
        name or cid
        for cid, name in scored.head(3).select("customer_id", "customer_name").iter_rows()
    ]
    return t("focus.leaders", lang=lang, names=", ".join(leaders))


def contributions_help(active: list[str], *, lang: str) -> str:
    """The order of the contribution bars: the criteria's names joined by ` · `."""
    return " · ".join(plain(f"criterion.{k}", lang=lang) for k in active)


# A tier tile's customers, and its shares of revenue and margin with the revenue.
_TIER_CUSTOMERS: Fields = {"count": ("customers", "int"), "share": ("customer_share", "pct")}
_TIER_SHARES: Fields = {
    "revenue": ("revenue_share", "pct"),
    "margin": ("margin_share", "pct"),
    "amount": ("revenue", "money"),
}


@dataclass(frozen=True)
class TierTile:
    """A tier's tile: `label` (`A-kunder`), `value` (`12 (10 %)`: customers and their
    share) and `caption` (shares of revenue and gross margin, revenue in `currency`)."""

    label: Markdown
    value: Markdown
    caption: Markdown


def tier_tile(row: dict, *, currency: str, lang: str) -> TierTile:
    """The tile of one row of `analytics.scoring.tier_summary`."""
    return TierTile(
        label=t("focus.tier", lang=lang, tier=row["tier"]),
        value=fill("focus.tier_customers", row, _TIER_CUSTOMERS, lang=lang),
        caption=fill("focus.tier_shares", row, _TIER_SHARES, lang=lang, currency=currency),
    )


def tier_tiles(summary: pl.DataFrame, *, currency: str, lang: str) -> list[TierTile]:
    """The tiles of `analytics.scoring.tier_summary`, one per tier, with each kind of share
    rounded over the tiers together (`rounded_shares`): the tiers' shares of customers,
    revenue and margin read as adding up to 100 %, as the tiers cover them all."""
    shares = ("customer_share", "revenue_share", "margin_share")
    shown = summary.with_columns(
        pl.Series(name, rounded_shares(summary[name].to_list()), dtype=pl.Float64)
        for name in shares
    )
    return [tier_tile(row, currency=currency, lang=lang) for row in shown.iter_rows(named=True)]


def diff_lines(diff: dict, names: dict[str, str], *, top: int, lang: str) -> list[Markdown]:
    """One line per kind of change between two weight sets (`compare_weight_sets`), each
    with the customers' names (number when nameless; `–` when none)."""
    lines = []
    for key, text in DIFF_KEYS.items():
        people = Markdown(", ").join(names.get(i) or i for i in diff[key]) or "–"
        lines.append(Markdown(f"{t(text, lang=lang, top=top)}: {people}"))
    return lines
