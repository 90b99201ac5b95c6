"""Exports are safe to open in Excel: text that looks like a formula stays text."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import openpyxl
import polars as pl
import pytest

from analytics.export import neutralise_formulas, to_csv_bytes, to_excel_bytes

HOSTILE = pl.DataFrame(
    {
        "name": ['=HYPERLINK("http://x","klick")', "+46 8 123", "-2+3", "@SUM(A1)", "Åkesson AB"],
        "amount": [-1.5, 2.0, 3.0, None, 5.0],
    }
)


def test_excel_cells_are_never_formulas():
    workbook = openpyxl.load_workbook(io.BytesIO(to_excel_bytes({"Lista": HOSTILE})))
    sheet = workbook["Lista"]
    cells = [c for row in sheet.iter_rows() for c in row]
    assert all(c.data_type != "f" for c in cells)
    names = [sheet.cell(row=r, column=1).value for r in range(2, 7)]
    assert names == HOSTILE["name"].to_list()


def test_excel_keeps_numbers_as_numbers():
    workbook = openpyxl.load_workbook(io.BytesIO(to_excel_bytes({"Lista": HOSTILE})))
    sheet = workbook["Lista"]
    assert sheet.cell(row=2, column=2).value == -1.5
    assert sheet.cell(row=5, column=2).value is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=1+2", "'=1+2"),
        ("+46", "'+46"),
        ("-2", "'-2"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("Bo = chef", "Bo = chef"),
    ],
)
def test_neutralise_formulas(text, expected):
    frame = neutralise_formulas(pl.DataFrame({"t": [text], "n": [-1]}))
    assert frame.row(0) == (expected, -1)


def test_csv_has_bom_and_neutralised_text():
    data = to_csv_bytes(HOSTILE, separator=";")
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert "'=HYPERLINK" in text
    assert "Åkesson AB;5,0" in text


@pytest.mark.parametrize(("separator", "line"), [(";", "K1;1234,5;2"), (",", "K1,1234.5,2")])
def test_csv_decimals_follow_the_separator(separator, line):
    frame = pl.DataFrame({"id": ["K1"], "revenue": [1234.5], "invoices": [2]})
    text = to_csv_bytes(frame, separator=separator).decode("utf-8-sig")
    assert text.splitlines()[1] == line


TYPED = pl.DataFrame(
    {
        "customer": ["Byggnads AB", "A considerably longer customer name Aktiebolag"],
        "revenue": pl.Series(
            [Decimal("1234567.5000"), Decimal("-12.2500")], dtype=pl.Decimal(18, 4)
        ),
        "share": [0.125, 0.5],
        "first_purchase": [date(2026, 1, 31), date(2025, 12, 1)],
    }
)


def _typed_sheet():
    return openpyxl.load_workbook(io.BytesIO(to_excel_bytes({"S": TYPED})))["S"]


def test_excel_writes_dates_as_dates():
    cell = _typed_sheet().cell(row=2, column=4)
    assert cell.is_date
    assert cell.value.date() == date(2026, 1, 31)
    assert cell.number_format == "yyyy-mm-dd"


@pytest.mark.parametrize(("column", "number_format"), [(2, "#,##0"), (3, "#,##0.0")])
def test_excel_gives_numbers_a_format_by_type(column, number_format):
    sheet = _typed_sheet()
    assert sheet.cell(row=3, column=column).number_format == number_format


def test_excel_sizes_columns_to_their_content():
    sheet = _typed_sheet()
    long_name = len("A considerably longer customer name Aktiebolag")
    assert sheet.column_dimensions["A"].width >= long_name
    assert sheet.column_dimensions["C"].width < long_name
