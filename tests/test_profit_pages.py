"""AppTest of customer profit on the pages: the profitability page's switch between
gross margin and customer profit, the customer page's waterfall from revenue to
customer profit, and a typed `?id=` that is not echoed while names are masked.

The three customers of `test_cost_page` under the default model: Alfa 1 500 revenue,
300 margin, cost 2 075, profit −1 775; Beta 10 000 / 4 000, cost 875, profit 3 125;
Gamma 900 / 300, cost 1 025, profit −725. Total profit 625: the whale curve peaks at
Beta's 3 125 = 500 % of it; by gross margin (4 600) nobody loses money (peak 100 %).
"""

from __future__ import annotations

from tests.apptest import open_page, store_with
from tests.test_concentration_page import NO_COST
from tests.test_cost_page import CHEAP, EXPORT, LOSS_SV, NBSP, _saved

MOVED_SV = (
    "Räknat med kostnaden att betjäna är de olönsamma kunderna 2 i stället för 0 med "
    f"täckningsbidraget, och valkurvan toppar på 500{NBSP}% i stället för 100{NBSP}%."
)


def _conc(db, monkeypatch, **session):
    at = open_page(db, monkeypatch, "pages/concentration.py", session=session)
    return at.segmented_control(key="conc_period").set_value("all").run()


def _markdown(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def _metrics(at) -> dict[str, tuple[str, str]]:
    return {m.label: (m.value, m.proto.delta) for m in at.metric}


def test_the_switch_measures_the_page_by_customer_profit(tmp_path, monkeypatch):
    at = _conc(store_with(tmp_path, EXPORT), monkeypatch)
    assert not at.exception
    assert at.segmented_control(key="conc_value").value == "margin"
    assert _metrics(at)["Olönsamma kunder"][0] == "0"
    assert MOVED_SV not in _markdown(at)
    at = at.segmented_control(key="conc_value").set_value("profit").run()
    assert not at.exception
    metrics = _metrics(at)
    assert metrics["Valkurvans topp"] == (f"500{NBSP}%", f"100{NBSP}% med täckningsbidraget")
    assert metrics["Olönsamma kunder"] == ("2", "0 med täckningsbidraget")
    assert metrics["Kundlönsamhet totalt"][0] == "625 kr"
    text = _markdown(at)
    assert f"{MOVED_SV} {LOSS_SV}" in text
    # The whale curve's sentence and the quadrant's speak of customer profit.
    assert "500\u00a0% av den totala kundlönsamheten" in text
    assert "i kundlönsamhet" in text
    # The quadrant table: Beta alone is large and profitable (3 125).
    table = at.dataframe[0].value
    assert table["margin"].tolist()[0] == 3125.0


def test_the_switch_uses_the_cost_model_in_use(tmp_path, monkeypatch):
    db = store_with(tmp_path, EXPORT)
    _saved(db, Billig=CHEAP)
    from analytics.cost_models import use_cost_model
    from analytics.store import Store

    store = Store(db)
    use_cost_model(store, dataset_id=store.dataset_id("Test"), name="Billig")
    store.close()
    at = _conc(db, monkeypatch, conc_value="profit")
    assert not at.exception
    # Orders, small orders and accounts free: 300 − 75, 4 000 − 25, 300 − 25 = 4 475.
    assert _metrics(at)["Kundlönsamhet totalt"][0] == f"4{NBSP}475 kr"
    assert "Med kostnaden att betjäna går ingen av de 3 största kunderna med förlust." in (
        _markdown(at)
    )


def test_names_stay_masked_in_the_sentence(tmp_path, monkeypatch):
    at = _conc(store_with(tmp_path, EXPORT), monkeypatch, conc_value="profit", mask_names=True)
    text = _markdown(at)
    assert "den största, Kund A02, kostar" in text
    assert "Alfa" not in text


def test_the_switch_speaks_english(tmp_path, monkeypatch):
    at = _conc(store_with(tmp_path, EXPORT), monkeypatch, conc_value="profit", lang="en")
    assert (
        "Counting the cost to serve, the unprofitable customers are 2 instead of 0 by gross "
        "margin, and the whale curve peaks at 500% instead of 100%. With the cost to serve, "
        "2 of the 3 largest customers lose money; the largest, Alfa, costs SEK 1,775 more "
        "than it earns, mostly from 3 orders."
    ) in _markdown(at)


def test_without_cost_the_assumed_margin_rule_is_named(tmp_path, monkeypatch):
    at = _conc(store_with(tmp_path, NO_COST), monkeypatch, conc_value="profit", lang="en")
    assert not at.exception
    infos = [i.value for i in at.info]
    assert any("The assumed-margin rule applies" in i for i in infos)
    at = at.segmented_control(key="conc_margin_mode").set_value("overall").run()
    assert not at.exception
    infos = [i.value for i in at.info]
    assert any("partly rests on the assumed margin" in i for i in infos)
    assert "Counting the cost to serve" in _markdown(at)
