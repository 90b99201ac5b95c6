"""The scenario's three totals as metric tiles (`ui.elements.Figure`).

A plain function of (numbers, language, currency): no session, no Streamlit.
"""

from __future__ import annotations

import polars as pl

from locales import t, trusted
from locales.formats import fmt_money
from ui.elements import Figure
from ui.retention.labels import years_text

__all__ = ["projection_figures"]


def projection_figures(
    projection: pl.DataFrame, *, horizon: int, currency: str, lang: str
) -> list[Figure]:
    """Baseline, scenario and their difference (`+` when positive) over the horizon
    (`project_scenario`'s last year), compact amounts in `currency`."""
    help_text = t("ret.metric_help", lang=lang, years=trusted(years_text(horizon, lang=lang)))
    baseline = float(projection["baseline_cumulative"][-1])
    scenario = float(projection["scenario_cumulative"][-1])
    difference = scenario - baseline

    def money(value: float, *, signed: bool = False) -> str:
        return fmt_money(value, currency=currency, lang=lang, compact=True, signed=signed)

    return [
        Figure(t("ret.series.baseline", lang=lang), money(baseline), help=help_text),
        Figure(t("ret.series.scenario", lang=lang), money(scenario), help=help_text),
        Figure(
            t("ret.metric.difference", lang=lang),
            money(difference, signed=True),
            help=help_text,
        ),
    ]
