"""On a projector the long tables of the plans, weekly check-in, quarterly review and
team assessment pages page twenty rows at a time ("1–20 av 30") instead of hiding rows
behind an inner scroll bar; at a desk they show every row."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from analytics.plans import create_plan
from analytics.store import Store
from locales import catalog
from tests.apptest import edit_cells, open_page, store_with

SV = catalog("sv")
DATASET = "Test"
CUSTOMERS = 30
# Thirty customers K00..K29 with a plan each; K29 buys the most.
SALES = "Kundnr;Kundnamn;Fakturadatum;Belopp\n" + "".join(
    f"K{n:02d};Kund {n:02d} AB;{date.today().replace(day=1)};{1000 + 10 * n}\n"
    for n in range(CUSTOMERS)
)
PROJECTOR = {"presentation": True}


def _plans(store: Store) -> None:
    """A plan for each of the CUSTOMERS customers."""
    for n in range(CUSTOMERS):
        create_plan(store, dataset=DATASET, customer_id=f"K{n:02d}", started_on=date(2020, 1, 1))


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return store_with(tmp_path_factory.mktemp("paging"), SALES, dataset=DATASET, fill=_plans)


def _pages(at) -> list[str]:
    """The "first–last av total" lines on the page."""
    return [m.value for m in at.markdown if " av " in m.value and "–" in m.value]


def _frame(at, column: str):
    (frame,) = [d.value for d in at.dataframe if column in d.value.columns]
    return frame


def _next(at, key: str):
    return at.button(key=f"{key}_next").click().run()


def test_the_scoreboard_pages_on_a_projector(db, monkeypatch):
    at = open_page(db, monkeypatch, "pages/checkin.py", session=PROJECTOR)
    assert not at.exception
    assert _pages(at) == ["1–20 av 30"]
    first = _frame(at, "target_revenue")["customer"].tolist()
    assert len(first) == 20
    at = _next(at, "checkin_scoreboard")
    assert _pages(at) == ["21–30 av 30"]
    rest = _frame(at, "target_revenue")["customer"].tolist()
    assert len(rest) == 10 and set(first).isdisjoint(rest)
    assert at.button(key="checkin_scoreboard_next").disabled


def test_the_scoreboard_shows_every_row_at_a_desk(db, monkeypatch):
    at = open_page(db, monkeypatch, "pages/checkin.py")
    assert _pages(at) == []
    assert len(_frame(at, "target_revenue")) == CUSTOMERS


def test_the_review_pages_its_customers_on_a_projector(db, monkeypatch):
    at = open_page(db, monkeypatch, "pages/review.py", session=PROJECTOR)
    assert not at.exception
    assert "1–20 av 30" in _pages(at)
    assert at.button(key="review_customers_next") is not None
    at = _next(at, "review_customers")
    assert "21–30 av 30" in _pages(at)


def test_the_team_assessment_pages_on_a_projector(db, monkeypatch):
    at = open_page(db, monkeypatch, "pages/team_assessment.py", session=PROJECTOR)
    assert not at.exception
    assert _pages(at) == ["1–20 av 30"]
    assert len(at.data_editor[0].value) == 20
    at = _next(at, "team_rows")
    assert _pages(at) == ["21–30 av 30"]
    assert len(at.data_editor[0].value) == 10


def test_unsaved_scores_keep_the_team_on_their_page(db, monkeypatch):
    at = open_page(db, monkeypatch, "pages/team_assessment.py", session=PROJECTOR)
    edit_cells(at, at.data_editor[0].key, {0: {"strategic_fit": 4}})
    assert at.button(key="team_rows_next").disabled
    assert at.button(key="team_rows_previous").disabled
    assert at.button(key="team_save").disabled is False
