"""AppTest of the join page after the team has decided: a late participant is told that
what they send moves the screen's consensus, not the saved decision."""

from __future__ import annotations

from datetime import date

import pytest

from analytics.decision import save_decision, workshop_consensus, workshop_customers
from locales import catalog
from tests.apptest import store_with
from tests.test_workshop_pages import SALES, _join, _with_store, _workshop

SV = catalog("sv")


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

    def decide(store):
        period, table = workshop_customers(store, shop)
        agreed = workshop_consensus(store, shop, customers=table)
        save_decision(
            store, name="Fokuslista 2027", workshop=shop, period=period, agreed=agreed,
            decided_on=date(2026, 12, 2),
        )  # fmt: skip

    _with_store(db, decide)
    at = _join(db, monkeypatch, shop["code"], "Cilla")
    told = [i.value for i in at.info if "sparat beslutet" in i.value]
    assert told == [SV["join.decided"].format(decision="Fokuslista 2027", date="2026-12-02")]
