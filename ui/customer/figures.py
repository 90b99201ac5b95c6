"""One customer's numbers as metric tiles (`ui.elements.Figure`): the period's headline,
rank, tier and score, and payment behaviour. A figure the data cannot give shows `–`
with a help that says so.

Plain functions of (numbers, language, currency): no session, no Streamlit.
"""

from __future__ import annotations

from analytics.metrics import Period
from locales import t
from locales.formats import MISSING, fmt_date, fmt_int, fmt_money, fmt_number, fmt_pct
from ui.elements import Figure

__all__ = ["headline_figures", "payment_figures", "score_figures"]


def _figure(
    label: str, value: str, *, help_text: str, unknown: bool, lang: str, note: str | None = None
) -> Figure:
    """A tile whose value is `–` (with an "unknown" help) when the data cannot say."""
    if unknown:
        return Figure(label, MISSING, help=t("customer.unknown_help", lang=lang))
    return Figure(label, value, delta=note, help=help_text)


def _pct(value: float | None) -> float | None:
    """Per cent (12.5) as the fraction `fmt_pct` takes (0.125)."""
    return None if value is None else value / 100


def _money_figures(row: dict, span: dict, *, currency: str, lang: str) -> list[Figure]:
    """Revenue, margin and growth."""

    def money(value: object) -> str:
        return fmt_money(value, currency=currency, lang=lang, compact=True)

    margin_pct = row["margin_pct"]
    return [
        _figure(
            t("customer.revenue", lang=lang),
            money(row["revenue"]),
            help_text=t("customer.revenue_help", lang=lang, **span),
            unknown=row["revenue"] is None,
            lang=lang,
        ),
        _figure(
            t("criterion.gross_margin", lang=lang),
            money(row["gross_margin"]),
            help_text=t("criterion.gross_margin.help", lang=lang),
            unknown=row["gross_margin"] is None,
            lang=lang,
            note=None
            if margin_pct is None
            else t("customer.margin_pct", lang=lang, pct=fmt_pct(_pct(margin_pct), 1, lang=lang)),
        ),
        _figure(
            t("criterion.growth", lang=lang),
            fmt_pct(_pct(row["growth"]), lang=lang),
            help_text=t("criterion.growth.help", lang=lang),
            unknown=row["growth"] is None,
            lang=lang,
            note=t("customer.previous", lang=lang, amount=money(row["previous_revenue"])),
        ),
    ]


def headline_figures(row: dict, period: Period, *, currency: str, lang: str) -> list[Figure]:
    """Revenue, margin, growth, invoices, recency, tenure, payment delay and breadth (two
    rows of four) of the period's per-customer table row (the numbers the focus list
    scores)."""
    span = {"start": fmt_date(period.start, lang=lang), "end": fmt_date(period.end, lang=lang)}
    return [
        *_money_figures(row, span, currency=currency, lang=lang),
        _figure(
            t("customer.invoices", lang=lang),
            fmt_int(row["invoices"], lang=lang),
            help_text=t("customer.invoices_help", lang=lang, **span),
            unknown=row["invoices"] is None,
            lang=lang,
            note=t("customer.per_year", lang=lang, n=fmt_number(row["frequency"], 1, lang=lang)),
        ),
        _figure(
            t("customer.recency", lang=lang),
            fmt_int(row["recency"], lang=lang),
            help_text=t("criterion.recency.help", lang=lang),
            unknown=row["recency"] is None,
            lang=lang,
            note=t("customer.last", lang=lang, date=fmt_date(row["last_purchase"], lang=lang)),
        ),
        _figure(
            t("customer.tenure", lang=lang),
            fmt_number(row["tenure"], 1, lang=lang),
            help_text=t("criterion.tenure.help", lang=lang),
            unknown=row["tenure"] is None,
            lang=lang,
            note=t("customer.since", lang=lang, date=fmt_date(row["first_purchase"], lang=lang)),
        ),
        _figure(
            t("customer.payment_delay", lang=lang),
            fmt_number(row["payment_delay"], 1, lang=lang),
            help_text=t("criterion.payment_delay.help", lang=lang),
            unknown=row["payment_delay"] is None,
            lang=lang,
        ),
        _figure(
            t("customer.breadth", lang=lang),
            fmt_int(row["breadth"], lang=lang),
            help_text=t("criterion.breadth.help", lang=lang),
            unknown=row["breadth"] is None,
            lang=lang,
        ),
    ]


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


def _late_text(days: float | None, *, lang: str) -> str:
    """The longest delay: `Alltid i tid` when nothing was late, else `12 dagar`."""
    if days is not None and days <= 0:
        return t("customer.on_time", lang=lang)
    if days is None:
        return MISSING
    return t("customer.days", lang=lang, n=fmt_number(days, 0, lang=lang))


def payment_figures(pay: dict, *, currency: str, lang: str) -> list[Figure]:
    """Share paid late, the longest delay, unpaid and overdue invoices (`payment_behaviour`),
    for two rows of two."""
    late = t(
        "customer.pay_late_of",
        lang=lang,
        late=fmt_int(pay["paid_late"], lang=lang),
        paid=fmt_int(pay["paid"], lang=lang),
    )
    return [
        _figure(
            t("customer.pay_late_share", lang=lang),
            fmt_pct(pay["late_share"], lang=lang),
            help_text=t("customer.pay_late_help", lang=lang),
            unknown=pay["late_share"] is None,
            lang=lang,
            note=late,
        ),
        _figure(
            t("customer.pay_max", lang=lang),
            _late_text(pay["max_days_late"], lang=lang),
            help_text=t("customer.pay_max_help", lang=lang),
            unknown=pay["max_days_late"] is None,
            lang=lang,
        ),
        _figure(
            t("customer.pay_unpaid", lang=lang),
            fmt_int(pay["unpaid"], lang=lang),
            help_text=t("customer.pay_unpaid_help", lang=lang),
            unknown=False,
            lang=lang,
            note=fmt_money(pay["unpaid_amount"], currency=currency, lang=lang),
        ),
        _figure(
            t("customer.pay_overdue", lang=lang),
            fmt_int(pay["overdue"], lang=lang),
            help_text=t("customer.pay_overdue_help", lang=lang),
            unknown=False,
            lang=lang,
        ),
    ]
