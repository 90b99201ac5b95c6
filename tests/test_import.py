"""The import pipeline end to end: mapping, profiles, amounts, rejected rows, repeated and
overlapping files, spreadsheets, Parquet, customer master, transactions and threads.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from decimal import Decimal

import pytest

from analytics.ingest.errors import IngestError
from analytics.ingest.mapping import auto_map
from analytics.ingest.pipeline import (
    find_profile,
    import_sales,
    preview_file,
    save_profile,
)
from tests.samples import write


def sales(store, columns: str = "customer_id, invoice_date, revenue, cost") -> list[tuple]:
    return store.query(f"select {columns} from sales_lines order by sheet, line_no").rows()


def codes(report) -> list[str]:
    return [w["code"] for w in report.warnings]


# --- mapping -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (
            ["Kundnr", "Kundnamn", "Fakturadatum", "Belopp"],
            {
                "customer_id": "Kundnr",
                "customer_name": "Kundnamn",
                "invoice_date": "Fakturadatum",
                "revenue": "Belopp",
            },
        ),
        (
            ["Kundenummer", "Kundenavn", "Fakturadato", "Beløb"],
            {
                "customer_id": "Kundenummer",
                "customer_name": "Kundenavn",
                "invoice_date": "Fakturadato",
                "revenue": "Beløb",
            },
        ),
        (
            ["Kundenr", "Kundenavn", "Fakturadato", "Beløp", "Antall"],
            {
                "customer_id": "Kundenr",
                "customer_name": "Kundenavn",
                "invoice_date": "Fakturadato",
                "revenue": "Beløp",
                "quantity": "Antall",
            },
        ),
        (
            ["Customer ID", "Customer Name", "Order Date", "Sales", "Profit"],
            {
                "customer_id": "Customer ID",
                "customer_name": "Customer Name",
                "invoice_date": "Order Date",
                "revenue": "Sales",
                "margin": "Profit",
            },
        ),
        (
            ["Kundennummer", "Kundenname", "Rechnungsdatum", "Umsatz", "Menge"],
            {
                "customer_id": "Kundennummer",
                "customer_name": "Kundenname",
                "invoice_date": "Rechnungsdatum",
                "revenue": "Umsatz",
                "quantity": "Menge",
            },
        ),
        (
            ["Sell-to Customer No.", "Posting Date", "Document No.", "Amount", "Cost Amount"],
            {
                "customer_id": "Sell-to Customer No.",
                "invoice_date": "Posting Date",
                "invoice_number": "Document No.",
                "revenue": "Amount",
                "cost": "Cost Amount",
            },
        ),
        (
            ["KUNDNR ", "Namn", "Fakturadatum", "Fakturanr", "Belopp exkl. moms", "TB"],
            {
                "customer_id": "KUNDNR ",
                "customer_name": "Namn",
                "invoice_date": "Fakturadatum",
                "invoice_number": "Fakturanr",
                "revenue": "Belopp exkl. moms",
                "margin": "TB",
            },
        ),
        (
            ["Kundnr", "Fakturadatum", "Belopp", "TB %"],
            {
                "customer_id": "Kundnr",
                "invoice_date": "Fakturadatum",
                "revenue": "Belopp",
                "margin_pct": "TB %",
            },
        ),
    ],
    ids=["sv", "da", "no", "en", "de", "business-central", "fortnox-like", "sv-tb-percent"],
)
def test_auto_mapping(headers, expected):
    assert auto_map(headers) == expected


def test_auto_mapping_used_by_the_import(store, tmp_path):
    path = write(tmp_path, "de.csv", "Kundennummer;Rechnungsdatum;Umsatz\nK1;2024-01-05;10\n")
    report = import_sales(store, path)
    expected = {
        "customer_id": "Kundennummer",
        "invoice_date": "Rechnungsdatum",
        "revenue": "Umsatz",
    }
    assert report.mapping == expected
    assert sales(store) == [("K1", date(2024, 1, 5), 10.0, None)]


def test_mapping_given_by_the_user(store, tmp_path):
    # Nothing here is a known header; the user's mapping makes the file usable.
    path = write(tmp_path, "odd.csv", "Who;When;Value\nA;2024-01-05;10\nB;2024-01-06;20\n")
    problem = preview_file(path).problem
    assert problem is not None
    assert problem.code == "no_customer_column"
    mapping = {"customer_id": "Who", "invoice_date": "When", "revenue": "Value"}
    report = import_sales(store, path, mapping=mapping)
    assert report.rows_loaded == 2
    assert report.mapping == mapping


def test_user_mapping_overrides_the_automatic_choice(store, tmp_path):
    text = "Kundnr;Fakturadatum;Belopp;Netto\n1;2024-01-05;125;100\n"
    path = write(tmp_path, "net.csv", text)
    mapping = {"customer_id": "Kundnr", "invoice_date": "Fakturadatum", "revenue": "Netto"}
    import_sales(store, path, mapping=mapping)
    assert sales(store, "revenue") == [(100.0,)]


def test_mapping_to_a_column_the_file_lacks(store, tmp_path):
    path = write(tmp_path, "a.csv", "Kundnr;Fakturadatum;Belopp\n1;2024-01-05;5\n")
    mapping = {"customer_id": "Kundnr", "invoice_date": "Fakturadatum", "revenue": "Summa"}
    with pytest.raises(IngestError) as caught:
        import_sales(store, path, mapping=mapping)
    assert caught.value.code == "mapping_unknown_column"


# --- profiles ------------------------------------------------------------------------

ODD_HEADERS = ["Who", "When", "Value", "Note"]
ODD_MAPPING = {"customer_id": "Who", "invoice_date": "When", "revenue": "Value"}


def test_profile_maps_the_next_file_with_the_same_headers_in_another_order(store, tmp_path):
    save_profile(store, "Our ERP", ODD_HEADERS, ODD_MAPPING)
    path = write(
        tmp_path, "next.csv", "Note;Value;Who;When\nx;10;A;2024-01-05\ny;20;B;2024-01-06\n"
    )
    report = import_sales(store, path)
    assert report.mapping == ODD_MAPPING
    assert sales(store, "customer_id, revenue") == [("A", 10.0), ("B", 20.0)]


def test_find_profile_by_headers(store):
    save_profile(store, "Our ERP", ODD_HEADERS, ODD_MAPPING)
    assert find_profile(store, ["note", "WHEN", "value", "who"]) == ("Our ERP", ODD_MAPPING)


def test_find_profile_without_a_match(store):
    save_profile(store, "Our ERP", ODD_HEADERS, ODD_MAPPING)
    assert find_profile(store, ["Who", "When", "Value"]) is None


def test_find_profile_by_name(store):
    save_profile(store, "Our ERP", ODD_HEADERS, ODD_MAPPING)
    assert find_profile(store, ["whatever"], name="Our ERP") == ("Our ERP", ODD_MAPPING)


def test_unknown_profile_name(store):
    with pytest.raises(IngestError) as caught:
        find_profile(store, ODD_HEADERS, name="Nope")
    assert caught.value.code == "unknown_profile"


def test_profile_named_on_import(store, tmp_path):
    save_profile(store, "Our ERP", ["Who", "When", "Value", "Other"], ODD_MAPPING)
    path = write(tmp_path, "x.csv", "Who;When;Value;Note\nA;2024-01-05;7\n")
    report = import_sales(store, path, profile="Our ERP")
    assert report.mapping == ODD_MAPPING
    assert report.revenue_loaded == 7.0


def test_saving_a_profile_again_replaces_it(store):
    save_profile(store, "Our ERP", ODD_HEADERS, ODD_MAPPING)
    changed = {**ODD_MAPPING, "invoice_number": "Note"}
    save_profile(store, " Our ERP ", ODD_HEADERS, changed)
    assert store.scalar("select count(*) from import_profiles") == 1
    assert find_profile(store, ODD_HEADERS) == ("Our ERP", changed)


@pytest.mark.parametrize("name", ["", "   "])
def test_profile_needs_a_name(store, name):
    with pytest.raises(IngestError) as caught:
        save_profile(store, name, ODD_HEADERS, ODD_MAPPING)
    assert caught.value.code == "profile_name"


# --- amounts and cost ----------------------------------------------------------------


def test_revenue_is_quantity_times_unit_price(store, tmp_path):
    text = "Kundnr;Fakturadatum;Antal;À-pris\n1;2024-01-05;3;2,50\n2;2024-01-05;-2;10\n"
    import_sales(store, write(tmp_path, "qp.csv", text))
    assert sales(store, "revenue, quantity, unit_price") == [(7.5, 3.0, 2.5), (-20.0, -2.0, 10.0)]


def test_cost_from_cost_column(store, tmp_path):
    text = "Kundnr;Fakturadatum;Belopp;Kostnad\n1;2024-01-05;100;60\n2;2024-01-05;50;\n"
    report = import_sales(store, write(tmp_path, "c.csv", text))
    assert report.cost_source == "cost"
    assert sales(store, "revenue, cost") == [(100.0, 60.0), (50.0, None)]
    assert codes(report) == ["cost_missing"]


def test_cost_from_margin(store, tmp_path):
    text = "Kundnr;Fakturadatum;Belopp;TB\n1;2024-01-05;100;30\n2;2024-01-05;80,50;-10\n"
    report = import_sales(store, write(tmp_path, "m.csv", text))
    assert report.cost_source == "margin"
    assert sales(store, "cost") == [(70.0,), (90.5,)]


@pytest.mark.parametrize(
    ("text", "costs"),
    [
        # per cent with the sign
        (
            "Kundnr;Fakturadatum;Belopp;TG %\n1;2024-01-05;200;25 %\n2;2024-01-05;50;10%\n",
            [150, 45],
        ),
        # per cent as bare numbers above 1.5
        ("Kundnr;Fakturadatum;Belopp;TG\n1;2024-01-05;200;25\n2;2024-01-05;50;10\n", [150, 45]),
        # fractions with a decimal comma
        ("Kundnr;Fakturadatum;Belopp;TG\n1;2024-01-05;200;0,25\n2;2024-01-05;50;0,1\n", [150, 45]),
        # fractions with a decimal point in a tab file (whose default is a comma)
        (
            "Kundnr\tFakturadatum\tBelopp\tTG\n1\t2024-01-05\t200\t0.25\n2\t2024-01-05\t50\t0.1\n",
            [150, 45],
        ),
        # fractions with a decimal comma in a comma file (quoted)
        (
            'Kundnr,Fakturadatum,Belopp,TG\n1,2024-01-05,200,"0,25"\n2,2024-01-05,50,"0,1"\n',
            [150, 45],
        ),
    ],
    ids=["percent-sign", "percent-bare", "fraction-comma", "fraction-point-tab", "fraction-quoted"],
)
def test_cost_from_margin_percent(store, tmp_path, text, costs):
    report = import_sales(store, write(tmp_path, "p.csv", text))
    assert report.cost_source == "margin_pct"
    assert [r[0] for r in sales(store, "cost")] == [Decimal(c) for c in costs]


def test_no_cost_column(store, tmp_path):
    text = "Kundnr;Fakturadatum;Belopp\n1;2024-01-05;100\n"
    report = import_sales(store, write(tmp_path, "n.csv", text))
    assert report.cost_source == "none"
    assert "no_cost" in codes(report)
    assert sales(store, "cost") == [(None,)]
    assert store.customer_summary(1)["gross_margin"].to_list() == [None]


def test_credit_notes_stay_negative(store, tmp_path):
    text = (
        "Kundnr;Fakturadatum;Fakturanr;Belopp;Kostnad\n"
        "1;2024-01-05;F1;1 000,00;600\n"
        "1;2024-01-20;K1;-250,00;-150\n"
        "1;2024-01-21;K2;250,00-;-150\n"
    )
    report = import_sales(store, write(tmp_path, "k.csv", text))
    assert sales(store, "revenue, cost") == [(1000.0, 600.0), (-250.0, -150.0), (-250.0, -150.0)]
    assert report.revenue_loaded == Decimal("500")
    summary = store.customer_summary(1).row(0, named=True)
    assert summary["revenue"] == Decimal("500")
    assert summary["gross_margin"] == Decimal("200")


# --- rejected rows -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("row", "reason", "amount"),
    [
        (";;2024-01-05;10", "missing_customer", 10.0),
        ("7;Seven;;10", "missing_date", 10.0),
        ("7;Seven;  ;10", "missing_date", 10.0),
        ("7;Seven;someday;10", "bad_date", 10.0),
        ("7;Seven;2024-02-30;10", "bad_date", 10.0),
        ("7;Seven;2024-01-05;", "missing_amount", None),
        ("7;Seven;2024-01-05;ten", "bad_amount", None),
    ],
)
def test_rejected_row_keeps_line_reason_and_raw_values(store, tmp_path, row, reason, amount):
    text = "Kundnr;Kundnamn;Fakturadatum;Belopp\n1;One;2024-01-05;5\n" + row + "\n"
    report = import_sales(store, write(tmp_path, "r.csv", text))
    assert report.rejected_reasons == {reason: 1}
    rejected = store.rejected_rows(report.import_id).row(0, named=True)
    assert (rejected["line_no"], rejected["reason"], rejected["revenue"]) == (3, reason, amount)
    raw = json.loads(rejected["raw"])
    cells = row.split(";")
    expected = dict(zip(["Kundnr", "Kundnamn", "Fakturadatum", "Belopp"], cells, strict=True))
    assert {k: v for k, v in raw.items() if v} == {k: v for k, v in expected.items() if v}


def test_row_wider_than_the_header_is_rejected_not_cut_short(store, tmp_path):
    # An unquoted thousands comma in a comma file: cutting the row would load 1, not 1 234.50.
    text = 'Kundnr,Fakturadatum,Belopp\nA,2024-01-01,"1,234.50"\nB,2024-01-02,1,234.50\n'
    report = import_sales(store, write(tmp_path, "wide.csv", text))
    assert (report.rows_loaded, report.rejected_reasons) == (1, {"too_many_fields": 1})
    assert report.revenue_loaded == Decimal("1234.50")
    rejected = store.rejected_rows(report.import_id).row(0, named=True)
    assert (rejected["line_no"], rejected["reason"]) == (3, "too_many_fields")
    assert json.loads(rejected["raw"]) == {
        "Kundnr": "B",
        "Fakturadatum": "2024-01-02",
        "Belopp": "1",
        "_extra": "234.50",
    }


def test_row_far_wider_than_the_header_is_still_rejected(store, tmp_path):
    text = "Kundnr;Fakturadatum;Belopp\n1;2024-01-05;5" + ";x" * 20 + "\n2;2024-01-06;6\n"
    report = import_sales(store, write(tmp_path, "wider.csv", text))
    assert (report.rows_loaded, report.rejected_reasons) == (1, {"too_many_fields": 1})


@pytest.mark.parametrize("name", ["_extra", "_spare#0", "_line"])
def test_header_named_like_an_internal_column_is_kept(store, tmp_path, name):
    text = f"Kundnr;Fakturadatum;Belopp;{name}\n1;2024-01-05;5;x\n"
    report = import_sales(store, write(tmp_path, "named.csv", text))
    assert (report.rows_loaded, report.rows_rejected) == (1, 0)


def test_name_without_number_is_still_a_customer(store, tmp_path):
    text = "Kundnr;Kundnamn;Fakturadatum;Belopp\n;Walk-in;2024-01-05;10\n"
    report = import_sales(store, write(tmp_path, "w.csv", text))
    assert report.rows_loaded == 1
    assert sales(store, "customer_id, customer_name") == [("Walk-in", "Walk-in")]


AMOUNTS_FILE = (
    "Kundnr;Kundnamn;Fakturadatum;Belopp\n"
    "1;A;2024-01-05;1 234,50\n"
    "2;B;2024-01-06;-99,90\n"
    ";;2024-01-07;500\n"
    "3;C;not a date;70,25\n"
    "4;D;;12\n"
    "5;E;2024-01-08;\n"
    "6;F;2024-01-09;n/a\n"
    "7;G;2024-01-10;0,05\n"
)


def independent_total(text: str) -> Decimal:
    """The sum of every readable amount in the file, with the csv module and Decimal."""
    total = Decimal(0)
    for row in csv.DictReader(io.StringIO(text), delimiter=";"):
        value = row["Belopp"].replace(" ", "").replace(",", ".")
        if value and value.replace(".", "").lstrip("-").isdigit():
            total += Decimal(value)
    return total


def test_loaded_plus_rejected_equals_the_file_total(store, tmp_path):
    report = import_sales(store, write(tmp_path, "t.csv", AMOUNTS_FILE))
    total = independent_total(AMOUNTS_FILE)
    assert total == Decimal("1716.90")  # 1234.50 - 99.90 + 500 + 70.25 + 12 + 0.05
    assert report.revenue_loaded + report.revenue_rejected == total
    assert report.revenue_loaded == Decimal("1234.50") - Decimal("99.90") + Decimal("0.05")
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (8, 3, 5)


def test_rejected_reasons_are_counted(store, tmp_path):
    report = import_sales(store, write(tmp_path, "t.csv", AMOUNTS_FILE))
    assert report.rejected_reasons == {
        "missing_customer": 1,
        "missing_date": 1,
        "bad_date": 1,
        "missing_amount": 1,
        "bad_amount": 1,
    }
    lines = store.rejected_rows(report.import_id)["line_no"].to_list()
    assert lines == [4, 5, 6, 7, 8]


def test_report_matches_the_imports_table(store, tmp_path):
    report = import_sales(store, write(tmp_path, "t.csv", AMOUNTS_FILE))
    row = store.imports(1).row(0, named=True)
    assert row["rows_loaded"] == report.rows_loaded == 3
    assert row["revenue_rejected"] == report.revenue_rejected
    assert (row["first_date"], row["last_date"]) == (date(2024, 1, 5), date(2024, 1, 10))
