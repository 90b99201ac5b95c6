"""AppTest of a workshop after the team has decided: a late participant is told that what
they send moves the screen's consensus, not the saved decision, and the facilitator's
screen says with whose weights the decision was made and who came after."""

from __future__ import annotations

from datetime import date

import pytest

from analytics.decision import save_decision, workshop_consensus, workshop_customers
from analytics.workshop import save_participant_weights
from locales import catalog
from tests.apptest import store_with
from tests.test_workshop_pages import SALES, _facilitator, _join, _with_store, _workshop

SV = catalog("sv")


def decide(store, shop) -> None:
    """Save the workshop's consensus now as the decision "Fokuslista 2027"."""
    period, table = workshop_customers(store, shop)
    agreed = workshop_consensus(store, shop, customers=table)
    save_decision(
        store, name="Fokuslista 2027", workshop=shop, period=period, agreed=agreed,
        decided_on=date(2026, 12, 2),
    )  # fmt: skip


@pytest.fixture
def db(tmp_path):
    return store_with(tmp_path, SALES, dataset="Testbolaget")


@pytest.fixture
def shop(db) -> dict:
    """Anna and Bo's workshop on Testbolaget (see `tests.test_workshop_pages._workshop`)."""
    return _with_store(db, lambda store: _workshop(store, {"revenue": 1, "gross_margin": 3}))


def test_a_late_participant_is_told_the_decision_is_saved(db, shop, monkeypatch):
    at = _join(db, monkeypatch, shop["code"], "Cilla")
    assert not [i for i in at.info if "sparat beslutet" in i.value]

    _with_store(db, lambda store: decide(store, shop))
    at = _join(db, monkeypatch, shop["code"], "Cilla")
    told = [i.value for i in at.info if "sparat beslutet" in i.value]
    assert told == [SV["join.decided"].format(decision="Fokuslista 2027", date="2026-12-02")]


def test_the_facilitator_sees_the_decision_and_who_came_after(db, shop, monkeypatch):
    _with_store(db, lambda store: decide(store, shop))
    _with_store(
        db, lambda s: save_participant_weights(s, shop["workshop_id"], "Cilla", {"growth": 100})
    )
    at = _facilitator(db, monkeypatch)
    told = [i.value for i in at.info if "Fokuslista 2027" in i.value]
    assert len(told) == 1
    assert "Anna, Bo" in told[0] and "Cilla" in told[0]
