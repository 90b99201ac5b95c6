"""Load a sales export into the store: parse it to a temporary Parquet file, then count
and insert its loaded and rejected rows in one transaction.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from analytics.ingest.errors import IngestError, disk_space
from analytics.ingest.frames import plausible_dates
from analytics.ingest.mapping import DATE_FIELDS, cost_source, mapping_json
from analytics.ingest.opening import _check_not_imported, _reading, opened_file
from analytics.ingest.report import REJECT_REASONS, ImportReport, Progress, _noop, _warning
from analytics.ingest.sales import _import_currency, _sales_frame
from analytics.ingest.source import Source, file_hash
from analytics.ingest.stages import checkpoint
from analytics.money import DEFAULT_CURRENCY, plain_amount
from analytics.store import Store
from analytics.workfiles import work_directory

__all__ = ["import_sales"]


# Over 60 lines with its signature and docstring (the public options); the body is
# under 50.
@disk_space()
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
    imported, or yields no usable row, or when the disk is full (`disk_full`).
    """
    progress = progress or _noop
    dates = plausible_dates(earliest=earliest_date, latest=latest_date)
    name = name or path.name
    progress(0.0, "reading")
    content_hash = file_hash(path)
    _check_not_imported(store, dataset, content_hash, name)
    with opened_file(
        path,
        kind="sales",
        store=store,
        name=name,
        mapping=mapping,
        profile=profile,
        sheet=sheet,
        all_sheets=all_sheets,
        progress=lambda f: _read_progress(progress, f),
    ) as opened:
        source, chosen = opened.source, opened.mapping
        progress(0.3, "checking")
        with _reading():
            formats = _import_currency(store, source, chosen, dataset, currency)
            checkpoint("checking")
        progress(0.5, "parsing")
        if source.workdir is None:
            source.workdir = work_directory()
        parsed_path = Path(source.workdir.name) / "parsed.parquet"
        with _reading():
            _sales_frame(source, chosen, formats, dates=dates).sink_parquet(parsed_path)
        checkpoint("parsing")
        progress(0.8, "saving")
        load = _Load(
            dataset=dataset,
            name=name,
            content_hash=content_hash,
            path=path,
            source=source,
            mapping=chosen,
            formats=formats,
            replace_overlap=replace_overlap,
            demo=demo,
            notes=opened.notes,
        )
        report = _store_sales(store, parsed_path, load)
    checkpoint("committed")
    progress(1.0, "done")
    return report


def _read_progress(progress: Progress, fraction: float) -> None:
    progress(0.3 * fraction, "reading")
    checkpoint("reading")


@dataclass
class _Load:
    """One sales file on its way into the store: where it is going and how it was read."""

    dataset: str
    name: str
    content_hash: str
    path: Path
    source: Source
    mapping: dict[str, str]
    formats: dict[str, str]
    replace_overlap: bool
    demo: bool
    notes: list[dict]

    @property
    def currency(self) -> str:
        return self.formats.get("currency", DEFAULT_CURRENCY)


def _parsed_stats(store: Store, scan: str) -> dict:
    """Counts and totals of the parsed rows `scan` reads: rows read and loaded, revenue
    loaded and rejected, first and last date, loaded lines without cost, customers,
    exact duplicates and `reasons` ({reason: rows}, in the order of `REJECT_REASONS`).
    """
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
    stats["reasons"] = {r: reasons[r] for r in REJECT_REASONS if r in reasons}
    return stats


def _check_loaded(stats: dict) -> None:
    """Raise `header_only` or `nothing_loaded` when no row of the file can be used."""
    if stats["rows_read"] == 0:
        raise IngestError("header_only", "The file has a header but no data rows.")
    if stats["rows_loaded"] == 0:
        detail = ", ".join(f"{r}: {n}" for r, n in stats["reasons"].items())
        raise IngestError(
            "nothing_loaded",
            f"None of the {stats['rows_read']} rows could be used ({detail}).",
            rows=stats["rows_read"],
            detail=detail,
            reasons=dict(stats["reasons"]),
        )


def _other_currencies(store: Store, scan: str, currency: str) -> list[dict]:
    """The `mixed_currencies` warning when lines in another currency were rejected:
    never summed with the file's currency, their totals said instead.
    """
    others = store.query(
        f"select currency, count(*) as lines, coalesce(sum(revenue), 0) as revenue "
        f"from {scan} where reason = 'other_currency' group by currency order by currency"
    )
    if others.is_empty():
        return []
    totals = ", ".join(
        f"{code} {plain_amount(amount)} ({lines})" for code, lines, amount in others.iter_rows()
    )
    lines = int(others["lines"].sum())
    return [
        _warning(
            "mixed_currencies",
            f"{lines} lines in another currency than {currency} "
            f"were rejected (currency, total, lines: {totals}).",
            currency=currency,
            lines=lines,
            totals=totals,
        )
    ]


def _overlap(cur, dataset_id: int, stats: dict, *, replace: bool) -> tuple[int, list[dict]]:
    """Lines of the data set dated within the file's period: removed with `replace`.
    Returns the lines replaced and the warning (`replaced_period` or `overlap`).
    """
    first, last = stats["first_date"], stats["last_date"]
    overlap = cur.execute(
        "select count(*) from sales_lines where dataset_id = ? and invoice_date between ? and ?",
        [dataset_id, first, last],
    ).fetchall()[0][0]
    if not overlap:
        return 0, []
    span = {"lines": int(overlap), "first": str(first), "last": str(last)}
    if replace:
        cur.execute(
            "delete from sales_lines where dataset_id = ? and invoice_date between ? and ?",
            [dataset_id, first, last],
        )
        message = f"{overlap} earlier lines from {first} to {last} were replaced."
        return int(overlap), [_warning("replaced_period", message, **span)]
    message = (
        f"The data set already has {overlap} lines from {first} to "
        f"{last}; both are now counted. Import again with "
        "'replace overlapping period' to replace them."
    )
    return 0, [_warning("overlap", message, **span)]


# Just over 60 lines: the transaction that inserts the import record, its lines and
# its rejected rows reads best in one piece.
def _store_sales(store: Store, parsed: Path, load: _Load) -> ImportReport:
    """Count the parsed rows at `parsed` and insert them (loaded and rejected) with the
    import's record in one transaction; raises `IngestError` when none can be used.
    """
    scan = f"read_parquet('{_sql_path(parsed)}')"
    stats = _parsed_stats(store, scan)
    _check_loaded(stats)
    source = load.source
    warnings = [
        *load.notes,
        *source.warnings,
        *_sales_warnings(stats, load.formats, load.mapping),
        *_other_currencies(store, scan, load.currency),
    ]
    with store.transaction() as cur:
        # Again under the write lock: the same file may have been loaded meanwhile.
        _check_not_imported(store, load.dataset, load.content_hash, load.name)
        dataset_id = store.ensure_dataset(cur, load.dataset, demo=load.demo, currency=load.currency)
        replaced, said = _overlap(cur, dataset_id, stats, replace=load.replace_overlap)
        warnings += said
        import_id = _insert_import(
            cur, dataset_id, load, stats, replaced=replaced, warnings=warnings
        )
        cur.execute(
            f"""
            insert into sales_lines
            select ?, ?, line_no, sheet, customer_id, customer_name, invoice_date,
                   invoice_number, revenue, cost, quantity, unit_price, product,
                   product_group, due_date, paid_date, salesperson, region, segment,
                   returned_quantity, delivery_date, freight_charged, freight_cost,
                   discount, channel, delivery_method
            from {scan} where reason is null
            """,
            [dataset_id, import_id],
        )
        checkpoint("saving")
        cur.execute(
            f"""
            insert into rejected_rows
            select ?, line_no, sheet, reason, revenue, raw::json
            from {scan} where reason is not null
            """,
            [import_id],
        )
        checkpoint("committing")
    return ImportReport(
        import_id=import_id,
        file_name=load.name,
        dataset=load.dataset,
        rows_read=int(stats["rows_read"]),
        rows_loaded=int(stats["rows_loaded"]),
        rows_rejected=int(stats["rows_read"] - stats["rows_loaded"]),
        revenue_loaded=Decimal(stats["revenue_loaded"]),
        revenue_rejected=Decimal(stats["revenue_rejected"]),
        customers=int(stats["customers"]),
        first_date=stats["first_date"],
        last_date=stats["last_date"],
        mapping=load.mapping,
        cost_source=cost_source(load.mapping),
        duplicate_lines=int(stats["duplicate_lines"]),
        replaced_lines=replaced,
        warnings=warnings,
        rejected_reasons=stats["reasons"],
        currency=load.currency,
    )


def _insert_import(
    cur, dataset_id: int, load: _Load, stats: dict, *, replaced: int, warnings: list[dict]
) -> int:
    """Record the import in `imports`; returns its id."""
    source = load.source
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
            load.name,
            load.content_hash,
            load.path.stat().st_size,
            source.encoding,
            source.delimiter,
            ", ".join(source.sheets) or None,
            mapping_json(load.mapping),
            cost_source(load.mapping),
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
            load.currency,
        ],
    )
    return int(cur.execute("select currval('import_seq')").fetchall()[0][0])


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
