"""Answering the health check: the team's stored answers, and the figures the data
gives (customers, the 80 % customers, potential per tier, unprofitable customers,
satisfaction and NPS).
"""

from __future__ import annotations

from datetime import datetime
from typing import TypedDict

import polars as pl

from analytics.concentration import concentration_summary, with_margin
from analytics.healthcheck.calls import unprofitable_customers
from analytics.healthcheck.plans import plan_answers
from analytics.healthcheck.questions import (
    _BY_NUMBER,
    ANSWERS,
    QUESTIONS,
    Answer,
    AnswerSource,
)
from analytics.metrics import Period, customer_metrics
from analytics.scoring import score_customers, weights_or_default
from analytics.store import Store

__all__ = [
    "COVERAGE_FULL",
    "HealthItem",
    "HealthSummary",
    "health_check",
    "health_summary",
    "latest_answer",
    "save_team_answer",
    "team_answers",
]

# Satisfaction or NPS known for at least this share of the period's customers: "yes".
COVERAGE_FULL = 0.8


class HealthItem(TypedDict):
    """One answered question of `health_check` (see there)."""

    number: int
    source: AnswerSource
    value: object
    answer: Answer | None
    facts: dict
    note: str | None
    answered_by: str | None
    answered_at: datetime | None


class HealthSummary(TypedDict):
    """The counts of `health_summary`."""

    yes: int
    partly: int
    no: int
    unknown: int
    total: int
    next_steps: list[int]


def save_team_answer(
    store: Store,
    *,
    dataset_id: int,
    number: int,
    answer: Answer | None,
    note: str = "",
    by: str | None = None,
) -> None:
    """Keep the team's answer (`yes`/`partly`/`no`, with a note) to question `number` of
    a data set, dated now; `answer` None removes it."""
    if number not in _BY_NUMBER:
        msg = f"The health check has questions 1 to {len(QUESTIONS)}, not {number}."
        raise ValueError(msg)
    if answer is not None and answer not in ANSWERS:
        msg = f"An answer is one of {', '.join(ANSWERS)}, not {answer!r}."
        raise ValueError(msg)
    store.replace_row(
        "health_answers",
        {"dataset_id": dataset_id, "question": number},
        None if answer is None else {"answer": answer, "note": note.strip(), "answered_by": by},
    )


def team_answers(store: Store, *, dataset_id: int) -> dict[int, dict]:
    """The team's answers of a data set: {question: {answer, note, answered_by,
    answered_at}}."""
    rows = store.query(
        "select question, answer, note, answered_by, answered_at from health_answers "
        "where dataset_id = ? order by question",
        [dataset_id],
    )
    return {row.pop("question"): row for row in rows.iter_rows(named=True)}


def _master_column(store: Store, dataset_id: int, column: str, active: pl.DataFrame) -> dict:
    """Mean and coverage of a customer-master column over the period's customers."""
    master = store.query(
        f"select customer_id, {column} as value from customers "
        f"where dataset_id = ? and {column} is not null",
        [dataset_id],
    )
    known = active.select("customer_id").join(master, on="customer_id", how="inner")
    count = active.height
    return {
        "customers": known.height,
        "coverage": known.height / count if count else None,
        "mean": float(known["value"].mean()) if known.height else None,
        "master_customers": master.height,
    }


def _coverage_answer(facts: dict) -> Answer | None:
    """`yes` when the column covers most of the period's customers, `partly` when some."""
    if not facts["customers"]:
        return None
    return "yes" if facts["coverage"] >= COVERAGE_FULL else "partly"


def _potential(scored: pl.DataFrame) -> tuple[dict, Answer]:
    """Per tier of the scored customers: customers, how many have a potential score, its
    mean (1–5) and the median growth (per cent against the previous period); and the
    answer."""
    tiers = {}
    for tier in ("A", "B", "C"):
        rows = scored.filter(pl.col("tier") == tier)
        potential = rows["potential"].drop_nulls()
        growth = rows["growth"].drop_nulls()
        tiers[tier] = {
            "customers": rows.height,
            "assessed": potential.len(),
            "potential": float(potential.mean()) if potential.len() else None,
            "growth": float(growth.median()) if growth.len() else None,
        }
    a_tier = tiers["A"]
    if a_tier["customers"] and a_tier["assessed"] == a_tier["customers"]:
        answer = "yes"
    elif any(t["assessed"] for t in tiers.values()):
        answer = "partly"
    else:
        answer = "no"
    return tiers, answer


def _call_counts(store: Store, dataset_id: int, table: pl.DataFrame) -> dict[str, int]:
    """Question 4's calls over the period's unprofitable customers: how many the team
    would end (4a), how many pay off over time (4b), how many are still `open`."""
    calls = unprofitable_customers(store, dataset_id=dataset_id, table=table)["call"]
    return {
        "end": int((calls == "end").sum()),
        "pays_off": int((calls == "pays_off").sum()),
        "open": int(calls.is_null().sum()),
    }


def health_check(
    store: Store,
    *,
    dataset_id: int,
    period: Period,
    weights: dict[str, float] | None = None,
) -> list[HealthItem]:
    """The fourteen questions of a data set over `period`, in order.

    `weights` set the A/B/C tiers of question 3 (default: the data set's focus-list
    weights, else the standard ones). Each item: `number`, `source` (`data`/`team`/
    `unknown`), `value` (the figure: 1 customers with purchases in the period; 2
    customers making 80 % of revenue; 3 {tier: {customers, assessed, potential, growth}};
    4 unprofitable customers, None without cost (its facts' `calls`: the team's 4a/4b
    calls, `analytics.healthcheck.calls`); 6 mean satisfaction 1–5; 7 mean NPS
    −100..100; with customer plans 12 the plans and 14 the activities with an owner and
    a due date (`analytics.healthcheck.plans`); else None), `answer` (`yes`/`partly`/
    `no`/None), `facts` (further figures: counts, shares as fractions, money in the data
    set's currency), and `note`, `answered_by`, `answered_at` of the team's answer (None
    for data answers).
    """
    table = customer_metrics(store, dataset_id=dataset_id, period=period)
    chosen = weights or weights_or_default(store.dataset_weights(dataset_id))
    data = _data_answers(store, dataset_id, table, weights=chosen)
    given = team_answers(store, dataset_id=dataset_id)
    questions = []
    for question in QUESTIONS:
        value, answer, facts = data.get(question.number, (None, None, {}))
        item: HealthItem = {
            "number": question.number,
            "source": "unknown",
            "value": value,
            "answer": None,
            "facts": facts,
            "note": None,
            "answered_by": None,
            "answered_at": None,
        }
        if question.kind in ("data", "plans") and answer is not None:
            item.update(source="data", answer=answer)
        elif question.number in given:
            team = given[question.number]
            item.update(source="team", **team)
        questions.append(item)
    return questions


def _data_answers(
    store: Store, dataset_id: int, table: pl.DataFrame, *, weights: dict[str, float]
) -> dict[int, tuple[object, Answer | None, dict]]:
    """What the data says, per question it can answer: (value, answer, facts) for 1, 6
    and 7 always, for 2, 3 and 4 when some customer bought in the period (`table`), and
    for 12 and 14 when the data set has customer plans.
    """
    total = int(
        store.scalar(
            "select count(distinct customer_id) from sales_lines where dataset_id = ?",
            [dataset_id],
        )
        or 0
    )
    data: dict[int, tuple[object, Answer | None, dict]] = {}
    data[1] = (table.height, "yes", {"active": table.height, "total": total})
    a_customers: list[str] = []
    if table.height:
        summary = concentration_summary(with_margin(table))
        n80 = summary["customers_for_80pct_revenue"]
        data[2] = (
            n80,
            "yes" if n80 is not None else None,
            {
                "customers": table.height,
                "share": summary["share_of_customers_for_80pct_revenue"],
                "revenue": summary["revenue"],
            },
        )
        scored = score_customers(table, weights=weights)
        a_customers = scored.filter(pl.col("tier") == "A")["customer_id"].to_list()
        tiers, answer = _potential(scored)
        data[3] = (tiers, answer, {})
        unprofitable = summary["unprofitable_customers"]
        data[4] = (
            unprofitable,
            None if unprofitable is None else ("yes" if unprofitable == 0 else "no"),
            {
                "margin": summary["unprofitable_margin"],
                "share": summary["unprofitable_share"],
                "without_margin": summary["customers_without_margin"],
                "calls": _call_counts(store, dataset_id, table),
            },
        )
    for number, column in ((6, "satisfaction"), (7, "nps")):
        facts = _master_column(store, dataset_id, column, table)
        data[number] = (facts["mean"], _coverage_answer(facts), facts)
    data.update(plan_answers(store, dataset_id=dataset_id, a_customers=a_customers))
    return data


def health_summary(questions: list[HealthItem]) -> HealthSummary:
    """Counts of `yes`, `partly`, `no` and `unknown` answers and `total` questions, and
    `next_steps`: the numbers of the questions answered `no`, in order."""
    counts = dict.fromkeys((*ANSWERS, "unknown"), 0)
    for item in questions:
        counts[item["answer"] or "unknown"] += 1
    no = [item["number"] for item in questions if item["answer"] == "no"]
    return HealthSummary(**counts, total=len(questions), next_steps=no)


def latest_answer(questions: list[HealthItem]) -> datetime | None:
    """When the team last answered any question (None before any answer)."""
    dates = [item["answered_at"] for item in questions if item["answered_at"] is not None]
    return max(dates, default=None)
