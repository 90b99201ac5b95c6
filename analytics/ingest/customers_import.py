"""Load a customer master file (segment, region, key-account manager, satisfaction,
NPS) into the store.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import polars as pl

from analytics.ingest.errors import IngestError, disk_space
from analytics.ingest.frames import _master_frame
from analytics.ingest.mapping import mapping_json
from analytics.ingest.opening import (
    Opened,
    _check_not_imported,
    _decide_formats,
    _reading,
    opened_file,
)
from analytics.ingest.report import REJECT_REASONS, ImportReport, Progress, _noop
from analytics.ingest.source import file_hash
from analytics.ingest.synonyms import MASTER_FIELDS
from analytics.store import Store

__all__ = ["import_customers"]


# Over 60 lines with its signature and docstring (the public options); the body is
# under 50.
@disk_space()
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
    with opened_file(
        path, kind="customers", store=store, name=name, mapping=mapping, sheet=sheet
    ) as opened:
        source = opened.source
        with _reading():
            formats = _decide_formats(source, opened.mapping)
            frame = _master_frame(source, opened.mapping, formats).collect(engine="streaming")
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
            reasons=reasons,
        )
    record = {
        "file_name": name,
        "content_hash": content_hash,
        "file_bytes": path.stat().st_size,
        "encoding": source.encoding,
        "delimiter": source.delimiter,
        "mapping": mapping_json(opened.mapping),
        "rows_read": frame.height,
        "rows_loaded": frame.height - bad.height,
        "rows_rejected": bad.height,
        "warnings": json.dumps(source.warnings, ensure_ascii=False, default=str),
    }
    import_id = _store_master(store, dataset, record, good=good, bad=bad, demo=demo)
    progress(1.0, "done")
    return _master_report(
        import_id,
        dataset=dataset,
        customers=good.height,
        record=record,
        opened=opened,
        reasons=reasons,
    )


def _master_report(
    import_id: int, *, dataset: str, customers: int, record: dict, opened: Opened, reasons: dict
) -> ImportReport:
    """The report of a customer-master import (no amounts, no dates)."""
    return ImportReport(
        import_id=import_id,
        file_name=record["file_name"],
        dataset=dataset,
        rows_read=record["rows_read"],
        rows_loaded=record["rows_loaded"],
        rows_rejected=record["rows_rejected"],
        revenue_loaded=Decimal(0),
        revenue_rejected=Decimal(0),
        customers=customers,
        first_date=None,
        last_date=None,
        mapping=opened.mapping,
        cost_source="none",
        duplicate_lines=0,
        replaced_lines=0,
        warnings=list(opened.source.warnings),
        rejected_reasons=reasons,
        kind="customers",
    )


def _store_master(
    store: Store,
    dataset: str,
    record: dict,
    *,
    good: pl.DataFrame,
    bad: pl.DataFrame,
    demo: bool,
) -> int:
    """In one transaction: the import's `record` in `imports`, the `good` rows replacing
    the same customers in `customers`, the `bad` ones in `rejected_rows`. Returns the
    import's id; raises `already_imported` when the file was loaded meanwhile.
    """
    with store.transaction() as cur:
        # Again under the write lock: the same file may have been loaded meanwhile.
        _check_not_imported(store, dataset, record["content_hash"], record["file_name"])
        dataset_id = store.ensure_dataset(cur, dataset, demo=demo)
        cur.execute(
            f"""
            insert into imports (dataset_id, kind, {", ".join(record)})
            values (?, 'customers', {", ".join("?" for _ in record)})
            """,
            [dataset_id, *record.values()],
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
    return import_id
