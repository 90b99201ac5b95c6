"""The page's headline figures as metric tiles (`ui.elements.Figure`): customers for
80 % of revenue, the whale peak, the loss-makers and the total margin.

Plain functions of (numbers, language, currency): no session, no Streamlit.
"""

from __future__ import annotations

from locales import t
from locales.formats import MISSING, fmt_int, fmt_money, fmt_pct
from ui.elements import Figure

__all__ = ["headline_figures"]


def headline_figures(summary: dict, *, currency: str, lang: str) -> list[Figure]:
    """The four headline tiles from `concentration_summary`'s numbers."""
    n80, losers = summary["customers_for_80pct_revenue"], summary["unprofitable_customers"]

    def of_customers(share: float | None) -> str:
        return t("conc.of_customers", lang=lang, share=fmt_pct(share, lang=lang))

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
