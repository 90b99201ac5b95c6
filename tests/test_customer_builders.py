"""The customer page's builders without Streamlit: charts and figures from small literal
frames and rows, in Swedish and English."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from analytics.metrics import Period
from locales import catalog
from locales.formats import vega_locale
from ui.customer.charts import breakdown_chart, history_chart, mix_chart
from ui.customer.figures import headline_figures, payment_figures, score_figures

SV, EN = catalog("sv"), catalog("en")
NBSP = "\u00a0"


def _history(revenue: list[float]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "month": [date(2024, 1, 1), date(2024, 2, 1)],
            "revenue": revenue,
            "gross_margin": [None, revenue[1] / 2],
        }
    )


def _encoding(spec: dict, channel: str) -> dict:
    layers = spec.get("layer", [spec])
    return next(layer["encoding"][channel] for layer in layers if channel in layer["encoding"])


@pytest.mark.parametrize(
    ("revenue", "currency", "lang", "unit", "fmt"),
    [
        ([800.0, 9_000.0], "SEK", "sv", "kr", ",.0f"),
        ([800.0, 15_000.0], "SEK", "sv", "tkr", ",.0f"),
        ([800.0, 15_000.0], "EUR", "en", "EUR k", ",.0f"),
        ([800.0, -2_500_000.0], "EUR", "en", "MEUR", ",.1f"),
    ],
)
def test_history_axis_unit_follows_the_largest_amount(revenue, currency, lang, unit, fmt):
    spec = history_chart(_history(revenue), currency=currency, lang=lang).to_dict()
    axis = _encoding(spec, "y")["axis"]
    assert (axis["title"], axis["format"]) == (unit, fmt)
    assert spec["config"]["locale"] == vega_locale(lang)


@pytest.mark.parametrize(("lang", "fmt"), [("sv", "%Y-%m"), ("en", "%b %Y")])
def test_history_months_in_the_language(lang, fmt):
    spec = history_chart(_history([1.0, 2.0]), currency="SEK", lang=lang).to_dict()
    assert _encoding(spec, "x")["axis"]["format"] == fmt


def test_history_tooltips_in_the_currency():
    spec = history_chart(_history([800.0, 15_000.0]), currency="EUR", lang="en").to_dict()
    rows = next(iter(spec["datasets"].values()))
    texts = [(row["measure"], row["text"]) for row in rows]
    # January's margin is unknown: no amount.
    assert texts == [
        ("Revenue", "EUR 800"),
        ("Revenue", "EUR 15,000"),
        ("Gross margin", "–"),
        ("Gross margin", "EUR 7,500"),
    ]


def test_mix_chart_names_a_missing_group_and_shows_shares():
    mix = pl.DataFrame(
        {
            "product_group": ["Verktyg", None],
            "revenue": [3_000.0, 1_000.0],
            "margin_pct": [40.0, None],
            "share": [0.75, 0.25],
        }
    )
    spec = mix_chart(mix, currency="SEK", lang="sv").to_dict()
    rows = next(iter(spec["datasets"].values()))
    assert [(r["group"], r["revenue"], r["share"], r["margin_pct"]) for r in rows] == [
        ("Verktyg", f"3{NBSP}000 kr", f"75,0{NBSP}%", f"40,0{NBSP}%"),
        (SV["customer.no_group"], f"1{NBSP}000 kr", f"25,0{NBSP}%", "–"),
    ]
    assert spec["encoding"]["x"]["axis"]["title"] == "kr"


def test_breakdown_names_criteria_in_the_language():
    comparison = pl.DataFrame(
        {"criterion": ["revenue", "growth"], "customer": [30.0, 5.0], "tier_average": [20.0, 7.5]}
    )
    spec = breakdown_chart(comparison, customer="Alfa", lang="en").to_dict()
    assert spec["encoding"]["y"]["sort"] == [EN["criterion.revenue"], EN["criterion.growth"]]
    rows = next(iter(spec["datasets"].values()))
    assert {(r["who"], r["text"]) for r in rows} == {
        ("Alfa", "30.0"),
        ("Alfa", "5.0"),
        (EN["customer.a_average"], "20.0"),
        (EN["customer.a_average"], "7.5"),
    }


ROW = {
    "revenue": 5_000.0,
    "gross_margin": 2_000.0,
    "margin_pct": 40.0,
    "growth": 150.0,
    "previous_revenue": 2_000.0,
    "invoices": 2,
    "frequency": 2.0,
    "recency": 13,
    "last_purchase": date(2024, 2, 15),
    "tenure": 1.24,
    "first_purchase": date(2022, 12, 1),
    "payment_delay": None,
    "breadth": 2,
    "rank": 1,
    "tier": "A",
    "score": 72.34,
    "assessed": 0.9,
}
PERIOD = Period(date(2023, 3, 1), date(2024, 2, 28))


def test_headline_figures_in_english():
    figures = headline_figures(ROW, PERIOD, currency="EUR", lang="en")
    assert [(f.value, f.delta) for f in figures] == [
        ("EUR 5,000", None),
        ("EUR 2,000", EN["customer.margin_pct"].format(pct="40.0%")),
        ("150%", EN["customer.previous"].format(amount="EUR 2,000")),
        ("2", EN["customer.per_year"].format(n="2")),  # 2 invoices in a year: "2", not "2.0"
        ("13", EN["customer.last"].format(date="15 Feb 2024")),
        ("1.2", EN["customer.since"].format(date="1 Dec 2022")),
        ("–", None),  # no payment dates
        ("2", None),
    ]
    assert figures[6].help == EN["customer.unknown_help"]
    assert figures[0].help == EN["customer.revenue_help"].format(
        start="1 Mar 2023", end="28 Feb 2024"
    )


# The invoices tile shows the count and, under it, invoices a year: the same figure over
# a year reads the same ("574" and "574 a year", not "574.4 a year").
@pytest.mark.parametrize(
    ("invoices", "frequency", "lang", "note"),
    [
        (574, 574.0, "en", "574"),
        (574, 574.0, "sv", "574"),
        (1148, 574.0, "en", "574"),  # two years
        (3704, 3704 / 3, "en", "1,235"),  # 3 years; from 10 a year in whole invoices
        (3704, 3704 / 3, "sv", f"1{NBSP}235"),
        (5, 2.5, "en", "2.5"),  # below 10 with a tenth
        (5, 2.5, "sv", "2,5"),
        (3, 1.0, "sv", "1"),
    ],
)
def test_invoices_a_year_read_like_the_count(invoices, frequency, lang, note):
    row = ROW | {"invoices": invoices, "frequency": frequency}
    figure = headline_figures(row, PERIOD, currency="SEK", lang=lang)[3]
    assert figure.delta == catalog(lang)["customer.per_year"].format(n=note)


def test_score_figures():
    figures = score_figures(ROW, 4, lang="sv")
    assert [(f.value, f.delta) for f in figures] == [
        ("1 av 4", None),
        ("A", None),
        ("72,3", SV["customer.assessed"].format(pct=f"90{NBSP}%")),
    ]


PAY = {
    "known": True,
    "paid": 2,
    "paid_late": 1,
    "late_share": 0.5,
    "max_days_late": 10.0,
    "unpaid": 1,
    "unpaid_amount": 2_500.0,
    "overdue": 0,
}


@pytest.mark.parametrize(
    ("days", "text"),
    [(10.0, "10 dagar"), (0.0, SV["customer.on_time"]), (-3.0, SV["customer.on_time"])],
)
def test_payment_longest_delay(days, text):
    figures = payment_figures(PAY | {"max_days_late": days}, currency="SEK", lang="sv")
    assert figures[1].value == text


def test_payment_figures():
    figures = payment_figures(PAY, currency="SEK", lang="sv")
    assert [(f.value, f.delta) for f in figures] == [
        (f"50{NBSP}%", "1 av 2 fakturor"),
        ("10 dagar", None),
        ("1", f"2{NBSP}500 kr"),
        ("0", None),
    ]
    unknown = payment_figures(PAY | {"late_share": None}, currency="SEK", lang="sv")
    assert (unknown[0].value, unknown[0].delta) == ("–", None)


@pytest.mark.parametrize(
    ("currency", "lang", "unpaid", "revenue"),
    [
        ("SEK", "sv", "2,0 MSEK", "9,5 MSEK"),
        ("SEK", "en", "SEK 2.0M", "SEK 9.5M"),
        ("EUR", "sv", "2,0 MEUR", "9,5 MEUR"),
        ("EUR", "en", "EUR 2.0M", "EUR 9.5M"),
    ],
)
def test_the_unpaid_amount_is_compact_like_the_other_amounts(currency, lang, unpaid, revenue):
    # 1 951 168 unpaid beside revenue of 9 500 000: both in millions with one decimal.
    pay = payment_figures(PAY | {"unpaid_amount": 1_951_168.0}, currency=currency, lang=lang)
    head = headline_figures(ROW | {"revenue": 9_500_000.0}, PERIOD, currency=currency, lang=lang)
    assert (pay[2].delta, head[0].value) == (unpaid, revenue)


@pytest.mark.parametrize(("currency", "lang", "unit"), [("SEK", "sv", "kr"), ("EUR", "en", "EUR")])
def test_a_help_that_names_the_unit_names_the_currency(currency, lang, unit):
    figures = headline_figures(ROW, PERIOD, currency=currency, lang=lang)
    margin_help = catalog(lang)["criterion.gross_margin.help"]
    assert "{unit}" in margin_help
    assert figures[1].help == margin_help.format(unit=unit)
    assert all("{" not in (f.help or "") for f in figures)
