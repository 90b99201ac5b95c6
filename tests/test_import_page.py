"""AppTest of the import page's handling of the upload: the proposed data set, the
preview as text in the chosen language, no copy of the file left on disk; and the
server's address."""

from __future__ import annotations

import tempfile
import tomllib
from pathlib import Path

import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from locales import catalog
from tests.apptest import ROOT

SV = catalog("sv")
EXPORT = (
    "Kundnr;Kundnamn;Fakturadatum;Förfallodatum;Belopp;Kostnad\n"
    "00017;Åkesson AB;2024-01-05;2024-02-04;1 234,50;600,00\n"
    "00018;;2024-02-10;;250,25-;\n"
    "00019;Datumlös;;;70,00;10,00\n"
).encode()


@pytest.fixture
def private_tmp(tmp_path, monkeypatch):
    """The temporary folder the app writes uploads to, empty at the start."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.fixture
def app(tmp_path, monkeypatch):
    monkeypatch.setenv("KUNDFOKUS_DB", str(tmp_path / "app.duckdb"))
    monkeypatch.setenv("KUNDFOKUS_DEMO", "off")
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)


def _shown(at: AppTest, index: int = 0) -> dict[str, list]:
    """The text a table shows (its Styler's display values), column by column."""
    values = at.dataframe[index].proto.arrow_data.styler.display_values
    table = pa.ipc.open_stream(values).read_all().to_pandas()
    return {column: table[column].tolist() for column in table.columns}


def _upload(at: AppTest, name: str, data: bytes = EXPORT, *, kind: str = "sales") -> AppTest:
    at.run()
    at.switch_page("pages/import_data.py").run()
    if kind != "sales":
        at.radio(key="imp_kind").set_value(kind).run()
    at.file_uploader[0].set_value((name, data, "text/csv"))
    return at.run()


def test_server_listens_on_localhost_only():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text("utf-8"))
    assert config["server"]["address"] == "localhost"


def test_no_copy_of_the_upload_remains_after_preview_and_import(app, private_tmp):
    _upload(app, "export.csv")
    assert app.dataframe, "the preview is shown"
    assert list(private_tmp.rglob("*")) == []
    app.button(key="imp_go").click().run()
    assert not app.exception
    assert app.metric
    assert list(private_tmp.rglob("*")) == []


def test_a_sales_upload_proposes_a_new_data_set_named_after_the_file(app):
    _upload(app, "forsaljning_2024.csv")
    assert app.text_input(key="imp_dataset").value == "forsaljning_2024"
    app.button(key="imp_go").click().run()
    # Another file goes into a new data set of its own, not into the one now selected.
    app.file_uploader[0].set_value(
        ("kunder_nord.csv", EXPORT.replace(b"00017", b"00020"), "")
    ).run()
    assert app.text_input(key="imp_dataset").value == "kunder_nord"


def test_a_taken_name_gets_a_number(app):
    _upload(app, "export.csv")
    app.button(key="imp_go").click().run()
    app.file_uploader[0].set_value(("export.csv", EXPORT.replace(b"00017", b"00020"), "")).run()
    assert app.text_input(key="imp_dataset").value == "export (2)"


def test_a_customer_master_file_proposes_the_selected_data_set(app):
    _upload(app, "export.csv")
    app.button(key="imp_go").click().run()
    master = "Kundnr;Kundnamn;Segment\n00017;Åkesson AB;Bygg\n".encode()
    app.radio(key="imp_kind").set_value("customers").run()
    app.file_uploader[0].set_value(("kunder.csv", master, "text/csv")).run()
    assert app.text_input(key="imp_dataset").value == "export"


def test_preview_shows_reasons_empty_cells_dates_and_swedish_numbers(app):
    _upload(app, "export.csv")
    preview = app.dataframe[0].value
    shown = _shown(app)
    assert preview["reason"].tolist() == ["", "", SV["reason.missing_date"]]
    assert preview["customer_name"].tolist() == ["Åkesson AB", "", "Datumlös"]
    assert preview["invoice_date"].tolist() == ["2024-01-05", "2024-02-10", ""]
    assert preview["due_date"].tolist() == ["2024-02-04", "", ""]
    # The cells keep their numbers; the text shown is Swedish.
    assert preview["revenue"].tolist()[0] == pytest.approx(1234.5)
    assert shown["revenue"] == ["1\u00a0234,50", "−250,25", "70,00"]
    # An unknown number is a dash: with an empty text the browser would show "None".
    assert shown["cost"] == ["600,00", "–", "10,00"]


def test_preview_in_english(app):
    _upload(app, "export.csv")
    app.radio(key="lang").set_value("en").run()
    preview = app.dataframe[0].value
    assert preview["invoice_date"].tolist() == ["5 Jan 2024", "10 Feb 2024", ""]
    assert _shown(app)["revenue"] == ["1,234.50", "-250.25", "70.00"]


def test_import_page_file_paths_are_not_in_the_repo():
    assert not any(Path(ROOT).glob("kundfokus-upload-*"))


@pytest.mark.parametrize(
    ("lang", "first", "last"),
    [("sv", "2024-01-05", "2024-02-10"), ("en", "5 Jan 2024", "10 Feb 2024")],
)
def test_earlier_imports_show_their_period_as_dates(app, lang, first, last):
    _upload(app, "export.csv")
    app.radio(key="lang").set_value(lang).run()
    app.button(key="imp_go").click().run()
    tables = [_shown(app, i) for i in range(len(app.dataframe))]
    history = next(table for table in tables if "first_date" in table)
    # The export's loaded lines run from 5 January to 10 February 2024; no time of day.
    assert history["first_date"] == [first]
    assert history["last_date"] == [last]
