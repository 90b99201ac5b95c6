"""AppTest of the focus list: sliders move the list, tiers, exports and weight sets."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from analytics.ingest.pipeline import import_sales
from analytics.scoring import DEFAULT_WEIGHTS
from analytics.store import Store
from locales import catalog
from tests.apptest import clear_caches, open_page, store_with
from ui.tables import page_span

SV = catalog("sv")

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
    db = store_with(tmp_path, EXPORT)
    at = open_page(db, monkeypatch, "pages/focus_list.py", all_data="focus_period")
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


def test_who_and_the_main_numbers_come_first(app):
    # Beside the sliders the list scrolls sideways: rank, tier, name, score, revenue and
    # margin stay in sight; the customer number and the bars come after them.
    order = list(app.dataframe[0].proto.column_order)
    assert order[:6] == ["rank", "tier", "customer_name", "score", "revenue", "gross_margin"]
    assert sorted(order) == sorted(app.dataframe[0].value.columns)


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
    db = store_with(tmp_path, export)
    at = open_page(db, monkeypatch, "pages/focus_list.py", all_data="focus_period")
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


# --- one set of weights per data set, on every page and after a reload ------------------


@pytest.fixture
def weights_db(tmp_path):
    return store_with(tmp_path, EXPORT)


def test_a_weight_is_kept_across_pages_and_a_reload(weights_db, monkeypatch):
    at = open_page(weights_db, monkeypatch, "pages/focus_list.py")
    assert at.slider(key="focus_w_revenue").value == DEFAULT_WEIGHTS["revenue"]
    at.slider(key="focus_w_revenue").set_value(85).run()
    # Another page uses the tuned weights, and the focus list still shows them on return.
    at.switch_page("pages/customer.py").run()
    assert SV["customer.weights_focus"] in [c.value for c in at.caption]
    at.switch_page("pages/focus_list.py").run()
    assert at.slider(key="focus_w_revenue").value == 85
    # A new session on the same database (a reload, a restart).
    clear_caches()
    again = open_page(weights_db, monkeypatch, "pages/focus_list.py")
    assert again.slider(key="focus_w_revenue").value == 85
    again.switch_page("pages/retention.py").run()
    assert not again.exception


def test_reset_restores_the_default_weights_everywhere(weights_db, monkeypatch):
    at = open_page(weights_db, monkeypatch, "pages/focus_list.py")
    assert at.button(key="focus_reset").disabled
    at.slider(key="focus_w_gross_margin").set_value(0).run()
    at.button(key="focus_reset").click().run()
    assert at.slider(key="focus_w_gross_margin").value == DEFAULT_WEIGHTS["gross_margin"]
    at.switch_page("pages/customer.py").run()
    assert SV["customer.weights_default"] in [c.value for c in at.caption]


def test_weights_belong_to_their_data_set(weights_db, monkeypatch):
    other = Store(weights_db)
    sales = weights_db.parent / "other.csv"
    sales.write_text(EXPORT.replace("Alfa", "Omega"), encoding="utf-8")
    import_sales(other, sales, dataset="Annan")
    ids = {other.dataset_id("Test"), other.dataset_id("Annan")}
    other.close()
    at = open_page(weights_db, monkeypatch, "pages/focus_list.py")
    chosen = at.session_state["dataset_id"]
    at.slider(key="focus_w_revenue").set_value(85).run()
    (other_id,) = ids - {chosen}
    at.sidebar.selectbox(key="dataset_id").set_value(other_id).run()
    assert at.slider(key="focus_w_revenue").value == DEFAULT_WEIGHTS["revenue"]
    at.sidebar.selectbox(key="dataset_id").set_value(chosen).run()
    assert at.slider(key="focus_w_revenue").value == 85


def test_store_keeps_weights_per_data_set(store):
    assert store.dataset_weights(1) is None
    store.save_dataset_weights(1, {"revenue": 30, "growth": 0})
    assert store.dataset_weights(1) == {"revenue": 30.0, "growth": 0.0}
    assert store.dataset_weights(2) is None
    store.save_dataset_weights(1, None)
    assert store.dataset_weights(1) is None


def test_store_refuses_negative_weights(store):
    with pytest.raises(ValueError, match="non-negative"):
        store.save_dataset_weights(1, {"revenue": -1})


@pytest.mark.parametrize(
    ("index", "total", "span"),
    [
        (0, 224, (1, 20)),
        (1, 224, (21, 40)),
        (11, 224, (221, 224)),
        (99, 224, (221, 224)),
        (-1, 50, (1, 20)),
        (0, 7, (1, 7)),
    ],
)
def test_page_span(index, total, span):
    assert page_span(index, total) == span


def test_a_long_list_pages_on_a_projector(tmp_path, monkeypatch):
    # 60 customers K00..K59, revenue 1 000 + 10 × n: the list shows 50 of them.
    export = "Kundnr;Fakturadatum;Belopp\n" + "".join(
        f"K{n:02d};2024-0{1 + n % 9}-01;{1000 + 10 * n}\n" for n in range(60)
    )
    at = open_page(
        store_with(tmp_path, export),
        monkeypatch,
        "pages/focus_list.py",
        session={"presentation": True, "focus_top": 50},
    )
    assert "1–20 av 50" in [m.value for m in at.markdown]
    assert at.dataframe[0].value.shape[0] == 20
    next(b for b in at.button if b.label == SV["table.next"]).click().run()
    assert "21–40 av 50" in [m.value for m in at.markdown]
    assert at.dataframe[0].value["rank"].tolist() == list(range(21, 41))
