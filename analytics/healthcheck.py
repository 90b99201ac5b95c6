"""The health check "Har du koll på dina kunder?": fourteen questions about the customers a
company already has, answered from the data where the data can answer and by the team
where it cannot.

Pure computation over the store (no Streamlit). Each question has a number (1–14), a
`source` and an `answer`:

- `source` is `data` (the sales lines, the customer master or the team's 1–5 scores
  answer it), `team` (the team's own answer, stored per data set and dated) or `unknown`
  (neither yet).
- `answer` is `yes`, `partly`, `no` or None (unknown). The summary counts the yes
  answers ("9 av 14") and each `no` has a next step.

Where the data could answer but lacks what it needs (no cost in the export for question
4, no satisfaction or NPS column for 6 and 7, no customer plans yet for 12 and 14) the
team's own answer stands in, else the question is `unknown` and says what is missing.

The question texts and next steps live here as data (Swedish and English), so that the
app and the slide deck read the same catalog.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import polars as pl

from analytics.concentration import concentration_summary, with_margin
from analytics.metrics import Period, customer_metrics
from analytics.scoring import score_customers, weights_or_default
from analytics.store import Store

__all__ = [
    "ANSWERS",
    "COVERAGE_FULL",
    "QUESTIONS",
    "Question",
    "health_check",
    "health_summary",
    "latest_answer",
    "question_text",
    "save_team_answer",
    "team_answers",
]

ANSWERS = ("yes", "partly", "no")
# Satisfaction or NPS known for at least this share of the period's customers: "yes".
COVERAGE_FULL = 0.8


@dataclass(frozen=True)
class Question:
    """One question of the health check.

    `kind`: `data` (the data answers it; the team's answer stands in when the data lacks
    what it needs), `plans` (customer plans would answer it; the team until they exist)
    or `team` (only the team can answer). `text` and `next_step` map a language to text;
    `missing` says what to import or do when the data cannot answer.
    """

    number: int
    kind: str
    text: dict[str, str]
    next_step: dict[str, str]
    missing: dict[str, str] | None = None


QUESTIONS: tuple[Question, ...] = (
    Question(
        1,
        "data",
        {"sv": "Hur många kunder har du?", "en": "How many customers do you have?"},
        {
            "sv": "Importera försäljningen för hela perioden.",
            "en": "Import the sales of the whole period.",
        },
    ),
    Question(
        2,
        "data",
        {
            "sv": "Hur många kunder står för huvuddelen av omsättningen?",
            "en": "How many customers make most of your revenue?",
        },
        {
            "sv": "Gå igenom de kunder som står för 80 % av omsättningen.",
            "en": "Review the customers who make 80% of revenue.",
        },
    ),
    Question(
        3,
        "data",
        {
            "sv": "Hur stor är potentialen hos dina befintliga kunder (A, B och C)?",
            "en": "How large is the potential of your existing customers (A, B and C)?",
        },
        {
            "sv": "Bedöm potentialen (1–5) för A-kunderna under Teamets bedömning.",
            "en": "Score the potential (1–5) of the A customers under Team assessment.",
        },
    ),
    Question(
        4,
        "data",
        {
            "sv": "Är alla dina kundrelationer lönsamma?",
            "en": "Are all your customer relationships profitable?",
        },
        {
            "sv": "Ta ställning för varje olönsam kund: avsluta relationen, eller betalar den "
            "sig på sikt?",
            "en": "Decide for each unprofitable customer: end the relationship, or will it "
            "pay off over time?",
        },
        {
            "sv": "Exporten saknar kostnad: importera självkostnad eller täckningsbidrag.",
            "en": "The export has no cost: import a cost or gross margin column.",
        },
    ),
    Question(
        5,
        "team",
        {
            "sv": "Gör du det du vill, eller är du på väg att göra det du vill, för dina kunder?",
            "en": "Are you doing what you want to do for your customers, or on your way to it?",
        },
        {
            "sv": "Formulera vad ni vill göra för era kunder och var ni vill ta vägen.",
            "en": "Put into words what you want to do for your customers and where you are "
            "heading.",
        },
    ),
    Question(
        6,
        "data",
        {
            "sv": "Vet du hur nöjda dina kunder är?",
            "en": "Do you know how satisfied your customers are?",
        },
        {
            "sv": "Mät kundnöjdheten, åtminstone hos A-kunderna.",
            "en": "Measure satisfaction, at least among the A customers.",
        },
        {
            "sv": "Importera ett kundregister med en kolumn för nöjdhet (1–5).",
            "en": "Import a customer master file with a satisfaction column (1–5).",
        },
    ),
    Question(
        7,
        "data",
        {
            "sv": "Vet du hur många av dina kunder som skulle rekommendera dig?",
            "en": "Do you know how many of your customers would recommend you?",
        },
        {
            "sv": "Fråga kunderna om de skulle rekommendera er (NPS).",
            "en": "Ask your customers whether they would recommend you (NPS).",
        },
        {
            "sv": "Importera ett kundregister med en NPS-kolumn.",
            "en": "Import a customer master file with an NPS column.",
        },
    ),
    Question(
        8,
        "team",
        {
            "sv": "Vet du vad i din leverans som definierar kundupplevelsen?",
            "en": "Do you know what in your delivery defines the customer experience?",
        },
        {
            "sv": "Fråga A-kunderna vad i leveransen som betyder mest för dem.",
            "en": "Ask the A customers what in your delivery matters most to them.",
        },
    ),
    Question(
        9,
        "team",
        {
            "sv": "Vet du hur olika roller hos kunden (ekonomichef, användare, chefer) "
            "bedömer det du levererar?",
            "en": "Do you know how different roles at the customer (finance, users, "
            "managers) judge what you deliver?",
        },
        {
            "sv": "Kartlägg intressenterna hos de viktigaste kunderna.",
            "en": "Map the stakeholders at your most important customers.",
        },
    ),
    Question(
        10,
        "team",
        {
            "sv": "Vet du om du är kundens första, andra eller tredje val?",
            "en": "Do you know whether you are the customer's first, second or third choice?",
        },
        {
            "sv": "Ta reda på er andel av A-kundernas inköp.",
            "en": "Find out your share of the A customers' purchases.",
        },
    ),
    Question(
        11,
        "team",
        {
            "sv": "Vet alla intressenter hos kunderna allt du kan göra för dem?",
            "en": "Do all stakeholders at your customers know everything you can do for them?",
        },
        {
            "sv": "Visa kunderna hela erbjudandet, börja med A-kunderna.",
            "en": "Show your customers the whole offer, starting with the A customers.",
        },
    ),
    Question(
        12,
        "plans",
        {
            "sv": "Har ni lagt en plan för var ni vill ta vägen med era kunder?",
            "en": "Have you made a plan for where you want to go with your customers?",
        },
        {
            "sv": "Skriv en kundplan för varje kund på fokuslistan.",
            "en": "Write a customer plan for each customer on the focus list.",
        },
        {
            "sv": "Kundplaner finns ännu inte i Kundfokus: teamet svarar.",
            "en": "Customer plans are not in Kundfokus yet: the team answers.",
        },
    ),
    Question(
        13,
        "team",
        {
            "sv": "Har ni rätt övergripande strategi för att uppfattas som ni vill av era kunder?",
            "en": "Do you have the right overall strategy to be seen by your customers as "
            "you want?",
        },
        {
            "sv": "Stäm av strategin mot nuläget och målbilden.",
            "en": "Check the strategy against where you are and where you are heading.",
        },
    ),
    Question(
        14,
        "plans",
        {
            "sv": "Har ni brutit ned strategin i delmål och aktiviteter med ansvariga och "
            "deadlines?",
            "en": "Have you broken the strategy down into goals and activities with owners "
            "and deadlines?",
        },
        {
            "sv": "Ge varje aktivitet en ansvarig och ett datum, och följ upp varje vecka.",
            "en": "Give every activity an owner and a date, and follow up every week.",
        },
        {
            "sv": "Aktiviteter med ansvariga finns ännu inte i Kundfokus: teamet svarar.",
            "en": "Activities with owners are not in Kundfokus yet: the team answers.",
        },
    ),
)
_BY_NUMBER = {q.number: q for q in QUESTIONS}


def question_text(number: int, *, language: str, field: str = "text") -> str:
    """The text of question `number` in `language` (`sv`/`en`); `field` is `text`,
    `next_step` or `missing` (empty when the question has none)."""
    values = getattr(_BY_NUMBER[number], field) or {}
    return values.get(language) or values.get("sv", "")


# --- the team's answers -------------------------------------------------------------------


def save_team_answer(
    store: Store,
    *,
    dataset_id: int,
    number: int,
    answer: str | None,
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
    with store.transaction() as cur:
        cur.execute(
            "delete from health_answers where dataset_id = ? and question = ?",
            [dataset_id, number],
        )
        if answer is not None:
            cur.execute(
                "insert into health_answers (dataset_id, question, answer, note, answered_by) "
                "values (?, ?, ?, ?, ?)",
                [dataset_id, number, answer, note.strip(), by],
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


# --- the figures --------------------------------------------------------------------------


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


def _coverage_answer(facts: dict) -> str | None:
    """`yes` when the column covers most of the period's customers, `partly` when some."""
    if not facts["customers"]:
        return None
    return "yes" if facts["coverage"] >= COVERAGE_FULL else "partly"


def _potential(table: pl.DataFrame, weights: dict[str, float]) -> tuple[dict, str]:
    """Per tier: customers, how many have a potential score, its mean (1–5) and the median
    growth (per cent against the previous period); and the answer."""
    scored = score_customers(table, weights=weights)
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


def health_check(
    store: Store,
    *,
    dataset_id: int,
    period: Period,
    weights: dict[str, float] | None = None,
) -> list[dict]:
    """The fourteen questions of a data set over `period`, in order.

    `weights` set the A/B/C tiers of question 3 (default: the data set's focus-list
    weights, else the standard ones). Each item: `number`, `source` (`data`/`team`/
    `unknown`), `value` (the figure: 1 customers with purchases in the period; 2
    customers making 80 % of revenue; 3 {tier: {customers, assessed, potential, growth}};
    4 unprofitable customers, None without cost; 6 mean satisfaction 1–5; 7 mean NPS
    −100..100; else None), `answer` (`yes`/`partly`/`no`/None), `facts` (further figures:
    counts, shares as fractions, money in the data set's currency), and `note`,
    `answered_by`, `answered_at` of the team's answer (None for data answers).
    """
    table = customer_metrics(store, dataset_id=dataset_id, period=period)
    chosen = weights or weights_or_default(store.dataset_weights(dataset_id))
    total = int(
        store.scalar(
            "select count(distinct customer_id) from sales_lines where dataset_id = ?",
            [dataset_id],
        )
        or 0
    )
    data: dict[int, tuple[object, str | None, dict]] = {}
    data[1] = (table.height, "yes", {"active": table.height, "total": total})
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
        tiers, answer = _potential(table, chosen)
        data[3] = (tiers, answer, {})
        unprofitable = summary["unprofitable_customers"]
        data[4] = (
            unprofitable,
            None if unprofitable is None else ("yes" if unprofitable == 0 else "no"),
            {
                "margin": summary["unprofitable_margin"],
                "share": summary["unprofitable_share"],
                "without_margin": summary["customers_without_margin"],
            },
        )
    for number, column in ((6, "satisfaction"), (7, "nps")):
        facts = _master_column(store, dataset_id, column, table)
        data[number] = (facts["mean"], _coverage_answer(facts), facts)
    given = team_answers(store, dataset_id=dataset_id)
    questions = []
    for question in QUESTIONS:
        value, answer, facts = data.get(question.number, (None, None, {}))
        item = {
            "number": question.number,
            "source": "unknown",
            "value": value,
            "answer": None,
            "facts": facts,
            "note": None,
            "answered_by": None,
            "answered_at": None,
        }
        if question.kind == "data" and answer is not None:
            item.update(source="data", answer=answer)
        elif question.number in given:
            team = given[question.number]
            item.update(source="team", **team)
        questions.append(item)
    return questions


def health_summary(questions: list[dict]) -> dict:
    """Counts of `yes`, `partly`, `no` and `unknown` answers and `total` questions, and
    `next_steps`: the numbers of the questions answered `no`, in order."""
    counts = dict.fromkeys((*ANSWERS, "unknown"), 0)
    for item in questions:
        counts[item["answer"] or "unknown"] += 1
    no = [item["number"] for item in questions if item["answer"] == "no"]
    return {**counts, "total": len(questions), "next_steps": no}


def latest_answer(questions: list[dict]) -> datetime | None:
    """When the team last answered any question (None before any answer)."""
    dates = [item["answered_at"] for item in questions if item["answered_at"] is not None]
    return max(dates, default=None)
