"""The Superstore sample (9,994 lines, Windows-1252, US dates, `Profit` as margin) against
an independent computation: DuckDB's own CSV reader over the raw file, plain SQL with the
amounts read as decimals. Sums must agree exactly, to the last of the four decimals.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from analytics.ingest.pipeline import import_sales
from tests.samples import utf8_copy

SUPERSTORE = (
    Path(__file__).resolve().parents[1].parent / "shared/datasets/superstore/Superstore.csv"
)


@pytest.fixture(scope="module")
def expected(tmp_path_factory):
    """Per customer: revenue (`Sales`) and margin (`Profit`), read by DuckDB directly.

    DuckDB's reader knows only UTF-8 and Latin-1 and the file is Windows-1252 (curly
    quotes), so the bytes are decoded by Python's own codec into a UTF-8 copy first.
    """
    copy = utf8_copy(SUPERSTORE, tmp_path_factory.mktemp("superstore"))
    con = duckdb.connect()
    try:
        rows = con.execute(
            """
            select "Customer ID", sum("Sales"), sum("Profit"), count(*)
            from read_csv(?, header = true,
                          types = {'Sales': 'DECIMAL(18,4)', 'Profit': 'DECIMAL(18,4)'})
            group by 1
            """,
            [str(copy)],
        ).fetchall()
    finally:
        con.close()
    return {cid: (revenue, margin, n) for cid, revenue, margin, n in rows}


@pytest.fixture(scope="module")
def imported(tmp_path_factory, expected):
    from analytics.store import Store

    store = Store(tmp_path_factory.mktemp("db") / "t.duckdb")
    report = import_sales(store, SUPERSTORE)
    table = store.customer_summary(store.dataset_id("Standard"))
    totals = store.query(
        "select count(*) as lines, sum(revenue) as revenue, sum(revenue - cost) as margin "
        "from sales_lines"
    ).row(0, named=True)
    store.close()
    return report, table, totals


def test_all_lines_loaded(expected, imported):
    report, _, totals = imported
    lines = sum(n for _, _, n in expected.values())
    assert lines == 9994
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (lines, lines, 0)
    assert totals["lines"] == lines


def test_customer_count(expected, imported):
    report, table, _ = imported
    assert report.customers == len(expected) == table.height


def test_total_revenue(expected, imported):
    report, _, totals = imported
    revenue = sum(r for r, _, _ in expected.values())
    assert totals["revenue"] == revenue
    assert report.revenue_loaded == revenue


def test_total_gross_margin(expected, imported):
    _, _, totals = imported
    assert totals["margin"] == sum(m for _, m, _ in expected.values())


def test_revenue_and_margin_per_customer(expected, imported):
    _, table, _ = imported
    got = {r["customer_id"]: r for r in table.iter_rows(named=True)}
    assert got.keys() == expected.keys()
    for cid, (revenue, margin, _) in expected.items():
        assert got[cid]["revenue"] == revenue, cid
        assert got[cid]["gross_margin"] == margin, cid
