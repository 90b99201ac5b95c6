"""Profitability versus size on real exports: the demo data against plain polars over the
raw file, and the Superstore sample against plain DuckDB SQL (skipped when absent)."""

from __future__ import annotations

import duckdb
import polars as pl
import pytest

from analytics.cli import main
from analytics.concentration import (
    concentration_summary,
    with_margin,
)
from analytics.ingest.pipeline import import_sales
from analytics.metrics import customer_metrics, data_bounds, resolve_period
from analytics.store import Store
from demo_company import N_EXISTING, N_NEW, STORY
from tests.paths import DEMO, ROOT
from tests.samples import utf8_copy

SUPERSTORE = ROOT.parent / "shared" / "datasets" / "superstore" / "Superstore.csv"


# --- the demo data against plain polars over the raw file -----------------------------------


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    store = Store(tmp_path_factory.mktemp("demo") / "demo.duckdb")
    import_sales(store, DEMO, dataset="demo")
    dataset = store.dataset_id("demo")
    bounds = data_bounds(store, dataset_id=dataset)
    period = resolve_period("all", first=bounds[0], last=bounds[1])
    table = customer_metrics(store, dataset_id=dataset, period=period)
    store.close()
    return concentration_summary(with_margin(table), top=20)


def test_demo_figures_match_plain_polars(demo):
    raw = pl.read_csv(DEMO, separator=";", encoding="windows-1252", infer_schema=False)
    number = {"Belopp exkl. moms": "revenue", "Självkostnad": "cost"}
    lines = raw.select(
        pl.col("Kundnr"),
        *[pl.col(c).str.replace(",", ".").cast(pl.Float64).alias(n) for c, n in number.items()],
    )
    per = lines.group_by("Kundnr").agg(
        pl.col("revenue").sum(), (pl.col("revenue") - pl.col("cost")).sum().alias("margin")
    )
    n = per.height
    by_revenue = per.sort("revenue", descending=True)["revenue"].to_list()
    total, running, n80 = sum(by_revenue), 0.0, None
    for i, value in enumerate(by_revenue, start=1):
        running += value
        if n80 is None and running >= 0.8 * total:
            n80 = i
    by_margin = per.sort("margin", descending=True)["margin"].to_list()
    total_margin = sum(by_margin)
    cumulative = [sum(by_margin[: i + 1]) for i in range(n)]
    losses = [m for m in by_margin if m < 0]
    top20 = -(-n // 5)
    assert demo["customers"] == n == N_EXISTING + N_NEW + len(STORY)
    assert demo["revenue"] == pytest.approx(total)
    assert demo["gross_margin"] == pytest.approx(total_margin)
    assert demo["customers_for_80pct_revenue"] == n80
    assert demo["whale_peak"] == pytest.approx(max(cumulative) / total_margin)
    assert demo["whale_peak_customers"] == sum(1 for m in by_margin if m > 0)
    assert demo["unprofitable_customers"] == len(losses)
    assert demo["unprofitable_margin"] == pytest.approx(sum(losses))
    assert demo["top20pct_share_of_margin"] == pytest.approx(cumulative[top20 - 1] / total_margin)
    largest = per.sort("revenue", descending=True).head(20)
    assert demo["top_revenue_share"] == pytest.approx(largest["revenue"].sum() / total)
    assert demo["top_margin_share"] == pytest.approx(largest["margin"].sum() / total_margin)
    # The demo company tells the seeds' story: its 20 largest customers bring a larger
    # share of revenue than of margin, and some customers lose money.
    assert demo["top_margin_share"] < demo["top_revenue_share"]
    assert demo["whale_peak"] > 1


# --- the Superstore sample against plain DuckDB SQL -----------------------------------------

SUPERSTORE_SQL = """
with per as (
    select "Customer ID" as id, sum("Sales") as revenue, sum("Profit") as margin
    from read_csv(?, header = true) group by 1
),
by_revenue as (
    select row_number() over (order by revenue desc, id) as pos,
           sum(revenue) over (order by revenue desc, id) as cum,
           sum(revenue) over () as total from per
),
by_margin as (
    select row_number() over (order by margin desc, id) as pos,
           sum(margin) over (order by margin desc, id) as cum,
           sum(margin) over () as total, count(*) over () as n from per
)
select (select count(*) from per),
       (select min(pos) from by_revenue where cum >= 0.8 * total),
       (select max(cum) / any_value(total) from by_margin),
       (select count(*) from per where margin < 0),
       (select sum(margin) from per where margin < 0),
       (select cum / total from by_margin where pos = ceil(n * 0.2)),
       (select min(pos) from by_margin where cum >= 0.8 * total)
"""


def test_superstore_figures_match_plain_sql(tmp_path):
    copy = utf8_copy(SUPERSTORE, tmp_path)
    con = duckdb.connect()
    try:
        expected = con.execute(SUPERSTORE_SQL, [str(copy)]).fetchall()[0]
    finally:
        con.close()
    db = tmp_path / "superstore.duckdb"
    assert main(["import", str(SUPERSTORE), "--db", str(db), "--dataset", "ss"]) == 0
    store = Store(db)
    dataset = store.dataset_id("ss")
    bounds = data_bounds(store, dataset_id=dataset)
    period = resolve_period("all", first=bounds[0], last=bounds[1])
    table = customer_metrics(store, dataset_id=dataset, period=period)
    store.close()
    summary = concentration_summary(with_margin(table))
    customers_, n80, peak, losers, loss, top20, m80 = expected
    assert summary["customers"] == customers_
    assert summary["customers_for_80pct_revenue"] == n80
    assert summary["whale_peak"] == pytest.approx(peak, rel=1e-9)
    assert summary["unprofitable_customers"] == losers
    assert summary["unprofitable_margin"] == pytest.approx(loss, rel=1e-9)
    assert summary["top20pct_share_of_margin"] == pytest.approx(top20, rel=1e-9)
    assert summary["customers_for_80pct_margin"] == m80
