"""The workshop's and the decisions page's builders without Streamlit: chart, tables and
sentences from small literal cases, in Swedish and English.

Five customers C1…C5, revenue 100…500 and gross margin 500…100 (percentile ranks
revenue 0, .25, .5, .75, 1 and margin the reverse). Anna weights revenue only (shares
1/0), Bo revenue 1 and margin 4 (shares .2/.8): mean shares .6/.4, both criteria spread
.8. Consensus scores 60·rev + 40·margin: C1 40, C2 45, C3 50, C4 55, C5 60. Anna's top 2
is C5, C4; Bo's C1, C2.
"""

from __future__ import annotations

import io
from datetime import date, datetime

import openpyxl
import polars as pl
import pytest

from analytics.metrics import Period
from analytics.workshop import consensus
from locales.formats import vega_locale
from tests.test_workshop import NO_SCORES
from ui.decision import sentences as dec_sentences
from ui.decision import tables as dec_tables
from ui.workshop import sentences, tables
from ui.workshop.charts import weights_chart

NBSP = "\u00a0"
CUSTOMERS = pl.DataFrame(
    {
        "customer_id": ["C1", "C2", "C3", "C4", "C5"],
        "customer_name": ["Alfa", "Beta", "Gamma", "Delta", "Epsilon"],
        "revenue": [100.0, 200.0, 300.0, 400.0, 500.0],
        "gross_margin": [500.0, 400.0, 300.0, 200.0, 100.0],
    }
)
NAMES = {"C1": "Alfa", "C2": "Beta", "C3": "Gamma", "C4": "Delta", "C5": "Epsilon"}
MASKED = {"C1": "Kund A05", "C2": "Kund A04", "C3": "Kund A03", "C4": "Kund A02", "C5": "Kund A01"}


def _agreed(scores: pl.DataFrame = NO_SCORES, pins: pl.DataFrame | None = None):
    weights = {"Anna": {"revenue": 100.0}, "Bo": {"revenue": 1.0, "gross_margin": 4.0}}
    return consensus(CUSTOMERS, weights=weights, scores=scores, pins_exclusions=pins, top=2)


# --- the chart ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "order", "mean"),
    [
        ("sv", ["Omsättning", "Täckningsbidrag"], "Medel"),
        ("en", ["Revenue", "Gross margin"], "Mean"),
    ],
)
def test_weights_chart_in_the_language(lang, order, mean):
    spec = weights_chart(_agreed(), lang=lang).to_dict()
    # Separators of axis and tooltip numbers come from the language's locale.
    assert spec["config"]["locale"] == vega_locale(lang)
    bars, dots = spec["layer"]
    assert bars["encoding"]["y"]["sort"] == order
    assert bars["encoding"]["x"]["axis"]["format"] == "%"
    assert bars["encoding"]["tooltip"][1] == {
        "field": "mean_share",
        "type": "quantitative",
        "title": mean,
        "format": ".1%",
    }
    means = spec["datasets"][bars["data"]["name"]]
    assert [(r["criterion"], r["mean_share"]) for r in means] == list(
        zip(order, [pytest.approx(0.6), pytest.approx(0.4)], strict=True)
    )
    shares = spec["datasets"][dots["data"]["name"]]
    # One dot per participant and weighted criterion: Anna 1/0, Bo .2/.8.
    assert sorted((r["participant"], r["share"]) for r in shares) == [
        ("Anna", 0.0),
        ("Anna", 1.0),
        ("Bo", 0.2),
        ("Bo", 0.8),
    ]


# --- sentences ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("sv", f"**Medelvikter** (2 deltagare): Omsättning 60{NBSP}% · Täckningsbidrag 40{NBSP}%"),
        ("en", "**Mean weights** (2 participants): Revenue 60% · Gross margin 40%"),
    ],
)
def test_mean_line(lang, expected):
    assert sentences.mean_line(_agreed(), lang=lang) == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("sv", "3 har anslutit, 2 har skickat in vikter."),
        ("en", "3 have joined, 2 have sent their weights."),
    ],
)
def test_joined_line(lang, expected):
    table = pl.DataFrame({"name": ["Anna", "Bo", "Cilla"], "submitted": [True, True, False]})
    assert sentences.joined_line(table, lang=lang) == expected


def test_names_line_marks_who_sent_and_escapes_names():
    table = pl.DataFrame({"name": ["Anna", "*Bo*"], "submitted": [True, False]})
    assert sentences.names_line(table) == "**Anna** ✓ · **\\*Bo\\*** …"


@pytest.mark.parametrize(
    ("lang", "now_a", "direction", "expected"),
    [
        ("sv", True, "down", "Epsilon lämnar A om Omsättning sänks från 60 till 40,0."),
        ("en", True, "down", "Epsilon leaves A if Revenue drops from 60 to 40.0."),
        ("sv", False, "up", "Epsilon kommer in i A om Omsättning höjs från 60 till 72,5."),
    ],
)
def test_flip_sentence(lang, now_a, direction, expected):
    threshold = 40.0 if direction == "down" else 72.5
    flip = {
        "criterion": "revenue",
        "current": 60.0,
        "threshold": threshold,
        "direction": direction,
        "now_a": now_a,
    }
    assert sentences.flip_sentence(flip, "Epsilon", lang=lang) == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("sv", "Data · 2025-11-01 – 2026-10-31 · topp 20"),
        ("en", "Data · 1 Nov 2025 – 31 Oct 2026 · top 20"),
    ],
)
def test_period_text(lang, expected):
    period = Period(date(2025, 11, 1), date(2026, 10, 31))
    assert sentences.period_text({"top_n": 20}, "Data", period, lang=lang) == expected


def test_shares_line_leaves_out_unweighted_criteria():
    shares = {"revenue": 0.6, "gross_margin": 0.4, "frequency": 0.0}
    assert sentences.shares_line(shares, lang="sv") == (
        f"Andel av poängen: Omsättning 60{NBSP}% · Täckningsbidrag 40{NBSP}%"
    )


# --- tables ----------------------------------------------------------------------------------


def test_consensus_frame_top_with_agreement():
    frame = tables.consensus_frame(_agreed(), NAMES, top=2, lang="sv")
    assert list(frame.columns) == list(tables.CONSENSUS_COLUMNS)
    assert frame["customer_id"].to_list() == ["C5", "C4"]
    assert frame["customer_name"].to_list() == ["Epsilon", "Delta"]
    assert frame["score"].to_list() == [60.0, 55.0]
    assert frame["agreement"].to_list() == ["1 av 2", "1 av 2"]
    assert frame["who"].to_list() == ["Anna", "Anna"]


def test_consensus_frame_masked_shows_pseudonyms_without_numbers():
    frame = tables.consensus_frame(_agreed(), MASKED, top=2, lang="en", show_ids=False)
    assert "customer_id" not in frame.columns
    assert frame["customer_name"].to_list() == ["Kund A01", "Kund A02"]
    assert frame["agreement"].to_list() == ["1 of 2", "1 of 2"]


def test_consensus_frame_lists_the_excluded_with_their_reason():
    pins = pl.DataFrame({"customer_id": ["C5"], "kind": ["exclude"], "reason": ["Säljs"]})
    frame = tables.consensus_frame(_agreed(pins=pins), NAMES, top=2, lang="sv")
    # C5 leaves the list: C4 and C3 are the top 2, then C5 as excluded.
    assert frame["customer_id"].to_list() == ["C4", "C3", "C5"]
    # In the list one short word says what the customer is: pinned or excluded.
    assert frame["override"].to_list() == ["", "", "Utesluten"]
    assert frame["reason"].to_list() == ["", "", "Säljs"]
    # Four customers ranked: one A (20 %), one B (30 %). The excluded one has neither
    # rank nor tier (shown as "–").
    assert frame.select("rank", "tier").rows() == [(1, "A"), (2, "B"), (None, None)]
    pinned = pl.DataFrame({"customer_id": ["C1"], "kind": ["pin"], "reason": ["Partner"]})
    frame = tables.consensus_frame(_agreed(pins=pinned), NAMES, top=2, lang="en")
    assert frame.select("customer_id", "override").rows() == [("C1", "Pinned"), ("C5", "")]


def test_consensus_list_on_a_projector_leaves_out_the_number_and_whose_lists():
    frame = tables.consensus_frame(_agreed(), NAMES, top=2, lang="sv")
    desk = ["rank", "tier", "customer_id", "customer_name", "score", "agreement"]
    desk += ["override", "reason", "who"]
    # Whose top lists, the longest text, is the last column at a desk.
    assert tables.consensus_columns(frame.columns, presenting=False) == desk
    assert tables.consensus_columns(frame.columns, presenting=True) == [
        "rank", "tier", "customer_name", "score", "agreement", "override", "reason"
    ]  # fmt: skip


def test_queue_frame_names_whose_lists_hold_each_customer():
    frame = tables.queue_frame(_agreed(), NAMES)
    rows = {r["customer"]: r for r in frame.iter_rows(named=True)}
    assert set(rows) == {"Epsilon", "Delta", "Beta", "Alfa"}
    assert (rows["Epsilon"]["in_top_of"], rows["Epsilon"]["not_in_top_of"]) == ("Anna", "Bo")
    assert (rows["Alfa"]["in_top_of"], rows["Alfa"]["rank"]) == ("Bo", 5)


def test_spread_frame_mean_and_spread_per_customer_and_criterion():
    scores = pl.DataFrame(
        {
            "participant": ["Anna", "Bo"],
            "customer_id": ["C1", "C1"],
            "criterion": ["strategic_fit", "strategic_fit"],
            "value": [5.0, 2.0],
        }
    )
    frame = tables.spread_frame(_agreed(scores=scores), MASKED, lang="sv")
    assert frame.row(0, named=True) == {
        "customer": "Kund A05",
        "criterion": "Strategisk passform",
        "mean": 3.5,
        "min": 2.0,
        "max": 5.0,
        "spread": 3.0,
        "n": 2,
    }


@pytest.mark.parametrize(("lang", "share"), [("sv", f"50{NBSP}%"), ("en", "50%")])
def test_border_frame(lang, share):
    stable = pl.DataFrame(
        {
            "customer_id": ["C5", "C4", "C1"],
            "p_a": [1.0, 0.5, 0.0],
            "rank_p05": [1, 1, 4],
            "rank_p95": [1, 3, 5],
            "status": ["always_a", "border", "never_a"],
        }
    )
    frame = tables.border_frame(stable, NAMES, lang=lang)
    assert frame.rows() == [("Delta", share, "1–3")]


@pytest.mark.parametrize(
    ("lang", "labels"),
    [
        ("sv", {"customer": "Kund", "p_a": "Andel A", "range": "Rang (5–95 %)"}),
        ("en", {"customer": "Customer", "p_a": "Share in A", "range": "Rank (5–95%)"}),
    ],
)
def test_column_labels_follow_the_language(lang, labels):
    assert tables.column_labels(tables.BORDER_COLUMNS, lang=lang) == labels


# --- decisions -------------------------------------------------------------------------------

DECISION = {
    "name": "Fokuslista 2027",
    "decided_on": date(2026, 12, 2),
    "workshop_name": None,
    "dataset_name": "Testbolaget",
    "period_from": date(2025, 12, 1),
    "period_to": date(2026, 11, 30),
    "participants": ["Anna", "Bo"],
    "notes": None,
    "weights": {"revenue": 60.0, "gross_margin": 40.0},
}
LISTED = pl.DataFrame(
    {
        "customer_id": ["C5", "C1"],
        "customer_name": ["Kund A01", "Kund A05"],
        "rank": [1, None],
        "tier": ["A", None],
        "score": [60.04, 40.0],
        "override": [None, "exclude"],
        "reason": [None, "=1+2"],
    },
    schema_overrides={"rank": pl.Int64},
)


@pytest.mark.parametrize(
    ("lang", "when", "period"),
    [
        ("sv", "2026-12-02", "2025-12-01 – 2026-11-30"),
        ("en", "2 Dec 2026", "1 Dec 2025 – 30 Nov 2026"),
    ],
)
def test_decisions_frame_dates_in_the_language(lang, when, period):
    table = pl.DataFrame(
        {
            "name": ["Fokuslista 2027"],
            "decided_on": [date(2026, 12, 2)],
            "workshop_name": [None],
            "dataset_name": ["Testbolaget"],
            "period_from": [date(2025, 12, 1)],
            "period_to": [date(2026, 11, 30)],
            "participants": [["Anna", "Bo"]],
            "a_customers": [1],
        },
        schema_overrides={"workshop_name": pl.String},
    )
    frame = dec_tables.decisions_frame(table, lang=lang)
    assert frame.row(0) == ("Fokuslista 2027", when, "", "Testbolaget", period, "Anna, Bo", 1)


def test_listed_frame_words_the_exclusion_and_hides_numbers_when_asked():
    frame = dec_tables.listed_frame(LISTED, lang="en", show_ids=False)
    assert list(frame.columns) == [c for c in dec_tables.LIST_COLUMNS if c != "customer_id"]
    assert frame["override"].to_list() == ["", "Exclude"]
    assert frame["score"].to_list() == [60.0, 40.0]


def test_decision_workbook_in_english_without_numbers_while_masked():
    book = openpyxl.load_workbook(
        io.BytesIO(dec_tables.decision_workbook(DECISION, LISTED, lang="en", show_ids=False))
    )
    assert book.sheetnames == ["Decision", "Focus list", "Weights"]
    rows = list(book["Focus list"].iter_rows(values_only=True))
    assert rows[0] == ("Rank", "Tier", "Customer name", "Score", "Fixed", "Reason")
    # The exact score in the file; a reason that looks like a formula stays text.
    assert rows[1][:4] == (1, "A", "Kund A01", 60.04)
    assert rows[2][-1] == "=1+2"
    weights = list(book["Weights"].iter_rows(values_only=True))
    assert weights[1:] == [("Revenue", 60.0), ("Gross margin", 40.0)]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("sv", "Beta: plats 4 → 2, främst Omsättning (200 → 350)"),
        ("en", "Beta: place 4 → 2, mainly Revenue (200 → 350)"),
    ],
)
def test_moved_line(lang, expected):
    row = {
        "rank_before": 4,
        "rank_after": 2,
        "criterion": "revenue",
        "value_before": 200.0,
        "value_after": 350.0,
    }
    assert dec_sentences.moved_line(row, "Beta", lang=lang) == expected


@pytest.mark.parametrize(("value", "text"), [(3.5, "3,5"), (99.94, "99,9"), (1234.0, "1 234")])
def test_value_text_one_decimal_below_a_hundred(value, text):
    assert dec_sentences.value_text(value, lang="sv").replace(NBSP, " ") == text


def test_meta_line():
    assert dec_sentences.meta_line(DECISION, lang="sv") == (
        "2026-12-02 · Testbolaget · 2025-12-01 – 2026-11-30 · deltagare: Anna, Bo"
    )


def test_the_decision_sheet_writes_its_days_as_dates():
    book = openpyxl.load_workbook(
        io.BytesIO(dec_tables.decision_workbook(DECISION, LISTED, lang="sv"))
    )
    rows = list(book["Beslut"].iter_rows(values_only=True))
    assert rows == [
        ("Namn", "Datum", "Workshop", "Data", "Period från", "Period till", "Deltagare",
         "Anteckningar"),
        ("Fokuslista 2027", datetime(2026, 12, 2), None, "Testbolaget", datetime(2025, 12, 1),
         datetime(2026, 11, 30), "Anna, Bo", None),
    ]  # fmt: skip
    # Real dates, shown as days: Excel can sort and count with them.
    day = book["Beslut"]["B2"]
    assert day.is_date
    assert day.number_format == "yyyy-mm-dd"


_DECIDED = {"name": "Fokuslista 2027", "decided_on": date(2026, 12, 2), "participants": ["Anna"]}


@pytest.mark.parametrize(
    ("joined", "expected"),
    [
        (
            [("Anna", True), ("Bo", False)],
            "Beslutet Fokuslista 2027 sparades 2026-12-02 med vikterna från Anna.",
        ),
        (
            [("Anna", True), ("*Bo*", True)],
            "Beslutet Fokuslista 2027 sparades 2026-12-02 med vikterna från Anna. Sedan dess "
            "har \\*Bo\\* skickat in vikter: samsynen här räknar med dem, det sparade beslutet "
            "inte.",
        ),
    ],
    ids=["nobody_since", "one_since"],
)
def test_the_screen_says_who_sent_weights_after_the_decision(joined, expected):
    # Bo without weights does not count; a name is escaped (shown as its characters).
    table = pl.DataFrame(joined, schema=["name", "submitted"], orient="row")
    assert sentences.decided_line(_DECIDED, table, lang="sv") == expected
