"""The health check's builders without Streamlit: sentences, headings, the summary, the
next steps and question 3's table, in Swedish and English, from literal questions."""

from __future__ import annotations

from datetime import datetime

import pytest

from ui.health.sentences import (
    figure_sentence,
    missing_text,
    next_steps_text,
    question_heading,
    summary_texts,
)
from ui.health.tables import tier_frame

NBSP = "\u00a0"


def _item(number: int, *, source: str = "data", answer=None, value=None, **facts) -> dict:
    return {
        "number": number,
        "source": source,
        "answer": answer,
        "value": value,
        "facts": facts,
        "note": "",
        "answered_at": None,
    }


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "sv",
            f"1{NBSP}200 kunder har köpt under perioden, 1{NBSP}500 kunder finns i data totalt.",
        ),
        ("en", "1,200 customers bought in the period, 1,500 customers in the data in all."),
    ],
)
def test_question_1_counts_customers(lang, expected):
    item = _item(1, value=1200, active=1200, total=1500)
    assert figure_sentence(item, currency="SEK", lang=lang) == expected


def test_question_4_gives_the_lost_margin_in_the_currency():
    item = _item(4, value=3, share=0.25, margin=-2_500_000)
    text = figure_sentence(item, currency="EUR", lang="en")
    assert text.startswith("3 customers (25% of those with a known cost) are unprofitable, ")
    assert "-EUR 2.5M of margin together." in text


def test_question_4_when_every_customer_is_profitable():
    item = _item(4, value=0, share=0.0, margin=0)
    assert figure_sentence(item, currency="SEK", lang="en") == (
        "Every customer with a known cost is profitable."
    )


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (6, f"Nöjdhet finns för 40 av periodens kunder (80{NBSP}%), i snitt 4,3 av 5."),
        (7, f"NPS finns för 40 av periodens kunder (80{NBSP}%), i snitt 4."),
    ],
)
def test_surveys_give_coverage_and_mean(number, expected):
    item = _item(number, value=4.26, customers=40, coverage=0.8)
    assert figure_sentence(item, currency="SEK", lang="sv") == expected


def test_question_3_without_any_assessment():
    tiers = {t: {"customers": 2, "assessed": 0} for t in "ABC"}
    assert figure_sentence(_item(3, value=tiers), currency="SEK", lang="en") == (
        "The team has not assessed any customer's potential yet."
    )


def test_a_team_question_has_no_sentence():
    assert figure_sentence(_item(5, source="team"), currency="SEK", lang="sv") is None


def test_heading_has_the_question_the_badge_and_the_source():
    heading = question_heading(_item(4, answer="no"), lang="en")
    assert heading == (
        "**4.** Are all your customer relationships profitable?  \n"
        ":red-badge[No] Answered by the data"
    )


def test_unanswered_heading_is_grey():
    heading = question_heading(_item(8, source="unknown"), lang="sv")
    assert heading.endswith(":gray-badge[Okänt] Ej besvarad")


def test_missing_text_only_where_the_question_has_one():
    assert missing_text(4, lang="en") == (
        "The export has no cost: import a cost or gross margin column."
    )
    assert missing_text(5, lang="en") is None


def test_summary_counts_and_last_answer():
    questions = [
        _item(1, answer="yes"),
        _item(2, answer="yes"),
        _item(3, answer="no"),
        {**_item(5, source="team", answer="partly"), "answered_at": datetime(2026, 3, 4, 10)},
        _item(8, source="unknown"),
    ]
    summary = summary_texts(questions, lang="en")
    assert summary.score == "2 of 5"
    assert summary.counts == "1 partly · 1 no · 1 unanswered"
    assert summary.last == "The team last answered on 4 Mar 2026."


def test_next_steps_list_each_no_in_order():
    questions = [_item(3, answer="no"), _item(4, answer="yes"), _item(4, answer="no")]
    text = next_steps_text(questions, lang="en")
    assert text.splitlines() == [
        "- **3.** Score the potential (1–5) of the A customers under Team assessment.",
        "- **4.** Decide for each unprofitable customer: end the relationship, or will it "
        "pay off over time?",
    ]
    assert next_steps_text([_item(4, answer="yes")], lang="en") is None


def test_tier_frame_writes_means_in_the_language():
    tiers = {
        "A": {"customers": 2, "assessed": 1, "potential": 3.26, "growth": 12.6},
        "B": {"customers": 3, "assessed": 0, "potential": None, "growth": -4.0},
    }
    frame = tier_frame(tiers, lang="sv")
    assert frame.columns == [
        "Nivå",
        "Kunder",
        "Bedömd potential",
        "Potential (snitt 1–5)",
        "Tillväxt, median (%)",
    ]
    assert frame.rows() == [("A", 2, 1, "3,3", "13"), ("B", 3, 0, "–", "−4")]
