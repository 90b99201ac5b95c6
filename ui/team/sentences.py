"""The team assessment's texts in a language: when the team last saved, how many scores
were saved, which columns of a score file were read, and why a file cannot be used."""

from __future__ import annotations

from analytics.team import TEAM_FILE_ERRORS, TeamScoreError
from locales import Markdown, key_table, md, t, trusted
from locales.formats import fmt_date, fmt_int

__all__ = [
    "FILE_ERROR_KEYS",
    "file_columns",
    "file_error",
    "last_assessed",
    "saved_text",
]

# Why a whole score file cannot be used (`analytics.team.TEAM_FILE_ERRORS`) and the
# catalog key of the message.
FILE_ERROR_KEYS = key_table("team.error", *TEAM_FILE_ERRORS)


def last_assessed(info: dict | None, *, lang: str) -> Markdown:
    """`Senast sparat 2026-03-04 kl. 10:15 av Anna · …` from
    `analytics.team.last_assessment` (or that the team has assessed nobody yet)."""
    if info is None:
        return t("team.never", lang=lang)
    when = info["assessed_at"]
    return t(
        "team.last",
        lang=lang,
        date=fmt_date(when, lang=lang),
        time=when.strftime("%H:%M"),
        by=info["assessed_by"] or t("team.by_unknown", lang=lang),
        customers=fmt_int(info["customers"], lang=lang),
        scores=fmt_int(info["scores"], lang=lang),
    )


def saved_text(count: int, *, lang: str) -> Markdown:
    """`3 bedömningar sparade.` (`1 bedömning sparad.` for one)."""
    if count == 1:
        return t("team.saved_one", lang=lang)
    return t("team.saved", lang=lang, count=fmt_int(count, lang=lang))


def file_columns(mapping: dict[str, str], *, lang: str) -> Markdown:
    """`Kolumner: Kundnr → Kundnummer · Strategi → Strategisk passform`: each header of
    a score file (as written, escaped) and what it was read as."""
    pairs = Markdown(" · ").join(
        trusted(f"{md(header)} → {_field_name(k, lang)}") for k, header in mapping.items()
    )
    return t("team.file.columns", lang=lang, columns=pairs)


def _field_name(key: str, lang: str) -> Markdown:
    """A mapped column's meaning: a customer field or a team criterion."""
    if key.startswith("customer"):
        return t(f"field.{key}", lang=lang)
    return t(f"criterion.{key}", lang=lang)


def file_error(exc: TeamScoreError, *, lang: str) -> Markdown:
    """Why a score file cannot be used, with its parameters (the file's columns)."""
    return t(FILE_ERROR_KEYS[exc.code], lang=lang, **exc.params)
