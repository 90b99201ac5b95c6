"""A data set has one currency: read from the export (a currency column, or a sign or code
beside the amounts), else chosen at import (SEK by default); amounts in another currency
are never added up silently, and every amount shown or written out names the currency.
"""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from streamlit.testing.v1 import AppTest

from analytics.cli import main
from analytics.ingest.errors import IngestError
from analytics.ingest.pipeline import import_sales, preview_file
from analytics.money import currency_code
from locales import catalog
from locales.formats import fmt_money, money_unit
from tests.paths import ROOT


def load(store, tmp_path, text: str, *, name: str = "e.csv", **options):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return import_sales(store, path, **options)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("kr", "SEK"),
        ("SEK", "SEK"),
        (" €", "EUR"),
        ("eur", "EUR"),
        ("$", "USD"),
        ("USD", "USD"),
        ("DKK", "DKK"),
        ("nok", "NOK"),
        (":-", "SEK"),
        ("chf", "CHF"),
        ("", None),
        ("kronor och ören", None),
    ],
)
def test_currency_code(text, code):
    assert currency_code(text) == code


def test_kr_is_the_krona_of_the_chosen_currency():
    assert currency_code("kr", default="DKK") == "DKK"
    assert currency_code("kr", default="EUR") == "SEK"


def test_a_silent_file_is_in_sek_by_default(store, tmp_path):
    report = load(store, tmp_path, "Kundnr;Fakturadatum;Belopp\n1;2024-01-05;10\n")
    assert report.currency == "SEK"
    assert store.currency(1) == "SEK"


def test_a_silent_file_takes_the_chosen_currency(store, tmp_path):
    report = load(store, tmp_path, "Kundnr;Fakturadatum;Belopp\n1;2024-01-05;10\n", currency="NOK")
    assert (report.currency, store.currency(1)) == ("NOK", "NOK")


def test_a_currency_sign_in_the_amounts_sets_the_currency(store, tmp_path):
    text = "Kundnr;Fakturadatum;Belopp\n1;2024-01-05;1 234,50 €\n2;2024-01-06;€ 10,00\n"
    report = load(store, tmp_path, text)
    assert report.currency == "EUR"
    assert report.revenue_loaded == Decimal("1244.50")
    assert store.currency(1) == "EUR"


def test_the_file_s_currency_wins_over_the_chosen_one(store, tmp_path):
    text = "Kundnr;Fakturadatum;Belopp\n1;2024-01-05;10 EUR\n"
    assert load(store, tmp_path, text, currency="SEK").currency == "EUR"


def test_a_currency_column_sets_the_currency(store, tmp_path):
    text = "Kundnr;Fakturadatum;Belopp;Valuta\n1;2024-01-05;10;dkk\n2;2024-01-06;5;DKK\n"
    report = load(store, tmp_path, text)
    assert (report.currency, report.rows_loaded) == ("DKK", 2)


# Three lines in SEK (100 + 200 + 300), two in EUR (10,50 + 4,50) and one in USD (7).
MIXED = (
    "Kundnr;Fakturadatum;Belopp;Valuta\n"
    "1;2024-01-05;100;SEK\n"
    "2;2024-01-06;10,50;EUR\n"
    "1;2024-01-07;200;SEK\n"
    "3;2024-01-08;4,50;EUR\n"
    "2;2024-01-09;300;SEK\n"
    "4;2024-01-10;7;USD\n"
)


def test_mixed_currencies_reject_the_foreign_lines(store, tmp_path):
    report = load(store, tmp_path, MIXED)
    assert report.currency == "SEK"
    assert report.rows_loaded == 3
    assert report.revenue_loaded == Decimal("600")
    assert report.rejected_reasons == {"other_currency": 3}
    rejected = store.rejected_rows(report.import_id)["line_no"].to_list()
    assert rejected == [3, 5, 7]


def test_mixed_currencies_are_reported_with_their_totals(store, tmp_path):
    report = load(store, tmp_path, MIXED)
    warning = next(w for w in report.warnings if w["code"] == "mixed_currencies")
    assert (warning["currency"], warning["lines"]) == ("SEK", 3)
    assert warning["totals"] == "EUR 15.00 (2), USD 7.00 (1)"
    # Loaded and rejected still add up to the file's total: 600 + 15 + 7.
    assert report.revenue_loaded + report.revenue_rejected == Decimal("622")


def test_a_file_in_another_currency_than_its_data_set_is_refused(store, tmp_path):
    load(store, tmp_path, "Kundnr;Fakturadatum;Belopp\n1;2024-01-05;10\n", dataset="D")
    with pytest.raises(IngestError) as caught:
        load(
            store,
            tmp_path,
            "Kundnr;Fakturadatum;Belopp\n1;2024-02-05;10 €\n",
            name="f.csv",
            dataset="D",
        )
    assert caught.value.code == "currency_mismatch"
    assert caught.value.params == {"currency": "EUR", "dataset": "D", "dataset_currency": "SEK"}
    assert store.scalar("select count(*) from sales_lines") == 1


def test_a_silent_file_takes_its_data_set_s_currency(store, tmp_path):
    load(store, tmp_path, "Kundnr;Fakturadatum;Belopp\n1;2024-01-05;10 EUR\n", dataset="D")
    report = load(
        store, tmp_path, "Kundnr;Fakturadatum;Belopp\n1;2024-02-05;7\n", name="f.csv", dataset="D"
    )
    assert report.currency == "EUR"


def test_the_preview_says_what_currency_the_file_states(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text("Kundnr;Fakturadatum;Belopp\n1;2024-01-05;10 USD\n", encoding="utf-8")
    assert preview_file(path).currency == "USD"
    path.write_text("Kundnr;Fakturadatum;Belopp\n1;2024-01-05;10\n", encoding="utf-8")
    assert preview_file(path).currency is None


# --- command line ------------------------------------------------------------------------


def test_cli_import_currency_option(tmp_path, capsys):
    export = tmp_path / "e.csv"
    export.write_text("Kundnr;Fakturadatum;Belopp\n1;2024-01-05;12,50\n", encoding="utf-8")
    db = tmp_path / "c.duckdb"
    assert main(["import", str(export), "--db", str(db), "--currency", "eur", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["currency"], report["revenue_loaded"]) == ("EUR", 12.5)
    assert main(["customers", "--db", str(db), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["currency"] == "EUR"


def test_cli_import_refuses_an_unknown_currency(tmp_path, capsys):
    export = tmp_path / "e.csv"
    export.write_text("Kundnr;Fakturadatum;Belopp\n1;2024-01-05;12,50\n", encoding="utf-8")
    code = main(["import", str(export), "--db", str(tmp_path / "c.duckdb"), "--currency", "kronor"])
    assert code == 2
    assert "--currency" in capsys.readouterr().err


def test_cli_import_text_names_the_currency(tmp_path, capsys):
    export = tmp_path / "e.csv"
    export.write_text("Kundnr;Fakturadatum;Belopp\n1;2024-01-05;12,5 €\n", encoding="utf-8")
    assert main(["import", str(export), "--db", str(tmp_path / "c.duckdb")]) == 0
    assert "revenue loaded 12.50 EUR, rejected 0.00 EUR" in capsys.readouterr().out


# --- formatting --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "code", "compact", "language", "expected"),
    [
        (1234567, "SEK", False, "sv", "1\u00a0234\u00a0567 kr"),
        (1234567, "SEK", True, "sv", "1,2 MSEK"),
        (23456, "SEK", True, "sv", "23 tkr"),
        (1234567, "EUR", False, "sv", "1\u00a0234\u00a0567 EUR"),
        (1234567, "EUR", True, "sv", "1,2 MEUR"),
        (23456, "EUR", True, "sv", "23 tEUR"),
        (1234567, "EUR", False, "en", "EUR 1,234,567"),
        (1234567, "NOK", True, "en", "NOK 1.2M"),
        (23456, "DKK", True, "en", "DKK 23k"),
        (Decimal("430419.39"), "SEK", False, "sv", "430\u00a0419 kr"),
    ],
)
def test_fmt_money_names_the_currency(value, code, compact, language, expected):
    assert fmt_money(value, currency=code, compact=compact, lang=language) == expected


@pytest.mark.parametrize(
    ("scale", "code", "language", "expected"),
    [
        (1, "SEK", "sv", "kr"),
        (1e3, "SEK", "sv", "tkr"),
        (1e6, "SEK", "sv", "MSEK"),
        (1, "EUR", "sv", "EUR"),
        (1e3, "EUR", "en", "EUR k"),
        (1e6, "USD", "en", "MUSD"),
    ],
)
def test_money_unit(scale, code, language, expected):
    assert money_unit(scale, currency=code, lang=language) == expected


# --- pages -------------------------------------------------------------------------------


@pytest.fixture
def app(tmp_path, monkeypatch):
    monkeypatch.setenv("KUNDFOKUS_DB", str(tmp_path / "app.duckdb"))
    monkeypatch.setenv("KUNDFOKUS_DEMO", "off")
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)


def _upload(at: AppTest, text: str) -> AppTest:
    at.run()
    at.switch_page("pages/import_data.py").run()
    at.file_uploader[0].set_value(("e.csv", text.encode("utf-8"), "text/csv"))
    return at.run()


def test_import_page_offers_a_currency_for_a_silent_file(app):
    _upload(app, "Kundnr;Fakturadatum;Belopp\n1;2024-01-05;1000\n")
    app.selectbox(key="imp_currency").set_value("EUR").run()
    app.button(key="imp_go").click().run()
    assert not app.exception
    metrics = {m.label: m.value for m in app.metric}
    assert metrics[catalog("sv")["import.revenue_loaded"]] == "1\u00a0000 EUR"


def test_import_page_says_the_currency_a_file_states(app):
    _upload(app, "Kundnr;Fakturadatum;Belopp\n1;2024-01-05;1000 USD\n")
    assert not app.exception
    assert not [box for box in app.selectbox if box.key == "imp_currency"]
    captions = [c.value for c in app.caption]
    assert catalog("sv")["import.currency_from_file"].format(currency="USD") in captions


def test_overview_shows_amounts_in_the_data_set_s_currency(app):
    _upload(app, "Kundnr;Fakturadatum;Belopp\n1;2024-01-05;1000 €\n")
    app.button(key="imp_go").click().run()
    app.switch_page("pages/overview.py").run()
    assert not app.exception
    revenue = {m.label: m.value for m in app.metric}[catalog("sv")["overview.revenue"]]
    assert revenue == "1\u00a0000 EUR"
