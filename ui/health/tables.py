"""The health check's tables: question 3's figures per tier, and question 4's
unprofitable customers with the team's 4a/4b call."""

from __future__ import annotations

import polars as pl

from locales import key_table, plain
from locales.formats import fmt_money, fmt_number
from ui.i18n import texts

__all__ = ["CALL_KEYS", "CALL_LABELS", "calls_frame", "tier_frame"]

# Question 4's calls and the catalog key of each one's words.
CALL_KEYS = key_table("health.call", "end", "pays_off")
# The columns of question 4's table and the catalog key of each header.
CALL_LABELS: dict[str, str] = {
    "customer": "health.calls.col.customer",
    "revenue": "health.calls.col.revenue",
    "gross_margin": "health.calls.col.margin",
    "call": "health.calls.col.call",
    "note": "health.calls.col.note",
}


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


def calls_frame(customers: pl.DataFrame, *, currency: str, lang: str) -> pl.DataFrame:
    """Question 4's table from `analytics.healthcheck.unprofitable_customers` (names as
    the page may show them): customer, revenue and margin as text in `lang`, the call
    (a code of `CALL_KEYS`, None before the team decides) and the note."""
    money = [
        texts(
            customers[column].cast(pl.Float64).to_list(),
            lambda v: fmt_money(v, currency=currency, lang=lang),
            name=column,
        )
        for column in ("revenue", "gross_margin")
    ]
    return customers.select(
        pl.coalesce("customer_name", "customer_id").alias("customer"),
        *money,
        pl.col("call").cast(pl.String),
        pl.col("note").fill_null(""),
    )
