"""Names of the retention page's periods, groups and choices in a language."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import polars as pl

from analytics.retention import ALL, REST
from locales import key_table, plain
from locales.formats import MISSING
from ui.i18n import texts

__all__ = [
    "BASIS_KEYS",
    "OBSERVED_CAPTION_KEYS",
    "group_label",
    "period_label",
    "period_labels",
    "years_text",
]

BASIS_KEYS = key_table("ret.basis", "12m", "year")
OBSERVED_CAPTION_KEYS = key_table("ret.observed_caption", "12m", "year")
_GROUP_KEYS = {ALL: "ret.group.all", REST: "ret.group.rest"}


def period_label(start: date | None, end: date | None) -> str:
    """`2025` for a calendar year, `2025/26` for 12 months across a new year."""
    if start is None or end is None:
        return MISSING
    if start.year == end.year:
        return str(start.year)
    return f"{start.year}/{str(end.year)[-2:]}"


def period_labels(frame: pl.DataFrame, start: str, end: str, *, name: str) -> pl.Series:
    """Each row's period (columns `start`, `end`) labelled by `period_label`."""
    pairs: Iterable = zip(frame[start], frame[end], strict=True)
    return texts(pairs, lambda p: period_label(*p), name=name)


def group_label(group: str, *, lang: str) -> str:
    """`A-kunder`, `Övriga (B + C)`, `Alla kunder` … for a tier or `ALL`/`REST`."""
    if group in _GROUP_KEYS:
        return plain(_GROUP_KEYS[group], lang=lang)
    return plain("ret.group.tier", lang=lang, tier=group)


def years_text(n: int, *, lang: str) -> str:
    """`1 år` / `5 år`, `1 year` / `5 years`."""
    return plain("ret.years_one" if n == 1 else "ret.years_many", lang=lang, n=n)
