"""The workshop pack: the whole scored list, the weights and the health check in one
Excel file, numbers with number formats, names maskable."""

from __future__ import annotations

import io
from datetime import date

import openpyxl
import polars as pl
import pytest

from analytics.cli import main
from analytics.export import workshop_pack
from analytics.healthcheck import health_check, save_team_answer
from analytics.masking import pseudonyms
from analytics.metrics import Period, customer_metrics
from analytics.scoring import score_customers
from tests.samples import store_with_export

# Five customers in 2024 (revenue/cost): Vega 900/600, Alfa 800/600, Bryggan 500/300,
# =Cirkeln 400/350 (a name that looks like a formula), Delta 100/160.
EXPORT = (
    "Kundnr;Kundnamn;Fakturadatum;Belopp;Kostnad\n"
    "K1;Vega Konsult;2024-08-01;900;600\n"
    "K2;Alfa AB;2024-03-01;800;600\n"
    "K3;Bryggan Ltd;2024-04-01;500;300\n"
    "K4;=Cirkeln HB;2024-05-01;400;350\n"
    "K5;Delta Ek;2024-06-01;100;160\n"
)
YEAR = Period(date(2024, 1, 1), date(2024, 12, 31))
WEIGHTS = {"revenue": 3, "gross_margin": 1}


@pytest.fixture
def company(tmp_path):
    store = store_with_export(tmp_path, EXPORT, dataset="Test", name="s")
    dataset_id = store.dataset_id("Test")
    save_team_answer(store, dataset_id=dataset_id, number=8, answer="partly", note="Fråga A")
    yield store, dataset_id
    store.close()


def _pack(company, *, language="sv", masked=False, currency=None) -> openpyxl.Workbook:
    store, dataset_id = company
    scored = score_customers(
        customer_metrics(store, dataset_id=dataset_id, period=YEAR), weights=WEIGHTS
    )
    questions = health_check(store, dataset_id=dataset_id, period=YEAR)
    codes = pseudonyms(store, dataset_id=dataset_id) if masked else None
    data = workshop_pack(
        scored,
        weights=WEIGHTS,
        questions=questions,
        currency=currency or store.currency(dataset_id),
        language=language,
        codes=codes,
    )
    return openpyxl.load_workbook(io.BytesIO(data))


def _rows(sheet) -> list[tuple]:
    return list(sheet.iter_rows(values_only=True))


def test_sheets_by_language(company):
    assert _pack(company).sheetnames == ["Fokuslista", "Vikter", "Kundkoll"]
    assert _pack(company, language="en").sheetnames == ["Focus list", "Weights", "Customer check"]


def test_the_whole_scored_list_with_tiers(company):
    rows = _rows(_pack(company)["Fokuslista"])
    header, body = rows[0], rows[1:]
    assert header[:8] == (
        "Rang",
        "Nivå",
        "Kundnr",
        "Kund",
        "Poäng",
        "Omsättning (kr)",
        "Täckningsbidrag (kr)",
        "Täckningsgrad (%)",
    )
    assert len(body) == 5  # every customer, not only a top N
    assert [r[2] for r in body] == ["K1", "K2", "K3", "K4", "K5"]
    assert [r[1] for r in body] == ["A", "B", "B", "C", "C"]
    assert body[0][5:7] == (900, 300)
    assert body[3][3] == "=Cirkeln HB"  # text, not a formula


@pytest.mark.parametrize(
    ("currency", "language", "headers"),
    [
        ("EUR", "sv", ("Omsättning (EUR)", "Täckningsbidrag (EUR)")),
        ("EUR", "en", ("Revenue (EUR)", "Gross margin (EUR)")),
        ("SEK", "en", ("Revenue (SEK)", "Gross margin (SEK)")),
    ],
)
def test_amount_columns_name_the_data_sets_currency(company, currency, language, headers):
    header = _rows(_pack(company, currency=currency, language=language).worksheets[0])[0]
    assert header[5:7] == headers


def test_numbers_have_number_formats(company):
    sheet = _pack(company)["Fokuslista"]
    assert sheet["F2"].number_format == "#,##0"  # revenue
    assert sheet["E2"].number_format == "0.0"  # score
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)


def test_no_number_shows_a_trailing_decimal_separator(company):
    # `#,##0.#` or `0.##` would show a whole number as `5,` in Excel: the health check's
    # figures and the weights show one decimal, always.
    book = _pack(company)
    figure = book["Kundkoll"]["E2"]
    assert figure.value == 5
    assert figure.number_format == "#,##0.0"
    assert book["Vikter"]["B2"].number_format == "0.0"
    formats = {c.number_format for sheet in book for row in sheet.iter_rows() for c in row}
    assert not any(f.endswith((".#", ".##")) for f in formats)


def test_weights_and_their_shares(company):
    rows = _rows(_pack(company)["Vikter"])
    assert rows == [
        ("Kriterium", "Vikt", "Andel (%)"),
        ("Omsättning", 3, 75),
        ("Täckningsbidrag", 1, 25),
    ]


def test_the_health_check_with_the_teams_answers(company):
    rows = _rows(_pack(company)["Kundkoll"])
    assert len(rows) == 15
    assert rows[1][:5] == (1, "Hur många kunder har du?", "Data", "Ja", 5)
    assert rows[8][2:4] == ("Teamet", "Delvis")
    assert rows[8][5] == "Fråga A"


def test_masked_pack_has_pseudonyms_and_no_names_or_numbers(company):
    workbook = _pack(company, masked=True, language="en")
    cells = [str(c) for s in workbook for row in s.iter_rows(values_only=True) for c in row]
    assert [r[2] for r in _rows(workbook["Focus list"])[1:]] == [
        "Customer A01",
        "Customer A02",
        "Customer A03",
        "Customer A04",
        "Customer A05",
    ]
    names = ["Vega", "Alfa", "Bryggan", "Cirkeln", "Delta", "K1", "K2", "K3", "K4", "K5"]
    assert [c for c in cells if any(n in c for n in names)] == []


def test_command_line_writes_the_pack(company, tmp_path, capsys):
    store, _ = company
    store.close()
    out = tmp_path / "pack.xlsx"
    db = str(tmp_path / "s.duckdb")
    code = main(
        ["pack", "--db", db, "--out", str(out), "--period", "all", "--weights", "revenue=1"]
    )
    assert code == 0
    assert openpyxl.load_workbook(out).sheetnames == ["Fokuslista", "Vikter", "Kundkoll"]
    assert "wrote" in capsys.readouterr().out


def test_frames_with_a_formula_name_stay_text():
    # The focus sheet goes through the same safe writer as every other export.
    frame = pl.DataFrame({"Kund": ["=1+2"]})
    from analytics.export import to_excel_bytes

    sheet = openpyxl.load_workbook(io.BytesIO(to_excel_bytes({"S": frame})))["S"]
    assert (sheet["A2"].value, sheet["A2"].data_type) == ("=1+2", "s")


def _decided(store, dataset_id) -> pl.DataFrame:
    """A decision over 2024: revenue only, the team excludes Delta (K5) with a reason."""
    from analytics.decision import (
        decision_customers,
        find_decision,
        save_decision,
        workshop_consensus,
        workshop_customers,
    )
    from analytics.workshop import create_workshop, save_participant_weights, set_override

    shop = create_workshop(store, name="LG", dataset_id=dataset_id, period="all", top=3)
    save_participant_weights(store, shop["workshop_id"], "Anna", {"revenue": 100})
    set_override(store, shop["workshop_id"], "K5", kind="exclude", reason="säljs av")
    period, table = workshop_customers(store, shop)
    save_decision(
        store,
        name="Beslut 2025",
        workshop=shop,
        period=period,
        agreed=workshop_consensus(store, shop, customers=table),
    )
    return decision_customers(store, find_decision(store, "Beslut 2025")["decision_id"])


@pytest.mark.parametrize("masked", [False, True])
def test_the_decision_sheet_lists_the_decided_order_and_the_teams_calls(company, masked):
    store, dataset_id = company
    decided = _decided(store, dataset_id)
    scored = score_customers(
        customer_metrics(store, dataset_id=dataset_id, period=YEAR), weights=WEIGHTS
    )
    codes = pseudonyms(store, dataset_id=dataset_id) if masked else None
    data = workshop_pack(
        scored, weights=WEIGHTS, questions=[], currency="SEK", codes=codes, decision=decided
    )
    rows = _rows(openpyxl.load_workbook(io.BytesIO(data))["Beslut"])
    # Revenue order Vega 900, Alfa 800, Bryggan 500, =Cirkeln 400; Delta excluded, last.
    who = [r[2] for r in rows[1:]]
    if masked:
        assert who == ["Kund A01", "Kund A02", "Kund A03", "Kund A04", "Kund A05"]
    else:
        assert who == ["K1", "K2", "K3", "K4", "K5"]
        assert rows[1][3] == "Vega Konsult"
    assert [r[0] for r in rows[1:]] == [1, 2, 3, 4, None]
    assert rows[-1][-2:] == ("Utesluten", "säljs av")


def test_command_line_writes_the_decision_into_the_pack(company, tmp_path, capsys):
    store, dataset_id = company
    _decided(store, dataset_id)
    store.close()
    out = tmp_path / "pack.xlsx"
    db = str(tmp_path / "s.duckdb")
    argv = ["pack", "--db", db, "--out", str(out), "--period", "all", "--lang", "en"]
    assert main([*argv, "--decision", "Beslut  2025", "--mask-names"]) == 0
    workbook = openpyxl.load_workbook(out)
    assert workbook.sheetnames == ["Focus list", "Weights", "Customer check", "Decision"]
    rows = _rows(workbook["Decision"])
    assert [r[2] for r in rows[1:]] == [f"Customer A0{n}" for n in range(1, 6)]
    assert rows[-1][-2:] == ("Excluded", "säljs av")
    capsys.readouterr()
    assert main([*argv, "--decision", "Beslut 2030"]) == 2
    assert "No saved decision called 'Beslut 2030'" in capsys.readouterr().err
