"""Open an export file as a lazy table of text columns, whatever its format.

CSV/TXT (any of `;` `,` tab `|`, any common encoding, title lines above the header),
XLSX/XLS (one sheet, or all sheets with the same header) and Parquet all become the same
thing: a `polars.LazyFrame` whose columns are the file's headers as text, plus `_line`
(the line or row number a person would find the value on) and `_sheet`.
Identifiers therefore stay text: `00017` stays `00017`.
"""

from __future__ import annotations

import csv
import hashlib
import io
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from analytics.ingest.decode import (
    BLOCK_SIZE,
    Decoded,
    SourceKind,
    detect_kind,
    encrypted_error,
    file_is_encrypted_ooxml,
    transcode_to_utf8,
)
from analytics.ingest.errors import IngestError
from analytics.ingest.mapping import is_known_header
from analytics.ingest.quotes import UNSPLIT_MARK, quotes_regular, repair_quotes
from analytics.workfiles import work_directory

__all__ = [
    "MAX_FILE_BYTES",
    "META_COLUMNS",
    "Source",
    "file_hash",
    "open_source",
    "unreadable",
]

# The same limit as `server.maxUploadSize` in .streamlit/config.toml (MB).
MAX_FILE_BYTES = 1024 * 1024 * 1024
_DELIMITERS = (";", ",", "\t", "|")
_HEADER_SEARCH_LINES = 20
# Columns every source adds next to the file's own: where a row is, what a text row
# had beyond the header's width (null when nothing), and the raw text of a line that
# could not be split into fields (null for all others).
META_COLUMNS = frozenset({"_line", "_sheet", "_extra", "_unsplit"})
# Slots read beyond the header's width; a row with even more fields is still caught,
# only its last values are not kept.
_SPARE_SLOTS = tuple(f"_spare#{i}" for i in range(8))
# Names a file's own header may not take (it is renamed with its position instead).
_RESERVED = META_COLUMNS | set(_SPARE_SLOTS)


@dataclass
class Source:
    """An opened export: its headers and a lazy frame of text columns.

    `frame` has one text column per header plus `_line` (Int64), `_sheet` (String,
    null for files without sheets) and `_extra` (the fields a text row had beyond the
    header's width, joined by the delimiter; null when none). `workdir` holds temporary
    files and goes with the object (`close()`).
    """

    kind: SourceKind
    headers: list[str]
    frame: pl.LazyFrame
    encoding: str | None = None
    delimiter: str | None = None
    sheets: list[str] = field(default_factory=list)
    available_sheets: list[str] = field(default_factory=list)
    workdir: tempfile.TemporaryDirectory | None = None
    warnings: list[dict] = field(default_factory=list)

    def close(self) -> None:
        """Remove the temporary files."""
        if self.workdir is not None:
            self.workdir.cleanup()
            self.workdir = None


def file_hash(path: Path) -> str:
    """SHA-256 of the file's bytes (hex): the same export twice has the same hash."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(BLOCK_SIZE):
            digest.update(block)
    return digest.hexdigest()


def open_source(
    path: Path,
    *,
    name: str | None = None,
    sheet: str | None = None,
    all_sheets: bool = False,
    progress=None,
) -> Source:
    """Open `path` (shown to the user as `name`) as a `Source`.

    For spreadsheets, `sheet` picks a sheet by name; `all_sheets` stacks every sheet whose
    header equals the first data sheet's; otherwise the first sheet with recognisable
    columns is used. Raises `IngestError` for empty, binary, header-only or oversized
    files and for spreadsheets without a data sheet.
    """
    name = name or path.name
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise IngestError(
            "too_large",
            f"The file is {size / 1e6:.0f} MB; the limit is {MAX_FILE_BYTES / 1e6:.0f} MB.",
            size_mb=round(size / 1e6),
            limit_mb=round(MAX_FILE_BYTES / 1e6),
        )
    with path.open("rb") as fh:
        head = fh.read(65536)
    kind = detect_kind(head, name)
    if kind == "text":
        source = _open_text(path, progress)
    elif kind == "parquet":
        source = _open_parquet(path)
    else:
        source = _open_excel(path, kind, sheet=sheet, all_sheets=all_sheets)
    if not source.headers:
        source.close()
        raise IngestError("empty_file", "The file is empty.")
    return source


def _score_header(cells: list[str]) -> int:
    return sum(is_known_header(c) for c in cells if c)


def _split(line: str, delimiter: str) -> list[str]:
    return next(csv.reader(io.StringIO(line), delimiter=delimiter), [])


def _sniff(lines: list[str]) -> tuple[str, int]:
    """Pick the delimiter and the header line (0-based) from the first lines of a file.

    The header is the line with most known column names; the delimiter the one that
    splits it into most fields. Without any known name: line 0 and the delimiter that
    splits the most lines into the same number (>1) of fields.
    """
    best: tuple[int, int, int, str] | None = None  # (score, fields, -index, delimiter)
    for delimiter in _DELIMITERS:
        for index, line in enumerate(lines):
            cells = _split(line, delimiter)
            if len(cells) < 2:
                continue
            candidate = (_score_header(cells), len(cells), -index, delimiter)
            if best is None or candidate > best:
                best = candidate
    if best is not None and best[0] > 0:
        return best[3], -best[2]
    counts = {d: [len(_split(line, d)) for line in lines if line.strip()] for d in _DELIMITERS}

    def consistency(d: str) -> tuple[int, int]:
        widths = counts[d]
        first = widths[0] if widths else 1
        return (sum(w == first for w in widths) if first > 1 else 0, first)

    return max(_DELIMITERS, key=consistency), 0


# Over 60 lines: decoding, sniffing the delimiter and the header line, and the lazy
# scan share the temporary file and its settings; they are kept in reading order.
def _open_text(path: Path, progress) -> Source:
    workdir = work_directory()
    utf8 = Path(workdir.name) / "source.csv"
    try:
        decoded = transcode_to_utf8(path, utf8, progress=progress)
        with utf8.open(encoding="utf-8") as fh:
            lines = [fh.readline() for _ in range(_HEADER_SEARCH_LINES)]
        lines = [line.rstrip("\n") for line in lines if line]
        if not any(line.strip() for line in lines):
            raise IngestError("empty_file", "The file is empty.")
        delimiter, header_index = _sniff(lines)
        headers = _split(lines[header_index], delimiter)
        headers = _unique_headers(headers)
        # The header line fixes the width: shorter rows get nulls, and a header without
        # data rows is an empty table, not an error. Fields beyond the header's width are
        # read into spare slots so such a row can be rejected instead of cut short (an
        # unquoted `1,234.50` in a comma file would otherwise load as 1).
        spare = list(_SPARE_SLOTS)
        data, skip = utf8, header_index + 1
        repair = decoded.quotes and not quotes_regular(utf8, delimiter=delimiter)
        if repair:
            # Stray quotes would make the reader refuse the file or join lines: the data
            # lines are copied with their quotes made regular (see `quotes`).
            data, skip = Path(workdir.name) / "rows.csv", 0
            repair_quotes(
                utf8, data, delimiter=delimiter, width=len(headers), skip_lines=header_index + 1
            )
        frame = pl.scan_csv(
            data,
            separator=delimiter,
            has_header=False,
            skip_rows=skip,
            schema=dict.fromkeys([*headers, *spare], pl.String),
            missing_columns="insert",
            extra_columns="ignore",
            truncate_ragged_lines=True,
            quote_char='"',
            raise_if_empty=False,
        )
        frame = frame.with_row_index("_line", offset=header_index + 2)
        frame = _mark_unsplit(frame, [*headers, *spare]) if repair else frame
        extra = pl.concat_str([pl.col(c) for c in spare], separator=delimiter, ignore_nulls=True)
        frame = frame.with_columns(
            pl.when(pl.any_horizontal([pl.col(c).is_not_null() for c in spare]))
            .then(extra)
            .alias("_extra")
        ).drop(spare)
    except IngestError:
        workdir.cleanup()
        raise
    except (pl.exceptions.PolarsError, UnicodeDecodeError, csv.Error) as exc:
        workdir.cleanup()
        raise unreadable(exc) from None
    frame = frame.with_columns(
        pl.col("_line").cast(pl.Int64), pl.lit(None, dtype=pl.String).alias("_sheet")
    )
    if not repair:
        frame = frame.with_columns(pl.lit(None, dtype=pl.String).alias("_unsplit"))
    frame = _drop_blank_rows(frame, headers)
    return Source(
        kind="text",
        headers=headers,
        frame=frame,
        encoding=decoded.encoding,
        delimiter=delimiter,
        workdir=workdir,
        warnings=_encoding_warnings(decoded),
    )


def _mark_unsplit(frame: pl.LazyFrame, columns: list[str]) -> pl.LazyFrame:
    """Turn the rows `repair_quotes` wrote for unsplit lines into rows with every field
    null, the line's text in `_unsplit` and its own line number in `_line`.
    """
    mark = pl.col(columns[0]) == UNSPLIT_MARK
    frame = frame.with_columns(
        pl.when(mark).then(pl.col(columns[1])).alias("_unsplit"),
        pl.when(mark)
        .then(pl.col(columns[2]).cast(pl.Int64, strict=False))
        .otherwise(pl.col("_line").cast(pl.Int64))
        .alias("_line"),
    )
    return frame.with_columns(pl.when(~mark).then(pl.col(c)).alias(c) for c in columns)


def _encoding_warnings(decoded: Decoded) -> list[dict]:
    """The warning for a UTF-8 file with some Windows-1252 lines (none otherwise)."""
    if not decoded.cp1252_lines:
        return []
    first = ", ".join(str(n) for n in decoded.first_cp1252_lines)
    return [
        {
            "code": "mixed_encoding",
            "message": f"{decoded.cp1252_lines} lines are not UTF-8 like the rest of the file "
            f"and were read as Windows-1252 (first: line {first}); check the names on them.",
            "lines": decoded.cp1252_lines,
            "first": first,
        }
    ]


def unreadable(exc: BaseException, what: str = "file") -> IngestError:
    """The `unreadable` error for a file the readers fail on, as one English sentence.

    The reader's own message (often several lines) goes into `detail` only.
    """
    detail = " ".join(str(exc).split())[:300]
    return IngestError(
        "unreadable",
        f"The {what} could not be read as a table; it may be damaged or in another format.",
        detail=detail,
    )


def _drop_blank_rows(frame: pl.LazyFrame, headers: list[str]) -> pl.LazyFrame:
    """Leave out rows whose every cell is empty (blank lines, `;;;` lines, empty rows of a
    sheet): they hold no data, so they are neither loaded nor rejected. `_line` keeps the
    numbers of the rows that remain.
    """
    if not headers:
        return frame
    blank = [pl.col(h).is_null() | (pl.col(h).str.strip_chars() == "") for h in headers]
    return frame.filter(~pl.all_horizontal(blank) | pl.col("_unsplit").is_not_null())


def _unique_headers(headers: list[str]) -> list[str]:
    """Blank and repeated headers get a position suffix so every column has a name."""
    seen: dict[str, int] = {}
    result = []
    for position, raw in enumerate(headers, start=1):
        header = raw.strip().lstrip("\ufeff") or f"column_{position}"
        if header in seen or header in _RESERVED:
            header = f"{header}_{position}"
        seen[header] = position
        result.append(header)
    return result


def _open_parquet(path: Path) -> Source:
    try:
        frame = pl.scan_parquet(path)
        schema = frame.collect_schema()
    except (pl.exceptions.PolarsError, OSError) as exc:
        raise unreadable(exc, "Parquet file") from None
    headers = list(schema.names())
    frame = frame.select([pl.col(h).cast(pl.String).alias(h) for h in headers]).with_row_index(
        "_line", offset=1
    )
    frame = frame.with_columns(
        pl.col("_line").cast(pl.Int64),
        pl.lit(None, dtype=pl.String).alias("_sheet"),
        pl.lit(None, dtype=pl.String).alias("_extra"),
        pl.lit(None, dtype=pl.String).alias("_unsplit"),
    )
    return Source(kind="parquet", headers=headers, frame=_drop_blank_rows(frame, headers))


def _read_sheet(path: Path, sheet: str) -> pl.DataFrame | None:
    """One sheet as text columns with `_line` = the spreadsheet row; None when empty.

    The header is the row among the first ones with most known column names (title rows
    above it are skipped), else the first row. Empty rows are read and then left out so
    that `_line` stays the row number (counted from the sheet's first non-empty row).
    """
    import fastexcel

    try:
        grid = pl.read_excel(
            path,
            sheet_name=sheet,
            engine="calamine",
            infer_schema_length=0,
            read_options={"header_row": None},
            drop_empty_rows=False,
        )
    except (pl.exceptions.NoDataError, fastexcel.FastExcelError):
        return None
    if grid.width == 0 or grid.height == 0:
        return None
    grid = grid.select(pl.all().cast(pl.String))
    top = [
        ["" if v is None else str(v) for v in row]
        for row in grid.head(_HEADER_SEARCH_LINES).iter_rows()
    ]
    scores = [_score_header(cells) for cells in top]
    if any(scores):
        header_index = max(range(len(top)), key=lambda i: (scores[i], -i))
    else:
        # Without any known name the first row that is not empty is the header.
        header_index = next((i for i, cells in enumerate(top) if any(c.strip() for c in cells)), 0)
    headers = _unique_headers(top[header_index])
    frame = grid.slice(header_index + 1)
    frame = frame.rename(dict(zip(frame.columns, headers, strict=True)))
    frame = frame.with_row_index("_line", offset=header_index + 2).with_columns(
        pl.col("_line").cast(pl.Int64),
        pl.lit(sheet).alias("_sheet"),
        pl.lit(None, dtype=pl.String).alias("_extra"),
        pl.lit(None, dtype=pl.String).alias("_unsplit"),
    )
    return _drop_blank_rows(frame.lazy(), headers).collect()


def _open_excel(path: Path, kind: SourceKind, *, sheet: str | None, all_sheets: bool) -> Source:
    import fastexcel

    try:
        names = list(fastexcel.read_excel(path).sheet_names)
    except (fastexcel.FastExcelError, OSError) as exc:
        if "password" in str(exc).lower() or (kind == "xls" and file_is_encrypted_ooxml(path)):
            raise encrypted_error() from None
        raise unreadable(exc, "spreadsheet") from None
    if sheet is not None:
        if sheet not in names:
            raise IngestError(
                "unknown_sheet",
                f"There is no sheet called {sheet!r}; the sheets are: {', '.join(names)}.",
                sheet=sheet,
                sheets=", ".join(names),
            )
        candidates = [sheet]
    else:
        candidates = names
    frames: list[pl.DataFrame] = []
    used: list[str] = []
    header_only = False
    for name in candidates:
        frame = _read_sheet(path, name)
        if frame is None:
            continue
        data_headers = [c for c in frame.columns if c not in META_COLUMNS]
        if sheet is None and _score_header(data_headers) == 0:
            continue
        if frame.height == 0:
            header_only = True
            continue
        if frames and data_headers != [c for c in frames[0].columns if c not in META_COLUMNS]:
            continue
        frames.append(frame)
        used.append(name)
        if not all_sheets:
            break
    if not frames and header_only:
        raise IngestError("header_only", "The file has a header but no data rows.")
    if not frames:
        raise IngestError(
            "no_data_sheet",
            "The spreadsheet has no sheet with a table of sales data.",
            sheets=", ".join(names),
        )
    combined = pl.concat(frames, how="vertical")
    headers = [c for c in combined.columns if c not in META_COLUMNS]
    return Source(
        kind=kind,
        headers=headers,
        frame=combined.lazy(),
        sheets=used,
        available_sheets=names,
    )
