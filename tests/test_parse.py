"""Parsing rules of the importer: numbers, dates, encodings, delimiters, file layout.

Unit tests call the polars expressions of `analytics.ingest.parse` on literal values;
file tests import a small literal file and read back what the store holds.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import polars as pl
import pytest

from analytics.ingest.parse import (
    choose_date_format,
    choose_decimal,
    date_evidence,
    number_evidence,
    parse_date,
    parse_number,
)
from analytics.ingest.pipeline import import_sales


def number(text: str, decimal: str) -> Decimal | None:
    """The exact decimal `parse_number` reads from `text`."""
    frame = pl.DataFrame({"v": [text]}, schema={"v": pl.String})
    return frame.select(parse_number(pl.col("v"), decimal=decimal).alias("n")).item()


def exact(value: float) -> Decimal:
    """The decimal a literal like 1234.5 is written as (compared exactly, not by float)."""
    return Decimal(str(value))


def a_date(text: str, fmt: str) -> date | None:
    frame = pl.DataFrame({"v": [text]}, schema={"v": pl.String})
    return frame.select(parse_date(pl.col("v"), fmt=fmt).alias("d")).item()


def import_text(store, tmp_path, text: str, *, name: str = "export.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return import_sales(store, path)


def lines(store, columns: str = "customer_id, invoice_date, revenue") -> list[tuple]:
    return store.query(f"select {columns} from sales_lines order by line_no").rows()


# --- numbers -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "decimal", "expected"),
    [
        # The column's decimal separator.
        ("1234,50", ",", 1234.5),
        ("1234.50", ".", 1234.5),
        ("0,5", ",", 0.5),
        (",5", ",", 0.5),
        ("42", ",", 42.0),
        ("42", ".", 42.0),
        ("+7,25", ",", 7.25),
        # Thousands separators: spaces of every width, dots, commas and apostrophes.
        ("1 234,50", ",", 1234.5),
        ("1\u00a0234,50", ",", 1234.5),
        ("1\u202f234,50", ",", 1234.5),
        ("1\u2009234,50", ",", 1234.5),
        ("1.234,50", ",", 1234.5),
        ("1,234.50", ".", 1234.5),
        ("1 234 567,89", ",", 1234567.89),
        ("1.234.567", ",", 1234567.0),
        ("1,234,567", ".", 1234567.0),
        ("1 234.50", ".", 1234.5),
        ("1'234.50", ".", 1234.5),
        # The only separator cannot group thousands, so it is the decimal separator.
        ("1234.5", ",", 1234.5),
        ("0.25", ",", 0.25),
        ("12.50", ",", 12.5),
        ("1 234.50", ",", 1234.5),
        ("12,5", ".", 12.5),
        ("1 234,50", ".", 1234.5),
        ("0,25", ".", 0.25),
        # Groups of three could be thousands: the column's separator decides.
        ("12.500", ",", 12500.0),
        ("12,500", ".", 12500.0),
        ("12.500", ".", 12.5),
        ("12,500", ",", 12.5),
    ],
)
def test_decimal_and_thousands_separators(text, decimal, expected):
    assert number(text, decimal) == exact(expected)


@pytest.mark.parametrize(
    ("text", "decimal"),
    [("1.234,50", "."), ("1,234.50", ",")],
)
def test_value_with_both_separators_reads_itself(text, decimal):
    # The last of `.` and `,` is the decimal separator, whatever the column's choice.
    assert number(text, decimal) == exact(1234.5)


@pytest.mark.parametrize(
    "text",
    ["-1234,50", "1234,50-", "(1 234,50)", "\u22121234,50", "1234,50\u2212", "-1 234,50 kr"],
)
def test_negative_forms(text):
    assert number(text, ",") == exact(-1234.5)


@pytest.mark.parametrize(
    "text",
    [
        "1234,50 kr",
        "1234,50kr",
        "kr 1234,50",
        "1234,50 SEK",
        "SEK 1234,50",
        "1234,50 EUR",
        "EUR 1234,50",
        "1234,50 €",
        "€1234,50",
        "€ 1 234,50",
        "1 234,50 kr.",
        "1234,50 sek",
    ],
)
def test_currency_before_or_after(text):
    assert number(text, ",") == exact(1234.5)


def test_currency_with_colon_dash():
    assert number("1 234:-", ",") == exact(1234.0)


@pytest.mark.parametrize(
    "text", ["abc", "", "   ", "12-5", "1e5", "n/a", "--", "1.2.3", "05.01.2024"]
)
def test_unreadable_number_is_null(text):
    assert number(text, ",") is None


def decimal_of(values: list[str], default: str) -> str:
    counts = pl.DataFrame({"v": values}).select(number_evidence("v")).row(0, named=True)
    return choose_decimal(counts["v__comma"], counts["v__point"], default=default)


@pytest.mark.parametrize(
    ("values", "default", "expected"),
    [
        (["12,5", "1 000"], ".", ","),
        (["1.234,5", "7"], ".", ","),
        (["1234.50", "7"], ",", "."),
        (["1,234.5", "7"], ",", "."),
        # `1.234` and `1,234` say nothing by themselves: the file's default decides.
        (["1.234", "2.000"], ",", ","),
        (["1.234", "2.000"], ".", "."),
        (["1,234", "2,000"], ".", "."),
        (["100", "200"], ",", ","),
        # One unambiguous value outweighs the ambiguous ones.
        (["1.234", "2.000", "3.5"], ",", "."),
        (["1,234", "2,000", "3,5"], ".", ","),
    ],
)
def test_decimal_separator_chosen_from_evidence(values, default, expected):
    assert decimal_of(values, default) == expected


def test_semicolon_file_with_point_decimals_is_read_as_point(store, tmp_path):
    # `;` files default to a decimal comma, but 12.5 and 0.25 can only be point decimals.
    import_text(
        store, tmp_path, "Kundnr;Fakturadatum;Belopp\n1;2024-01-05;12.5\n2;2024-01-05;0.25\n"
    )
    assert [r[2] for r in lines(store)] == [12.5, 0.25]


def test_semicolon_file_with_ambiguous_thousands_reads_them_as_thousands(store, tmp_path):
    import_text(store, tmp_path, "Kundnr;Fakturadatum;Belopp\n1;2024-01-05;1.234\n2;2024-01-05;7\n")
    assert [r[2] for r in lines(store)] == [1234.0, 7.0]


def test_point_decimal_value_in_a_decimal_comma_column(store, tmp_path):
    # One hand-typed 1234.5 among decimal commas is 1234.5, not 12345.
    text = "Kundnr;Fakturadatum;Belopp\n1;2024-01-05;12,5\n2;2024-01-05;7,25\n3;2024-01-05;1234.5\n"
    import_text(store, tmp_path, text)
    assert [r[2] for r in lines(store)] == [12.5, 7.25, 1234.5]


def test_comma_file_with_quoted_decimal_commas(store, tmp_path):
    text = 'Kundnr,Fakturadatum,Belopp\n1,2024-01-05,"12,5"\n2,2024-01-05,"1 000,25"\n'
    import_text(store, tmp_path, text)
    assert [r[2] for r in lines(store)] == [12.5, 1000.25]


# --- dates ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fmt", "expected"),
    [
        ("2024-01-05", "iso", date(2024, 1, 5)),
        ("2024-1-5", "iso", date(2024, 1, 5)),
        ("2024/01/05", "ymd_slash", date(2024, 1, 5)),
        ("20240105", "ymd_compact", date(2024, 1, 5)),
        ("05.01.2024", "dmy_dot", date(2024, 1, 5)),
        ("5.1.2024", "dmy_dot", date(2024, 1, 5)),
        ("13/01/2024", "dmy_slash", date(2024, 1, 13)),
        ("01/13/2024", "mdy_slash", date(2024, 1, 13)),
        ("05-01-2024", "dmy_dash", date(2024, 1, 5)),
        ("2024-01-05 13:45:00", "iso", date(2024, 1, 5)),
        ("2024-01-05T10:00:00Z", "iso", date(2024, 1, 5)),
        ("2024-01-05T23:59:59+01:00", "iso", date(2024, 1, 5)),
        ("05.01.2024 08:00", "dmy_dot", date(2024, 1, 5)),
        ("2024-01-10 10:00:00 +0100", "iso", date(2024, 1, 10)),
        ("2024-01-10 23:30:00 -0500", "iso", date(2024, 1, 10)),
        ("1/5/24", "mdy_slash_short", date(2024, 1, 5)),
        ("1/5/24", "dmy_slash_short", date(2024, 5, 1)),
        ("12/31/99", "mdy_slash_short", date(1999, 12, 31)),
        ("12/1/10 8:26", "mdy_slash_short", date(2010, 12, 1)),
        ("5.1.24", "dmy_dot_short", date(2024, 1, 5)),
        ("5 jan 2024", "dmy_month", date(2024, 1, 5)),
        ("5 januari 2024", "dmy_month", date(2024, 1, 5)),
        ("5. maj 2024", "dmy_month", date(2024, 5, 5)),
        ("5. mai 2024", "dmy_month", date(2024, 5, 5)),
        ("17. desember 2023", "dmy_month", date(2023, 12, 17)),
        ("3 okt. 2024", "dmy_month", date(2024, 10, 3)),
        ("5 März 2024", "dmy_month", date(2024, 3, 5)),
        ("5. Dezember 2023", "dmy_month", date(2023, 12, 5)),
        ("05-Jan-24", "dmy_month", date(2024, 1, 5)),
        ("Jan 5, 2024", "mdy_month", date(2024, 1, 5)),
        ("January 5th 2024", "mdy_month", date(2024, 1, 5)),
        ("May 31, 2024 10:15 AM", "mdy_month", date(2024, 5, 31)),
    ],
)
def test_date_formats(text, fmt, expected):
    assert a_date(text, fmt) == expected


@pytest.mark.parametrize(
    ("serial", "expected"),
    [
        # Day 1 of Excel's 1900 system is 1900-01-01 with the fictitious 1900-02-29, so
        # counting from 1899-12-30 gives the right date for every serial after February 1900.
        ("45296", date(2024, 1, 5)),
        ("45292", date(2024, 1, 1)),
        ("45296.75", date(2024, 1, 5)),
        ("36526", date(2000, 1, 1)),
    ],
)
def test_excel_serial_dates(serial, expected):
    assert a_date(serial, "excel_serial") == expected


@pytest.mark.parametrize("text", ["12345", "99999", "2024-01-05"])
def test_excel_serial_outside_the_plausible_range_is_not_a_date(text):
    assert a_date(text, "excel_serial") is None


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        ("2024-13-01", "iso"),
        ("2024-02-30", "iso"),
        ("32.01.2024", "dmy_dot"),
        ("01/13/2024", "dmy_slash"),
        ("13/01/2024", "mdy_slash"),
        ("05.01.2024", "iso"),
        ("yesterday", "iso"),
        ("1/5/2024", "mdy_slash_short"),
        ("1/13/24", "dmy_slash_short"),
        ("31 feb 2024", "dmy_month"),
        ("5 foo 2024", "dmy_month"),
        ("Foo 5, 2024", "mdy_month"),
    ],
)
def test_impossible_date_is_null(text, fmt):
    assert a_date(text, fmt) is None


def format_of(values: list[str]) -> tuple[str | None, bool]:
    row = pl.DataFrame({"d": values}).select(date_evidence("d")).row(0, named=True)
    return choose_date_format({key.split("__")[1]: n for key, n in row.items()})


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["01/02/2024", "13/01/2024"], ("dmy_slash", False)),
        (["01/02/2024", "01/13/2024"], ("mdy_slash", False)),
        (["01/02/2024", "03/04/2024"], ("dmy_slash", True)),
        (["2024-01-05", "2024-02-05"], ("iso", False)),
        (["20240105", "20240106"], ("ymd_compact", False)),
        (["45296", "45297"], ("excel_serial", False)),
        (["1/5/24", "1/13/24"], ("mdy_slash_short", False)),
        (["1/5/24", "13/1/24"], ("dmy_slash_short", False)),
        (["1/5/24", "2/6/24"], ("dmy_slash_short", True)),
        (["5 jan 2024", "7. feb. 2024"], ("dmy_month", False)),
        (["Jan 5, 2024", "Feb 7, 2024"], ("mdy_month", False)),
        (["nothing", "here"], (None, False)),
    ],
)
def test_date_format_chosen_from_all_values(values, expected):
    assert format_of(values) == expected


@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        (["01/02/2024", "13/01/2024"], [date(2024, 2, 1), date(2024, 1, 13)]),
        (["01/02/2024", "01/13/2024"], [date(2024, 1, 2), date(2024, 1, 13)]),
        (["01/02/2024", "03/04/2024"], [date(2024, 2, 1), date(2024, 4, 3)]),
    ],
)
def test_slash_dates_read_per_column(store, tmp_path, dates, expected):
    text = "Kundnr;Fakturadatum;Belopp\n" + "".join(f"1;{d};1\n" for d in dates)
    import_text(store, tmp_path, text)
    assert [r[1] for r in lines(store)] == expected


def test_day_month_decided_by_a_late_value(store, tmp_path):
    # The deciding value is the last of many: the choice uses every value of the column.
    rows = [f"1;0{m}/0{m}/2024;1\n" for m in range(1, 10)] + ["1;25/12/2024;1\n"]
    import_text(store, tmp_path, "Kundnr;Fakturadatum;Belopp\n" + "".join(rows))
    assert lines(store)[-1][1] == date(2024, 12, 25)
    assert lines(store)[0][1] == date(2024, 1, 1)


@pytest.mark.parametrize(
    ("dates", "ambiguous"),
    [
        (["01/02/2024", "03/04/2024"], True),
        (["01/02/2024", "13/04/2024"], False),
        (["01/02/2024", "04/13/2024"], False),
        (["2024-02-01", "2024-04-03"], False),
        (["1/2/24", "3/4/24"], True),
        (["1/2/24", "3/13/24"], False),
    ],
)
def test_ambiguous_dates_warning(store, tmp_path, dates, ambiguous):
    text = "Kundnr;Fakturadatum;Belopp\n" + "".join(f"1;{d};1\n" for d in dates)
    report = import_text(store, tmp_path, text)
    codes = [w["code"] for w in report.warnings]
    assert ("ambiguous_dates" in codes) is ambiguous


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["20240105", "20231231"], [date(2024, 1, 5), date(2023, 12, 31)]),
        (["45296", "45297"], [date(2024, 1, 5), date(2024, 1, 6)]),
        (["2024-01-05 13:45:00", "2024-01-06 00:00:00"], [date(2024, 1, 5), date(2024, 1, 6)]),
        (["2024-01-05T10:00:00Z", "2024-01-06T23:00:00Z"], [date(2024, 1, 5), date(2024, 1, 6)]),
        (["05.01.2024", "6.1.2024"], [date(2024, 1, 5), date(2024, 1, 6)]),
        (["1/5/24", "1/13/24"], [date(2024, 1, 5), date(2024, 1, 13)]),
        (["5 jan 2024", "6. februar 2024"], [date(2024, 1, 5), date(2024, 2, 6)]),
        (["Jan 5, 2024", "Feb 6, 2024"], [date(2024, 1, 5), date(2024, 2, 6)]),
        (
            ["2024-01-10 10:00:00 +0100", "2024-01-11 00:30:00 +0100"],
            [date(2024, 1, 10), date(2024, 1, 11)],
        ),
    ],
)
def test_date_styles_in_a_file(store, tmp_path, values, expected):
    text = "Kundnr;Fakturadatum;Belopp\n" + "".join(f"1;{v};1\n" for v in values)
    import_text(store, tmp_path, text)
    assert [r[1] for r in lines(store)] == expected
