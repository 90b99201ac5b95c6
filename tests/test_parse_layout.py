"""Reading exports as they come: encodings, delimiters, layout, quoting and identifiers."""

from __future__ import annotations

import codecs
from datetime import date

import polars as pl
import pytest

from analytics.ingest.decode import detect_encoding
from analytics.ingest.pipeline import import_sales
from tests.test_parse import import_text, lines

# --- encodings -----------------------------------------------------------------------

NAME = "Café “Åkesson” & Ørsted €"
TEXT = f"Kundnr;Kundnamn;Fakturadatum;Belopp\n17;{NAME};2024-01-05;100,50\n"


@pytest.mark.parametrize(
    ("raw", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),
        (TEXT.encode("cp1252"), "cp1252"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le-no-bom", "windows-1252"],
)
def test_encoding_keeps_the_original_text(store, tmp_path, raw, encoding):
    path = tmp_path / "export.csv"
    path.write_bytes(raw)
    report = import_sales(store, path)
    assert store.scalar("select customer_name from sales_lines") == NAME
    assert report.revenue_loaded == pytest.approx(100.5)
    assert store.scalar("select encoding from imports") == encoding


def test_windows_1252_bytes_are_the_ones_latin1_lacks():
    # The test above is only meaningful if the cp1252 file holds bytes 0x80-0x9f.
    raw = TEXT.encode("cp1252")
    assert {0x80, 0x93, 0x94} <= set(raw)
    assert detect_encoding(raw) == "cp1252"


def test_late_windows_1252_character_after_utf8_looking_start(store, tmp_path):
    # The first 64 KiB are plain ASCII; the accented name comes after the sniffed sample.
    filler = "".join(f"{i};Kund {i};2024-01-05;1\n" for i in range(4000))
    text = "Kundnr;Kundnamn;Fakturadatum;Belopp\n" + filler + "9999;Ärlig “AB”;2024-01-05;1\n"
    raw = text.encode("cp1252")
    assert len(raw) > 65536
    path = tmp_path / "late.csv"
    path.write_bytes(raw)
    import_sales(store, path)
    name = store.scalar("select customer_name from sales_lines where customer_id = '9999'")
    assert name == "Ärlig “AB”"


# --- delimiters, layout, quoting, identifiers ------------------------------------------


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_delimiters(store, tmp_path, delimiter):
    rows = [["Kundnr", "Kundnamn", "Fakturadatum", "Belopp"], ["1", "A", "2024-01-05", "10"]]
    rows.append(["2", "B", "2024-01-06", "20"])
    text = "".join(delimiter.join(r) + "\n" for r in rows)
    report = import_text(store, tmp_path, text)
    assert store.scalar("select delimiter from imports") == delimiter
    assert report.rows_loaded == 2
    assert lines(store, "customer_id, customer_name, revenue") == [
        ("1", "A", 10.0),
        ("2", "B", 20.0),
    ]


def test_title_lines_above_the_header(store, tmp_path):
    text = (
        "Försäljningsrapport 2024\n"
        "Utskriven 2024-02-01;av ekonomi\n"
        "\n"
        "Kundnr;Kundnamn;Fakturadatum;Belopp\n"
        "1;A;2024-01-05;100,50\n"
        "2;B;2024-01-06;1 000\n"
    )
    report = import_text(store, tmp_path, text)
    assert report.rows_read == 2
    # Line numbers are those of the file: the first data row is line 5.
    assert lines(store, "line_no, customer_id, revenue") == [(5, "1", 100.5), (6, "2", 1000.0)]


def test_quoted_fields_with_delimiter_and_newline(store, tmp_path):
    text = (
        "Customer ID,Customer Name,Order Date,Sales\n"
        '1,"Smith, John",2024-01-05,100.50\n'
        '2,"Two\nLines AB",2024-01-06,"1,000.25"\n'
        '3,"Say ""hi""",2024-01-07,3\n'
    )
    report = import_text(store, tmp_path, text)
    assert report.rows_loaded == 3
    assert lines(store, "customer_id, customer_name, revenue") == [
        ("1", "Smith, John", 100.5),
        ("2", "Two\nLines AB", 1000.25),
        ("3", 'Say "hi"', 3.0),
    ]


def test_crlf_line_ends(store, tmp_path):
    text = "Kundnr;Fakturadatum;Belopp\r\n1;2024-01-05;5\r\n2;2024-01-06;6\r\n"
    import_text(store, tmp_path, text)
    assert lines(store) == [("1", date(2024, 1, 5), 5.0), ("2", date(2024, 1, 6), 6.0)]


@pytest.mark.parametrize("identifier", ["00017", "0001", "1.0", "017-A", "1e3", "  00042 "])
def test_identifiers_stay_text(store, tmp_path, identifier):
    import_text(store, tmp_path, f"Kundnr;Fakturadatum;Belopp\n{identifier};2024-01-05;1\n")
    assert store.scalar("select customer_id from sales_lines") == identifier.strip()


def test_blank_lines_are_neither_loaded_nor_rejected(store, tmp_path):
    text = "Kundnr;Fakturadatum;Belopp\n1;2024-01-05;5\n\n;;\n2;2024-01-06;6\n\n\n"
    report = import_text(store, tmp_path, text)
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (2, 2, 0)
    assert lines(store, "line_no, customer_id") == [(2, "1"), (5, "2")]


def test_rows_shorter_or_longer_than_the_header(store, tmp_path):
    # Trailing delimiters (one field too many) and missing trailing fields are common.
    text = "Kundnr;Fakturadatum;Belopp;Kostnad\n1;2024-01-05;10;4;\n2;2024-01-06;20\n"
    report = import_text(store, tmp_path, text)
    assert report.rows_loaded == 2
    assert lines(store, "customer_id, revenue, cost") == [("1", 10.0, 4.0), ("2", 20.0, None)]


def _numbers_both_ways(values: list[str | None], decimal: str) -> tuple[list, list]:
    from analytics.ingest.parse import add_number_columns, add_number_values

    frame = pl.LazyFrame({"v": values}, schema={"v": pl.String})
    stepwise = add_number_columns(frame, {"out": ("v", decimal)}).collect()["out"].to_list()
    plain = add_number_values(frame, {"out": ("v", decimal)}).collect()
    assert plain.columns == ["v", "out"]  # no working column is left behind
    return plain["out"].to_list(), stepwise


@pytest.mark.parametrize("decimal", [",", "."])
def test_plain_numbers_read_the_same_in_one_step(decimal):
    """The one-step reading of plain values gives exactly the stepwise reading."""
    values = [
        "0", "-0", "007", "12", "-12", "1234", "12,5", "-12,50", "1 234,50", "-1 234 567,8",
        "12.5", "-12.50", "1.234", "1,234", "1 234", "12 34,5", "1234,", ",5", ".5", "12,5-",
        "(1 234,50)", "1 234,50 kr", "kr 12", "+5", "1e3", " 12,5", "12,5 ", "", None,
        "1" * 28, "1" * 29, "1" * 28 + ",5", "99999999999999,9999", "1.234,56", "1,234.56",
        "−12,5", "12\u00a0345,5", "1 234.5", "12,3,4", "1..2", "-", "abc",
    ]  # fmt: skip
    plain, stepwise = _numbers_both_ways(values, decimal)
    assert plain == stepwise


def test_plain_numbers_read_the_same_on_random_values():
    import random

    rng = random.Random(7)
    alphabet = "0123456789 ,.-"
    values = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 9))) for _ in range(3000)]
    values += [f"{rng.randint(-10**7, 10**7):,}".replace(",", " ") + f",{rng.randint(0, 99):02d}"
               for _ in range(500)]  # fmt: skip
    for decimal in (",", "."):
        plain, stepwise = _numbers_both_ways(values, decimal)
        assert plain == stepwise
