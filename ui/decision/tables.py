"""Tables of the decisions page and a decision's Excel file: plain functions of data and
language. No Streamlit.

`listed` is a decision's list (`analytics.decision.decision_customers`) with
`customer_name` as the page shows it (a pseudonym while names are masked);
`show_ids=False` leaves the customer number out (a number can be looked up).
"""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from analytics.export import to_excel_bytes
from locales import key_table, plain
from locales.formats import fmt_date
from ui.i18n import texts
from ui.workshop.tables import kind_label

__all__ = [
    "DECISION_COLUMNS",
    "LIST_COLUMNS",
    "decision_workbook",
    "decisions_frame",
    "listed_frame",
]

# A decision's facts, as the list of decisions and the workbook's first sheet name them:
# field → header key.
_FACT_KEYS = key_table("dec.col", "name", "date", "workshop", "dataset", "period", "participants")
# The list of decisions: column → header key.
DECISION_COLUMNS = {**_FACT_KEYS, "a": "dec.col.a"}
# A decision's list: column → header key.
LIST_COLUMNS = {
    "rank": "ws.col.rank",
    "tier": "ws.col.tier",
    "customer_id": "field.customer_id",
    "customer_name": "field.customer_name",
    "score": "ws.col.score",
    "override": "ws.col.override",
    "reason": "ws.col.reason",
}
# The first sheet of the workbook: the decision's facts and its notes, a column each, in
# one row (so the day and the period's first and last day are dates Excel can sort and
# compute with, not text).
_HEADER_KEYS = key_table(
    "dec.col",
    "name",
    "date",
    "workshop",
    "dataset",
    "period_from",
    "period_to",
    "participants",
    "notes",
)


def decisions_frame(table: pl.DataFrame, *, lang: str) -> pl.DataFrame:
    """All decisions (`analytics.decision.decisions`) as shown (`DECISION_COLUMNS`):
    dates in the language, the period as `start – end`, participants as one text."""
    return pl.DataFrame(
        {
            "name": table["name"],
            "date": texts(table["decided_on"], lambda d: fmt_date(d, lang=lang)),
            "workshop": table["workshop_name"].fill_null(""),
            "dataset": table["dataset_name"],
            "period": texts(
                table.select("period_from", "period_to").rows(),
                lambda r: f"{fmt_date(r[0], lang=lang)} – {fmt_date(r[1], lang=lang)}",
            ),
            "participants": texts(table["participants"], ", ".join),
            "a": table["a_customers"],
        }
    )


def listed_frame(listed: pl.DataFrame, *, lang: str, show_ids: bool = True) -> pl.DataFrame:
    """A decision's list as shown (`LIST_COLUMNS`): the pin or exclusion in words, the
    score with one decimal."""
    frame = listed.select(
        "rank",
        "tier",
        "customer_id",
        "customer_name",
        pl.col("score").round(1),
        texts(listed["override"], lambda o: kind_label(o, lang=lang), name="override"),
        pl.col("reason").fill_null(""),
    )
    return frame if show_ids else frame.drop("customer_id")


def _header(decision: Mapping, *, lang: str) -> pl.DataFrame:
    """The decision's facts as one row: texts as text (a cell left empty without a
    workshop or notes), its day and its period's first and last day as dates; the headers
    in `lang`."""
    values = {
        "name": decision["name"],
        "date": decision["decided_on"],
        "workshop": decision["workshop_name"],
        "dataset": decision["dataset_name"],
        "participants": ", ".join(decision["participants"]),
        "period_from": decision["period_from"],
        "period_to": decision["period_to"],
        "notes": decision["notes"],
    }
    days = ("date", "period_from", "period_to")
    schema = {field: pl.Date if field in days else pl.String for field in _HEADER_KEYS}
    row = pl.DataFrame([{field: values[field] for field in _HEADER_KEYS}], schema=schema)
    return row.rename({field: plain(key, lang=lang) for field, key in _HEADER_KEYS.items()})


def decision_workbook(
    decision: Mapping, listed: pl.DataFrame, *, lang: str, show_ids: bool = True
) -> bytes:
    """The decision as an Excel file: the decision, the list, the weights (points)."""
    weights = pl.DataFrame(
        {
            plain("ws.col.criterion", lang=lang): [
                plain(f"criterion.{k}", lang=lang) for k in decision["weights"]
            ],
            plain("dec.col.weight", lang=lang): list(decision["weights"].values()),
        }
    )
    # The file keeps the exact score; the page shows one decimal.
    shown = listed_frame(listed, lang=lang, show_ids=show_ids).with_columns(listed["score"])
    headers = {c: plain(LIST_COLUMNS[c], lang=lang) for c in shown.columns}
    return to_excel_bytes(
        {
            plain("dec.sheet.decision", lang=lang): _header(decision, lang=lang),
            plain("dec.sheet.list", lang=lang): shown.rename(headers),
            plain("dec.sheet.weights", lang=lang): weights,
        }
    )
