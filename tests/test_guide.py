"""The strategy day's guided sequence (walked in a real browser in
test_browser_guide.py)."""

from __future__ import annotations

from locales import catalog
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
