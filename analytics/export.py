"""Files for people: CSV that is safe to open in Excel (no live formulas from data), with
numbers as they are: exact amounts (decimals) written as stored, computed floats (scores,
shares) without binary noise (`430419,38999999996` is never written)."""

from __future__ import annotations

import io
import math
from decimal import Decimal

import polars as pl

__all__ = ["FLOAT_DECIMALS", "neutralise_formulas", "to_csv_bytes", "to_excel_bytes"]

# Computed floats are written with at most this many decimals.
FLOAT_DECIMALS = 6

# A cell starting with one of these is run as a formula by Excel and LibreOffice.
_FORMULA_START = r"^[=+\-@\t\r]"


def neutralise_formulas(frame: pl.DataFrame) -> pl.DataFrame:
    """Prefix `'` to text values that a spreadsheet would run as a formula.

    Only text columns change; numbers stay numbers (a negative amount is not a formula).
    """
    return frame.with_columns(
        pl.when(pl.col(name).str.contains(_FORMULA_START))
        .then(pl.lit("'") + pl.col(name))
        .otherwise(pl.col(name))
        .alias(name)
        for name, dtype in frame.schema.items()
        if dtype == pl.String
    )


def _without_noise(frame: pl.DataFrame) -> pl.DataFrame:
    """Floats rounded to `FLOAT_DECIMALS` (0.1 + 0.2 is written 0.3); decimals as they are."""
    return frame.with_columns(
        pl.col(name).round(FLOAT_DECIMALS)
        for name, dtype in frame.schema.items()
        if dtype.is_float()
    )


def to_csv_bytes(frame: pl.DataFrame, *, separator: str = ";") -> bytes:
    """The frame as UTF-8 CSV with BOM (so Excel reads å, ä, ö), formulas neutralised.

    With `;` as separator decimals are written with a comma (`1234,5`), as a Swedish or
    Danish Excel expects them; with `,` they keep the point. Exact amounts are written as
    stored, floats without binary noise (see `_without_noise`).
    """
    text = neutralise_formulas(_without_noise(frame)).write_csv(
        separator=separator, decimal_comma=separator == ";"
    )
    return ("\ufeff" + text).encode("utf-8")


def to_excel_bytes(sheets: dict[str, pl.DataFrame]) -> bytes:
    """An XLSX workbook with one sheet per entry, every text cell written as text.

    Text is written with `write_string`, so a customer called `=HYPERLINK(...)` stays
    text and never becomes a formula; numbers stay numbers (exact amounts as the nearest
    number Excel holds, floats without binary noise), dates become text in ISO form.
    """
    import xlsxwriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
    bold = workbook.add_format({"bold": True})
    for name, frame in sheets.items():
        sheet = workbook.add_worksheet(name[:31])
        for col, header in enumerate(frame.columns):
            sheet.write_string(0, col, str(header), bold)
            sheet.set_column(col, col, max(10, min(40, len(str(header)) + 2)))
        for row_index, row in enumerate(_without_noise(frame).iter_rows(), start=1):
            for col, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, bool):
                    sheet.write_boolean(row_index, col, value)
                elif isinstance(value, Decimal):
                    sheet.write_number(row_index, col, float(value))
                elif isinstance(value, int | float):
                    if math.isfinite(value):
                        sheet.write_number(row_index, col, value)
                else:
                    sheet.write_string(row_index, col, str(value))
        sheet.freeze_panes(1, 0)
    workbook.close()
    return buffer.getvalue()
