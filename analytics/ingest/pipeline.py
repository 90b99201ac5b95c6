"""The importer: preview an export, then load it into the store in one transaction.

Steps: open the file as text columns (`source`), map headers to fields (`mapping`),
gather evidence over all values to decide decimal separator and date format per column
(`parse`), parse lazily and stream the result to a temporary Parquet file, then insert
loaded and rejected rows into DuckDB inside one transaction. Memory stays bounded by the
streaming engine; nothing is dropped: every row is loaded or kept as rejected with its
reason, and the amounts loaded and rejected add up to the file's own total.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import polars as pl

from analytics.ingest.errors import IngestError, printable
from analytics.ingest.infer import propose_mapping
from analytics.ingest.mapping import (
    DATE_FIELDS,
    NUMBER_FIELDS,
    check_mapping,
    cost_source,
    header_signature,
    mapping_json,
)
from analytics.ingest.parse import (
    DATE_FORMATS,
    add_number_columns,
    add_number_flags,
    choose_date_format,
    choose_decimal,
    currency_in_text,
    date_evidence,
    number_evidence,
    parse_date,
    work_column,
)
from analytics.ingest.source import Source, file_hash, open_source, unreadable
from analytics.ingest.synonyms import FAILED_STATUSES, MASTER_FIELDS, SALES_FIELDS
from analytics.money import (
    DEFAULT_CURRENCY,
    MONEY,
    currency_aliases,
    json_amount,
    plain_amount,
)
from analytics.store import Store

__all__ = [
    "AMOUNT_LIMIT",
    "DAYS_AHEAD",
    "EARLIEST_DATE",
    "REJECT_REASONS",
    "ImportReport",
    "Preview",
    "find_profile",
    "import_customers",
    "import_sales",
    "plausible_dates",
    "preview_file",
    "save_profile",
]

# Why a row could not be used, in the order they are tested.
REJECT_REASONS = (
    "bad_quotes",
    "too_many_fields",
    "not_a_sale",
    "missing_customer",
    "missing_date",
    "bad_date",
    "implausible_date",
    "missing_amount",
    "bad_amount",
    "amount_too_large",
    "other_currency",
)

# Fields that hold money: read as exact decimals with the store's four decimals.
_MONEY_FIELDS = frozenset({"revenue", "unit_price", "cost", "margin", "refunded"})
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

Progress = Callable[[float, str], None]

_TEXT_FIELDS = (
    "customer_name",
    "invoice_number",
    "product",
    "product_group",
    "salesperson",
    "region",
    "segment",
    "key_account_manager",
)


@dataclass
class Preview:
    """What the user sees before loading: headers, the proposed mapping, parsed rows."""

    file_name: str
    kind: str
    headers: list[str]
    mapping: dict[str, str]
    profile: str | None
    rows: pl.DataFrame
    encoding: str | None
    delimiter: str | None
    sheets: list[str]
    available_sheets: list[str]
    formats: dict[str, str]
    problem: IngestError | None = None
    # How the automatic mapping was made where a header did not say it: import warnings
    # (`mapping_system`, `mapping_guess`, `mapping_inferred_date`, ...) naming field and column.
    notes: list[dict] = field(default_factory=list)
    currency: str | None = None  # what the file says (column or sign), None when silent


@dataclass
class ImportReport:
    """The outcome of one import; amounts (exact decimals) in `currency`."""

    import_id: int
    file_name: str
    dataset: str
    rows_read: int
    rows_loaded: int
    rows_rejected: int
    revenue_loaded: Decimal
    revenue_rejected: Decimal
    customers: int
    first_date: date | None
    last_date: date | None
    mapping: dict[str, str]
    cost_source: str
    duplicate_lines: int
    replaced_lines: int
    warnings: list[dict] = field(default_factory=list)
    rejected_reasons: dict[str, int] = field(default_factory=dict)
    kind: str = "sales"
    currency: str = DEFAULT_CURRENCY

    def to_json(self) -> dict:
        """The report as JSON-ready values (dates as ISO text, amounts as numbers with at
        most four decimals)."""
        data = asdict(self)
        for key in ("first_date", "last_date"):
            value = data[key]
            data[key] = value.isoformat() if value else None
        for key in ("revenue_loaded", "revenue_rejected"):
            data[key] = json_amount(data[key])
        return data


def _noop(_fraction: float, _stage: str) -> None:
    return None


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


def _warning(code: str, message: str, **params: object) -> dict:
    """A warning of the import report; text from the file (a header) made `printable`."""
    params = {k: printable(v) if isinstance(v, str) else v for k, v in params.items()}
    return {"code": code, "message": printable(message), **params}


@contextmanager
def _reading() -> Iterator[None]:
    """Report a file the reader fails on while scanning its rows (an unclosed quote,
    say) as `IngestError("unreadable")` instead of a reader exception.
    """
    try:
        yield
    except pl.exceptions.PolarsError as exc:
        raise unreadable(exc) from None


# --- profiles ----------------------------------------------------------------------


def save_profile(store: Store, name: str, headers: list[str], mapping: dict[str, str]) -> None:
    """Save `mapping` under `name` for exports with these headers (replaces a same name)."""
    name = name.strip()
    if not name:
        raise IngestError("profile_name", "A profile needs a name.")
    check_mapping(mapping, headers, kind="customers" if "invoice_date" not in mapping else "sales")
    with store.transaction() as cur:
        cur.execute("delete from import_profiles where name = ?", [name])
        cur.execute(
            "insert into import_profiles (name, signature, mapping) values (?, ?, ?)",
            [name, header_signature(headers), mapping_json(mapping)],
        )


def find_profile(
    store: Store, headers: list[str], *, name: str | None = None
) -> tuple[str, dict[str, str]] | None:
    """The saved profile called `name`, or else the newest one saved for these headers."""
    if name is not None:
        rows = store.query("select name, mapping from import_profiles where name = ?", [name])
        if rows.is_empty():
            raise IngestError("unknown_profile", f"There is no profile called {name!r}.", name=name)
    else:
        rows = store.query(
            "select name, mapping from import_profiles where signature = ? "
            "order by saved_at desc limit 1",
            [header_signature(headers)],
        )
        if rows.is_empty():
            return None
    row = rows.row(0, named=True)
    return row["name"], json.loads(row["mapping"])


# --- parsing plan ------------------------------------------------------------------


def _blank(expr: pl.Expr) -> pl.Expr:
    return expr.is_null() | (expr.str.strip_chars() == "")


def _decide_formats(source: Source, mapping: dict[str, str]) -> dict[str, str]:
    """Decimal separator per number field and date format per date field, from all values."""
    default = "," if source.delimiter in {";", "\t", "|"} else "."
    numbers = list(dict.fromkeys(h for fld, h in mapping.items() if fld in NUMBER_FIELDS))
    dates = list(dict.fromkeys(h for fld, h in mapping.items() if fld in DATE_FIELDS))
    if not numbers and not dates:
        return {}
    # The evidence counts run on columns computed once per value (cleaned text and what
    # its separators show; stripped dates) instead of testing the text once per count.
    frame = source.frame
    pct_header = mapping.get("margin_pct")
    pct_value = {",": work_column("margin % comma"), ".": work_column("margin % point")}
    if pct_header is not None:
        # Margin % read either way; also adds its evidence columns.
        frame = add_number_columns(
            frame, {out: (pct_header, sep) for sep, out in pct_value.items()}
        )
    frame = add_number_flags(frame, [h for h in numbers if h != pct_header])
    stripped = {h: work_column(f"strip {h}") for h in dates}
    frame = frame.with_columns(pl.col(h).str.strip_chars().alias(stripped[h]) for h in dates)
    exprs: list[pl.Expr] = []
    for h in numbers:
        exprs += number_evidence(h, flagged=True)
    for h in dates:
        exprs += date_evidence(h, stripped=stripped[h])
    if pct_header is not None:
        # The largest value read either way; the one matching the chosen separator counts.
        for sep, label in ((",", "comma"), (".", "point")):
            exprs.append(pl.col(pct_value[sep]).abs().max().alias(f"__pct_max_{label}"))
    evidence = frame.select(exprs).collect(engine="streaming").row(0, named=True)
    formats: dict[str, str] = {}
    for fld, header in mapping.items():
        if fld in NUMBER_FIELDS:
            formats[fld] = choose_decimal(
                evidence[f"{header}__comma"], evidence[f"{header}__point"], default=default
            )
        elif fld in DATE_FIELDS:
            counts = {fmt: evidence[f"{header}__{fmt}"] for fmt in DATE_FORMATS}
            fmt, ambiguous = choose_date_format(counts)
            formats[fld] = fmt or "iso"
            if ambiguous:
                formats[f"{fld}__ambiguous"] = "1"
    if pct_header is not None:
        # Margin % as a fraction (0.25) when no value is above 1.5, else in per cent.
        label = "comma" if formats["margin_pct"] == "," else "point"
        pct_max = evidence[f"__pct_max_{label}"]
        formats["margin_pct_scale"] = (
            "fraction" if pct_max is not None and pct_max <= 1.5 else "percent"
        )
    return formats


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
    frame = add_number_columns(
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
    row = pl.struct([*(pl.col(h) for h in headers), pl.col("_extra")]).struct.json_encode()
    # A line that could not be split into fields is kept as its own text.
    line = pl.struct(pl.col("_unsplit")).struct.json_encode()
    return (
        pl.when(pl.col("_unsplit").is_not_null())
        .then(line)
        .when(pl.col(reason).is_not_null())
        .then(row)
    )


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
    first, last = (pl.lit(d, dtype=pl.Date) for d in dates)
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
    failed: pl.Expr = pl.lit(False)
    if "status" in cols:
        failed = pl.col(cols["status"]).str.to_lowercase().is_in(sorted(FAILED_STATUSES))
    checked = [value, cost]
    if "revenue" not in cols:
        # The product may overflow the store's type even when both factors fit.
        checked.append(
            pl.col(cols["quantity"]).cast(pl.Float64) * pl.col(cols["unit_price"]).cast(pl.Float64)
        )
    too_large = _TOO_LARGE
    frame = frame.with_columns(
        (
            pl.col(too_large)
            | pl.any_horizontal([a.cast(pl.Float64).abs() >= AMOUNT_LIMIT for a in checked])
        )
        .fill_null(value=False)
        .alias(too_large)
    )
    invoice_date = pl.col(cols["invoice_date"])
    file_currency = formats.get("currency", DEFAULT_CURRENCY)
    row_currency = _row_currency(
        mapping, cols, default=formats.get("currency_default", file_currency)
    )
    reason = work_column("reason")
    frame = frame.with_columns(
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
        .when(revenue_blank)
        .then(pl.lit("missing_amount"))
        .when(pl.col(too_large))
        .then(pl.lit("amount_too_large"))
        .when(value.is_null())
        .then(pl.lit("bad_amount"))
        .when(row_currency.is_not_null() & (row_currency != file_currency))
        .then(pl.lit("other_currency"))
        .otherwise(None)
        .alias(reason)
    )
    # A rejected amount too large for any total counts nowhere.
    value = pl.when(value.abs() >= AMOUNT_LIMIT).then(None).otherwise(value)
    headers = source.headers
    text_of_row = pl.concat_str([pl.col(h).fill_null("\x00") for h in headers], separator="\x1f")
    out = [
        pl.col("_line").alias("line_no"),
        pl.col("_sheet").alias("sheet"),
        pl.col(cols["customer_id"]).alias("customer_id"),
        value.alias("revenue"),
        cost.alias("cost"),
        pl.col(reason).alias("reason"),
        _raw_json(headers, reason).alias("raw"),
        text_of_row.hash(seed=7).alias("row_hash"),
        pl.coalesce(row_currency, pl.lit(file_currency)).alias("currency"),
    ]
    for fld in SALES_FIELDS:
        if fld in {
            "customer_id",
            "revenue",
            "cost",
            "margin",
            "margin_pct",
            "refunded",
            "status",
            "currency",
        }:
            continue
        if fld in {"due_date", "paid_date"} and fld in cols:
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
    return frame.select(out)


def _currency_of(text: pl.Expr, *, default: str) -> pl.Expr:
    """The ISO code a currency text stands for (see `analytics.money.currency_code`)."""
    key = text.str.strip_chars().str.to_lowercase()
    known = key.replace_strict(currency_aliases(default=default), default=None)
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
    cols = {fld: mapping[fld] for fld in ("currency",) if fld in mapping}
    expr = _row_currency(mapping, cols, default=default)
    counted = (
        source.frame.select(expr.alias("code"))
        .filter(pl.col("code").is_not_null())
        .group_by("code")
        .len()
        .collect(engine="streaming")
    )
    counts = {code: int(n) for code, n in counted.iter_rows()}
    if not counts:
        return default, counts
    for preferred in (dataset, chosen):
        if preferred and preferred.upper() in counts:
            return preferred.upper(), counts
    best = max(sorted(counts), key=lambda code: counts[code])
    return best, counts


def _resolve_mapping(
    store: Store | None,
    source: Source,
    *,
    mapping: dict[str, str] | None,
    profile: str | None,
    fields: tuple[str, ...],
) -> tuple[dict[str, str], str | None, list[dict]]:
    """The mapping to use, the profile it comes from and notes on what was guessed."""
    if mapping is not None:
        return dict(mapping), profile, []
    if store is not None:
        found = find_profile(store, source.headers, name=profile)
        if found is not None:
            return found[1], found[0], []
    with _reading():
        chosen, notes = propose_mapping(source.frame, source.headers, fields=fields)
    return chosen, None, notes


def preview_file(
    path: Path,
    *,
    store: Store | None = None,
    name: str | None = None,
    mapping: dict[str, str] | None = None,
    profile: str | None = None,
    sheet: str | None = None,
    all_sheets: bool = False,
    kind: str = "sales",
    rows: int = 20,
    earliest_date: date | None = None,
    latest_date: date | None = None,
) -> Preview:
    """Open a file and show how it would be read, without touching the store.

    Returns the headers, the mapping (given, from a matching profile, or automatic), the
    first `rows` rows as parsed (with their reject reason) and the formats decided.
    A mapping that cannot work is returned as `problem` instead of raising, so that the
    user can fix it; files that cannot be read at all raise `IngestError`.
    `earliest_date`/`latest_date` bound the plausible invoice dates (`plausible_dates`).
    """
    dates = plausible_dates(earliest=earliest_date, latest=latest_date)
    source = open_source(path, name=name, sheet=sheet, all_sheets=all_sheets)
    try:
        fields = SALES_FIELDS if kind == "sales" else MASTER_FIELDS
        chosen, profile_name, notes = _resolve_mapping(
            store, source, mapping=mapping, profile=profile, fields=fields
        )
        problem = None
        formats: dict[str, str] = {}
        try:
            check_mapping(chosen, source.headers, kind=kind)
        except IngestError as exc:
            problem = exc
        head = Source(
            kind=source.kind,
            headers=source.headers,
            frame=source.frame.head(max(rows, 1000)),
            delimiter=source.delimiter,
        )
        stated: str | None = None
        with _reading():
            if problem is None:
                formats = _decide_formats(head, chosen)
                if kind == "sales":
                    found, counts = _decide_currency(head, chosen, chosen=None)
                    stated = found if counts else None
                    formats.update(currency=found, currency_default=found)
                    parsed = _sales_frame(head, chosen, formats, dates=dates).drop(
                        "raw", "row_hash"
                    )
                else:
                    parsed = _master_frame(head, chosen, formats).drop("raw")
                frame = parsed.head(rows).collect()
            else:
                frame = source.frame.head(rows).collect()
        if frame.height == 0 and problem is None:
            problem = IngestError("header_only", "The file has a header but no data rows.")
        return Preview(
            file_name=name or path.name,
            kind=source.kind,
            headers=source.headers,
            mapping=chosen,
            profile=profile_name,
            rows=frame,
            encoding=source.encoding,
            delimiter=source.delimiter,
            sheets=source.sheets,
            available_sheets=source.available_sheets,
            formats=formats,
            problem=problem,
            notes=notes,
            currency=stated,
        )
    finally:
        source.close()


def _check_not_imported(store: Store, dataset: str, content_hash: str, name: str) -> None:
    dataset_id = store.dataset_id(dataset)
    if dataset_id is None:
        return
    found = store.scalar(
        "select file_name from imports where dataset_id = ? and content_hash = ?",
        [dataset_id, content_hash],
    )
    if found is not None:
        raise IngestError(
            "already_imported",
            f"This file is already imported into {dataset!r} (as {found}); "
            "it was not counted twice.",
            dataset=dataset,
            file=str(found),
        )


def import_sales(
    store: Store,
    path: Path,
    *,
    dataset: str = "Standard",
    name: str | None = None,
    mapping: dict[str, str] | None = None,
    profile: str | None = None,
    sheet: str | None = None,
    all_sheets: bool = False,
    replace_overlap: bool = False,
    demo: bool = False,
    progress: Progress | None = None,
    earliest_date: date | None = None,
    latest_date: date | None = None,
    currency: str | None = None,
) -> ImportReport:
    """Import a sales export into data set `dataset` (created when new).

    The amounts are in the currency the file states (a currency column, or a sign or
    code beside the amounts), else in `currency` (an ISO code; default: the data set's,
    for a new data set SEK). Rows in another currency than the file's are rejected as
    `other_currency`; a file in another currency than its data set raises
    `IngestError("currency_mismatch")`.

    `mapping` ({field: header}) overrides the profile / automatic mapping. With
    `replace_overlap`, lines of the data set dated within the new file's period are
    removed first (a corrected re-export). Invoice dates outside `earliest_date` ..
    `latest_date` (defaults: `plausible_dates`) reject their line as `implausible_date`.
    Raises `IngestError` (and changes nothing) when the file cannot be read, is already
    imported, or yields no usable row.
    """
    progress = progress or _noop
    dates = plausible_dates(earliest=earliest_date, latest=latest_date)
    name = name or path.name
    progress(0.0, "reading")
    content_hash = file_hash(path)
    _check_not_imported(store, dataset, content_hash, name)
    source = open_source(
        path,
        name=name,
        sheet=sheet,
        all_sheets=all_sheets,
        progress=lambda f: progress(0.3 * f, "reading"),
    )
    try:
        chosen, _profile, notes = _resolve_mapping(
            store, source, mapping=mapping, profile=profile, fields=SALES_FIELDS
        )
        check_mapping(chosen, source.headers, kind="sales")
        progress(0.3, "checking")
        with _reading():
            formats = _decide_formats(source, chosen)
            formats.update(_import_currency(store, source, chosen, dataset, currency))
        progress(0.5, "parsing")
        workdir = Path(source.workdir.name) if source.workdir else None
        if workdir is None:
            import tempfile

            holder = tempfile.TemporaryDirectory(prefix="kundfokus-")
            source.workdir = holder
            workdir = Path(holder.name)
        parsed_path = workdir / "parsed.parquet"
        with _reading():
            _sales_frame(source, chosen, formats, dates=dates).sink_parquet(parsed_path)
        progress(0.8, "saving")
        return _store_sales(
            store,
            parsed_path,
            dataset=dataset,
            name=name,
            content_hash=content_hash,
            path=path,
            source=source,
            mapping=chosen,
            formats=formats,
            replace_overlap=replace_overlap,
            demo=demo,
            progress=progress,
            notes=notes,
        )
    finally:
        source.close()


def _import_currency(
    store: Store, source: Source, mapping: dict[str, str], dataset: str, chosen: str | None
) -> dict[str, str]:
    """`currency` (the file's) and `currency_default` (what `kr` and silent rows mean)
    for `formats`; raises `currency_mismatch` when the data set has another currency."""
    known = store.dataset_currency(dataset)
    default = (chosen or known or DEFAULT_CURRENCY).strip().upper()
    found, _counts = _decide_currency(source, mapping, chosen=default, dataset=known)
    if known is not None and found != known:
        raise IngestError(
            "currency_mismatch",
            f"The file is in {found}, the data set {dataset!r} in {known}; amounts in "
            "different currencies are never added up. Import it into another data set.",
            currency=found,
            dataset=dataset,
            dataset_currency=known,
        )
    return {"currency": found, "currency_default": default}


def _store_sales(
    store: Store,
    parsed: Path,
    *,
    dataset: str,
    name: str,
    content_hash: str,
    path: Path,
    source: Source,
    mapping: dict[str, str],
    formats: dict[str, str],
    replace_overlap: bool,
    demo: bool,
    progress: Progress,
    notes: list[dict] | None = None,
) -> ImportReport:
    scan = f"read_parquet('{_sql_path(parsed)}')"
    stats = store.query(
        f"""
        select count(*) as rows_read,
               count(*) filter (where reason is null) as rows_loaded,
               coalesce(sum(revenue) filter (where reason is null), 0) as revenue_loaded,
               coalesce(sum(revenue) filter (where reason is not null), 0)
                   as revenue_rejected,
               min(invoice_date) filter (where reason is null) as first_date,
               max(invoice_date) filter (where reason is null) as last_date,
               count(*) filter (where reason is null and cost is null) as cost_missing
        from {scan}
        """
    ).row(0, named=True)
    # The distinct counts one at a time, as groups: two `count(distinct ...)` in one
    # query held both hash tables at once, beyond DuckDB's memory limit (+50 MB at
    # 4,000,000 lines); a grouping spills to disk instead.
    stats["customers"] = store.scalar(
        f"select count(*) from (select distinct customer_id from {scan} "
        "where reason is null and customer_id is not null)"
    )
    distinct_lines = store.scalar(
        f"select count(*) from (select distinct row_hash from {scan} "
        "where reason is null and row_hash is not null)"
    )
    stats["duplicate_lines"] = stats["rows_loaded"] - distinct_lines
    reasons_frame = store.query(
        f"select reason, count(*) as n from {scan} where reason is not null group by reason"
    )
    reasons = {r: n for r, n in reasons_frame.iter_rows() if n}
    reasons = {r: reasons[r] for r in REJECT_REASONS if r in reasons}
    currency = formats.get("currency", DEFAULT_CURRENCY)
    others = store.query(
        f"select currency, count(*) as lines, coalesce(sum(revenue), 0) as revenue "
        f"from {scan} where reason = 'other_currency' group by currency order by currency"
    )
    if stats["rows_read"] == 0:
        raise IngestError("header_only", "The file has a header but no data rows.")
    if stats["rows_loaded"] == 0:
        detail = ", ".join(f"{r}: {n}" for r, n in reasons.items())
        raise IngestError(
            "nothing_loaded",
            f"None of the {stats['rows_read']} rows could be used ({detail}).",
            rows=stats["rows_read"],
            detail=detail,
        )
    warnings = [*(notes or []), *source.warnings, *_sales_warnings(stats, formats, mapping)]
    if not others.is_empty():
        # Never summed with the file's currency: rejected, and their totals said.
        totals = ", ".join(
            f"{code} {plain_amount(amount)} ({lines})" for code, lines, amount in others.iter_rows()
        )
        warnings.append(
            _warning(
                "mixed_currencies",
                f"{int(others['lines'].sum())} lines in another currency than {currency} "
                f"were rejected (currency, total, lines: {totals}).",
                currency=currency,
                lines=int(others["lines"].sum()),
                totals=totals,
            )
        )
    source_of_cost = cost_source(mapping)
    with store.transaction() as cur:
        # Again under the write lock: the same file may have been loaded meanwhile.
        _check_not_imported(store, dataset, content_hash, name)
        dataset_id = store.ensure_dataset(cur, dataset, demo=demo, currency=currency)
        replaced = 0
        overlap = cur.execute(
            "select count(*) from sales_lines where dataset_id = ? "
            "and invoice_date between ? and ?",
            [dataset_id, stats["first_date"], stats["last_date"]],
        ).fetchall()[0][0]
        if overlap and replace_overlap:
            cur.execute(
                "delete from sales_lines where dataset_id = ? and invoice_date between ? and ?",
                [dataset_id, stats["first_date"], stats["last_date"]],
            )
            replaced = int(overlap)
            warnings.append(
                _warning(
                    "replaced_period",
                    f"{overlap} earlier lines from {stats['first_date']} to "
                    f"{stats['last_date']} were replaced.",
                    lines=int(overlap),
                    first=str(stats["first_date"]),
                    last=str(stats["last_date"]),
                )
            )
        elif overlap:
            warnings.append(
                _warning(
                    "overlap",
                    f"The data set already has {overlap} lines from {stats['first_date']} to "
                    f"{stats['last_date']}; both are now counted. Import again with "
                    "'replace overlapping period' to replace them.",
                    lines=int(overlap),
                    first=str(stats["first_date"]),
                    last=str(stats["last_date"]),
                )
            )
        cur.execute(
            """
            insert into imports (dataset_id, kind, file_name, content_hash, file_bytes,
                encoding, delimiter, sheets, mapping, cost_source, rows_read, rows_loaded,
                rows_rejected, revenue_loaded, revenue_rejected, duplicate_lines,
                replaced_lines, first_date, last_date, warnings, currency)
            values (?, 'sales', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                dataset_id,
                name,
                content_hash,
                path.stat().st_size,
                source.encoding,
                source.delimiter,
                ", ".join(source.sheets) or None,
                mapping_json(mapping),
                source_of_cost,
                stats["rows_read"],
                stats["rows_loaded"],
                stats["rows_read"] - stats["rows_loaded"],
                stats["revenue_loaded"],
                stats["revenue_rejected"],
                stats["duplicate_lines"],
                replaced,
                stats["first_date"],
                stats["last_date"],
                json.dumps(warnings, ensure_ascii=False, default=str),
                currency,
            ],
        )
        import_id = int(cur.execute("select currval('import_seq')").fetchall()[0][0])
        cur.execute(
            f"""
            insert into sales_lines
            select ?, ?, line_no, sheet, customer_id, customer_name, invoice_date,
                   invoice_number, revenue, cost, quantity, unit_price, product,
                   product_group, due_date, paid_date, salesperson, region, segment
            from {scan} where reason is null
            """,
            [dataset_id, import_id],
        )
        cur.execute(
            f"""
            insert into rejected_rows
            select ?, line_no, sheet, reason, revenue, raw::json
            from {scan} where reason is not null
            """,
            [import_id],
        )
    progress(1.0, "done")
    return ImportReport(
        import_id=import_id,
        file_name=name,
        dataset=dataset,
        rows_read=int(stats["rows_read"]),
        rows_loaded=int(stats["rows_loaded"]),
        rows_rejected=int(stats["rows_read"] - stats["rows_loaded"]),
        revenue_loaded=Decimal(stats["revenue_loaded"]),
        revenue_rejected=Decimal(stats["revenue_rejected"]),
        customers=int(stats["customers"]),
        first_date=stats["first_date"],
        last_date=stats["last_date"],
        mapping=mapping,
        cost_source=source_of_cost,
        duplicate_lines=int(stats["duplicate_lines"]),
        replaced_lines=replaced,
        warnings=warnings,
        rejected_reasons=reasons,
        currency=currency,
    )


def _sales_warnings(stats: dict, formats: dict[str, str], mapping: dict[str, str]) -> list[dict]:
    warnings = []
    if stats["duplicate_lines"]:
        warnings.append(
            _warning(
                "duplicate_lines",
                f"{stats['duplicate_lines']} lines are exact copies of another line; "
                "they were loaded as they are. Check the export if that is unexpected.",
                lines=int(stats["duplicate_lines"]),
            )
        )
    if cost_source(mapping) == "none":
        warnings.append(
            _warning(
                "no_cost",
                "The file has no cost or margin column: margin views will say so.",
            )
        )
    elif stats["cost_missing"]:
        warnings.append(
            _warning(
                "cost_missing",
                f"{stats['cost_missing']} loaded lines have no readable cost.",
                lines=int(stats["cost_missing"]),
            )
        )
    for fld in DATE_FIELDS:
        if formats.get(f"{fld}__ambiguous"):
            warnings.append(
                _warning(
                    "ambiguous_dates",
                    f"The dates in column {mapping[fld]!r} fit both day/month and "
                    "month/day; they were read as day/month.",
                    column=mapping[fld],
                )
            )
    return warnings


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")


# --- customer master ---------------------------------------------------------------


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


def import_customers(
    store: Store,
    path: Path,
    *,
    dataset: str = "Standard",
    name: str | None = None,
    mapping: dict[str, str] | None = None,
    sheet: str | None = None,
    demo: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Import a customer master file (segment, region, key-account manager, satisfaction
    1–5, NPS −100..100) into data set `dataset`. A customer already present is updated;
    when a file lists a customer twice, its last row counts.
    """
    progress = progress or _noop
    name = name or path.name
    content_hash = file_hash(path)
    _check_not_imported(store, dataset, content_hash, name)
    source = open_source(path, name=name, sheet=sheet)
    try:
        chosen, _profile, _notes = _resolve_mapping(
            store, source, mapping=mapping, profile=None, fields=MASTER_FIELDS
        )
        check_mapping(chosen, source.headers, kind="customers")
        with _reading():
            formats = _decide_formats(source, chosen)
            frame = _master_frame(source, chosen, formats).collect(engine="streaming")
    finally:
        source.close()
    if frame.height == 0:
        raise IngestError("header_only", "The file has a header but no data rows.")
    good = frame.filter(pl.col("reason").is_null()).unique(
        "customer_id", keep="last", maintain_order=True
    )
    bad = frame.filter(pl.col("reason").is_not_null())
    counts = dict(bad["reason"].value_counts().iter_rows())
    reasons = {r: counts[r] for r in REJECT_REASONS if r in counts}
    if good.is_empty():
        detail = ", ".join(f"{r}: {n}" for r, n in reasons.items())
        raise IngestError(
            "nothing_loaded",
            f"None of the {frame.height} rows could be used ({detail}).",
            rows=frame.height,
            detail=detail,
        )
    with store.transaction() as cur:
        # Again under the write lock: the same file may have been loaded meanwhile.
        _check_not_imported(store, dataset, content_hash, name)
        dataset_id = store.ensure_dataset(cur, dataset, demo=demo)
        cur.execute(
            """
            insert into imports (dataset_id, kind, file_name, content_hash, file_bytes,
                encoding, delimiter, mapping, rows_read, rows_loaded, rows_rejected,
                warnings)
            values (?, 'customers', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                dataset_id,
                name,
                content_hash,
                path.stat().st_size,
                source.encoding,
                source.delimiter,
                mapping_json(chosen),
                frame.height,
                frame.height - bad.height,
                bad.height,
                json.dumps(source.warnings, ensure_ascii=False, default=str),
            ],
        )
        import_id = int(cur.execute("select currval('import_seq')").fetchall()[0][0])
        master = good.select(MASTER_FIELDS)  # noqa: F841 - read by DuckDB below
        cur.execute(
            "delete from customers where dataset_id = ? "
            "and customer_id in (select customer_id from master)",
            [dataset_id],
        )
        cur.execute(
            f"""
            insert into customers (dataset_id, customer_id, customer_name, segment, region,
                key_account_manager, satisfaction, nps, import_id)
            select ?, {", ".join(MASTER_FIELDS)}, ? from master
            """,
            [dataset_id, import_id],
        )
        rejected = bad.select("line_no", "sheet", "reason", "raw")  # noqa: F841
        cur.execute(
            "insert into rejected_rows select ?, line_no, sheet, reason, null, raw::json "
            "from rejected",
            [import_id],
        )
    progress(1.0, "done")
    return ImportReport(
        import_id=import_id,
        file_name=name,
        dataset=dataset,
        rows_read=frame.height,
        rows_loaded=frame.height - bad.height,
        rows_rejected=bad.height,
        revenue_loaded=Decimal(0),
        revenue_rejected=Decimal(0),
        customers=good.height,
        first_date=None,
        last_date=None,
        mapping=chosen,
        cost_source="none",
        duplicate_lines=0,
        replaced_lines=0,
        warnings=list(source.warnings),
        rejected_reasons=reasons,
        kind="customers",
    )
