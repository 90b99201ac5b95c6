"""The deck's slides with a chart: the Pareto curve, the whale curve, the quadrant and the
retention scenario."""

from __future__ import annotations

import polars as pl

from analytics.concentration import (
    PARETO_SHARE,
    assign_quadrants,
    concentration_summary,
    pareto_curve,
    quadrant_cuts,
    quadrant_summary,
    whale_curve,
    whale_peak,
)
from analytics.deck.charts import curve_png, projection_png, quadrant_png
from analytics.deck.render import Slide
from analytics.metrics import Period, customer_metrics
from analytics.store import Store
from locales import plain
from locales.formats import fmt_money, fmt_number, fmt_pct

__all__ = ["SCENARIO", "concentration_slides", "retention_slide"]

# The retention scenario of the deck: the retention page's starting values (A customers
# kept 5 points better, 8 % discount rate, 5 years; 25 % margin where cost is unknown).
SCENARIO = {
    "uplift_focus": 0.05,
    "uplift_rest": 0.0,
    "discount": 0.08,
    "horizon": 5,
    "assumed_margin": 0.25,
}


def concentration_slides(frame: pl.DataFrame, *, currency: str, language: str) -> list[Slide]:
    """Pareto curve, whale curve and quadrant."""
    summary = concentration_summary(frame)
    whale = whale_curve(frame)
    return [
        _pareto_slide(frame, summary, language),
        _whale_slide(whale, summary, currency=currency, language=language),
        _quadrant_slide(frame, whale, language),
    ]


def _pareto_slide(frame: pl.DataFrame, summary: dict, language: str) -> Slide:
    n80 = summary["customers_for_80pct_revenue"]
    title = plain("deck.pareto.title", lang=language)
    if n80 is None:
        return Slide(title, plain("deck.pareto.none", lang=language))
    share = summary["share_of_customers_for_80pct_revenue"]
    sentence = plain(
        "deck.pareto.sentence",
        lang=language,
        count=fmt_number(n80, 0, lang=language),
        customers=fmt_number(summary["customers"], 0, lang=language),
        share=fmt_pct(share, lang=language),
    )
    picture = curve_png(
        pareto_curve(frame),
        x_title=plain("deck.pareto.x", lang=language),
        y_title=plain("deck.pareto.y", lang=language),
        level=PARETO_SHARE * 100,
        mark=(share * 100, PARETO_SHARE * 100, f"{fmt_number(n80, 0, lang=language)}"),
        lang=language,
    )
    return Slide(title, sentence, picture=picture)


def _whale_slide(whale: pl.DataFrame, summary: dict, *, currency: str, language: str) -> Slide:
    title = plain("deck.whale.title", lang=language)
    total = summary["gross_margin"]
    if whale.is_empty() or total is None or total <= 0:
        return Slide(title, plain("deck.whale.none", lang=language))
    peak = whale_peak(whale)
    losers = summary["unprofitable_customers"] or 0
    sentence = plain(
        "deck.whale.sentence" if losers else "deck.whale.sentence_all",
        lang=language,
        peak=fmt_pct(summary["whale_peak"], lang=language),
        peak_amount=fmt_money(
            summary["whale_peak_margin"], currency=currency, lang=language, compact=True
        ),
        count=fmt_number(losers, 0, lang=language),
        loss=fmt_money(
            -(summary["unprofitable_margin"] or 0.0), currency=currency, lang=language,
            compact=True,
        ),
        total=fmt_money(total, currency=currency, lang=language, compact=True),
    )  # fmt: skip
    picture = curve_png(
        whale,
        x_title=plain("deck.pareto.x", lang=language),
        y_title=plain("deck.whale.y", lang=language),
        level=100.0,
        mark=(
            (peak["customer_share"] or 0) * 100,
            (peak["share"] or 0) * 100,
            fmt_pct(peak["share"], lang=language),
        ),
        lang=language,
    )
    return Slide(title, sentence, picture=picture)


def _quadrant_slide(frame: pl.DataFrame, whale: pl.DataFrame, language: str) -> Slide:
    title = plain("deck.quad.title", lang=language)
    cuts = quadrant_cuts(frame)
    if cuts["size"] is None or whale.is_empty():
        return Slide(title, plain("deck.quad.none", lang=language))
    assigned = assign_quadrants(frame, size_cut=cuts["size"], profit_cut=cuts["profit"])
    rows = {r["quadrant"]: r for r in quadrant_summary(assigned).iter_rows(named=True)}
    core, large = rows["core"], rows["large_unprofitable"]
    sentence = plain(
        "deck.quad.sentence",
        lang=language,
        core=fmt_number(core["customers"], 0, lang=language),
        core_revenue=fmt_pct(core["revenue_share"], lang=language),
        large=fmt_number(large["customers"], 0, lang=language),
        large_revenue=fmt_pct(large["revenue_share"], lang=language),
    )
    return Slide(title, sentence, picture=quadrant_png(assigned, cuts, language))


def retention_slide(
    store: Store,
    dataset_id: int,
    current: pl.DataFrame,
    weights: dict,
    *,
    currency: str,
    language: str,
) -> Slide:
    from analytics import retention

    title = plain("deck.ret.title", lang=language)
    activity = retention.customer_activity(store, dataset_id=dataset_id, basis="12m")
    if activity.is_empty():
        return Slide(title, plain("deck.ret.none", lang=language))
    first, last = activity["period_start"].min(), activity["period_end"].max()
    periods = retention.retention_periods(first, last, basis="12m")
    tables = {
        number: customer_metrics(store, dataset_id=dataset_id, period=Period(start, end))
        for number, start, end in periods.select("period", "period_start", "period_end").rows()
    }
    tiers = retention.period_tiers(tables, weights=weights)
    try:
        rates = retention.retention_rates(activity, groups=retention.tier_groups(tiers))
    except retention.NotEnoughHistoryError:
        return Slide(title, plain("deck.ret.none", lang=language))
    needs_margin = current["gross_margin"].null_count() > 0
    assumed = SCENARIO["assumed_margin"] if needs_margin else None
    groups = retention.scenario_groups(
        current, retention.latest_rates(rates), assumed_margin=assumed
    )
    projection = retention.project_scenario(
        groups,
        horizon=SCENARIO["horizon"],
        discount=SCENARIO["discount"],
        uplift={"focus": SCENARIO["uplift_focus"], "rest": SCENARIO["uplift_rest"]},
    )
    sentence = plain(
        "deck.ret.sentence",
        lang=language,
        up=fmt_number(SCENARIO["uplift_focus"] * 100, 0, lang=language),
        difference=fmt_money(
            float(projection["difference"][-1]), currency=currency, lang=language, compact=True
        ),
        horizon=SCENARIO["horizon"],
        discount=fmt_pct(SCENARIO["discount"], lang=language),
    )
    if assumed is not None:
        sentence += plain("deck.ret.assumed", lang=language, margin=fmt_pct(assumed, lang=language))
    return Slide(
        title, sentence, picture=projection_png(projection, currency=currency, language=language)
    )
