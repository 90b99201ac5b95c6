"""AppTest of the cost-to-serve page: the headline sentence, names masked, saving a
cost model and choosing the one in use (which changes the data version), the what-if,
two models compared and an export without cost."""

from __future__ import annotations

from decimal import Decimal

import pytest

from analytics.cost_models import model_in_use, save_cost_model, use_cost_model
from analytics.costs import CostModel
from analytics.store import Store
from tests.apptest import clear_caches, markdown_text, page_opener, store_with

NBSP = "\u00a0"
# Under the default model (order 350, line 25, small order 150 below 1 000, account 500):
# Alfa 1 500 revenue, 300 margin; 3 small orders of a line each: 1 050 + 75 + 450 + 500 =
#   2 075, profit −1 775.
# Beta 10 000 / 4 000; 1 order, 1 line, account: 875, profit 3 125.
# Gamma 900 / 300; 1 small order of a line: 350 + 25 + 150 + 500 = 1 025, profit −725.
# Total 625; the whale curve peaks at Beta's 3 125 = 500 % of it.
EXPORT = (
    "Kundnr;Kundnamn;Fakturanr;Fakturadatum;Belopp;Kostnad\n"
    "A;Alfa;1;2024-01-10;600;500\n"
    "A;Alfa;2;2024-02-10;500;400\n"
    "A;Alfa;3;2024-03-10;400;300\n"
    "B;Beta;4;2024-03-01;10000;6000\n"
    "C;Gamma;5;2024-05-01;900;600\n"
)
LOSS_SV = (
    "Med kostnaden att betjäna går 2 av de 3 största kunderna med förlust; den största, "
    f"Alfa, kostar 1{NBSP}775 kr mer än den ger, mest genom 3 order."
)
# Orders, small orders and the account free: everyone earns money.
CHEAP = CostModel(order=Decimal(0), small_order=Decimal(0), account=Decimal(0))


@pytest.fixture
def db(tmp_path):
    return store_with(tmp_path, EXPORT)


def _saved(db, **models: CostModel) -> None:
    store = Store(db)
    for name, model in models.items():
        save_cost_model(store, dataset_id=store.dataset_id("Test"), name=name, model=model)
    store.close()


_page = page_opener("pages/cost_to_serve.py", all_data="cost_period")


def test_the_headline_names_the_largest_loss_maker(db, monkeypatch):
    at = _page(db, monkeypatch)
    assert not at.exception
    assert LOSS_SV in markdown_text(at)
    metrics = {m.label: (m.value, m.delta) for m in at.metric}
    assert metrics["Olönsamma kunder"] == ("2", "0 med täckningsbidraget")
    assert metrics["Kundlönsamhet totalt"][0] == "625 kr"


def test_the_page_speaks_english(db, monkeypatch):
    at = _page(db, monkeypatch, lang="en")
    assert (
        "With the cost to serve, 2 of the 3 largest customers lose money; the largest, Alfa, "
        "costs SEK 1,775 more than it earns, mostly from 3 orders."
    ) in markdown_text(at)


def test_names_are_masked_when_the_toggle_is_on(db, monkeypatch):
    at = _page(db, monkeypatch, mask_names=True)
    text = markdown_text(at)
    # Alfa is the second largest customer of the data set: Kund A02.
    assert "den största, Kund A02, kostar" in text
    assert "Alfa" not in text
    assert "Alfa" not in at.selectbox(key="cost_waterfall_customer").options


def test_the_drivers_are_counted(db, monkeypatch):
    at = _page(db, monkeypatch, lang="en")
    drivers = at.dataframe[1].value
    counts = dict(zip(drivers["Cost driver"], drivers["Count"], strict=True))
    assert counts["Orders"] == "5"
    assert counts["Small orders"] == "4"
    assert counts["Account management"] == "3 customers"
    # The export has no due and paid dates.
    notes = dict(zip(drivers["Cost driver"], drivers["Note"], strict=True))
    assert "no due and paid dates" in notes["Cost of capital on late payments"]


def test_saving_a_model_makes_it_the_model_in_use(db, monkeypatch):
    at = _page(db, monkeypatch)
    dataset_id = at.session_state["dataset_id"]
    from ui.data import data_version, get_store

    before = data_version(dataset_id)
    at.text_input(key="cost_save_name").input("Idag")
    at = at.button(key="cost_save").click().run()
    assert not at.exception
    name, model = model_in_use(get_store(), dataset_id=dataset_id)
    assert (name, model) == ("Idag", CostModel())
    assert data_version(dataset_id) != before
    assert at.success[0].value == "Kostnadsmodellen Idag är sparad."
    assert at.selectbox(key=f"cost_in_use_{dataset_id}_Idag").value == "Idag"


def test_choosing_the_model_in_use_prices_the_page_with_it(db, monkeypatch):
    _saved(db, Billig=CHEAP)
    at = _page(db, monkeypatch)
    dataset_id = at.session_state["dataset_id"]
    at = at.selectbox(key=f"cost_in_use_{dataset_id}_").set_value("Billig").run()
    assert not at.exception
    from ui.data import get_store

    assert model_in_use(get_store(), dataset_id=dataset_id)[0] == "Billig"
    text = markdown_text(at)
    assert "Med kostnaden att betjäna går ingen av de 3 största kunderna med förlust." in text
    assert LOSS_SV not in text


def test_the_data_version_follows_the_model_in_use(db, monkeypatch):
    monkeypatch.setenv("KUNDFOKUS_DB", str(db))
    monkeypatch.setenv("KUNDFOKUS_DEMO", "off")
    clear_caches()
    from analytics.cost_models import use_cost_model
    from ui.data import data_version, get_store

    store = get_store()
    dataset_id = store.dataset_id("Test")
    first = data_version(dataset_id)
    save_cost_model(store, dataset_id=dataset_id, name="Billig", model=CHEAP, in_use=True)
    cheap = data_version(dataset_id)
    save_cost_model(store, dataset_id=dataset_id, name="Billig", model=CostModel(), in_use=True)
    changed = data_version(dataset_id)
    use_cost_model(store, dataset_id=dataset_id, name=None)
    assert len({first, cheap, changed}) == 3
    assert data_version(dataset_id) == first


def test_the_what_if_changes_the_order_cost_of_a_group(db, monkeypatch):
    at = _page(db, monkeypatch)
    # Alfa has the most small orders: its 3 orders at 60 instead of 350 save 870, the
    # total becomes 1 495 and the peak 3 125 of it, 209 %.
    at = at.number_input(key="cost_whatif_count").set_value(1).run()
    assert (
        "Om de 1 kunderna med flest småordrar hade kostnaden per order 60 kr i stället för "
        f"350 kr, blir kundlönsamheten totalt 1{NBSP}495 kr i stället för 625 kr (+870 kr). "
        "Räknat efter kostnaden att betjäna, inte på täckningsbidraget: olönsamma kunder "
        f"2 → 2, valkurvans topp 500{NBSP}% → 209{NBSP}%."
    ) in markdown_text(at)
    # At 100 an order: 750 saved, total 1 375, peak 227 %.
    at = at.number_input(key="cost_whatif_cost_order").set_value(100.0).run()
    assert (
        f"blir kundlönsamheten totalt 1{NBSP}375 kr i stället för 625 kr (+750 kr)"
    ) in markdown_text(at)


def test_two_saved_models_side_by_side(db, monkeypatch):
    _saved(db, Billig=CHEAP)
    at = _page(db, monkeypatch, lang="en")
    at = at.selectbox(key="cost_compare_2").set_value("Billig").run()
    table = at.dataframe[-1].value
    rows = dict(zip(table["Measure"], table.iloc[:, 2], strict=True))
    # Cheap: only lines cost, 5 × 25 = 125; profit 4 600 − 125 = 4 475; nobody loses money.
    assert rows["Unprofitable customers"] == "0"
    assert rows["Cost to serve (SEK)"] == "125"
    assert rows["Customer profit in total (SEK)"] == "4,475"
    defaults = dict(zip(table["Measure"], table.iloc[:, 1], strict=True))
    assert defaults["Unprofitable customers"] == "2"
    assert defaults["Whale curve peak"] == "500%"


NO_COST = (
    "Kundnr;Kundnamn;Fakturanr;Fakturadatum;Belopp\n"
    "A;Alfa;1;2024-01-10;600\n"
    "B;Beta;2;2024-02-01;4000\n"
)


def test_without_cost_the_page_says_so_and_offers_an_assumed_margin(tmp_path, monkeypatch):
    at = _page(store_with(tmp_path, NO_COST), monkeypatch, lang="en")
    assert not at.exception
    assert any("The assumed-margin rule applies" in i.value for i in at.info)
    assert "With the cost to serve" not in markdown_text(at)
    # Alfa: 25 % of 600 = 150 − (350 + 25 + 150 + 500) = −875, the account its largest
    # cost; Beta: 1 000 − 875 = 125.
    at = at.toggle(key="cost_assume").set_value(True).run()
    assert any(
        "The gross margin is assumed (25% of revenue) for 2 customers" in w.value
        for w in at.warning
    )
    assert (
        "With the cost to serve, 1 of the 2 largest customers lose money; the largest, Alfa, "
        "costs SEK 875 more than it earns, mostly from account management (SEK 500)."
    ) in markdown_text(at)


# Alfa orders through field sales and pays 30 freight that costs 130; Beta orders on the
# web. The export has no returned quantity, delivery date, discount or delivery method.
DETAILS = (
    "Kundnr;Kundnamn;Fakturanr;Fakturadatum;Belopp;Kostnad;Säljkanal;Frakt;Fraktkostnad\n"
    "A;Alfa;1;2024-01-10;6000;3000;Fältsälj;30;130\n"
    "B;Beta;2;2024-02-01;4000;2000;Webb;;\n"
)


def test_the_model_table_holds_the_optional_drivers_the_data_has(tmp_path, monkeypatch):
    at = _page(store_with(tmp_path, DETAILS), monkeypatch, lang="en")
    assert not at.exception
    items = at.dataframe[0].value["item"].to_list()
    assert "Extra per field sales order" in items
    assert "Net freight counted" in items
    assert "Cost per returned unit" not in items
    assert "Extra per express delivery" not in items
    drivers = at.dataframe[1].value
    counts = dict(zip(drivers["Cost driver"], drivers["Count"], strict=True))
    costs = dict(zip(drivers["Cost driver"], drivers.iloc[:, 2], strict=True))
    notes = dict(zip(drivers["Cost driver"], drivers["Note"], strict=True))
    assert counts["Sales channel"] == "web 1, field sales 1"
    assert costs["Sales channel"] == Decimal(400)  # the field order; the web order 0
    assert counts["Net freight cost"] == "SEK 100"
    assert notes["Returned units"] == "Not in the export: counts as 0."
    assert notes["Net freight cost"] == ""


def test_kronor_defaults_on_a_dollar_data_set_are_flagged_until_a_model_is_saved(
    tmp_path, monkeypatch
):
    lines = EXPORT.splitlines()
    dollars = "\n".join([f"{lines[0]};Valuta", *(f"{line};USD" for line in lines[1:])]) + "\n"
    db = store_with(tmp_path, dollars)
    at = _page(db, monkeypatch)
    assert not at.exception
    warned = [w.value for w in at.warning if "utan växling" in w.value]
    assert len(warned) == 1 and "USD" in warned[0]
    _saved(db, **{"Våra kostnader": CHEAP})
    store = Store(db)
    use_cost_model(store, dataset_id=store.dataset_id("Test"), name="Våra kostnader")
    store.close()
    clear_caches()
    at = _page(db, monkeypatch)
    assert not [w for w in at.warning if "utan växling" in w.value]
