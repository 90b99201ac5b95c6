"""Recognise what kind of file arrived and turn text files into clean UTF-8.

Real exports arrive as UTF-8 with or without BOM, UTF-16 (Excel's "Unicode text"),
or Windows-1252 (most Swedish ERPs). DuckDB's built-in `latin-1` rejects the `€` and
curly quotes of Windows-1252, so decoding happens here, in Python, streaming in blocks
so that a large file never sits in memory twice.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from analytics.ingest.errors import IngestError

__all__ = [
    "BLOCK_SIZE",
    "detect_encoding",
    "detect_kind",
    "transcode_to_utf8",
]

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
_HTML_STARTS = (b"<!doctype html", b"<html")


def detect_kind(head: bytes, name: str) -> str:
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
    if start.startswith(_HTML_STARTS):
        # A web page saved under the export's name (a login page, an error page).
        raise IngestError(
            "binary_file", "The file is a web page (HTML), not a sales export.", kind="HTML"
        )
    return "text"


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


def transcode_to_utf8(source: Path, target: Path, *, progress=None) -> str:
    """Copy a text file to `target` as UTF-8 without BOM and with `\\n` line ends.

    The encoding is detected from the start; a UTF-8 guess that meets an invalid byte later
    in the file falls back to Windows-1252 for the whole file (mixed files do not exist in
    practice, a late accented name does). Bytes that Windows-1252 leaves undefined are read
    as Latin-1. `progress(fraction)` is called after each block. Returns the encoding used.
    """
    with source.open("rb") as fh:
        head = fh.read(65536)
    encoding = detect_encoding(head)
    try:
        _transcode(source, target, encoding, progress)
    except UnicodeDecodeError:
        if encoding != "utf-8":
            raise IngestError("unreadable", "The text encoding could not be read.") from None
        encoding = "cp1252"
        _transcode(source, target, encoding, progress)
    return encoding


def _transcode(source: Path, target: Path, encoding: str, progress) -> None:
    errors = "cp1252_latin1" if encoding == "cp1252" else "strict"
    decoder = codecs.getincrementaldecoder(encoding)(errors)
    total = max(source.stat().st_size, 1)
    done = 0
    pending_cr = False
    with source.open("rb") as src, target.open("w", encoding="utf-8", newline="") as dst:
        while True:
            block = src.read(BLOCK_SIZE)
            final = not block
            text = decoder.decode(block, final=final)
            if pending_cr:
                text = "\r" + text
            # Keep a trailing CR for the next block so that a CRLF split across blocks
            # still becomes one line end.
            pending_cr = text.endswith("\r") and not final
            if pending_cr:
                text = text[:-1]
            dst.write(text.replace("\r\n", "\n").replace("\r", "\n"))
            done += len(block)
            if progress is not None:
                progress(min(done / total, 1.0))
            if final:
                break


def _cp1252_latin1(error: UnicodeDecodeError) -> tuple[str, int]:
    # Windows-1252 leaves five bytes undefined; Latin-1 maps them to control characters.
    return error.object[error.start : error.end].decode("latin-1"), error.end


codecs.register_error("cp1252_latin1", _cp1252_latin1)
