"""Write the corpus of malformed export files that `tests/test_corpus.py` reads.

Run once (`python tests/corpus/make_corpus.py`) and commit the files: the tests read the
committed bytes, so a change in a writer library cannot change what is tested. The Parquet
files are the exception: they are written when the tests run, so the repository tracks no
data-file format. Each file is small and stands for one way an upload goes wrong in
practice.
"""

from __future__ import annotations

import codecs
import io
import random
import struct
import zipfile
import zlib
from datetime import date, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
HEADER = "Kundnr;Kundnamn;Fakturadatum;Belopp\n"
CREATED = datetime(2024, 1, 1)
BUILT_AT_TEST_TIME = ("header_only.parquet", "truncated.parquet")


def _png() -> bytes:
    """A real 1×1 PNG picture."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def _jpeg() -> bytes:
    """The start of a JFIF picture (SOI, APP0) followed by filler and EOI."""
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    return b"\xff\xd8" + app0 + bytes(64) + b"\xff\xd9"


def _pdf() -> bytes:
    return (
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
        b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
        b"trailer << /Root 1 0 R >>\n%%EOF\n"
    )


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        info = zipfile.ZipInfo("forsaljning.csv", date_time=(2024, 1, 1, 0, 0, 0))
        archive.writestr(info, HEADER + "1;A;2024-01-05;10\n")
    return buffer.getvalue()


def _xlsx(sheets: dict[str, list[list]]) -> bytes:
    import xlsxwriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    workbook.set_properties({"created": CREATED})
    for name, rows in sheets.items():
        sheet = workbook.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                sheet.write(r, c, value)
    workbook.close()
    return buffer.getvalue()


def _parquet(rows: int) -> bytes:
    import polars as pl

    frame = pl.DataFrame(
        {
            "Kundnr": [str(i) for i in range(rows)],
            "Fakturadatum": [date(2024, 1, 1 + i % 28) for i in range(rows)],
            "Belopp": [float(i) for i in range(rows)],
        },
        schema={"Kundnr": pl.String, "Fakturadatum": pl.Date, "Belopp": pl.Float64},
    )
    buffer = io.BytesIO()
    frame.write_parquet(buffer)
    return buffer.getvalue()


def _ole(streams: dict[str, bytes]) -> bytes:
    """A minimal OLE compound file (version 3, 512-byte sectors) holding `streams`.

    Each stream is padded to at least 4,096 bytes so that it lives in ordinary sectors
    (no mini stream); the directory comes last, after the streams, as it may in files
    Excel writes, so a reader has to look beyond the first bytes to find the names.
    """
    sector = 512
    per_fat = sector // 4
    end, free, fat_mark, none = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
    data = [
        body.ljust(max(4096, -(-len(body) // sector) * sector), b"\x00")
        for body in streams.values()
    ]
    counts = [len(padded) // sector for padded in data]
    used = sum(counts) + 1  # the streams and one directory sector
    fat_sectors = -(-used // (per_fat - 1))  # each FAT sector also maps itself
    assert fat_sectors <= 109
    fat = [fat_mark] * fat_sectors
    chains: list[tuple[int, int]] = []  # (first sector, size)
    for body, count in zip(streams.values(), counts, strict=True):
        first = len(fat)
        chains.append((first, len(body)))
        fat += [first + i + 1 for i in range(count - 1)] + [end]
    directory_sector = len(fat)
    fat.append(end)
    fat += [free] * (fat_sectors * per_fat - len(fat))
    difat = list(range(fat_sectors)) + [free] * (109 - fat_sectors)

    def entry(name: str, kind: int, links: tuple[int, int, int], chain: tuple[int, int]):
        # links: left sibling, right sibling, child; chain: first sector, size.
        raw = (name + "\x00").encode("utf-16-le") if name else b""
        return (
            raw.ljust(64, b"\x00")
            + struct.pack("<HBB3I", len(raw), kind, 1, *links)
            + bytes(16 + 4 + 16)
            + struct.pack("<IQ", *chain)
        )

    names = list(streams)
    entries = [entry("Root Entry", 5, (none, none, 1), (end, 0))]
    for index, (name, chain) in enumerate(zip(names, chains, strict=True), start=1):
        right = index + 1 if index < len(names) else none
        entries.append(entry(name, 2, (none, right, none), chain))
    while len(entries) % 4:
        entries.append(entry("", 0, (none, none, none), (0, 0)))
    assert len(entries) == 4
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + bytes(16)
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + bytes(6)
        + struct.pack("<IIIIIIIII", 0, fat_sectors, directory_sector, 0, 4096, end, 0, end, 0)
        + struct.pack("<109I", *difat)
    )
    assert len(header) == sector
    fat_bytes = struct.pack(f"<{len(fat)}I", *fat)
    return header + fat_bytes + b"".join(data) + b"".join(entries)


def _encrypted_workbook() -> bytes:
    """What Excel writes for an .xlsx with a password: an OLE container with the
    `EncryptionInfo` (agile encryption, version 4.4) and `EncryptedPackage` streams.
    """
    info = b"\x04\x00\x04\x00\x40\x00\x00\x00" + (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
        b'<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption">'
        b'<keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" '
        b'cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512"/>'
        b"</encryption>"
    )
    package = struct.pack("<Q", 70000) + random.Random(9).randbytes(70000)
    return _ole({"EncryptionInfo": info, "EncryptedPackage": package})


def corpus() -> dict[str, bytes]:
    """File name → bytes of every corpus file."""
    good_xlsx = _xlsx({"Försäljning": [HEADER.strip().split(";"), ["1", "A", "2024-01-05", 10]]})
    full_parquet = _parquet(200)
    return {
        "empty.csv": b"",
        "whitespace_only.csv": b"   \n\t\n  \r\n\n",
        "bom_only.csv": codecs.BOM_UTF8,
        "header_only.csv": HEADER.encode(),
        "header_only_no_newline.csv": HEADER.strip().encode(),
        "header_only_blank_lines.csv": (HEADER + "\n;;;\n\n").encode(),
        "header_only_utf16_no_bom.csv": HEADER.encode("utf-16-le"),
        "header_only.xlsx": _xlsx({"Blad1": [HEADER.strip().split(";")]}),
        "header_only.parquet": _parquet(0),
        "picture_png.csv": _png(),
        "picture_jpeg.csv": _jpeg(),
        "document_pdf.csv": _pdf(),
        "archive_zip.csv": _zip(),
        "archive_gzip.csv": b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + bytes(32),
        "random_binary.csv": random.Random(7).randbytes(2048),
        "nul_bytes.csv": (HEADER + "1;A;2024-01-05;10\x00\x00\n").encode(),
        "web_page.csv": (
            b"<!DOCTYPE html>\n<html><head><title>Logga in</title></head>\n"
            b"<body><p>Din session har g\xc3\xa5tt ut.</p></body></html>\n"
        ),
        "empty_sheets.xlsx": _xlsx({"Blad1": [], "Blad2": []}),
        "no_header_sheets.xlsx": _xlsx(
            {"Blad1": [["foo", "bar"], [1, 2]], "Blad2": [["lorem"], ["ipsum"]]}
        ),
        "truncated.xlsx": good_xlsx[: len(good_xlsx) // 2],
        "damaged.xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + random.Random(8).randbytes(1024),
        "truncated.parquet": full_parquet[: len(full_parquet) // 2],
        "no_customer_column.csv": b"Fakturadatum;Belopp\n2024-01-05;10\n2024-01-06;20\n",
        "no_amount_column.csv": b"Kundnr;Kundnamn;Fakturadatum\n1;A;2024-01-05\n",
        "no_date_column.csv": b"Kundnr;Kundnamn;Belopp\n1;A;10\n",
        "one_column.csv": b"Kundnr\n1\n2\n3\n",
        "unknown_headers.csv": b"foo;bar;baz\n1;2;3\n",
        "all_rows_rejected.csv": (
            HEADER + ";;2024-01-05;10\n2;B;;20\n3;C;igar;30\n4;D;2024-01-06;\n5;E;2024-01-07;x\n"
        ).encode(),
        "unclosed_quote.csv": (HEADER + '1;"A;2024-01-05;10\n2;B;2024-01-06;20\n').encode(),
        "unsplittable_quote.csv": (
            HEADER + '1;"A;2024-01-05\n2;B;2024-01-06;20\n3;C;2024-01-07;30\n'
        ).encode(),
        "stray_quotes.csv": (
            HEADER + '1;חברה בע"מ;2024-01-05;10\n2;24" skärm AB;2024-01-06;20\n'
            '3;"27" skärm";2024-01-07;30\n4;"Citat ""AB""";2024-01-08;40\n'
        ).encode(),
        "password_protected.xlsx": _encrypted_workbook(),
        "excel_2003_xml.xls": (
            b'<?xml version="1.0"?>\r\n<?mso-application progid="Excel.Sheet"?>\r\n'
            b'<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"\r\n'
            b' xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">\r\n'
            b' <Worksheet ss:Name="Blad1"><Table>\r\n'
            b'  <Row><Cell><Data ss:Type="String">Kundnr</Data></Cell>'
            b'<Cell><Data ss:Type="String">Belopp</Data></Cell></Row>\r\n'
            b'  <Row><Cell><Data ss:Type="Number">1</Data></Cell>'
            b'<Cell><Data ss:Type="Number">10</Data></Cell></Row>\r\n'
            b" </Table></Worksheet>\r\n</Workbook>\r\n"
        ),
        "html_table.xls": (
            b'<html xmlns:o="urn:schemas-microsoft-com:office:office" '
            b'xmlns:x="urn:schemas-microsoft-com:office:excel">\n'
            b'<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head>\n'
            b"<body><table>\n<tr><td>Kundnr</td><td>Fakturadatum</td><td>Belopp</td></tr>\n"
            b"<tr><td>1</td><td>2024-01-05</td><td>10</td></tr>\n</table></body></html>\n"
        ),
        "control_characters.csv": (
            "\x1b[31mKund\x07;\x1b]0;titel\x07Belopp\x00x\n1;10\n".replace("\x00", "")
        ).encode(),
    }


def main() -> None:
    files = {n: d for n, d in corpus().items() if n not in BUILT_AT_TEST_TIME}
    for name, data in files.items():
        (HERE / name).write_bytes(data)
    print(f"wrote {len(files)} files to {HERE.name}/")


if __name__ == "__main__":
    main()
