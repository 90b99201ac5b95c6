"""AppTest of customer profit on the pages: the profitability page's switch between
gross margin and customer profit, the customer page's waterfall from revenue to
customer profit, and a typed `?id=` that is not echoed while names are masked.

The three customers of `test_cost_page` under the default model: Alfa 1 500 revenue,
300 margin, cost 2 075, profit −1 775; Beta 10 000 / 4 000, cost 875, profit 3 125;
Gamma 900 / 300, cost 1 025, profit −725. Total profit 625: the whale curve peaks at
Beta's 3 125 = 500 % of it; by gross margin (4 600) nobody loses money (peak 100 %).
"""

from __future__ import annotations

import pyarrow as pa
import pytest

from locales import catalog
from tests.apptest import markdown_text, open_page, page_opener, store_with
from tests.test_concentration_page import NO_COST
from tests.test_cost_page import CHEAP, EXPORT, LOSS_SV, NBSP, _saved

SV = catalog("sv")
MOVED_SV = (
    "Räknat med kostnaden att betjäna är de olönsamma kunderna 2 i stället för 0 med "
    f"täckningsbidraget, och valkurvan toppar på 500{NBSP}% i stället för 100{NBSP}%."
)


_conc = page_opener("pages/concentration.py", all_data="conc_period")


def _metrics(at) -> dict[str, tuple[str, str]]:
    return {m.label: (m.value, m.proto.delta) for m in at.metric}


def test_the_switch_measures_the_page_by_customer_profit(tmp_path, monkeypatch):
    at = _conc(store_with(tmp_path, EXPORT), monkeypatch)
    assert not at.exception
    assert at.segmented_control(key="conc_value").value == "margin"
    assert _metrics(at)["Olönsamma kunder"][0] == "0"
    assert MOVED_SV not in markdown_text(at)
    at = at.segmented_control(key="conc_value").set_value("profit").run()
    assert not at.exception
    metrics = _metrics(at)
    assert metrics["Valkurvans topp"] == (f"500{NBSP}%", f"100{NBSP}% med täckningsbidraget")
    assert metrics["Olönsamma kunder"] == ("2", "0 med täckningsbidraget")
    assert metrics["Kundlönsamhet totalt"][0] == "625 kr"
    text = markdown_text(at)
    assert f"{MOVED_SV} {LOSS_SV}" in text
    # The whale curve's sentence and the quadrant's speak of customer profit.
    assert "500\u00a0% av den totala kundlönsamheten" in text
    assert "i kundlönsamhet" in text
    # The quadrant table: Beta alone is large and profitable (3 125).
    table = at.dataframe[0].value
    assert table["margin"].tolist()[0] == 3125.0


def _cheap_in_use(tmp_path):
    """The export's store with the cost model "Billig" (CHEAP) saved and in use."""
    db = store_with(tmp_path, EXPORT)
    _saved(db, Billig=CHEAP)
    from analytics.cost_models import use_cost_model
    from analytics.store import Store

    store = Store(db)
    use_cost_model(store, dataset_id=store.dataset_id("Test"), name="Billig")
    store.close()
    return db


def test_the_switch_uses_the_cost_model_in_use(tmp_path, monkeypatch):
    db = _cheap_in_use(tmp_path)
    at = _conc(db, monkeypatch, conc_value="profit")
    assert not at.exception
    # Orders, small orders and accounts free: 300 − 75, 4 000 − 25, 300 − 25 = 4 475.
    assert _metrics(at)["Kundlönsamhet totalt"][0] == f"4{NBSP}475 kr"
    assert "Med kostnaden att betjäna går ingen av de 3 största kunderna med förlust." in (
        markdown_text(at)
    )


def test_names_stay_masked_in_the_sentence(tmp_path, monkeypatch):
    at = _conc(store_with(tmp_path, EXPORT), monkeypatch, conc_value="profit", mask_names=True)
    text = markdown_text(at)
    assert "den största, Kund A02, kostar" in text
    assert "Alfa" not in text


def test_the_switch_speaks_english(tmp_path, monkeypatch):
    at = _conc(store_with(tmp_path, EXPORT), monkeypatch, conc_value="profit", lang="en")
    assert (
        "Counting the cost to serve, the unprofitable customers are 2 instead of 0 by gross "
        "margin, and the whale curve peaks at 500% instead of 100%. With the cost to serve, "
        "2 of the 3 largest customers lose money; the largest, Alfa, costs SEK 1,775 more "
        "than it earns, mostly from 3 orders."
    ) in markdown_text(at)


def test_without_cost_the_assumed_margin_rule_is_named(tmp_path, monkeypatch):
    at = _conc(store_with(tmp_path, NO_COST), monkeypatch, conc_value="profit", lang="en")
    assert not at.exception
    infos = [i.value for i in at.info]
    assert any("The assumed-margin rule applies" in i for i in infos)
    at = at.segmented_control(key="conc_margin_mode").set_value("overall").run()
    assert not at.exception
    infos = [i.value for i in at.info]
    assert any("partly rests on the assumed margin" in i for i in infos)
    assert "Counting the cost to serve" in markdown_text(at)


# --- the customer page ---------------------------------------------------------------


_customer = page_opener("pages/customer.py", all_data="cust_period")


def _waterfall(at) -> dict[str, str]:
    """The waterfall's bars (the chart whose rows run from `low` to `high`): step label →
    amount as shown."""
    for chart in at.get("vega_lite_chart"):
        for dataset in chart.proto.datasets:
            with pa.ipc.open_stream(dataset.data.data) as reader:
                rows = reader.read_all().to_pylist()
            if rows and "low" in rows[0]:
                return {row["label"]: row["text"] for row in rows}
    return {}


def test_the_customer_page_draws_the_waterfall_to_customer_profit(tmp_path, monkeypatch):
    at = _customer(store_with(tmp_path, EXPORT), monkeypatch, query={"id": "A"})
    assert not at.exception
    assert at.selectbox(key="cust_id").value == "A"
    assert "Från omsättning till kundlönsamhet" in [h.value for h in at.subheader]
    # Alfa: 1 500 revenue, 1 200 cost of goods, 300 margin; 3 orders 1 050, 3 lines 75,
    # 3 small orders 450, account 500; profit −1 775.
    assert _waterfall(at) == {
        "Omsättning": f"1{NBSP}500 kr",
        "Varukostnad": f"−1{NBSP}200 kr",
        "Täckningsbidrag": "300 kr",
        "Order": f"−1{NBSP}050 kr",
        "Orderrader": "−75 kr",
        "Kreditfakturor": "0 kr",
        "Småordrar": "−450 kr",
        "Kapitalkostnad för sena betalningar": "0 kr",
        "Kundansvar": "−500 kr",
        "Kundlönsamhet": f"−1{NBSP}775 kr",
    }
    model = SV["customer.profit_model"].format(model=SV["profit.model.defaults"])
    assert model in [c.value for c in at.caption]


def test_the_waterfall_follows_the_model_in_use(tmp_path, monkeypatch):
    db = _cheap_in_use(tmp_path)
    at = _customer(db, monkeypatch, query={"id": "A"})
    bars = _waterfall(at)
    # Only the lines cost: 300 − 75 = 225.
    assert (bars["Order"], bars["Kundlönsamhet"]) == ("0 kr", "225 kr")
    assert any("Billig" in c.value for c in at.caption)


def test_without_cost_the_waterfall_says_why(tmp_path, monkeypatch):
    at = _customer(store_with(tmp_path, NO_COST), monkeypatch)
    assert not at.exception
    assert _waterfall(at) == {}
    assert SV["profit.waterfall.unknown"] in [i.value for i in at.info]


def test_a_typed_id_is_not_echoed_while_names_are_masked(tmp_path, monkeypatch):
    db = store_with(tmp_path, EXPORT)
    for typed in ("Alfa AB 4711", "[x](http://host/p)"):
        at = open_page(
            db, monkeypatch, "pages/customer.py", session={"mask_names": True}, query={"id": typed}
        )
        assert not at.exception
        warnings = [w.value for w in at.warning]
        assert warnings == [SV["customer.unknown_masked"]]
        assert all(typed not in text for text in warnings)
    # Unmasked the link's id is named, escaped.
    at = open_page(db, monkeypatch, "pages/customer.py", query={"id": "Z9"})
    assert [w.value for w in at.warning] == [SV["customer.unknown"].format(id="Z9")]


def test_a_linked_customer_outside_the_period_is_not_named_while_masked(tmp_path, monkeypatch):
    export = EXPORT + "D;Delta;6;2022-01-10;700;400\n"
    at = open_page(
        store_with(tmp_path, export),
        monkeypatch,
        "pages/customer.py",
        session={"mask_names": True},
        query={"id": "D"},
    )
    assert not at.exception
    assert [w.value for w in at.warning] == [SV["customer.not_in_period_masked"]]


def _in_dollars(export: str) -> str:
    lines = export.splitlines()
    return "\n".join([f"{lines[0]};Valuta", *(f"{line};USD" for line in lines[1:])]) + "\n"


@pytest.mark.parametrize(
    ("opener", "options"),
    [(_conc, {"conc_value": "profit"}), (_customer, {"query": {"id": "A"}})],
    ids=["profitability", "customer"],
)
def test_customer_profit_in_dollars_by_kronor_defaults_is_flagged(
    tmp_path, monkeypatch, opener, options
):
    at = opener(store_with(tmp_path, _in_dollars(EXPORT)), monkeypatch, **options)
    assert not at.exception
    warned = [w.value for w in at.warning if "utan växling" in w.value]
    assert len(warned) == 1 and "USD" in warned[0]
