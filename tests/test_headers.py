"""Headers of real exports map themselves: normalised before the synonyms lookup, near
misses proposed as guesses, missing required fields inferred from the values, and never
a wrong confident mapping.
"""

from __future__ import annotations

from datetime import date

import pytest

from analytics.ingest.mapping import auto_map, guess_map
from analytics.ingest.pipeline import import_sales, preview_file
from analytics.ingest.synonyms import header_key, header_words
from tests.samples import write

# --- normalisation -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "words"),
    [
        ("InvoiceDate", ("invoice", "date")),
        ("CustomerID", ("customer", "id")),
        ("UnitPrice", ("unit", "price")),
        ("InvoiceNo", ("invoice", "no")),
        ("VATAmount", ("vat", "amount")),
        ("Belopp SEK", ("belopp",)),
        ("Amount (EUR)", ("amount",)),
        ("Amount in USD", ("amount",)),
        ("Sales (LCY)", ("sales",)),
        ("Created date (UTC)", ("created", "date")),
        ("Kunde-Nr.", ("kunde", "nr")),
        ("Sell-to Customer No.", ("sell", "to", "customer", "no")),
        ("Order #", ("order", "no")),
        ("order_date", ("order", "date")),
        ("TB %", ("tb", "%")),
        ("Margin (%)", ("margin", "%")),
        ("SEK", ("sek",)),
        ("\ufeffKUNDNR ", ("kundnr",)),
    ],
)
def test_header_words(header, words):
    assert header_words(header) == words


@pytest.mark.parametrize(
    ("variant", "plain"),
    [
        ("Faktura datum", "Fakturadatum"),
        ("FakturaDatum", "Fakturadatum"),
        ("Kunde-Nr.", "Kundenr"),
        ("Invoice_Date", "invoice date"),
    ],
)
def test_spacing_and_punctuation_variants_have_one_key(variant, plain):
    assert header_key(variant) == header_key(plain)


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("InvoiceDate", "invoice_date"),
        ("CustomerID", "customer_id"),
        ("UnitPrice", "unit_price"),
        ("InvoiceNo", "invoice_number"),
        ("Belopp SEK", "revenue"),
        ("Amount (EUR)", "revenue"),
        ("Kunde-Nr.", "customer_id"),
        ("Sell-to Customer No.", "customer_id"),
        ("Faktura datum", "invoice_date"),
        ("Billing Date", "invoice_date"),
        ("Sold-to party", "customer_id"),
        ("Net Value", "revenue"),
        ("Margin (%)", "margin_pct"),
        ("Amount Refunded", "refunded"),
    ],
)
def test_header_variant_maps_to_its_field(header, field):
    assert auto_map([header]) == {field: header}


def test_old_online_retail_headers_map():
    headers = ["InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice"]
    assert auto_map([*headers, "CustomerID", "Country"]) == {
        "customer_id": "CustomerID",
        "invoice_date": "InvoiceDate",
        "invoice_number": "InvoiceNo",
        "quantity": "Quantity",
        "unit_price": "UnitPrice",
        "product": "Description",
        "region": "Country",
    }


def test_header_line_with_camel_case_names_is_found_below_a_title(store, tmp_path):
    text = "Sales export 2024\n\nCustomerID,InvoiceDate,Amount (EUR)\nK1,2024-01-05,10.50\n"
    report = import_sales(store, write(tmp_path, "x.csv", text))
    assert report.mapping == {
        "customer_id": "CustomerID",
        "invoice_date": "InvoiceDate",
        "revenue": "Amount (EUR)",
    }
    assert report.rows_loaded == 1


# --- guesses -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "field", "like"),
    [
        ("Fakturdatum", "invoice_date", "fakturadatum"),
        ("Kundnumer", "customer_id", "kundnummer"),
        ("Kostnadd", "cost", "kostnad"),
        ("Due dat", "due_date", "duedate"),
    ],
)
def test_one_letter_typo_is_guessed(header, field, like):
    assert guess_map(["Belopp", header], {"revenue": "Belopp"}) == {field: (header, like)}


@pytest.mark.parametrize(
    "header",
    [
        "Namm",  # one letter off `namn` and `name`, but four-letter words are never guessed
        "Dates",  # one letter off `date`, too short to guess from; two off `datum`
        "Kunder",  # one letter off `kunde` (number or name?) and `kundnr`: no one field
    ],
)
def test_no_guess_without_one_clear_near_match(header):
    assert guess_map([header], {}) == {}


def test_due_date_is_never_the_invoice_date():
    # `Due date` maps to the due date; with the due date taken by another column, it is
    # still not proposed as the invoice date.
    assert auto_map(["Kundnr", "Due date", "Belopp"]) == {
        "customer_id": "Kundnr",
        "revenue": "Belopp",
        "due_date": "Due date",
    }
    taken = {"customer_id": "Kundnr", "revenue": "Belopp", "due_date": "Förfallodatum"}
    assert guess_map(["Kundnr", "Förfallodatum", "Due date", "Belopp"], taken) == {}


def test_a_guess_is_a_note_in_the_preview(tmp_path):
    path = write(tmp_path, "t.csv", "Kundnr;Fakturdatum;Belopp\n1;2024-01-05;10\n")
    preview = preview_file(path)
    assert preview.mapping["invoice_date"] == "Fakturdatum"
    assert preview.notes == [
        {
            "code": "mapping_guess",
            "message": "Column 'Fakturdatum' is taken as invoice_date because its name is "
            "close to 'fakturadatum'; check that it is right.",
            "field": "invoice_date",
            "column": "Fakturdatum",
            "like": "fakturadatum",
        }
    ]


def test_a_guess_is_a_warning_of_the_import(store, tmp_path):
    path = write(tmp_path, "t.csv", "Kundnr;Fakturdatum;Belopp\n1;2024-01-05;10\n")
    report = import_sales(store, path)
    assert [w["code"] for w in report.warnings][:1] == ["mapping_guess"]


# --- inferred from values ------------------------------------------------------------


def test_date_column_is_inferred_from_its_values(tmp_path):
    text = "Kund;Wann;Belopp\nA;2024-01-05;10\nB;2024-01-06;20\n"
    preview = preview_file(write(tmp_path, "w.csv", text))
    assert preview.mapping["invoice_date"] == "Wann"
    assert [(n["code"], n["column"], n["share"]) for n in preview.notes] == [
        ("mapping_inferred_date", "Wann", 100)
    ]


def test_created_is_preferred_over_another_date_column(tmp_path):
    text = "Kund;Tidpunkt;Skapad;Belopp\nA;2024-02-01;2024-01-05;10\nB;2024-02-02;2024-01-06;20\n"
    preview = preview_file(write(tmp_path, "c.csv", text))
    assert preview.mapping["invoice_date"] == "Skapad"


def test_paid_or_delivered_dates_are_not_taken_as_invoice_date(tmp_path):
    text = "Kund;Betalt;Levererad;Belopp\nA;2024-02-01;2024-01-05;10\n"
    preview = preview_file(write(tmp_path, "p.csv", text))
    assert "invoice_date" not in preview.mapping
    assert preview.problem is not None
    assert preview.problem.code == "no_date_column"


def test_article_numbers_are_not_taken_for_excel_serial_dates(tmp_path):
    text = "Kund;Lagerplats;Belopp\nA;30001;10\nB;30002;20\n"
    preview = preview_file(write(tmp_path, "a.csv", text))
    assert "invoice_date" not in preview.mapping


def test_only_mostly_date_columns_are_inferred(tmp_path):
    # 8 of 10 values are dates: below the 90 % a column needs.
    values = ["2024-01-05"] * 8 + ["snart", "?"]
    text = "Kund;Wann;Belopp\n" + "".join(f"A;{v};1\n" for v in values)
    preview = preview_file(write(tmp_path, "m.csv", text))
    assert "invoice_date" not in preview.mapping


def test_amount_column_is_inferred_from_name_and_values(store, tmp_path):
    text = "Kundnr;Fakturadatum;Rechnungsbetrag;Bemerkung\n1;2024-01-05;10,50;x\n2;2024-01-06;4;y\n"
    report = import_sales(store, write(tmp_path, "r.csv", text))
    assert report.mapping["revenue"] == "Rechnungsbetrag"
    assert report.warnings[0]["code"] == "mapping_inferred_amount"
    assert round(report.revenue_loaded * 100) == 1450


@pytest.mark.parametrize("header", ["Moms belopp", "Summa inkl. moms", "Remaining Amount"])
def test_tax_gross_or_balance_amounts_are_not_taken_as_revenue(tmp_path, header):
    text = f"Kundnr;Fakturadatum;{header}\n1;2024-01-05;10\n"
    preview = preview_file(write(tmp_path, "t.csv", text))
    assert "revenue" not in preview.mapping


def test_text_column_named_like_an_amount_is_not_inferred(tmp_path):
    text = "Kundnr;Fakturadatum;Total\n1;2024-01-05;hög\n2;2024-01-06;låg\n"
    preview = preview_file(write(tmp_path, "t.csv", text))
    assert "revenue" not in preview.mapping


def test_user_mapping_has_no_notes(tmp_path):
    path = write(tmp_path, "t.csv", "Kundnr;Fakturdatum;Belopp\n1;2024-01-05;10\n")
    mapping = {"customer_id": "Kundnr", "invoice_date": "Fakturdatum", "revenue": "Belopp"}
    assert preview_file(path, mapping=mapping).notes == []


# --- status and refunds --------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "loaded"),
    [
        ("Paid", True),
        ("Refunded", True),
        ("Pending", True),
        ("Failed", False),
        ("failed", False),
        ("Cancelled", False),
        ("Makulerad", False),
        ("Storniert", False),
    ],
)
def test_failed_or_cancelled_status_is_no_sale(store, tmp_path, status, loaded):
    text = f"Kundnr;Fakturadatum;Belopp;Status\n1;2024-01-05;10;{status}\n2;2024-01-06;1;Paid\n"
    report = import_sales(store, write(tmp_path, "s.csv", text))
    assert report.rows_loaded == (2 if loaded else 1)
    assert report.rejected_reasons == ({} if loaded else {"not_a_sale": 1})


def test_refunded_amount_is_subtracted(store, tmp_path):
    text = "Kundnr;Fakturadatum;Belopp;Återbetalt\n1;2024-01-05;100;40\n1;2024-01-06;50;\n"
    import_sales(store, write(tmp_path, "r.csv", text))
    rows = store.query("select invoice_date, revenue from sales_lines order by 1").rows()
    assert [(d, round(r * 100)) for d, r in rows] == [
        (date(2024, 1, 5), 6000),
        (date(2024, 1, 6), 5000),
    ]
