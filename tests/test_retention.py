"""Retention, cohorts, lifetime value, scenarios and at-risk flags: small cases checked by
hand, and the demo company against an independent computation over its raw export file."""

from __future__ import annotations

import json
from datetime import date

import polars as pl
import pytest

from analytics.cli import main
from analytics.ingest.pipeline import import_sales
from analytics.retention import (
    NotEnoughHistoryError,
    acquisition_equivalent,
    at_risk,
    buying_rhythm,
    clv_multiplier,
    cohorts,
    customer_activity,
    customer_lifetime_value,
    expected_lifetime,
    latest_rates,
    period_tiers,
    project_scenario,
    retention_periods,
    retention_rates,
    scenario_groups,
    tier_groups,
    tier_values,
)
from analytics.store import Store
from tests.paths import DEMO
from tests.samples import import_text, store_with_export

# Three calendar years. Alfa buys every year; Beta skips 2023 and returns in 2024; Gamma
# has only a credit note in 2023 and then leaves; Delta starts in 2023; Eps never buys,
# it only has a credit note.
SMALL = (
    "Kundnr;Kundnamn;Fakturanr;Fakturadatum;Belopp;Kostnad\n"
    "001;Alfa;1;2022-01-15;100;60\n"
    "002;Beta;2;2022-03-01;100;50\n"
    "003;Gamma;3;2022-05-01;100;70\n"
    "001;Alfa;4;2023-02-01;200;120\n"
    "003;Gamma;5;2023-02-10;-20;-14\n"
    "004;Delta;6;2023-06-01;400;300\n"
    "005;Eps;7;2023-07-01;-50;-30\n"
    "001;Alfa;8;2024-03-01;300;180\n"
    "002;Beta;9;2024-04-01;50;25\n"
    "004;Delta;10;2024-12-20;100;75\n"
)


@pytest.fixture
def small(store, tmp_path):
    """The test's store (closed after it) with SMALL imported as the data set "t"."""
    import_text(store, SMALL, tmp_path)
    return store


def _rows(rates: pl.DataFrame, group: str = "all") -> dict[int, dict]:
    return {r["period"]: r for r in rates.filter(pl.col("group") == group).iter_rows(named=True)}


# --- periods ------------------------------------------------------------------------------


def test_rolling_periods_end_at_the_last_invoice():
    periods = retention_periods(date(2022, 11, 1), date(2026, 10, 30), basis="12m")
    assert periods["period_start"].to_list() == [
        date(2022, 10, 31),
        date(2023, 10, 31),
        date(2024, 10, 31),
        date(2025, 10, 31),
    ]
    assert periods["period_end"].to_list()[-1] == date(2026, 10, 30)
    assert periods["partial"].to_list() == [False] * 4  # one day missing is not partial


def test_calendar_years_the_export_cuts_are_partial():
    periods = retention_periods(date(2022, 11, 1), date(2026, 10, 30), basis="year")
    assert periods["period_start"].dt.year().to_list() == [2022, 2023, 2024, 2025, 2026]
    assert periods["partial"].to_list() == [True, False, False, False, True]


def test_unknown_basis_is_explained():
    with pytest.raises(ValueError, match="basis"):
        retention_periods(date(2024, 1, 1), date(2024, 2, 1), basis="week")


# --- observed retention, by hand --------------------------------------------------------


def test_small_case_by_hand(small):
    activity = customer_activity(small, dataset_id=small.dataset_id("t"), basis="year")
    rows = _rows(retention_rates(activity))
    # 2023: of Alfa, Beta, Gamma (active in 2022) only Alfa buys; Beta skips the year and
    # Gamma's credit note is not a purchase. Their 2023 revenue: 200 + 0 − 20 of 300.
    assert (rows[1]["base"], rows[1]["kept"]) == (3, 1)
    assert rows[1]["rate"] == pytest.approx(1 / 3)
    assert rows[1]["revenue_rate"] == pytest.approx(180 / 300)
    # 2024: Alfa and Delta (active in 2023) both buy again. Beta returns, but was not a
    # customer in 2023, so it is not in the base; Eps (credit note only) never is.
    assert (rows[2]["base"], rows[2]["kept"], rows[2]["rate"]) == (2, 2, 1.0)
    assert rows[2]["revenue_rate"] == pytest.approx((300 + 100) / (200 + 400))
    assert rows[2]["period_start"] == date(2024, 1, 1)
    assert all(r["uncertain"] for r in rows.values())  # bases far below 20


def test_rates_per_group(small):
    activity = customer_activity(small, dataset_id=small.dataset_id("t"), basis="year")
    tiers = pl.DataFrame(
        {"customer_id": ["001", "004", "002", "003"], "tier": ["A", "A", "B", "B"]}
    )
    rates = retention_rates(activity, groups=tier_groups(tiers), min_base=2)
    a, b, rest = _rows(rates, "A"), _rows(rates, "B"), _rows(rates, "rest")
    assert (a[1]["base"], a[1]["kept"], a[1]["uncertain"]) == (1, 1, True)
    assert (b[1]["base"], b[1]["kept"], b[1]["rate"], b[1]["uncertain"]) == (2, 0, 0.0, False)
    assert rest[1]["kept"] == b[1]["kept"]
    assert (a[2]["base"], a[2]["kept"]) == (2, 2)
    assert 2 not in b  # no B customer was active in 2023
    assert rates["group"].unique(maintain_order=True).to_list() == ["all", "A", "B", "rest"]


def test_membership_per_base_period(small):
    activity = customer_activity(small, dataset_id=small.dataset_id("t"), basis="year")
    # Alfa was B in 2022 and A in 2023: each transition uses the tier of its base year.
    tiers = pl.DataFrame(
        {
            "period": [0, 0, 0, 1, 1],
            "customer_id": ["001", "002", "003", "001", "004"],
            "group": ["B", "A", "A", "A", "B"],
        }
    )
    rates = retention_rates(activity, groups=tiers)
    assert (_rows(rates, "A")[1]["base"], _rows(rates, "A")[1]["kept"]) == (2, 0)
    assert (_rows(rates, "B")[1]["base"], _rows(rates, "B")[1]["kept"]) == (1, 1)
    assert _rows(rates, "A")[2]["base"] == 1


def test_period_tiers_score_each_period():
    tables = {
        0: pl.DataFrame({"customer_id": ["1", "2", "3", "4", "5"], "revenue": [5, 4, 3, 2, 1]}),
        1: pl.DataFrame({"customer_id": ["1", "2"], "revenue": [1.0, 9.0]}),
    }
    tiers = period_tiers(tables, weights={"revenue": 1})
    got = {(p, c): tier for p, c, tier in tiers.iter_rows()}
    assert got[(0, "1")] == "A" and got[(0, "2")] == "B" and got[(0, "5")] == "C"
    assert got[(1, "2")] == "A" and got[(1, "1")] == "C"  # of two: A = 1, B = ceil(1) − 1


def test_latest_rates_skip_partial_periods():
    rates = pl.DataFrame(
        {
            "group": ["all", "all", "all"],
            "period": [1, 2, 3],
            "partial": [False, False, True],
            "rate": [0.5, 0.6, 0.9],
        }
    )
    assert latest_rates(rates)["rate"].to_list() == [0.6]
    assert latest_rates(rates.with_columns(pl.lit(True).alias("partial")))["rate"][0] == 0.9


def test_cohorts_by_hand(small):
    activity = customer_activity(small, dataset_id=small.dataset_id("t"), basis="year")
    table = {(r["cohort"], r["period"]): r for r in cohorts(activity).iter_rows(named=True)}
    # 2022 cohort: Alfa, Beta, Gamma. 2023: Alfa only; 2024: Alfa and Beta (who returned).
    assert table[(0, 0)]["customers"] == 3
    assert (table[(0, 1)]["active"], table[(0, 2)]["active"]) == (1, 2)
    assert table[(0, 2)]["share"] == pytest.approx(2 / 3)
    # 2023 cohort: Delta (Eps never bought); still there in 2024.
    assert (table[(1, 1)]["customers"], table[(1, 2)]["share"]) == (1, 1.0)
    assert (1, 0) not in table


def test_a_single_year_is_not_enough_history(tmp_path):
    store = store_with_export(
        tmp_path, "Kundnr;Fakturadatum;Belopp\n1;2024-01-10;100\n2;2024-11-03;50\n", name="small"
    )
    try:
        for basis in ("year", "12m"):
            activity = customer_activity(store, dataset_id=store.dataset_id("t"), basis=basis)
            with pytest.raises(NotEnoughHistoryError, match="Not enough history"):
                retention_rates(activity)
    finally:
        store.close()


def test_no_lines_is_not_enough_history(store):
    activity = customer_activity(store, dataset_id=1, basis="year")
    assert activity.is_empty()
    with pytest.raises(NotEnoughHistoryError):
        retention_rates(activity)


# --- lifetime value ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("retention", "discount", "multiplier", "lifetime"),
    [
        (0.8, 0.1, 0.8 / 0.3, 5.0),
        (0.5, 0.0, 1.0, 2.0),
        (0.9, 0.1, 4.5, 10.0),
        (0.0, 0.1, 0.0, 1.0),
    ],
)
def test_clv_worked_values(retention, discount, multiplier, lifetime):
    assert clv_multiplier(retention, discount) == pytest.approx(multiplier)
    assert expected_lifetime(retention) == pytest.approx(lifetime)


def test_clv_of_a_margin():
    assert round(clv_multiplier(0.8, 0.1), 3) == 2.667
    assert customer_lifetime_value(1000, retention=0.8, discount=0.1) == pytest.approx(2666.667)


@pytest.mark.parametrize(("retention", "discount"), [(1.0, 0.1), (-0.1, 0.1), (0.5, -0.1)])
def test_clv_rejects_impossible_rates(retention, discount):
    with pytest.raises(ValueError, match="fraction"):
        clv_multiplier(retention, discount)


def test_an_endless_projection_is_the_clv():
    groups = pl.DataFrame({"group": ["all"], "margin": [1000.0], "retention": [0.8]})
    projection = project_scenario(groups, horizon=50, discount=0.1)
    assert projection["baseline_cumulative"][-1] == pytest.approx(2666.667, rel=1e-6)


def test_tier_values_with_an_assumed_margin():
    customers = pl.DataFrame(
        {
            "customer_id": ["1", "2", "3"],
            "tier": ["A", "B", "B"],
            "revenue": [1000.0, 400.0, 200.0],
            "gross_margin": [300.0, None, 50.0],
        }
    )
    rates = pl.DataFrame({"group": ["all", "A"], "rate": [0.5, 0.8]})
    table = tier_values(customers, rates, discount=0.1, assumed_margin=0.25)
    values = {r["tier"]: r for r in table.iter_rows(named=True)}
    assert values["A"]["clv_per_customer"] == pytest.approx(300 * 0.8 / 0.3)
    assert values["A"]["lifetime"] == pytest.approx(5.0)
    # B has no rate of its own: it takes all customers' 0.5. Margin 400 × 0.25 + 50.
    assert values["B"]["margin"] == pytest.approx(150.0)
    assert values["B"]["clv"] == pytest.approx(150 * 0.5 / 0.6)
    assert values["B"]["margin_assumed"] == pytest.approx(0.5)
    assert values["all"]["customers"] == 3
    with pytest.raises(ValueError, match="assumed margin"):
        tier_values(customers, rates, discount=0.1)


# --- scenarios, by hand -----------------------------------------------------------------

THREE = pl.DataFrame(
    {
        "customer_id": ["X", "Y", "Z"],
        "tier": ["A", "B", "C"],
        "revenue": [400.0, 200.0, 200.0],
        "gross_margin": [100.0, 50.0, 50.0],
    }
)
THREE_RATES = pl.DataFrame({"group": ["all", "A", "rest"], "rate": [0.7, 0.5, 0.8]})


def test_scenario_groups_of_three_customers():
    groups = scenario_groups(THREE, THREE_RATES)
    assert groups.rows() == [("focus", 1, 100.0, 0.5), ("rest", 2, 100.0, 0.8)]


def test_three_customer_scenario_by_hand():
    groups = scenario_groups(THREE, THREE_RATES)
    projection = project_scenario(groups, horizon=2, discount=0.0, uplift={"focus": 0.1})
    # Baseline: year 1 = 100 × 0.5 + 100 × 0.8 = 130; year 2 = 100 × 0.25 + 100 × 0.64 = 89.
    # Scenario (A kept at 0.6): year 1 = 60 + 80 = 140; year 2 = 36 + 64 = 100.
    assert projection["baseline"].to_list() == pytest.approx([130.0, 89.0])
    assert projection["scenario"].to_list() == pytest.approx([140.0, 100.0])
    assert projection["baseline_cumulative"].to_list() == pytest.approx([130.0, 219.0])
    assert projection["difference"].to_list() == pytest.approx([10.0, 21.0])


def test_scenario_discounts_each_year():
    groups = scenario_groups(THREE, THREE_RATES)
    projection = project_scenario(groups, horizon=2, discount=0.1, uplift={"focus": 0.1})
    assert projection["baseline"].to_list() == pytest.approx([130 / 1.1, 89 / 1.21])
    assert projection["difference"][-1] == pytest.approx(10 / 1.1 + 11 / 1.21)


def test_scenario_stops_at_everyone_staying():
    groups = pl.DataFrame({"group": ["focus"], "margin": [100.0], "retention": [0.98]})
    projection = project_scenario(groups, horizon=3, discount=0.0, uplift={"focus": 0.05})
    assert projection["scenario"].to_list() == pytest.approx([100.0, 100.0, 100.0])


def test_acquisition_equivalent_by_hand():
    # A new customer brings 100 in year 1 and 100 × 0.5 in year 2 (150) and costs 1 × 100.
    found = acquisition_equivalent(
        21.0, margin_per_customer=100.0, retention=0.5, discount=0.0, horizon=2, cost_multiple=1
    )
    assert found["value_per_customer"] == pytest.approx(150.0)
    assert found["net_per_customer"] == pytest.approx(50.0)
    assert found["new_customers"] == pytest.approx(21 / 150)
    assert found["acquisition_cost"] == pytest.approx(21 / 150 * 100)
    assert found["new_customers_net"] == pytest.approx(21 / 50)
    # At 5 × the annual margin a new customer never earns back its cost in two years.
    costly = acquisition_equivalent(
        21.0, margin_per_customer=100.0, retention=0.5, discount=0.0, horizon=2, cost_multiple=5
    )
    assert costly["new_customers"] == pytest.approx(21 / 150)
    assert costly["acquisition_cost"] == pytest.approx(21 / 150 * 500)
    assert costly["new_customers_net"] is None
    nothing = acquisition_equivalent(
        0.0, margin_per_customer=100.0, retention=0.5, discount=0.1, horizon=5, cost_multiple=5
    )
    assert nothing["new_customers"] is None


# --- at risk ------------------------------------------------------------------------------

RHYTHM = (
    "Kundnr;Fakturadatum;Belopp\n"
    # Every 30 days, then silent for 91 days: overdue.
    "1;2024-01-01;100\n1;2024-01-31;100\n1;2024-03-01;100\n1;2024-03-31;100\n"
    # Every 14 days up to the day before the end; a credit note is not a purchase.
    "2;2024-06-01;100\n2;2024-06-15;100\n2;2024-06-29;100\n2;2024-06-30;-10\n"
    # Two purchases long ago: too few to know a rhythm.
    "3;2024-01-01;100\n3;2024-01-05;100\n"
)


def test_overdue_against_own_rhythm(tmp_path):
    store = store_with_export(tmp_path, RHYTHM, name="rhythm")
    try:
        rhythm = buying_rhythm(store, dataset_id=store.dataset_id("t"))
    finally:
        store.close()
    got = {r["customer_id"]: r for r in rhythm.iter_rows(named=True)}
    assert (got["1"]["median_interval"], got["1"]["days_since"]) == (30.0, 91)
    assert (got["2"]["median_interval"], got["2"]["days_since"], got["2"]["purchases"]) == (
        14.0,
        1,
        3,
    )
    customers = pl.DataFrame(
        {
            "customer_id": ["1", "2", "3", "4"],
            "revenue": [400.0, 60.0, 200.0, 80.0],
            "previous_revenue": [400.0, 100.0, 0.0, 100.0],
        }
    )
    flags = {
        r["customer_id"]: r
        for r in at_risk(customers, rhythm, overdue_factor=2, drop_share=0.3).iter_rows(named=True)
    }
    assert flags["1"]["overdue"] and not flags["1"]["falling"]
    assert flags["1"]["overdue_ratio"] == pytest.approx(91 / 30)
    assert flags["2"]["falling"] and not flags["2"]["overdue"]
    assert flags["2"]["revenue_change"] == pytest.approx(-0.4)
    assert not flags["3"]["at_risk"]  # two purchases: no rhythm; no previous revenue
    assert not flags["4"]["at_risk"]  # 20 % down is within the 30 % allowed
    ordered = at_risk(customers, rhythm)["customer_id"].to_list()
    assert ordered[:2] == ["1", "2"]
    with pytest.raises(ValueError, match="share"):
        at_risk(customers, rhythm, drop_share=1.5)


# --- the demo company against an independent computation --------------------------------


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo")
    db = folder / "demo.duckdb"
    store = Store(db)
    import_sales(store, DEMO, dataset="Demo")
    store.close()
    return db


def _raw_yearly() -> dict[int, tuple[int, int, float]]:
    """Year → (base, kept, revenue rate), straight from the raw export with polars."""
    raw = pl.read_csv(DEMO, separator=";", encoding="windows-1252", infer_schema=False)
    lines = raw.select(
        pl.col("Kundnr").alias("customer"),
        pl.col("Fakturadatum").str.to_date().dt.year().alias("year"),
        pl.col("Belopp exkl. moms").str.replace(",", ".").cast(pl.Float64).alias("amount"),
    )
    per_year = lines.group_by("customer", "year").agg(pl.col("amount").sum())
    revenue = {(c, y): a for c, y, a in per_year.iter_rows()}
    result = {}
    years = sorted(per_year["year"].unique())
    for year in years[1:]:
        base = [c for (c, y), a in revenue.items() if y == year - 1 and a > 0]
        kept = [c for c in base if revenue.get((c, year), 0) > 0]
        before = sum(revenue[(c, year - 1)] for c in base)
        after = sum(revenue.get((c, year), 0.0) for c in base)
        result[year] = (len(base), len(kept), after / before)
    return result


def test_demo_retention_against_the_raw_file(demo):
    expected = _raw_yearly()
    store = Store(demo)
    try:
        activity = customer_activity(store, dataset_id=store.dataset_id("Demo"), basis="year")
    finally:
        store.close()
    rows = {
        r["period_start"].year: r
        for r in retention_rates(activity).filter(pl.col("group") == "all").iter_rows(named=True)
    }
    assert set(rows) == set(expected) == {2023, 2024, 2025, 2026}
    for year, (base, kept, revenue_rate) in expected.items():
        assert (rows[year]["base"], rows[year]["kept"]) == (base, kept), year
        assert rows[year]["revenue_rate"] == pytest.approx(revenue_rate, rel=1e-9)
    assert rows[2023]["partial"] and rows[2026]["partial"] and not rows[2024]["partial"]


def test_cli_retention_json(demo, capsys):
    assert main(["retention", "--db", str(demo), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    expected = _raw_yearly()
    logo = result["yearly_logo_retention"]
    assert set(logo) == {str(y) for y in expected}
    for year, (base, kept, revenue_rate) in expected.items():
        assert logo[str(year)] == {"base": base, "kept": kept, "rate": pytest.approx(kept / base)}
        assert result["yearly_revenue_retention"][str(year)] == pytest.approx(revenue_rate)


def test_cli_retention_text_and_errors(demo, tmp_path, capsys):
    assert main(["retention", "--db", str(demo)]) == 0
    assert "2024" in capsys.readouterr().out
    assert main(["retention", "--db", str(tmp_path / "none.duckdb")]) == 2
    assert "no database" in capsys.readouterr().err
    single = store_with_export(
        tmp_path, "Kundnr;Fakturadatum;Belopp\n1;2024-01-10;100\n", name="single"
    )
    single.close()
    assert main(["retention", "--db", str(tmp_path / "single.duckdb")]) == 2
    assert "Not enough history" in capsys.readouterr().err


def test_cli_clv(capsys):
    assert main(["clv", "--margin", "1000", "--retention", "0.8", "--discount", "0.1"]) == 0
    out = capsys.readouterr().out
    assert "2.667" in out and "2666.67" in out
    assert (
        main(["clv", "--margin", "1000", "--retention", "0.8", "--discount", "0.1", "--json"]) == 0
    )
    result = json.loads(capsys.readouterr().out)
    assert result["multiplier"] == pytest.approx(2.6667, abs=1e-4)
    assert result["value"] == pytest.approx(2666.67, abs=0.01)
    assert result["lifetime_years"] == pytest.approx(5.0)
    assert main(["clv", "--margin", "1000", "--retention", "1.2", "--discount", "0.1"]) == 2
    assert "Retention" in capsys.readouterr().err
