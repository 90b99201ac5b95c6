"""The cost drivers and the whale curve with cost to serve, on the demo company's export
and on the Superstore sample, against DuckDB SQL over the raw files (read independently
of the importer: their own decoding, their own column names).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from analytics.costs import CostModel, count_drivers, driver_counts_known
from analytics.ingest.pipeline import import_sales
from analytics.metrics import Period, data_bounds
from analytics.profit import profit_summary, profit_table
from analytics.store import Store
from tests.paths import DEMO, ROOT
from tests.samples import utf8_copy

SUPERSTORE = ROOT.parent / "shared/datasets/superstore/Superstore.csv"
YEAR_2025 = Period(date(2025, 1, 1), date(2025, 12, 31))

# Per customer and invoice from the raw demo export, in SQL of its own: the customer's
# invoices, lines, credit notes (net below 0), small orders (0 ≤ net < limit) and the
# amount × days paid late of invoices with a positive net.
DEMO_SQL = """
with raw as (
    select * from read_csv($path, delim = ';', header = true, decimal_separator = ',',
        types = {'Kundnr': 'VARCHAR', 'Fakturanr': 'VARCHAR', 'Fakturadatum': 'DATE',
                 'Förfallodatum': 'DATE', 'Betaldatum': 'DATE',
                 'Belopp exkl. moms': 'DECIMAL(18,2)', 'Självkostnad': 'DECIMAL(18,2)'})
    where Fakturadatum between $start and $end
),
inv as (
    select Kundnr, Fakturanr, sum("Belopp exkl. moms") as net, count(*) as lines,
           sum("Belopp exkl. moms" - "Självkostnad") as margin,
           any_value("Förfallodatum") as due, any_value(Betaldatum) as paid
    from raw group by Kundnr, Fakturanr
)
select Kundnr, count(*) as orders, sum(lines) as lines,
       sum(case when net < 0 then 1 else 0 end) as credit_notes,
       sum(case when net >= 0 and net < $limit then 1 else 0 end) as small_orders,
       sum(case when net > 0 and paid > due then net * (paid - due) else 0 end) as late,
       sum(margin) as margin
from inv group by Kundnr
"""

SUPERSTORE_SQL = """
with raw as (
    select "Customer ID" as id, "Order ID" as inv, "Sales" as sales, "Profit" as profit
    from read_csv($path, header = true,
                  types = {'Sales': 'DECIMAL(18,4)', 'Profit': 'DECIMAL(18,4)'})
),
inv as (select id, inv, sum(sales) as net, count(*) as lines from raw group by id, inv)
select id, count(*) as orders, sum(lines) as lines,
       sum(case when net < 0 then 1 else 0 end) as credit_notes,
       sum(case when net >= 0 and net < $limit then 1 else 0 end) as small_orders,
       0 as late, null as margin
from inv group by id
"""


def _expected(sql: str, path: Path, **params) -> dict[str, tuple]:
    con = duckdb.connect()
    try:
        rows = con.execute(sql, {"path": str(path), **params}).fetchall()
    finally:
        con.close()
    return {r[0]: tuple(r[1:]) for r in rows}


def _counted(store: Store, period: Period, limit: Decimal) -> dict[str, tuple]:
    drivers = count_drivers(
        store, dataset_id=store.dataset_id("t"), period=period, small_order_limit=limit
    )
    columns = ("n_order", "n_line", "n_credit_note", "n_small_order", "late_amount_days")
    return {r["customer_id"]: tuple(r[c] for c in columns) for r in drivers.iter_rows(named=True)}


def _imported(tmp_path_factory, source):
    """Yield `source` imported as data set `t` into a store of its own, and the UTF-8 copy
    of it that the independent SQL reads; the store is closed after (a module fixture's
    body: `yield from`)."""
    folder = tmp_path_factory.mktemp(f"{source.stem}-costs")
    copy = utf8_copy(source, folder)
    store = Store(folder / "t.duckdb")
    import_sales(store, source, dataset="t")
    yield store, copy
    store.close()


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    yield from _imported(tmp_path_factory, DEMO)


def test_demo_drivers_match_sql_over_the_export(demo):
    store, copy = demo
    expected = _expected(
        DEMO_SQL, copy, start=YEAR_2025.start, end=YEAR_2025.end, limit=Decimal(1000)
    )
    counted = _counted(store, YEAR_2025, Decimal(1000))
    assert counted == {k: v[:5] for k, v in expected.items()}
    # The demo company has every kind of driver.
    assert all(sum(v[i] for v in counted.values()) > 0 for i in range(5))


def test_demo_whale_curve_with_cost_to_serve_matches_sql(demo):
    store, copy = demo
    model = CostModel()
    expected = _expected(
        DEMO_SQL, copy, start=YEAR_2025.start, end=YEAR_2025.end, limit=model.small_order_limit
    )
    profits = {}
    for cid, (orders, lines, credits, small, late, margin) in expected.items():
        capital = (late * Decimal("0.08") / 365).quantize(Decimal("0.0001"))
        cost = orders * 350 + lines * 25 + credits * 500 + small * 150 + capital + 500
        profits[cid] = margin - cost
    ordered = sorted(profits.items(), key=lambda item: (-item[1], item[0]))
    running, cumulative = Decimal(0), []
    for _, value in ordered:
        running += value
        cumulative.append(running)
    total = cumulative[-1]
    table = profit_table(store, dataset_id=store.dataset_id("t"), period=YEAR_2025, model=model)
    customers = table["customers"]
    assert dict(zip(customers["customer_id"], customers["profit"], strict=True)) == profits
    summary = profit_summary(customers)
    assert summary["profit"] == total
    assert summary["whale_peak"] == pytest.approx(float(max(cumulative)) / float(total))
    assert summary["unprofitable_customers"] == sum(1 for p in profits.values() if p < 0)


@pytest.fixture(scope="module")
def superstore(tmp_path_factory):
    yield from _imported(tmp_path_factory, SUPERSTORE)


def test_superstore_drivers_match_sql_over_the_export(superstore):
    store, copy = superstore
    first, last = data_bounds(store, dataset_id=store.dataset_id("t"))
    expected = _expected(SUPERSTORE_SQL, copy, limit=Decimal(100))
    counted = _counted(store, Period(first, last), Decimal(100))
    assert counted == {k: v[:5] for k, v in expected.items()}
    assert sum(v[3] for v in counted.values()) > 0  # small orders below 100 exist


def test_superstore_without_payment_dates_counts_no_capital_and_says_so(superstore):
    store, _ = superstore
    first, last = data_bounds(store, dataset_id=store.dataset_id("t"))
    drivers = count_drivers(
        store,
        dataset_id=store.dataset_id("t"),
        period=Period(first, last),
        small_order_limit=Decimal(100),
    )
    assert driver_counts_known(drivers)["capital_rate"] is False
    assert drivers["late_amount_days"].sum() == 0
