"""Widgets of the team assessment page: the score editor, saving, and score files."""

from __future__ import annotations

import hashlib

import polars as pl
import streamlit as st

from analytics.ingest.errors import IngestError
from analytics.scoring import TEAM_CRITERIA
from analytics.team import (
    TeamScoreError,
    TeamScoreFile,
    last_assessment,
    parse_team_scores,
)
from ui.data import get_store, masking
from ui.i18n import Markdown, currency, error_text, fmt_date, fmt_int, md, t, texts, trusted
from ui.import_view import upload_file
from ui.tables import table_height

__all__ = [
    "SAVED_KEY",
    "bump_generation",
    "editor_key",
    "last_assessed_caption",
    "save_scores",
    "score_editor",
    "upload_scores",
]

# Page-only session keys.
SAVED_KEY = "team_saved"  # number of scores saved by the last click, shown once
_GENERATION_KEY = "team_generation"  # bumped after a save: the editor starts afresh


def editor_key(rows: pl.DataFrame) -> str:
    """The editor's session key: changes with the rows shown and after every save.

    The editor keeps edits by row position; a different set of rows (another search, top
    N or data version) must not inherit them.
    """
    generation = st.session_state.get(_GENERATION_KEY, 0)
    digest = hashlib.sha1("\x1f".join(rows["customer_id"].to_list()).encode()).hexdigest()[:10]
    return f"team_editor_{generation}_{digest}"


def bump_generation() -> None:
    """Start the editor afresh on the next run (after a save)."""
    st.session_state[_GENERATION_KEY] = st.session_state.get(_GENERATION_KEY, 0) + 1


def score_editor(rows: pl.DataFrame, *, key: str) -> pl.DataFrame:
    """The editable table: id, name and revenue read-only, one 1–5 column per criterion.

    Returns the edited rows (same columns) as a polars frame.
    """
    config = {
        # Number and name stay in view when the table scrolls sideways.
        "customer_id": st.column_config.TextColumn(
            t("field.customer_id"), disabled=True, width=110, pinned=True
        ),
        "customer_name": st.column_config.TextColumn(
            t("field.customer_name"), disabled=True, width=240, pinned=True
        ),
        "revenue": st.column_config.TextColumn(
            f"{t('team.col.revenue')} ({currency()})", disabled=True, width=150, alignment="right"
        ),
    } | {
        k: st.column_config.NumberColumn(
            t(f"criterion.{k}"),
            help=t(f"criterion.{k}.help"),
            min_value=1,
            max_value=5,
            step=1,
            format="%d",
        )
        for k in TEAM_CRITERIA
    }
    # Whole kronor as text in the chosen language (the editor cannot take a Styler, and
    # its own number formats follow the browser's locale); the column is read-only.
    shown = rows.with_columns(texts(rows["revenue"], fmt_int, name="revenue"))
    masked = masking()
    if masked:
        # Not sent to the browser (a number can be looked up); the rows keep their order
        # (the editor has fixed rows), so the ids are put back by position below.
        shown = shown.drop("customer_id")
    edited = st.data_editor(
        shown,
        key=key,
        hide_index=True,
        width="stretch",
        height=table_height(max(rows.height, 1)),
        num_rows="fixed",
        column_config=config,
        placeholder="–",
    )
    edited = edited if isinstance(edited, pl.DataFrame) else pl.from_pandas(edited)
    if masked:
        edited = edited.with_columns(rows["customer_id"]).select(rows.columns)
    return edited


def save_scores(dataset_id: int, changes: pl.DataFrame, *, by: str) -> int | None:
    """Write the changed scores; returns how many, or None after showing an error."""
    try:
        return get_store().save_team_scores(dataset_id, changes, by=by.strip() or None)
    except ValueError:
        st.error(t("team.error.range"), icon=":material/error:")
        return None


def last_assessed_caption(dataset_id: int) -> None:
    """When and by whom the team last saved, and how many customers have scores."""
    info = last_assessment(get_store(), dataset_id=dataset_id)
    if info is None:
        st.caption(t("team.never"))
        return
    when = info["assessed_at"]
    st.caption(
        t(
            "team.last",
            date=fmt_date(when),
            time=when.strftime("%H:%M"),
            by=info["assessed_by"] or t("team.by_unknown"),
            customers=fmt_int(info["customers"]),
            scores=fmt_int(info["scores"]),
        )
    )


def _all_customers(dataset_id: int) -> pl.DataFrame:
    return get_store().query(
        "select customer_id, any_value(customer_name order by invoice_date desc) "
        "as customer_name from sales_lines where dataset_id = ? group by customer_id",
        [dataset_id],
    )


def _report(parsed: TeamScoreFile) -> None:
    cols = st.columns(4)
    cols[0].metric(t("team.file.rows_read"), fmt_int(parsed.rows_read))
    cols[1].metric(t("team.file.rows_used"), fmt_int(parsed.rows_used))
    cols[2].metric(t("team.file.rows_rejected"), fmt_int(parsed.rejected.height))
    cols[3].metric(t("team.file.scores"), fmt_int(parsed.scores.height))
    labels = {
        k: f"field.{k}" if k.startswith("customer") else f"criterion.{k}" for k in parsed.mapping
    }
    pairs = Markdown(" · ").join(
        trusted(f"{md(header)} → {t(labels[k])}") for k, header in parsed.mapping.items()
    )
    st.caption(t("team.file.columns", columns=pairs))
    if parsed.rejected.is_empty():
        return
    st.markdown(f"**{t('team.file.rejected')}**")
    shown = parsed.rejected.with_columns(
        texts(parsed.rejected["reason"], lambda r: t(f"team.reason.{r}"), name="reason")
    )
    st.dataframe(
        shown.drop("sheet") if shown["sheet"].null_count() == shown.height else shown,
        hide_index=True,
        width="stretch",
        height=table_height(shown.height),
        column_config={
            "line_no": t("col.line_no"),
            "sheet": t("col.sheet"),
            "customer_id": t("field.customer_id"),
            "reason": t("col.reason"),
            "column": t("team.file.column"),
            "raw": t("team.file.value"),
        },
    )


def upload_scores(dataset_id: int, *, by: str) -> None:
    """Scores from a CSV/Excel file: read, check 1–5, show rejected rows, then save."""
    st.caption(t("team.file.intro"))
    generation = st.session_state.get(_GENERATION_KEY, 0)
    uploaded = st.file_uploader(
        t("team.file.upload"),
        type=["csv", "txt", "tsv", "xlsx", "xlsm", "xls", "parquet"],
        key=f"team_upload_{generation}",
    )
    if uploaded is None:
        return
    try:
        with upload_file(uploaded) as path:
            parsed = parse_team_scores(
                path, name=uploaded.name, customers=_all_customers(dataset_id)
            )
    except TeamScoreError as exc:
        st.error(t(f"team.error.{exc.code}", **exc.params), icon=":material/error:")
        return
    except IngestError as exc:
        st.error(error_text(exc), icon=":material/error:")
        return
    _report(parsed)
    if st.button(
        t("team.file.save", count=fmt_int(parsed.scores.height)),
        type="primary",
        disabled=parsed.scores.is_empty(),
        key="team_upload_save",
    ):
        saved = save_scores(dataset_id, parsed.scores, by=by)
        if saved is not None:
            st.session_state[SAVED_KEY] = saved
            bump_generation()
            st.rerun()
