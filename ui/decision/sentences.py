"""Sentences of the decisions page: plain functions of data and language returning
`Markdown`. No Streamlit."""

from __future__ import annotations

from collections.abc import Mapping

from analytics.metrics import Period
from locales import Markdown, plain, t
from locales.formats import fmt_date, fmt_number

__all__ = ["later_line", "meta_line", "moved_line", "value_text"]


def meta_line(decision: Mapping, *, lang: str) -> Markdown:
    """`2026-12-02 · Data · 2025-11-01 – 2026-10-31 · deltagare: Anna, Bo`."""
    return t(
        "dec.meta",
        lang=lang,
        date=fmt_date(decision["decided_on"], lang=lang),
        dataset=decision["dataset_name"],
        start=fmt_date(decision["period_from"], lang=lang),
        end=fmt_date(decision["period_to"], lang=lang),
        participants=", ".join(decision["participants"]),
    )


def later_line(period: Period, *, lang: str) -> Markdown:
    """`Läget nu: 2025-12-01 – 2026-11-30.`"""
    return t(
        "dec.later_period",
        lang=lang,
        start=fmt_date(period.start, lang=lang),
        end=fmt_date(period.end, lang=lang),
    )


def value_text(value: float | None, *, lang: str) -> str:
    """A criterion's value: one decimal below 100 (a share, a 1–5 score), else whole."""
    return fmt_number(value, 1 if value is not None and abs(value) < 100 else 0, lang=lang)


def moved_line(row: Mapping, name: str, *, lang: str) -> Markdown:
    """`Beta AB: plats 4 → 2, främst Omsättning (200 → 350)` for one row of the
    comparison's `moved` table; `–` when no criterion explains the move."""
    criterion = row["criterion"]
    return t(
        "dec.moved_line",
        lang=lang,
        name=name,
        before=row["rank_before"],
        after=row["rank_after"],
        criterion=plain(f"criterion.{criterion}", lang=lang) if criterion else "–",
        value_before=value_text(row["value_before"], lang=lang),
        value_after=value_text(row["value_after"], lang=lang),
    )
