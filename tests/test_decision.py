"""Decisions: saved dated and never changed, listed, and compared with a later state.

Five customers C1…C5 with revenue 100…500 and gross margin 90, 70, 50, 30, 10 (revenue
ranks 0…1 upwards, margin downwards). Anna weights revenue only, Bo revenue 1 and
margin 3: consensus weights 62.5/37.5 points, scores C5 62.5, C4 56.25, C3 50,
C2 43.75, C1 37.5; tier A is one customer (C5), B up to rank ⌈2.5⌉ = 3.
"""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from analytics.decision import (
    compare_with_decision,
    decision_customers,
    decision_names,
    decision_values,
    decisions,
    find_decision,
    later_state,
    save_decision,
    workshop_consensus,
    workshop_customers,
)
from analytics.ingest.pipeline import import_sales
from analytics.workshop import create_workshop, save_participant_weights, set_override
from tests.samples import FIVE_CUSTOMERS

SALES = FIVE_CUSTOMERS
# Next month: Beta buys for 1 000 at cost (margin unchanged at 70, revenue 1 200).
NEXT_MONTH = (
    "Kundnr;Kundnamn;Fakturanr;Fakturadatum;Belopp;Kostnad\nC2;Beta AB;6;2026-04-01;1000;1000\n"
)
DAY = date(2026, 12, 2)


def _import(store, tmp_path, text: str, name: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    import_sales(store, path, dataset="Standard")


@pytest.fixture
def shop(store, tmp_path):
    _import(store, tmp_path, SALES, "march.csv")
    made = create_workshop(
        store, name="Ledningsgruppen", dataset_id=store.dataset_id("Standard"), period="all", top=2
    )
    save_participant_weights(store, made["workshop_id"], "Anna", {"revenue": 100})
    save_participant_weights(store, made["workshop_id"], "Bo", {"revenue": 1, "gross_margin": 3})
    return made


def _decide(store, shop, name: str = "Fokuslista 2027", notes: str = "") -> dict:
    period, table = workshop_customers(store, shop)
    agreed = workshop_consensus(store, shop, customers=table)
    save_decision(
        store, name=name, workshop=shop, period=period, agreed=agreed, notes=notes, decided_on=DAY
    )
    return find_decision(store, name)


def test_a_data_sets_decisions_are_named_newest_first(store, shop):
    _decide(store, shop, name="Första")
    _decide(store, shop, name="Andra")
    dataset_id = store.dataset_id("Standard")
    assert decision_names(store, dataset_id=dataset_id) == ["Andra", "Första"]
    assert decision_names(store, dataset_id=dataset_id + 1) == []


def test_decision_keeps_date_period_weights_participants_and_list(store, shop):
    saved = _decide(store, shop, notes="Beslutat i ledningsgruppen")
    assert saved["decided_on"] == DAY
    assert (saved["period_from"], saved["period_to"]) == (date(2026, 3, 2), date(2026, 3, 6))
    assert saved["weights"] == pytest.approx({"revenue": 62.5, "gross_margin": 37.5})
    assert saved["participants"] == ["Anna", "Bo"]
    assert saved["notes"] == "Beslutat i ledningsgruppen"
    listed = decision_customers(store, saved["decision_id"])
    assert listed.select("customer_id", "rank", "tier").rows() == [
        ("C5", 1, "A"),
        ("C4", 2, "B"),
        ("C3", 3, "B"),
        ("C2", 4, "C"),
        ("C1", 5, "C"),
    ]
    assert listed["score"].to_list() == pytest.approx([62.5, 56.25, 50, 43.75, 37.5])


def test_decision_keeps_pins_and_exclusions_with_reasons(store, shop):
    set_override(store, shop["workshop_id"], "C1", kind="pin", reason="Strategisk partner")
    set_override(store, shop["workshop_id"], "C5", kind="exclude", reason="Säljs av")
    saved = _decide(store, shop)
    listed = decision_customers(store, saved["decision_id"])
    assert listed.filter(pl.col("override").is_not_null()).select(
        "customer_id", "rank", "override", "reason"
    ).rows() == [("C1", 1, "pin", "Strategisk partner"), ("C5", None, "exclude", "Säljs av")]


def test_decision_does_not_change_when_the_workshop_does(store, shop):
    saved = _decide(store, shop)
    before = decision_customers(store, saved["decision_id"])
    save_participant_weights(store, shop["workshop_id"], "Anna", {"gross_margin": 1})
    set_override(store, shop["workshop_id"], "C2", kind="pin", reason="x")
    assert decision_customers(store, saved["decision_id"]).equals(before)
    assert find_decision(store, "Fokuslista 2027")["weights"] == saved["weights"]


def test_a_decision_name_is_used_once(store, shop):
    _decide(store, shop)
    with pytest.raises(ValueError, match="never changed"):
        _decide(store, shop)


def test_decisions_are_listed_with_their_a_count(store, shop):
    _decide(store, shop, name="Fokuslista 2027")
    _decide(store, shop, name="Fokuslista 2027 reviderad")
    table = decisions(store)
    assert table["name"].to_list() == ["Fokuslista 2027 reviderad", "Fokuslista 2027"]
    assert table["customers"].to_list() == [5, 5]
    assert table["a_customers"].to_list() == [1, 1]
    assert table["participants"].to_list()[0] == ["Anna", "Bo"]


def test_decision_keeps_values_and_contributions(store, shop):
    saved = _decide(store, shop)
    values = decision_values(store, saved["decision_id"])
    beta = {
        r["criterion"]: r
        for r in values.filter(pl.col("customer_id") == "C2").iter_rows(named=True)
    }
    assert beta["revenue"]["value"] == 200
    assert beta["revenue"]["contribution"] == pytest.approx(0.25 * 62.5)
    assert beta["gross_margin"]["contribution"] == pytest.approx(0.75 * 37.5)
    assert beta["growth"]["contribution"] is None


def test_new_data_compared_with_the_decision_says_who_moved_and_why(store, shop, tmp_path):
    saved = _decide(store, shop)
    _import(store, tmp_path, NEXT_MONTH, "april.csv")
    _, after = later_state(store, saved)
    # Beta: revenue rank 1 → 62.5 + 28.125 = 90.625, first. New order C2, C5, C4, C1, C3.
    assert after["customer_id"].to_list() == ["C2", "C5", "C4", "C1", "C3"]
    compared = compare_with_decision(
        decision_customers(store, saved["decision_id"]),
        decision_values(store, saved["decision_id"]),
        after,
    )
    assert (compared["entered_a"], compared["left_a"], compared["stayed_a"]) == (["C2"], ["C5"], [])
    first = compared["moved"].row(0, named=True)
    assert (first["customer_id"], first["rank_before"], first["rank_after"], first["change"]) == (
        "C2",
        4,
        1,
        3,
    )
    assert (first["criterion"], first["value_before"], first["value_after"]) == (
        "revenue",
        200,
        1200,
    )


def test_other_weights_compared_with_the_decision(store, shop):
    saved = _decide(store, shop)
    _, after = later_state(store, saved, weights={"gross_margin": 1})
    compared = compare_with_decision(
        decision_customers(store, saved["decision_id"]),
        decision_values(store, saved["decision_id"]),
        after,
    )
    assert (compared["entered_a"], compared["left_a"]) == (["C1"], ["C5"])
    moved = compared["moved"].select("customer_id", "change", "criterion").rows()
    # C1 5 → 1 (margin 37.5 → 100 points), C5 1 → 5 (revenue 62.5 → 0), then C2 and C4.
    assert moved[:2] == [("C1", 4, "gross_margin"), ("C5", -4, "revenue")]
    assert {m[0] for m in moved[2:]} == {"C2", "C4"}


def test_a_pin_of_the_decision_holds_in_the_later_state(store, shop):
    set_override(store, shop["workshop_id"], "C1", kind="pin", reason="Strategisk partner")
    saved = _decide(store, shop)
    _, after = later_state(store, saved)
    assert after.row(0, named=True)["customer_id"] == "C1"
    assert after.row(0, named=True)["tier"] == "A"
