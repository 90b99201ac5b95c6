"""The opening every import and preview shares: read and decode the file
(`open_source`), map its headers to fields (a given mapping, a saved profile or the
automatic one) and check the mapping; then the formats (decimal separator, date format)
decided over the values.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from analytics.ingest.errors import IngestError, out_of_space
from analytics.ingest.infer import propose_mapping
from analytics.ingest.mapping import DATE_FIELDS, NUMBER_FIELDS, FileKind, check_mapping
from analytics.ingest.parse import (
    DATE_FORMATS,
    add_number_columns,
    add_number_flags,
    choose_date_format,
    choose_decimal,
    date_evidence,
    number_evidence,
    work_column,
)
from analytics.ingest.profiles import find_profile
from analytics.ingest.report import Formats
from analytics.ingest.source import Source, open_source, unreadable
from analytics.ingest.synonyms import MASTER_FIELDS, SALES_FIELDS
from analytics.store import Store

__all__ = ["Opened", "opened_file"]


@dataclass
class Opened:
    """A file read, decoded and mapped. `problem` is the reason the mapping cannot work
    (None when it can); `notes` say how the automatic mapping guessed (import warnings).
    """

    source: Source
    mapping: dict[str, str]
    profile: str | None
    problem: IngestError | None = None
    notes: list[dict] = field(default_factory=list)


@contextmanager
def opened_file(
    path: Path,
    *,
    kind: FileKind,
    store: Store | None,
    name: str | None = None,
    mapping: dict[str, str] | None = None,
    profile: str | None = None,
    sheet: str | None = None,
    all_sheets: bool = False,
    strict: bool = True,
    progress: Callable[[float], None] | None = None,
) -> Iterator[Opened]:
    """Open `path` (shown as `name`) and map its headers for `kind`; the file is closed
    when the block ends.

    The mapping is `mapping` when given, else the profile `profile` (or the newest saved
    for these headers) from `store`, else the automatic one. With `strict` a mapping that
    cannot work raises its `IngestError`; without, it is `Opened.problem`. Files that
    cannot be read raise `IngestError`. `progress` is told the fraction read.
    """
    source = open_source(path, name=name, sheet=sheet, all_sheets=all_sheets, progress=progress)
    try:
        fields = SALES_FIELDS if kind == "sales" else MASTER_FIELDS
        chosen, profile_name, notes = _resolve_mapping(
            store, source, mapping=mapping, profile=profile, fields=fields
        )
        problem = None
        try:
            check_mapping(chosen, source.headers, kind=kind)
        except IngestError as exc:
            if strict:
                raise
            problem = exc
        yield Opened(
            source=source, mapping=chosen, profile=profile_name, problem=problem, notes=notes
        )
    finally:
        source.close()


@contextmanager
def _reading() -> Iterator[None]:
    """Report a file the reader fails on while scanning its rows (an unclosed quote,
    say) as `IngestError("unreadable")` instead of a reader exception.
    """
    try:
        yield
    except pl.exceptions.PolarsError as exc:
        if out_of_space(exc):
            raise  # not the file's fault: `disk_space` says so
        raise unreadable(exc) from None


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


def _decide_formats(source: Source, mapping: dict[str, str]) -> Formats:
    """Decimal separator per number field and date format per date field, from all values."""
    return _decide_formats_with(source, mapping, [])[0]


def _decide_formats_with(
    source: Source, mapping: dict[str, str], also: list[pl.LazyFrame]
) -> tuple[Formats, list[pl.DataFrame]]:
    """`_decide_formats`, and the frames of the queries `also` collected in the same
    reading of the file."""
    default = "," if source.delimiter in {";", "\t", "|"} else "."
    numbers = list(dict.fromkeys(h for fld, h in mapping.items() if fld in NUMBER_FIELDS))
    dates = list(dict.fromkeys(h for fld, h in mapping.items() if fld in DATE_FIELDS))
    if not numbers and not dates:
        return {}, pl.collect_all(also, engine="streaming") if also else []
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
    exprs: list[pl.Expr] = []
    for h in numbers:
        exprs += number_evidence(h, flagged=True)
    if pct_header is not None:
        # The largest value read either way; the one matching the chosen separator counts.
        for sep, label in ((",", "comma"), (".", "point")):
            exprs.append(pl.col(pct_value[sep]).abs().max().alias(f"__pct_max_{label}"))
    # One collect for all: the reading of the file is shared.
    queries = [frame.select(exprs)] if exprs else []
    queries += _date_evidence(source.frame, dates)
    collected = pl.collect_all([*also, *queries], engine="streaming")
    evidence: dict = {}
    for found in collected[len(also) :]:
        evidence.update(found.row(0, named=True))
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
    return formats, collected[: len(also)]


def _date_evidence(frame: pl.LazyFrame, headers: list[str]) -> list[pl.LazyFrame]:
    """Queries of the `date_evidence` of each date column, read on its distinct values
    (an export has few distinct dates): each format tries each distinct text once.
    """
    text, weight = work_column("text"), work_column("lines")
    return [
        frame.group_by(pl.col(h).str.strip_chars().alias(text))
        .agg(pl.len().alias(weight))
        .select(date_evidence(h, stripped=text, weight=weight))
        for h in headers
    ]


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
