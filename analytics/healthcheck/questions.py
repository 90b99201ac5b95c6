"""The fourteen questions of the health check as data: what can answer each, and the
shapes of an answer. Their texts, next steps and what to import live in the language
catalogs (`health.q.<n>`, `health.step.<n>`, `health.missing.<n>`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

from locales import plain

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
    or `team` (only the team can answer). `missing`: the catalog says what to import or
    do when the data cannot answer. The texts are read with `question_text`.
    """

    number: int
    kind: QuestionKind
    missing: bool = False


QUESTIONS: tuple[Question, ...] = (
    Question(1, "data", missing=False),
    Question(2, "data", missing=False),
    Question(3, "data", missing=False),
    Question(4, "data", missing=True),
    Question(5, "team", missing=False),
    Question(6, "data", missing=True),
    Question(7, "data", missing=True),
    Question(8, "team", missing=False),
    Question(9, "team", missing=False),
    Question(10, "team", missing=False),
    Question(11, "team", missing=False),
    Question(12, "plans", missing=True),
    Question(13, "team", missing=False),
    Question(14, "plans", missing=True),
)


_BY_NUMBER = {q.number: q for q in QUESTIONS}


# The catalog keys of a question's texts (`locales`, table `health`).
_TEXT_KEYS = {
    "text": "health.q.{number}",
    "next_step": "health.step.{number}",
    "missing": "health.missing.{number}",
}


def question_text(number: int, *, language: str, field: str = "text") -> str:
    """The text of question `number` in `language` (`sv`/`en`); `field` is `text`,
    `next_step` or `missing` (empty when the question has none)."""
    question = _BY_NUMBER[number]
    if field == "missing" and not question.missing:
        return ""
    return plain(_TEXT_KEYS[field].format(number=number), lang=language)
