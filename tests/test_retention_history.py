"""Retention on histories that are not neat: a year without any sale, and a base period
that holds only a few days of data (marked, and left out of the scenario and the lifetime
values). Counts worked out by hand from the literal lines."""

from __future__ import annotations

import json
from datetime import date

import polars as pl

from analytics.cli import main
from analytics.ingest.pipeline import import_sales
from analytics.retention import customer_activity, latest_rates, retention_rates
from locales import catalog
from tests.apptest import open_page, store_with
from tests.samples import cli_db_with
from tests.test_retention_page import sample_export

SV = catalog("sv")

# Sales in 2021 and 2023 only: customers 1 and 2 in 2021, 1 and 3 in 2023.
GAP = (
    "Kundnr;Fakturadatum;Belopp\n"
    "1;2021-01-04;100\n"
    "2;2021-12-20;50\n"
    "1;2023-03-01;100\n"
    "3;2023-12-28;70\n"
)

# An export that starts three days before the year ends: 2023 holds 3 days of data.
SHORT = (
    "Kundnr;Fakturadatum;Belopp\n"
    "1;2023-12-29;100\n"
    "2;2023-12-30;100\n"
    "1;2024-03-01;100\n"
    "3;2024-12-31;100\n"
)


def _store(store, tmp_path, text):
    path = tmp_path / "e.csv"
    path.write_text(text, encoding="utf-8")
    import_sales(store, path)
    return store


def test_a_year_without_sales_is_a_period_of_its_own(store, tmp_path):
    activity = customer_activity(_store(store, tmp_path, GAP), dataset_id=1, basis="year")
    quiet = activity.filter(pl.col("period") == 1).row(0, named=True)
    assert (quiet["period_start"], quiet["customer_id"], quiet["revenue"]) == (
        date(2022, 1, 1),
        None,
        None,
    )


def test_retention_across_a_year_without_sales(store, tmp_path):
    activity = customer_activity(_store(store, tmp_path, GAP), dataset_id=1, basis="year")
    rates = retention_rates(activity).filter(pl.col("group") == "all")
    # Into 2022: both 2021 customers left (0 of 2). Into 2023: nobody bought in 2022, so
    # there is no base and no rate.
    assert rates.select("period_start", "base", "kept").rows() == [(date(2022, 1, 1), 2, 0)]


def test_cli_retention_across_a_year_without_sales(tmp_path, capsys):
    db = cli_db_with(tmp_path, GAP, capsys, name="e")
    assert main(["retention", "--db", str(db), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["yearly_logo_retention"] == {"2022": {"base": 2, "kept": 0, "rate": 0.0}}
    assert result["currency"] == "SEK"


def test_retention_page_across_a_year_without_sales(tmp_path, monkeypatch):
    at = open_page(
        store_with(tmp_path, sample_export((2021, 2023, 2024))), monkeypatch, "pages/retention.py"
    )
    assert not at.exception
    at.segmented_control(key="ret_basis").set_value("year").run()
    assert not at.exception
    # Into 2022 everyone of 2021 left; into 2023 there is no base (nobody bought in 2022).
    assert set(at.dataframe[0].value["period"]) == {"2022", "2024"}


def test_a_base_period_of_a_few_days_is_marked_short(store, tmp_path):
    activity = customer_activity(_store(store, tmp_path, SHORT), dataset_id=1, basis="year")
    row = retention_rates(activity).filter(pl.col("group") == "all").row(0, named=True)
    # 2023 holds 29, 30 and 31 December: 3 days. 1 of its 2 customers buys in 2024.
    assert (row["base"], row["kept"], row["base_days"]) == (2, 1, 3)
    assert row["short_base"] and row["partial"]


def test_a_short_base_is_left_out_of_the_latest_rates(store, tmp_path):
    activity = customer_activity(_store(store, tmp_path, SHORT), dataset_id=1, basis="12m")
    assert latest_rates(retention_rates(activity)).is_empty()


def test_a_usable_rate_is_kept_beside_a_short_one(store, tmp_path):
    text = SHORT + "1;2025-02-01;100\n2;2025-12-31;100\n"
    activity = customer_activity(_store(store, tmp_path, text), dataset_id=1, basis="year")
    latest = latest_rates(retention_rates(activity))
    row = latest.filter(pl.col("group") == "all").row(0, named=True)
    # Into 2025: 2024's customers 1 and 3; customer 1 buys again.
    assert (row["period_start"], row["base"], row["kept"]) == (date(2025, 1, 1), 2, 1)


def test_cli_retention_names_a_short_base(tmp_path, capsys):
    db = cli_db_with(tmp_path, SHORT, capsys, name="e")
    assert main(["retention", "--db", str(db), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["short_base_years"] == [2024]
    assert result["partial_years"] == [2024]


def test_retention_page_leaves_out_the_scenario_on_a_short_base(tmp_path, monkeypatch):
    at = open_page(store_with(tmp_path, SHORT), monkeypatch, "pages/retention.py")
    assert not at.exception
    expected = SV["ret.short_base_none"].format(days="3", min="90")
    assert expected in [i.value for i in at.info]
    assert SV["ret.scenario"] not in [h.value for h in at.subheader]
