"""The team assessment's builders without Streamlit: the editor's rows and columns, a score
file's rejected rows and columns, and the page's sentences, in Swedish and English."""

from __future__ import annotations

from datetime import datetime

import polars as pl
import pytest

from analytics.scoring import TEAM_CRITERIA
from analytics.team import TEAM_FILE_ERRORS, TEAM_REJECT_REASONS, TeamScoreError
from locales import catalog
from ui.team import sentences, tables

NBSP = "\u00a0"


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_reason_and_file_error_is_named_in_a_table(lang):
    assert set(tables.REASON_KEYS) == set(TEAM_REJECT_REASONS)
    assert set(sentences.FILE_ERROR_KEYS) == set(TEAM_FILE_ERRORS)
    assert {*tables.REASON_KEYS.values(), *sentences.FILE_ERROR_KEYS.values()} <= set(catalog(lang))


@pytest.mark.parametrize(("lang", "shown"), [("sv", f"12{NBSP}346"), ("en", "12,346")])
def test_editor_revenue_is_whole_units_as_text(lang, shown):
    rows = pl.DataFrame({"customer_id": ["1"], "customer_name": ["Alfa"], "revenue": [12345.5]})
    assert tables.editor_rows(rows, lang=lang)["revenue"].to_list() == [shown]


def test_editor_columns_name_the_currency_and_each_criterion():
    columns = tables.editor_columns(currency="EUR", lang="en")
    assert columns["revenue"].label == "Revenue 12 months (EUR)"
    assert list(columns)[3:] == list(TEAM_CRITERIA)
    assert columns["dependency"].label == "Dependency"
    assert columns["dependency"].help == "How much would it hurt if they left us? 1–5."


def _rejected(sheet: list[str | None]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "line_no": [3, 5],
            "sheet": sheet,
            "customer_id": ["K1", "K9"],
            "reason": ["out_of_range", "unknown_customer"],
            "column": ["Potential", None],
            "raw": ["7", "K9"],
        },
        schema_overrides={"sheet": pl.String},
    )


def test_rejected_rows_give_the_reason_in_words():
    shown = tables.rejected_rows(_rejected([None, None]), lang="sv")
    assert shown["reason"].to_list() == ["Utanför 1–5", "Kunden finns inte i datamängden"]
    assert "sheet" not in shown.columns


def test_rejected_rows_keep_the_sheet_of_a_workbook():
    assert "sheet" in tables.rejected_rows(_rejected(["Jan", None]), lang="en").columns


def test_last_assessed_says_when_and_by_whom():
    info = {
        "assessed_at": datetime(2026, 3, 4, 10, 15),
        "assessed_by": None,
        "customers": 1200,
        "scores": 3,
    }
    # Markdown: the time's colon is escaped (`:x:` would start a Streamlit icon).
    assert sentences.last_assessed(info, lang="en") == (
        "Last saved 4 Mar 2026 at 10\\:15 by unknown · customers assessed: 1,200, scores: 3"
    )
    assert sentences.last_assessed(None, lang="en") == "The team has not assessed any customer yet."


@pytest.mark.parametrize(
    ("count", "expected"), [(1, "1 bedömning sparad."), (1500, f"1{NBSP}500 bedömningar sparade.")]
)
def test_saved_text(count, expected):
    assert sentences.saved_text(count, lang="sv") == expected


def test_file_columns_escape_the_headers():
    text = sentences.file_columns({"customer_id": "Kund*nr", "potential": "Pot"}, lang="en")
    assert text == "Columns: Kund\\*nr → Customer number · Pot → Potential"


def test_file_error_names_the_columns():
    exc = TeamScoreError("no_customer_column", "x", columns="Belopp, Datum")
    assert sentences.file_error(exc, lang="en") == (
        "No column looks like a customer number or name. Columns in the file: Belopp, Datum."
    )
