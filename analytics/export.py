"""Files for people: CSV that is safe to open in Excel (no live formulas from data), with
numbers as they are: exact amounts (decimals) written as stored, computed floats (scores,
shares) without binary noise (`430419,38999999996` is never written)."""

from __future__ import annotations

import io
import math
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal

import polars as pl

from locales import catalog, plain
from locales.formats import money_unit

__all__ = [
    "FLOAT_DECIMALS",
    "PACK_FORMATS",
    "neutralise_formulas",
    "to_csv_bytes",
    "to_excel_bytes",
    "workshop_pack",
]

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


def to_excel_bytes(
    sheets: dict[str, pl.DataFrame],
    *,
    formats: Mapping[str, Mapping[str, str]] | None = None,
) -> bytes:
    """An XLSX workbook with one sheet per entry: text as text, numbers as numbers, dates
    as dates, each column as wide as its content.

    Text is written with `write_string`, so a customer called `=HYPERLINK(...)` stays
    text and never becomes a formula. Exact amounts (decimals) become the nearest number
    Excel holds, shown `#,##0`; floats lose their binary noise and show `#,##0.0`; dates
    show `yyyy-mm-dd`. `formats` maps a sheet name to {column header: Excel number
    format} (`#,##0`, `0.0`) for columns that need another; Excel shows every number in
    the reader's own separators.
    """
    import xlsxwriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
    bold = workbook.add_format({"bold": True})
    styles: dict[str, object] = {}

    def style(number_format: str | None) -> object | None:
        if number_format and number_format not in styles:
            styles[number_format] = workbook.add_format({"num_format": number_format})
        return styles.get(number_format) if number_format else None

    for name, frame in sheets.items():
        sheet = workbook.add_worksheet(name[:31])
        wanted = (formats or {}).get(name, {})
        clean = _without_noise(frame)
        for col, (header, dtype) in enumerate(clean.schema.items()):
            sheet.write_string(0, col, str(header), bold)
            column_style = style(wanted.get(header) or _default_format(dtype))
            sheet.set_column(col, col, _width(clean[header], str(header)), column_style)
        for row_index, row in enumerate(clean.iter_rows(), start=1):
            for col, value in enumerate(row):
                _write_cell(sheet, row_index, col, value)
        sheet.freeze_panes(1, 0)
    workbook.close()
    return buffer.getvalue()


# Excel number formats by column type, where the caller names none.
_DEFAULT_FORMATS = {"decimal": "#,##0", "float": "#,##0.0", "date": "yyyy-mm-dd"}
_DEFAULT_FORMATS["datetime"] = "yyyy-mm-dd hh:mm"


def _default_format(dtype: pl.DataType) -> str | None:
    if isinstance(dtype, pl.Decimal):
        return _DEFAULT_FORMATS["decimal"]
    if dtype.is_float():
        return _DEFAULT_FORMATS["float"]
    if isinstance(dtype, pl.Datetime):
        return _DEFAULT_FORMATS["datetime"]
    if dtype == pl.Date:
        return _DEFAULT_FORMATS["date"]
    return None


def _width(column: pl.Series, header: str) -> int:
    """Characters wide: the header or the longest of the first thousand values (a little
    room for separators), between 8 and 50."""
    sample = column.head(1000).cast(pl.String, strict=False).drop_nulls()
    longest = int(sample.str.len_chars().max() or 0) if sample.len() else 0
    return max(8, min(50, max(len(header), round(longest * 1.2)) + 2))


def _write_cell(sheet: object, row: int, col: int, value: object) -> None:
    if value is None:
        return
    if isinstance(value, bool):
        sheet.write_boolean(row, col, value)
    elif isinstance(value, Decimal):
        sheet.write_number(row, col, float(value))
    elif isinstance(value, int | float):
        if math.isfinite(value):
            sheet.write_number(row, col, value)
    elif isinstance(value, datetime | date):
        sheet.write_datetime(row, col, value)
    else:
        sheet.write_string(row, col, str(value))


# Excel number formats of the workshop pack: whole currency, one decimal for points and
# per cent values.
PACK_FORMATS = {"money": "#,##0", "points": "0.0", "percent": "0.0"}


def _pack_decision(decided: pl.DataFrame, who: list[pl.Expr], text: dict[str, str]) -> pl.DataFrame:
    """The decided list for the pack: rank, tier, the customer (as on the focus sheet),
    the team's call and its reason."""
    calls = {"pin": text["override.pin"], "exclude": text["override.exclude"]}
    return decided.select(
        pl.col("rank").alias(text["rank"]),
        pl.col("tier").alias(text["tier"]),
        *who,
        pl.col("override").replace_strict(calls, default=None).alias(text["override"]),
        pl.col("reason").alias(text["reason"]),
    )


# Over 60 lines: the three sheets of the pack (focus list, weights, health check) and
# their number formats are built side by side, so a column and its format read together.
def workshop_pack(
    scored: pl.DataFrame,
    *,
    weights: Mapping[str, float],
    questions: list[dict],
    currency: str,
    language: str = "sv",
    codes: Mapping[str, str] | None = None,
    decision: pl.DataFrame | None = None,
) -> bytes:
    """The workshop pack: an XLSX with the whole scored list (every customer, A/B/C),
    the weights, the health check and, with `decision` (`analytics.decision.
    decision_customers`), the decided list with the team's pins and exclusions.

    `scored` comes from `analytics.scoring.score_customers`; `questions` from
    `analytics.healthcheck.health_check`; `currency` the data set's (ISO code, named in
    the amount columns' headers: "Omsättning (EUR)"); `language` `sv` or `en`. With `codes`
    (customer id → pseudonym code, `analytics.masking.pseudonyms`) the customers appear as
    "Kund A01" and neither their names nor their numbers are written.
    """
    from analytics.healthcheck import question_text
    from analytics.scoring import CRITERIA, weight_shares

    text = {
        k.removeprefix("pack."): v for k, v in catalog(language).items() if k.startswith("pack.")
    }
    unit = money_unit(currency=currency, lang=language)
    for key in ("revenue", "gross_margin"):
        text[key] = f"{text[key]} ({unit})"
    names = {c.key: plain(f"criterion.{c.key}", lang=language) for c in CRITERIA}
    keys = [c.key for c in CRITERIA if f"contrib_{c.key}" in scored.columns]
    if codes is not None:
        who = [
            pl.col("customer_id")
            .replace_strict(
                {cid: text["customer_code"].format(code=code) for cid, code in codes.items()},
                default="",
            )
            .alias(text["customer"])
        ]
    else:
        who = [
            pl.col("customer_id").alias(text["customer_id"]),
            pl.col("customer_name").alias(text["customer"]),
        ]
    focus = scored.select(
        pl.col("rank").alias(text["rank"]),
        pl.col("tier").alias(text["tier"]),
        *who,
        pl.col("score").alias(text["score"]),
        pl.col("revenue").cast(pl.Float64).alias(text["revenue"]),
        pl.col("gross_margin").cast(pl.Float64).alias(text["gross_margin"]),
        pl.col("margin_pct").alias(text["margin_pct"]),
        pl.col("growth").alias(text["growth"]),
        *[pl.col(f"contrib_{k}").alias(f"{names[k]} ({text['points']})") for k in keys],
    )
    shares = weight_shares(dict(weights))
    weight_table = pl.DataFrame(
        {
            text["criterion"]: [names[k] for k in weights],
            text["weight"]: [float(w) for w in weights.values()],
            text["share"]: [shares[k] * 100 for k in weights],
        }
    )

    def figure(item: dict) -> float | None:
        value = item["value"]
        return float(value) if isinstance(value, int | float) else None

    health = pl.DataFrame(
        {
            text["number"]: [q["number"] for q in questions],
            text["question"]: [question_text(q["number"], language=language) for q in questions],
            text["source"]: [text[f"source.{q['source']}"] for q in questions],
            text["answer"]: [text.get(f"answer.{q['answer']}", "") for q in questions],
            text["value"]: [figure(q) for q in questions],
            text["note"]: [q["note"] or "" for q in questions],
            text["answered_at"]: [
                q["answered_at"].date() if q["answered_at"] else None for q in questions
            ],
        },
        schema_overrides={text["value"]: pl.Float64, text["answered_at"]: pl.Date},
    )
    points, money, percent = (PACK_FORMATS[k] for k in ("points", "money", "percent"))
    focus_formats = {
        text["score"]: points,
        text["revenue"]: money,
        text["gross_margin"]: money,
        text["margin_pct"]: percent,
        text["growth"]: percent,
        **{f"{names[k]} ({text['points']})": points for k in keys},
    }
    decided = (
        {} if decision is None else {text["sheet.decision"]: _pack_decision(decision, who, text)}
    )
    return to_excel_bytes(
        {
            text["sheet.focus"]: focus,
            text["sheet.weights"]: weight_table,
            text["sheet.health"]: health,
            **decided,
        },
        # Every number shows a fixed count of decimals: a format with optional ones
        # (`#,##0.#`) shows a whole number with a trailing separator in Excel (`1 140,`).
        # The health check's figures take the default for floats, `#,##0.0`.
        formats={
            text["sheet.focus"]: focus_formats,
            text["sheet.weights"]: {text["weight"]: points, text["share"]: percent},
        },
    )
