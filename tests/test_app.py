"""AppTest of the overview and import pages: empty state, demo, upload, mapping, report."""

from __future__ import annotations

import polars as pl
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from analytics.store import Store
from locales import catalog
from tests.paths import DEMO, ROOT

SV = catalog("sv")
EN = catalog("en")

SMALL_CSV = (
    "Kundnr;Kundnamn;Fakturadatum;Belopp;Kostnad\n"
    "00017;Åkesson AB;2024-01-05;1 000,00;600,00\n"
    "00017;Åkesson AB;2024-02-05;500,00;300,00\n"
    "00018;Berg & Son;2024-02-10;250,25-;100,00\n"
    ";Utan kund;2024-02-11;99,00;10,00\n"
    "00019;Datumlös;;70,00;10,00\n"
).encode("cp1252")


@pytest.fixture
def app(tmp_path, monkeypatch):
    """A fresh app on an empty database of its own (no demo company)."""
    monkeypatch.setenv("KUNDFOKUS_DB", str(tmp_path / "app.duckdb"))
    monkeypatch.setenv("KUNDFOKUS_DEMO", "off")
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)


def _upload(at: AppTest, name: str, data: bytes) -> AppTest:
    # A first run on the default page: AppTest drops the sidebar when the very first run
    # goes straight to another page.
    at.run()
    at.switch_page("pages/import_data.py").run()
    at.file_uploader[0].set_value((name, data, "text/csv"))
    return at.run()


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_overview_shows_empty_state(app):
    app.run()
    assert not app.exception
    assert app.title[0].value == SV["overview.title"]
    assert app.info[0].value == SV["overview.empty"]


def test_language_switch_translates_the_page(app):
    app.run()
    app.sidebar.radio(key="lang").set_value("en").run()
    assert app.title[0].value == EN["overview.title"]
    assert app.info[0].value == EN["overview.empty"]


def test_upload_shows_automatic_mapping_and_preview(app):
    _upload(app, "export.csv", SMALL_CSV)
    assert not app.exception
    chosen = {box.label: box.value for box in app.selectbox}
    assert chosen[SV["field.customer_id"]] == "Kundnr"
    assert chosen[SV["field.invoice_date"]] == "Fakturadatum"
    assert chosen[SV["field.revenue"]] == "Belopp"
    assert chosen[SV["field.cost"]] == "Kostnad"
    preview = app.dataframe[0].value
    assert preview["customer_id"].tolist()[:3] == ["00017", "00017", "00018"]
    assert preview["revenue"].tolist()[2] == pytest.approx(-250.25)


def test_import_reports_counts_and_amounts(app):
    _upload(app, "export.csv", SMALL_CSV)
    app.button(key="imp_go").click().run()
    assert not app.exception
    metrics = _metrics(app)
    # Five rows: a row without a number but with a name is loaded (the name is its id);
    # the dateless row is rejected.
    assert metrics[SV["import.rows_read"]] == "5"
    assert metrics[SV["import.rows_loaded"]] == "4"
    assert metrics[SV["import.rows_rejected"]] == "1"
    # 1000 + 500 − 250.25 + 99 loaded; 70 rejected; file total 1418.75.
    assert metrics[SV["import.revenue_loaded"]] == "1\u00a0349 kr"
    assert metrics[SV["import.revenue_rejected"]] == "70 kr"
    assert metrics[SV["import.revenue_total"]] == "1\u00a0419 kr"
    rejected = app.dataframe[-2].value
    assert rejected["line_no"].tolist() == [6]
    assert rejected["reason"].tolist() == [SV["reason.missing_date"]]


def test_import_switches_sidebar_to_new_dataset(app):
    _upload(app, "export.csv", SMALL_CSV)
    app.button(key="imp_go").click().run()
    chosen = next(box for box in app.sidebar.selectbox if box.key == "dataset_id")
    assert chosen.options == ["export"]
    history = app.dataframe[-1].value
    assert history["file_name"].tolist() == ["export.csv"]


def test_missing_amount_column_is_explained_and_fixable(app):
    # "Pengar" is no header of an amount: nothing maps or is inferred.
    data = b"Kundnr;Datum;Pengar\n1;2024-01-05;100\n"
    _upload(app, "odd.csv", data)
    expected_start = SV["error.no_amount_column"].split("{")[0]
    assert any(e.value.startswith(expected_start) for e in app.error)
    assert app.button(key="imp_go").disabled
    box = next(b for b in app.selectbox if b.label == SV["field.revenue"])
    box.set_value("Pengar").run()
    assert not app.error
    assert not app.button(key="imp_go").disabled


def test_inferred_amount_column_is_proposed_and_said_so(app):
    data = b"Kundnr;Datum;Summa netto\n1;2024-01-05;100\n"
    _upload(app, "odd.csv", data)
    assert not app.error
    chosen = {box.label: box.value for box in app.selectbox}
    assert chosen[SV["field.revenue"]] == "Summa netto"
    expected = SV["warning.mapping_inferred_amount"].format(column="Summa netto", share=100)
    assert [w.value for w in app.warning] == [expected]


def test_guessed_column_is_marked_until_the_user_changes_it(app):
    data = b"Kundnr;Fakturdatum;Belopp;Leveransdatum\n1;2024-01-05;100;2024-01-09\n"
    _upload(app, "typo.csv", data)
    chosen = {box.label: box.value for box in app.selectbox}
    assert chosen[SV["field.invoice_date"]] == "Fakturdatum"
    expected = SV["warning.mapping_guess"].format(
        column="Fakturdatum", field=SV["field.invoice_date"], like="fakturadatum"
    )
    assert [w.value for w in app.warning] == [expected]
    box = next(b for b in app.selectbox if b.label == SV["field.invoice_date"])
    box.set_value("Leveransdatum").run()
    assert not app.warning


def test_binary_file_gets_a_clear_message_and_changes_nothing(app, tmp_path):
    _upload(app, "picture.csv", b"\x89PNG\r\n\x1a\n" + bytes(200))
    assert [e.value for e in app.error] == [SV["error.binary_file"].format(kind="PNG")]
    store = Store(tmp_path / "app.duckdb")  # the app's store is closed by clearing caches
    st.cache_resource.clear()
    assert store.scalar("select count(*) from imports") == 0


def test_delete_import_removes_its_lines(app):
    _upload(app, "export.csv", SMALL_CSV)
    app.button(key="imp_go").click().run()
    app.checkbox(key="imp_delete_confirm").check().run()
    app.button(key="imp_delete_go").click().run()
    assert not app.exception
    assert SV["import.history_empty"] in [c.value for c in app.main.caption]


def test_overview_after_import_shows_the_numbers(app):
    _upload(app, "export.csv", SMALL_CSV)
    app.button(key="imp_go").click().run()
    fresh = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    metrics = _metrics(fresh)
    assert metrics[SV["overview.customers"]] == "3"  # 00017, 00018 and "Utan kund"
    texts = [m.value for m in fresh.main.markdown] + [c.value for c in fresh.main.caption]
    assert f"{SV['overview.period']}: **2024-01-05 – 2024-02-11**" in texts
    assert f"{SV['overview.lines']}: 4 · {SV['overview.imports']}: 1" in texts


def test_demo_company_loads_on_first_start(tmp_path, monkeypatch):
    monkeypatch.setenv("KUNDFOKUS_DB", str(tmp_path / "demo.duckdb"))
    monkeypatch.delenv("KUNDFOKUS_DEMO", raising=False)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    assert not at.exception
    assert "demoföretaget" in at.info[0].value
    raw = pl.read_csv(
        DEMO,
        separator=";",
        encoding="windows-1252",
        infer_schema=False,
    )
    expected = raw["Kundnr"].n_unique()
    customers = _metrics(at)[SV["overview.customers"]].replace("\u00a0", "")
    assert int(customers) == expected


def _workbook() -> bytes:
    import io

    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    for name, rows in (
        ("Jan", [["00017", "Alfa", "2024-01-05", 100]]),
        ("Feb", [["00018", "Beta", "2024-02-05", 250], ["00017", "Alfa", "2024-02-06", 50]]),
    ):
        sheet = book.add_worksheet(name)
        sheet.write_row(0, 0, ["Kundnr", "Kundnamn", "Fakturadatum", "Belopp"])
        for index, row in enumerate(rows, start=1):
            sheet.write_row(index, 0, row)
    book.close()
    return buffer.getvalue()


def test_workbook_sheets_can_be_stacked(app):
    _upload(app, "export.xlsx", _workbook())
    assert app.selectbox(key="imp_sheet").options == ["Jan", "Feb"]
    app.checkbox(key="imp_all_sheets").check().run()
    app.button(key="imp_go").click().run()
    assert not app.exception
    metrics = _metrics(app)
    assert metrics[SV["import.rows_read"]] == "3"
    assert metrics[SV["import.revenue_loaded"]] == "400 kr"


def test_workbook_single_sheet_is_chosen(app):
    _upload(app, "export.xlsx", _workbook())
    app.selectbox(key="imp_sheet").set_value("Feb").run()
    app.button(key="imp_go").click().run()
    metrics = _metrics(app)
    assert metrics[SV["import.rows_read"]] == "2"
    assert metrics[SV["import.revenue_loaded"]] == "300 kr"
