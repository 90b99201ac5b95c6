"""The focus list's builders without Streamlit: slider groups, sentences, the table's rows
and the files, in Swedish and English, on small literal frames."""

from __future__ import annotations

import io
from datetime import date

import polars as pl
import pytest

from analytics.metrics import Period
from analytics.scoring import CRITERIA
from ui.focus.sentences import diff_lines, leaders_sentence, tier_tile, tier_tiles
from ui.focus.tables import export_frame, focus_csv, focus_rows, focus_workbook, weights_frame
from ui.focus.weights import criteria_by_source, shares_text

NBSP = "\u00a0"
# Three customers scored on revenue (weight 1) and strategic fit (weight 1): Gamma's fit
# is not assessed.
SCORED = pl.DataFrame(
    {
        "rank": [1, 2, 3],
        "tier": ["A", "B", "C"],
        "customer_id": ["001", "002", "003"],
        "customer_name": ["Alfa", None, "Gamma"],
        "score": [80.04, 55.55, 30.0],
        "contrib_revenue": [50.0, 25.0, 5.0],
        "contrib_strategic_fit": [30.04, 30.55, 25.0],
        "norm_revenue": [1.0, 0.5, 0.1],
        "norm_strategic_fit": [0.6, 0.61, None],
        "revenue": [1000.0, 500.0, 100.0],
        "gross_margin": [100.0, 200.0, 10.0],
        "margin_pct": [10.0, 40.0, 10.0],
        "assessed": [1.0, 1.0, 0.5],
    }
)
PERIOD = Period(start=date(2024, 1, 1), end=date(2024, 12, 31))


def test_sliders_are_grouped_data_then_team():
    groups = criteria_by_source(currency="SEK", lang="sv")
    assert [heading for heading, _ in groups] == ["Ur försäljningsdata", "Teamets bedömning"]
    keys = [[s.key for s in sliders] for _, sliders in groups]
    assert keys == [
        [c.key for c in CRITERIA if c.source == "data"],
        [c.key for c in CRITERIA if c.source == "team"],
    ]


@pytest.mark.parametrize(
    ("lang", "currency", "label", "help_text"),
    [
        ("sv", "SEK", "Omsättning", "Fakturerat under perioden, kr."),
        ("en", "EUR", "Revenue", "Invoiced during the period, EUR."),
    ],
)
def test_a_slider_has_its_label_and_help_with_the_unit(lang, currency, label, help_text):
    revenue = criteria_by_source(currency=currency, lang=lang)[0][1][0]
    assert (revenue.label, revenue.help) == (label, help_text)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("sv", f"Andel av poängen: Omsättning 25{NBSP}% · Täckningsbidrag 75{NBSP}%"),
        ("en", "Share of the score: Revenue 25% · Gross margin 75%"),
    ],
)
def test_shares_leave_out_zero_weights(lang, expected):
    weights = {"revenue": 10, "gross_margin": 30, "growth": 0}
    assert shares_text(weights, lang=lang) == expected


def test_leaders_are_named_or_numbered():
    assert leaders_sentence(SCORED, lang="sv") == "Överst just nu: **Alfa, 002, Gamma**"


def test_a_leader_name_is_text_not_markdown():
    scored = SCORED.with_columns(pl.lit("*Bold*").alias("customer_name"))
    assert "\\*Bold\\*" in leaders_sentence(scored, lang="en")


@pytest.mark.parametrize(
    ("lang", "value", "caption"),
    [
        (
            "sv",
            f"1{NBSP}250 (50{NBSP}%)",
            f"80{NBSP}% av omsättningen (3,4 MSEK), 90{NBSP}% av täckningsbidraget",
        ),
        ("en", "1,250 (50%)", "80% of revenue (SEK 3.4M), 90% of gross margin"),
    ],
)
def test_a_tier_tile(lang, value, caption):
    row = {
        "tier": "A",
        "customers": 1250,
        "customer_share": 0.5,
        "revenue": 3_400_000,
        "revenue_share": 0.8,
        "margin_share": 0.9,
    }
    tile = tier_tile(row, currency="SEK", lang=lang)
    assert (tile.value, tile.caption) == (value, caption)


@pytest.mark.parametrize(
    ("lang", "values", "captions"),
    [
        (
            "sv",
            [f"1 (14{NBSP}%)", f"2 (29{NBSP}%)", f"4 (57{NBSP}%)"],
            [
                f"48{NBSP}% av omsättningen (61,1 MSEK), 76{NBSP}% av täckningsbidraget",
                f"45{NBSP}% av omsättningen (56,9 MSEK), 18{NBSP}% av täckningsbidraget",
                f"7{NBSP}% av omsättningen (9,6 MSEK), 6{NBSP}% av täckningsbidraget",
            ],
        ),
        (
            "en",
            ["1 (14%)", "2 (29%)", "4 (57%)"],
            [
                "48% of revenue (SEK 61.1M), 76% of gross margin",
                "45% of revenue (SEK 56.9M), 18% of gross margin",
                "7% of revenue (SEK 9.6M), 6% of gross margin",
            ],
        ),
    ],
)
def test_tier_tiles_shares_add_up_to_100(lang, values, captions):
    # Revenue 61.1 + 56.9 + 9.6 MSEK: 47.92 + 44.57 + 7.51 %, each rounded 48 + 45 + 8 = 101;
    # by largest remainder 48 + 45 + 7. Margin 75.7 + 18.0 + 6.3 % is 76 + 18 + 6 either
    # way; customers 1 + 2 + 4 of 7 are 14.3 + 28.6 + 57.1 % = 14 + 29 + 57.
    summary = pl.DataFrame(
        {
            "tier": ["A", "B", "C"],
            "customers": [1, 2, 4],
            "customer_share": [1 / 7, 2 / 7, 4 / 7],
            "revenue": [61_100_000, 56_900_000, 9_600_000],
            "revenue_share": [0.4792, 0.4457, 0.0751],
            "margin_share": [0.757, 0.18, 0.063],
        }
    )
    tiles = tier_tiles(summary, currency="SEK", lang=lang)
    assert [tile.value for tile in tiles] == values
    assert [tile.caption for tile in tiles] == captions


def test_tier_tiles_with_unknown_margin():
    summary = pl.DataFrame(
        {
            "tier": ["A", "B"],
            "customers": [1, 1],
            "customer_share": [0.5, 0.5],
            "revenue": [30_000, 10_000],
            "revenue_share": [0.75, 0.25],
            "margin_share": [None, None],
        },
        schema_overrides={"margin_share": pl.Float64},
    )
    captions = [tile.caption for tile in tier_tiles(summary, currency="EUR", lang="en")]
    assert captions == [
        "75% of revenue (EUR 30k), – of gross margin",
        "25% of revenue (EUR 10k), – of gross margin",
    ]


def test_diff_lines_name_customers_and_say_when_none():
    diff = {"top_entered": ["002"], "top_left": [], "a_entered": ["001", "003"], "a_left": []}
    names = {"001": "Alfa", "002": "", "003": "Gamma"}
    lines = diff_lines(diff, names, top=10, lang="en")
    assert lines == [
        "Enter the top 10 with set 2: 002",
        "Leave the top 10 with set 2: –",
        "Become A customers with set 2: Alfa, Gamma",
        "Stop being A customers with set 2: –",
    ]


def test_rows_name_the_criteria_not_assessed():
    rows = focus_rows(SCORED, top=3, masked=False, lang="en")
    assert rows["not_assessed"].to_list() == ["", "", "Strategic fit"]
    assert rows["assessed"].to_list() == [100, 100, 50]
    assert rows["contributions"].to_list()[0] == [50.0, 30.04]


def test_masked_rows_have_no_customer_number():
    rows = focus_rows(SCORED, top=2, masked=True, lang="sv")
    assert "customer_id" not in rows.columns
    assert rows.height == 2


def test_export_names_columns_and_currency():
    frame = export_frame(SCORED, top=3, masked=False, currency="EUR", lang="en")
    assert frame.columns == [
        "Rank",
        "Tier",
        "Customer number",
        "Customer name",
        "Score",
        "Revenue (EUR)",
        "Gross margin (EUR)",
        "Margin %",
        "Points: Revenue",
        "Points: Strategic fit",
    ]
    assert frame["Score"].to_list() == [80.04, 55.55, 30.0]


def test_weights_frame_gives_shares_in_per_cent():
    frame = weights_frame({"revenue": 1, "growth": 2}, lang="sv")
    assert frame.rows() == [("Omsättning", 1.0, 33.3), ("Tillväxt", 2.0, 66.7)]


@pytest.mark.parametrize(("lang", "separator"), [("sv", ";"), ("en", ",")])
def test_csv_has_a_header_line_and_the_language_separator(lang, separator):
    frame = export_frame(SCORED, top=1, masked=True, currency="SEK", lang=lang)
    data = focus_csv(frame, {"revenue": 20, "growth": 0}, period=PERIOD, lang=lang)
    assert data.startswith("\ufeff".encode())
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("# ")
    assert "2024-01-01 – 2024-12-31" in lines[0]
    assert lines[0].endswith("=20")
    assert lines[1].split(separator)[:2] == [frame.columns[0], frame.columns[1]]


def test_workbook_has_the_list_the_weights_and_about():
    frame = export_frame(SCORED, top=3, masked=False, currency="SEK", lang="sv")
    data = focus_workbook(frame, {"revenue": 1}, period=PERIOD, lang="sv")
    sheets = pl.read_excel(io.BytesIO(data), sheet_id=0)
    assert list(sheets) == ["Fokuslista", "Vikter", "Om"]
    assert sheets["Fokuslista"]["Kundnamn"].to_list() == ["Alfa", None, "Gamma"]
    # The sentence about the list ends with the weights it was made with, as in the CSV.
    about = sheets["Om"].item(0, 0)
    assert "2024-01-01 – 2024-12-31" in about
    assert about.endswith("Vikter: Omsättning=1")
