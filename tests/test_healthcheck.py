"""The health check "Har du koll på dina kunder?": figures from small hand-made exports,
the team's answers and their persistence, the summary and the command line."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from analytics.cli import main
from analytics.healthcheck import (
    QUESTIONS,
    health_check,
    health_summary,
    question_text,
    save_team_answer,
    team_answers,
)
from analytics.ingest.pipeline import import_customers, import_sales
from analytics.metrics import Period
from analytics.store import Store
from tests.samples import MARGINS_2024, ZETA_CREDIT_NOTE

# Revenue and margin per customer in 2024: Alfa 1000/10, Beta 100/80, Gamma 500/100,
# Delta 800/−100, Eps 50/−10, Zeta −100/−50 (a credit note larger than its purchase).
# Total revenue 2 350; 80 % = 1 880 is reached by Alfa + Delta + Gamma (2 300): 3
# customers. Unprofitable: Delta, Eps, Zeta = 3, together −160. Theta bought only in 2023.
EXPORT = MARGINS_2024 + ZETA_CREDIT_NOTE + "007;Theta;2023-01-05;100;50\n"
NO_COST = "Kundnr;Kundnamn;Fakturadatum;Belopp\n001;Alfa;2024-01-10;1000\n002;Beta;2024-02-10;300\n"
YEAR = Period(date(2024, 1, 1), date(2024, 12, 31))


def _store(tmp_path: Path, export: str, master: str | None = None) -> tuple[Store, int]:
    store = Store(tmp_path / "h.duckdb")
    sales = tmp_path / "sales.csv"
    sales.write_text(export, encoding="utf-8")
    import_sales(store, sales, dataset="Test")
    if master is not None:
        path = tmp_path / "kunder.csv"
        path.write_text(master, encoding="utf-8")
        import_customers(store, path, dataset="Test")
    return store, store.dataset_id("Test")


@pytest.fixture
def company(tmp_path):
    store, dataset_id = _store(tmp_path, EXPORT)
    yield store, dataset_id
    store.close()


def _by_number(questions: list[dict]) -> dict[int, dict]:
    return {q["number"]: q for q in questions}


def test_fourteen_questions_in_order(company):
    store, dataset_id = company
    questions = health_check(store, dataset_id=dataset_id, period=YEAR)
    assert [q["number"] for q in questions] == list(range(1, 15))


def test_question_1_counts_customers_in_the_period_and_in_total(company):
    store, dataset_id = company
    first = _by_number(health_check(store, dataset_id=dataset_id, period=YEAR))[1]
    assert (first["source"], first["value"], first["answer"]) == ("data", 6, "yes")
    assert first["facts"] == {"active": 6, "total": 7}


def test_question_2_counts_customers_making_80_percent_of_revenue(company):
    store, dataset_id = company
    second = _by_number(health_check(store, dataset_id=dataset_id, period=YEAR))[2]
    assert (second["source"], second["value"], second["answer"]) == ("data", 3, "yes")
    assert second["facts"]["share"] == pytest.approx(3 / 6)


def test_question_4_counts_the_unprofitable_and_their_margin(company):
    store, dataset_id = company
    fourth = _by_number(health_check(store, dataset_id=dataset_id, period=YEAR))[4]
    assert (fourth["source"], fourth["value"], fourth["answer"]) == ("data", 3, "no")
    assert fourth["facts"]["margin"] == pytest.approx(-160)


def test_question_4_is_yes_when_every_customer_earns_money(tmp_path):
    store, dataset_id = _store(tmp_path, "Kundnr;Fakturadatum;Belopp;Kostnad\n1;2024-01-02;10;5\n")
    fourth = _by_number(health_check(store, dataset_id=dataset_id, period=YEAR))[4]
    store.close()
    assert (fourth["value"], fourth["answer"]) == (0, "yes")


def test_question_4_without_cost_is_unknown_then_the_teams(tmp_path):
    store, dataset_id = _store(tmp_path, NO_COST)
    before = _by_number(health_check(store, dataset_id=dataset_id, period=YEAR))[4]
    save_team_answer(store, dataset_id=dataset_id, number=4, answer="partly", note="Se Delta")
    after = _by_number(health_check(store, dataset_id=dataset_id, period=YEAR))[4]
    store.close()
    assert (before["source"], before["value"], before["answer"]) == ("unknown", None, None)
    assert (after["source"], after["value"], after["answer"]) == ("team", None, "partly")
    assert after["note"] == "Se Delta"


@pytest.mark.parametrize(
    ("assessed", "answer"),
    [
        ((), "no"),
        (("006",), "partly"),  # only Zeta, the smallest customer, tier C
        (("001", "002", "003", "004", "005", "006"), "yes"),
    ],
)
def test_question_3_answers_from_the_teams_potential_scores(company, assessed, answer):
    import polars as pl

    store, dataset_id = company
    if assessed:
        scores = pl.DataFrame(
            {"customer_id": list(assessed), "criterion": "potential", "value": 4.0}
        )
        store.save_team_scores(dataset_id, scores, by=None)
    third = _by_number(
        health_check(store, dataset_id=dataset_id, period=YEAR, weights={"revenue": 1})
    )[3]
    assert (third["source"], third["answer"]) == ("data", answer)
    assert sum(t["assessed"] for t in third["value"].values()) == len(assessed)
    assert sum(t["customers"] for t in third["value"].values()) == 6


# Satisfaction for Alfa 4 and Beta 2 (2 of 6 customers), NPS for Alfa only (50).
MASTER = "Kundnr;Kundnamn;Nöjdhet;NPS\n001;Alfa;4;50\n002;Beta;2;\n003;Gamma;;\n"


def test_questions_6_and_7_from_the_customer_master(tmp_path):
    store, dataset_id = _store(tmp_path, EXPORT, MASTER)
    questions = _by_number(health_check(store, dataset_id=dataset_id, period=YEAR))
    store.close()
    sixth, seventh = questions[6], questions[7]
    assert (sixth["source"], sixth["value"], sixth["answer"]) == ("data", 3.0, "partly")
    assert sixth["facts"]["customers"] == 2
    assert (seventh["source"], seventh["value"], seventh["answer"]) == ("data", 50.0, "partly")


def test_satisfaction_known_for_most_customers_is_yes(tmp_path):
    rows = "".join(f"00{i};K{i};{i % 5 + 1};\n" for i in range(1, 7))
    store, dataset_id = _store(tmp_path, EXPORT, "Kundnr;Kundnamn;Nöjdhet;NPS\n" + rows)
    sixth = _by_number(health_check(store, dataset_id=dataset_id, period=YEAR))[6]
    store.close()
    assert (sixth["answer"], sixth["facts"]["coverage"]) == ("yes", 1.0)


def test_questions_6_and_7_without_a_master_are_unknown(company):
    store, dataset_id = company
    questions = _by_number(health_check(store, dataset_id=dataset_id, period=YEAR))
    assert [questions[n]["source"] for n in (6, 7)] == ["unknown", "unknown"]
    assert question_text(6, language="en", field="missing").startswith("Import a customer")


@pytest.mark.parametrize("number", [5, 8, 9, 10, 11, 12, 13, 14])
def test_team_questions_are_unknown_until_answered(company, number):
    store, dataset_id = company
    item = _by_number(health_check(store, dataset_id=dataset_id, period=YEAR))[number]
    assert (item["source"], item["answer"]) == ("unknown", None)


def test_team_answers_persist_across_a_new_store(tmp_path):
    store, dataset_id = _store(tmp_path, EXPORT)
    save_team_answer(
        store, dataset_id=dataset_id, number=12, answer="no", note="Ingen plan", by="EH"
    )
    save_team_answer(store, dataset_id=dataset_id, number=5, answer="yes")
    store.close()
    again = Store(tmp_path / "h.duckdb")
    questions = _by_number(health_check(again, dataset_id=dataset_id, period=YEAR))
    again.close()
    assert (questions[12]["source"], questions[12]["answer"]) == ("team", "no")
    assert (questions[12]["note"], questions[12]["answered_by"]) == ("Ingen plan", "EH")
    assert questions[12]["answered_at"] is not None
    assert questions[5]["answer"] == "yes"


def test_an_answer_replaces_the_previous_one_and_none_removes_it(company):
    store, dataset_id = company
    save_team_answer(store, dataset_id=dataset_id, number=8, answer="no")
    save_team_answer(store, dataset_id=dataset_id, number=8, answer="partly", note="ny")
    save_team_answer(store, dataset_id=dataset_id, number=9, answer="yes")
    save_team_answer(store, dataset_id=dataset_id, number=9, answer=None)
    answers = team_answers(store, dataset_id=dataset_id)
    assert list(answers) == [8]
    assert (answers[8]["answer"], answers[8]["note"]) == ("partly", "ny")


def test_answers_belong_to_their_data_set(company):
    store, dataset_id = company
    save_team_answer(store, dataset_id=dataset_id, number=8, answer="yes")
    assert team_answers(store, dataset_id=dataset_id + 1) == {}


@pytest.mark.parametrize(("number", "answer"), [(0, "yes"), (15, "yes"), (5, "ja"), (5, "")])
def test_invalid_answers_are_refused(company, number, answer):
    store, dataset_id = company
    with pytest.raises(ValueError):
        save_team_answer(store, dataset_id=dataset_id, number=number, answer=answer)


def test_a_team_answer_does_not_overrule_the_data(company):
    store, dataset_id = company
    save_team_answer(store, dataset_id=dataset_id, number=1, answer="no")
    first = _by_number(health_check(store, dataset_id=dataset_id, period=YEAR))[1]
    assert (first["source"], first["answer"]) == ("data", "yes")


def test_summary_counts_answers_and_lists_next_steps():
    questions = [
        {"number": 1, "answer": "yes"},
        {"number": 2, "answer": "no"},
        {"number": 3, "answer": "partly"},
        {"number": 4, "answer": None},
        {"number": 5, "answer": "no"},
        {"number": 6, "answer": "yes"},
    ]
    assert health_summary(questions) == {
        "yes": 2,
        "partly": 1,
        "no": 2,
        "unknown": 1,
        "total": 6,
        "next_steps": [2, 5],
    }


@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_question_has_text_and_a_next_step_in_both_languages(language):
    for question in QUESTIONS:
        assert question_text(question.number, language=language)
        assert question_text(question.number, language=language, field="next_step")
        if question.missing:
            assert question_text(question.number, language=language, field="missing")


def test_command_line_json(capsys, tmp_path):
    store, dataset_id = _store(tmp_path, EXPORT)
    save_team_answer(store, dataset_id=dataset_id, number=13, answer="partly")
    store.close()
    db = str(tmp_path / "h.duckdb")
    code = main(["healthcheck", "--db", db, "--period", "2024-01-01:2024-12-31", "--json"])
    result = json.loads(capsys.readouterr().out)
    assert code == 0
    rows = {q["number"]: q for q in result["questions"]}
    assert len(rows) == 14
    assert [(rows[n]["source"], rows[n]["value"]) for n in (1, 2, 4)] == [
        ("data", 6),
        ("data", 3),
        ("data", 3),
    ]
    assert (rows[13]["source"], rows[13]["answer"]) == ("team", "partly")
    assert (rows[12]["source"], rows[12]["value"], rows[12]["answer"]) == ("unknown", None, None)
    assert result["summary"]["yes"] == 2  # questions 1 and 2


def test_command_line_without_cost_gives_null_for_question_4(capsys, tmp_path):
    store, _ = _store(tmp_path, NO_COST)
    store.close()
    code = main(["healthcheck", "--db", str(tmp_path / "h.duckdb"), "--period", "all", "--json"])
    rows = {q["number"]: q for q in json.loads(capsys.readouterr().out)["questions"]}
    assert code == 0
    assert (rows[4]["source"], rows[4]["value"]) == ("unknown", None)


def test_command_line_bad_period_exits_2(capsys, tmp_path):
    store, _ = _store(tmp_path, EXPORT)
    store.close()
    code = main(["healthcheck", "--db", str(tmp_path / "h.duckdb"), "--period", "soon"])
    assert code == 2
    assert "Unknown period" in capsys.readouterr().err


def _plan(store, customer: str, *, goal: bool, activities: list[tuple]) -> int:
    """A plan for `customer` of data set Test with a revenue goal (when `goal`) and
    activities (title, owner, due, status)."""
    from analytics.plans import add_activity, add_goal, add_member, create_plan

    plan_id = create_plan(store, dataset="Test", customer_id=customer, started_on=date(2024, 1, 1))[
        "plan_id"
    ]
    if goal:
        add_goal(store, plan_id, kind="revenue", target=1000, starts_on=date(2024, 1, 1),
                 ends_on=date(2024, 12, 31))  # fmt: skip
    for title, owner, due, status in activities:
        if owner is not None:
            add_member(store, owner)
        add_activity(store, plan_id, title, owner=owner, due=due, status=status)
    return plan_id


REVENUE_ONLY = {"revenue": 1}  # A customers of 2024 (2 of 6): Alfa 001 and Delta 004


def test_questions_12_and_14_count_plans_and_owned_activities(company):
    store, dataset_id = company
    _plan(store, "001", goal=True, activities=[("Visit", "Anna", date(2024, 5, 1), "planned"),
                                               ("Call", "Bo", None, "done")])  # fmt: skip
    _plan(store, "003", goal=False, activities=[("Old idea", None, None, "cancelled")])
    questions = _by_number(
        health_check(store, dataset_id=dataset_id, period=YEAR, weights=REVENUE_ONLY)
    )
    # 2 plans, 1 with a goal, 1 of the 2 A customers planned: partly.
    assert (questions[12]["source"], questions[12]["value"], questions[12]["answer"]) == (
        "data", 2, "partly"
    )  # fmt: skip
    assert questions[12]["facts"] == {"plans": 2, "with_goals": 1, "a_customers": 2,
                                      "a_planned": 1}  # fmt: skip
    # Cancelled activities do not count; 1 of the 2 others has an owner and a due date.
    assert (questions[14]["source"], questions[14]["value"], questions[14]["answer"]) == (
        "data", 1, "partly"
    )  # fmt: skip
    assert questions[14]["facts"] == {"activities": 2, "owned": 1, "plans": 2,
                                      "plans_owned": 1}  # fmt: skip


def test_plans_for_every_a_customer_with_owned_activities_answer_yes(company):
    from analytics.plans import archive

    store, dataset_id = company
    _plan(store, "001", goal=True, activities=[("Visit", "Anna", date(2024, 5, 1), "done")])
    _plan(store, "004", goal=True, activities=[("Offer", "Bo", date(2024, 6, 1), "planned")])
    # An archived plan counts for nothing.
    archive(store, "plan", _plan(store, "006", goal=False, activities=[]))
    questions = _by_number(
        health_check(store, dataset_id=dataset_id, period=YEAR, weights=REVENUE_ONLY)
    )
    assert [(questions[n]["value"], questions[n]["answer"]) for n in (12, 14)] == [
        (2, "yes"),
        (2, "yes"),
    ]


def test_plans_without_activities_answer_14_no_over_the_teams_answer(company):
    store, dataset_id = company
    save_team_answer(store, dataset_id=dataset_id, number=14, answer="yes")
    _plan(store, "002", goal=False, activities=[("Someday", None, None, "planned")])
    item = _by_number(health_check(store, dataset_id=dataset_id, period=YEAR))[14]
    assert (item["source"], item["value"], item["answer"]) == ("data", 0, "no")


def test_command_line_json_answers_12_and_14_from_plans(capsys, tmp_path):
    store, _ = _store(tmp_path, EXPORT)
    _plan(store, "001", goal=True, activities=[("Visit", "Anna", date(2024, 5, 1), "planned")])
    store.close()
    db = str(tmp_path / "h.duckdb")
    code = main(["healthcheck", "--db", db, "--period", "2024-01-01:2024-12-31", "--json"])
    rows = {q["number"]: q for q in json.loads(capsys.readouterr().out)["questions"]}
    assert code == 0
    assert [(rows[n]["source"], rows[n]["value"]) for n in (12, 14)] == [("data", 1), ("data", 1)]
    assert rows[14]["facts"]["owned"] == 1


def test_the_teams_calls_on_unprofitable_customers_are_kept_and_counted(tmp_path):
    from analytics.healthcheck import save_unprofitable_call, unprofitable_customers
    from analytics.metrics import customer_metrics

    store, dataset_id = _store(tmp_path, EXPORT)
    save_unprofitable_call(store, dataset_id=dataset_id, customer_id="004", call="pays_off",
                           note=" Ny ram från mars ")  # fmt: skip
    save_unprofitable_call(store, dataset_id=dataset_id, customer_id="005", call="end")
    save_unprofitable_call(store, dataset_id=dataset_id, customer_id="005", call="pays_off")
    save_unprofitable_call(store, dataset_id=dataset_id, customer_id="006", call="end")
    save_unprofitable_call(store, dataset_id=dataset_id, customer_id="006", call=None)
    store.close()
    store = Store(tmp_path / "h.duckdb")  # a restart
    table = customer_metrics(store, dataset_id=dataset_id, period=YEAR)
    listed = unprofitable_customers(store, dataset_id=dataset_id, table=table)
    # Delta −100, Zeta −50, Eps −10: the largest loss first; Zeta's call was taken back.
    assert listed.select("customer_id", "call", "note").rows() == [
        ("004", "pays_off", "Ny ram från mars"),
        ("006", None, ""),
        ("005", "pays_off", ""),
    ]
    four = _by_number(health_check(store, dataset_id=dataset_id, period=YEAR))[4]
    assert (four["answer"], four["facts"]["calls"]) == ("no", {"end": 0, "pays_off": 2, "open": 1})
    with pytest.raises(ValueError, match="A call is one of end, pays_off"):
        save_unprofitable_call(store, dataset_id=dataset_id, customer_id="004", call="maybe")
    store.close()
