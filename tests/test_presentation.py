"""Presentation mode folds the controls away (the period, how many customers, sliders and
choices in a closed "controls" expander, values kept), leaving the picture and its
sentence; "show controls" brings them back."""

from __future__ import annotations

import pytest

from locales import catalog
from tests.apptest import open_page, store_with
from tests.samples import GROUPS_NO_COST
from tests.test_masking import EXPORT

SV = catalog("sv")


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return store_with(tmp_path_factory.mktemp("presentation"), EXPORT)


def _folded(at, label: str) -> list:
    """The sliders inside the expander titled `label`."""
    return [s for e in at.expander if e.label == label for s in e.slider]


@pytest.mark.parametrize(
    ("page", "label"),
    [
        ("pages/focus_list.py", SV["focus.weights"]),
        ("pages/retention.py", SV["app.controls"]),
    ],
)
def test_presentation_mode_folds_the_sliders_away(db, monkeypatch, page, label):
    at = open_page(db, monkeypatch, page, session={"presentation": True})
    assert not at.exception
    assert len(at.slider) > 0
    assert len(_folded(at, label)) == len(at.slider)


@pytest.mark.parametrize(
    ("page", "label"),
    [
        ("pages/focus_list.py", SV["focus.weights"]),
        ("pages/retention.py", SV["app.controls"]),
    ],
)
def test_show_controls_brings_them_back(db, monkeypatch, page, label):
    at = open_page(db, monkeypatch, page, session={"presentation": True, "show_controls": True})
    assert not at.exception
    assert len(at.slider) > 0
    assert _folded(at, label) == []


def test_outside_presentation_mode_nothing_is_folded(db, monkeypatch):
    at = open_page(db, monkeypatch, "pages/focus_list.py")
    assert _folded(at, SV["focus.weights"]) == []
    assert SV["sidebar.show_controls"] not in [t.label for t in at.sidebar.toggle]


def test_a_folded_slider_keeps_its_value(db, monkeypatch):
    at = open_page(db, monkeypatch, "pages/retention.py", session={"presentation": True})
    at.slider(key="ret_up_focus").set_value(10).run()
    at.session_state["show_controls"] = True
    at.run()
    assert at.slider(key="ret_up_focus").value == 10


# The analysis pages and a control each must fold (the period, the focus list's length).
ANALYSIS = {
    "pages/focus_list.py": {"focus_period", "focus_top"},
    "pages/concentration.py": {"conc_period", "conc_top"},
    "pages/retention.py": {"ret_basis", "ret_up_focus", "ret_k", "ret_drop"},
    "pages/customer.py": {"cust_period"},
    "pages/health_check.py": {"health_period"},
}
FOLDS = {SV["app.controls"], SV["focus.weights"], SV["conc.quad.controls"], SV["conc.margin.panel"]}


def _controls(block) -> set[str]:
    """The keys of the sliders, select sliders, number inputs and segmented controls in
    `block`."""
    widgets = [*block.slider, *block.select_slider, *block.number_input, *block.button_group]
    return {w.key for w in widgets}


def _in_folds(at) -> set[str]:
    return {k for e in at.expander if e.label in FOLDS for k in _controls(e)}


@pytest.mark.parametrize("page", sorted(ANALYSIS))
def test_every_control_of_an_analysis_page_folds_away(db, monkeypatch, page):
    at = open_page(db, monkeypatch, page, session={"presentation": True})
    assert not at.exception
    shown = _controls(at.main)
    assert ANALYSIS[page] <= shown
    assert _in_folds(at) == shown


@pytest.mark.parametrize("page", sorted(ANALYSIS))
def test_show_controls_puts_every_control_back_in_place(db, monkeypatch, page):
    at = open_page(db, monkeypatch, page, session={"presentation": True, "show_controls": True})
    assert not at.exception
    assert ANALYSIS[page] <= _controls(at.main)
    assert _in_folds(at) == set()
    assert [e.label for e in at.expander if e.label in FOLDS] == []


def test_the_period_keeps_its_choice_while_folded(db, monkeypatch):
    at = open_page(db, monkeypatch, "pages/concentration.py", session={"presentation": True})
    at.button_group(key="conc_period").set_value("all").run()
    at.number_input(key="conc_top").set_value(2).run()
    at.session_state["show_controls"] = True
    at.run()
    assert at.button_group(key="conc_period").value == "all"
    assert at.number_input(key="conc_top").value == 2


def test_show_controls_brings_back_the_health_checks_team_answers(db, monkeypatch):
    folded = open_page(db, monkeypatch, "pages/health_check.py", session={"presentation": True})
    assert len(folded.text_input) == 0
    shown = open_page(
        db,
        monkeypatch,
        "pages/health_check.py",
        session={"presentation": True, "show_controls": True},
    )
    desk = open_page(db, monkeypatch, "pages/health_check.py")
    assert len(shown.text_input) == len(desk.text_input) > 0


def _panels(at) -> list[tuple[str, set[str]]]:
    """Each folded panel's title and the keys of the controls it holds, in page order."""
    return [(e.label, _controls(e)) for e in at.expander]


def test_the_profitability_page_folds_into_panels_named_for_what_they_hold(db, monkeypatch):
    at = open_page(db, monkeypatch, "pages/concentration.py", session={"presentation": True})
    assert not at.exception
    # Every margin is known: no panel for assumed margins, not even an empty one; the
    # quadrant's own controls are not a second "Reglage".
    assert _panels(at) == [
        ("Reglage", {"conc_period", "conc_top", "conc_value"}),
        ("Kvadrantens mått och linjer", {"conc_measure", "conc_size", "conc_profit"}),
    ]


def test_the_assumed_margins_fold_into_a_panel_of_their_own(tmp_path, monkeypatch):
    db = store_with(tmp_path, GROUPS_NO_COST)
    at = open_page(
        db, monkeypatch, "pages/concentration.py", session={"presentation": True, "lang": "en"}
    )
    assert not at.exception
    assert _panels(at) == [
        ("Controls", {"conc_period", "conc_top", "conc_value"}),
        ("Assumed margin where cost is missing", {"conc_margin_mode"}),
    ]
    labels = [label for label, _ in _panels(at)]
    assert len(labels) == len(set(labels))
