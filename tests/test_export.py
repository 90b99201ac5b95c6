"""Exports are safe to open in Excel: text that looks like a formula stays text."""

from __future__ import annotations

import io

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
