"""The health check's figures on the demo company and on Superstore against plain SQL over
the stored sales lines (the Superstore part skips when the sample is absent)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from analytics.healthcheck import health_check
from analytics.ingest.pipeline import import_customers, import_sales
from analytics.metrics import data_bounds, resolve_period
from analytics.store import Store
from demo_company import N_EXISTING, N_NEW, STORY
from tests.paths import DEMO, ROOT

DEMO_MASTER = ROOT / "data" / "demo_kunder.csv"
SUPERSTORE = ROOT.parent / "shared" / "datasets" / "superstore" / "Superstore.csv"

# The period's lines, one row per customer: revenue and the margin (null when any cost
# is unknown).
_PER_CUSTOMER = """
    select customer_id, sum(revenue) as revenue,
           case when count(cost) = count(*) then sum(revenue - cost) end as margin
    from sales_lines
    where dataset_id = $d and invoice_date between $start and $end
    group by customer_id
"""


def _independent(store: Store, dataset_id: int, period) -> dict:
    params = {"d": dataset_id, "start": period.start, "end": period.end}
    active = store.scalar(
        "select count(distinct customer_id) from sales_lines "
        "where dataset_id = $d and invoice_date between $start and $end",
        params,
    )
    n80 = store.scalar(
        f"""
        with c as ({_PER_CUSTOMER}),
        run as (
            select row_number() over (order by revenue desc, customer_id) as n,
                   sum(revenue) over (order by revenue desc, customer_id
                                      rows between unbounded preceding and current row) as cum,
                   sum(revenue) over () as total
            from c
        )
        select min(n) from run where cum >= 0.8 * total - 1e-6
        """,
        params,
    )
    losers = store.query(
        f"select count(*) as n, sum(margin) as loss from ({_PER_CUSTOMER}) where margin < 0",
        params,
    ).row(0, named=True)
    return {"active": active, "n80": n80, "unprofitable": losers["n"], "loss": losers["loss"]}


def _check(store: Store, dataset_id: int, spec: str) -> tuple[dict, dict]:
    bounds = data_bounds(store, dataset_id=dataset_id)
    period = resolve_period(spec, first=bounds[0], last=bounds[1])
    questions = {q["number"]: q for q in health_check(store, dataset_id=dataset_id, period=period)}
    return questions, _independent(store, dataset_id, period)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    store = Store(tmp_path_factory.mktemp("demo") / "demo.duckdb")
    import_sales(store, DEMO, dataset="demo")
    import_customers(store, DEMO_MASTER, dataset="demo")
    yield store, store.dataset_id("demo")
    store.close()


@pytest.fixture(scope="module")
def superstore(tmp_path_factory):
    if not SUPERSTORE.is_file():
        pytest.skip("the Superstore sample is not available")
    store = Store(tmp_path_factory.mktemp("superstore") / "s.duckdb")
    import_sales(store, SUPERSTORE, dataset="superstore")
    yield store, store.dataset_id("superstore")
    store.close()


@pytest.mark.parametrize("spec", ["12m", "all"])
def test_demo_figures_match_plain_sql(demo, spec):
    store, dataset_id = demo
    questions, expected = _check(store, dataset_id, spec)
    assert questions[1]["value"] == expected["active"]
    # The demo company's customers ever: every customer of its master buys at least once.
    assert questions[1]["facts"]["total"] == N_EXISTING + N_NEW + len(STORY)
    assert questions[2]["value"] == expected["n80"]
    assert questions[4]["value"] == expected["unprofitable"]
    # Exact: the store's sums are decimals, so the loss matches SQL to the last decimal.
    assert Decimal(str(questions[4]["facts"]["margin"])) == expected["loss"]


def test_demo_satisfaction_and_nps_come_from_the_master(demo):
    store, dataset_id = demo
    questions, _ = _check(store, dataset_id, "12m")
    bounds = data_bounds(store, dataset_id=dataset_id)
    period = resolve_period("12m", first=bounds[0], last=bounds[1])
    for number, column in ((6, "satisfaction"), (7, "nps")):
        row = store.query(
            f"""
            select count(*) as n, avg(m.{column}) as mean from customers m
            where m.dataset_id = $d and m.{column} is not null and m.customer_id in (
                select customer_id from sales_lines
                where dataset_id = $d and invoice_date between $start and $end)
            """,
            {"d": dataset_id, "start": period.start, "end": period.end},
        ).row(0, named=True)
        assert questions[number]["source"] == "data"
        assert questions[number]["facts"]["customers"] == row["n"]
        assert questions[number]["value"] == pytest.approx(row["mean"])


@pytest.mark.parametrize("spec", ["12m", "all"])
def test_superstore_figures_match_plain_sql(superstore, spec):
    store, dataset_id = superstore
    questions, expected = _check(store, dataset_id, spec)
    assert questions[1]["value"] == expected["active"]
    assert questions[2]["value"] == expected["n80"]
    assert questions[4]["value"] == expected["unprofitable"]
    # No customer master: satisfaction and recommendation are unknown.
    assert [questions[n]["source"] for n in (6, 7)] == ["unknown", "unknown"]
