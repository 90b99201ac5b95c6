"""Profitability versus size: small cases with curves known by hand and the
`concentration` command (real exports: test_concentration_real)."""

from __future__ import annotations

import json

import polars as pl
import pytest

from analytics.cli import main
from analytics.concentration import (
    assign_quadrants,
    assumption_groups,
    concentration_summary,
    customers_for_share,
    group_revenue,
    margin_source,
    pareto_curve,
    quadrant_cuts,
    quadrant_summary,
    thin_curve,
    thin_points,
    top_revenue_shares,
    whale_curve,
    whale_peak,
    with_margin,
)
from analytics.metrics import customer_metrics, data_bounds, resolve_period
from tests.samples import GROUPS_NO_COST, cli_db_with, store_with_export


def customers(rows: list[tuple[str, float, float | None]]) -> pl.DataFrame:
    """A per-customer table from (customer_id, revenue, gross_margin) triples."""
    return pl.DataFrame(
        rows,
        schema={"customer_id": pl.String, "revenue": pl.Float64, "gross_margin": pl.Float64},
        orient="row",
    )


def summary_of(rows, **options) -> dict:
    return concentration_summary(with_margin(customers(rows)), **options)


# --- Pareto and whale curves by hand -----------------------------------------------------


def test_all_profitable():
    table = with_margin(customers([("A", 100, 50), ("B", 60, 20), ("C", 40, 10)]))
    curve = pareto_curve(table)
    assert curve["customer_id"].to_list() == ["A", "B", "C"]
    assert curve["cumulative"].to_list() == [100, 160, 200]
    assert curve["cumulative_share"].to_list() == pytest.approx([0.5, 0.8, 1.0])
    assert curve["customer_share"].to_list() == pytest.approx([1 / 3, 2 / 3, 1])
    assert customers_for_share(curve) == 2  # 160 of 200 is exactly 80 %
    whale = whale_curve(table)
    assert whale["cumulative"].to_list() == [50, 70, 80]
    assert whale_peak(whale) == {"amount": 80, "customers": 3, "share": 1.0, "customer_share": 1.0}
    summary = concentration_summary(table)
    assert summary["customers_for_80pct_revenue"] == 2
    assert summary["customers_for_80pct_margin"] == 2  # 70 of 80 ≥ 64
    assert summary["top20pct_share_of_margin"] == pytest.approx(50 / 80)  # ceil(0.6) = 1
    assert summary["unprofitable_customers"] == 0
    assert summary["unprofitable_margin"] == 0
    assert summary["margin_source"] == "data"
    assert summary["gross_margin"] == 80


def test_all_unprofitable():
    summary = summary_of([("A", 100, -10), ("B", 50, -5)])
    assert summary["gross_margin"] == -15
    # No share of a negative total: the peak is the empty start, 0 kr with 0 customers.
    assert summary["whale_peak"] is None
    assert summary["whale_peak_margin"] == 0
    assert summary["whale_peak_customers"] == 0
    assert summary["customers_for_80pct_margin"] is None
    assert summary["top20pct_share_of_margin"] is None
    assert summary["unprofitable_customers"] == 2
    assert summary["unprofitable_share"] == 1.0
    assert summary["unprofitable_margin"] == -15
    assert summary["customers_for_80pct_revenue"] == 2  # 100 of 150 < 120


def test_whale_with_loss_makers_peaks_above_the_total():
    table = with_margin(customers([("A", 300, 60), ("B", 100, 40), ("C", 600, -50)]))
    whale = whale_curve(table)
    assert whale["customer_id"].to_list() == ["A", "B", "C"]
    assert whale["cumulative"].to_list() == [60, 100, 50]
    peak = whale_peak(whale)
    assert peak["amount"] == 100
    assert peak["customers"] == 2
    assert peak["share"] == pytest.approx(2.0)  # 100 earned, 50 kept
    summary = concentration_summary(table, top=1)
    assert summary["whale_peak"] == pytest.approx(2.0)
    assert summary["unprofitable_customers"] == 1
    assert summary["unprofitable_share"] == pytest.approx(1 / 3)
    assert summary["unprofitable_margin"] == -50
    assert summary["top20pct_share_of_margin"] == pytest.approx(60 / 50)
    assert summary["customers_for_80pct_margin"] == 1  # 60 ≥ 0.8 × 50
    # The largest customer by revenue (C) has 60 % of revenue and −100 % of the margin.
    assert summary["top_revenue_share"] == pytest.approx(0.6)
    assert summary["top_margin_share"] == pytest.approx(-1.0)


def test_single_customer():
    table = with_margin(customers([("A", 100, 30)]))
    summary = concentration_summary(table)
    assert summary["customers_for_80pct_revenue"] == 1
    assert summary["share_of_customers_for_80pct_revenue"] == 1.0
    assert summary["whale_peak"] == 1.0
    assert summary["whale_peak_customers"] == 1
    assert summary["top20pct_share_of_margin"] == 1.0
    cuts = quadrant_cuts(table)
    assert cuts == {"size": 100, "profit": pytest.approx(0.3)}
    assigned = assign_quadrants(table, size_cut=cuts["size"], profit_cut=cuts["profit"])
    assert assigned["quadrant"].to_list() == ["core"]


def test_ties_are_exact_and_ordered_by_customer_id():
    # Ten customers of 0.1 each: the eighth reaches 80 % despite binary fractions.
    table = with_margin(customers([(f"K{i}", 0.1, 0.01) for i in range(9, -1, -1)]))
    curve = pareto_curve(table)
    assert curve["customer_id"].to_list() == [f"K{i}" for i in range(10)]
    assert customers_for_share(curve) == 8
    summary = concentration_summary(table)
    assert summary["customers_for_80pct_margin"] == 8
    assert summary["top20pct_share_of_margin"] == pytest.approx(0.2)
    assert summary["whale_peak_customers"] == 10


def test_zero_revenue():
    table = with_margin(customers([("A", 100, 20), ("B", 0, 0), ("Z", 0, -5)]))
    assert table["margin_share"].to_list() == [0.2, None, None]
    curve = pareto_curve(table)
    assert curve["customer_id"].to_list() == ["A", "B", "Z"]  # ties at 0 by id
    assert customers_for_share(curve) == 1
    # Margin % is unknown without revenue: not placed; by absolute margin they are small.
    cuts = quadrant_cuts(table, measure="margin_pct")
    pct = assign_quadrants(table, size_cut=cuts["size"], profit_cut=cuts["profit"])
    assert pct["quadrant"].to_list() == ["core", None, None]
    amount = assign_quadrants(table, measure="margin", size_cut=50, profit_cut=0)
    assert amount["quadrant"].to_list() == ["core", "small_profitable", "small_unprofitable"]
    assert summary_of([("A", 0, 0)])["customers_for_80pct_revenue"] is None


def test_negative_revenue_from_credit_notes():
    # C returned more than it bought: −50 in revenue and −10 in margin.
    table = with_margin(customers([("A", 100, 30), ("B", 50, 10), ("C", -50, -10)]))
    curve = pareto_curve(table)
    assert curve["customer_id"].to_list() == ["A", "B", "C"]
    assert curve["cumulative_share"].to_list() == pytest.approx([1.0, 1.5, 1.0])
    assert customers_for_share(curve) == 1  # 100 of a net 100
    assert table.filter(pl.col("customer_id") == "C")["margin_share"].item() is None
    summary = concentration_summary(table)
    assert summary["revenue"] == 100
    assert summary["unprofitable_customers"] == 1
    assert summary["whale_peak"] == pytest.approx(40 / 30)
    only_credit = summary_of([("A", -20, -4)])
    assert only_credit["customers_for_80pct_revenue"] is None
    assert only_credit["top_revenue_share"] is None


def test_top_revenue_shares_and_bad_top():
    table = with_margin(customers([("A", 100, 5), ("B", 60, 30), ("C", 40, 15)]))
    assert top_revenue_shares(table, top=1) == {
        "customers": 1,
        "revenue_share": pytest.approx(0.5),
        "margin_share": pytest.approx(0.1),
    }
    assert top_revenue_shares(table, top=10)["customers"] == 3
    with pytest.raises(ValueError, match="at least 1"):
        top_revenue_shares(table, top=0)


def test_empty_table():
    summary = concentration_summary(with_margin(customers([])))
    assert summary["customers"] == 0
    assert summary["margin_source"] == "none"
    assert summary["customers_for_80pct_revenue"] is None
    assert summary["whale_peak"] is None


# --- margin sources -----------------------------------------------------------------------


def test_no_cost_and_no_assumption_means_no_margin():
    table = with_margin(customers([("A", 100, None), ("B", 50, None)]))
    assert margin_source(table) == "none"
    summary = concentration_summary(table)
    assert summary["gross_margin"] is None
    assert summary["whale_peak"] is None
    assert summary["unprofitable_customers"] is None
    assert summary["customers_without_margin"] == 2
    assert summary["customers_for_80pct_revenue"] == 2


def test_overall_assumption_fills_only_unknown_margins():
    table = with_margin(customers([("A", 200, None), ("B", 100, -10)]), assumed_margin=0.25)
    assert table["margin"].to_list() == [50, -10]
    assert table["margin_assumed"].to_list() == [True, False]
    assert table["margin_share"].to_list() == pytest.approx([0.25, -0.1])
    assert margin_source(table) == "assumed"
    partial = with_margin(customers([("A", 200, None), ("B", 100, -10)]))
    assert margin_source(partial) == "data"
    assert concentration_summary(partial)["customers_without_margin"] == 1


@pytest.mark.parametrize("bad", [-0.1, 1.5, float("nan")])
def test_assumed_margin_must_be_a_share(bad):
    with pytest.raises(ValueError, match="share of revenue"):
        with_margin(customers([("A", 1, None)]), assumed_margin=bad)


def test_group_margins_need_group_revenue():
    with pytest.raises(ValueError, match="revenue per group"):
        with_margin(customers([("A", 1, None)]), group_margins={"El": 0.2})


NO_COST = GROUPS_NO_COST


@pytest.fixture
def no_cost(tmp_path):
    store = store_with_export(tmp_path, NO_COST, name="utan_kostnad")
    dataset = store.dataset_id("t")
    bounds = data_bounds(store, dataset_id=dataset)
    period = resolve_period("all", first=bounds[0], last=bounds[1])
    table = customer_metrics(store, dataset_id=dataset, period=period)
    groups = group_revenue(store, dataset_id=dataset, period=period)
    yield store, table, groups
    store.close()


def test_margin_per_product_group(no_cost):
    _, table, groups = no_cost
    assert table["gross_margin"].null_count() == 3
    assert groups.filter(pl.col("customer_id") == "002")["revenue"].to_list() == [300]
    offered = assumption_groups(table, groups)
    assert offered.rows() == [("El", 1000), ("VVS", 800), ("Verktyg", 300), (None, 100)]
    shares = {"El": 0.1, "VVS": 0.3}
    filled = with_margin(table, assumed_margin=0.2, group_margins=shares, groups=groups)
    margins = dict(zip(filled["customer_id"], filled["margin"], strict=True))
    # Alfa: El 1000 × 10 % + VVS 500 × 30 % + ungrouped 100 × 20 % (the overall share).
    assert margins["001"] == pytest.approx(100 + 150 + 20)
    assert margins["002"] == pytest.approx(300 * 0.3)
    assert margins["003"] == pytest.approx(300 * 0.2)  # Verktyg has no share of its own
    assert filled["margin_assumed"].all()
    assert margin_source(filled) == "assumed"
    # Without an overall share, revenue without a stated share leaves the margin unknown.
    partial = with_margin(table, group_margins=shares, groups=groups)
    margins = dict(zip(partial["customer_id"], partial["margin"], strict=True))
    assert margins["001"] is None
    assert margins["002"] == pytest.approx(90)
    assert margins["003"] is None


# --- quadrants ----------------------------------------------------------------------------


def test_quadrants_at_the_medians():
    table = with_margin(
        customers([("A", 10, 5), ("B", 20, 2), ("C", 30, 12), ("D", 40, 2), ("E", 0, 0)])
    )
    cuts = quadrant_cuts(table)
    # Placed: A–D (E has no margin %). Revenue median 25, margin % median (10 % + 40 %) / 2.
    assert cuts == {"size": 25, "profit": pytest.approx(0.25)}
    assigned = assign_quadrants(table, size_cut=cuts["size"], profit_cut=cuts["profit"])
    assert dict(zip(assigned["customer_id"], assigned["quadrant"], strict=True)) == {
        "A": "small_profitable",
        "B": "small_unprofitable",
        "C": "core",
        "D": "large_unprofitable",
        "E": None,
    }
    summary = quadrant_summary(assigned)
    assert summary["quadrant"].to_list() == [
        "core",
        "large_unprofitable",
        "small_profitable",
        "small_unprofitable",
    ]
    assert summary["customers"].to_list() == [1, 1, 1, 1]
    assert summary["revenue_share"].to_list() == pytest.approx([0.3, 0.4, 0.1, 0.2])
    assert summary["margin_share"].to_list() == pytest.approx([12 / 21, 2 / 21, 5 / 21, 2 / 21])


def test_top20_size_cut_and_fixed_profit_cut():
    table = with_margin(customers([(f"K{i:02}", float(i), i - 5.0) for i in range(1, 11)]))
    cuts = quadrant_cuts(table, measure="margin", size="top20", profit=0)
    assert cuts == {"size": 9, "profit": 0}  # the top 20 % of 10 = 2 customers: 10 and 9
    assigned = assign_quadrants(
        table, measure="margin", size_cut=cuts["size"], profit_cut=cuts["profit"]
    )
    quadrant = dict(zip(assigned["customer_id"], assigned["quadrant"], strict=True))
    assert quadrant["K10"] == quadrant["K09"] == "core"
    assert quadrant["K05"] == "small_profitable"  # margin 0 sits on the line
    assert quadrant["K04"] == "small_unprofitable"


@pytest.mark.parametrize(
    ("options", "match"),
    [
        ({"measure": "profit"}, "measure"),
        ({"profit": "top20"}, "cut line"),
        ({"size": "quartile"}, "cut line"),
    ],
)
def test_bad_quadrant_options(options, match):
    with pytest.raises(ValueError, match=match):
        quadrant_cuts(with_margin(customers([("A", 1, 1)])), **options)


# --- charts stay light ----------------------------------------------------------------------


def test_many_customers_are_thinned_without_losing_anyone():
    count = 12_000
    frame = pl.DataFrame(
        {
            "customer_id": [f"C{i:05}" for i in range(count)],
            "revenue": [1000.0 + (i * 7919) % 500_000 for i in range(count)],
            "profitability": [((i * 104_729) % 1000) / 1000 - 0.3 for i in range(count)],
        }
    )
    focus = ["C00001", "C00002"]
    points, cells = thin_points(frame, keep=focus, max_points=500)
    assert points.height == 500
    assert set(focus) <= set(points["customer_id"])
    assert points.height + cells["customers"].sum() == count
    total = points["revenue"].sum() + cells["revenue"].sum()
    assert total == pytest.approx(frame["revenue"].sum())
    assert cells.height <= 36 * 24
    assert (cells["x0"] < cells["x1"]).all()
    small = frame.head(100)
    assert thin_points(small, max_points=500)[0].height == 100

    curve = pareto_curve(frame)
    thinned = thin_curve(curve, max_points=300, keep=[4321])
    assert thinned.height <= 302
    assert {1, count, 4321} <= set(thinned["position"])


# --- the command line -----------------------------------------------------------------------

SMALL = (
    "Kundnr;Kundnamn;Fakturadatum;Belopp;Kostnad\n"
    "001;Alfa;2024-03-01;300;240\n"
    "002;Beta;2024-03-02;100;60\n"
    "003;Gamma;2024-03-03;600;650\n"
)


def test_cli_concentration_json(tmp_path, capsys):
    db = cli_db_with(tmp_path, SMALL, capsys, name="small")
    assert main(["concentration", "--db", str(db), "--period", "all", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    # Margins: Alfa 60, Beta 40, Gamma −50 (the whale case above).
    assert result["customers"] == 3
    assert result["customers_for_80pct_revenue"] == 2  # 600 + 300 of 1000
    assert result["top20pct_share_of_margin"] == pytest.approx(60 / 50)
    assert result["whale_peak"] == pytest.approx(2.0)
    assert result["unprofitable_customers"] == 1
    assert result["unprofitable_margin"] == pytest.approx(-50)
    assert result["revenue"] == pytest.approx(1000)
    assert result["gross_margin"] == pytest.approx(50)
    assert result["margin_source"] == "data"
    capsys.readouterr()
    assert main(["concentration", "--db", str(db), "--period", "all"]) == 0
    text = capsys.readouterr().out
    assert "customers_for_80pct_revenue" in text and "whale_peak" in text


def test_cli_concentration_margin_sources(tmp_path, capsys):
    db = cli_db_with(tmp_path, NO_COST, capsys, name="no_cost")
    assert main(["concentration", "--db", str(db), "--period", "all", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["margin_source"] == "none"
    assert result["gross_margin"] is None
    assert result["whale_peak"] is None
    args = ["concentration", "--db", str(db), "--period", "all", "--assumed-margin", "0.25"]
    assert main([*args, "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["margin_source"] == "assumed"
    assert result["gross_margin"] == pytest.approx(0.25 * 2200)


def test_cli_concentration_errors(tmp_path, capsys):
    assert main(["concentration", "--db", str(tmp_path / "none.duckdb")]) == 2
    assert "no database" in capsys.readouterr().err
    db = cli_db_with(tmp_path, SMALL, capsys, name="small")
    assert main(["concentration", "--db", str(db), "--period", "week"]) == 2
    assert "Unknown period" in capsys.readouterr().err
    assert main(["concentration", "--db", str(db), "--assumed-margin", "25"]) == 2
    assert "share of revenue" in capsys.readouterr().err
    assert main(["concentration", "--db", str(db), "--dataset", "Nope"]) == 2


def test_equal_assumed_shares_compare_equal():
    # 0.1 × revenue ÷ revenue is not always exactly 0.1 in binary; the quadrant must not
    # split customers on that last bit.
    table = with_margin(
        customers([(f"K{i}", 3.0 + i * 1.1, None) for i in range(9)]), assumed_margin=0.1
    )
    assert table["margin_share"].n_unique() == 1
    cuts = quadrant_cuts(table)
    assigned = assign_quadrants(table, size_cut=cuts["size"], profit_cut=cuts["profit"])
    assert set(assigned["quadrant"]) == {"core", "small_profitable"}
