"""The team assessment's tables: the editor's rows and column names, and the rejected
rows of a score file, in a language."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from analytics.scoring import TEAM_CRITERIA
from analytics.team import TEAM_REJECT_REASONS
from locales import Markdown, key_table, plain, t
from locales.formats import fmt_int
from ui.i18n import texts

__all__ = [
    "REASON_KEYS",
    "REJECTED_COLUMNS",
    "ColumnText",
    "editor_columns",
    "editor_rows",
    "rejected_rows",
]

# Why a row of a score file was rejected (`analytics.team.TEAM_REJECT_REASONS`) and the
# catalog key of the reason in words.
REASON_KEYS = key_table("team.reason", *TEAM_REJECT_REASONS)

# The catalog keys of the names of `rejected_rows`' columns (`ui.elements.column_labels`).
REJECTED_COLUMNS: dict[str, str] = {
    "line_no": "col.line_no",
    "sheet": "col.sheet",
    "customer_id": "field.customer_id",
    "reason": "col.reason",
    "column": "team.file.column",
    "raw": "team.file.value",
}


@dataclass(frozen=True)
class ColumnText:
    """A column's name and (None: no) help text in a language."""

    label: str
    help: Markdown | None = None


def editor_columns(*, currency: str, lang: str) -> dict[str, ColumnText]:
    """The editor's columns in `lang`: number, name, revenue (with `currency`), then one
    per team criterion with its help."""
    fixed = {
        "customer_id": ColumnText(plain("field.customer_id", lang=lang)),
        "customer_name": ColumnText(plain("field.customer_name", lang=lang)),
        "revenue": ColumnText(f"{plain('team.col.revenue', lang=lang)} ({currency})"),
    }
    return fixed | {
        k: ColumnText(plain(f"criterion.{k}", lang=lang), t(f"criterion.{k}.help", lang=lang))
        for k in TEAM_CRITERIA
    }


def editor_rows(rows: pl.DataFrame, *, lang: str) -> pl.DataFrame:
    """`rows` for the editor: revenue as whole units in text in `lang` (the editor cannot
    take a Styler, and its own number formats follow the browser's locale)."""
    return rows.with_columns(
        texts(rows["revenue"], lambda v: fmt_int(v, lang=lang), name="revenue")
    )


def rejected_rows(rejected: pl.DataFrame, *, lang: str) -> pl.DataFrame:
    """A score file's rejected rows with the reason in words; without the `sheet` column
    when the file has no sheets."""
    shown = rejected.with_columns(
        texts(rejected["reason"], lambda r: plain(REASON_KEYS[r], lang=lang), name="reason")
    )
    return shown.drop("sheet") if shown["sheet"].null_count() == shown.height else shown
