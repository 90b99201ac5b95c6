"""The command line: `python -m analytics import|customers`, its JSON/CSV output and exit
codes. Expected values are worked out by hand from the literal file below.
"""

from __future__ import annotations

import csv
import io
import json

import pytest

from analytics.cli import main
from analytics.store import Store
from tests.processes import python
from tests.samples import write

EXPORT = (
    "Kundnr;Kundnamn;Fakturadatum;Fakturanr;Belopp;Kostnad\n"
    "1;Alfa AB;2024-01-05;F1;1 000,00;600\n"
    "1;Alfa AB;2024-01-05;F1;500,00;200\n"
    "1;Alfa AB;2024-02-10;F2;-200,00;-100\n"
    "2;Beta;2024-01-20;F3;300,50;\n"
    "3;Gamma;2024-03-01;F4;50;20\n"
    "4;Delta;;F5;70;10\n"
    "5;Epsilon;2024-03-02;F6;abc;1\n"
)

REPORT_KEYS = {
    "import_id",
    "rows_read",
    "rows_loaded",
    "rows_rejected",
    "revenue_loaded",
    "revenue_rejected",
    "customers",
    "first_date",
    "last_date",
    "mapping",
    "warnings",
    "rejected_reasons",
}


@pytest.fixture
def export(tmp_path):
    return write(tmp_path, "export.csv", EXPORT)


@pytest.fixture
def db(tmp_path):
    return tmp_path / "cli.duckdb"


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def import_json(capsys, export, db) -> dict:
    code, out, err = run(capsys, "import", export, "--db", db, "--json")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert len(lines) == 1
    return json.loads(lines[0])


# --- import --------------------------------------------------------------------------


def test_import_json_has_the_report_keys(capsys, export, db):
    assert import_json(capsys, export, db).keys() >= REPORT_KEYS


def test_import_json_counts(capsys, export, db):
    report = import_json(capsys, export, db)
    assert (report["rows_read"], report["rows_loaded"], report["rows_rejected"]) == (7, 5, 2)
    assert report["customers"] == 3
    assert report["import_id"] == 1


def test_import_json_amounts(capsys, export, db):
    report = import_json(capsys, export, db)
    assert report["revenue_loaded"] == pytest.approx(1000 + 500 - 200 + 300.50 + 50)
    # Delta's 70 has no date; Epsilon's amount cannot be read and counts nowhere.
    assert report["revenue_rejected"] == pytest.approx(70)


def test_import_json_period_mapping_warnings_reasons(capsys, export, db):
    report = import_json(capsys, export, db)
    assert (report["first_date"], report["last_date"]) == ("2024-01-05", "2024-03-01")
    assert report["mapping"] == {
        "customer_id": "Kundnr",
        "customer_name": "Kundnamn",
        "invoice_date": "Fakturadatum",
        "invoice_number": "Fakturanr",
        "revenue": "Belopp",
        "cost": "Kostnad",
    }
    assert [w["code"] for w in report["warnings"]] == ["cost_missing"]
    assert report["warnings"][0]["lines"] == 1
    assert report["rejected_reasons"] == {"missing_date": 1, "bad_amount": 1}


def test_import_text_output(capsys, export, db):
    code, out, _ = run(capsys, "import", export, "--db", db)
    assert code == 0
    assert out.splitlines()[0] == (
        "export.csv: 5 of 7 rows loaded, 2 rejected; revenue loaded 1650.50 SEK, rejected 70.00 SEK"
    )
    assert out.splitlines()[1].startswith("  warning: ")


def test_import_one_json_object_per_file(capsys, export, db, tmp_path):
    second = tmp_path / "second.csv"
    second.write_text("Kundnr;Fakturadatum;Belopp\n9;2024-04-01;5\n", encoding="utf-8")
    code, out, _ = run(capsys, "import", export, second, "--db", db, "--json")
    assert code == 0
    assert [json.loads(line)["import_id"] for line in out.splitlines()] == [1, 2]


def test_import_missing_file_exits_2(capsys, db, tmp_path):
    code, out, err = run(capsys, "import", tmp_path / "nope.csv", "--db", db)
    assert code == 2
    assert out == ""
    assert err.splitlines() == [f"error: {tmp_path / 'nope.csv'}: no such file"]


def test_import_with_one_bad_file_exits_2_but_loads_the_good_one(capsys, export, db, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"")
    code, out, err = run(capsys, "import", export, bad, "--db", db, "--json")
    assert code == 2
    assert len(out.splitlines()) == 1
    assert err.splitlines() == ["error: bad.csv: The file is empty."]
    store = Store(db)
    try:
        assert store.scalar("select count(*) from sales_lines") == 5
    finally:
        store.close()


def test_import_same_file_twice_exits_2(capsys, export, db):
    assert run(capsys, "import", export, "--db", db)[0] == 0
    code, _, err = run(capsys, "import", export, "--db", db)
    assert code == 2
    assert "already imported" in err


def test_import_unknown_profile_exits_2(capsys, export, db):
    code, _, err = run(capsys, "import", export, "--db", db, "--profile", "Nope")
    assert code == 2
    assert err.splitlines() == ["error: export.csv: There is no profile called 'Nope'."]


def test_import_replace_overlap(capsys, export, db, tmp_path):
    assert run(capsys, "import", export, "--db", db)[0] == 0
    fix = tmp_path / "fix.csv"
    fix.write_text("Kundnr;Fakturadatum;Belopp\n1;2024-01-05;10\n1;2024-01-20;20\n", "utf-8")
    code, out, _ = run(capsys, "import", fix, "--db", db, "--json", "--replace-overlap")
    assert code == 0
    # Lines dated 2024-01-05..2024-01-20: F1 twice and F3 are replaced.
    assert json.loads(out)["replaced_lines"] == 3
    store = Store(db)
    try:
        assert store.scalar("select sum(revenue) from sales_lines") == pytest.approx(-200 + 50 + 30)
    finally:
        store.close()


def test_import_into_a_named_dataset(capsys, export, db):
    assert run(capsys, "import", export, "--db", db, "--dataset", "Kalle AB")[0] == 0
    store = Store(db)
    try:
        assert store.datasets()["name"].to_list() == ["Kalle AB"]
    finally:
        store.close()


def test_import_customer_master(capsys, db, tmp_path):
    path = tmp_path / "kunder.csv"
    path.write_text("Kundnr;Segment;NPS\n1;Stor;40\n2;Liten;-10\n", encoding="utf-8")
    code, out, _ = run(capsys, "import", path, "--db", db, "--customers", "--json")
    assert code == 0
    assert json.loads(out)["kind"] == "customers"
    store = Store(db)
    try:
        rows = store.query("select customer_id, segment, nps from customers order by 1").rows()
    finally:
        store.close()
    assert rows == [("1", "Stor", 40.0), ("2", "Liten", -10.0)]


def test_no_command_exits_2(capsys):
    with pytest.raises(SystemExit) as caught:
        main([])
    assert caught.value.code == 2


# --- customers -----------------------------------------------------------------------

# By hand from EXPORT: customer 1 has F1 (1000 + 500, cost 600 + 200) and F2 (-200, cost
# -100); customer 2 has no cost; customer 3 one line.
EXPECTED_CUSTOMERS = [
    {
        "customer_id": "1",
        "customer_name": "Alfa AB",
        "revenue": 1300.0,
        "gross_margin": 600.0,
        "invoices": 2,
        "first_purchase": "2024-01-05",
        "last_purchase": "2024-02-10",
    },
    {
        "customer_id": "2",
        "customer_name": "Beta",
        "revenue": 300.5,
        "gross_margin": None,
        "invoices": 1,
        "first_purchase": "2024-01-20",
        "last_purchase": "2024-01-20",
    },
    {
        "customer_id": "3",
        "customer_name": "Gamma",
        "revenue": 50.0,
        "gross_margin": 30.0,
        "invoices": 1,
        "first_purchase": "2024-03-01",
        "last_purchase": "2024-03-01",
    },
]


def test_customers_json(capsys, export, db):
    run(capsys, "import", export, "--db", db)
    code, out, _ = run(capsys, "customers", "--db", db, "--json")
    assert code == 0
    rows = json.loads(out)
    assert [r["customer_id"] for r in rows] == ["1", "2", "3"]
    for row, expected in zip(rows, EXPECTED_CUSTOMERS, strict=True):
        assert {k: row[k] for k in expected} == expected
        assert row["currency"] == "SEK"


def test_customers_csv(capsys, export, db):
    run(capsys, "import", export, "--db", db)
    code, out, _ = run(capsys, "customers", "--db", db, "--csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["customer_id"] for r in rows] == ["1", "2", "3"]
    # Exact decimals as stored (four decimals), no float noise; the currency beside them.
    assert [r["revenue"] for r in rows] == ["1300.0000", "300.5000", "50.0000"]
    assert [r["gross_margin"] for r in rows][1] == ""
    assert rows[0]["gross_margin"] == "600.0000"
    assert {r["currency"] for r in rows} == {"SEK"}
    assert [int(r["invoices"]) for r in rows] == [2, 1, 1]
    assert rows[0]["first_purchase"] == "2024-01-05"
    assert rows[0]["last_purchase"] == "2024-02-10"


def test_customers_of_a_named_dataset(capsys, export, db, tmp_path):
    other = tmp_path / "other.csv"
    other.write_text("Kundnr;Fakturadatum;Belopp\n77;2024-05-01;9\n", encoding="utf-8")
    run(capsys, "import", export, "--db", db, "--dataset", "A")
    run(capsys, "import", other, "--db", db, "--dataset", "B")
    _, out_a, _ = run(capsys, "customers", "--db", db, "--dataset", "A", "--json")
    _, out_newest, _ = run(capsys, "customers", "--db", db, "--json")
    assert [r["customer_id"] for r in json.loads(out_a)] == ["1", "2", "3"]
    assert [r["customer_id"] for r in json.loads(out_newest)] == ["77"]


def test_customers_without_database_exits_2(capsys, tmp_path):
    code, _, err = run(capsys, "customers", "--db", tmp_path / "none.duckdb")
    assert code == 2
    assert len(err.splitlines()) == 1


def test_customers_unknown_dataset_exits_2(capsys, export, db):
    run(capsys, "import", export, "--db", db)
    code, _, err = run(capsys, "customers", "--db", db, "--dataset", "Nope")
    assert code == 2
    assert err.splitlines() == ["error: no such data set"]


def test_database_held_by_another_process_gives_one_line(export, db):
    store = Store(db)  # this process holds the file; the child cannot open it
    try:
        result = python("-m", "analytics", "import", export, "--db", db)
    finally:
        store.close()
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert "database cannot be opened" in result.stderr
