"""Importing files over time and of other kinds: the same file twice, overlaps, duplicates
and deleting an import; spreadsheets and Parquet; the customer master file; imports under
transactions and threads."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal

import polars as pl
import pytest

from analytics.ingest.errors import IngestError
from analytics.ingest.pipeline import (
    import_customers,
    import_sales,
)
from analytics.store import Store
from tests.samples import write
from tests.test_import import AMOUNTS_FILE, codes, sales

# --- the same file twice, overlaps, duplicates, deleting -----------------------------

JANUARY = "Kundnr;Fakturadatum;Belopp\n1;2024-01-05;100\n2;2024-01-20;200\n3;2024-01-31;300\n"
MID = "Kundnr;Fakturadatum;Belopp\n1;2024-01-20;1000\n4;2024-02-10;2000\n"


def test_same_file_twice_is_refused_and_changes_nothing(store, tmp_path):
    path = write(tmp_path, "jan.csv", JANUARY)
    import_sales(store, path)
    before = store.fingerprint()
    copy = write(tmp_path, "jan-copy.csv", JANUARY)
    with pytest.raises(IngestError) as caught:
        import_sales(store, copy)
    assert caught.value.code == "already_imported"
    assert store.fingerprint() == before


def test_same_file_into_another_dataset_is_allowed(store, tmp_path):
    path = write(tmp_path, "jan.csv", JANUARY)
    import_sales(store, path)
    report = import_sales(store, path, dataset="Other")
    assert report.rows_loaded == 3


def test_overlapping_period_warns_and_keeps_both(store, tmp_path):
    import_sales(store, write(tmp_path, "jan.csv", JANUARY))
    report = import_sales(store, write(tmp_path, "mid.csv", MID))
    overlap = next(w for w in report.warnings if w["code"] == "overlap")
    # The new file spans 2024-01-20..2024-02-10; January has two lines in that span.
    assert overlap["lines"] == 2
    assert store.scalar("select sum(revenue) from sales_lines") == 100 + 200 + 300 + 1000 + 2000


def test_replace_overlap_replaces_the_period(store, tmp_path):
    import_sales(store, write(tmp_path, "jan.csv", JANUARY))
    report = import_sales(store, write(tmp_path, "mid.csv", MID), replace_overlap=True)
    assert report.replaced_lines == 2
    assert "replaced_period" in codes(report)
    assert "overlap" not in codes(report)
    # 2024-01-05 (100) stays; 2024-01-20 (200) and 2024-01-31 (300) are replaced.
    assert store.scalar("select sum(revenue) from sales_lines") == 100 + 1000 + 2000
    assert sales(store, "customer_id, revenue") == [("1", 100.0), ("1", 1000.0), ("4", 2000.0)]


def test_replace_overlap_leaves_other_datasets_alone(store, tmp_path):
    import_sales(store, write(tmp_path, "jan.csv", JANUARY), dataset="A")
    import_sales(store, write(tmp_path, "mid.csv", MID), dataset="B", replace_overlap=True)
    assert store.dataset_summary(store.dataset_id("A"))["revenue"] == 600


def test_no_overlap_no_warning(store, tmp_path):
    import_sales(store, write(tmp_path, "jan.csv", JANUARY))
    feb = "Kundnr;Fakturadatum;Belopp\n1;2024-02-01;5\n"
    report = import_sales(store, write(tmp_path, "feb.csv", feb))
    assert "overlap" not in codes(report)


def test_exact_duplicate_lines_are_counted_and_loaded(store, tmp_path):
    text = (
        "Kundnr;Fakturadatum;Belopp\n"
        "1;2024-01-05;100\n1;2024-01-05;100\n1;2024-01-05;100\n"
        "1;2024-01-05;101\n2;2024-01-05;100\n"
    )
    report = import_sales(store, write(tmp_path, "d.csv", text))
    assert report.duplicate_lines == 2
    assert report.rows_loaded == 5
    assert "duplicate_lines" in codes(report)
    assert store.scalar("select sum(revenue) from sales_lines") == 501


def test_delete_import_removes_only_its_lines(store, tmp_path):
    first = import_sales(store, write(tmp_path, "t.csv", AMOUNTS_FILE))
    second = import_sales(
        store, write(tmp_path, "feb.csv", "Kundnr;Fakturadatum;Belopp\n9;2024-02-01;42\n")
    )
    store.delete_import(first.import_id)
    assert sales(store, "customer_id, revenue") == [("9", 42.0)]
    assert store.scalar("select count(*) from rejected_rows") == 0
    assert store.imports(1)["import_id"].to_list() == [second.import_id]


def test_deleted_file_can_be_imported_again(store, tmp_path):
    path = write(tmp_path, "jan.csv", JANUARY)
    first = import_sales(store, path)
    store.delete_import(first.import_id)
    assert import_sales(store, path).rows_loaded == 3


# --- spreadsheets and Parquet --------------------------------------------------------


def write_xlsx(path, sheets: dict[str, list[list]]):
    import xlsxwriter

    workbook = xlsxwriter.Workbook(path)
    date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
    for name, rows in sheets.items():
        sheet = workbook.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if isinstance(value, date):
                    moment = datetime(value.year, value.month, value.day)
                    sheet.write_datetime(r, c, moment, date_format)
                elif value is not None:
                    sheet.write(r, c, value)
    workbook.close()
    return path


HEADER = ["Kundnr", "Fakturadatum", "Belopp"]
WORKBOOK = {
    "Jan": [HEADER, ["00017", date(2024, 1, 5), 10.5], ["2", "2024-01-06", 20], ["3", None, 5]],
    "Notes": [["Exported by the ERP"], ["nothing to see"]],
    "Feb": [HEADER, ["1", date(2024, 2, 5), 1], [None, date(2024, 2, 6), 2]],
    "Other": [["Kundnr", "Datum", "Belopp", "Extra"], ["1", "2024-03-01", 1000, "x"]],
}


def test_xlsx_first_data_sheet_by_default(store, tmp_path):
    report = import_sales(store, write_xlsx(tmp_path / "b.xlsx", WORKBOOK))
    assert sales(store, "sheet, line_no, customer_id, invoice_date, revenue") == [
        ("Jan", 2, "00017", date(2024, 1, 5), 10.5),
        ("Jan", 3, "2", date(2024, 1, 6), 20.0),
    ]
    assert report.rejected_reasons == {"missing_date": 1}


def test_xlsx_chosen_sheet(store, tmp_path):
    import_sales(store, write_xlsx(tmp_path / "b.xlsx", WORKBOOK), sheet="Feb")
    assert sales(store, "sheet, customer_id, revenue") == [("Feb", "1", 1.0)]


def test_xlsx_unknown_sheet(store, tmp_path):
    with pytest.raises(IngestError) as caught:
        import_sales(store, write_xlsx(tmp_path / "b.xlsx", WORKBOOK), sheet="Mar")
    assert caught.value.code == "unknown_sheet"
    assert caught.value.params["sheets"] == "Jan, Notes, Feb, Other"


def test_xlsx_all_sheets_stacks_those_with_the_same_header(store, tmp_path):
    report = import_sales(store, write_xlsx(tmp_path / "b.xlsx", WORKBOOK), all_sheets=True)
    # Jan and Feb stack; Notes (no table) and Other (another header) are left out.
    assert store.scalar("select sheets from imports") == "Jan, Feb"
    assert report.revenue_loaded == Decimal("31.5")  # 10.5 + 20 + 1
    assert report.revenue_rejected == Decimal("7")  # 5 + 2
    rejected = store.rejected_rows(report.import_id).select("sheet", "line_no", "reason").rows()
    assert sorted(rejected) == [("Feb", 3, "missing_customer"), ("Jan", 4, "missing_date")]


def test_xlsx_title_rows_and_blank_rows(store, tmp_path):
    sheets = {
        "Report": [
            ["Sales 2024"],
            [None],
            HEADER,
            ["1", "2024-01-05", 5],
            [None, None, None],
            ["2", "2024-01-06", 6],
        ]
    }
    report = import_sales(store, write_xlsx(tmp_path / "t.xlsx", sheets))
    assert report.rows_read == 2
    # Row numbers are the spreadsheet's: data on rows 4 and 6.
    assert sales(store, "line_no, customer_id, revenue") == [(4, "1", 5.0), (6, "2", 6.0)]


def test_xls_file(store, tmp_path):
    import xlwt

    workbook = xlwt.Workbook()
    sheet = workbook.add_sheet("Sales")
    style = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    for c, name in enumerate(["Kundnr", "Kundnamn", "Fakturadatum", "Belopp"]):
        sheet.write(0, c, name)
    rows = [("00017", "Åkesson", date(2024, 1, 5), 10.5), ("18", "Berg", date(2024, 1, 6), -2)]
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            sheet.write(r, c, value, style if isinstance(value, date) else xlwt.Style.default_style)
    path = tmp_path / "old.xls"
    workbook.save(str(path))
    import_sales(store, path)
    assert sales(store, "customer_id, customer_name, invoice_date, revenue") == [
        ("00017", "Åkesson", date(2024, 1, 5), 10.5),
        ("18", "Berg", date(2024, 1, 6), -2.0),
    ]


def test_parquet_file_with_date_and_integer_columns(store, tmp_path):
    path = tmp_path / "s.parquet"
    pl.DataFrame(
        {
            "Kundnr": [17, 18, 19],
            "Fakturadatum": [date(2024, 1, 5), date(2024, 1, 6), None],
            "Belopp": [10.5, 20.25, 3.0],
            "Antal": [1, 2, 3],
        }
    ).write_parquet(path)
    report = import_sales(store, path)
    assert sales(store, "customer_id, invoice_date, revenue, quantity") == [
        ("17", date(2024, 1, 5), 10.5, 1.0),
        ("18", date(2024, 1, 6), 20.25, 2.0),
    ]
    assert report.rejected_reasons == {"missing_date": 1}


# --- customer master -----------------------------------------------------------------


def master(store) -> list[tuple]:
    return store.query(
        "select customer_id, customer_name, segment, region, satisfaction, nps "
        "from customers order by customer_id"
    ).rows()


def test_customer_master_import(store, tmp_path):
    text = (
        "Kundnr;Kundnamn;Segment;Region;NKI;NPS\n"
        "1;Alfa;Stor;Nord;4,5;-20\n"
        "2;Beta;Liten;Syd;3;50\n"
        ";;x;;;\n"
    )
    report = import_customers(store, write(tmp_path, "c.csv", text))
    assert master(store) == [
        ("1", "Alfa", "Stor", "Nord", 4.5, -20.0),
        ("2", "Beta", "Liten", "Syd", 3.0, 50.0),
    ]
    assert report.rejected_reasons == {"missing_customer": 1}


def test_customer_master_upsert(store, tmp_path):
    first = "Kundnr;Kundnamn;Segment;NPS\n1;Alfa;Stor;10\n2;Beta;Liten;20\n"
    second = "Kundnr;Kundnamn;Segment;NPS\n2;Beta AB;Mellan;30\n3;Gamma;Liten;-5\n"
    import_customers(store, write(tmp_path, "c1.csv", first))
    import_customers(store, write(tmp_path, "c2.csv", second))
    rows = store.query("select customer_id, customer_name, segment, nps from customers").rows()
    assert sorted(rows) == [
        ("1", "Alfa", "Stor", 10.0),
        ("2", "Beta AB", "Mellan", 30.0),
        ("3", "Gamma", "Liten", -5.0),
    ]


def test_customer_master_last_row_of_a_customer_counts(store, tmp_path):
    text = "Kundnr;Segment\n1;Stor\n1;Liten\n"
    import_customers(store, write(tmp_path, "c.csv", text))
    assert store.query("select segment from customers").rows() == [("Liten",)]


# --- transactions and threads --------------------------------------------------------


class _FailingCursor:
    """A cursor that fails when the import writes its rejected rows (after its lines)."""

    def __init__(self, cur):
        self._cur = cur

    def execute(self, sql, *args):
        if "insert into rejected_rows" in sql:
            assert self._cur.execute("select count(*) from sales_lines").fetchall()[0][0] > 0
            raise RuntimeError("disk full")
        return self._cur.execute(sql, *args)

    def __getattr__(self, name):
        return getattr(self._cur, name)


def _writes_fail(monkeypatch) -> None:
    """Every write transaction of a store hands out a `_FailingCursor` until
    `monkeypatch.undo()`."""
    original = Store.transaction

    @contextmanager
    def failing_transaction(self):
        with original(self) as cur:
            yield _FailingCursor(cur)

    monkeypatch.setattr(Store, "transaction", failing_transaction)


def test_failed_import_leaves_the_store_unchanged(store, tmp_path, monkeypatch):
    import_sales(store, write(tmp_path, "jan.csv", JANUARY))
    before = store.fingerprint()
    _writes_fail(monkeypatch)
    with pytest.raises(RuntimeError, match="disk full"):
        import_sales(store, write(tmp_path, "mid.csv", MID), dataset="New", replace_overlap=True)
    monkeypatch.undo()
    assert store.fingerprint() == before
    assert store.dataset_id("New") is None


def test_failed_import_can_be_retried(store, tmp_path, monkeypatch):
    path = write(tmp_path, "mid.csv", MID)
    _writes_fail(monkeypatch)
    with pytest.raises(RuntimeError):
        import_sales(store, path)
    monkeypatch.undo()
    assert import_sales(store, path).rows_loaded == 2


def test_concurrent_imports_and_reads(tmp_path):
    store = Store(tmp_path / "t.duckdb")
    files = []
    for i in range(8):
        rows = "".join(f"{i}-{j};2024-0{1 + i % 9}-{10 + j};{i * 100 + j}\n" for j in range(10))
        files.append(write(tmp_path, f"f{i}.csv", "Kundnr;Fakturadatum;Belopp\n" + rows))
    stop = threading.Event()
    read_errors: list[BaseException] = []
    reads = [0]

    def reader():
        while not stop.is_set():
            try:
                store.query("select count(*), sum(revenue) from sales_lines")
                store.customer_summary(1)
                reads[0] += 1
            except BaseException as exc:
                read_errors.append(exc)
                return

    readers = [threading.Thread(target=reader) for _ in range(3)]
    for thread in readers:
        thread.start()
    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            reports = list(pool.map(lambda p: import_sales(store, p), files))
    finally:
        stop.set()
        for thread in readers:
            thread.join()
    try:
        assert read_errors == []
        assert reads[0] > 0
        assert sorted(r.import_id for r in reports) == list(range(1, 9))
        assert store.scalar("select count(*) from sales_lines") == 80
        expected = sum(i * 100 + j for i in range(8) for j in range(10))
        assert store.scalar("select sum(revenue) from sales_lines") == expected
        assert store.scalar("select count(distinct import_id) from sales_lines") == 8
    finally:
        store.close()


def test_same_file_in_two_threads_is_loaded_once(tmp_path):
    store = Store(tmp_path / "t.duckdb")
    path = write(tmp_path, "jan.csv", JANUARY)
    outcomes: list[str] = []

    def load():
        try:
            import_sales(store, path)
            outcomes.append("loaded")
        except IngestError as exc:
            outcomes.append(exc.code)

    try:
        with ThreadPoolExecutor(max_workers=4) as pool:
            for _ in range(4):
                pool.submit(load)
        assert sorted(outcomes) == ["already_imported"] * 3 + ["loaded"]
        assert store.scalar("select count(*) from sales_lines") == 3
    finally:
        store.close()
