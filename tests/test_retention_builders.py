"""The retention page's builders without Streamlit: charts, tables, figures and notes,
from small literal frames, in Swedish and English."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from analytics.retention import ALL, BASES, REST, project_scenario
from locales import catalog
from locales.formats import vega_locale
from ui.retention.charts import cohort_chart, projection_chart, retention_chart
from ui.retention.figures import projection_figures
from ui.retention.labels import BASIS_KEYS, OBSERVED_CAPTION_KEYS, group_label, period_label
from ui.retention.sentences import projection_caption, scenario_notes, short_base_text
from ui.retention.tables import at_risk_table, clv_table, retention_table

SV, EN = catalog("sv"), catalog("en")
NBSP = "\u00a0"


def _projection(margin: float) -> pl.DataFrame:
    """Two groups keeping 80 % and 50 % a year, the first raised by 10 points, no
    discount, over two years."""
    groups = pl.DataFrame(
        {"group": ["focus", "rest"], "margin": [margin, margin], "retention": [0.8, 0.5]}
    )
    return project_scenario(groups, horizon=2, discount=0.0, uplift={"focus": 0.1})


def _y_titles(spec: dict) -> set[str]:
    return {
        layer["encoding"]["y"]["axis"]["title"]
        for layer in spec["layer"]
        if "axis" in layer["encoding"].get("y", {})
    }


@pytest.mark.parametrize(
    ("margin", "currency", "lang", "unit"),
    [
        # Scenario cumulative: margin × (0.9 + 0.5 + 0.81 + 0.25) = 2.46 × margin.
        (1_000_000.0, "EUR", "en", "MEUR"),
        (1_000_000.0, "SEK", "sv", "MSEK"),
        (100_000.0, "EUR", "en", "EUR k"),
        # Below ten thousand still in thousands: the projection axis never shows units.
        (1_000.0, "SEK", "sv", "tkr"),
    ],
)
def test_projection_axis_carries_the_data_sets_currency(margin, currency, lang, unit):
    spec = projection_chart(_projection(margin), currency=currency, lang=lang).to_dict()
    assert _y_titles(spec) == {catalog(lang)["ret.chart.cumulative"].format(unit=unit)}
    assert spec["config"]["locale"] == vega_locale(lang)


def test_projection_tooltips_in_the_currency():
    spec = projection_chart(_projection(1_000_000.0), currency="EUR", lang="en").to_dict()
    texts = {
        row["amount_text"]
        for data in spec["datasets"].values()
        for row in data
        if "amount_text" in row
    }
    # Year 2 of the scenario: 0.9 + 0.5 + 0.81 + 0.25 = 2.46 million.
    assert "EUR 2,460,000" in texts


def test_projection_figures():
    figures = projection_figures(_projection(1_000_000.0), horizon=2, currency="SEK", lang="sv")
    # Baseline 0.8 + 0.5 + 0.64 + 0.25 = 2.19 M; scenario 2.46 M; difference 0.27 M.
    assert [(f.label, f.value) for f in figures] == [
        (SV["ret.series.baseline"], "2,2 MSEK"),
        (SV["ret.series.scenario"], "2,5 MSEK"),
        (SV["ret.metric.difference"], "+270 tkr"),
    ]
    assert figures[0].help == SV["ret.metric_help"].format(years="2 år")


@pytest.mark.parametrize(
    ("margin", "lang", "difference"),
    [
        # Difference 0.27 × margin: 2,700 kr with a plus, and 0.27 kr rounds to a
        # whole 0, which has no sign at all.
        (10_000.0, "sv", "+2\u00a0700 kr"),
        (10_000.0, "en", "+SEK 2,700"),
        (1.0, "sv", "0 kr"),
        (1.0, "en", "SEK 0"),
    ],
)
def test_the_difference_has_a_plus_only_when_it_shows_a_gain(margin, lang, difference):
    figures = projection_figures(_projection(margin), horizon=2, currency="SEK", lang=lang)
    assert figures[2].value == difference


RATES = pl.DataFrame(
    {
        "group": [ALL, "A", REST],
        "period": [2, 2, 2],
        "period_start": [date(2024, 1, 1), date(2024, 1, 1), date(2024, 1, 1)],
        "period_end": [date(2024, 12, 31), date(2024, 12, 31), date(2024, 12, 31)],
        "partial": [False, False, True],
        "base": [100, 5, 95],
        "kept": [80, 4, 76],
        "rate": [0.8, 0.8, 0.8],
        "revenue_rate": [0.9, 0.85, 0.91],
        "uncertain": [False, True, False],
        "base_days": [366, 366, 40],
        "short_base": [False, False, True],
    }
)


def test_every_basis_has_its_texts():
    assert set(BASIS_KEYS) == set(OBSERVED_CAPTION_KEYS) == set(BASES)


@pytest.mark.parametrize(
    ("start", "end", "label"),
    [
        (date(2025, 1, 1), date(2025, 12, 31), "2025"),
        (date(2024, 12, 1), date(2025, 11, 30), "2024/25"),
        (None, date(2025, 11, 30), "–"),
    ],
)
def test_period_label(start, end, label):
    assert period_label(start, end) == label


@pytest.mark.parametrize(
    ("group", "lang", "label"),
    [(ALL, "sv", "Alla kunder"), ("A", "sv", "A-kunder"), (REST, "sv", "Övriga (B + C)")],
)
def test_group_label(group, lang, label):
    assert group_label(group, lang=lang) == label


def test_retention_chart_leaves_uncertain_rates_out():
    spec = retention_chart(RATES, lang="en").to_dict()
    rows = next(iter(spec["datasets"].values()))
    assert [row["group"] for row in rows] == [EN["ret.group.all"], EN["ret.group.rest"]]
    assert [row["pct"] for row in rows] == ["80.0%", "80.0%"]
    assert _y_titles(spec) == {EN["ret.chart.rate"]}
    assert spec["config"]["locale"] == vega_locale("en")


def test_retention_table_notes_small_short_and_partial_bases():
    table = retention_table(RATES, lang="sv")
    shown = table.styler.data
    assert shown["rate"].tolist() == [f"80,0{NBSP}%", f"≈ 80{NBSP}%", f"80,0{NBSP}%"]
    assert shown["note"].tolist() == [
        "",
        SV["ret.uncertain"].format(base=5, min=20),
        SV["ret.short_base_note"].format(days=40),
    ]
    assert table.columns["base"].help == SV["ret.col.base_help"]


def test_short_base_text():
    text = short_base_text(RATES, RATES.head(1), lang="sv")
    assert text == SV["ret.short_base_left_out"].format(days=40, min=90)
    assert short_base_text(RATES, RATES.head(0), lang="sv") == SV["ret.short_base_none"].format(
        days=40, min=90
    )
    assert short_base_text(RATES.drop("short_base"), RATES, lang="sv") is None


def test_cohort_chart_in_the_language():
    table = pl.DataFrame(
        {
            "cohort": [1, 1],
            "cohort_start": [date(2023, 1, 1)] * 2,
            "cohort_end": [date(2023, 12, 31)] * 2,
            "period": [1, 2],
            "period_start": [date(2023, 1, 1), date(2024, 1, 1)],
            "period_end": [date(2023, 12, 31), date(2024, 12, 31)],
            "customers": [10, 10],
            "active": [10, 6],
            "share": [1.0, 0.6],
        }
    )
    spec = cohort_chart(table, lang="en").to_dict()
    rows = next(iter(spec["datasets"].values()))
    assert [(r["cohort_label"], r["label"], r["pct"]) for r in rows] == [
        ("2023", "2023", 100.0),
        ("2023", "2024", 60.0),
    ]
    assert spec["config"]["locale"] == vega_locale("en")


def test_clv_table_caps_long_lifetimes():
    values = pl.DataFrame(
        {
            "tier": ["A", ALL],
            "customers": [2, 10],
            "margin_per_customer": [1000.0, 500.0],
            "retention": [0.99, 0.8],
            "lifetime": [100.0, 5.0],
            "multiplier": [9.0, 2.67],
            "clv_per_customer": [9000.0, 1333.0],
            "clv": [18000.0, 13330.0],
        }
    )
    table = clv_table(values, currency="EUR", lang="en")
    lifetimes = table.styler.to_html()
    assert "over 25" in lifetimes and "5.0" in lifetimes
    assert table.columns["clv"].label == EN["ret.col.clv"].format(unit="EUR")
    assert table.styler.data["tier"].tolist() == ["A customers", EN["ret.group.all"]]


def test_clv_table_shows_every_number_the_languages_way():
    values = pl.DataFrame(
        {
            "tier": ["A"],
            "customers": [12],
            "margin_per_customer": [1234.4],
            "retention": [0.8444],
            "lifetime": [5.0],
            "multiplier": [2.666],
            "clv_per_customer": [3291.0],
            "clv": [39492.0],
        }
    )
    html = clv_table(values, currency="SEK", lang="sv").styler.to_html()
    # Money in whole kronor with a space between thousands, shares with one decimal and
    # the multiplier with two, all with a decimal comma; the lifetime in words beside them.
    for text in (f"1{NBSP}234", "84,4", "2,67", f"3{NBSP}291", f"39{NBSP}492", ">12<"):
        assert text in html
    assert "1234.4" not in html and "84.44" not in html and "2.666" not in html


def test_at_risk_table_says_why():
    flagged = pl.DataFrame(
        {
            "customer_id": ["1", "2"],
            "customer_name": ["Alfa", None],
            "overdue": [True, False],
            "falling": [True, True],
            "days_since": [90, 10],
            "median_interval": [30.0, 20.0],
            "overdue_ratio": [3.0, 0.5],
            "revenue": [1000.0, 500.0],
            "revenue_change": [-0.5, -0.4],
            "last_purchase": [date(2024, 1, 1), date(2024, 3, 20)],
        }
    )
    table = at_risk_table(flagged, currency="SEK", lang="sv")
    shown = table.styler.data
    assert shown["customer"].tolist() == ["Alfa", "2"]
    assert shown["why"].tolist() == ["försenad, minskar", "minskar"]
    assert table.columns["revenue"].label == SV["ret.col.revenue"].format(unit="kr")
    assert table.columns["last_purchase"].kind == "date"


def _groups(focus: float) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "group": ["focus", "rest"],
            "customers": [1, 1],
            "margin": [1000.0, -300.0],
            "retention": [focus, 0.5],
        }
    )


SETTINGS = {"up_focus": 0.05, "up_rest": 0.0, "discount": 0.1, "horizon": 5, "cost_multiple": 5}


def test_notes_say_when_the_ceiling_cuts_the_uplift():
    # 97 % + 5 points stops at 100 %.
    notes = scenario_notes(_groups(0.97), SETTINGS, currency="SEK", lang="sv")
    assert SV["ret.capped"].format(rate=f"97,0{NBSP}%") in notes
    assert SV["ret.capped"].format(rate=f"80,0{NBSP}%") not in scenario_notes(
        _groups(0.8), SETTINGS, currency="SEK", lang="sv"
    )


def test_notes_name_a_losing_group_and_the_average_new_customer():
    notes = scenario_notes(_groups(0.8), SETTINGS, currency="EUR", lang="en")
    # The rest lose 300 a year; the average customer earns (1 000 − 300) / 2 = 350.
    assert EN["ret.negative_margin"].format(group=EN["ret.group.rest"], amount="-EUR 300") in notes
    assert EN["ret.new_customer"].format(margin="EUR 350", cost="EUR 1,750", multiple="5") in notes


def test_caption_warns_of_an_uncertain_rate():
    latest = RATES.filter(pl.col("group") == "A")
    caption = projection_caption(_groups(0.8), SETTINGS, latest, currency="SEK", lang="sv")
    assert SV["ret.rate_uncertain"].format(group="A-kunder", base=5) in caption
    assert caption.endswith(SV["ret.projection_caption"])
