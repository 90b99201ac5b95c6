"""The profitability-versus-size page's builders without Streamlit: charts, figures, the
quadrant table and the sentences, from small literal frames, in Swedish and English."""

from __future__ import annotations

import json

import polars as pl
import pytest

from analytics.concentration import (
    MARGIN_ASSUMED,
    MARGIN_DATA,
    MARGIN_NONE,
    MEASURES,
    QUADRANTS,
    assign_quadrants,
    pareto_curve,
    quadrant_cuts,
    quadrant_summary,
    whale_curve,
    whale_peak,
    with_margin,
)
from locales import catalog
from locales.formats import vega_locale
from ui.concentration.curves import pareto_chart, whale_chart
from ui.concentration.figures import headline_figures
from ui.concentration.quadrant import (
    MEASURE_KEYS,
    QUADRANT_KEYS,
    quadrant_chart,
    quadrant_points,
)
from ui.concentration.sentences import (
    assumption_notice,
    cut_caption,
    focus_legend,
    pareto_sentence,
    quadrant_sentence,
    whale_sentence,
    with_assumed,
)
from ui.concentration.tables import quadrant_table

SV, EN = catalog("sv"), catalog("en")
NBSP = "\u00a0"

# Four customers: revenue 50 / 2 000 / 300 000 / 4 500 000 kr, margin 10 / −200 /
# 60 000 / 900 000 kr (20 %, −10 %, 20 %, 20 %). D and C are the focus list.
CUSTOMERS = with_margin(
    pl.DataFrame(
        {
            "customer_id": ["1", "2", "3", "4"],
            "customer_name": ["A", "B", "C", "D"],
            "revenue": [50.0, 2_000.0, 300_000.0, 4_500_000.0],
            "gross_margin": [10.0, -200.0, 60_000.0, 900_000.0],
        }
    )
)
TIERS = pl.DataFrame(
    {
        "customer_id": ["1", "2", "3", "4"],
        "rank": [4, 3, 2, 1],
        "tier": ["C", "C", "B", "A"],
        "focus": [False, False, True, True],
    }
)


def _quadrant(measure: str, *, lang: str, currency: str = "SEK"):
    cuts = quadrant_cuts(CUSTOMERS, measure=measure)
    assigned = assign_quadrants(
        CUSTOMERS, measure=measure, size_cut=cuts["size"], profit_cut=cuts["profit"]
    )
    points, cells, facts = quadrant_points(
        assigned, TIERS, measure=measure, currency=currency, lang=lang
    )
    chart = quadrant_chart(
        points, cells, cuts=cuts, facts=facts, measure=measure, currency=currency, lang=lang
    )
    return points, facts, chart.to_dict()


def _axes(spec: dict) -> dict[str, dict]:
    """The first x and y axis of a layered chart, by channel."""
    found: dict[str, dict] = {}
    for layer in spec["layer"]:
        for channel in ("x", "y"):
            axis = layer.get("encoding", {}).get(channel, {}).get("axis")
            if axis and channel not in found:
                found[channel] = axis
    return found


def test_every_option_has_a_text():
    assert set(MEASURE_KEYS) == set(MEASURES)
    assert set(QUADRANT_KEYS) == set(QUADRANTS)
    assert all(key in SV and key in EN for key in [*MEASURE_KEYS.values(), *QUADRANT_KEYS.values()])


@pytest.mark.parametrize(
    ("lang", "currency", "title"),
    [
        ("sv", "SEK", "Omsättning (kr, logaritmisk skala)"),
        ("en", "SEK", "Revenue (SEK, log scale)"),
        ("en", "EUR", "Revenue (EUR, log scale)"),
    ],
)
def test_quadrant_revenue_axis_names_the_currency(lang, currency, title):
    _, _, spec = _quadrant("margin_pct", lang=lang, currency=currency)
    x = _axes(spec)["x"]
    assert x["title"] == title
    # Powers of ten from 10 (the smallest revenue, 50) to 10 000 000 (4.5 million).
    assert x["values"] == [10.0**e for e in range(1, 8)]
    assert x["format"] == ",~r"


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_quadrant_takes_the_language_locale_and_no_label_expressions(lang):
    _, _, spec = _quadrant("margin", lang=lang)
    assert spec["config"]["locale"] == vega_locale(lang)
    assert "labelExpr" not in json.dumps(spec)


@pytest.mark.parametrize(("lang", "unit"), [("sv", "tkr"), ("en", "SEK k")])
def test_quadrant_margin_axis_in_thousands(lang, unit):
    # The largest margin, 900 000 kr, reads best in thousands: 900.
    points, facts, spec = _quadrant("margin", lang=lang)
    assert (facts.y_scale, facts.unit) == (1e3, unit)
    assert points.sort("rank")["y"].to_list()[0] == pytest.approx(900.0)
    assert _axes(spec)["y"]["title"].endswith(f"({unit})")


def test_quadrant_tooltips_in_the_language():
    points, _, _ = _quadrant("margin_pct", lang="en")
    first = points.sort("rank").row(0, named=True)
    assert first["revenue_text"] == "SEK 4,500,000"
    assert first["pct_text"] == "20.0%"
    assert first["quadrant_text"] == EN["conc.quadrant.core"]
    assert first["source_text"] == EN["conc.from_data"]


def test_whale_chart_in_percent_of_the_total():
    curve = whale_curve(CUSTOMERS)
    spec = whale_chart(
        curve, whale_peak(curve), TIERS, CUSTOMERS, currency="SEK", lang="sv"
    ).to_dict()
    assert _axes(spec)["y"]["title"] == SV["conc.whale.y"]
    assert spec["config"]["locale"] == vega_locale("sv")
    texts = [row.get("text") for data in spec["datasets"].values() for row in data]
    # The profitable earn 960 010 kr (960 tkr) of a total 959 810: 100 %.
    assert f"Topp 100{NBSP}% (960 tkr)" in texts


def test_whale_chart_of_a_loss_in_money():
    losing = with_margin(
        pl.DataFrame(
            {
                "customer_id": ["1", "2"],
                "customer_name": ["A", "B"],
                "revenue": [1_000.0, 90_000.0],
                "gross_margin": [5_000.0, -40_000.0],
            }
        )
    )
    curve = whale_curve(losing)
    spec = whale_chart(curve, whale_peak(curve), TIERS, losing, currency="EUR", lang="en").to_dict()
    # The largest cumulative amount is −35 000: thousands of euros.
    assert _axes(spec)["y"]["title"] == EN["conc.whale.y_amount"].format(unit="EUR k")


def test_pareto_chart_marks_the_80_percent_point():
    spec = pareto_chart(
        pareto_curve(CUSTOMERS), 1, TIERS, CUSTOMERS, currency="SEK", lang="en"
    ).to_dict()
    texts = [row.get("text") for data in spec["datasets"].values() for row in data]
    assert "1 customers (25%)" in texts
    assert _axes(spec)["y"]["title"] == EN["conc.pareto.y"]


def _charts() -> dict[str, dict]:
    curve = whale_curve(CUSTOMERS)
    return {
        "quadrant": _quadrant("margin_pct", lang="sv")[2],
        "whale": whale_chart(
            curve, whale_peak(curve), TIERS, CUSTOMERS, currency="SEK", lang="sv"
        ).to_dict(),
        "pareto": pareto_chart(
            pareto_curve(CUSTOMERS), 1, TIERS, CUSTOMERS, currency="SEK", lang="sv"
        ).to_dict(),
    }


@pytest.mark.parametrize("name", ["quadrant", "whale", "pareto"])
def test_every_layer_has_its_own_tooltip_or_none(name):
    # A layer without one would show the browser a raw tooltip of its fields (`x 100000`,
    # `text Kärnkunder`): labels, cut lines and curves say nothing when hovered.
    silent = [
        layer
        for layer in _charts()[name]["layer"]
        if "tooltip" not in layer.get("encoding", {})
        and (not isinstance(layer["mark"], dict) or "tooltip" not in layer["mark"])
    ]
    assert silent == []
    labels = [layer for layer in _charts()[name]["layer"] if layer["mark"].get("type") == "text"]
    assert labels


def _summary(**changes) -> dict:
    summary = {
        "customers": 6,
        "customers_for_80pct_revenue": 3,
        "share_of_customers_for_80pct_revenue": 0.5,
        "whale_peak": 6.333,
        "whale_peak_margin": 190.0,
        "unprofitable_customers": 3,
        "unprofitable_share": 0.5,
        "unprofitable_margin": -160.0,
        "gross_margin": 30.0,
        "top20pct_share_of_margin": 3.0,
        "top": 2,
        "top_revenue_share": 0.766,
        "top_margin_share": -3.0,
        "margin_source": MARGIN_DATA,
    }
    return summary | changes


def test_headline_figures_in_swedish():
    figures = headline_figures(_summary(), currency="SEK", lang="sv")
    assert [(f.label, f.value, f.delta) for f in figures] == [
        (SV["conc.metric.n80"], "3 kunder", f"50{NBSP}% av kunderna"),
        (SV["conc.metric.peak"], f"633{NBSP}%", None),
        (SV["conc.metric.unprofitable"], "3", f"50{NBSP}% av kunderna"),
        (SV["conc.metric.margin"], "30 kr", None),
    ]


def test_headline_without_revenue_shows_a_dash():
    figures = headline_figures(
        _summary(customers_for_80pct_revenue=None, unprofitable_customers=None),
        currency="EUR",
        lang="en",
    )
    assert (figures[0].value, figures[0].delta) == ("–", None)
    assert (figures[2].value, figures[2].delta) == ("–", None)
    assert figures[3].value == "EUR 30"


def test_pareto_sentence_in_english():
    text = pareto_sentence(_summary(), lang="en")
    assert text.startswith("3 of your 6 customers (50%) make 80% of revenue. ")
    assert text.endswith(
        "Your 2 largest customers bring 77% of revenue but only -300% of the gross margin."
    )


def test_pareto_sentence_marks_an_assumed_margin():
    text = pareto_sentence(_summary(margin_source=MARGIN_ASSUMED), lang="sv")
    assert text.endswith(f"({SV['conc.assumed']}).")


def test_whale_sentence_in_swedish():
    text = whale_sentence(_summary(), currency="SEK", lang="sv")
    assert "De lönsamma kunderna tjänar ihop 190 kr, 633\u00a0% av det totala" in text
    assert "kostar 160 kr, så 30 kr blir kvar" in text


def test_whale_sentence_of_a_loss():
    text = whale_sentence(_summary(gross_margin=-50.0), currency="EUR", lang="en")
    assert text == EN["conc.whale.sentence_loss"].format(
        total="-EUR 50", peak_amount="EUR 190", count="3", loss="EUR 160"
    )


def test_quadrant_sentence_and_table():
    cuts = quadrant_cuts(CUSTOMERS, measure="margin_pct")
    assigned = assign_quadrants(
        CUSTOMERS, measure="margin_pct", size_cut=cuts["size"], profit_cut=cuts["profit"]
    )
    counts = quadrant_summary(assigned)
    points, _, _ = quadrant_points(assigned, TIERS, measure="margin_pct", currency="SEK", lang="sv")
    text = quadrant_sentence(counts, points, top=2, currency="SEK", lang="sv")
    # Median revenue 151 000 and margin % 20 %: C and D are core, 4 800 000 of 4 802 050
    # revenue and 960 000 margin.
    assert text == SV["conc.quad.core"].format(count=2, revenue=f"100{NBSP}%", margin="960 tkr")
    table = quadrant_table(counts, currency="EUR", lang="en")
    assert table.rows == 4
    assert table.columns["revenue"].label == "Revenue (EUR)"
    assert table.columns["customers"].kind == "number"
    shown = table.styler.data
    assert shown["quadrant"].tolist() == [EN[QUADRANT_KEYS[q]] for q in QUADRANTS]


def test_cut_caption_in_english():
    text = cut_caption(
        {"size": 151_000.0, "profit": 0.2},
        measure="margin_pct",
        hidden=1,
        binned=0,
        currency="SEK",
        lang="en",
    )
    assert text.startswith(EN["conc.cuts"].format(size="SEK 151k", profit="20.0%"))
    assert text.endswith(EN["conc.hidden"].format(count=1))


def test_focus_legend_escapes_names():
    points = pl.DataFrame({"rank": [2, 1], "label": ["B*", "![x](y)"], "focus": [True, True]})
    legend = focus_legend(points, lang="sv")
    assert legend == SV["conc.focus_legend"].format(names="**1** \\!\\[x\\](y) · **2** B\\*")
    assert focus_legend(points.head(0), lang="sv") is None


@pytest.mark.parametrize(
    ("text", "marked"),
    [
        ("Storlek mot lönsamhet", "Storlek mot lönsamhet (antagen marginal)"),
        ("Se.", "Se (antagen marginal)."),
    ],
)
def test_with_assumed_keeps_the_full_stop_last(text, marked):
    assert with_assumed(text, MARGIN_ASSUMED, lang="sv") == marked
    assert with_assumed(text, MARGIN_DATA, lang="sv") == text


def test_assumption_notice_says_where_margins_come_from():
    frame = pl.DataFrame({"revenue": [300.0, 100.0], "gross_margin": [30.0, None]})
    kind, text = assumption_notice(frame, MARGIN_DATA, {}, lang="sv")
    assert kind == "info"
    assert text == SV["conc.margin.partial"].format(count="1", share=f"25{NBSP}%")
    kind, _ = assumption_notice(frame, MARGIN_NONE, {}, lang="sv")
    assert kind == "info"
    settings = {"assumed_margin": 0.25, "group_margins": {"El": 0.1, "VVS": 0.25}}
    kind, text = assumption_notice(frame, MARGIN_ASSUMED, settings, lang="en")
    assert kind == "warning"
    # VVS at the overall 25 % is not named on its own.
    assert EN["conc.margin.how_group"].format(groups="El 10%", rest="25%") in text
    known = frame.head(1)
    assert assumption_notice(known, MARGIN_DATA, {}, lang="sv") is None
