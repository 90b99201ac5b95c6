"""The cost to serve: a three-customer case worked out by hand (drivers, allocation,
profit, waterfall, what-if, the criterion), the cost model and its storage.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import polars as pl
import pytest

from analytics.cli import main
from analytics.cost_models import (
    cost_models,
    delete_cost_model,
    load_cost_model,
    model_in_use,
    parse_costs,
    save_cost_model,
    use_cost_model,
)
from analytics.costs import DRIVERS, CostModel, count_drivers, model_from_dict
from analytics.ingest.pipeline import import_customers, import_sales
from analytics.metrics import Period, customer_metrics
from analytics.profit import (
    most_of,
    profit_summary,
    profit_table,
    profit_waterfall,
    what_if,
)
from analytics.store import Store

# A: invoice 1 (two lines, 1 200, paid 10 days late), invoice 2 (500: a small order).
# B: invoice 3 (5 000, no due or paid date) and a credit note 4 (-400).
# C: invoice 5 (three lines of 100, one without cost: margin unknown).
SALES = (
    "Kundnr;Kundnamn;Fakturanr;Fakturadatum;Förfallodatum;Betaldatum;Belopp;Kostnad\n"
    "A;Alfa;1;2024-01-10;2024-02-09;2024-02-19;700;500\n"
    "A;Alfa;1;2024-01-10;2024-02-09;2024-02-19;500;300\n"
    "A;Alfa;2;2024-02-01;2024-03-02;2024-03-02;500;300\n"
    "B;Beta;3;2024-03-01;;;5000;3000\n"
    "B;Beta;4;2024-04-01;;;-400;-250\n"
    "C;Gamma;5;2024-05-01;2024-05-31;2024-05-31;100;50\n"
    "C;Gamma;5;2024-05-01;2024-05-31;2024-05-31;110;60\n"
    "C;Gamma;5;2024-05-01;2024-05-31;2024-05-31;90;\n"
)
MASTER = "Kundnr;Kundnamn;Kundansvarig\nA;Alfa;\nB;Beta;Lena Wallin\nC;Gamma;\n"
YEAR = Period(date(2024, 1, 1), date(2024, 12, 31))
D = Decimal


@pytest.fixture
def store(tmp_path):
    sales = tmp_path / "sales.csv"
    sales.write_text(SALES, encoding="utf-8")
    master = tmp_path / "master.csv"
    master.write_text(MASTER, encoding="utf-8")
    db = Store(tmp_path / "c.duckdb")
    import_sales(db, sales, dataset="t")
    import_customers(db, master, dataset="t")
    yield db
    db.close()


def _by_id(frame: pl.DataFrame) -> dict[str, dict]:
    return {row["customer_id"]: row for row in frame.iter_rows(named=True)}


def _table(store: Store, model: CostModel, **options) -> dict[str, dict]:
    built = profit_table(
        store, dataset_id=store.dataset_id("t"), period=YEAR, model=model, **options
    )
    return _by_id(built["customers"])


def test_drivers_are_counted_per_customer(store):
    drivers = count_drivers(
        store, dataset_id=store.dataset_id("t"), period=YEAR, small_order_limit=D(1000)
    )
    counted = {
        r["customer_id"]: (
            r["n_order"],
            r["n_line"],
            r["n_credit_note"],
            r["n_small_order"],
            r["late_amount_days"],
        )
        for r in drivers.iter_rows(named=True)
    }
    assert counted == {
        "A": (2, 3, 0, 1, D(1200 * 10)),  # 1 200 paid 10 days after its due date
        "B": (2, 2, 1, 0, D(0)),  # the credit note is no small order
        "C": (1, 3, 0, 1, D(0)),
    }


def test_allocation_by_hand(store):
    rows = _table(store, CostModel())
    a, b, c = rows["A"], rows["B"], rows["C"]
    # A: 2 orders 700, 3 lines 75, a small order 150, capital 12 000 × 0.08 / 365 =
    # 2.6301, account 500.
    costs = [D(700), D(75), D(0), D(150), D("2.6301"), D(500)]
    # The export has none of the optional columns: they cost 0.
    assert [a[f"cost_{d}"] for d in DRIVERS] == costs + [D(0)] * 6
    assert a["cost_to_serve"] == D("1427.6301")
    assert a["profit"] == D(600) - D("1427.6301")
    # B: 2 orders 700, 2 lines 50, a credit note 500, account 500; margin 4 600 − 2 750.
    assert b["cost_to_serve"] == D(1750)
    assert b["profit"] == D(1850) - D(1750)
    # C: its margin is unknown, so is its profit; its cost to serve is not.
    assert c["cost_to_serve"] == D(350 + 75 + 150 + 500)
    assert c["profit"] is None


def test_assumed_margin_stands_in_where_cost_is_unknown(store):
    rows = _table(store, CostModel(), assumed_margin=0.25)
    assert rows["C"]["margin"] == D(75)  # 300 × 25 %
    assert rows["C"]["margin_assumed"] is True
    assert rows["C"]["profit"] == D(75 - 1075)
    assert rows["A"]["margin_assumed"] is False


def test_key_account_and_tier_costs(store):
    model = CostModel(key_account=D(1000), account_a=D(2000))
    tiers = pl.DataFrame({"customer_id": ["A", "B", "C"], "tier": ["A", "B", "C"]})
    rows = _table(store, model, tiers=tiers)
    assert rows["A"]["cost_account"] == D(2000)  # the A tier's cost
    assert rows["B"]["cost_account"] == D(500 + 1000)  # B has a key-account manager
    assert rows["C"]["cost_account"] == D(500)
    # Without tiers the tier costs do not apply.
    assert _table(store, model)["A"]["cost_account"] == D(500)


def test_small_order_limit_is_a_unit_of_the_model(store):
    rows = _table(store, CostModel(small_order_limit=D(200)))
    assert rows["A"]["n_small_order"] == 0
    assert rows["C"]["n_small_order"] == 0  # 300 is not below 200


def test_summary_counts_the_unprofitable_and_the_largest_loss(store):
    summary = profit_summary(_table_frame(store))
    assert summary["unprofitable_customers"] == 1  # A; C's profit is unknown
    assert summary["unprofitable_by_margin"] == 0
    assert summary["profit"] == D(600 + 1850) - D("1427.6301") - D(1750)
    loss = summary["largest_loss"]
    assert (loss["customer_id"], loss["driver"], loss["driver_count"]) == ("A", "order", 2)
    # Whale peak: B earns 100, A loses 827.6301; the peak 100 over the total −727.63 has
    # no share (the total is below zero).
    assert summary["whale_peak"] is None
    assert summary["whale_peak_margin"] == pytest.approx(1.0)


def _table_frame(store: Store, model: CostModel | None = None) -> pl.DataFrame:
    return profit_table(
        store, dataset_id=store.dataset_id("t"), period=YEAR, model=model or CostModel()
    )["customers"]


def test_waterfall_runs_from_revenue_to_profit(store):
    steps = profit_waterfall(_table_frame(store), customer_id="A")
    assert steps["step"].to_list() == [
        "revenue",
        "cost_of_goods",
        "gross_margin",
        *DRIVERS[:6],  # the optional drivers only where they cost something
        "profit",
    ]
    amounts = dict(zip(steps["step"], steps["amount"], strict=True))
    assert amounts["revenue"] == D(1700)
    assert amounts["cost_of_goods"] == D(-1100)
    assert amounts["gross_margin"] == D(600)
    assert amounts["order"] == D(-700)
    assert amounts["profit"] == D("-827.6301")
    last_cost = steps.filter(pl.col("step") == "account").row(0, named=True)
    assert last_cost["end"] == pytest.approx(-827.6301)
    assert profit_waterfall(_table_frame(store), customer_id="C").is_empty()


def test_what_if_changes_one_unit_cost_for_a_group(store):
    built = profit_table(store, dataset_id=store.dataset_id("t"), period=YEAR, model=CostModel())
    group = most_of(built["customers"], driver="order", count=1)
    assert group == ["A"]  # A and B have 2 orders each: the tie goes by customer id
    result = what_if(
        built["customers"],
        built["drivers"],
        model=CostModel(),
        driver="order",
        unit_cost="60",
        group=group,
    )
    after, before = _by_id(result["after"]), _by_id(result["before"])
    assert after["A"]["cost_order"] == D(120)
    assert after["B"]["cost_order"] == before["B"]["cost_order"] == D(700)
    assert result["change"] == D(2 * (350 - 60))
    assert result["after_summary"]["unprofitable_customers"] == 1  # A still loses 247.63
    assert after["A"]["profit"] == D("-827.6301") + D(580)
    assert result["after_curve"]["customer_id"].to_list() == ["B", "A"]


def test_customer_profit_is_a_metric_under_the_model_in_use(store):
    dataset = store.dataset_id("t")
    metrics = _by_id(customer_metrics(store, dataset_id=dataset, period=YEAR))
    assert metrics["A"]["customer_profit"] == D("-827.6301")
    assert metrics["C"]["customer_profit"] is None
    save_cost_model(store, dataset_id=dataset, name="web", model=CostModel(order=D(0)), in_use=True)
    metrics = _by_id(customer_metrics(store, dataset_id=dataset, period=YEAR))
    assert metrics["A"]["customer_profit"] == D("-827.6301") + D(700)


# --- the model and its storage -----------------------------------------------------------


@pytest.mark.parametrize(
    ("costs", "match"),
    [
        ({"order": "-1"}, "order"),
        ({"line": "abc"}, "line"),
        ({"capital_rate": "8"}, "fraction"),
        ({"postage": "10"}, "Unknown"),
        ({"discount": "2"}, "share"),
    ],
)
def test_bad_unit_costs_are_refused(costs, match):
    with pytest.raises(ValueError, match=match):
        model_from_dict(costs)


def test_set_changes_only_the_named_costs():
    base = CostModel(credit_note=D(700))
    changed = parse_costs("order=100, line=0", base=base)
    assert (changed.order, changed.line, changed.credit_note) == (D(100), D(0), D(700))
    assert changed.small_order == base.small_order


def test_models_are_saved_per_data_set_and_one_is_in_use(store):
    dataset = store.dataset_id("t")
    assert model_in_use(store, dataset_id=dataset) == (None, CostModel())
    save_cost_model(store, dataset_id=dataset, name="today", model=CostModel(line=D("27.5")))
    save_cost_model(store, dataset_id=dataset, name="web", model=CostModel(order=D(60)))
    assert sorted(cost_models(store, dataset_id=dataset)) == ["today", "web"]
    assert load_cost_model(store, dataset_id=dataset, name="today").line == D("27.5")
    assert load_cost_model(store, dataset_id=dataset + 1, name="today") is None
    use_cost_model(store, dataset_id=dataset, name="web")
    assert model_in_use(store, dataset_id=dataset) == ("web", CostModel(order=D(60)))
    # Saving it again keeps it in use; another model in use replaces it.
    save_cost_model(store, dataset_id=dataset, name="web", model=CostModel(order=D(70)))
    assert model_in_use(store, dataset_id=dataset)[0] == "web"
    save_cost_model(store, dataset_id=dataset, name="today", model=CostModel(), in_use=True)
    assert model_in_use(store, dataset_id=dataset)[0] == "today"
    delete_cost_model(store, dataset_id=dataset, name="today")
    assert model_in_use(store, dataset_id=dataset) == (None, CostModel())
    with pytest.raises(ValueError, match="No cost model"):
        use_cost_model(store, dataset_id=dataset, name="today")


# --- the command line ----------------------------------------------------------------------


def test_cli_profit_json_keys_and_set_leaves_the_other_costs(store, capsys):
    dataset = store.dataset_id("t")
    saved = CostModel(credit_note=D(700), account=D(300))
    save_cost_model(store, dataset_id=dataset, name="ours", model=saved, in_use=True)
    path = store.path
    store.close()
    code = main(
        [
            "profit",
            "--db",
            path,
            "--period",
            "2024-01-01:2024-12-31",
            "--set",
            "order=100,line=0",
            "--json",
        ]
    )
    assert code == 0
    result = json.loads(capsys.readouterr().out)
    assert {"customers", "unprofitable_customers", "whale_peak", "model"} <= set(result)
    assert result["model_name"] == "ours"
    model = result["model"]
    assert (model["order"], model["line"]) == (100, 0)
    assert (model["credit_note"], model["account"]) == (700, 300)  # the saved model's
    assert model["small_order"] == 150  # the default, kept by the saved model
    rows = {c["customer_id"]: c for c in result["customers"]}
    assert set(rows["B"]) >= {
        "customer_id",
        "revenue",
        "gross_margin",
        "cost_to_serve",
        "profit",
        "drivers",
    }
    # B: 2 orders × 100, no line cost, a credit note 700, account 300.
    assert rows["B"]["drivers"] == {
        "order": 200,
        "line": 0,
        "credit_note": 700,
        "small_order": 0,
        "capital_rate": 0,
        "account": 300,
        # the export has no returned quantity, delivery date, freight, discount, channel
        # or delivery method: those drivers cost 0
        **dict.fromkeys(
            ("returned", "delivery", "freight", "discount", "channel", "delivery_method"), 0
        ),
    }
    assert rows["B"]["cost_to_serve"] == 1200
    assert rows["B"]["profit"] == 1850 - 1200
    assert rows["C"]["profit"] is None
    # A: 200 + 150 (small order) + 2.6301 + 300 = 652.6301 against a margin of 600.
    assert rows["A"]["profit"] == pytest.approx(600 - 652.6301)
    assert result["unprofitable_customers"] == 1


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--set", "order=-5"], "order"),
        (["--set", "postage=5"], "Unknown"),
        (["--model", "nobody"], "no cost model"),
    ],
)
def test_cli_profit_refuses_bad_input_in_one_line(store, capsys, argv, message):
    path = store.path
    store.close()
    assert main(["profit", "--db", path, *argv]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert err.count("\n") == 1
