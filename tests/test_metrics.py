"""Customer metrics: periods, hand-checked small cases, the demo data against plain polars."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import polars as pl
import pytest

from analytics.cli import main
from analytics.ingest.pipeline import import_sales
from analytics.metrics import Period, customer_metrics, data_bounds, resolve_period
from analytics.store import Store
from tests.paths import DEMO, ROOT
from tests.samples import cli_db_with, import_text

SMALL = (
    "Kundnr;Kundnamn;Fakturanr;Fakturadatum;Förfallodatum;Betaldatum;Varugrupp;Belopp;Kostnad\n"
    "001;Alfa;1;2023-03-01;2023-03-31;2023-03-31;Verktyg;100;50\n"
    "001;Alfa;2;2024-01-10;2024-02-09;2024-02-19;Verktyg;300;200\n"
    "001;Alfa;2;2024-01-10;2024-02-09;2024-02-19;El;100;20\n"
    "001;Alfa;3;2024-06-01;2024-07-01;2024-07-31;El;200;100\n"
    "002;Beta;4;2024-12-31;2025-01-30;;VVS;50;\n"
    "003;Gamma;5;2023-06-01;2023-07-01;2023-07-01;VVS;80;40\n"
)


@pytest.mark.parametrize(
    ("spec", "start", "end"),
    [
        ("12m", date(2025, 11, 1), date(2026, 10, 31)),
        ("24m", date(2024, 11, 1), date(2026, 10, 31)),
        ("all", date(2022, 11, 1), date(2026, 10, 31)),
        ("2024-01-01:2024-06-30", date(2024, 1, 1), date(2024, 6, 30)),
    ],
)
def test_resolve_period(spec, start, end):
    period = resolve_period(spec, first=date(2022, 11, 1), last=date(2026, 10, 31))
    assert (period.start, period.end) == (start, end)


def test_twelve_months_after_a_leap_day():
    period = resolve_period("12m", first=date(2020, 1, 1), last=date(2024, 2, 29))
    assert period.start == date(2023, 3, 1)


@pytest.mark.parametrize("spec", ["week", "0m", "2024-06-30:2024-01-01", "2024-13-01:2024-12-01"])
def test_bad_period_is_explained(spec):
    with pytest.raises(ValueError, match=r"period|month"):
        resolve_period(spec, first=date(2020, 1, 1), last=date(2024, 1, 1))


@pytest.mark.parametrize(
    ("period", "years"),
    [
        # Whole calendar months are months / 12, whatever their days.
        (Period(date(2025, 10, 31), date(2026, 10, 30)), 1),  # 12m, 365 days
        (Period(date(2024, 1, 1), date(2024, 12, 31)), 1),  # 366 days
        (Period(date(2023, 3, 1), date(2024, 2, 29)), 1),  # 12m ending on a leap day
        (Period(date(2024, 11, 1), date(2026, 10, 31)), 2),  # 24m
        (Period(date(2026, 3, 1), date(2026, 8, 31)), 0.5),  # 6m, 184 days
        (Period(date(2026, 3, 1), date(2026, 3, 30)), 1 / 12),  # 1m ending 2026-03-30
        # Anything else by days: 10 days, and 2024-01-31 – 2024-02-29 (30 days).
        (Period(date(2024, 1, 1), date(2024, 1, 10)), 10 / 365.25),
        (Period(date(2024, 1, 31), date(2024, 2, 29)), 30 / 365.25),
    ],
)
def test_period_years(period, years):
    assert period.years == pytest.approx(years)


@pytest.mark.parametrize("months", [1, 6, 12, 24, 36])
@pytest.mark.parametrize("last", [date(2026, 10, 30), date(2024, 2, 29), date(2026, 3, 31)])
def test_a_period_of_months_is_months_long(months, last):
    period = resolve_period(f"{months}m", first=date(2000, 1, 1), last=last)
    assert period.years == pytest.approx(months / 12)


def test_previous_period_has_equal_length():
    period = Period(date(2023, 1, 1), date(2023, 12, 31))
    assert period.previous == Period(date(2022, 1, 1), date(2022, 12, 31))


def test_small_case_by_hand(store, tmp_path):
    dataset = import_text(store, SMALL, tmp_path)
    assert data_bounds(store, dataset_id=dataset) == (date(2023, 3, 1), date(2024, 12, 31))
    period = Period(date(2024, 1, 1), date(2024, 12, 31))
    # The previous equal period (366 days) is 2022-12-31 – 2023-12-31: Alfa's 100.
    rows = {
        r["customer_id"]: r
        for r in customer_metrics(store, dataset_id=dataset, period=period).iter_rows(named=True)
    }
    assert set(rows) == {"001", "002"}  # Gamma bought nothing in 2024
    alfa = rows["001"]
    assert alfa["revenue"] == pytest.approx(600)
    assert alfa["gross_margin"] == pytest.approx((300 - 200) + (100 - 20) + (200 - 100))
    assert alfa["margin_pct"] == pytest.approx(280 / 600 * 100)
    assert alfa["growth"] == pytest.approx((600 - 100) / 100 * 100)
    assert alfa["invoices"] == 2
    assert alfa["frequency"] == 2  # two invoices in the (leap) year 2024: 2 a year
    assert alfa["recency"] == (date(2024, 12, 31) - date(2024, 6, 1)).days
    assert alfa["tenure"] == pytest.approx((date(2024, 12, 31) - date(2023, 3, 1)).days / 365.25)
    assert alfa["payment_delay"] == pytest.approx((10 + 30) / 2)
    assert alfa["breadth"] == 2
    beta = rows["002"]
    assert beta["gross_margin"] is None  # cost unknown stays unknown
    assert beta["margin_pct"] is None
    assert beta["growth"] is None  # nothing bought the year before
    assert beta["payment_delay"] is None  # not paid yet
    assert beta["recency"] == 0


def test_team_scores_and_master_join(store, tmp_path):
    dataset = import_text(store, SMALL, tmp_path)
    scores = pl.DataFrame({"customer_id": ["001"], "criterion": ["potential"], "value": [4.0]})
    store.save_team_scores(dataset, scores, by="test")
    period = Period(date(2024, 1, 1), date(2024, 12, 31))
    table = customer_metrics(store, dataset_id=dataset, period=period)
    assert dict(zip(table["customer_id"], table["potential"], strict=True)) == {
        "001": 4.0,
        "002": None,
    }


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    store = Store(tmp_path_factory.mktemp("demo") / "demo.duckdb")
    import_sales(store, DEMO, dataset="demo")
    yield store
    store.close()


def _raw_demo() -> pl.DataFrame:
    raw = pl.read_csv(DEMO, separator=";", encoding="windows-1252", infer_schema=False)
    return raw.select(
        pl.col("Kundnr").alias("customer_id"),
        pl.col("Fakturadatum").str.to_date().alias("date"),
        pl.col("Belopp exkl. moms").str.replace(",", ".").cast(pl.Decimal(18, 2)).alias("revenue"),
        pl.col("Självkostnad").str.replace(",", ".").cast(pl.Decimal(18, 2)).alias("cost"),
    )


def test_demo_metrics_match_an_independent_computation(demo):
    raw = _raw_demo()
    last = raw["date"].max()
    period = resolve_period("12m", first=raw["date"].min(), last=last)
    previous = period.previous
    expected = (
        raw.filter(pl.col("date").is_between(period.start, period.end))
        .group_by("customer_id")
        .agg(
            pl.col("revenue").sum().alias("revenue"),
            (pl.col("revenue") - pl.col("cost")).sum().alias("margin"),
            pl.col("date").max().alias("last"),
        )
    )
    before = (
        raw.filter(pl.col("date").is_between(previous.start, previous.end))
        .group_by("customer_id")
        .agg(pl.col("revenue").sum().alias("prev"))
    )
    table = customer_metrics(demo, dataset_id=demo.dataset_id("demo"), period=period)
    joined = table.join(expected, on="customer_id", how="full", coalesce=True).join(
        before, on="customer_id", how="left"
    )
    assert table.height == expected.height
    # Exact: the sums of decimals agree to the last öre.
    assert joined["revenue"].to_list() == joined["revenue_right"].to_list()
    assert joined["gross_margin"].to_list() == joined["margin"].to_list()
    recency = [(last - d).days for d in joined["last"]]
    assert joined["recency"].to_list() == recency
    growing = joined.filter(pl.col("prev") > 0)
    change = (growing["revenue"] - growing["prev"]).cast(pl.Float64)
    growth = (change / growing["prev"].cast(pl.Float64) * 100).to_list()
    assert growing["growth"].to_list() == pytest.approx(growth)


@pytest.fixture
def small_db(tmp_path, capsys):
    return cli_db_with(tmp_path, SMALL, capsys, name="small")


def test_cli_score_json(small_db, capsys):
    args = ["score", "--db", str(small_db), "--period", "all", "--weights", "revenue=1"]
    assert main([*args, "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    # Revenue over all data: Alfa 700, Gamma 80, Beta 50.
    ids = [row["customer_id"] for row in result["customers"]]
    assert ids == ["001", "003", "002"]
    assert [row["score"] for row in result["customers"]] == pytest.approx([100, 50, 0])
    assert [row["tier"] for row in result["customers"]] == ["A", "B", "C"]
    assert result["customers"][0]["contributions"] == {"revenue": pytest.approx(100)}


def test_cli_score_text_lists_contributions_and_custom_tiers(small_db, capsys):
    args = ["score", "--db", str(small_db), "--period", "all", "--weights", "revenue=1"]
    assert main([*args, "--tiers", "0.5,0.5"]) == 0
    lines = capsys.readouterr().out.splitlines()
    # Revenue over all data: Alfa 700 (score 100), Gamma 80 (50), Beta 50 (0); with
    # A = half of 3 customers → 2, B the rest.
    assert [line.split()[:3] for line in lines[1:]] == [
        ["1", "A", "100.00"],
        ["2", "A", "50.00"],
        ["3", "B", "0.00"],
    ]
    assert lines[1].endswith("[revenue=100.0]")


def test_cli_score_says_when_the_period_has_no_customers(small_db, capsys):
    args = ["score", "--db", str(small_db), "--period", "2030-01-01:2030-12-31"]
    assert main(args) == 0
    assert "no customer bought in this period" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ("revenue=0", "All weights are zero"),
        ("revenue=inf", "finite"),
        ("revenue=nan", "finite"),
    ],
)
def test_cli_score_refuses_bad_weights(small_db, capsys, weights, message):
    assert main(["score", "--db", str(small_db), "--weights", weights]) == 2
    assert message in capsys.readouterr().err


@pytest.mark.parametrize(("tiers", "message"), [("0.7,0.5", "Tier shares"), ("a,b", "--tiers")])
def test_cli_score_refuses_bad_tiers(small_db, capsys, tiers, message):
    assert main(["score", "--db", str(small_db), "--tiers", tiers]) == 2
    assert message in capsys.readouterr().err


@pytest.mark.parametrize("top", ["0", "-3", "two"])
def test_cli_score_top_must_be_at_least_one(small_db, capsys, top):
    with pytest.raises(SystemExit) as stop:
        main(["score", "--db", str(small_db), "--top", top])
    assert stop.value.code == 2
    assert "at least 1" in capsys.readouterr().err


def test_cli_output_into_a_closed_pipe_ends_quietly(tmp_path):
    # 3 000 customers print far more than a pipe holds, so the reader's early close
    # reaches the writer.
    rows = [f"K{i:05d};2024-01-05;{i}" for i in range(3000)]
    path = tmp_path / "many.csv"
    path.write_text("Kundnr;Fakturadatum;Belopp\n" + "\n".join(rows) + "\n", encoding="utf-8")
    db = tmp_path / "many.duckdb"
    assert main(["import", str(path), "--db", str(db)]) == 0
    command = [sys.executable, "-m", "analytics", "customers", "--db", str(db), "--json"]
    with subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as child:
        assert child.stdout.read(100)
        child.stdout.close()
        stderr = child.stderr.read().decode()
        code = child.wait(timeout=120)
    assert "Traceback" not in stderr
    assert code == 0


def test_cli_criteria_lists_the_keys(capsys):
    assert main(["criteria"]) == 0
    keys = [line.split("\t")[0] for line in capsys.readouterr().out.splitlines()]
    assert keys[:3] == ["revenue", "gross_margin", "margin_pct"]
    assert len(keys) == 15
    assert "customer_profit" in keys
