"""AppTest of the team assessment page: the editable table, saving only changed cells,
search, a file of scores with rejected rows, and the empty state."""

from __future__ import annotations

import os
from pathlib import Path

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from analytics.store import Store
from analytics.team import TEAM_FILE_ERRORS, TEAM_REJECT_REASONS
from locales import catalog
from tests.apptest import edit_cells, open_page, page_opener, store_with

SV = catalog("sv")

# Revenue in the last 12 months: K1 5 000, K2 2 500, K3 500 → the table's order.
SALES_CSV = (
    "Kundnr;Kundnamn;Fakturanr;Fakturadatum;Varugrupp;Belopp;Kostnad\n"
    "K1;Alfa AB;1;2024-01-10;Verktyg;4000;2400\n"
    "K1;Alfa AB;2;2024-02-15;Verktyg;1000;600\n"
    "K2;Beta HB;3;2024-02-20;Skydd;2500;1500\n"
    "K3;Gamma Bygg;4;2024-02-28;Verktyg;500;300\n"
)


_app = page_opener("pages/team_assessment.py")


@pytest.fixture
def app(tmp_path, monkeypatch):
    return _app(store_with(tmp_path, SALES_CSV, dataset="Testbolaget"), monkeypatch)


def _stored_at(path: Path | str) -> pl.DataFrame:
    """The team's scores in the database at `path`."""
    store = Store(path)
    try:
        return store.team_scores(store.dataset_id("Testbolaget"))
    finally:
        store.close()


def _stored(_at: AppTest) -> pl.DataFrame:
    """The scores in the app's database (a second connection in this process)."""
    return _stored_at(os.environ["KUNDFOKUS_DB"])


def _edit(at: AppTest, edits: dict[int, dict[str, float | None]]) -> AppTest:
    return edit_cells(at, at.data_editor[0].key, edits)


def test_table_lists_customers_largest_first_unassessed(app):
    assert not app.exception
    assert app.title[0].value == SV["team.title"]
    editor = app.data_editor[0]
    table = editor.value
    assert table["customer_id"].tolist() == ["K1", "K2", "K3"]
    assert table["revenue"].tolist() == ["5\u00a0000", "2\u00a0500", "500"]
    assert list(table.columns[3:]) == [
        "strategic_fit",
        "potential",
        "dependency",
        "relationship",
        "satisfaction",
    ]
    assert table[list(table.columns[3:])].isna().all().all()
    assert SV["team.never"] in [c.value for c in app.caption]
    assert app.button(key="team_save").disabled


def test_customers_outside_the_last_twelve_months_can_be_assessed(tmp_path, monkeypatch):
    # K9 bought only two years before the data's last date: the focus list shows it for
    # "all", so the team must be able to score it.
    export = SALES_CSV + "K9;Gamla Kunden AB;9;2022-01-10;Verktyg;100;60\n"
    at = open_page(store_with(tmp_path, export), monkeypatch, "pages/team_assessment.py")
    assert at.data_editor[0].value["customer_id"].tolist() == ["K1", "K2", "K3", "K9"]


def test_edit_and_save_writes_only_the_changed_cells(app):
    app.text_input(key="team_by").input("Ledningsgruppen").run()
    _edit(app, {0: {"potential": 4}, 1: {"dependency": 5, "relationship": 2}})
    save = app.button(key="team_save")
    assert not save.disabled
    assert save.label == SV["team.save"].format(count="3")
    save.click().run()
    assert not app.exception
    assert [s.value for s in app.success] == [SV["team.saved"].format(count="3")]
    stored = _stored(app)
    got = {(r["customer_id"], r["criterion"]): r["value"] for r in stored.to_dicts()}
    assert got == {("K1", "potential"): 4.0, ("K2", "dependency"): 5.0, ("K2", "relationship"): 2.0}
    assert set(stored["assessed_by"]) == {"Ledningsgruppen"}
    # The table now shows the saved scores and the editor starts afresh.
    table = app.data_editor[0].value
    assert table["potential"].tolist()[0] == 4.0
    assert app.button(key="team_save").disabled
    last = next(c.value for c in app.caption if c.value.startswith("Senast sparat"))
    assert "Ledningsgruppen" in last
    assert "bedömda kunder: 2, bedömningar: 3" in last


def test_clearing_a_score_removes_it(app):
    _edit(app, {2: {"strategic_fit": 3}})
    app.button(key="team_save").click().run()
    assert [s.value for s in app.success] == [SV["team.saved_one"]]
    assert len(_stored(app)) == 1
    _edit(app, {2: {"strategic_fit": None}})
    app.button(key="team_save").click().run()
    assert not app.exception
    assert _stored(app).is_empty()


def test_search_filters_by_name_or_number(app):
    app.text_input(key="team_search").input("beta").run()
    assert app.data_editor[0].value["customer_id"].tolist() == ["K2"]
    app.text_input(key="team_search").input("k3").run()
    assert app.data_editor[0].value["customer_id"].tolist() == ["K3"]
    app.text_input(key="team_search").input("").run()
    assert len(app.data_editor[0].value) == 3


def test_edits_of_another_view_are_not_applied(app):
    # Edits made while searching belong to that view's rows, not to the full list.
    app.text_input(key="team_search").input("gamma").run()
    _edit(app, {0: {"potential": 2}})
    app.button(key="team_save").click().run()
    assert _stored(app)["customer_id"].to_list() == ["K3"]


def test_score_file_reports_rejected_rows_and_saves(app):
    # K2's 7 is outside 1–5 and K9 is no customer: both rows rejected; K3's blank is skipped.
    data = b"Kundnr;Strategisk passform;Beroende\nK1;5;4\nK2;7;3\nK9;3;3\nK3;;2\n"
    app.file_uploader[0].set_value(("poang.csv", data, "text/csv")).run()
    assert not app.exception
    metrics = {m.label: m.value for m in app.metric}
    assert metrics[SV["team.file.rows_read"]] == "4"
    assert metrics[SV["team.file.rows_used"]] == "2"
    assert metrics[SV["team.file.rows_rejected"]] == "2"
    assert metrics[SV["team.file.scores"]] == "3"
    rejected = app.dataframe[-1].value
    assert rejected["line_no"].tolist() == [3, 4]
    assert rejected["reason"].tolist() == [
        SV["team.reason.out_of_range"],
        SV["team.reason.unknown_customer"],
    ]
    app.button(key="team_upload_save").click().run()
    assert not app.exception
    got = {(r["customer_id"], r["criterion"]): r["value"] for r in _stored(app).to_dicts()}
    assert got == {
        ("K1", "strategic_fit"): 5.0,
        ("K1", "dependency"): 4.0,
        ("K3", "dependency"): 2.0,
    }


def test_score_file_without_criteria_is_explained(app):
    app.file_uploader[0].set_value(("x.csv", b"Kundnr;Belopp\nK1;100\n", "text/csv")).run()
    assert [e.value for e in app.error] == [
        SV["team.error.no_criteria_columns"].format(columns="Kundnr, Belopp")
    ]


def test_empty_state_without_data(tmp_path, monkeypatch):
    at = _app(store_with(tmp_path, None), monkeypatch)
    assert not at.exception
    assert at.info[0].value == SV["team.empty"]
    assert not at.data_editor


@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_reason_and_file_error_has_a_text(language):
    keys = {f"team.reason.{r}" for r in TEAM_REJECT_REASONS}
    keys |= {f"team.error.{c}" for c in TEAM_FILE_ERRORS}
    assert keys - set(catalog(language)) == set()


# --- the real browser ----------------------------------------------------------------


@pytest.mark.browser
def test_browser_edit_a_cell_and_save(browser, tmp_path):
    from tests.browser import page_at, wait_idle

    db = store_with(tmp_path, SALES_CSV, dataset="Testbolaget")
    with page_at(browser, db, SV["team.nav"], SV["team.title"], exact=True) as (page, errors):
        page.get_by_label(SV["team.by"]).fill("Anna")
        page.keyboard.press("Enter")
        wait_idle(page)
        # The grid is a canvas: select K1's number cell, walk right to Potential (number,
        # name, revenue, strategic fit, potential), open the editor, type, commit. The
        # short pauses let the grid take each key.
        grid = page.get_by_test_id("stDataFrame").first
        box = grid.bounding_box()
        page.mouse.click(box["x"] + 40, box["y"] + 60)
        for key in ["ArrowRight"] * 4 + ["Enter"]:
            page.wait_for_timeout(80)
            page.keyboard.press(key)
        page.wait_for_timeout(300)
        page.keyboard.type("4")
        page.wait_for_timeout(100)
        page.keyboard.press("Enter")
        save = page.get_by_role("button", name=SV["team.save"].format(count="1"))
        save.wait_for(timeout=30_000)
        wait_idle(page)
        save.click()
        page.get_by_text(SV["team.saved_one"]).wait_for(timeout=30_000)
    assert errors == []
    stored = _stored_at(db)  # the app's process owned the file until here
    assert stored.select("customer_id", "criterion", "value", "assessed_by").to_dicts() == [
        {"customer_id": "K1", "criterion": "potential", "value": 4.0, "assessed_by": "Anna"}
    ]


def test_revenue_column_is_the_last_12_months_and_the_caption_counts_right(tmp_path, monkeypatch):
    # K4 bought only long before the last 12 months (2024-03-01 – 2025-02-28): listed with
    # 0 kr, last; K1's old invoice of 9 000 does not count.
    export = (
        SALES_CSV
        + "K4;Delta AB;5;2022-05-01;Verktyg;100000;50000\n"
        + "K1;Alfa AB;6;2022-06-01;Verktyg;9000;5000\n"
        + "K3;Gamma Bygg;7;2025-02-28;Verktyg;300;100\n"
    )
    at = _app(store_with(tmp_path, export, dataset="Testbolaget"), monkeypatch)
    table = at.data_editor[0].value
    assert table["customer_id"].tolist() == ["K3", "K1", "K2", "K4"]
    assert table["revenue"].tolist() == ["300", "0", "0", "0"]
    caption = SV["team.showing"].format(shown="4", total="4", recent="1")
    assert caption in [c.value for c in at.caption]
