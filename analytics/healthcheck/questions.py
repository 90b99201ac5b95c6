"""The fourteen questions of the health check as data: their texts and next steps in
Swedish and English, what can answer each, and the shapes of an answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

__all__ = [
    "ANSWERS",
    "QUESTIONS",
    "Answer",
    "AnswerSource",
    "Question",
    "QuestionKind",
    "question_text",
]

Answer = Literal["yes", "partly", "no"]
ANSWERS: tuple[Answer, ...] = get_args(Answer)
AnswerSource = Literal["data", "team", "unknown"]
"""Who answered a question: the data, the team, or nobody yet."""
QuestionKind = Literal["data", "plans", "team"]
"""What can answer a question (see `Question`)."""


@dataclass(frozen=True)
class Question:
    """One question of the health check.

    `kind`: `data` (the data answers it; the team's answer stands in when the data lacks
    what it needs), `plans` (customer plans would answer it; the team until they exist)
    or `team` (only the team can answer). `text` and `next_step` map a language to text;
    `missing` says what to import or do when the data cannot answer.
    """

    number: int
    kind: QuestionKind
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
