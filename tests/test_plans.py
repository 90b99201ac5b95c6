"""Customer plans in the store: history of every change, archive and restore, checks,
plans that outlive new imports, plans for a set of customers, open activities carried."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from analytics.ingest.pipeline import import_sales
from analytics.plan_tables import activities, goals, history, plan_listing, plans
from analytics.plans import (
    add_activity,
    add_contact,
    add_goal,
    add_member,
    archive,
    create_plan,
    create_plans,
    restore,
    update,
)
from analytics.review import roll_forward

SALES = "Kundnr;Kundnamn;Fakturadatum;Belopp\nC1;Alfa;2027-01-10;100\nC2;Beta;2027-01-12;200\n"


@pytest.fixture
def plan(store, tmp_path):
    path = tmp_path / "sales.csv"
    path.write_text(SALES, encoding="utf-8")
    import_sales(store, path, dataset="Standard")
    add_member(store, "Anna", role="KAM", email="anna@example.com")
    return create_plan(store, dataset="Standard", customer_id="C1", trust=4, choice="second",
                       by="Anna", at=datetime(2027, 1, 3, 9))  # fmt: skip


def test_every_change_is_kept_with_who_when_and_what(store, plan):
    pid = plan["plan_id"]
    update(store, "plan", pid, trust=5, by="Bo", at=datetime(2027, 1, 4, 10))
    archive(store, "plan", pid, by="Bo", at=datetime(2027, 1, 5, 10))
    restore(store, "plan", pid, by="Cay", at=datetime(2027, 1, 6, 10))
    rows = history(store, entity="plan", key=pid).to_dicts()
    assert [(r["action"], r["changed_by"], r["changed_at"].day) for r in rows] == [
        ("create", "Anna", 3), ("update", "Bo", 4), ("archive", "Bo", 5), ("restore", "Cay", 6)
    ]  # fmt: skip
    assert json.loads(rows[1]["changes"]) == {"trust": [4, 5]}


def test_a_change_to_the_same_value_is_not_logged(store, plan):
    update(store, "plan", plan["plan_id"], trust=4)
    assert history(store, entity="plan", key=plan["plan_id"]).height == 1


def test_an_archived_plan_leaves_the_list_and_comes_back_whole(store, plan):
    pid = plan["plan_id"]
    add_goal(
        store, pid, kind="nps", target=40, starts_on=date(2027, 1, 1), ends_on=date(2027, 6, 30)
    )
    archive(store, "plan", pid)
    assert plans(store, dataset="Standard").is_empty()
    restore(store, "plan", pid)
    assert goals(store, dataset="Standard")["kind"].to_list() == ["nps"]


def test_an_archived_activity_is_kept_in_the_store(store, plan):
    act = add_activity(store, plan["plan_id"], "Visit", owner="Anna", due=date(2027, 2, 1))
    archive(store, "activity", act["activity_id"])
    assert activities(store, dataset="Standard").is_empty()
    assert activities(store, dataset="Standard", archived=True).height == 1


def test_marking_an_activity_done_dates_it(store, plan):
    act = add_activity(store, plan["plan_id"], "Visit", owner="Anna")
    done = update(store, "activity", act["activity_id"], status="done", at=datetime(2027, 2, 3))
    again = update(store, "activity", act["activity_id"], status="in_progress")
    assert (done["completed_on"], again["completed_on"]) == (date(2027, 2, 3), None)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda s, p: add_activity(s, p, "X", owner="Nobody"), "not in the team list"),
        (lambda s, p: update(s, "plan", p, trust=6), "Trust is 1 to 5"),
        (lambda s, p: update(s, "plan", p, choice="fourth"), "choice must be one of"),
        (lambda s, p: add_activity(s, p, "X", status="half"), "status must be one of"),
        (
            lambda s, p: add_goal(
                s, p, kind="revenue", starts_on=date(2027, 1, 1), ends_on=date(2027, 2, 1)
            ),
            "needs a target",
        ),
        (
            lambda s, p: add_goal(
                s, p, kind="free", starts_on=date(2027, 2, 1), ends_on=date(2027, 1, 1)
            ),
            "cannot end",
        ),
        (lambda s, _p: create_plan(s, dataset="Standard", customer_id="C9"), "not in the data set"),
        (lambda s, _p: create_plan(s, dataset="Standard", customer_id="C1"), "already has a plan"),
    ],
)
def test_wrong_input_is_refused(store, plan, call, message):
    with pytest.raises(ValueError, match=message):
        call(store, plan["plan_id"])


def test_a_plan_survives_a_new_import_and_a_replaced_period(store, plan, tmp_path):
    add_contact(store, plan["plan_id"], "Eva", role="CFO", view="advocate")
    add_activity(store, plan["plan_id"], "Visit", owner="Anna", due=date(2027, 2, 1))
    store.delete_import(1)
    again = tmp_path / "again.csv"
    again.write_text(SALES.replace("100", "150"), encoding="utf-8")
    import_sales(store, again, dataset="Standard", replace_overlap=True)
    listed = plan_listing(store, dataset="Standard")
    assert [(p["customer_id"], [a["title"] for a in p["activities"]]) for p in listed] == [
        ("C1", ["Visit"])
    ]


def test_plans_are_created_for_customers_without_one(store, plan):
    made = create_plans(store, dataset="Standard", customer_ids=["C1", "C2"])
    assert made == {"created": ["C2"], "skipped": ["C1"]}


def test_roll_forward_carries_open_activities_to_the_next_goal(store, plan):
    goal = add_goal(store, plan["plan_id"], kind="revenue", target=1000,
                    starts_on=date(2027, 1, 1), ends_on=date(2027, 3, 31))  # fmt: skip
    act = add_activity(store, plan["plan_id"], "Visit", owner="Anna", goal_id=goal["goal_id"])
    done = roll_forward(store, dataset="Standard", quarter="2027-Q1")
    moved = activities(store, dataset="Standard").row(0, named=True)
    assert (done["carried"], moved["goal_id"]) == ([act["activity_id"]], done["created"][0])


def test_plans_start_from_a_decisions_a_customers_without_one(store, plan):
    from analytics.decision import save_decision, workshop_consensus, workshop_customers
    from analytics.plan_tables import decision_plan_candidates
    from analytics.workshop import create_workshop, save_participant_weights

    shop = create_workshop(
        store, name="Ledningen", dataset_id=store.dataset_id("Standard"), period="all", top=2
    )
    save_participant_weights(store, shop["workshop_id"], "Anna", {"revenue": 100})
    period, table = workshop_customers(store, shop)
    agreed = workshop_consensus(store, shop, customers=table, tier_shares=(1.0, 0.0))
    save_decision(store, name="Fokus", workshop=shop, period=period, agreed=agreed,
                  tier_shares=(1.0, 0.0))  # fmt: skip
    # Both customers are A; C1 already has a plan.
    assert decision_plan_candidates(store, "Fokus") == ["C2"]
