"""The sales rows of an export: each line's revenue, cost and currency, and the reason
it cannot be used (null when it can).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl

from analytics.ingest.errors import IngestError
from analytics.ingest.frames import (
    _MONEY_FIELDS,
    _TOO_LARGE,
    AMOUNT_LIMIT,
    _blank,
    _raw_json,
    _with_fields,
)
from analytics.ingest.mapping import DATE_FIELDS, DETAIL_FIELDS, NUMBER_FIELDS
from analytics.ingest.opening import _decide_formats_with
from analytics.ingest.parse import currency_in_text, lookup, work_column
from analytics.ingest.source import Source
from analytics.ingest.synonyms import FAILED_STATUSES, SALES_FIELDS
from analytics.money import DEFAULT_CURRENCY, MONEY, currency_aliases
from analytics.store import Store

__all__: list[str] = []


def _sales_frame(
    source: Source,
    mapping: dict[str, str],
    formats: dict[str, str],
    *,
    dates: tuple[date, date],
) -> pl.LazyFrame:
    """The lazy frame of parsed sales rows with `_reason` (null when the row is usable).

    A refunded amount (`refunded`) is subtracted from the line's revenue; a line whose
    status is a failed or cancelled one (`FAILED_STATUSES`) is rejected as `not_a_sale`.

    `dates` (first, last) is the range of plausible invoice dates; a due or payment date
    outside it is read as unknown. Amounts of `AMOUNT_LIMIT` or more are rejected and
    count nowhere (`revenue` is null), so that the totals stay finite.
    """
    frame, cols = _with_fields(source.frame, mapping, formats, SALES_FIELDS)
    frame, amounts = _amounts(frame, cols, mapping, formats)
    file_currency = formats.get("currency", DEFAULT_CURRENCY)
    row_currency = _row_currency(
        mapping, cols, default=formats.get("currency_default", file_currency)
    )
    reason = work_column("reason")
    frame = frame.with_columns(
        _reason(cols, mapping, amounts, dates=dates, currency=(row_currency, file_currency))
        .otherwise(None)
        .alias(reason)
    )
    # A rejected amount too large for any total counts nowhere.
    value = amounts.value
    value = pl.when(value.abs() >= AMOUNT_LIMIT).then(None).otherwise(value)
    headers = source.headers
    text_of_row = pl.concat_str([pl.col(h).fill_null("\x00") for h in headers], separator="\x1f")
    out = [
        pl.col("_line").alias("line_no"),
        pl.col("_sheet").alias("sheet"),
        pl.col(cols["customer_id"]).alias("customer_id"),
        value.alias("revenue"),
        amounts.cost.alias("cost"),
        pl.col(reason).alias("reason"),
        _raw_json(headers, reason).alias("raw"),
        text_of_row.hash(seed=7).alias("row_hash"),
        pl.coalesce(row_currency, pl.lit(file_currency)).alias("currency"),
        *_other_fields(cols, dates=dates),
    ]
    return frame.select(out)


@dataclass(frozen=True)
class _Amounts:
    """A sales line's amounts as expressions: `value` (revenue less refunds), `cost`,
    whether the revenue cell is blank, and `too_large` (the column marking an amount of
    `AMOUNT_LIMIT` or more).
    """

    value: pl.Expr
    cost: pl.Expr
    revenue_blank: pl.Expr
    too_large: str


def _amounts(
    frame: pl.LazyFrame, cols: dict[str, str], mapping: dict[str, str], formats: dict[str, str]
) -> tuple[pl.LazyFrame, _Amounts]:
    """Revenue (the column, else quantity × unit price), cost (the column, else revenue
    less margin, else revenue × (1 − margin %)) and the refunds subtracted.
    """
    revenue = work_column("revenue")
    if "revenue" in cols:
        revenue_blank = _blank(pl.col(mapping["revenue"]))
    else:
        # Exact: quantity × unit price as decimals, rounded to the store's four decimals.
        frame = frame.with_columns(
            (pl.col(cols["quantity"]).cast(MONEY, strict=False) * pl.col(cols["unit_price"]))
            .cast(MONEY, strict=False)
            .alias(revenue)
        )
        revenue_blank = _blank(pl.col(mapping["quantity"])) | _blank(pl.col(mapping["unit_price"]))
    cost: pl.Expr = pl.lit(None, dtype=MONEY)
    if "cost" in cols:
        cost = pl.col(cols["cost"])
    elif "margin" in cols:
        cost = (pl.col(revenue) - pl.col(cols["margin"])).cast(MONEY, strict=False)
    elif "margin_pct" in cols:
        # Revenue × a percentage is no exact amount anyway: rounded to four decimals.
        scale = 1.0 if formats.get("margin_pct_scale") == "fraction" else 100.0
        share = 1 - pl.col(cols["margin_pct"]).cast(pl.Float64) / scale
        cost = (pl.col(revenue).cast(pl.Float64) * share).cast(MONEY, strict=False)
    value = pl.col(revenue)
    if "refunded" in cols:
        value = value - pl.col(cols["refunded"]).fill_null(0)
    checked = [value, cost]
    if "revenue" not in cols:
        # The product may overflow the store's type even when both factors fit.
        checked.append(
            pl.col(cols["quantity"]).cast(pl.Float64) * pl.col(cols["unit_price"]).cast(pl.Float64)
        )
    frame = frame.with_columns(
        (
            pl.col(_TOO_LARGE)
            | pl.any_horizontal([a.cast(pl.Float64).abs() >= AMOUNT_LIMIT for a in checked])
        )
        .fill_null(value=False)
        .alias(_TOO_LARGE)
    )
    return frame, _Amounts(value, cost, revenue_blank, _TOO_LARGE)


def _reason(
    cols: dict[str, str],
    mapping: dict[str, str],
    amounts: _Amounts,
    *,
    dates: tuple[date, date],
    currency: tuple[pl.Expr, str],
) -> pl.Expr:
    """Why a row cannot be used, tested in the order of `REJECT_REASONS` (end it with
    `.otherwise(None)`): `currency` is (the row's stated currency, the file's).
    """
    first, last = (pl.lit(d, dtype=pl.Date) for d in dates)
    row_currency, file_currency = currency
    failed: pl.Expr = pl.lit(False)
    if "status" in cols:
        failed = pl.col(cols["status"]).str.to_lowercase().is_in(sorted(FAILED_STATUSES))
    invoice_date = pl.col(cols["invoice_date"])
    return (
        pl.when(pl.col("_unsplit").is_not_null())
        .then(pl.lit("bad_quotes"))
        .when(pl.col("_extra").is_not_null())
        .then(pl.lit("too_many_fields"))
        .when(failed.fill_null(False))
        .then(pl.lit("not_a_sale"))
        .when(pl.col(cols["customer_id"]).is_null())
        .then(pl.lit("missing_customer"))
        .when(_blank(pl.col(mapping["invoice_date"])))
        .then(pl.lit("missing_date"))
        .when(invoice_date.is_null())
        .then(pl.lit("bad_date"))
        .when(~invoice_date.is_between(first, last))
        .then(pl.lit("implausible_date"))
        .when(amounts.revenue_blank)
        .then(pl.lit("missing_amount"))
        .when(pl.col(amounts.too_large))
        .then(pl.lit("amount_too_large"))
        .when(amounts.value.is_null())
        .then(pl.lit("bad_amount"))
        .when(row_currency.is_not_null() & (row_currency != file_currency))
        .then(pl.lit("other_currency"))
        .when(_unreadable(cols, mapping, NUMBER_FIELDS))
        .then(pl.lit("bad_number"))
        .when(_unreadable(cols, mapping, DATE_FIELDS))
        .then(pl.lit("bad_delivery_date"))
    )


def _unreadable(cols: dict[str, str], mapping: dict[str, str], kind: frozenset[str]) -> pl.Expr:
    """True where a mapped detail field of `kind` (`DETAIL_FIELDS`: numbers or dates) has
    a value that cannot be read (a blank one is unknown, not wrong)."""
    bad = [
        ~_blank(pl.col(mapping[fld])) & pl.col(cols[fld]).is_null()
        for fld in DETAIL_FIELDS
        if fld in kind and fld in cols
    ]
    return pl.any_horizontal(pl.lit(value=False), *bad).fill_null(value=False)


# Fields `_sales_frame` writes from the amounts, or reads only to decide a row's reason.
_COMPUTED = frozenset(
    {"customer_id", "revenue", "cost", "margin", "margin_pct", "refunded", "status", "currency"}
)


def _other_fields(cols: dict[str, str], *, dates: tuple[date, date]) -> list[pl.Expr]:
    """The output columns of the other sales fields: as read, or null of the field's type
    when unmapped; a due or payment date outside `dates` is no date.
    """
    first, last = (pl.lit(d, dtype=pl.Date) for d in dates)
    out: list[pl.Expr] = []
    for fld in SALES_FIELDS:
        if fld in _COMPUTED:
            continue
        if fld in {"due_date", "paid_date", "delivery_date"} and fld in cols:
            # A placeholder such as 9999-12-31 for "not paid yet" is no date.
            known = pl.col(cols[fld]).is_between(first, last)
            out.append(pl.when(known).then(pl.col(cols[fld])).alias(fld))
        elif fld in cols:
            out.append(pl.col(cols[fld]).alias(fld))
        else:
            dtype = (
                MONEY
                if fld in _MONEY_FIELDS
                else pl.Float64
                if fld in NUMBER_FIELDS
                else pl.Date
                if fld in DATE_FIELDS
                else pl.String
            )
            out.append(pl.lit(None, dtype=dtype).alias(fld))
    return out


def _currency_of(text: pl.Expr, *, default: str) -> pl.Expr:
    """The ISO code a currency text stands for (see `analytics.money.currency_code`)."""
    key = text.str.strip_chars().str.to_lowercase()
    known = lookup(key, currency_aliases(default=default))
    code = pl.when(key.str.contains(r"^[a-z]{3}$")).then(key.str.to_uppercase())
    return pl.coalesce(known, code)


def _row_currency(mapping: dict[str, str], cols: dict[str, str], *, default: str) -> pl.Expr:
    """Each row's currency as the file states it: the currency column, else a sign or
    code beside the amount (`kr`, `€`, `EUR`); null when the row does not say."""
    stated: list[pl.Expr] = []
    if "currency" in cols:
        stated.append(_currency_of(pl.col(cols["currency"]), default=default))
    amount = mapping.get("revenue") or mapping.get("unit_price")
    if amount is not None:
        stated.append(_currency_of(currency_in_text(pl.col(amount)), default=default))
    return pl.coalesce(stated) if stated else pl.lit(None, dtype=pl.String)


def _decide_currency(
    source: Source, mapping: dict[str, str], *, chosen: str | None, dataset: str | None = None
) -> tuple[str, dict[str, int]]:
    """The currency of a file and how many rows state each currency.

    The file's own word wins: the currency most of its rows state (in a currency column
    or beside the amounts), preferring `chosen` or the data set's currency when rows
    state it too; a file that states none is in `chosen` (default SEK). Returns the
    code and `{code: rows}` of the rows that state one.
    """
    default = (chosen or DEFAULT_CURRENCY).upper()
    counted = _currency_counts(source, mapping, default=default).collect(engine="streaming")
    return _choose_currency(counted, default=default, dataset=dataset, chosen=chosen)


def _currency_counts(source: Source, mapping: dict[str, str], *, default: str) -> pl.LazyFrame:
    """The query of how many rows state each currency (`code`, `len`)."""
    cols = {fld: mapping[fld] for fld in ("currency",) if fld in mapping}
    expr = _row_currency(mapping, cols, default=default)
    return (
        source.frame.select(expr.alias("code"))
        .filter(pl.col("code").is_not_null())
        .group_by("code")
        .len()
    )


def _choose_currency(
    counted: pl.DataFrame, *, default: str, dataset: str | None, chosen: str | None
) -> tuple[str, dict[str, int]]:
    """`_decide_currency` from the counts of `_currency_counts`."""
    counts = {code: int(n) for code, n in counted.iter_rows()}
    if not counts:
        return default, counts
    for preferred in (dataset, chosen):
        if preferred and preferred.upper() in counts:
            return preferred.upper(), counts
    best = max(sorted(counts), key=lambda code: counts[code])
    return best, counts


def _import_currency(
    store: Store, source: Source, mapping: dict[str, str], dataset: str, chosen: str | None
) -> dict[str, str]:
    """`currency` (the file's) and `currency_default` (what `kr` and silent rows mean)
    for `formats`, with the decimal separators and date formats (`_decide_formats`),
    all from one reading of the file; raises `currency_mismatch` when the data set has
    another currency."""
    known = store.dataset_currency(dataset)
    default = (chosen or known or DEFAULT_CURRENCY).strip().upper()
    query = _currency_counts(source, mapping, default=default)
    formats, (counted,) = _decide_formats_with(source, mapping, [query])
    found, _counts = _choose_currency(counted, default=default, dataset=known, chosen=default)
    if known is not None and found != known:
        raise IngestError(
            "currency_mismatch",
            f"The file is in {found}, the data set {dataset!r} in {known}; amounts in "
            "different currencies are never added up. Import it into another data set.",
            currency=found,
            dataset=dataset,
            dataset_currency=known,
        )
    return {**formats, "currency": found, "currency_default": default}
