"""Files for people: CSV that is safe to open in Excel (no live formulas from data)."""

from __future__ import annotations

import polars as pl

__all__ = ["neutralise_formulas", "to_csv_bytes"]

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


def to_csv_bytes(frame: pl.DataFrame, *, separator: str = ";") -> bytes:
    """The frame as UTF-8 CSV with BOM (so Excel reads å, ä, ö), formulas neutralised."""
    text = neutralise_formulas(frame).write_csv(separator=separator)
    return ("\ufeff" + text).encode("utf-8")
