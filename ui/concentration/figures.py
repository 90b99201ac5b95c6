"""The page's headline figures as metric tiles (`ui.elements.Figure`): customers for
80 % of revenue, the whale peak, the loss-makers and the total margin.

Plain functions of (numbers, language, currency): no session, no Streamlit.
"""

from __future__ import annotations

from locales import t
from locales.formats import MISSING, fmt_int, fmt_money, fmt_pct
from ui.elements import Figure

__all__ = ["headline_figures"]


def headline_figures(
    summary: dict, *, currency: str, lang: str, gross: dict | None = None
) -> list[Figure]:
    """The four headline tiles from `concentration_summary`'s numbers. With `gross` (the
    summary by gross margin) `summary` measures customer profit: the peak and the
    unprofitable customers say under them what gross margin alone shows."""
    n80, losers = summary["customers_for_80pct_revenue"], summary["unprofitable_customers"]

    def of_customers(share: float | None) -> str:
        return t("conc.of_customers", lang=lang, share=fmt_pct(share, lang=lang))

    if gross is not None:
        return [
            *headline_figures(summary, currency=currency, lang=lang)[:1],
            *_profit_figures(summary, gross, currency=currency, lang=lang),
        ]

    return [
        Figure(
            t("conc.metric.n80", lang=lang),
            MISSING
            if n80 is None
            else t("conc.customers", lang=lang, count=fmt_int(n80, lang=lang)),
            delta=None
            if n80 is None
            else of_customers(summary["share_of_customers_for_80pct_revenue"]),
            help=t("conc.metric.n80_help", lang=lang),
        ),
        Figure(
            t("conc.metric.peak", lang=lang),
            fmt_pct(summary["whale_peak"], lang=lang),
            help=t("conc.metric.peak_help", lang=lang),
        ),
        Figure(
            t("conc.metric.unprofitable", lang=lang),
            MISSING if losers is None else fmt_int(losers, lang=lang),
            delta=None if losers is None else of_customers(summary["unprofitable_share"]),
            help=t("conc.metric.unprofitable_help", lang=lang),
        ),
        Figure(
            t("conc.metric.margin", lang=lang),
            fmt_money(summary["gross_margin"], currency=currency, lang=lang, compact=True),
            help=t("conc.metric.margin_help", lang=lang),
        ),
    ]


def _profit_figures(summary: dict, gross: dict, *, currency: str, lang: str) -> list[Figure]:
    """Peak, unprofitable customers and total by customer profit, each with the figure
    by gross margin under it."""
    losers, before = summary["unprofitable_customers"], gross["unprofitable_customers"]
    return [
        Figure(
            t("conc.metric.peak", lang=lang),
            fmt_pct(summary["whale_peak"], lang=lang),
            delta=t(
                "profit.metric.peak_margin",
                lang=lang,
                pct=fmt_pct(gross["whale_peak"], lang=lang),
            ),
            help=t("conc.metric.peak_help_profit", lang=lang),
        ),
        Figure(
            t("conc.metric.unprofitable", lang=lang),
            MISSING if losers is None else fmt_int(losers, lang=lang),
            delta=None
            if before is None
            else t(
                "profit.metric.unprofitable_margin", lang=lang, count=fmt_int(before, lang=lang)
            ),
            help=t("conc.metric.unprofitable_help_profit", lang=lang),
        ),
        Figure(
            t("profit.metric.profit", lang=lang),
            fmt_money(summary["gross_margin"], currency=currency, lang=lang, compact=True),
            help=t("conc.metric.profit_help", lang=lang),
        ),
    ]
