"""Money is exact: amounts are stored and summed as decimals, so cancelling lines sum to
exactly zero, equal revenues tie (and go by customer number), and nothing written out
carries binary float noise. Every expected value here is worked out by hand.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from decimal import Decimal

import duckdb
import openpyxl
import polars as pl
import pytest

from analytics.cli import main
from analytics.concentration import concentration_summary, pareto_curve, with_margin
from analytics.export import to_csv_bytes, to_excel_bytes
from analytics.ingest.pipeline import import_sales
from analytics.metrics import Period, customer_metrics
from analytics.migrations import MIGRATIONS
from analytics.retention import customer_activity, retention_rates
from analytics.scoring import normalise_criteria, score_customers
from analytics.store import Store


def load(store: Store, tmp_path, text: str, *, name: str = "export.csv", **options):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return import_sales(store, path, **options)


# Customer 1 buys 100,10 and 200,20 and gets a credit note of 300,30: net exactly 0 (as
# binary floats the three sum to 5.7e-14). Customer 2 buys once.
CANCELLING = (
    "Kundnr;Fakturadatum;Belopp;Kostnad\n"
    "1;2024-03-01;100,10;60,05\n"
    "1;2024-03-02;200,20;120,15\n"
    "1;2024-03-03;-300,30;-180,20\n"
    "2;2024-03-04;50,00;20,00\n"
)


def test_amounts_are_stored_as_decimals(store, tmp_path):
    load(store, tmp_path, CANCELLING)
    types = dict(
        store.query(
            "select column_name, data_type from information_schema.columns "
            "where table_name = 'sales_lines' and column_name in ('revenue', 'cost', 'unit_price')"
        ).iter_rows()
    )
    assert types == {
        "revenue": "DECIMAL(18,4)",
        "cost": "DECIMAL(18,4)",
        "unit_price": "DECIMAL(18,4)",
    }


def test_cancelling_lines_sum_to_exactly_zero(store, tmp_path):
    load(store, tmp_path, CANCELLING)
    row = store.customer_summary(1).row(0, named=True)
    assert row["customer_id"] == "2"  # largest revenue first
    one = store.customer_summary(1).filter(pl.col("customer_id") == "1").row(0, named=True)
    assert one["revenue"] == Decimal("0")
    assert one["gross_margin"] == Decimal("0")  # 300,30 − 300,30 − (60,05 + 120,15 − 180,20)


def test_import_totals_are_exact(store, tmp_path):
    report = load(store, tmp_path, CANCELLING)
    assert report.revenue_loaded == Decimal("50.00")  # 100,10 + 200,20 − 300,30 + 50
    assert store.imports(1)["revenue_loaded"].to_list() == [Decimal("50")]


def test_four_decimal_amounts_sum_exactly(store, tmp_path):
    # Superstore-like: profit with four decimals. 0,1000 + 0,2000 = 0,3000 exactly, and
    # 2,5164 + 7,4837 − 9,9999 = 0,0002.
    text = (
        "Customer ID,Order Date,Sales,Profit\n"
        "A,2024-01-01,10.0000,0.1000\n"
        "A,2024-01-02,20.0000,0.2000\n"
        "B,2024-01-03,22.3680,2.5164\n"
        "B,2024-01-04,33.1110,7.4837\n"
        "B,2024-01-05,1.0000,-9.9999\n"
    )
    load(store, tmp_path, text)
    margins = dict(store.query("select customer_id, gross_margin from (" + _SUMMARY + ")").rows())
    assert margins == {"A": Decimal("0.3000"), "B": Decimal("0.0002")}


_SUMMARY = "select customer_id, sum(revenue - cost) as gross_margin from sales_lines group by all"


def test_quantity_times_unit_price_is_exact(store, tmp_path):
    # 3 × 0,10 = 0,30 and 7 × 0,70 = 4,90; as floats 3 × 0.1 = 0.30000000000000004.
    text = "Kundnr;Fakturadatum;Antal;À-pris\n1;2024-01-05;3;0,10\n1;2024-01-06;7;0,70\n"
    report = load(store, tmp_path, text)
    assert report.revenue_loaded == Decimal("5.20")
    assert store.scalar("select sum(revenue) from sales_lines") == Decimal("5.2")


def test_an_amount_too_large_for_the_store_is_rejected(store, tmp_path):
    text = "Kundnr;Fakturadatum;Belopp\n1;2024-01-05;10\n2;2024-01-06;123456789012345678\n"
    report = load(store, tmp_path, text)
    assert (report.rows_loaded, report.rejected_reasons) == (1, {"amount_too_large": 1})


# --- what the exact sums decide --------------------------------------------------------


def test_cancelling_customer_is_not_kept_in_retention(store, tmp_path):
    # 2023: customers 1 and 2 buy. 2024: customer 2 buys again; customer 1's lines cancel
    # to exactly 0, so it did not buy: 1 of 2 kept.
    text = (
        "Kundnr;Fakturadatum;Belopp\n"
        "1;2023-01-02;100\n"
        "2;2023-01-03;100\n"
        "1;2024-03-01;100,10\n"
        "1;2024-03-02;200,20\n"
        "1;2024-03-03;-300,30\n"
        "2;2024-12-30;40\n"
    )
    load(store, tmp_path, text)
    rates = retention_rates(customer_activity(store, dataset_id=1, basis="year"))
    row = rates.filter(pl.col("group") == "all").row(0, named=True)
    assert (row["base"], row["kept"], row["rate"]) == (2, 1, 0.5)
    assert row["kept_revenue"] == Decimal("40")  # 0 from customer 1 + 40


def test_cancelling_margin_is_neither_profitable_nor_unprofitable(store, tmp_path):
    load(store, tmp_path, CANCELLING)
    table = customer_metrics(
        store, dataset_id=1, period=Period(date(2024, 1, 1), date(2024, 12, 31))
    )
    summary = concentration_summary(with_margin(table))
    assert summary["unprofitable_customers"] == 0
    assert summary["gross_margin"] == 30.0  # 50 − 20, and customer 1 exactly 0


# Customers A, B and C have equal revenue 0,30 made of different lines (0,10 + 0,20 is
# 0.30000000000000004 as floats); D has more.
TIES = (
    "Kundnr;Fakturadatum;Belopp\n"
    "C;2024-01-01;0,10\n"
    "C;2024-01-02;0,20\n"
    "B;2024-01-03;0,30\n"
    "A;2024-01-04;0,05\n"
    "A;2024-01-05;0,25\n"
    "D;2024-01-06;9,00\n"
)


def _tie_table(store, tmp_path):
    load(store, tmp_path, TIES)
    period = Period(date(2024, 1, 1), date(2024, 1, 31))
    return customer_metrics(store, dataset_id=1, period=period)


def test_equal_revenue_gets_equal_normalised_values(store, tmp_path):
    table = normalise_criteria(_tie_table(store, tmp_path))
    norm = dict(table.select("customer_id", "norm_revenue").iter_rows())
    # Ranks: A, B, C tie for 1–3 (average 2), D is 4: (2 − 1) / 3 and 1.
    assert norm == {
        "A": pytest.approx(1 / 3),
        "B": pytest.approx(1 / 3),
        "C": pytest.approx(1 / 3),
        "D": 1.0,
    }
    assert norm["A"] == norm["B"] == norm["C"]


def test_equal_scores_rank_by_customer_number(store, tmp_path):
    scored = score_customers(_tie_table(store, tmp_path), weights={"revenue": 1})
    assert scored["customer_id"].to_list() == ["D", "A", "B", "C"]
    assert scored["score"][1] == scored["score"][2] == scored["score"][3]


def test_equal_revenue_orders_the_pareto_curve_by_customer_number(store, tmp_path):
    curve = pareto_curve(_tie_table(store, tmp_path))
    assert curve["customer_id"].to_list() == ["D", "A", "B", "C"]
    assert curve["cumulative"].to_list() == [9.0, 9.3, 9.6, 9.9]


# --- nothing written out carries float noise ---------------------------------------------


def test_csv_export_writes_amounts_as_stored():
    frame = pl.DataFrame(
        {
            "revenue": pl.Series([Decimal("430419.39")], dtype=pl.Decimal(38, 4)),
            "share": [0.1 + 0.2],
        }
    )
    text = to_csv_bytes(frame).decode("utf-8-sig")
    assert text.splitlines()[1] == "430419,3900;0,3"


def test_excel_export_writes_decimals_as_numbers():
    frame = pl.DataFrame({"revenue": pl.Series([Decimal("430419.39")], dtype=pl.Decimal(38, 4))})
    sheet = openpyxl.load_workbook(io.BytesIO(to_excel_bytes({"S": frame})))["S"]
    assert sheet.cell(row=2, column=1).value == 430419.39


@pytest.fixture
def cli_db(tmp_path, capsys):
    export = tmp_path / "e.csv"
    export.write_text(CANCELLING + "3;2024-03-05;430419,39;0,01\n", encoding="utf-8")
    db = tmp_path / "c.duckdb"
    assert main(["import", str(export), "--db", str(db)]) == 0
    capsys.readouterr()
    return db


def test_customers_json_has_exact_amounts_and_the_currency(cli_db, capsys):
    assert main(["customers", "--db", str(cli_db), "--json"]) == 0
    text = capsys.readouterr().out
    assert '"revenue": 430419.39,' in text
    rows = {r["customer_id"]: r for r in json.loads(text)}
    assert rows["1"]["revenue"] == 0.0
    assert {r["currency"] for r in rows.values()} == {"SEK"}


def test_customers_csv_has_no_float_noise(cli_db, capsys):
    assert main(["customers", "--db", str(cli_db), "--csv"]) == 0
    rows = {r["customer_id"]: r for r in csv.DictReader(io.StringIO(capsys.readouterr().out))}
    assert rows["3"]["revenue"] == "430419.3900"
    assert rows["3"]["currency"] == "SEK"


def test_concentration_json_names_the_currency(cli_db, capsys):
    assert main(["concentration", "--db", str(cli_db), "--period", "all", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["currency"] == "SEK"
    assert result["revenue"] == 430469.39  # 0 + 50 + 430 419,39


# --- existing databases migrate ----------------------------------------------------------


def test_an_existing_database_migrates_to_decimals(tmp_path):
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("create table schema_version (version integer not null)")
    for version, migration in enumerate(MIGRATIONS[:2], start=1):
        con.execute(migration)
        con.execute("insert into schema_version values (?)", [version])
    con.execute("insert into datasets (name) values ('Gammal')")
    # Doubles as the old schema stored them: 0.1 + 0.2 and a float-noisy sum.
    con.execute(
        "insert into sales_lines (dataset_id, import_id, line_no, customer_id, invoice_date, "
        "revenue, cost) values (1, 1, 2, 'K', '2024-01-05', 0.1 + 0.2, 0.1), "
        "(1, 1, 3, 'K', '2024-01-06', 430419.38999999996, null)"
    )
    con.close()
    store = Store(path)
    try:
        assert store.schema_version >= 3
        assert store.query("select revenue from sales_lines order by line_no")[
            "revenue"
        ].to_list() == [
            Decimal("0.3000"),
            Decimal("430419.3900"),
        ]
        assert store.currency(1) == "SEK"
    finally:
        store.close()
