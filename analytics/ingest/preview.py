"""Preview an export: how it would be read, without touching the store."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl

from analytics.ingest.errors import IngestError
from analytics.ingest.frames import _master_frame, plausible_dates
from analytics.ingest.mapping import FileKind
from analytics.ingest.opening import _decide_formats, _reading, opened_file
from analytics.ingest.report import Preview
from analytics.ingest.sales import _decide_currency, _sales_frame
from analytics.ingest.source import Source
from analytics.store import Store

__all__ = ["preview_file"]


# Over 60 lines with its signature and docstring (the public options); the body is
# under 50.
def preview_file(
    path: Path,
    *,
    store: Store | None = None,
    name: str | None = None,
    mapping: dict[str, str] | None = None,
    profile: str | None = None,
    sheet: str | None = None,
    all_sheets: bool = False,
    kind: FileKind = "sales",
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
    with opened_file(
        path,
        kind=kind,
        store=store,
        name=name,
        mapping=mapping,
        profile=profile,
        sheet=sheet,
        all_sheets=all_sheets,
        strict=False,
    ) as opened:
        source = opened.source
        # The formats and the currency are decided over the first rows only.
        head = Source(
            kind=source.kind,
            headers=source.headers,
            frame=source.frame.head(max(rows, 1000)),
            delimiter=source.delimiter,
        )
        with _reading():
            if opened.problem is None:
                frame, formats, stated = _parsed_head(head, opened.mapping, kind, rows, dates)
            else:
                frame, formats, stated = source.frame.head(rows).collect(), {}, None
        problem = opened.problem
        if frame.height == 0 and problem is None:
            problem = IngestError("header_only", "The file has a header but no data rows.")
        return Preview(
            file_name=name or path.name,
            kind=source.kind,
            headers=source.headers,
            mapping=opened.mapping,
            profile=opened.profile,
            rows=frame,
            encoding=source.encoding,
            delimiter=source.delimiter,
            sheets=source.sheets,
            available_sheets=source.available_sheets,
            formats=formats,
            problem=problem,
            notes=opened.notes,
            currency=stated,
        )


def _parsed_head(
    head: Source,
    mapping: dict[str, str],
    kind: FileKind,
    rows: int,
    dates: tuple[date, date],
) -> tuple[pl.DataFrame, dict[str, str], str | None]:
    """The first `rows` rows of `head` as parsed (without the raw values), the formats
    decided and the currency the rows state (None when silent).
    """
    formats = _decide_formats(head, mapping)
    stated: str | None = None
    if kind == "sales":
        found, counts = _decide_currency(head, mapping, chosen=None)
        stated = found if counts else None
        formats.update(currency=found, currency_default=found)
        parsed = _sales_frame(head, mapping, formats, dates=dates).drop("raw", "row_hash")
    else:
        parsed = _master_frame(head, mapping, formats).drop("raw")
    return parsed.head(rows).collect(), formats, stated
