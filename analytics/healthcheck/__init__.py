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

The modules: `questions` (the catalog), `answers` (answering it), `plans` (12 and 14
from the customer plans) and `calls` (the team's 4a/4b call per unprofitable customer).
"""

from __future__ import annotations

from analytics.healthcheck.answers import (
    COVERAGE_FULL,
    HealthItem,
    HealthSummary,
    health_check,
    health_summary,
    latest_answer,
    save_team_answer,
    team_answers,
)
from analytics.healthcheck.calls import (
    CALLS,
    Call,
    save_unprofitable_call,
    unprofitable_calls,
    unprofitable_customers,
)
from analytics.healthcheck.questions import (
    ANSWERS,
    QUESTIONS,
    Answer,
    AnswerSource,
    Question,
    QuestionKind,
    question_text,
)

__all__ = [
    "ANSWERS",
    "CALLS",
    "COVERAGE_FULL",
    "QUESTIONS",
    "Answer",
    "AnswerSource",
    "Call",
    "HealthItem",
    "HealthSummary",
    "Question",
    "QuestionKind",
    "health_check",
    "health_summary",
    "latest_answer",
    "question_text",
    "save_team_answer",
    "save_unprofitable_call",
    "team_answers",
    "unprofitable_calls",
    "unprofitable_customers",
]
