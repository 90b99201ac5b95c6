"""The words of customer plans in a language: statuses, goal kinds, choices, views,
results, history actions, traffic lights and trends. Each code is named in a table with
the catalog key of its word (`key_table`: the codes written out, or the tuple of them in
`analytics.plans`, so the key-scan test checks each key)."""

from __future__ import annotations

from collections.abc import Mapping

from analytics.plans import ACTIVITY_STATUSES, CHOICES, CONTACT_VIEWS, GOAL_KINDS
from locales import Markdown, key_table, md, plain

__all__ = [
    "ACTION_KEYS",
    "CHOICE_KEYS",
    "ENTITY_KEYS",
    "GOAL_KIND_KEYS",
    "RAG_BADGES",
    "RAG_CELLS",
    "RAG_KEYS",
    "RESULT_KEYS",
    "STATUS_KEYS",
    "TREND_KEYS",
    "VIEW_KEYS",
    "WIN_KEYS",
    "label",
    "rag_badge",
    "rag_cells",
    "rag_text",
]

STATUS_KEYS = key_table("plans.status", *ACTIVITY_STATUSES)
GOAL_KIND_KEYS = key_table("plans.goal_kind", *GOAL_KINDS)
CHOICE_KEYS = key_table("plans.choice", *CHOICES)
VIEW_KEYS = key_table("plans.view", *CONTACT_VIEWS)
RESULT_KEYS = key_table("plans.result", "achieved", "missed")
ACTION_KEYS = key_table("plans.action", "create", "update", "archive", "restore", "close", "carry")
ENTITY_KEYS = key_table("plans.entity", "team", "plan", "contact", "goal", "activity")
RAG_KEYS = key_table("plans.rag", "green", "amber", "red", "unknown", "not_started")
# A traffic light's colour: a badge's in Markdown, a table cell's background. It is
# always shown with its word, never by colour alone.
RAG_BADGES: dict[str, str] = {
    "green": "green",
    "amber": "orange",
    "red": "red",
    "unknown": "gray",
    "not_started": "gray",
}
RAG_CELLS: dict[str, str] = {
    "green": "background-color:#d3f0d8;color:#0b4d1c",
    "amber": "background-color:#ffe8b3;color:#5c3d00",
    "red": "background-color:#ffd6d6;color:#7a0b0b",
}
TREND_KEYS = key_table("plans.trend", "up", "flat", "down")
WIN_KEYS = key_table("plans.win", "goal_met", "activity_done", "moved_up")


def label(keys: Mapping[str, str], code: object, *, lang: str) -> str:
    """The word for `code` in a table of `keys` (`label(STATUS_KEYS, "done", lang="en")`
    is `Done`); empty for None, the code itself for one the table does not know."""
    if code is None:
        return ""
    key = keys.get(str(code))
    return plain(key, lang=lang) if key else str(code)


def rag_text(status: str | None, *, lang: str) -> str:
    """A traffic light as a cell shows it: its word (`Green`); empty for None."""
    return label(RAG_KEYS, status, lang=lang)


def rag_badge(status: str | None, *, lang: str) -> Markdown:
    """A traffic light in Markdown: its word on a badge of its colour
    (`:red-badge[Röd]`); empty for None."""
    if status is None:
        return Markdown("")
    colour = RAG_BADGES.get(status, "gray")
    return Markdown(f":{colour}-badge[{md(label(RAG_KEYS, status, lang=lang))}]")


def rag_cells(*, lang: str) -> dict[str, str]:
    """{a light's word in `lang`: the CSS of its table cell}, for a Styler's `map`."""
    return {label(RAG_KEYS, s, lang=lang): css for s, css in RAG_CELLS.items()}
