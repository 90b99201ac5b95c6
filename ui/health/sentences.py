"""The health check's texts in a language: the summary, each question's heading and
badge, the data's answer in one sentence, what is missing, and the next steps.

A question is a dict from `analytics.healthcheck.health_check` (`number`, `source`,
`answer`, `value`, `facts`, `note`, `answered_at`). The question texts come from
`analytics.healthcheck.question_text`, the deck's source too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from analytics.healthcheck import health_summary, latest_answer, question_text
from locales import Markdown, plain, t, trusted
from locales.formats import fmt_date, fmt_int, fmt_money, fmt_number, fmt_pct

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
SOURCE_KEYS: dict[str, str] = {
    "data": "health.source.data",
    "team": "health.source.team",
    "unknown": "health.source.unknown",
}


@dataclass(frozen=True)
class Summary:
    """The summary's texts: `score` (`9 av 14`), `counts` (partly · no · unanswered) and
    `last` (when the team last answered; None before any answer)."""

    score: str
    counts: Markdown
    last: Markdown | None


def summary_texts(questions: list[dict], *, lang: str) -> Summary:
    """The summary of the questions' answers in `lang`."""
    summary = health_summary(questions)
    latest = latest_answer(questions)
    return Summary(
        score=plain("health.score_value", lang=lang, yes=summary["yes"], total=summary["total"]),
        counts=t(
            "health.counts",
            lang=lang,
            partly=fmt_int(summary["partly"], lang=lang),
            no=fmt_int(summary["no"], lang=lang),
            unknown=fmt_int(summary["unknown"], lang=lang),
        ),
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


# A question's sentence from its item, in a language (`lang`, `currency`).
_Figure = Callable[[dict, str, str], Markdown]


def _customers(item: dict, lang: str, _currency: str) -> Markdown:
    facts = item["facts"]
    return t(
        "health.fig.1",
        lang=lang,
        active=fmt_int(facts["active"], lang=lang),
        total=fmt_int(facts["total"], lang=lang),
    )


def _concentration(item: dict, lang: str, _currency: str) -> Markdown:
    facts = item["facts"]
    return t(
        "health.fig.2",
        lang=lang,
        count=fmt_int(item["value"], lang=lang),
        customers=fmt_int(facts["customers"], lang=lang),
        share=fmt_pct(facts["share"], lang=lang),
    )


def _potential(item: dict, lang: str, _currency: str) -> Markdown:
    tiers = item["value"]
    if not any(tier["assessed"] for tier in tiers.values()):
        return t("health.fig.3.none", lang=lang)
    return t(
        "health.fig.3",
        lang=lang,
        assessed=fmt_int(tiers["A"]["assessed"], lang=lang),
        customers=fmt_int(tiers["A"]["customers"], lang=lang),
    )


def _unprofitable(item: dict, lang: str, currency: str) -> Markdown:
    if not item["value"]:
        return t("health.fig.4.none", lang=lang)
    facts = item["facts"]
    return t(
        "health.fig.4",
        lang=lang,
        count=fmt_int(item["value"], lang=lang),
        share=fmt_pct(facts["share"], lang=lang),
        margin=fmt_money(facts["margin"], currency=currency, lang=lang, compact=True),
    )


def _survey(key: str, decimals: int) -> _Figure:
    """Questions 6 and 7: how many customers have a satisfaction (NPS) value, and its mean."""

    def sentence(item: dict, lang: str, _currency: str) -> Markdown:
        facts = item["facts"]
        return t(
            key,
            lang=lang,
            customers=fmt_int(facts["customers"], lang=lang),
            coverage=fmt_pct(facts["coverage"], lang=lang),
            mean=fmt_number(item["value"], decimals, lang=lang),
        )

    return sentence


def _counts(key: str) -> _Figure:
    """Questions 12 and 14 from the customer plans: every fact is a count."""

    def sentence(item: dict, lang: str, _currency: str) -> Markdown:
        return t(key, lang=lang, **{k: fmt_int(v, lang=lang) for k, v in item["facts"].items()})

    return sentence


# The questions the data answers, each with the builder of its sentence.
_FIGURES: dict[int, _Figure] = {
    1: _customers,
    2: _concentration,
    3: _potential,
    4: _unprofitable,
    6: _survey("health.fig.6", 1),
    7: _survey("health.fig.7", 0),
    12: _counts("health.fig.12"),
    14: _counts("health.fig.14"),
}


def figure_sentence(item: dict, *, currency: str, lang: str) -> Markdown | None:
    """The data's answer to a question in one sentence, from its figures, amounts in
    `currency` (None when the data does not answer it)."""
    if item["source"] != "data":
        return None
    build = _FIGURES.get(item["number"])
    return None if build is None else build(item, lang, currency)


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
