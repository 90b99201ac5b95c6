"""The words of customer plans in a language: statuses, goal kinds, choices, views,
results, history actions, traffic lights and trends. Each code is named in a table with
the catalog key of its word (keys are never built from pieces)."""

from __future__ import annotations

from collections.abc import Mapping

from locales import Markdown, md, plain

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

STATUS_KEYS: dict[str, str] = {
    "planned": "plans.status.planned",
    "in_progress": "plans.status.in_progress",
    "done": "plans.status.done",
    "cancelled": "plans.status.cancelled",
}
GOAL_KIND_KEYS: dict[str, str] = {
    "revenue": "plans.goal_kind.revenue",
    "margin": "plans.goal_kind.margin",
    "share_of_wallet": "plans.goal_kind.share_of_wallet",
    "nps": "plans.goal_kind.nps",
    "free": "plans.goal_kind.free",
}
CHOICE_KEYS: dict[str, str] = {
    "first": "plans.choice.first",
    "second": "plans.choice.second",
    "third": "plans.choice.third",
}
VIEW_KEYS: dict[str, str] = {
    "advocate": "plans.view.advocate",
    "neutral": "plans.view.neutral",
    "critic": "plans.view.critic",
    "unknown": "plans.view.unknown",
}
RESULT_KEYS: dict[str, str] = {
    "achieved": "plans.result.achieved",
    "missed": "plans.result.missed",
}
ACTION_KEYS: dict[str, str] = {
    "create": "plans.action.create",
    "update": "plans.action.update",
    "archive": "plans.action.archive",
    "restore": "plans.action.restore",
    "close": "plans.action.close",
    "carry": "plans.action.carry",
}
ENTITY_KEYS: dict[str, str] = {
    "team": "plans.entity.team",
    "plan": "plans.entity.plan",
    "contact": "plans.entity.contact",
    "goal": "plans.entity.goal",
    "activity": "plans.entity.activity",
}
RAG_KEYS: dict[str, str] = {
    "green": "plans.rag.green",
    "amber": "plans.rag.amber",
    "red": "plans.rag.red",
    "unknown": "plans.rag.unknown",
    "not_started": "plans.rag.not_started",
}
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
TREND_KEYS: dict[str, str] = {
    "up": "plans.trend.up",
    "flat": "plans.trend.flat",
    "down": "plans.trend.down",
}
WIN_KEYS: dict[str, str] = {
    "goal_met": "plans.win.goal_met",
    "activity_done": "plans.win.activity_done",
    "moved_up": "plans.win.moved_up",
}


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
