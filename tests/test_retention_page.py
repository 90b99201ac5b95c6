"""AppTest of the retention page: observed rates, scenario sliders and the sentence that
says it in plain words, lifetime values, customers slipping, and the clear messages."""

from __future__ import annotations

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from locales import catalog
from tests.apptest import open_page, store_with

SV, EN = catalog("sv"), catalog("en")


def sample_export(years: tuple[int, ...] = (2023, 2024, 2025), *, cost: bool = True) -> str:
    """60 customers buying each quarter; every 5th leaves after the first year, every 7th
    after the second, and every 3rd (a big one) stops after February of the last year."""
    header = "Kundnr;Kundnamn;Fakturanr;Fakturadatum;Belopp" + (";Kostnad" if cost else "")
    lines, invoice = [header], 0
    for customer in range(1, 61):
        for index, year in enumerate(years):
            if (index >= 1 and customer % 5 == 0) or (index >= 2 and customer % 7 == 0):
                continue
            for month in (2, 5, 8, 11):
                if year == years[-1] and month > 2 and customer % 3 == 0:
                    continue
                invoice += 1
                amount = (1000 + 50 * customer) * (5 if customer % 3 == 0 else 1)
                row = f"{customer:03d};Kund {customer};{invoice};{year}-{month:02d}-15;{amount}"
                if cost:
                    row += f";{amount * (0.6 if customer % 2 else 0.9):.2f}"
                lines.append(row)
    return "\n".join(lines) + "\n"


def _app(tmp_path, monkeypatch, text: str | None) -> AppTest:
    return open_page(store_with(tmp_path, text), monkeypatch, "pages/retention.py")


@pytest.fixture
def app(tmp_path, monkeypatch):
    return _app(tmp_path, monkeypatch, sample_export())


def _sentence(at: AppTest) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("### "))


def test_page_shows_rates_cohorts_scenario_and_risks(app):
    assert not app.exception
    headers = [h.value for h in app.subheader]
    assert headers == [SV["ret.observed"], SV["ret.cohorts"], SV["ret.scenario"], SV["ret.risk"]]
    assert _sentence(app).startswith("### Om vi behåller 5 procentenheter fler av A-kunderna")
    assert "nya kunder" in _sentence(app)
    # The table of bases: the newest period first, all customers, 60 − 12 = 48 … and the
    # tier groups of a 60-customer company are below 20 and so marked uncertain.
    table = app.dataframe[0].value
    assert set(table["group"]) >= {SV["ret.group.all"], "A-kunder", SV["ret.group.rest"]}
    uncertain = table[table["group"] == "A-kunder"]["note"]
    assert all(n.startswith("osäkert") for n in uncertain)
    assert len(app.get("vega_lite_chart")) == 3


def test_scenario_slider_changes_the_sentence(app):
    before = _sentence(app)
    app.slider(key="ret_up_focus").set_value(10).run()
    after = _sentence(app)
    assert not app.exception
    assert after.startswith("### Om vi behåller 10 procentenheter fler av A-kunderna")
    assert after != before
    app.slider(key="ret_up_focus").set_value(0).run()
    assert _sentence(app) == f"### {SV['ret.no_move']}"
    app.slider(key="ret_up_rest").set_value(4).run()
    assert _sentence(app).startswith("### Om vi behåller 4 procentenheter fler av övriga")


def test_horizon_and_discount_move_the_totals(app):
    def difference() -> str:
        return next(m.value for m in app.metric if m.label == SV["ret.metric.difference"])

    first = difference()
    app.slider(key="ret_horizon").set_value(10).run()
    longer = difference()
    app.slider(key="ret_discount").set_value(0).run()
    assert len({first, longer, difference()}) == 3
    assert "över 10 år" in _sentence(app)


def test_lifetime_values_per_tier(app):
    clv = next(d.value for d in app.dataframe if "multiplier" in d.value.columns)
    assert list(clv["tier"]) == ["A-kunder", "B-kunder", "C-kunder", SV["ret.group.all"]]
    assert (clv["lifetime"] >= 1).all()


def test_at_risk_thresholds(app):
    counts = [m.value for m in app.markdown if "A-kunder flaggas" in m.value]
    assert counts, "every third customer stopped buying in February"
    app.select_slider(key="ret_k").set_value(5.0).run()
    app.slider(key="ret_drop").set_value(90).run()
    assert not app.exception
    assert [s.value for s in app.success] == [SV["ret.risk_none"]]


def test_the_overdue_factor_reads_the_language_way(app):
    assert app.select_slider(key="ret_k").options[:3] == ["1,5", "2,0", "2,5"]
    app.session_state["lang"] = "en"
    app.run()
    assert app.select_slider(key="ret_k").options[:3] == ["1.5", "2.0", "2.5"]


def test_english(app):
    app.session_state["lang"] = "en"
    app.run()
    assert not app.exception
    assert _sentence(app).startswith("### If we keep 5 percentage points more of our A customers")
    assert app.subheader[0].value == EN["ret.observed"]
    # Labels made inside polars expressions must follow the language too.
    clv = next(d.value for d in app.dataframe if "multiplier" in d.value.columns)
    assert list(clv["tier"]) == ["A customers", "B customers", "C customers", "All customers"]


def test_calendar_years(app):
    app.segmented_control(key="ret_basis").set_value("year").run()
    assert not app.exception
    periods = set(app.dataframe[0].value["period"])
    assert periods == {"2024", "2025"}


def test_single_year_gives_a_clear_message(tmp_path, monkeypatch):
    at = _app(tmp_path, monkeypatch, sample_export((2025,)))
    assert not at.exception
    assert [i.value for i in at.info] == [SV["ret.not_enough"]]


def test_no_data_points_to_the_import(tmp_path, monkeypatch):
    at = _app(tmp_path, monkeypatch, None)
    assert not at.exception
    assert [i.value for i in at.info] == [SV["ret.empty"]]


def test_without_cost_a_margin_is_assumed(tmp_path, monkeypatch):
    at = _app(tmp_path, monkeypatch, sample_export(cost=False))
    assert not at.exception
    assert at.slider(key="ret_assumed_margin").value == 25
    assert SV["ret.assumed_note"].format(pct=25) in [c.value for c in at.caption]
    before = _sentence(at)
    at.slider(key="ret_assumed_margin").set_value(50).run()
    assert _sentence(at) != before


def test_a_small_company_sees_uncertain_rates(tmp_path, monkeypatch):
    lines = sample_export().splitlines()
    small = "\n".join([lines[0], *(x for x in lines[1:] if int(x[:3]) <= 12)]) + "\n"
    at = _app(tmp_path, monkeypatch, small)
    assert not at.exception
    assert [i.value for i in at.info] == [SV["ret.all_uncertain"].format(min=20)]
    assert len(at.get("vega_lite_chart")) == 2  # cohorts and projection, not the rates
    notes = " ".join(c.value for c in at.caption)
    assert "osäkert" in notes


def test_a_gain_is_said_even_when_no_new_customer_compares():
    # Today's average customer earns −1 000 kr a year, so no count of new customers
    # matches the gain; the gain of 158 kr is still said, not "they all stay already".
    from ui.retention.sentences import scenario_sentence

    groups = pl.DataFrame(
        {
            "group": ["focus", "rest"],
            "customers": [1, 1],
            "margin": [1000.0, -3000.0],
            "retention": [0.5, 0.5],
        }
    )
    settings = {"up_focus": 0.05, "up_rest": 0.0, "horizon": 5, "discount": 0.1}
    settings["cost_multiple"] = 5
    sentence = scenario_sentence(
        groups, pl.DataFrame({"difference": [158.0]}), settings, currency="SEK", lang="sv"
    )
    assert sentence.startswith("Om vi behåller 5 procentenheter fler av A-kunderna")
    assert "158 kr" in sentence
    assert sentence != SV["ret.nothing"]
    nothing = scenario_sentence(
        groups, pl.DataFrame({"difference": [0.0]}), settings, currency="SEK", lang="sv"
    )
    assert nothing == SV["ret.nothing"]
