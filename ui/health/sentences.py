"""The health check's texts in a language: the summary, each question's heading and
badge, the data's answer in one sentence, what is missing, and the next steps.

A question is a dict from `analytics.healthcheck.health_check` (`number`, `source`,
`answer`, `value`, `facts`, `note`, `answered_at`). The question texts come from
`analytics.healthcheck.question_text`, the deck's source too.
"""

from __future__ import annotations

from dataclasses import dataclass

from analytics.healthcheck import health_summary, latest_answer, question_text
from locales import Markdown, key_table, plain, t, trusted
from locales.formats import fmt_date
from ui.wording import Fields, counts, fill

__all__ = [
    "ANSWER_KEYS",
    "BADGE_COLOURS",
    "SOURCE_KEYS",
    "Summary",
    "answer_label",
    "figure_sentence",
    "missing_text",
    "next_steps_text",
    "question_heading",
    "summary_texts",
]

# An answer (None: not answered) and the catalog key of its word.
ANSWER_KEYS: dict[str | None, str] = {
    "yes": "health.answer.yes",
    "partly": "health.answer.partly",
    "no": "health.answer.no",
    None: "health.answer.unknown",
}
# Streamlit's badge colour of an answer.
BADGE_COLOURS: dict[str | None, str] = {
    "yes": "green",
    "partly": "orange",
    "no": "red",
    None: "gray",
}
# Who answered a question, and the catalog key of the words that say so.
SOURCE_KEYS = key_table("health.source", "data", "team", "unknown")


@dataclass(frozen=True)
class Summary:
    """The summary's texts: `score` (`9 av 14`), `counts` (partly · no · unanswered) and
    `last` (when the team last answered; None before any answer)."""

    score: str
    counts: Markdown
    last: Markdown | None


# The summary's counts of answers.
_COUNTS: Fields = counts("partly", "no", "unknown")


def summary_texts(questions: list[dict], *, lang: str) -> Summary:
    """The summary of the questions' answers in `lang`."""
    summary = health_summary(questions)
    latest = latest_answer(questions)
    return Summary(
        score=plain("health.score_value", lang=lang, yes=summary["yes"], total=summary["total"]),
        counts=fill("health.counts", summary, _COUNTS, lang=lang),
        last=None
        if latest is None
        else t("health.last_answer", lang=lang, date=fmt_date(latest, lang=lang)),
    )


def answer_label(answer: str | None, *, lang: str) -> str:
    """The word for an answer (`Ja`, `Delvis`, `Nej`; `Okänt` for None)."""
    return plain(ANSWER_KEYS[answer], lang=lang)


def question_heading(item: dict, *, lang: str) -> Markdown:
    """`**3.** The question  ` then a line with the answer as a coloured badge and who
    answered (`:green-badge[Ja] Svar från data`)."""
    number, answer = item["number"], item["answer"]
    question = trusted(question_text(number, language=lang))
    label = t(ANSWER_KEYS[answer], lang=lang)
    source = t(SOURCE_KEYS[item["source"]], lang=lang)
    return Markdown(f"**{number}.** {question}  \n:{BADGE_COLOURS[answer]}-badge[{label}] {source}")


def missing_text(number: int, *, lang: str) -> Markdown | None:
    """What to import or do so that the data can answer question `number` (None when
    the question has no such text)."""
    text = question_text(number, language=lang, field="missing")
    return trusted(text) if text else None


# Questions 6 and 7: how many customers have a satisfaction (NPS) value, and its mean.
_SURVEY: Fields = {"customers": ("customers", "int"), "coverage": ("coverage", "pct")}
# The questions the data answers: the key of each one's sentence and the figures in it
# (`value` is the question's own figure, the other names are its facts).
_FIGURES: dict[int, tuple[str, Fields]] = {
    1: ("health.fig.1", counts("active", "total")),
    2: (
        "health.fig.2",
        {"count": ("value", "int"), "customers": ("customers", "int"), "share": ("share", "pct")},
    ),
    4: (
        "health.fig.4",
        {"count": ("value", "int"), "share": ("share", "pct"), "margin": ("margin", "money")},
    ),
    6: ("health.fig.6", {**_SURVEY, "mean": ("value", "number1")}),
    7: ("health.fig.7", {**_SURVEY, "mean": ("value", "number0")}),
    12: ("health.fig.12", counts("plans", "with_goals", "a_planned", "a_customers")),
    14: ("health.fig.14", counts("owned", "activities", "plans_owned", "plans")),
}
# The sentence of question 4 when no customer loses money.
_NO_UNPROFITABLE_KEY = "health.fig.4.none"


def _potential(item: dict, lang: str) -> Markdown:
    """Question 3: how many A customers' potential the team has assessed."""
    tiers = item["value"]
    if not any(tier["assessed"] for tier in tiers.values()):
        return t("health.fig.3.none", lang=lang)
    return fill("health.fig.3", tiers["A"], counts("assessed", "customers"), lang=lang)


def figure_sentence(item: dict, *, currency: str, lang: str) -> Markdown | None:
    """The data's answer to a question in one sentence, from its figures, amounts in
    `currency` (None when the data does not answer it)."""
    number = item["number"]
    if item["source"] != "data" or (number != 3 and number not in _FIGURES):
        return None
    if number == 3:
        return _potential(item, lang)
    if number == 4 and not item["value"]:
        return t(_NO_UNPROFITABLE_KEY, lang=lang)
    key, fields = _FIGURES[number]
    values = {**item["facts"], "value": item["value"]}
    return fill(key, values, fields, lang=lang, currency=currency)


def next_steps_text(questions: list[dict], *, lang: str) -> Markdown | None:
    """A list of the next step of each question answered no (None when there is none)."""
    steps = [item["number"] for item in questions if item["answer"] == "no"]
    if not steps:
        return None
    return Markdown(
        "\n".join(
            f"- **{n}.** {trusted(question_text(n, language=lang, field='next_step'))}"
            for n in steps
        )
    )
