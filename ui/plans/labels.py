"""The words of customer plans in a language: statuses, goal kinds, choices, views,
results, history actions, traffic lights and trends. Each code is named in a table with
the catalog key of its word (keys are never built from pieces)."""

from __future__ import annotations

from collections.abc import Mapping

from locales import plain

__all__ = [
    "ACTION_KEYS",
    "CHOICE_KEYS",
    "ENTITY_KEYS",
    "GOAL_KIND_KEYS",
    "RAG_ICONS",
    "RAG_KEYS",
    "RESULT_KEYS",
    "STATUS_KEYS",
    "TREND_KEYS",
    "VIEW_KEYS",
    "WIN_KEYS",
    "label",
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
# A traffic light is read by its word too, never by colour alone.
RAG_ICONS: dict[str, str] = {
    "green": "🟢",
    "amber": "🟡",
    "red": "🔴",
    "unknown": "⚪",
    "not_started": "⚪",
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
    """A traffic light as a cell shows it: `🟢 Green`; empty for None."""
    if status is None:
        return ""
    return f"{RAG_ICONS.get(status, '⚪')} {label(RAG_KEYS, status, lang=lang)}"
