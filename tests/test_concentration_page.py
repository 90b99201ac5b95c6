"""AppTest of the profitability-versus-size page: figures and sentences from a small
company, cut lines, the focus list, languages, masked names and assumed margins."""

from __future__ import annotations

import json

import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from locales import catalog
from tests.apptest import markdown_text, open_page, store_weights, store_with
from tests.samples import GROUPS_NO_COST, MARGINS_2024, ZETA_CREDIT_NOTE

SV, EN = catalog("sv"), catalog("en")

# Revenue and margin per customer: Alfa 1000/10, Beta 100/80, Gamma 500/100,
# Delta 800/−100 (large, loses money), Eps 50/−10, Zeta −100/−50 (a credit note larger
# than its purchase). Totals: revenue 2 350, margin 30.
EXPORT = MARGINS_2024 + ZETA_CREDIT_NOTE
NO_COST = GROUPS_NO_COST


def _app(tmp_path, monkeypatch, export: str, *, weights: dict | None = None) -> AppTest:
    db = store_with(tmp_path, export)
    if weights is not None:
        store_weights(db, weights)
    return open_page(db, monkeypatch, "pages/concentration.py", all_data="conc_period")


@pytest.fixture
def app(tmp_path, monkeypatch):
    at = _app(tmp_path, monkeypatch, EXPORT, weights={"revenue": 100})
    return at.number_input(key="conc_top").set_value(2).run()


@pytest.fixture
def no_cost(tmp_path, monkeypatch):
    return _app(tmp_path, monkeypatch, NO_COST)


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _quadrant_counts(at: AppTest) -> list[int]:
    return at.dataframe[0].value["customers"].tolist()


def test_headline_figures_and_sentences(app):
    assert not app.exception
    assert app.title[0].value == SV["conc.title"]
    metrics = _metrics(app)
    # Alfa + Delta + Gamma = 2 300 of 2 350 ≥ 80 %: 3 of 6 customers.
    assert metrics[SV["conc.metric.n80"]] == "3 kunder"
    deltas = {m.label: m.proto.delta for m in app.metric}
    assert deltas[SV["conc.metric.n80"]] == "50\u00a0% av kunderna"
    # The profitable earn 190 of a total 30: 633 %.
    assert metrics[SV["conc.metric.peak"]] == "633\u00a0%"
    assert metrics[SV["conc.metric.unprofitable"]] == "3"
    assert deltas[SV["conc.metric.unprofitable"]] == "50\u00a0% av kunderna"
    assert metrics[SV["conc.metric.margin"]] == "30 kr"
    text = markdown_text(app)
    assert "3 av era 6 kunder (50\u00a0%) står för 80\u00a0% av omsättningen." in text
    # The two largest (Alfa, Delta): 1 800 of 2 350 revenue, −90 of 30 margin.
    assert "Era 2 största kunder står för 77\u00a0% av omsättningen men bara −300\u00a0%" in text
    assert "De lönsamma kunderna tjänar ihop 190 kr, 633\u00a0% av det totala" in text
    assert "kostar 160 kr, så 30 kr blir kvar" in text
    assert [s.value for s in app.subheader] == [
        SV["conc.quad.title"],
        SV["conc.whale.title"],
        SV["conc.pareto.title"],
    ]
    assert len(app.get("vega_lite_chart")) == 3
    labels = [b.proto.label for b in app.get("download_button")]
    assert labels == [SV["conc.export_png"], SV["conc.export_svg"]] * 3


def test_quadrants_and_their_cut_lines(app):
    # Medians: revenue 500 and margin % 1 % (Alfa) over the five customers with revenue.
    table = app.dataframe[0].value
    assert table["quadrant"].tolist() == [
        SV["conc.quadrant.core"],
        SV["conc.quadrant.large_unprofitable"],
        SV["conc.quadrant.small_profitable"],
        SV["conc.quadrant.small_unprofitable"],
    ]
    assert _quadrant_counts(app) == [2, 1, 1, 1]
    text = markdown_text(app)
    # Shares of the placed customers (Zeta's negative revenue is not placed): 1 500 of 2 450.
    assert "Kärnkunderna (2) står för 61\u00a0% av omsättningen" in text
    assert "De stora men olönsamma kunderna (1) står för 33\u00a0% av omsättningen men ger " in text
    # The focus list by revenue alone: Alfa (1) and Delta (2); Delta is large and unprofitable.
    assert "Av fokuslistans 2 kunder finns 1 bland dem." in text
    captions = " ".join(c.value for c in app.caption)
    assert "**1** Alfa · **2** Delta" in captions
    assert SV["conc.hidden"].format(count=1) in captions  # Zeta, revenue below zero
    # Only the largest 20 % (Alfa) count as large now.
    app.segmented_control(key="conc_size").set_value("top20").run()
    assert _quadrant_counts(app) == [1, 0, 2, 2]
    # By margin in kronor Zeta is placed too: six customers, the top 20 % are Alfa and Delta.
    app.segmented_control(key="conc_measure").set_value("margin").run()
    app.segmented_control(key="conc_profit").set_value("zero").run()
    assert not app.exception
    assert _quadrant_counts(app) == [1, 1, 2, 2]


def test_quadrant_chart_has_a_log_axis_and_the_focus_list(app):
    spec = json.loads(app.get("vega_lite_chart")[0].proto.spec)
    filters = [layer.get("transform", [{}])[0].get("filter") for layer in spec["layer"]]
    assert filters.count("datum.focus") == 2  # the dots and their numbers
    assert spec["layer"][0]["encoding"]["x"]["scale"]["type"] == "log"


def test_english(app):
    app.session_state["lang"] = "en"
    app.run()
    assert app.title[0].value == EN["conc.title"]
    assert app.dataframe[0].value["quadrant"].tolist()[0] == EN["conc.quadrant.core"]
    assert "3 of your 6 customers (50%) make 80% of revenue." in markdown_text(app)
    assert _metrics(app)[EN["conc.metric.margin"]] == "SEK 30"


def test_masked_names_are_pseudonyms_in_the_legend(app):
    app.session_state["mask_names"] = True
    app.run()
    assert not app.exception
    captions = " ".join(c.value for c in app.caption)
    assert "Alfa" not in captions and "Delta" not in captions
    # By revenue over the data set: Alfa 1 000 is A01, Delta 800 is A02.
    assert "**1** Kund A01 · **2** Kund A02" in captions


def test_standard_weights_are_said(tmp_path, monkeypatch):
    at = _app(tmp_path, monkeypatch, EXPORT)
    captions = " ".join(c.value for c in at.caption)
    assert SV["conc.focus_default"].format(top=20) in captions


def test_without_cost_the_team_can_assume_a_margin(no_cost):
    at = no_cost
    assert not at.exception
    assert at.info[0].value == SV["conc.margin.none_known"]
    assert [s.value for s in at.subheader] == [SV["conc.pareto.title"]]
    assert len(at.get("vega_lite_chart")) == 1
    assert _metrics(at)[SV["conc.metric.peak"]] == "–"

    at.segmented_control(key="conc_margin_mode").set_value("overall").run()
    assert not at.exception
    assert at.slider(key="conc_assumed").value == 25
    warning = at.warning[0].value
    assert warning.startswith("**Antagen marginal:**")
    assert "25\u00a0% av omsättningen" in warning
    assumed = f"({SV['conc.assumed']})"
    assert [s.value for s in at.subheader] == [
        f"{SV['conc.quad.title']} {assumed}",
        f"{SV['conc.whale.title']} {assumed}",
        SV["conc.pareto.title"],
    ]
    margin_label = SV["conc.metric.margin"]
    assert SV["conc.metric.assumed"] in [c.value for c in at.caption]
    assert _metrics(at)[margin_label] == "550 kr"  # 25 % of 2 200
    assert f"{assumed}." in markdown_text(at)  # the whale sentence says so

    # Per product group: El 10 %, VVS 30 %, Verktyg and lines without a group 25 %.
    at.segmented_control(key="conc_margin_mode").set_value("group").run()
    at.number_input(key="conc_group_El").set_value(10)
    at.number_input(key="conc_group_VVS").set_value(30).run()
    assert not at.exception
    assert at.number_input(key="conc_group_Verktyg").value == 25
    # Alfa 100 + 150 + 25, Beta 90, Gamma 75.
    assert _metrics(at)[margin_label] == "440 kr"
    assert "El 10\u00a0%, VVS 30\u00a0%" in at.warning[0].value


def _rows(chart) -> int:
    """Rows the chart ships to the browser (its Arrow data sets)."""
    total = 0
    for dataset in chart.proto.datasets:
        with pa.ipc.open_stream(dataset.data.data) as reader:
            total += reader.read_all().num_rows
    return total


def test_many_customers_ship_a_light_quadrant(tmp_path, monkeypatch):
    count = 12_000
    lines = ["Kundnr;Kundnamn;Fakturadatum;Belopp;Kostnad"]
    for i in range(count):
        revenue = 100 + (i * 7919) % 2_000_000
        cost = revenue * (0.55 + ((i * 104_729) % 600) / 1000)
        lines.append(f"K{i:05};Kund {i};2024-03-01;{revenue};{cost:.2f}")
    at = _app(tmp_path, monkeypatch, "\n".join(lines) + "\n")
    assert not at.exception
    quadrant = at.get("vega_lite_chart")[0]
    # At most 1 500 customers one by one, the rest counted in at most 36 × 24 cells.
    assert _rows(quadrant) <= 1_500 + 36 * 24 + 10
    captions = " ".join(c.value for c in at.caption)
    assert SV["conc.binned"].format(count="10\u00a0500") in captions
    for curve in at.get("vega_lite_chart")[1:]:
        assert _rows(curve) <= 500
