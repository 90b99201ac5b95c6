"""AppTest of the focus list: sliders move the list, tiers, exports and weight sets."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest import open_page, store_with
from ui.i18n import TEXTS

SV = TEXTS["sv"]

# Four customers in 2024: Alfa is big and thin, Beta small and rich in margin.
EXPORT = (
    "Kundnr;Kundnamn;Fakturadatum;Belopp;Kostnad\n"
    "001;Alfa;2024-03-01;1000;990\n"
    "002;Beta;2024-03-02;100;20\n"
    "003;Gamma;2024-03-03;500;400\n"
    '004;=HYPERLINK("http://x","klick");2024-03-04;50;45\n'
)


@pytest.fixture
def app(tmp_path, monkeypatch):
    at = open_page(store_with(tmp_path, EXPORT), monkeypatch, "pages/focus_list.py")
    at.segmented_control(key="focus_period").set_value("all").run()
    for slider in at.slider:
        slider.set_value(0)
    return at


def _names(at: AppTest) -> list[str]:
    return at.dataframe[0].value["customer_name"].tolist()


def test_slider_move_changes_the_list(app):
    app.slider(key="focus_w_revenue").set_value(50).run()
    assert not app.exception
    assert _names(app)[:3] == ["Alfa", "Gamma", "Beta"]
    app.slider(key="focus_w_revenue").set_value(0)
    app.slider(key="focus_w_margin_pct").set_value(50).run()
    assert _names(app)[0] == "Beta"


def test_all_zero_weights_give_a_message(app):
    app.run()
    assert [w.value for w in app.warning] == [SV["focus.all_zero"]]


def test_tiers_are_counted(app):
    app.slider(key="focus_w_revenue").set_value(50).run()
    metrics = {m.label: m.value for m in app.metric}
    # 4 customers: A = ceil(0.8) = 1, B = ceil(2.0) − 1 = 1, C = 2.
    assert metrics[SV["focus.tier"].format(tier="A")].startswith("1 ")
    assert metrics[SV["focus.tier"].format(tier="B")].startswith("1 ")
    assert metrics[SV["focus.tier"].format(tier="C")].startswith("2 ")


def test_tier_counts_are_formatted_for_the_language(tmp_path, monkeypatch):
    rows = [f"{i:05d};Kund {i};2024-03-01;{i}" for i in range(1, 2501)]
    export = "Kundnr;Kundnamn;Fakturadatum;Belopp\n" + "\n".join(rows) + "\n"
    at = open_page(store_with(tmp_path, export), monkeypatch, "pages/focus_list.py")
    at.segmented_control(key="focus_period").set_value("all").run()
    metrics = {m.label: m.value for m in at.metric}
    # 2 500 customers: A 500, B 750, C 1 250.
    assert metrics[SV["focus.tier"].format(tier="C")].startswith("1\u00a0250 ")


def test_exports_are_offered(app):
    app.slider(key="focus_w_revenue").set_value(50).run()
    labels = [b.proto.label for b in app.get("download_button")]
    assert labels == [SV["focus.export_excel"], SV["focus.export_csv"]]


def test_saved_weight_set_can_be_loaded(app):
    app.slider(key="focus_w_margin_pct").set_value(50).run()
    app.text_input(key="focus_set_name").input("Säljchefens förslag").run()
    app.button(key="focus_save_set").click().run()
    app.slider(key="focus_w_margin_pct").set_value(0)
    app.slider(key="focus_w_revenue").set_value(50).run()
    assert _names(app)[0] == "Alfa"
    app.button(key="focus_load_set").click().run()
    assert app.slider(key="focus_w_margin_pct").value == 50
    assert app.slider(key="focus_w_revenue").value == 0
    assert _names(app)[0] == "Beta"


def test_unassessed_criteria_are_named(app):
    app.slider(key="focus_w_revenue").set_value(50)
    app.slider(key="focus_w_strategic_fit").set_value(50).run()
    table = app.dataframe[0].value
    assert set(table["not_assessed"]) == {SV["criterion.strategic_fit"]}
    assert set(table["assessed"]) == {50}
