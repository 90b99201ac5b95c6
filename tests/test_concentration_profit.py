"""The profitability page measured by customer profit, without Streamlit: the profit
table as margin, the headline figures beside gross margin, the sentence of what moved,
the charts' and table's names, on the three customers of `test_costs_builders` worked
out by hand.

Alfa 100 000 revenue, 20 000 margin, cost to serve 21 500: profit −1 500 (−1,5 %).
Beta 50 000 / 10 000, cost 1 300: profit 8 700 (17,4 %).
Gamma 10 000 / 3 000, cost 1 455: profit 1 545 (15,45 %).
Total profit 8 745; by gross margin nobody loses money and the whale curve peaks at
100 % (33 000); by profit Alfa loses money and the peak is (8 700 + 1 545) ÷ 8 745 =
117 %.
"""

from __future__ import annotations

from decimal import Decimal

import polars as pl
import pytest

from analytics.concentration import (
    MARGIN_ASSUMED,
    MARGIN_DATA,
    MARGIN_NONE,
    assign_quadrants,
    concentration_summary,
    pareto_curve,
    quadrant_summary,
    whale_curve,
    whale_peak,
    with_margin,
)
from analytics.costs import CostModel, allocate
from analytics.profit import profit_as_margin, profit_summary
from locales import catalog, md
from tests.test_costs_builders import DRIVER_COUNTS, METRICS
from ui.concentration.curves import whale_chart
from ui.concentration.figures import headline_figures
from ui.concentration.quadrant import quadrant_chart, quadrant_points
from ui.concentration.sentences import (
    moved_sentence,
    pareto_sentence,
    profit_source_note,
    quadrant_sentence,
    whale_sentence,
)
from ui.concentration.tables import quadrant_table
from ui.concentration.values import MEASURE_NAME_KEYS, PCT_KEYS, VALUE_KEYS, VALUES

D = Decimal
NBSP = "\u00a0"
SV, EN = catalog("sv"), catalog("en")
TIERS = pl.DataFrame(
    {
        "customer_id": ["A", "B", "C"],
        "rank": [1, 2, 3],
        "tier": ["A", "B", "C"],
        "focus": [True, False, False],
    }
)


@pytest.fixture
def priced() -> pl.DataFrame:
    return allocate(with_margin(METRICS), DRIVER_COUNTS, model=CostModel())


@pytest.fixture
def by_profit(priced) -> pl.DataFrame:
    return profit_as_margin(priced)


def test_the_margin_becomes_customer_profit(by_profit):
    rows = {r["customer_id"]: r for r in by_profit.iter_rows(named=True)}
    assert [rows[c]["margin"] for c in "ABC"] == [D(-1500), D(8700), D(1545)]
    assert [rows[c]["margin_share"] for c in "ABC"] == [-0.015, 0.174, 0.1545]
    # The gross margin stays, and nothing is assumed.
    assert [rows[c]["gross_margin"] for c in "ABC"] == [D(20000), D(10000), D(3000)]
    assert by_profit["margin_assumed"].to_list() == [False, False, False]


def test_the_whale_curve_and_the_loss_makers_follow_customer_profit(by_profit):
    gross = concentration_summary(with_margin(METRICS), top=2)
    summary = concentration_summary(by_profit, top=2)
    assert (gross["unprofitable_customers"], gross["whale_peak"]) == (0, 1.0)
    assert summary["unprofitable_customers"] == 1
    assert summary["gross_margin"] == 8745.0
    assert summary["whale_peak"] == pytest.approx(10245 / 8745)
    assert summary["whale_peak_margin"] == 10245.0
    curve = whale_curve(by_profit)
    assert curve["customer_id"].to_list() == ["B", "C", "A"]
    assert curve["cumulative"].to_list() == [8700.0, 10245.0, 8745.0]
    assert whale_peak(curve)["customers"] == 2
    # The Pareto curve is revenue's whatever the value; the two largest (Alfa, Beta)
    # bring (−1 500 + 8 700) ÷ 8 745 = 82 % of the profit instead of 91 % of the margin.
    assert pareto_curve(by_profit)["customer_id"].to_list() == ["A", "B", "C"]
    assert summary["top_margin_share"] == pytest.approx(7200 / 8745)
    assert gross["top_margin_share"] == pytest.approx(30000 / 33000)


def test_a_customer_without_a_margin_keeps_no_profit():
    metrics = METRICS.with_columns(
        pl.when(pl.col("customer_id") == "C")
        .then(None)
        .otherwise(pl.col("gross_margin"))
        .alias("gross_margin")
    )
    priced = allocate(with_margin(metrics), DRIVER_COUNTS, model=CostModel())
    frame = profit_as_margin(priced)
    assert frame.filter(pl.col("customer_id") == "C")["margin"][0] is None
    assert concentration_summary(frame)["customers_without_margin"] == 1


def test_the_headline_figures_set_profit_against_gross_margin(by_profit):
    gross = concentration_summary(with_margin(METRICS), top=2)
    summary = concentration_summary(by_profit, top=2)
    figures = headline_figures(summary, currency="SEK", lang="sv", gross=gross)
    shown = {f.label: (f.value, f.delta) for f in figures}
    assert shown[SV["conc.metric.peak"]] == (f"117{NBSP}%", f"100{NBSP}% med täckningsbidraget")
    assert shown[SV["conc.metric.unprofitable"]] == ("1", "0 med täckningsbidraget")
    assert shown[SV["profit.metric.profit"]] == (f"8{NBSP}745 kr", None)
    assert figures[1].help == SV["conc.metric.peak_help_profit"]
    # Without `gross`, the tiles are gross margin's as before.
    plain_figures = headline_figures(gross, currency="SEK", lang="sv")
    assert plain_figures[3].label == SV["conc.metric.margin"]
    assert plain_figures[1].delta is None


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "sv",
            "Räknat med kostnaden att betjäna är de olönsamma kunderna 1 i stället för 0 med "
            f"täckningsbidraget, och valkurvan toppar på 117{NBSP}% i stället för 100{NBSP}%. "
            "Med kostnaden att betjäna går 1 av de 3 största kunderna med förlust; den största, "
            f"Alfa, kostar 1{NBSP}500 kr mer än den ger, mest genom 40 order.",
        ),
        (
            "en",
            "Counting the cost to serve, the unprofitable customers are 1 instead of 0 by gross "
            "margin, and the whale curve peaks at 117% instead of 100%. With the cost to serve, "
            "1 of the 3 largest customers lose money; the largest, Alfa, costs SEK 1,500 more "
            "than it earns, mostly from 40 orders.",
        ),
    ],
)
def test_the_sentence_says_what_moved(priced, lang, expected):
    assert moved_sentence(profit_summary(priced), currency="SEK", lang=lang) == expected


@pytest.mark.parametrize(("lang", "words"), [("sv", "ingen topp i procent"), ("en", "no peak")])
def test_the_sentence_of_a_total_loss_has_no_peak_but_says_why(lang, words):
    # 1 000 kr an order: Alfa's 40 orders alone cost 40 000, more than all margins.
    losing = allocate(with_margin(METRICS), DRIVER_COUNTS, model=CostModel(order=D(1000)))
    profit = profit_summary(losing)
    assert profit["whale_peak"] is None
    text = moved_sentence(profit, currency="SEK", lang=lang)
    assert words in text
    assert " – " not in text


def test_the_sentence_escapes_a_hostile_name_and_uses_the_currency(priced):
    hostile = priced.with_columns(
        pl.when(pl.col("customer_id") == "A")
        .then(pl.lit("![x](http://host/p.png)"))
        .otherwise(pl.col("customer_name"))
        .alias("customer_name")
    )
    text = moved_sentence(profit_summary(hostile), currency="EUR", lang="en")
    assert md("![x](http://host/p.png)") in text
    assert "![x](" not in text
    assert "EUR 1,500 more" in text


def test_the_sentences_name_customer_profit(by_profit):
    summary = concentration_summary(by_profit, top=2)
    whale = whale_sentence(summary, currency="SEK", lang="en", value="profit")
    assert whale.startswith("After the cost to serve, the profitable customers earn SEK 10k")
    assert "117% of the total customer profit" in whale
    assert "The unprofitable customers (1, that is 33% of customers) cost SEK 1,500" in whale
    pareto = pareto_sentence(summary, lang="en", value="profit")
    assert pareto.endswith("bring 94% of revenue but only 82% of the customer profit.")
    assigned = assign_quadrants(by_profit, measure="margin", size_cut=50_000, profit_cut=0)
    counts = quadrant_summary(assigned)
    points, _, _ = quadrant_points(assigned, TIERS, measure="margin", currency="SEK", lang="en")
    quad = quadrant_sentence(counts, points, top=1, currency="SEK", lang="en", value="profit")
    # Beta is core (8 700); Alfa is large but loses 1 500.
    assert "The core customers (1) bring 31% of revenue and SEK 8,700 in customer profit." in quad
    assert "(1) bring 62% of revenue but -SEK 1,500 in customer profit." in quad


def _quadrant(by_profit, *, measure: str, value: str, lang: str) -> tuple[pl.DataFrame, dict]:
    """The quadrant of `by_profit` cut at 50 000 in revenue and 0 in `measure`: the
    customers with their quadrants, and the chart's spec."""
    assigned = assign_quadrants(by_profit, measure=measure, size_cut=50_000, profit_cut=0)
    points, cells, facts = quadrant_points(
        assigned, TIERS, measure=measure, currency="SEK", lang=lang
    )
    chart = quadrant_chart(
        points,
        cells,
        cuts={"size": 50_000.0, "profit": 0.0},
        facts=facts,
        measure=measure,
        currency="SEK",
        lang=lang,
        value=value,
    )
    return assigned, chart.to_dict()


def test_the_charts_and_the_table_name_the_value(by_profit):
    curve = whale_curve(by_profit)
    spec = whale_chart(
        curve, whale_peak(curve), TIERS, by_profit, currency="SEK", lang="sv", value="profit"
    ).to_dict()
    titles = [layer["encoding"]["y"]["axis"]["title"] for layer in spec["layer"][:1]]
    assert titles == [SV["conc.whale.y_profit"]]
    assigned, chart = _quadrant(by_profit, measure="margin", value="profit", lang="en")
    text = str(chart)
    assert "Customer profit (SEK)" in text
    assert "Customer profit %" in text
    table = quadrant_table(quadrant_summary(assigned), currency="SEK", lang="en", value="profit")
    assert table.columns["margin"].label == "Customer profit (SEK)"
    assert table.columns["margin_share"].label == EN["conc.col.profit_share"]


@pytest.mark.parametrize(
    ("value", "title"), [("profit", "Kundlönsamhet i %"), ("margin", "Täckningsgrad (%)")]
)
def test_the_share_axis_says_per_cent_once(by_profit, value, title):
    _, spec = _quadrant(by_profit, measure="margin_pct", value=value, lang="sv")
    titles = {
        layer["encoding"]["y"]["axis"]["title"]
        for layer in spec["layer"]
        if "axis" in layer.get("encoding", {}).get("y", {})
    }
    assert titles == {title}


def test_every_value_is_named_in_both_languages():
    keys = [*VALUE_KEYS.values(), *PCT_KEYS.values()]
    keys += [k for names in MEASURE_NAME_KEYS.values() for k in names.values()]
    assert set(VALUE_KEYS) == set(VALUES) == set(PCT_KEYS) == set(MEASURE_NAME_KEYS)
    assert all(key in SV and key in EN for key in keys)


def test_where_cost_is_unknown_the_assumed_margin_rule_is_named():
    assert profit_source_note(MARGIN_NONE, lang="en") == EN["conc.profit.none"]
    assert "assumed-margin rule applies" in EN["conc.profit.none"]
    assert profit_source_note(MARGIN_ASSUMED, lang="sv") == SV["conc.profit.assumed"]
    assert profit_source_note(MARGIN_DATA, lang="sv") is None
