"""Vectorised parsing rules for numbers and dates in exports, as polars expressions.

Every rule works on a text column and turns what cannot be read into null, so the
caller can reject the row with a reason instead of guessing. Decisions that depend on
the whole column (decimal comma or point; `dd/mm` or `mm/dd`) are taken from evidence
gathered over all values of that column (`number_evidence`, `date_evidence`).
"""

from __future__ import annotations

import polars as pl

__all__ = [
    "DATE_FORMATS",
    "choose_date_format",
    "choose_decimal",
    "date_evidence",
    "number_evidence",
    "parse_date",
    "parse_number",
]

# Spaces used as thousands separators: plain, no-break, narrow no-break, thin; also `'`.
_SPACES = r"[\s\u00a0\u202f\u2009']"
_CURRENCY = r"(?i)(kr\.?|sek|nok|dkk|eur|usd|gbp|€|\$|£|:-)"
_MINUS = "\u2212"  # the typographic minus sign


def _clean_number_text(expr: pl.Expr) -> pl.Expr:
    """Strip spaces, currency and signs, leaving digits and separators."""
    text = expr.str.strip_chars().str.replace_all(_CURRENCY, "").str.replace_all(_SPACES, "")
    return text.str.replace_all(r"^[+\-(" + _MINUS + r"]+|[\-)%" + _MINUS + r"]+$", "")


def _is_negative(expr: pl.Expr) -> pl.Expr:
    text = expr.str.strip_chars().str.replace_all(_CURRENCY, "").str.strip_chars()
    return (
        text.str.starts_with("-")
        | text.str.starts_with(_MINUS)
        | text.str.ends_with("-")
        | text.str.ends_with(_MINUS)
        | (text.str.starts_with("(") & text.str.ends_with(")"))
    )


def number_evidence(column: str) -> list[pl.Expr]:
    """Aggregations that count which decimal separator the values of `column` show.

    Returns two expressions, `<column>__comma` and `<column>__point`: the number of values
    that can only be read with a decimal comma, resp. point. `1 234,50`, `12,5`, `1.234,5`
    count for comma; `1234.50`, `1,234.5` for point; `1,234` and `1.234` for neither.
    """
    text = _clean_number_text(pl.col(column))
    both = text.str.contains(r"\.") & text.str.contains(",")
    comma_last = text.str.contains(r",\d*$") & both
    only_comma = text.str.contains(",") & ~both
    only_point = text.str.contains(r"\.") & ~both
    ambiguous_comma = text.str.contains(r"^\d{1,3}(,\d{3})+$")
    ambiguous_point = text.str.contains(r"^\d{1,3}(\.\d{3})+$")
    comma = (both & comma_last) | (only_comma & ~ambiguous_comma)
    point = (both & ~comma_last) | (only_point & ~ambiguous_point)
    return [
        comma.sum().alias(f"{column}__comma"),
        point.sum().alias(f"{column}__point"),
    ]


def choose_decimal(comma: int, point: int, *, default: str) -> str:
    """Pick the decimal separator of a column from its evidence counts.

    `default` (`","` or `"."`) decides when the values say nothing (whole numbers, or only
    ambiguous `1.234`); the importer takes it from the file (a `;`-separated file is
    usually decimal comma).
    """
    if comma > point:
        return ","
    if point > comma:
        return "."
    return default


def parse_number(expr: pl.Expr, *, decimal: str) -> pl.Expr:
    """Read a text column as a number (Float64), null where it cannot be read.

    Handles thousands separated by space, no-break space, point or comma (whichever is not
    the decimal), `1234,50-` and `(1 234,50)` as negatives, leading `+`/`-`/`−`, currency
    words and signs (`kr`, `SEK`, `EUR`, `€`, `:-`) before or after. A value with both `.`
    and `,` is read by itself: the last of them is the decimal separator. So is a value
    whose only separator cannot be a thousands separator (`1234.5` in a decimal-comma
    column is 1234.5, not 12345); `1.234` and `1,234` follow the column's `decimal`.
    """
    text = _clean_number_text(expr)
    has_point = text.str.contains(r"\.")
    has_comma = text.str.contains(",")
    both = has_point & has_comma
    comma_last = text.str.contains(r",\d*$")
    if decimal == ",":
        point_is_decimal = has_point & ~text.str.contains(r"^\d{1,3}(\.\d{3})+$")
        single = ~point_is_decimal
    else:
        single = has_comma & ~text.str.contains(r"^\d{1,3}(,\d{3})+$")
    dec_comma = (both & comma_last) | (~both & single)
    as_comma = text.str.replace_all(r"\.", "").str.replace(",", ".")
    as_point = text.str.replace_all(",", "")
    normal = pl.when(dec_comma).then(as_comma).otherwise(as_point)
    valid = normal.str.contains(r"^(\d+\.?\d*|\.\d+)$")
    value = pl.when(valid).then(normal).otherwise(None).cast(pl.Float64, strict=False)
    return pl.when(_is_negative(expr)).then(-value).otherwise(value)


# Date formats the importer knows, in order of preference when two read equally many
# values (`dd/mm` before `mm/dd`: the users are Scandinavian). Each entry: a regex the value
# must match, and how to read the first token of the value.
DATE_FORMATS: dict[str, tuple[str, str]] = {
    "iso": (r"^\d{4}-\d{1,2}-\d{1,2}", "%Y-%m-%d"),
    "ymd_slash": (r"^\d{4}/\d{1,2}/\d{1,2}", "%Y/%m/%d"),
    "ymd_compact": (r"^\d{8}$", "%Y%m%d"),
    "dmy_dot": (r"^\d{1,2}\.\d{1,2}\.\d{4}", "%d.%m.%Y"),
    "dmy_slash": (r"^\d{1,2}/\d{1,2}/\d{4}", "%d/%m/%Y"),
    "mdy_slash": (r"^\d{1,2}/\d{1,2}/\d{4}", "%m/%d/%Y"),
    "dmy_dash": (r"^\d{1,2}-\d{1,2}-\d{4}", "%d-%m-%Y"),
    "excel_serial": (r"^\d{5}(\.\d+)?$", ""),
}

_EXCEL_EPOCH = pl.date(1899, 12, 30)
# Serial numbers from 1954 to 2119: outside that a five-digit number is not a date.
_SERIAL_MIN, _SERIAL_MAX = 20000, 80000


def _first_token(expr: pl.Expr) -> pl.Expr:
    # Timestamps: keep the date part ("2024-01-05 13:45", "2024-01-05T13:45:00Z").
    return expr.str.strip_chars().str.extract(r"^([^\sT]+)", 1)


def parse_date(expr: pl.Expr, *, fmt: str) -> pl.Expr:
    """Read a text column as a Date with one of `DATE_FORMATS`; null where it does not fit."""
    pattern, strftime = DATE_FORMATS[fmt]
    token = _first_token(expr)
    if fmt == "excel_serial":
        serial = token.cast(pl.Float64, strict=False).floor()
        ok = token.str.contains(pattern) & serial.is_between(_SERIAL_MIN, _SERIAL_MAX)
        days = pl.duration(days=serial.cast(pl.Int64, strict=False))
        return pl.when(ok).then(_EXCEL_EPOCH + days).otherwise(None).cast(pl.Date)
    matches = expr.str.strip_chars().str.contains(pattern)
    parsed = token.str.strptime(pl.Date, strftime, strict=False)
    return pl.when(matches).then(parsed).otherwise(None)


def date_evidence(column: str) -> list[pl.Expr]:
    """Aggregations counting how many values of `column` each date format reads.

    One expression per format, named `<column>__<format>`.
    """
    return [
        parse_date(pl.col(column), fmt=fmt).is_not_null().sum().alias(f"{column}__{fmt}")
        for fmt in DATE_FORMATS
    ]


def choose_date_format(counts: dict[str, int]) -> tuple[str | None, bool]:
    """Pick the format that reads most values; earlier formats win ties.

    Returns `(format, ambiguous)`; `ambiguous` is true when `dd/mm` and `mm/dd` read the
    same values (every day ≤ 12) so that the choice rests on the preference alone.
    Returns `(None, False)` when no format reads any value.
    """
    best = max(DATE_FORMATS, key=lambda fmt: (counts.get(fmt, 0), -list(DATE_FORMATS).index(fmt)))
    if counts.get(best, 0) == 0:
        return None, False
    ambiguous = best == "dmy_slash" and counts.get("mdy_slash", 0) == counts[best]
    return best, ambiguous
