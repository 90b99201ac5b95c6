"""The weight sliders' content: the criteria grouped by where their values come from,
each with its label and help in a language, and the sentence of the weights' shares.

Used by the focus list and by a workshop participant's own sliders, so that both show
the same groups, names and help.
"""

from __future__ import annotations

from dataclasses import dataclass

from analytics.scoring import CRITERIA, weight_shares
from locales import Markdown, key_table, t
from locales.formats import fmt_pct, money_unit

__all__ = ["SOURCES", "WeightSlider", "criteria_by_source", "shares_text"]

# Where a criterion's value comes from, in the order the sliders show them, with the
# catalog key of the group's heading.
SOURCES = key_table("focus.source", "data", "team")


@dataclass(frozen=True)
class WeightSlider:
    """One criterion's slider: `key` (`revenue`), its `label` and `help` in a language
    (the help names the unit of money amounts, `kr` or `SEK`)."""

    key: str
    label: Markdown
    help: Markdown


def criteria_by_source(*, currency: str, lang: str) -> list[tuple[Markdown, list[WeightSlider]]]:
    """The criteria in slider order, grouped by source: `[(heading, sliders), ...]`, data
    criteria first (`Ur försäljningsdata`), then the team's (`Teamets bedömning`).
    Amounts in the help are in `currency` (`kr` for SEK in Swedish)."""
    unit = money_unit(currency=currency, lang=lang)
    return [
        (
            t(heading, lang=lang),
            [
                WeightSlider(
                    key=c.key,
                    label=t(f"criterion.{c.key}", lang=lang),
                    help=t(f"criterion.{c.key}.help", lang=lang, unit=unit),
                )
                for c in CRITERIA
                if c.source == source
            ],
        )
        for source, heading in SOURCES.items()
    ]


def shares_text(weights: dict[str, float], *, lang: str) -> Markdown:
    """`Andel av poängen: Omsättning 20 % · Täckningsbidrag 30 %`: each weighted
    criterion's share of the score (weights of zero are left out)."""
    shares = weight_shares(weights)
    parts = Markdown(" · ").join(
        Markdown(f"{t(f'criterion.{k}', lang=lang)} {fmt_pct(v, lang=lang)}")
        for k, v in shares.items()
        if v > 0
    )
    return Markdown(f"{t('focus.shares', lang=lang)} {parts}")
