"""One customer's numbers as metric tiles (`ui.elements.Figure`): the period's headline,
rank, tier and score, and payment behaviour. A figure the data cannot give shows `–`
with a help that says so.

Plain functions of (numbers, language, currency): no session, no Streamlit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from analytics.metrics import Period
from locales import t
from locales.formats import MISSING, fmt_date, fmt_int, fmt_money, fmt_number, fmt_pct, money_unit
from ui.elements import Figure

__all__ = ["headline_figures", "payment_figures", "score_figures"]


# How a tile's value reads, by kind: (value, language, currency).
_VALUES: dict[str, Callable[[object, str, str], str]] = {
    "money": lambda v, lang, cur: fmt_money(v, currency=cur, lang=lang, compact=True),
    "int": lambda v, lang, _: fmt_int(v, lang=lang),
    "decimal": lambda v, lang, _: fmt_number(v, 1, lang=lang),
    "pct": lambda v, lang, _: fmt_pct(v, lang=lang),
    "pct_of_100": lambda v, lang, _: fmt_pct(_pct(v), lang=lang),
    "days_late": lambda v, lang, _: _late_text(v, lang=lang),
}


@dataclass(frozen=True)
class _Tile:
    """One metric tile: its label and help (catalog keys; a `dated` help names the
    period), the row's column whose value it shows, in which kind of `_VALUES` (`–` when
    the data cannot say, unless the column is always `known`), and the note under it
    (from the row, language and currency)."""

    label: str
    help: str
    column: str
    kind: str
    note: Callable[[dict, str, str], str | None] | None = None
    dated: bool = False
    known: bool = False


def _pct(value: float | None) -> float | None:
    """Per cent (12.5) as the fraction `fmt_pct` takes (0.125)."""
    return None if value is None else value / 100


def _late_text(days: float | None, *, lang: str) -> str:
    """The longest delay: `Alltid i tid` when nothing was late, else `12 dagar`."""
    if days is not None and days <= 0:
        return t("customer.on_time", lang=lang)
    if days is None:
        return MISSING
    return t("customer.days", lang=lang, n=fmt_number(days, 0, lang=lang))


def _margin_pct(row: dict, lang: str, _currency: str) -> str | None:
    pct = _pct(row["margin_pct"])
    return (
        None if pct is None else t("customer.margin_pct", lang=lang, pct=fmt_pct(pct, 1, lang=lang))
    )


def _previous(row: dict, lang: str, currency: str) -> str:
    amount = _VALUES["money"](row["previous_revenue"], lang, currency)
    return t("customer.previous", lang=lang, amount=amount)


def _per_year(row: dict, lang: str, _currency: str) -> str:
    """Invoices a year as the count beside it reads: whole from 10 a year (`574 a year`
    under 574 invoices in a year), else with a tenth (`2.5 a year`) unless it is whole
    (`2 a year`, not `2.0`)."""
    rate = row["frequency"]
    decimals = 0 if rate >= 10 or round(rate, 1) == round(rate) else 1
    return t("customer.per_year", lang=lang, n=fmt_number(rate, decimals, lang=lang))


def _last(row: dict, lang: str, _currency: str) -> str:
    return t("customer.last", lang=lang, date=fmt_date(row["last_purchase"], lang=lang))


def _since(row: dict, lang: str, _currency: str) -> str:
    return t("customer.since", lang=lang, date=fmt_date(row["first_purchase"], lang=lang))


def _late_of(pay: dict, lang: str, _currency: str) -> str:
    late, paid = fmt_int(pay["paid_late"], lang=lang), fmt_int(pay["paid"], lang=lang)
    return t("customer.pay_late_of", lang=lang, late=late, paid=paid)


def _unpaid_amount(pay: dict, lang: str, currency: str) -> str:
    # Compact like every other amount on the page (`2,0 MSEK`, not `1 951 168 kr`).
    return _VALUES["money"](pay["unpaid_amount"], lang, currency)


# The period's headline, two rows of four: the numbers the focus list scores.
_HEADLINE: tuple[_Tile, ...] = (
    _Tile("customer.revenue", "customer.revenue_help", "revenue", "money", dated=True),
    _Tile(
        "criterion.gross_margin",
        "criterion.gross_margin.help",
        "gross_margin",
        "money",
        _margin_pct,
    ),
    _Tile("criterion.growth", "criterion.growth.help", "growth", "pct_of_100", _previous),
    _Tile("customer.invoices", "customer.invoices_help", "invoices", "int", _per_year, dated=True),
    _Tile("customer.recency", "criterion.recency.help", "recency", "int", _last),
    _Tile("customer.tenure", "criterion.tenure.help", "tenure", "decimal", _since),
    _Tile("customer.payment_delay", "criterion.payment_delay.help", "payment_delay", "decimal"),
    _Tile("customer.breadth", "criterion.breadth.help", "breadth", "int"),
)
# Payment behaviour (`payment_behaviour`), two rows of two.
_PAYMENT: tuple[_Tile, ...] = (
    _Tile("customer.pay_late_share", "customer.pay_late_help", "late_share", "pct", _late_of),
    _Tile("customer.pay_max", "customer.pay_max_help", "max_days_late", "days_late"),
    _Tile(
        "customer.pay_unpaid",
        "customer.pay_unpaid_help",
        "unpaid",
        "int",
        _unpaid_amount,
        known=True,
    ),
    _Tile("customer.pay_overdue", "customer.pay_overdue_help", "overdue", "int", known=True),
)


def _figures(
    tiles: tuple[_Tile, ...], row: dict, *, span: dict, currency: str, lang: str
) -> list[Figure]:
    """The tiles of `row`; a tile whose value the data cannot give shows `–` with an
    "unknown" help."""
    figures = []
    for tile in tiles:
        label = t(tile.label, lang=lang)
        if not tile.known and row[tile.column] is None:
            figures.append(Figure(label, MISSING, help=t("customer.unknown_help", lang=lang)))
            continue
        # Every help may name the amounts' unit (`kr`); a dated one names the period too.
        unit = money_unit(currency=currency, lang=lang)
        help_text = t(tile.help, lang=lang, unit=unit, **(span if tile.dated else {}))
        note = None if tile.note is None else tile.note(row, lang, currency)
        value = _VALUES[tile.kind](row[tile.column], lang, currency)
        figures.append(Figure(label, value, delta=note, help=help_text))
    return figures


def headline_figures(row: dict, period: Period, *, currency: str, lang: str) -> list[Figure]:
    """Revenue, margin, growth, invoices, recency, tenure, payment delay and breadth (two
    rows of four) of the period's per-customer table row (the numbers the focus list
    scores)."""
    span = {"start": fmt_date(period.start, lang=lang), "end": fmt_date(period.end, lang=lang)}
    return _figures(_HEADLINE, row, span=span, currency=currency, lang=lang)


def score_figures(row: dict, customers: int, *, lang: str) -> list[Figure]:
    """Rank among `customers`, tier and score with how much of it is assessed."""
    rank = t(
        "customer.rank_of",
        lang=lang,
        rank=fmt_int(row["rank"], lang=lang),
        total=fmt_int(customers, lang=lang),
    )
    return [
        Figure(t("customer.rank", lang=lang), rank),
        Figure(t("customer.tier", lang=lang), row["tier"]),
        Figure(
            t("customer.score", lang=lang),
            fmt_number(row["score"], 1, lang=lang),
            delta=t("customer.assessed", lang=lang, pct=fmt_pct(row["assessed"], lang=lang)),
            help=t("customer.assessed_help", lang=lang),
        ),
    ]


def payment_figures(pay: dict, *, currency: str, lang: str) -> list[Figure]:
    """Share paid late, the longest delay, unpaid and overdue invoices (`payment_behaviour`),
    for two rows of two."""
    return _figures(_PAYMENT, pay, span={}, currency=currency, lang=lang)
