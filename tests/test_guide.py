"""The strategy day's guided sequence (walked in a real browser in
test_browser_guide.py)."""

from __future__ import annotations

import pytest

from locales import catalog
from tests.apptest import open_page, store_with
from ui.guide import STEPS


def test_the_sequence_is_the_days_order():
    assert [(s.page.removeprefix("pages/"), s.section) for s in STEPS] == [
        ("health_check.py", None),
        ("concentration.py", "pareto"),
        ("concentration.py", "whale"),
        ("concentration.py", "quadrant"),
        ("focus_list.py", None),
        ("retention.py", "scenario"),
        ("decisions.py", None),
    ]


def test_every_step_has_a_title_in_every_catalog():
    for step in STEPS:
        assert catalog("sv")[step.title] != catalog("en")[step.title]


EXPORT = (
    "Kundnr;Kundnamn;Fakturadatum;Belopp;Kostnad\n"
    "K1;Alfa AB;2026-03-01;900;600\n"
    "K2;Beta AB;2026-04-01;500;550\n"
    "K3;Gamma AB;2026-05-01;300;200\n"
)


@pytest.mark.parametrize(("step", "charts"), [(None, 3), (1, 1), (2, 1), (3, 1)])
def test_the_profitability_page_shows_one_picture_per_step(tmp_path, monkeypatch, step, charts):
    session = {} if step is None else {"guide": True, "guide_step": step}
    at = open_page(
        store_with(tmp_path, EXPORT), monkeypatch, "pages/concentration.py", session=session
    )
    assert not at.exception
    assert len(at.get("vega_lite_chart")) == charts
