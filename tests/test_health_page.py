"""AppTest of the health check page: the data's answers, the team's answers saved as they
change, the summary, the next steps, both languages and presentation mode."""

from __future__ import annotations

import pytest

from analytics.decision import save_decision, workshop_consensus, workshop_customers
from analytics.healthcheck import team_answers
from analytics.store import Store
from analytics.workshop import create_workshop, save_participant_weights
from locales import catalog
from tests.apptest import (
    clear_caches,
    edit_cells,
    markdown_text,
    page_opener,
    store_weights,
    store_with,
)
from tests.samples import MARGINS_2024

SV, EN = catalog("sv"), catalog("en")

# 2024: Alfa 1000/10, Beta 100/80, Gamma 500/100, Delta 800/−100, Eps 50/−10: 5 customers,
# 80 % of 2 450 = 1 960 is reached by Alfa + Delta + Gamma (2 300): 3 customers;
# unprofitable: Delta and Eps.
EXPORT = MARGINS_2024


@pytest.fixture
def db(tmp_path):
    return store_with(tmp_path, EXPORT)


_page = page_opener("pages/health_check.py", all_data="health_period")


def test_the_data_answers_questions_1_2_and_4(db, monkeypatch):
    at = _page(db, monkeypatch)
    assert not at.exception
    text = markdown_text(at)
    assert "5 kunder har köpt under perioden, 5 kunder finns i data totalt." in text
    assert "3 av 5 kunder (60\u00a0%) står för 80 % av omsättningen." in text
    assert "2 kunder (40\u00a0% av kunderna med känd kostnad) är olönsamma" in text


def test_summary_counts_the_yes_answers(db, monkeypatch):
    at = _page(db, monkeypatch)
    # Questions 1 and 2 are yes from the data; 3 (no potential scored) and 4 are no.
    assert at.metric[0].value == "2 av 14"


def test_a_team_answer_is_saved_when_it_changes(db, monkeypatch):
    at = _page(db, monkeypatch)
    dataset_id = at.session_state["dataset_id"]
    at.segmented_control(key=f"health_answer_{dataset_id}_5").set_value("yes").run()
    at.text_input(key=f"health_note_{dataset_id}_5").input("Vi vet vart vi ska").run()
    assert at.metric[0].value == "3 av 14"
    store = Store(db)
    answers = team_answers(store, dataset_id=dataset_id)
    store.close()
    assert (answers[5]["answer"], answers[5]["note"]) == ("yes", "Vi vet vart vi ska")


def test_team_answers_survive_a_restart(db, monkeypatch):
    at = _page(db, monkeypatch)
    dataset_id = at.session_state["dataset_id"]
    at.segmented_control(key=f"health_answer_{dataset_id}_8").set_value("no").run()
    clear_caches()  # a new process: a new store on the same file, a new session
    again = _page(db, monkeypatch)
    assert again.segmented_control(key=f"health_answer_{dataset_id}_8").value == "no"
    assert SV["health.step.8"] in markdown_text(again)


def test_next_steps_list_each_no(db, monkeypatch):
    at = _page(db, monkeypatch)
    text = markdown_text(at)
    assert SV["health.step.4"].split(":")[0] in text
    assert SV["health.step.3"].split("(")[0] in text
    assert SV["health.step.5"] not in text


def test_english(db, monkeypatch):
    at = _page(db, monkeypatch, lang="en")
    text = markdown_text(at)
    assert at.title[0].value == EN["health.title"]
    assert "5 customers bought in the period, 5 customers in the data in all." in text
    assert at.metric[0].value == "2 of 14"


def test_presentation_mode_hides_the_answer_controls(db, monkeypatch):
    at = _page(db, monkeypatch, presentation=True)
    assert not at.exception
    assert len(at.text_input) == 0
    assert [c.key for c in at.segmented_control] == ["health_period"]


def test_the_deck_and_the_pack_can_be_downloaded_from_the_page(db, monkeypatch):
    at = _page(db, monkeypatch)
    buttons = at.get("download_button")
    assert [b.proto.label for b in buttons] == [SV["health.deck"], SV["health.pack"]]


def test_questions_12_and_14_answer_from_customer_plans(db, monkeypatch):
    from datetime import date

    from analytics.plans import add_activity, add_member, create_plan

    store = Store(db)
    plan = create_plan(store, dataset="Test", customer_id="001", started_on=date(2024, 1, 1))
    add_member(store, "Anna")
    add_activity(store, plan["plan_id"], "Besök", owner="Anna", due=date(2024, 6, 1))
    add_activity(store, plan["plan_id"], "Ring", owner="Anna")
    store.close()
    store_weights(db, {"revenue": 1})
    at = _page(db, monkeypatch)
    assert not at.exception
    text = markdown_text(at)
    # 5 customers in 2024, by revenue 1 is A (Alfa, the plan's customer); no goal yet.
    assert "1 kundplaner, 0 med mål; 1 av 1 A-kunder har en plan." in text
    assert "1 av 2 aktiviteter har ansvarig och datum, i 1 av 1 kundplaner." in text
    dataset_id = at.session_state["dataset_id"]
    keys = {c.key for c in at.segmented_control}
    assert {f"health_answer_{dataset_id}_{n}" for n in (12, 14)} & keys == set()


def _calls(db) -> list[tuple]:
    store = Store(db)
    try:
        return store.query(
            "select customer_id, call, note from unprofitable_calls order by customer_id"
        ).rows()
    finally:
        store.close()


def test_question_4_takes_the_teams_call_per_unprofitable_customer(db, monkeypatch):
    at = _page(db, monkeypatch)
    assert not at.exception
    editor = at.data_editor[0]
    table = editor.value
    # Delta −100 before Eps −10; names, amounts as text, no call yet.
    assert table["customer"].tolist() == ["Delta", "Eps"]
    assert table["gross_margin"].tolist() == ["−100 kr", "−10 kr"]
    assert table["call"].isna().all()
    edit_cells(at, editor.key, {1: {"call": "end", "note": "För små order"}})
    assert not at.exception
    assert _calls(db) == [("005", "end", "För små order")]
    clear_caches()  # a restart: the call is read back from the store
    again = _page(db, monkeypatch)
    assert again.data_editor[0].value["call"].tolist()[1] == "end"


def test_question_4s_calls_are_masked_and_read_only_when_presenting(db, monkeypatch):
    at = _page(db, monkeypatch, presentation=True, mask_names=True)
    assert not at.exception
    assert len(at.data_editor) == 0
    shown = at.dataframe[-1].value
    assert "Delta" not in " ".join(map(str, shown.to_numpy().ravel()))
    assert shown.iloc[:, 0].tolist()[0].startswith("Kund A")


def _with_a_decision(store) -> None:
    """A workshop on the data set where Anna weighs revenue only, decided as "Fokuslista
    2027"."""
    workshop = create_workshop(store, name="Ledningen", dataset_id=store.dataset_id("Test"))
    save_participant_weights(store, workshop["workshop_id"], "Anna", {"revenue": 100})
    period, table = workshop_customers(store, workshop)
    agreed = workshop_consensus(store, workshop, customers=table)
    save_decision(store, name="Fokuslista 2027", workshop=workshop, period=period, agreed=agreed)


def test_the_deck_shows_the_newest_decision_unless_told_otherwise(tmp_path, monkeypatch):
    at = _page(store_with(tmp_path, EXPORT, fill=_with_a_decision), monkeypatch)
    assert not at.exception
    choice = at.selectbox(key="health_deck_decision")
    assert choice.value == "Fokuslista 2027"
    assert choice.options == [SV["health.deck_no_decision"], "Fokuslista 2027"]


def test_without_a_decision_the_deck_offers_no_choice_of_one(db, monkeypatch):
    at = _page(db, monkeypatch)
    assert not at.exception
    assert not [s for s in at.selectbox if s.key == "health_deck_decision"]
