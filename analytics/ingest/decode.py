"""Recognise what kind of file arrived and turn text files into clean UTF-8.

Real exports arrive as UTF-8 with or without BOM, UTF-16 (Excel's "Unicode text"),
or Windows-1252 (most Swedish ERPs). DuckDB's built-in `latin-1` rejects the `€` and
curly quotes of Windows-1252, so decoding happens here, in Python, streaming in blocks
so that a large file never sits in memory twice.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Literal

from analytics.ingest.errors import IngestError

__all__ = [
    "BLOCK_SIZE",
    "Decoded",
    "SourceKind",
    "detect_encoding",
    "detect_kind",
    "encrypted_error",
    "file_is_encrypted_ooxml",
    "is_encrypted_ooxml",
    "transcode_to_utf8",
]

SourceKind = Literal["text", "xlsx", "xls", "parquet"]
"""What kind of file an export is."""

BLOCK_SIZE = 8 * 1024 * 1024

# Magic numbers of files that are not exports, so a renamed picture gets a clear message.
_BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF8", "GIF"),
    (b"%PDF", "PDF"),
    (b"BM", "BMP"),
    (b"\x1f\x8b", "gzip"),
    (b"Rar!", "RAR"),
    (b"7z\xbc\xaf", "7-Zip"),
    (b"MZ", "program"),
    (b"\x7fELF", "program"),
    (b"RIFF", "media"),
    (b"ID3", "MP3"),
)
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_PARQUET_MAGIC = b"PAR1"
_HTML_STARTS = (b"<!doctype html", b"<html", b"<table", b"<head", b"<body", b"<meta", b"<style")
_EXCEL_XML_NAMESPACE = b"urn:schemas-microsoft-com:office:spreadsheet"
# Directory entry names of an encrypted workbook's streams (UTF-16LE, as OLE stores them).
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
_ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")


def detect_kind(head: bytes, name: str) -> SourceKind:
    """Say what a file is from its first bytes and its name.

    Returns `"xlsx"`, `"xls"`, `"parquet"` or `"text"`; raises `IngestError` for an empty
    file or a binary file that is none of these (a picture renamed `.csv`, say).
    """
    if not head:
        raise IngestError("empty_file", "The file is empty.")
    if head.startswith(_ZIP_MAGIC):
        if name.lower().endswith((".xlsx", ".xlsm", ".xlsb", ".ods")) or b"xl/" in head[:4096]:
            return "xlsx"
        raise IngestError(
            "binary_file", "The file is a ZIP archive, not a sales export.", kind="ZIP"
        )
    if head.startswith(_OLE_MAGIC):
        if is_encrypted_ooxml(head):
            raise encrypted_error()
        return "xls"
    if head.startswith(_PARQUET_MAGIC):
        return "parquet"
    for magic, label in _BINARY_MAGIC:
        if head.startswith(magic):
            raise IngestError(
                "binary_file", f"The file is a {label} file, not a sales export.", kind=label
            )
    encoding = detect_encoding(head)
    if not encoding.startswith("utf-16") and b"\x00" in head[:8192]:
        raise IngestError("binary_file", "The file holds binary data, not text.", kind="binary")
    start = head[:1024].removeprefix(codecs.BOM_UTF8).lstrip().lower()
    if start.startswith(b"<?xml") and (
        _EXCEL_XML_NAMESPACE in head or b'progid="excel.sheet"' in head[:1024].lower()
    ):
        raise IngestError(
            "excel_xml",
            "The file is an Excel 2003 XML spreadsheet, which cannot be read here; open it in "
            "Excel and save it as Excel Workbook (.xlsx).",
        )
    if start.startswith(_HTML_STARTS):
        if b"<table" in head.lower():
            # Many systems "export to Excel" as an HTML table named .xls.
            raise IngestError(
                "html_table",
                "The file is a web page with a table (HTML), not an Excel workbook; open it in "
                "Excel and save it as Excel Workbook (.xlsx).",
            )
        # A web page saved under the export's name (a login page, an error page).
        raise IngestError(
            "binary_file", "The file is a web page (HTML), not a sales export.", kind="HTML"
        )
    return "text"


def is_encrypted_ooxml(data: bytes) -> bool:
    """Whether `data` (an OLE compound file, or a part of one) names the streams of a
    password-protected Office Open XML workbook: Excel stores an encrypted `.xlsx` as an
    OLE container holding `EncryptionInfo` and `EncryptedPackage` instead of a ZIP.
    """
    return _ENCRYPTED_PACKAGE in data and _ENCRYPTION_INFO in data


def file_is_encrypted_ooxml(path: Path) -> bool:
    """`is_encrypted_ooxml` over the whole file, read in blocks (the directory of the
    container may sit anywhere in it).
    """
    overlap = len(_ENCRYPTED_PACKAGE)
    names = (_ENCRYPTED_PACKAGE, _ENCRYPTION_INFO)
    seen = [False, False]
    tail = b""
    with path.open("rb") as fh:
        while block := fh.read(BLOCK_SIZE):
            data = tail + block
            seen = [found or name in data for found, name in zip(seen, names, strict=True)]
            tail = data[-overlap:]
    return all(seen)


def encrypted_error() -> IngestError:
    """The refusal of a password-protected workbook."""
    return IngestError(
        "encrypted",
        "The workbook is protected with a password, so it cannot be read; open it in Excel, "
        "remove the password (File > Info > Protect Workbook) and save it again.",
    )


def detect_encoding(head: bytes) -> str:
    """Guess the text encoding from the first bytes of a file.

    A BOM decides; UTF-16 without BOM is recognised by its zero bytes; otherwise UTF-8 when
    the sample decodes strictly (a multi-byte character cut at the end of the sample is
    allowed), else Windows-1252.
    """
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    sample = head[:4096]
    if len(sample) >= 4:
        even_zeros = sample[0::2].count(0)
        odd_zeros = sample[1::2].count(0)
        half = len(sample) // 2
        if odd_zeros > 0.3 * half and even_zeros < 0.05 * half:
            return "utf-16-le"
        if even_zeros > 0.3 * half and odd_zeros < 0.05 * half:
            return "utf-16-be"
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    try:
        decoder.decode(head, final=False)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


@dataclass
class Decoded:
    """What `transcode_to_utf8` found: the encoding used, whether the text holds a `"`
    (so its quoting needs a look), and, for a UTF-8 file with some Windows-1252 lines,
    how many lines were read as Windows-1252 and the first of their line numbers.
    """

    encoding: str
    quotes: bool = False
    cp1252_lines: int = 0
    first_cp1252_lines: list[int] = field(default_factory=list)


def transcode_to_utf8(source: Path, target: Path, *, progress=None) -> Decoded:
    """Copy a text file to `target` as UTF-8 without BOM and with `\\n` line ends.

    UTF-16 (with or without BOM) is decoded as a whole. Any other file is decoded line by
    line where needed: a line that is valid UTF-8 is read as UTF-8, any other line as
    Windows-1252 (bytes it leaves undefined as Latin-1). A file with no valid non-ASCII
    UTF-8 line is Windows-1252 (`encoding` `"cp1252"`); one with both kinds is UTF-8 with
    `cp1252_lines` > 0, so that `Åkesson` in UTF-8 never becomes `Ã…kesson` because of
    a Windows-1252 line elsewhere. `progress(fraction)` is called after each block.
    """
    with source.open("rb") as fh:
        head = fh.read(65536)
    encoding = detect_encoding(head)
    if encoding.startswith("utf-16"):
        try:
            quotes = _transcode(source, target, encoding, progress)
        except UnicodeDecodeError:
            raise IngestError("unreadable", "The text encoding could not be read.") from None
        return Decoded(encoding=encoding, quotes=quotes)
    return _transcode_lines(source, target, bom=encoding == "utf-8-sig", progress=progress)


_FIRST_LINES_KEPT = 5


# Over 60 lines: one streaming loop whose state (the carried partial line, the pending
# CR, line numbers, deferred Windows-1252 blocks) lives in its locals; split, every
# piece would take and return all of it.
def _transcode_lines(source: Path, target: Path, *, bom: bool, progress) -> Decoded:
    """UTF-8 and Windows-1252, decided per line (see `transcode_to_utf8`).

    Blocks are cut after their last line end, so no line and no character is split. A
    block that is valid UTF-8 is decoded at once; so is a block without any UTF-8
    sequence (all Windows-1252; its lines are counted only if the file turns out to mix
    both); only a block that mixes both is decoded line by line.
    """
    total = max(source.stat().st_size, 1)
    done = 0
    line_no = 1  # the file's line number of the first line of the next block
    utf8_seen = False
    cp_lines = 0
    first: list[int] = []
    # Windows-1252 blocks: (offset in the file, length, line number of their first line).
    deferred: list[tuple[int, int, int]] = []
    position = len(codecs.BOM_UTF8) if bom else 0
    quotes = False
    carry = b""
    pending_cr = False
    with source.open("rb") as src, target.open("w", encoding="utf-8", newline="") as dst:
        src.seek(position)
        while True:
            block = src.read(BLOCK_SIZE)
            final = not block
            data = carry + block
            cut = len(data) if final else max(data.rfind(b"\n"), data.rfind(b"\r")) + 1
            if cut == 0 and not final:  # no line end yet: a line longer than a block
                carry = data
                continue
            chunk, carry = data[:cut], data[cut:]
            position += len(chunk)
            try:
                text = chunk.decode("utf-8")
                utf8_seen = utf8_seen or not chunk.isascii()
            except UnicodeDecodeError:
                if not _has_utf8_sequence(chunk):
                    text = chunk.decode("cp1252", errors="cp1252_latin1")
                    deferred.append((position - len(chunk), len(chunk), line_no))
                else:
                    parts = []
                    for index, line in enumerate(chunk.splitlines(keepends=True)):
                        try:
                            parts.append(line.decode("utf-8"))
                            utf8_seen = utf8_seen or not line.isascii()
                        except UnicodeDecodeError:
                            parts.append(line.decode("cp1252", errors="cp1252_latin1"))
                            cp_lines += 1
                            if len(first) < _FIRST_LINES_KEPT:
                                first.append(line_no + index)
                    text = "".join(parts)
            text, pending_cr = _unify_line_ends(text, pending_cr=pending_cr, final=final)
            quotes = quotes or '"' in text
            line_no += text.count("\n")
            dst.write(text)
            done = _progressed(progress, done + len(block), total)
            if final:
                break
    if (cp_lines or deferred) and not utf8_seen:
        return Decoded(encoding="cp1252", quotes=quotes)
    if deferred:
        counted = _count_non_ascii_lines(source, deferred)
        cp_lines += counted[0]
        first = sorted(first + counted[1])[:_FIRST_LINES_KEPT]
    encoding = "utf-8-sig" if bom else "utf-8"
    return Decoded(
        encoding=encoding, quotes=quotes, cp1252_lines=cp_lines, first_cp1252_lines=first
    )


def _count_non_ascii_lines(
    source: Path, blocks: list[tuple[int, int, int]]
) -> tuple[int, list[int]]:
    """The number of lines holding a byte beyond ASCII in the given blocks of `source`
    ((offset, length, number of the first line) each), and the first line numbers.
    """
    count, first = 0, []
    with source.open("rb") as fh:
        for offset, length, line_no in blocks:
            fh.seek(offset)
            flags = [not line.isascii() for line in fh.read(length).split(b"\n")]
            count += sum(flags)
            found = (line_no + i for i, flag in enumerate(flags) if flag)
            first += islice(found, _FIRST_LINES_KEPT)
    return count, first


def _progressed(progress, done: int, total: int) -> int:
    """Tell `progress` (when given) the share of the file read: `done` of `total` bytes;
    returns `done`."""
    if progress is not None:
        progress(min(done / total, 1.0))
    return done


def _unify_line_ends(text: str, *, pending_cr: bool, final: bool) -> tuple[str, bool]:
    """`text` with CRLF and CR as LF, and whether a trailing CR is held back: it is kept
    for the next block (`pending_cr`, put in front of it) so that a CRLF split across
    blocks still becomes one line end.
    """
    if pending_cr:
        text = "\r" + text
    pending_cr = text.endswith("\r") and not final
    if pending_cr:
        text = text[:-1]
    return text.replace("\r\n", "\n").replace("\r", "\n"), pending_cr


def _has_utf8_sequence(data: bytes) -> bool:
    """Whether `data` holds at least one valid multi-byte UTF-8 character.

    Decoding with `surrogateescape` turns each invalid byte into one character and each
    valid sequence of 2–4 bytes into one: the text is shorter than the bytes exactly when
    there is a valid sequence (done in C, unlike a search with a regular expression).
    """
    return len(data.decode("utf-8", errors="surrogateescape")) < len(data)


def _transcode(source: Path, target: Path, encoding: str, progress) -> bool:
    """Decode `source` as a whole with `encoding`; returns whether the text holds a `"`."""
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    total = max(source.stat().st_size, 1)
    done = 0
    pending_cr = False
    quotes = False
    with source.open("rb") as src, target.open("w", encoding="utf-8", newline="") as dst:
        while True:
            block = src.read(BLOCK_SIZE)
            final = not block
            text = decoder.decode(block, final=final)
            text, pending_cr = _unify_line_ends(text, pending_cr=pending_cr, final=final)
            quotes = quotes or '"' in text
            dst.write(text)
            done = _progressed(progress, done + len(block), total)
            if final:
                break
    return quotes


def _cp1252_latin1(error: UnicodeDecodeError) -> tuple[str, int]:
    # Windows-1252 leaves five bytes undefined; Latin-1 maps them to control characters.
    return error.object[error.start : error.end].decode("latin-1"), error.end


codecs.register_error("cp1252_latin1", _cp1252_latin1)
