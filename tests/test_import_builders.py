"""The import page's builders without Streamlit: the preview's rows, the rejected rows,
the imports' table and the page's texts, in Swedish and English."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal

import polars as pl
import pytest

from analytics.ingest.errors import IngestError
from analytics.ingest.pipeline import ImportReport
from locales import catalog
from tests.paths import ROOT
from tests.samples import import_text
from ui.i18n import error_text
from ui.imports.sentences import (
    KIND_CHOICES,
    STAGE_KEYS,
    new_name,
    reasons_line,
    report_period,
    stage_text,
)
from ui.imports.tables import (
    KIND_KEYS,
    history_labels,
    history_table,
    preview_decimals,
    preview_table,
    rejected_labels,
)

ROWS = pl.DataFrame(
    {
        "customer_name": ["Åkesson AB", None],
        "invoice_date": [date(2024, 1, 5), None],
        "revenue": [1234.5, 70.0],
        "quantity": [3.0, 1.0],
        "reason": [None, "missing_date"],
    }
)


@pytest.mark.parametrize(
    ("lang", "dates", "reasons"),
    [("sv", ["2024-01-05", ""], ["", "Datum saknas"]), ("en", ["5 Jan 2024", ""], ["", "No date"])],
)
def test_preview_writes_dates_and_reasons_in_the_language(lang, dates, reasons):
    shown = preview_table(ROWS, lang=lang)
    assert shown["invoice_date"].to_list() == dates
    assert shown["reason"].to_list() == reasons


def test_preview_keeps_numbers_and_empties_missing_text():
    shown = preview_table(ROWS, lang="sv")
    assert shown["customer_name"].to_list() == ["Åkesson AB", ""]
    assert shown["revenue"].to_list() == [1234.5, 70.0]


def test_preview_decimals_whole_quantities_and_cents():
    assert preview_decimals(ROWS.columns) == {"revenue": 2, "quantity": 0}


def test_every_stage_of_an_import_has_a_text():
    # The stages the importer reports, read from its source (every module of it).
    source = "\n".join(p.read_text("utf-8") for p in (ROOT / "analytics" / "ingest").glob("*.py"))
    stages = set(re.findall(r'progress\([^,]+, "(\w+)"\)', source))
    assert {"reading", "checking", "parsing", "saving", "done"} <= stages
    assert stages <= set(STAGE_KEYS)
    assert set(STAGE_KEYS.values()) <= set(catalog("en"))
    assert stage_text("reading", lang="sv") == "Läser filen"


def test_kinds_have_names():
    assert set(KIND_CHOICES) == {"sales", "customers"}
    # The imports' table also lists the account plans imported on the plans page.
    assert set(KIND_KEYS) == {"sales", "customers", "plans"}


def test_history_names_the_kind_and_the_currency():
    history = pl.DataFrame(
        {
            "import_id": [2],
            "kind": ["customers"],
            "file_name": ["kunder.csv"],
            "imported_at": [datetime(2026, 3, 4, 10, 15, 30)],
            "rows_loaded": [10],
            "rows_rejected": [0],
            "revenue_loaded": [None],
            "first_date": [None],
            "last_date": [None],
        }
    )
    shown = history_table(history, lang="en")
    assert shown.row(0)[:4] == (2, "Customer master", "kunder.csv", "2026-03-04 10:15")
    labels = history_labels(currency="EUR", lang="en")
    assert list(labels) == shown.columns
    assert (labels["import_id"], labels["revenue_loaded"]) == ("No.", "Amount (EUR)")


def test_rejected_amount_names_the_currency():
    assert rejected_labels(currency="NOK", lang="sv")["revenue"] == "Belopp (NOK)"


def _report(**changes) -> ImportReport:
    fields = {
        "import_id": 1,
        "file_name": "export.csv",
        "dataset": "Test",
        "rows_read": 3,
        "rows_loaded": 1,
        "rows_rejected": 2,
        "revenue_loaded": Decimal("100"),
        "revenue_rejected": Decimal("5"),
        "customers": 1,
        "first_date": date(2024, 1, 5),
        "last_date": date(2024, 2, 10),
        "mapping": {},
        "cost_source": "none",
        "duplicate_lines": 0,
        "replaced_lines": 0,
    }
    return ImportReport(**(fields | changes))


def test_rejected_rows_are_counted_by_reason():
    report = _report(rejected_reasons={"missing_date": 1200, "missing_amount": 1})
    assert reasons_line(report, lang="en") == "No date: 1,200 · No amount: 1"


def test_report_period_in_the_language():
    assert report_period(_report(), lang="en") == "5 Jan 2024 – 10 Feb 2024"


@pytest.mark.parametrize(
    ("taken", "expected"),
    [([], "export"), (["export"], "export (2)"), (["export", "export (2)"], "export (3)")],
)
def test_a_taken_name_gets_the_next_number(taken, expected):
    assert new_name("export", taken) == expected


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_nothing_loaded_names_its_reasons_in_words(store, tmp_path, lang):
    # Both lines dated where no real invoice is: every row rejected as implausible.
    export = "Kundnr;Kundnamn;Fakturadatum;Belopp\n1;Alfa;0001-01-01;100\n2;Beta;9999-12-31;200\n"
    with pytest.raises(IngestError) as caught:
        import_text(store, export, tmp_path)
    text = error_text(caught.value, lang=lang)
    assert catalog(lang)["reason.implausible_date"] in text
    assert "implausible_date" not in text
    assert ": 2" in text
