"""The retention page's tables: the rates with their bases, lifetime value per tier, and
the focus customers who are slipping.

Plain functions of (data, language, currency) returning `ui.elements.Table`: no session,
no Streamlit.
"""

from __future__ import annotations

import polars as pl

from analytics.retention import MIN_BASE
from locales import plain
from locales.formats import fmt_int, fmt_pct, money_unit
from ui.elements import Column, Table
from ui.i18n import texts
from ui.retention.labels import group_label, period_label
from ui.retention.sentences import lifetime_text
from ui.tables import localized

__all__ = ["at_risk_table", "clv_table", "retention_table"]


def _rate_text(rate: float | None, *, uncertain: bool, lang: str) -> str:
    """`86,8 %`; an uncertain rate rounded and marked: `≈ 87 %`."""
    return "≈ " + fmt_pct(rate, lang=lang) if uncertain else fmt_pct(rate, 1, lang=lang)


def _note(row: dict, *, lang: str) -> str:
    """Why a rate should be read with care: a small base, a short or partial period."""
    notes = []
    if row["uncertain"]:
        notes.append(
            plain("ret.uncertain", lang=lang, base=fmt_int(row["base"], lang=lang), min=MIN_BASE)
        )
    if row.get("short_base"):
        notes.append(
            plain("ret.short_base_note", lang=lang, days=fmt_int(row["base_days"], lang=lang))
        )
    elif row["partial"]:
        notes.append(plain("ret.partial", lang=lang))
    return "; ".join(notes)


def retention_table(rates: pl.DataFrame, *, lang: str) -> Table:
    """Rates (`retention_rates`) with their bases, newest period first: customers in the
    base, kept, retention, revenue retention and a note."""
    rows = [
        {
            "period": period_label(row["period_start"], row["period_end"]),
            "group": group_label(row["group"], lang=lang),
            "base": row["base"],
            "kept": row["kept"],
            "rate": _rate_text(row["rate"], uncertain=row["uncertain"], lang=lang),
            "revenue_rate": _rate_text(row["revenue_rate"], uncertain=row["uncertain"], lang=lang),
            "note": _note(row, lang=lang),
        }
        for row in rates.sort("period", descending=True).iter_rows(named=True)
    ]

    def label(key: str) -> str:
        return plain(key, lang=lang)

    columns = {
        "period": Column(label("ret.col.period")),
        "group": Column(label("ret.col.group")),
        "base": Column(label("ret.col.base"), "number", label("ret.col.base_help")),
        "kept": Column(label("ret.col.kept"), "number"),
        "rate": Column(label("ret.col.rate"), help=label("ret.col.rate_help")),
        "revenue_rate": Column(
            label("ret.col.revenue_rate"), help=label("ret.col.revenue_rate_help")
        ),
        "note": Column(label("ret.col.note")),
    }
    styler = localized(pl.DataFrame(rows), numbers={"base": 0, "kept": 0}, lang=lang)
    return Table(styler, len(rows), columns)


def clv_table(values: pl.DataFrame, *, currency: str, lang: str) -> Table:
    """Lifetime value per tier (`tier_values`): margin a year, retention, lifetime,
    multiplier, CLV; amounts in whole units of `currency`, lifetimes by `lifetime_text`."""
    shown = values.select(
        texts(values["tier"], lambda g: group_label(g, lang=lang), name="tier"),
        "customers",
        pl.col("margin_per_customer").round(0),
        (pl.col("retention") * 100).round(1),
        pl.col("lifetime").round(1),
        pl.col("multiplier").round(2),
        pl.col("clv_per_customer").round(0),
        pl.col("clv").round(0),
    )
    unit = money_unit(currency=currency, lang=lang)

    def number(key: str, **params: object) -> Column:
        return Column(plain(key, lang=lang, **params), "number")

    columns = {
        "tier": Column(plain("ret.col.tier", lang=lang)),
        "customers": number("ret.col.customers"),
        "margin_per_customer": number("ret.col.margin_pc", unit=unit),
        "retention": number("ret.col.retention"),
        "lifetime": number("ret.col.lifetime"),
        "multiplier": Column(
            plain("ret.col.multiplier", lang=lang),
            "number",
            plain("ret.col.multiplier_help", lang=lang),
        ),
        "clv_per_customer": number("ret.col.clv_pc", unit=unit),
        "clv": number("ret.col.clv", unit=unit),
    }
    styler = localized(
        shown,
        numbers={"customers": 0, "retention": 1, "multiplier": 2},
        money=("margin_per_customer", "clv_per_customer", "clv"),
        texts={"lifetime": lambda years: lifetime_text(years, lang=lang)},
        lang=lang,
    )
    return Table(styler, shown.height, columns)


def at_risk_table(flagged: pl.DataFrame, *, currency: str, lang: str) -> Table:
    """The flagged focus customers (`at_risk` rows with `at_risk` set) with why:
    overdue, falling revenue, or both."""
    why = pl.concat_list(
        pl.when(pl.col("overdue")).then(pl.lit(plain("ret.why.overdue", lang=lang))),
        pl.when(pl.col("falling")).then(pl.lit(plain("ret.why.falling", lang=lang))),
    ).list.drop_nulls()
    shown = flagged.select(
        pl.coalesce("customer_name", "customer_id").alias("customer"),
        why.list.join(", ").alias("why"),
        "days_since",
        pl.col("median_interval").round(0),
        pl.col("overdue_ratio").round(1),
        pl.col("revenue").round(0),
        (pl.col("revenue_change") * 100).round(0),
        "last_purchase",
    )
    unit = money_unit(currency=currency, lang=lang)

    def number(key: str, **params: object) -> Column:
        return Column(plain(key, lang=lang, **params), "number")

    columns = {
        "customer": Column(plain("ret.col.customer", lang=lang)),
        "why": Column(plain("ret.col.why", lang=lang)),
        "days_since": number("ret.col.days_since"),
        "median_interval": number("ret.col.interval"),
        "overdue_ratio": number("ret.col.overdue_ratio"),
        "revenue": number("ret.col.revenue", unit=unit),
        "revenue_change": number("ret.col.change"),
        "last_purchase": Column(plain("ret.col.last_purchase", lang=lang), "date"),
    }
    styler = localized(
        shown,
        numbers={"days_since": 0, "median_interval": 0, "overdue_ratio": 1, "revenue_change": 0},
        money=("revenue",),
        lang=lang,
    )
    return Table(styler, shown.height, columns)
