"""Vectorised parsing rules for numbers and dates in exports, as polars expressions.

Every rule works on a text column and turns what cannot be read into null, so the
caller can reject the row with a reason instead of guessing. Decisions that depend on
the whole column (decimal comma or point; `dd/mm` or `mm/dd`) are taken from evidence
gathered over all values of that column (`number_evidence`, `date_evidence`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

import polars as pl

__all__ = [
    "DATE_FORMATS",
    "MONTH_NAMES",
    "NUMBER",
    "add_number_columns",
    "add_number_flags",
    "add_number_values",
    "choose_date_format",
    "choose_decimal",
    "clean_number_text",
    "currency_in_text",
    "date_evidence",
    "lookup",
    "number_evidence",
    "parse_date",
    "parse_number",
    "work_column",
]

# Spaces used as thousands separators: plain, no-break, narrow no-break, thin; also `'`.
_SPACES = r"[\s\u00a0\u202f\u2009']"
_CURRENCY = r"(?i)(kr\.?|sek|nok|dkk|eur|usd|gbp|€|\$|£|:-)"
_MINUS = "\u2212"  # the typographic minus sign
# What a number is read as: an exact decimal (28 whole digits, 10 decimals), never a
# binary float; money is then rounded to the store's four decimals (`analytics.money`).
NUMBER = pl.Decimal(38, 10)
_SIGNS = r"^[+\-(" + _MINUS + r"]+|[\-)%" + _MINUS + r"]+$"


def work_column(name: str) -> str:
    """The name of a working column (`name` behind a control character).

    No export header starts with a control character, so a working column never
    replaces a column of the file, even when a header is called `revenue`.
    """
    return f"\x1f{name}"


# The steps of reading a number, each from the result of the one before. `parse_number`
# chains them into one expression; `add_number_columns` stores each step as a column,
# because polars evaluates a repeated sub-expression once per occurrence and the chained
# form repeats the cleaned text dozens of times.


def _without_currency(expr: pl.Expr) -> pl.Expr:
    return expr.str.strip_chars().str.replace_all(_CURRENCY, "")


def _clean(without_currency: pl.Expr) -> pl.Expr:
    """Strip spaces and signs, leaving digits and separators."""
    return without_currency.str.replace_all(_SPACES, "").str.replace_all(_SIGNS, "")


def _negative(trimmed: pl.Expr) -> pl.Expr:
    """`trimmed`: the text without currency, stripped of outer spaces."""
    return (
        trimmed.str.starts_with("-")
        | trimmed.str.starts_with(_MINUS)
        | trimmed.str.ends_with("-")
        | trimmed.str.ends_with(_MINUS)
        | (trimmed.str.starts_with("(") & trimmed.str.ends_with(")"))
    )


# What the separators of a cleaned number show; both the evidence and the reading of a
# value are decided from these five tests.
_FLAGS: dict[str, Callable[[pl.Expr], pl.Expr]] = {
    "point": lambda text: text.str.contains(".", literal=True),
    "comma": lambda text: text.str.contains(",", literal=True),
    "comma_last": lambda text: text.str.contains(r",\d*$"),
    "comma_groups": lambda text: text.str.contains(r"^\d{1,3}(,\d{3})+$"),
    "point_groups": lambda text: text.str.contains(r"^\d{1,3}(\.\d{3})+$"),
}


def _flags_of(text: pl.Expr) -> dict[str, pl.Expr]:
    return {name: test(text) for name, test in _FLAGS.items()}


def _flag_columns(header: str) -> dict[str, pl.Expr]:
    return {name: pl.col(work_column(f"{name} {header}")) for name in _FLAGS}


def _normalise(text: pl.Expr, flags: dict[str, pl.Expr], decimal: str) -> pl.Expr:
    """Cleaned text to `1234.5` form: thousands separators out, decimal point in."""
    both = flags["point"] & flags["comma"]
    if decimal == ",":
        single = ~(flags["point"] & ~flags["point_groups"])
    else:
        single = flags["comma"] & ~flags["comma_groups"]
    dec_comma = (both & flags["comma_last"]) | (~both & single)
    as_comma = text.str.replace_all(".", "", literal=True).str.replace(",", ".", literal=True)
    as_point = text.str.replace_all(",", "", literal=True)
    return pl.when(dec_comma).then(as_comma).otherwise(as_point)


def _to_decimal(normal: pl.Expr) -> pl.Expr:
    """`1234.5` text to an exact decimal (`NUMBER`); null when it is no number or has
    more whole digits than the type holds. Never through a binary float."""
    valid = normal.str.contains(r"^(\d+\.?\d*|\.\d+)$")
    # `1234.` is a number; the decimal cast wants a digit after the point.
    text = pl.when(valid).then(normal.str.strip_suffix(".")).otherwise(None)
    return text.str.replace(r"^\.", "0.").cast(NUMBER, strict=False)


def lookup(expr: pl.Expr, table: Mapping[str, str]) -> pl.Expr:
    """The value `table` gives each text of `expr`; null for a text not in it.

    The text's position among the keys (as an enum) picks the value from a list, not
    `replace_strict`: its table is a column that polars' streaming engine joins to every
    batch of rows, which made it hold all the rows of a file in memory at once.
    """
    keys = list(table)
    values = pl.lit(pl.Series([[table[k] for k in keys]], dtype=pl.List(pl.String))).first()
    position = expr.cast(pl.Enum(keys), strict=False).to_physical()
    return values.list.get(position, null_on_oob=True)


def _signed(value: pl.Expr, negative: pl.Expr) -> pl.Expr:
    return pl.when(negative).then(-value).otherwise(value)


def currency_in_text(expr: pl.Expr) -> pl.Expr:
    """The currency word or sign written beside an amount (`kr`, `SEK`, `€`, `:-`, …) as
    written, lower case; null when the text has none. `analytics.money.currency_code`
    turns it into an ISO code."""
    return expr.str.to_lowercase().str.extract(_CURRENCY, 1)


def clean_number_text(expr: pl.Expr) -> pl.Expr:
    """The text of a number without spaces, currency and signs: digits and separators."""
    return _clean(_without_currency(expr))


def add_number_flags(frame: pl.LazyFrame, headers: Iterable[str]) -> pl.LazyFrame:
    """`frame` with the cleaned text of each number column and what its separators show.

    Adds, per header, `work_column(f"clean {header}")` (`clean_number_text`) and five
    Boolean columns, each computed once per value, that `number_evidence(header,
    flagged=True)` counts and `add_number_columns` reads the values with.
    """
    headers = list(dict.fromkeys(headers))
    frame = frame.with_columns(
        clean_number_text(pl.col(h)).alias(work_column(f"clean {h}")) for h in headers
    )
    return _with_flags(frame, headers)


def _with_flags(frame: pl.LazyFrame, headers: list[str]) -> pl.LazyFrame:
    return frame.with_columns(
        test(pl.col(work_column(f"clean {h}"))).alias(work_column(f"{name} {h}"))
        for h in headers
        for name, test in _FLAGS.items()
    )


def number_evidence(column: str, *, flagged: bool = False) -> list[pl.Expr]:
    """Aggregations that count which decimal separator the values of `column` show.

    Returns two expressions, `<column>__comma` and `<column>__point`: the number of values
    that can only be read with a decimal comma, resp. point. `1 234,50`, `12,5`, `1.234,5`
    count for comma; `1234.50`, `1,234.5` for point; `1,234` and `1.234` for neither.
    With `flagged`, the counts read the columns of `add_number_flags` (or
    `add_number_columns`) instead of testing the text again for each count.
    """
    flags = _flag_columns(column) if flagged else _flags_of(clean_number_text(pl.col(column)))
    both = flags["point"] & flags["comma"]
    comma_last = flags["comma_last"] & both
    only_comma = flags["comma"] & ~both
    only_point = flags["point"] & ~both
    comma = (both & comma_last) | (only_comma & ~flags["comma_groups"])
    point = (both & ~comma_last) | (only_point & ~flags["point_groups"])
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
    """Read a text column as an exact number (`NUMBER`, a decimal), null where it cannot
    be read.

    Handles thousands separated by space, no-break space, point or comma (whichever is not
    the decimal), `1234,50-` and `(1 234,50)` as negatives, leading `+`/`-`/`−`, currency
    words and signs (`kr`, `SEK`, `EUR`, `€`, `:-`) before or after. A value with both `.`
    and `,` is read by itself: the last of them is the decimal separator. So is a value
    whose only separator cannot be a thousands separator (`1234.5` in a decimal-comma
    column is 1234.5, not 12345); `1.234` and `1,234` follow the column's `decimal`.
    For whole columns of a frame `add_number_columns` gives the same values faster.
    """
    without_currency = _without_currency(expr)
    text = _clean(without_currency)
    value = _to_decimal(_normalise(text, _flags_of(text), decimal))
    return _signed(value, _negative(without_currency.str.strip_chars()))


def add_number_columns(frame: pl.LazyFrame, numbers: Mapping[str, tuple[str, str]]) -> pl.LazyFrame:
    """`frame` with a `NUMBER` column `out` for each `{out: (header, decimal)}` of `numbers`.

    Each value is `parse_number(pl.col(header), decimal=decimal)`, computed step by step
    in columns so that every step runs once per value (several times faster than the
    single expression). Every header is cleaned once, however many outputs read it; the
    columns of `add_number_flags` stay in the frame, the other working columns do not.
    """
    if not numbers:
        return frame
    headers = list(dict.fromkeys(header for header, _decimal in numbers.values()))
    stripped = {h: work_column(f"without currency {h}") for h in headers}
    trimmed = {h: work_column(f"trimmed {h}") for h in headers}
    negative = {h: work_column(f"negative {h}") for h in headers}
    normal = {out: work_column(f"normal {out}") for out in numbers}
    value = {out: work_column(f"value {out}") for out in numbers}
    frame = frame.with_columns(_without_currency(pl.col(h)).alias(stripped[h]) for h in headers)
    frame = frame.with_columns(
        *(_clean(pl.col(stripped[h])).alias(work_column(f"clean {h}")) for h in headers),
        *(pl.col(stripped[h]).str.strip_chars().alias(trimmed[h]) for h in headers),
    )
    frame = _with_flags(frame, headers).with_columns(
        *(_negative(pl.col(trimmed[h])).alias(negative[h]) for h in headers),
        *(
            _normalise(
                pl.col(work_column(f"clean {header}")), _flag_columns(header), decimal
            ).alias(normal[out])
            for out, (header, decimal) in numbers.items()
        ),
    )
    frame = frame.with_columns(
        _to_decimal(pl.col(normal[out])).alias(value[out]) for out in numbers
    )
    frame = frame.with_columns(
        _signed(pl.col(value[out]), pl.col(negative[header])).alias(out)
        for out, (header, _decimal) in numbers.items()
    )
    working = (stripped, trimmed, negative, normal, value)
    return frame.drop(*(name for names in working for name in names.values()))


# Plain numbers as most exports write them: digits, a minus in front, the column's own
# decimal separator, and with a decimal comma spaces between thousands (`-1 234,50`).
# `add_number_values` reads them straight into a decimal, to the same value the steps of
# `add_number_columns` give; only the other values take those steps.
_PLAIN = {",": r"^-?(\d+|\d{1,3}( \d{3})+)(,\d+)?$", ".": r"^-?\d+(\.\d+)?$"}


def _plain_value(text: pl.Expr, decimal: str) -> pl.Expr:
    if decimal == ",":
        text = text.str.replace_all(" ", "", literal=True).str.replace(",", ".", literal=True)
    return text.cast(NUMBER, strict=False)


def add_number_values(frame: pl.LazyFrame, numbers: Mapping[str, tuple[str, str]]) -> pl.LazyFrame:
    """`add_number_columns` without its flag columns, faster: plain values (`_PLAIN`) are
    read in one step; only the others (currency, signs after, other separators) go
    through every step of `parse_number`, the plain ones being null there.
    """
    if not numbers:
        return frame
    plain = {out: work_column(f"plain {out}") for out in numbers}
    rest = {out: work_column(f"rest {out}") for out in numbers}
    slow = {out: work_column(f"slow {out}") for out in numbers}
    frame = frame.with_columns(
        pl.col(header).str.contains(_PLAIN[decimal]).fill_null(value=False).alias(plain[out])
        for out, (header, decimal) in numbers.items()
    )
    frame = frame.with_columns(
        pl.when(pl.col(plain[out])).then(None).otherwise(pl.col(header)).alias(rest[out])
        for out, (header, _decimal) in numbers.items()
    )
    frame = add_number_columns(
        frame, {slow[out]: (rest[out], decimal) for out, (_h, decimal) in numbers.items()}
    )
    frame = frame.with_columns(
        pl.when(pl.col(plain[out]))
        .then(_plain_value(pl.col(header), decimal))
        .otherwise(pl.col(slow[out]))
        .alias(out)
        for out, (header, decimal) in numbers.items()
    )
    flags = [work_column(f"{name} {rest[out]}") for out in numbers for name in _FLAGS]
    cleaned = [work_column(f"clean {rest[out]}") for out in numbers]
    return frame.drop(*plain.values(), *rest.values(), *slow.values(), *flags, *cleaned)


# Date formats the importer knows, in order of preference when two read equally many
# values (`dd/mm` before `mm/dd`: the users are Scandinavian). Each entry: a regex the value
# must match, and how to read the first token of the value (empty for the formats read
# otherwise: Excel serials, and dates with a month name, see `MONTH_NAMES`). Two-digit
# years are 1970–2069.
DATE_FORMATS: dict[str, tuple[str, str]] = {
    "iso": (r"^\d{4}-\d{1,2}-\d{1,2}", "%Y-%m-%d"),
    "ymd_slash": (r"^\d{4}/\d{1,2}/\d{1,2}", "%Y/%m/%d"),
    "ymd_compact": (r"^\d{8}$", "%Y%m%d"),
    "dmy_dot": (r"^\d{1,2}\.\d{1,2}\.\d{4}", "%d.%m.%Y"),
    "dmy_slash": (r"^\d{1,2}/\d{1,2}/\d{4}", "%d/%m/%Y"),
    "mdy_slash": (r"^\d{1,2}/\d{1,2}/\d{4}", "%m/%d/%Y"),
    "dmy_dash": (r"^\d{1,2}-\d{1,2}-\d{4}", "%d-%m-%Y"),
    "dmy_dot_short": (r"^\d{1,2}\.\d{1,2}\.\d{2}(\s|$)", "%d.%m.%y"),
    "dmy_slash_short": (r"^\d{1,2}/\d{1,2}/\d{2}(\s|$)", "%d/%m/%y"),
    "mdy_slash_short": (r"^\d{1,2}/\d{1,2}/\d{2}(\s|$)", "%m/%d/%y"),
    # `5 jan 2024`, `5. maj 2024`, `05-Jan-24`, `5 März 2024`.
    "dmy_month": (
        r"^(\d{1,2})\.?[\s\-]*(\p{L}+)\.?[\s\-,]*(\d{4}|\d{2})([\sT,]|$)",
        "",
    ),
    # `Jan 5, 2024`, `January 5th 2024`.
    "mdy_month": (r"^(\p{L}+)\.?\s+(\d{1,2})(st|nd|rd|th)?,?\s+(\d{4})([\sT,]|$)", ""),
    "excel_serial": (r"^\d{5}(\.\d+)?$", ""),
}

# Formats that read the same text two ways: when both read as many values, the first
# is chosen and the column is ambiguous.
_DAY_MONTH_PAIRS = (("dmy_slash", "mdy_slash"), ("dmy_slash_short", "mdy_slash_short"))

# Month names and abbreviations in Swedish, Danish, Norwegian, English and German
# (lower case, without a final point).
MONTH_NAMES: dict[int, tuple[str, ...]] = {
    1: ("jan", "januari", "januar", "january", "jän", "jänner", "jaen"),
    2: ("feb", "febr", "februari", "februar", "february"),
    3: ("mar", "mars", "marts", "march", "mär", "märz", "maerz", "mrz"),
    4: ("apr", "april"),
    5: ("maj", "mai", "may"),
    6: ("jun", "juni", "june"),
    7: ("jul", "juli", "july"),
    8: ("aug", "augusti", "august"),
    9: ("sep", "sept", "september"),
    10: ("okt", "oct", "oktober", "october"),
    11: ("nov", "november"),
    12: ("dec", "des", "dez", "december", "desember", "dezember"),
}
_MONTH_NUMBER = {name: f"{month:02d}" for month, names in MONTH_NAMES.items() for name in names}

_EXCEL_EPOCH = pl.date(1899, 12, 30)
# Serial numbers from 1954 to 2119: outside that a five-digit number is not a date.
_SERIAL_MIN, _SERIAL_MAX = 20000, 80000


def _first_token(expr: pl.Expr) -> pl.Expr:
    # Timestamps: keep the date part ("2024-01-05 13:45", "2024-01-05T13:45:00Z",
    # "2024-01-10 10:00:00 +0100": the date as the export's clock shows it).
    return expr.str.extract(r"^([^\sT]+)", 1)


# A pattern every value that `fmt` can read matches (for Excel serials only a necessary
# condition: their own pattern applies to the first token, not to the whole text).
_GATES = {
    fmt: (r"^\d{5}" if fmt == "excel_serial" else pattern)
    for fmt, (pattern, _) in DATE_FORMATS.items()
}


def _month_date(text: pl.Expr, fmt: str) -> pl.Expr:
    """A date written with a month name (`dmy_month`, `mdy_month`); null when the word
    is no month."""
    pattern = DATE_FORMATS[fmt][0]
    day_group, word_group, year_group = (1, 2, 3) if fmt == "dmy_month" else (2, 1, 4)
    day = text.str.extract(pattern, day_group).str.zfill(2)
    word = text.str.extract(pattern, word_group).str.to_lowercase()
    month = lookup(word, _MONTH_NUMBER)
    year = text.str.extract(pattern, year_group)
    century = (
        pl.when(year.cast(pl.Int32, strict=False) < 70).then(pl.lit("20")).otherwise(pl.lit("19"))
    )
    year = pl.when(year.str.len_chars() == 2).then(century + year).otherwise(year)
    return pl.concat_str([year, month, day], separator="-").str.strptime(
        pl.Date, "%Y-%m-%d", strict=False
    )


def _parse_stripped_date(text: pl.Expr, fmt: str) -> pl.Expr:
    """`parse_date` of text already stripped of outer spaces.

    Values that do not match the format's pattern are set to null first, so that only
    its candidates are cut to their first token and parsed: the evidence tries every
    format on every value, and most values fit one or two.
    """
    pattern, strftime = DATE_FORMATS[fmt]
    candidate = pl.when(text.str.contains(_GATES[fmt])).then(text)
    if fmt in {"dmy_month", "mdy_month"}:
        return _month_date(candidate, fmt)
    token = _first_token(candidate)
    if fmt == "excel_serial":
        serial = token.cast(pl.Float64, strict=False).floor()
        ok = token.str.contains(pattern) & serial.is_between(_SERIAL_MIN, _SERIAL_MAX)
        days = pl.duration(days=serial.cast(pl.Int64, strict=False))
        return pl.when(ok).then(_EXCEL_EPOCH + days).otherwise(None).cast(pl.Date)
    return token.str.strptime(pl.Date, strftime, strict=False)


def parse_date(expr: pl.Expr, *, fmt: str) -> pl.Expr:
    """Read a text column as a Date with one of `DATE_FORMATS`; null where it does not fit."""
    return _parse_stripped_date(expr.str.strip_chars(), fmt)


def date_evidence(
    column: str, *, stripped: str | None = None, weight: str | None = None
) -> list[pl.Expr]:
    """Aggregations counting how many values of `column` each date format reads.

    One expression per format, named `<column>__<format>`. `stripped` names a column that
    already holds `pl.col(column).str.strip_chars()`, so that it is stripped once.
    `weight` names a column of how many values each row stands for (evidence counted
    on the distinct values of a column, each read once).
    """
    text = pl.col(stripped) if stripped is not None else pl.col(column).str.strip_chars()
    counts = [_parse_stripped_date(text, fmt).is_not_null() for fmt in DATE_FORMATS]
    if weight is not None:
        counts = [pl.when(read).then(pl.col(weight)).otherwise(0) for read in counts]
    return [
        count.sum().alias(f"{column}__{fmt}")
        for count, fmt in zip(counts, DATE_FORMATS, strict=True)
    ]


def choose_date_format(counts: dict[str, int]) -> tuple[str | None, bool]:
    """Pick the format that reads most values; earlier formats win ties.

    Returns `(format, ambiguous)`; `ambiguous` is true when `dd/mm` and `mm/dd` (or
    `d/m/yy` and `m/d/yy`) read the same values (every day ≤ 12) so that the choice rests
    on the preference alone. Returns `(None, False)` when no format reads any value.
    """
    best = max(DATE_FORMATS, key=lambda fmt: (counts.get(fmt, 0), -list(DATE_FORMATS).index(fmt)))
    if counts.get(best, 0) == 0:
        return None, False
    ambiguous = any(
        best == first and counts.get(second, 0) == counts[best]
        for first, second in _DAY_MONTH_PAIRS
    )
    return best, ambiguous
