"""The cost-to-serve page's builders without Streamlit: the cost model as the editor's
rows and back, the drivers' table, the headline sentence, the what-if sentence, the
waterfall and the whale curves, on a three-customer case worked out by hand."""

from __future__ import annotations

from decimal import Decimal

import polars as pl
import pytest

from analytics.concentration import with_margin
from analytics.costs import COST_KEYS, DRIVERS, CostModel, allocate
from analytics.money import MONEY_TOTAL
from analytics.profit import most_of, profit_summary, profit_waterfall, what_if
from locales import catalog
from locales.formats import vega_locale
from ui.costs.charts import (
    STEP_KEYS,
    margin_profit_whale_chart,
    waterfall_chart,
    whatif_chart,
)
from ui.costs.sentences import (
    GROUP_KEYS,
    WHATIF_COST_KEYS,
    cost_total_sentence,
    foreign_defaults_note,
    headline,
    margin_notice,
    summary_sentence,
    whatif_sentence,
)
from ui.costs.tables import (
    COST_LABEL_KEYS,
    DRIVER_KEYS,
    compare_rows,
    driver_rows,
    model_from_rows,
    model_rows,
)

D = Decimal
NBSP = "\u00a0"
# Alfa: 100 000 revenue, 20 000 margin; 40 orders (14 000), 100 lines (2 500), 30 small
#   orders (4 500), account 500: cost 21 500, profit −1 500.
# Beta: 50 000 / 10 000; 2 orders (700), 4 lines (100), account 500: cost 1 300, profit 8 700.
# Gamma: 10 000 / 3 000; 1 order (350), 1 line (25), a credit note (500), 365 000 amount ×
#   days late at 8 % (365 000 × 0.08 ÷ 365 = 80), account 500: cost 1 455, profit 1 545.
METRICS = pl.DataFrame(
    {
        "customer_id": ["A", "B", "C"],
        "customer_name": ["Alfa", "Beta", "Gamma"],
        "revenue": [D(100_000), D(50_000), D(10_000)],
        "gross_margin": [D(20_000), D(10_000), D(3_000)],
    },
    schema_overrides={"revenue": MONEY_TOTAL, "gross_margin": MONEY_TOTAL},
)
DRIVER_COUNTS = pl.DataFrame(
    {
        "customer_id": ["A", "B", "C"],
        "n_order": [40, 2, 1],
        "n_line": [100, 4, 1],
        "n_credit_note": [0, 0, 1],
        "n_small_order": [30, 0, 0],
        "late_amount_days": [D(0), D(0), D(365_000)],
        "n_dated": [0, 0, 1],
    },
    schema_overrides={"late_amount_days": MONEY_TOTAL},
)


@pytest.fixture
def customers() -> pl.DataFrame:
    return allocate(with_margin(METRICS), DRIVER_COUNTS, model=CostModel())


# --- the cost model as rows --------------------------------------------------------------


def test_the_editor_rows_hold_every_unit_cost_capital_in_per_cent():
    rows = model_rows(CostModel(), currency="SEK", lang="sv")
    assert rows["key"].to_list() == list(COST_KEYS)
    values = dict(zip(rows["key"], rows["unit_cost"], strict=True))
    assert values["order"] == 350.0
    assert values["capital_rate"] == 8.0
    assert values["account_a"] is None


def test_the_editor_rows_show_the_defaults_as_assumptions():
    rows = model_rows(CostModel(order=D(60)), currency="SEK", lang="sv")
    row = rows.row(0, named=True)
    assert row["unit_cost"] == 60.0
    assert row["default"] == "350 kr"
    assert row["unit"] == "kr per order"
    assert row["item"] == "Kostnad per order"
    capital = rows.filter(pl.col("key") == "capital_rate").row(0, named=True)
    assert capital["default"] == f"8{NBSP}%"


@pytest.mark.parametrize(("lang", "written"), [("sv", "350 kr"), ("en", "SEK 350")])
def test_the_defaults_are_shown_in_their_own_currency(lang, written):
    # A data set in dollars: the assumption is still 350 kronor, not 350 dollars.
    rows = model_rows(CostModel(), currency="USD", lang=lang)
    assert rows.row(0, named=True)["default"] == written


@pytest.mark.parametrize(
    ("name", "currency", "warned"),
    [(None, "USD", True), (None, "usd", True), (None, "SEK", False), ("Vår modell", "USD", False)],
)
def test_the_defaults_pricing_another_currency_are_flagged(name, currency, warned):
    note = foreign_defaults_note(name, currency=currency, lang="sv")
    assert (note is not None) == warned
    if warned:
        assert "SEK" in note and currency in note


def test_edited_rows_read_back_into_an_exact_model():
    rows = model_rows(CostModel(), currency="SEK", lang="en")
    values = rows["unit_cost"].to_list()
    values[COST_KEYS.index("order")] = 60.0
    values[COST_KEYS.index("capital_rate")] = 8.5
    values[COST_KEYS.index("account_b")] = 1200.0
    model = model_from_rows(rows["key"].to_list(), values)
    assert model.order == D(60)
    assert model.capital_rate == D("0.085")
    assert model.account_b == D(1200)
    assert model.account_a is None
    assert model.line == D(25)


def test_unchanged_rows_give_the_same_model():
    model = CostModel(order=D("99.5"), capital_rate=D("0.1"), account_c=D(0))
    rows = model_rows(model, currency="SEK", lang="sv")
    assert model_from_rows(rows["key"].to_list(), rows["unit_cost"].to_list()) == model


@pytest.mark.parametrize(
    ("key", "value"), [("order", None), ("line", -1.0), ("capital_rate", 150.0)]
)
def test_an_empty_or_bad_unit_cost_is_refused(key, value):
    rows = model_rows(CostModel(), currency="SEK", lang="sv")
    values = rows["unit_cost"].to_list()
    values[COST_KEYS.index(key)] = value
    with pytest.raises(ValueError):
        model_from_rows(rows["key"].to_list(), values)


def test_every_unit_cost_and_driver_is_named():
    assert set(COST_LABEL_KEYS) == set(COST_KEYS)
    assert set(DRIVER_KEYS) == set(GROUP_KEYS) == set(DRIVERS)
    # A what-if changes one unit cost: not the channel's or delivery method's several.
    assert set(WHATIF_COST_KEYS) == set(DRIVERS) - {"channel", "delivery_method"}
    assert set(STEP_KEYS) == {"revenue", "cost_of_goods", "gross_margin", "profit", *DRIVERS}


# --- the drivers -----------------------------------------------------------------------------


def test_driver_rows_sum_counts_and_costs(customers):
    known = {**dict.fromkeys(DRIVERS, True)}
    rows = driver_rows(customers, known, currency="SEK", lang="sv")
    assert rows["count"].to_list() == [
        "43",
        "105",
        "1",
        "30",
        "365 tkr × dagar sent",
        "3 kunder",
        # the optional drivers, none counted here
        "0 enheter",
        "0 dagar",
        "0 kr",
        "0 kr",
        "0",
        "0",
    ]
    costs = [D(15_050), D(2_625), D(500), D(4_500), D(80), D(1_500)]
    assert rows["cost"].to_list() == costs + [D(0)] * 6
    assert rows["note"].null_count() == len(DRIVERS)


def test_a_driver_the_export_cannot_count_says_so(customers):
    known = {**dict.fromkeys(DRIVERS, True), "capital_rate": False}
    rows = driver_rows(customers, known, currency="SEK", lang="en")
    notes = dict(zip(rows["driver"], rows["note"], strict=True))
    assert notes["Cost of capital on late payments"] == catalog("en")["profit.no_capital"]
    assert notes["Orders"] is None


def test_an_optional_driver_without_its_column_is_not_in_the_export(customers):
    known = {**dict.fromkeys(DRIVERS, True), "freight": False}
    rows = driver_rows(customers, known, currency="SEK", lang="en")
    notes = dict(zip(rows["driver"], rows["note"], strict=True))
    assert notes["Net freight cost"] == "Not in the export: counts as 0."
    assert notes["Returned units"] is None


def test_the_model_table_shows_an_optional_drivers_costs_only_with_its_data():
    known = {**dict.fromkeys(DRIVERS, False), "channel": True, "freight": True}
    rows = model_rows(CostModel(), currency="SEK", lang="sv", known=known)
    keys = rows["key"].to_list()
    assert keys[:11] == list(COST_KEYS[:11])  # the drivers every export has
    assert keys[11:] == [
        "freight", "channel_web", "channel_phone", "channel_field", "channel_other"
    ]  # fmt: skip
    freight = rows.filter(pl.col("key") == "freight").row(0, named=True)
    assert (freight["unit_cost"], freight["default"]) == (100.0, f"100{NBSP}%")  # at cost
    field = rows.filter(pl.col("key") == "channel_field").row(0, named=True)
    assert (field["default"], field["unit"]) == ("400 kr", "kr per order, utöver")
    # A hidden unit cost keeps the model's value when the table is read back.
    model = CostModel(returned=D(12), delivery_express=D(99))
    shown = model_rows(model, currency="SEK", lang="sv", known=known)
    read = model_from_rows(shown["key"].to_list(), shown["unit_cost"].to_list(), base=model)
    assert read == model
    # Freight and discount are entered in per cent.
    values = shown["unit_cost"].to_list()
    values[shown["key"].to_list().index("freight")] = 50.0
    assert model_from_rows(shown["key"].to_list(), values, base=model).freight == D("0.5")


def test_the_cost_total_is_a_share_of_the_margin(customers):
    # 24 255 of 33 000 gross margin = 73.5 %.
    text = cost_total_sentence(profit_summary(customers), currency="SEK", lang="en")
    assert text == "Serving the customers costs SEK 24k in the period, 74% of the gross margin."


# --- the headline ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "sv",
            "Med kostnaden att betjäna går 1 av de 3 största kunderna med förlust; den största, "
            f"Alfa, kostar 1{NBSP}500 kr mer än den ger, mest genom 40 order.",
        ),
        (
            "en",
            "With the cost to serve, 1 of the 3 largest customers lose money; the largest, "
            "Alfa, costs SEK 1,500 more than it earns, mostly from 40 orders.",
        ),
    ],
)
def test_the_summary_names_the_largest_loss_maker_and_its_driver(customers, lang, expected):
    assert summary_sentence(profit_summary(customers), currency="SEK", lang=lang) == expected


def test_the_summary_escapes_the_customer_name(customers):
    named = customers.with_columns(pl.lit("![x](http://h/p.png)").alias("customer_name"))
    text = summary_sentence(profit_summary(named), currency="SEK", lang="en")
    assert "\\!\\[x\\]" in text


def test_the_summary_says_when_no_large_customer_loses_money(customers):
    cheap = allocate(with_margin(METRICS), DRIVER_COUNTS, model=CostModel(order=D(0)))
    text = summary_sentence(profit_summary(cheap), currency="SEK", lang="en")
    assert text == "With the cost to serve, none of the 3 largest customers loses money."


def test_the_headline_sets_profit_against_gross_margin(customers):
    # Profit 8 745; by margin nobody loses money; profit's whale curve peaks at
    # 8 700 + 1 545 = 10 245 of 8 745 = 117 %, the margin's at 100 %.
    shown = headline(profit_summary(customers), currency="SEK", lang="sv")
    assert shown.profit == f"8{NBSP}745 kr"
    assert shown.cost == "24 tkr"
    assert (shown.unprofitable, shown.unprofitable_margin) == ("1", "0 med täckningsbidraget")
    assert (shown.peak, shown.peak_margin) == (f"117{NBSP}%", f"100{NBSP}% med täckningsbidraget")


def test_margin_notice_says_when_costs_are_missing():
    metrics = METRICS.with_columns(
        pl.when(pl.col("customer_id") == "C").then(None).otherwise(pl.col("gross_margin"))
        .alias("gross_margin")
    )  # fmt: skip
    unknown = with_margin(metrics)
    assert margin_notice(unknown, source="data", assumed_margin=None, lang="en") == (
        "1 customers have no cost in the export: their customer profit is unknown unless a "
        "margin is assumed."
    )
    assumed = with_margin(metrics, assumed_margin=0.25)
    text = margin_notice(assumed, source="assumed", assumed_margin=0.25, lang="en")
    assert text.startswith("The gross margin is assumed (25% of revenue) for 1 customers")
    assert (
        margin_notice(with_margin(METRICS), source="data", assumed_margin=None, lang="en") is None
    )


def test_margin_notice_without_any_cost_points_to_the_assumed_margin_rule():
    none = with_margin(METRICS.with_columns(pl.lit(None, dtype=MONEY_TOTAL).alias("gross_margin")))
    text = margin_notice(none, source="none", assumed_margin=None, lang="en")
    assert text == catalog("en")["profit.margin.none"]


# --- two models -----------------------------------------------------------------------------


def test_compare_rows_set_two_models_side_by_side(customers):
    web = allocate(with_margin(METRICS), DRIVER_COUNTS, model=CostModel(order=D(60)))
    # Web orders: 43 × 290 = 12 470 less cost: profit 21 215, cost 11 785, nobody loses
    # money, so the whale curve peaks at 100 %.
    rows = compare_rows(
        [profit_summary(customers), profit_summary(web)],
        headers=["Today", "Web"],
        currency="SEK",
        lang="en",
    )
    assert rows.columns == ["Measure", "Today", "Web"]
    assert rows.to_dicts() == [
        {"Measure": "Customer profit in total (SEK k)", "Today": "8.7", "Web": "21.2"},
        {"Measure": "Cost to serve (SEK k)", "Today": "24.3", "Web": "11.8"},
        {"Measure": "Unprofitable customers", "Today": "1", "Web": "0"},
        {"Measure": "Whale curve peak", "Today": "117%", "Web": "100%"},
    ]


# --- what if -------------------------------------------------------------------------------


def _web_orders(customers: pl.DataFrame) -> dict:
    """Alfa, the customer with the most small orders, orders on the web: 40 × 60 = 2 400
    instead of 14 000, so its profit is 10 100 and the total 20 345."""
    group = most_of(customers, driver="small_order", count=1)
    return what_if(
        customers, DRIVER_COUNTS, model=CostModel(), driver="order", unit_cost=D(60), group=group
    )


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "sv",
            "Om de 1 kunderna med flest småordrar hade kostnaden per order 60 kr i stället för "
            f"350 kr, blir kundlönsamheten totalt 20 tkr i stället för 8{NBSP}745 kr (+12 tkr). "
            "Räknat efter kostnaden att betjäna, inte på täckningsbidraget: olönsamma kunder "
            f"1 → 0, valkurvans topp 117{NBSP}% → 100{NBSP}%.",
        ),
        (
            "en",
            "If the 1 customers with the most small orders had the cost per order at SEK 60 "
            "instead of SEK 350, customer profit in total would be SEK 20k instead of "
            "SEK 8,745 (+SEK 12k). After the cost to serve, not by gross margin: unprofitable "
            "customers 1 → 0, whale curve peak 117% → 100%.",
        ),
    ],
)
def test_the_what_if_sentence_gives_profit_before_and_after_and_names_its_basis(
    customers, lang, expected
):
    result = _web_orders(customers)
    assert result["change"] == D(11_600)
    old, new = ("350 kr", "60 kr") if lang == "sv" else ("SEK 350", "SEK 60")
    text = whatif_sentence(
        result,
        group="small_order",
        count=1,
        driver="order",
        old=old,
        new=new,
        currency="SEK",
        lang=lang,
    )
    assert text == expected


def test_the_what_if_chart_draws_before_and_after(customers):
    spec = whatif_chart(_web_orders(customers), currency="SEK", lang="en").to_dict()
    assert spec["encoding"]["color"]["scale"]["domain"] == ["Before", "After"]
    assert spec["encoding"]["y"]["axis"]["title"] == "Cumulative (SEK k)"
    assert spec["config"]["locale"] == vega_locale("en")
    rows = next(iter(spec["datasets"].values()))
    after = [r["amount"] for r in rows if r["curve"] == "After"]
    # Alfa 10 100, Beta 8 700, Gamma 1 545, in thousands.
    assert after == pytest.approx([10.1, 18.8, 20.345])


def test_the_whale_chart_sets_gross_margin_against_customer_profit(customers):
    spec = margin_profit_whale_chart(customers, currency="SEK", lang="sv").to_dict()
    assert spec["encoding"]["color"]["scale"]["domain"] == ["Täckningsbidrag", "Kundlönsamhet"]
    assert spec["encoding"]["x"]["axis"]["title"] == "Andel av kunderna, mest lönsamma först"
    assert spec["config"]["locale"] == vega_locale("sv")
    rows = next(iter(spec["datasets"].values()))
    profit = [r["amount"] for r in rows if r["curve"] == "Kundlönsamhet"]
    assert profit == pytest.approx([8.7, 10.245, 8.745])


# --- the waterfall ---------------------------------------------------------------------------


def test_the_waterfall_steps_add_up_to_the_profit(customers):
    steps = profit_waterfall(customers, customer_id="A")
    amounts = dict(zip(steps["step"], steps["amount"], strict=True))
    assert amounts["revenue"] + amounts["cost_of_goods"] == amounts["gross_margin"] == D(20_000)
    # An optional driver that costs nothing is no step.
    assert amounts["gross_margin"] + sum(amounts.get(d, 0) for d in DRIVERS) == amounts["profit"]
    assert amounts["profit"] == D(-1_500)


def test_the_waterfall_chart_runs_from_revenue_to_profit(customers):
    steps = profit_waterfall(customers, customer_id="A")
    spec = waterfall_chart(steps, currency="SEK", lang="en").to_dict()
    labels = [
        "Revenue",
        "Cost of goods",
        "Gross margin",
        "Orders",
        "Order lines",
        "Credit notes",
        "Small orders",
        "Cost of capital on late payments",
        "Account management",
        "Customer profit",
    ]
    assert spec["encoding"]["x"]["sort"] == labels
    assert spec["encoding"]["y"]["axis"]["title"] == "Amount (SEK k)"
    assert spec["config"]["locale"] == vega_locale("en")
    rows = next(iter(spec["datasets"].values()))
    # In thousands: revenue 0 → 100, cost of goods 100 → 20, orders 20 → 6, lines 6 →
    # 3.5, small orders 3.5 → −1, account −1 → −1.5, profit 0 → −1.5.
    bars = {r["label"]: (r["low"], r["high"]) for r in rows}
    assert bars["Revenue"] == (0, 100)
    assert bars["Cost of goods"] == (100, 20)
    assert bars["Orders"] == (20, 6)
    assert bars["Small orders"] == pytest.approx((3.5, -1))
    assert bars["Customer profit"] == pytest.approx((0, -1.5))
    assert {r["label"]: r["text"] for r in rows}["Customer profit"] == "-SEK 1,500"
    assert {r["label"]: r["kind"] for r in rows}["Orders"] == "cost"
