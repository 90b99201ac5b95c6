"""The import page's tables in a language: the preview's rows, a file's rejected rows and
the data set's imports. Number columns stay numbers (for `ui.tables.localized`); dates,
reasons and kinds become text in the language."""

from __future__ import annotations

from datetime import datetime

import polars as pl

from analytics.ingest.mapping import DATE_FIELDS, NUMBER_FIELDS
from locales import key_table, plain
from locales.formats import fmt_date, fmt_int
from ui.elements import column_labels, money_labels
from ui.i18n import texts

__all__ = [
    "HISTORY_COLUMNS",
    "KIND_KEYS",
    "history_labels",
    "history_table",
    "inbox_labels",
    "inbox_table",
    "preview_decimals",
    "preview_labels",
    "preview_table",
    "reason_text",
    "rejected_labels",
    "rejected_table",
]

# The kind of an import and the catalog key of its name.
KIND_KEYS = key_table("kind", "sales", "customers", "plans")
# The columns of the imports' table, in order, with the catalog key of each name.
HISTORY_COLUMNS = key_table(
    "col",
    "import_id",
    "kind",
    "file_name",
    "imported_at",
    "rows_loaded",
    "rows_rejected",
    "revenue_loaded",
    "first_date",
    "last_date",
)


def reason_text(code: object, *, lang: str) -> str:
    """A reject reason (`missing_date`) in words, for a table cell; empty for none."""
    return "" if code is None else plain(f"reason.{code}", lang=lang)


def preview_table(rows: pl.DataFrame, *, lang: str) -> pl.DataFrame:
    """The parsed rows as the preview shows them: the reject reason in words (empty for a
    row that loads), dates as dates in `lang`, empty text cells empty. Number columns
    stay numbers."""
    shown = []
    for column in rows.columns:
        values = rows[column]
        if column == "reason":
            shown.append(texts(values, lambda r: reason_text(r, lang=lang), name=column))
        elif column in DATE_FIELDS or values.dtype in (pl.Date, pl.Datetime):
            shown.append(
                texts(values, lambda d: "" if d is None else fmt_date(d, lang=lang), name=column)
            )
        elif values.dtype == pl.String:
            shown.append(values.fill_null(""))
        else:
            shown.append(values)
    return pl.DataFrame(shown)


def preview_decimals(columns: list[str]) -> dict[str, int]:
    """The decimals of the preview's number columns: quantities whole, amounts 2."""
    return {c: 0 if c == "quantity" else 2 for c in columns if c in NUMBER_FIELDS}


def preview_labels(columns: list[str], *, lang: str) -> dict[str, str]:
    """The preview's column names: each field's name in `lang`."""
    return {c: plain(f"field.{c}", lang=lang) for c in columns}


def rejected_table(rows: pl.DataFrame, *, lang: str) -> pl.DataFrame:
    """An import's rejected rows (`Store.rejected_rows`) with the reason in words."""
    return rows.with_columns(
        texts(rows["reason"], lambda r: reason_text(r, lang=lang), name="reason")
    )


# `rejected_table`'s columns and the catalog key of each header.
_REJECTED_COLUMNS = key_table("col", "line_no", "sheet", "reason", "revenue", "raw")


def rejected_labels(*, currency: str, lang: str) -> dict[str, str]:
    """Column names of `rejected_table` in `lang`; the amount with its currency."""
    return money_labels(_REJECTED_COLUMNS, ("revenue",), currency=currency, lang=lang)


def history_table(history: pl.DataFrame, *, lang: str) -> pl.DataFrame:
    """A data set's imports (`Store.imports`) as shown: the kind in words, the time of
    the import to the minute."""
    return history.select(
        "import_id",
        texts(history["kind"], lambda k: plain(KIND_KEYS[k], lang=lang), name="kind"),
        "file_name",
        pl.col("imported_at").dt.strftime("%Y-%m-%d %H:%M"),
        "rows_loaded",
        "rows_rejected",
        "revenue_loaded",
        "first_date",
        "last_date",
    )


def history_labels(*, currency: str, lang: str) -> dict[str, str]:
    """Column names of `history_table` in `lang`; the amount names its currency
    (`Belopp (SEK)`)."""
    return money_labels(HISTORY_COLUMNS, ("revenue_loaded",), currency=currency, lang=lang)


# What became of a file in the inbox, and where it came from: catalog keys.
INBOX_STATUS_KEYS = {"done": "import.inbox_done", "failed": "import.inbox_failed"}
INBOX_SOURCE_KEYS = {"drop": "import.inbox_source_drop", "cli": "import.inbox_source_cli"}


def inbox_table(outcomes: list[dict], *, lang: str) -> pl.DataFrame:
    """The inbox's outcomes (`analytics.inbox.recent`) as shown: when (local time, to
    the minute), the file, how it came, the data set, done or failed, rows loaded and
    rejected as numbers in `lang` (`–` for a file that was not loaded)."""

    def count(value: object) -> str:
        return "–" if value is None else fmt_int(value, lang=lang)

    rows = []
    for outcome in outcomes:
        report = outcome.get("report") or {}
        finished = datetime.fromisoformat(outcome["finished_at"]).astimezone()
        rows.append(
            {
                "finished_at": finished.strftime("%Y-%m-%d %H:%M"),
                "file_name": outcome["file_name"],
                "source": plain(
                    INBOX_SOURCE_KEYS.get(outcome.get("source"), "import.inbox_source_cli"),
                    lang=lang,
                ),
                "dataset": report.get("dataset")
                or (outcome.get("options") or {}).get("dataset")
                or "",
                "status": plain(INBOX_STATUS_KEYS[outcome["status"]], lang=lang),
                "rows_loaded": count(report.get("rows_loaded")),
                "rows_rejected": count(report.get("rows_rejected")),
            }
        )
    schema = {
        "finished_at": pl.String,
        "file_name": pl.String,
        "source": pl.String,
        "dataset": pl.String,
        "status": pl.String,
        "rows_loaded": pl.String,
        "rows_rejected": pl.String,
    }
    return pl.DataFrame(rows, schema=schema)


# `inbox_table`'s columns and the catalog key of each header.
_INBOX_COLUMNS = key_table(
    "col", "finished_at", "file_name", "source", "dataset", "status", "rows_loaded", "rows_rejected"
)


def inbox_labels(*, lang: str) -> dict[str, str]:
    """Column names of `inbox_table` in `lang`."""
    return column_labels(_INBOX_COLUMNS, lang=lang)
