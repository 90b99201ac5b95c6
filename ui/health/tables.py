"""The health check's table: question 3's figures per tier."""

from __future__ import annotations

import polars as pl

from locales import plain
from locales.formats import fmt_number
from ui.i18n import texts

__all__ = ["tier_frame"]


def tier_frame(tiers: dict, *, lang: str) -> pl.DataFrame:
    """One row per tier (`{"A": {customers, assessed, potential, growth}, ...}`): the
    counts as numbers, the mean potential (1 decimal) and median growth (whole %) as text
    in `lang`; the columns named in `lang`."""
    potential = [v["potential"] for v in tiers.values()]
    growth = [v["growth"] for v in tiers.values()]
    return pl.DataFrame(
        {
            plain("health.col.tier", lang=lang): list(tiers),
            plain("health.col.customers", lang=lang): [v["customers"] for v in tiers.values()],
            plain("health.col.assessed", lang=lang): [v["assessed"] for v in tiers.values()],
        }
    ).with_columns(
        texts(
            potential,
            lambda v: fmt_number(v, 1, lang=lang),
            name=plain("health.col.potential", lang=lang),
        ),
        texts(
            growth,
            lambda v: fmt_number(v, 0, lang=lang),
            name=plain("health.col.growth", lang=lang),
        ),
    )
