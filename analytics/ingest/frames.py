"""Typed columns from an export's text: the plausible ranges of dates and amounts, a
working column per mapped field, the row's own values for a rejected row, and the
customer master's rows.
"""

from __future__ import annotations

import os
from datetime import date, timedelta

import polars as pl

from analytics.ingest.errors import IngestError
from analytics.ingest.mapping import DATE_FIELDS, NUMBER_FIELDS
from analytics.ingest.parse import add_number_values, parse_date, work_column
from analytics.ingest.source import Source
from analytics.ingest.synonyms import MASTER_FIELDS
from analytics.money import MONEY

__all__ = ["AMOUNT_LIMIT", "DAYS_AHEAD", "EARLIEST_DATE", "plausible_dates"]

# Fields read as exact decimals with the store's four decimals: money, and the returned
# quantity (priced per unit by the cost to serve).
_MONEY_FIELDS = frozenset(
    {
        "revenue",
        "unit_price",
        "cost",
        "margin",
        "refunded",
        "returned_quantity",
        "freight_charged",
        "freight_cost",
        "discount",
    }
)
# Set on a row where an amount is `AMOUNT_LIMIT` or more, before money is cast to the
# store's type (which would turn it into null, an unreadable amount).
_TOO_LARGE = work_column("too large")

# Invoice dates before this day (or more than `DAYS_AHEAD` days after the import day) are
# placeholders or typos (`0001-01-01`, `9999-12-31`), not sales: such lines are rejected
# as `implausible_date`. `KUNDFOKUS_EARLIEST_DATE` (ISO date) and `KUNDFOKUS_DAYS_AHEAD`
# (days) change the defaults; `import_sales(earliest_date=..., latest_date=...)` per import.
EARLIEST_DATE = date(1990, 1, 1)
DAYS_AHEAD = 365
_EARLIEST_ENV = "KUNDFOKUS_EARLIEST_DATE"
_DAYS_AHEAD_ENV = "KUNDFOKUS_DAYS_AHEAD"
# An amount (any amount column, or quantity × unit price) of this size or more is no real
# sales line (a run of digits, an overflow); the line is rejected as `amount_too_large`.
# Below it every amount fits an exact DECIMAL(18,4) column.
AMOUNT_LIMIT = 1e14


def plausible_dates(
    *,
    earliest: date | None = None,
    latest: date | None = None,
    today: date | None = None,
) -> tuple[date, date]:
    """The range of invoice dates an import accepts, first and last day included.

    `earliest` defaults to `$KUNDFOKUS_EARLIEST_DATE` or 1990-01-01; `latest` to `today`
    (default: the import day) plus `$KUNDFOKUS_DAYS_AHEAD` days or 365. Raises
    `IngestError("date_range")` for a setting that is not a date or a number of days, or
    when the range is empty.
    """
    today = today or date.today()
    try:
        if earliest is None:
            text = os.environ.get(_EARLIEST_ENV, "").strip()
            earliest = date.fromisoformat(text) if text else EARLIEST_DATE
        if latest is None:
            text = os.environ.get(_DAYS_AHEAD_ENV, "").strip()
            latest = today + timedelta(days=int(text) if text else DAYS_AHEAD)
    except (ValueError, OverflowError):
        raise IngestError(
            "date_range",
            f"The plausible date range cannot be read: {_EARLIEST_ENV} must be an ISO date "
            f"such as 1990-01-01 and {_DAYS_AHEAD_ENV} a number of days.",
        ) from None
    if earliest > latest:
        raise IngestError(
            "date_range",
            f"The plausible date range is empty: {earliest} is after {latest}.",
        )
    return earliest, latest


def _blank(expr: pl.Expr) -> pl.Expr:
    return expr.is_null() | (expr.str.strip_chars() == "")


def _with_fields(
    frame: pl.LazyFrame, mapping: dict[str, str], formats: dict[str, str], fields: tuple[str, ...]
) -> tuple[pl.LazyFrame, dict[str, str]]:
    """`frame` with a typed working column per mapped field (null when unknown).

    Returns the frame and `{field: working column}`. Each field is computed once, in its
    own column, because polars would compute an expression again wherever it is used
    (the output and each check of the reject reason).
    """
    present = [fld for fld in fields if fld in mapping]
    cols = {fld: work_column(fld) for fld in present}
    dates = [fld for fld in present if fld in DATE_FIELDS]
    texts = [fld for fld in present if fld not in NUMBER_FIELDS and fld not in DATE_FIELDS]
    frame = add_number_values(
        frame,
        {
            cols[fld]: (mapping[fld], formats.get(fld, "."))
            for fld in present
            if fld in NUMBER_FIELDS
        },
    )
    amounts = [cols[f] for f in present if f in NUMBER_FIELDS and f != "margin_pct"]
    frame = frame.with_columns(
        pl.any_horizontal(
            pl.lit(value=False),
            *(pl.col(c).cast(pl.Float64).abs() >= AMOUNT_LIMIT for c in amounts),
        )
        .fill_null(value=False)
        .alias(_TOO_LARGE)
    )
    frame = frame.with_columns(
        # Money keeps the store's four decimals (an amount too large for it is null).
        *(pl.col(cols[f]).cast(MONEY, strict=False) for f in present if f in _MONEY_FIELDS),
        *(parse_date(pl.col(mapping[f]), fmt=formats.get(f, "iso")).alias(cols[f]) for f in dates),
        *(pl.col(mapping[fld]).str.strip_chars().alias(cols[fld]) for fld in texts),
    )
    # An empty text is no value (a step of its own so that the text is stripped once).
    frame = frame.with_columns(
        pl.when(pl.col(cols[fld]) == "").then(None).otherwise(pl.col(cols[fld])).alias(cols[fld])
        for fld in texts
    )
    if "customer_id" in cols and "customer_name" in cols:
        # A row with a name but no number is still a customer; the name becomes its id.
        customer = work_column("customer")
        frame = frame.with_columns(
            pl.coalesce(pl.col(cols["customer_id"]), pl.col(cols["customer_name"])).alias(customer)
        )
        cols["customer_id"] = customer
    elif "customer_name" in cols:
        cols["customer_id"] = cols["customer_name"]
    return frame, cols


def _raw_json(headers: list[str], reason: str) -> pl.Expr:
    """The row's own values as JSON, only for rejected rows (null for the others): only
    they are kept with their values, and encoding every row costs time.
    """
    # The struct is null on the other rows before it is encoded, so that only rejected
    # rows are encoded (`when` computes its branches for every row).
    rejected, unsplit = pl.col(reason).is_not_null(), pl.col("_unsplit").is_not_null()
    fields = pl.struct([*(pl.col(h) for h in headers), pl.col("_extra")])
    row = pl.when(rejected).then(fields).struct.json_encode()
    # A line that could not be split into fields is kept as its own text.
    line = pl.when(unsplit).then(pl.struct(pl.col("_unsplit"))).struct.json_encode()
    return pl.when(unsplit).then(line).when(rejected).then(row)


def _master_frame(source: Source, mapping: dict[str, str], formats: dict[str, str]) -> pl.LazyFrame:
    frame, cols = _with_fields(source.frame, mapping, formats, MASTER_FIELDS)
    reason = work_column("reason")
    frame = frame.with_columns(
        pl.when(pl.col("_unsplit").is_not_null())
        .then(pl.lit("bad_quotes"))
        .when(pl.col("_extra").is_not_null())
        .then(pl.lit("too_many_fields"))
        .when(pl.col(cols["customer_id"]).is_null())
        .then(pl.lit("missing_customer"))
        .otherwise(None)
        .alias(reason)
    )
    out = [
        pl.col("_line").alias("line_no"),
        pl.col("_sheet").alias("sheet"),
        pl.col(reason).alias("reason"),
        _raw_json(source.headers, reason).alias("raw"),
    ]
    for fld in MASTER_FIELDS:
        if fld in cols:
            out.append(pl.col(cols[fld]).alias(fld))
        else:
            dtype = pl.Float64 if fld in NUMBER_FIELDS else pl.String
            out.append(pl.lit(None, dtype=dtype).alias(fld))
    return frame.select(out)
