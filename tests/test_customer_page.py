"""AppTest of the customer page: the default customer, hand-computed headline and payment
numbers, switching customer, `?id=` links, the score breakdown and the empty state."""

from __future__ import annotations

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from analytics.metrics import customer_metrics, data_bounds, resolve_period
from analytics.scoring import DEFAULT_WEIGHTS, score_customers
from analytics.store import Store
from locales import catalog
from tests.apptest import page_opener, store_weights, store_with

SV = catalog("sv")
EN = catalog("en")
NBSP = "\u00a0"

# The data end 2024-02-28, so "12m" is 2023-03-01 – 2024-02-28 (365 days) and the
# previous period 2022-03-01 – 2023-02-28.
# K1 Alfa: 2 000 in the previous period; now invoice 2 (4 000, cost 2 400, paid 10 days
# late) and invoice 3 (1 000, cost 600, paid on the due date), two product groups.
# K2 Beta: one invoice of 2 500 without cost, unpaid, due after the data's last date.
# K3 Gamma: 500, cost 300. K4 Delta bought once, in 2022 only.
SALES_CSV = (
    "Kundnr;Kundnamn;Fakturanr;Fakturadatum;Förfallodatum;Betaldatum;Varugrupp;Belopp;Kostnad\n"
    "K1;Alfa AB;1;2022-12-01;2022-12-31;2022-12-31;Verktyg;2000;1500\n"
    "K1;Alfa AB;2;2024-01-10;2024-02-09;2024-02-19;Verktyg;3000;2000\n"
    "K1;Alfa AB;2;2024-01-10;2024-02-09;2024-02-19;Tjänster;1000;400\n"
    "K1;Alfa AB;3;2024-02-15;2024-02-25;2024-02-25;Verktyg;1000;600\n"
    "K2;Beta HB;4;2024-02-20;2024-03-21;;Skydd;2500;\n"
    "K3;Gamma Bygg;5;2024-02-28;2024-03-29;2024-03-29;Verktyg;500;300\n"
    "K4;Delta AB;6;2022-06-01;2022-07-01;2022-07-01;Verktyg;100;50\n"
)


_app = page_opener("pages/customer.py")


@pytest.fixture
def db(tmp_path):
    return store_with(tmp_path, SALES_CSV, dataset="Testbolaget")


@pytest.fixture
def app(db, monkeypatch):
    return _app(db, monkeypatch)


def _metrics(at: AppTest) -> dict[str, tuple[str, str]]:
    return {m.label: (m.value, m.proto.delta) for m in at.metric}


def test_default_is_the_largest_customer_with_hand_computed_numbers(app):
    assert not app.exception
    assert app.title[0].value == SV["customer.title"]
    assert app.selectbox(key="cust_id").value == "K1"
    metrics = _metrics(app)
    assert metrics[SV["customer.revenue"]][0] == f"5{NBSP}000 kr"
    # (3 000 − 2 000) + (1 000 − 400) + (1 000 − 600) = 2 000, 40 % of 5 000.
    assert metrics[SV["criterion.gross_margin"]] == (
        f"2{NBSP}000 kr",
        f"40,0{NBSP}% täckningsgrad",
    )
    # 5 000 against 2 000 in the previous period.
    assert metrics[SV["criterion.growth"]] == (f"150{NBSP}%", f"från 2{NBSP}000 kr")
    # Two invoices in the 12 months (365 days): 2 a year, read like the count.
    assert metrics[SV["customer.invoices"]] == ("2", "2 per år")
    assert metrics[SV["customer.recency"]] == ("13", "senast 2024-02-15")
    # 2022-12-01 to 2024-02-28 is 454 days = 1.24 years.
    assert metrics[SV["customer.tenure"]] == ("1,2", "sedan 2022-12-01")
    assert metrics[SV["customer.payment_delay"]][0] == "5,0"  # (10 + 0) / 2
    assert metrics[SV["customer.breadth"]][0] == "2"


def test_payment_behaviour_by_hand(app):
    metrics = _metrics(app)
    # Invoice 2 paid 10 days late, invoice 3 on the due date.
    assert metrics[SV["customer.pay_late_share"]] == (f"50{NBSP}%", "1 av 2 fakturor")
    assert metrics[SV["customer.pay_max"]][0] == "10 dagar"
    assert metrics[SV["customer.pay_unpaid"]] == ("0", "0 kr")
    assert metrics[SV["customer.pay_overdue"]][0] == "0"


def test_switching_customer_changes_the_numbers(app):
    app.selectbox(key="cust_id").set_value("K2").run()
    assert not app.exception
    metrics = _metrics(app)
    assert metrics[SV["customer.revenue"]][0] == f"2{NBSP}500 kr"
    assert metrics[SV["criterion.gross_margin"]][0] == "–"  # the export has no cost for K2
    assert metrics[SV["criterion.growth"]][0] == "–"  # nothing in the previous period
    assert metrics[SV["customer.payment_delay"]][0] == "–"
    assert metrics[SV["customer.pay_unpaid"]] == ("1", f"2{NBSP}500 kr")
    assert metrics[SV["customer.pay_overdue"]][0] == "0"  # due 2024-03-21, after the data

    assert app.query_params["id"] == "K2"


def test_a_customer_who_always_pays_on_time(app):
    app.selectbox(key="cust_id").set_value("K3").run()  # paid on the due date
    assert _metrics(app)[SV["customer.pay_max"]][0] == SV["customer.on_time"]


def test_score_breakdown_matches_the_scoring(app, db):
    store = Store(db)
    try:
        dataset_id = store.dataset_id("Testbolaget")
        first, last = data_bounds(store, dataset_id=dataset_id)
        period = resolve_period("12m", first=first, last=last)
        table = customer_metrics(store, dataset_id=dataset_id, period=period)
    finally:
        store.close()
    scored = score_customers(table, weights=DEFAULT_WEIGHTS)
    for customer in ("K1", "K3"):
        app.selectbox(key="cust_id").set_value(customer).run()
        row = scored.filter(pl.col("customer_id") == customer).row(0, named=True)
        metrics = _metrics(app)
        assert metrics[SV["customer.rank"]][0] == f"{row['rank']} av 3"
        assert metrics[SV["customer.tier"]][0] == row["tier"]
        assert metrics[SV["customer.score"]][0] == f"{row['score']:.1f}".replace(".", ",")
    assert SV["customer.weights_default"] in [c.value for c in app.caption]


def test_focus_list_weights_are_used(db, monkeypatch):
    # Revenue alone: K1 (5 000) is first, K3 (500) last.
    store_weights(db, {"revenue": 1.0}, dataset="Testbolaget")
    app = _app(db, monkeypatch)
    app.selectbox(key="cust_id").set_value("K3").run()
    metrics = _metrics(app)
    assert metrics[SV["customer.rank"]][0] == "3 av 3"
    assert metrics[SV["customer.score"]][0] == "0,0"
    assert SV["customer.weights_focus"] in [c.value for c in app.caption]


def test_query_parameter_picks_the_customer(db, monkeypatch):
    at = _app(db, monkeypatch, query={"id": "K3"})
    assert not at.exception
    assert at.selectbox(key="cust_id").value == "K3"
    assert _metrics(at)[SV["customer.revenue"]][0] == "500 kr"


def test_link_to_a_customer_outside_the_period_waits_for_a_longer_period(db, monkeypatch):
    at = _app(db, monkeypatch, query={"id": "K4"})
    assert not at.exception
    assert [w.value for w in at.warning] == [SV["customer.not_in_period"].format(id="K4")]
    assert at.selectbox(key="cust_id").value == "K1"
    assert at.query_params["id"] == "K4"  # the link stays until it can be shown
    at.segmented_control(key="cust_period").set_value("all").run()
    assert not at.warning
    assert at.selectbox(key="cust_id").value == "K4"
    assert _metrics(at)[SV["customer.revenue"]][0] == "100 kr"


def test_unknown_query_parameter_falls_back_to_the_largest(db, monkeypatch):
    at = _app(db, monkeypatch, query={"id": "nobody"})
    assert not at.exception
    assert [w.value for w in at.warning] == [SV["customer.unknown"].format(id="nobody")]
    assert at.selectbox(key="cust_id").value == "K1"
    assert at.query_params["id"] == "K1"


def test_english(app):
    # The sidebar's language radio, set through its session key (AppTest does not render
    # the sidebar after a page switch).
    app.session_state["lang"] = "en"
    app.run()
    assert not app.exception
    metrics = _metrics(app)
    assert metrics[EN["customer.revenue"]][0] == "SEK 5,000"
    assert metrics[EN["customer.pay_late_share"]] == ("50%", "1 of 2 invoices")
    assert metrics[EN["customer.pay_max"]][0] == "10 days"


def test_empty_state_without_data(tmp_path, monkeypatch):
    at = _app(store_with(tmp_path, None), monkeypatch)
    assert not at.exception
    assert at.info[0].value == SV["customer.empty"]


# --- the real browser ----------------------------------------------------------------


@pytest.mark.browser
def test_browser_pick_a_customer(browser, db):
    from tests.browser import page_at, wait_idle

    link, heading = SV["customer.nav"], SV["customer.title"]
    with page_at(browser, db, link, heading, exact=True) as (page, errors):
        main = page.get_by_test_id("stMain")
        revenue = main.get_by_test_id("stMetric").filter(has_text=SV["customer.revenue"]).first
        assert f"5{NBSP}000 kr" in revenue.inner_text()
        main.get_by_test_id("stVegaLiteChart").first.wait_for()
        # The select box searches as one types.
        main.get_by_test_id("stSelectbox").filter(has_text=SV["customer.pick"]).click()
        page.keyboard.type("Beta")
        page.keyboard.press("Enter")
        page.wait_for_url("**/customer?id=K2")
        wait_idle(page)
        assert f"2{NBSP}500 kr" in revenue.inner_text()
    assert errors == []
