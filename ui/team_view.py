"""The team assessment's Streamlit sections: the score editor, saving, and score files.
They place what `ui.team` builds, in the language `lang` the page passes down."""

from __future__ import annotations

import hashlib

import polars as pl
import streamlit as st

from analytics.ingest.errors import IngestError
from analytics.scoring import TEAM_CRITERIA
from analytics.team import TeamScoreError, TeamScoreFile, last_assessment, parse_team_scores
from locales import t
from locales.formats import fmt_int
from ui.data import get_store, masking
from ui.elements import column_labels
from ui.i18n import error_text
from ui.place import show_rows
from ui.tables import table_height
from ui.team.sentences import file_columns, file_error, last_assessed
from ui.team.tables import REJECTED_COLUMNS, editor_columns, editor_rows, rejected_rows
from ui.upload import UPLOAD_TYPES, upload_file

__all__ = [
    "SAVED_KEY",
    "bump_generation",
    "editor_key",
    "last_assessed_caption",
    "row_filters",
    "save_button",
    "save_scores",
    "score_editor",
    "unsaved",
    "upload_scores",
]

# Page-only session keys.
SAVED_KEY = "team_saved"  # number of scores saved by the last click, shown once
_GENERATION_KEY = "team_generation"  # bumped after a save: the editor starts afresh
# How many of the largest customers the table shows; 0 = all customers.
_TOP_CHOICES = (50, 100, 250, 500, 0)


def editor_key(rows: pl.DataFrame) -> str:
    """The editor's session key: changes with the rows shown and after every save.

    The editor keeps edits by row position; a different set of rows (another search, top
    N or data version) must not inherit them.
    """
    generation = st.session_state.get(_GENERATION_KEY, 0)
    digest = hashlib.sha1("\x1f".join(rows["customer_id"].to_list()).encode()).hexdigest()[:10]
    return f"team_editor_{generation}_{digest}"


def unsaved() -> bool:
    """Whether the score editor holds edits not saved yet (a page turn would lose them)."""
    return any(
        key.startswith("team_editor_") and isinstance(value, dict) and value.get("edited_rows")
        for key, value in st.session_state.items()
    )


def bump_generation() -> None:
    """Start the editor afresh on the next run (after a save)."""
    st.session_state[_GENERATION_KEY] = st.session_state.get(_GENERATION_KEY, 0) + 1


def score_editor(rows: pl.DataFrame, *, key: str, currency: str, lang: str) -> pl.DataFrame:
    """The editable table: id, name and revenue read-only, one 1–5 column per criterion.

    Returns the edited rows (same columns) as a polars frame. `currency` and `lang` are
    the page's (the session's while a caller does not pass them yet).
    """
    labels = editor_columns(currency=currency, lang=lang)
    column = st.column_config
    config = {
        # Number and name stay in view when the table scrolls sideways.
        "customer_id": column.TextColumn(
            labels["customer_id"].label, disabled=True, width=110, pinned=True
        ),
        "customer_name": column.TextColumn(
            labels["customer_name"].label, disabled=True, width=240, pinned=True
        ),
        "revenue": column.TextColumn(
            labels["revenue"].label, disabled=True, width=150, alignment="right"
        ),
    } | {
        k: column.NumberColumn(
            labels[k].label, help=labels[k].help, min_value=1, max_value=5, step=1, format="%d"
        )
        for k in TEAM_CRITERIA
    }
    shown = editor_rows(rows, lang=lang)
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


def row_filters(*, lang: str) -> tuple[str, int, bool]:
    """The table's filters in a row: a search text, how many of the largest customers
    (0: all) and whether only customers without any score are shown."""
    cols = st.columns([3, 2, 2], vertical_alignment="bottom")
    search = cols[0].text_input(t("team.search", lang=lang), key="team_search")
    top = cols[1].selectbox(
        t("team.top", lang=lang),
        _TOP_CHOICES,
        index=1,
        format_func=lambda n: (
            t("team.top_all", lang=lang) if n == 0 else t("team.top_n", lang=lang, n=n)
        ),
        key="team_top",
    )
    unassessed = cols[2].toggle(t("team.unassessed", lang=lang), key="team_unassessed")
    return search, top, unassessed


def save_button(scores: pl.DataFrame, *, text_key: str, key: str, lang: str, **options) -> bool:
    """Whether the primary button that saves `scores` was clicked: its words `text_key`
    with their count, disabled while there are none; `options` (a `width`) go to
    `st.button`."""
    return st.button(
        t(text_key, lang=lang, count=fmt_int(scores.height, lang=lang)),
        type="primary",
        disabled=scores.is_empty(),
        key=key,
        **options,
    )


def save_scores(dataset_id: int, changes: pl.DataFrame, *, by: str, lang: str) -> int | None:
    """Write the changed scores; returns how many, or None after showing an error."""
    try:
        return get_store().save_team_scores(dataset_id, changes, by=by.strip() or None)
    except ValueError:
        st.error(t("team.error.range", lang=lang), icon=":material/error:")
        return None


def last_assessed_caption(dataset_id: int, *, lang: str) -> None:
    """When and by whom the team last saved, and how many customers have scores."""
    info = last_assessment(get_store(), dataset_id=dataset_id)
    st.caption(last_assessed(info, lang=lang))


def _all_customers(dataset_id: int) -> pl.DataFrame:
    return get_store().query(
        "select customer_id, any_value(customer_name order by invoice_date desc) "
        "as customer_name from sales_lines where dataset_id = ? group by customer_id",
        [dataset_id],
    )


def _report(parsed: TeamScoreFile, *, lang: str) -> None:
    cols = st.columns(4)
    cols[0].metric(t("team.file.rows_read", lang=lang), fmt_int(parsed.rows_read, lang=lang))
    cols[1].metric(t("team.file.rows_used", lang=lang), fmt_int(parsed.rows_used, lang=lang))
    cols[2].metric(
        t("team.file.rows_rejected", lang=lang), fmt_int(parsed.rejected.height, lang=lang)
    )
    cols[3].metric(t("team.file.scores", lang=lang), fmt_int(parsed.scores.height, lang=lang))
    st.caption(file_columns(parsed.mapping, lang=lang))
    if parsed.rejected.is_empty():
        return
    st.markdown(f"**{t('team.file.rejected', lang=lang)}**")
    shown = rejected_rows(parsed.rejected, lang=lang)
    show_rows(shown, rows=shown.height, labels=column_labels(REJECTED_COLUMNS, lang=lang))


def upload_scores(dataset_id: int, *, by: str, lang: str) -> None:
    """Scores from a CSV/Excel file: read, check 1–5, show rejected rows, then save."""
    st.caption(t("team.file.intro", lang=lang))
    generation = st.session_state.get(_GENERATION_KEY, 0)
    uploaded = st.file_uploader(
        t("team.file.upload", lang=lang),
        type=UPLOAD_TYPES,
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
        st.error(file_error(exc, lang=lang), icon=":material/error:")
        return
    except IngestError as exc:
        st.error(error_text(exc, lang=lang), icon=":material/error:")
        return
    _report(parsed, lang=lang)
    if save_button(parsed.scores, text_key="team.file.save", key="team_upload_save", lang=lang):
        saved = save_scores(dataset_id, parsed.scores, by=by, lang=lang)
        if saved is not None:
            st.session_state[SAVED_KEY] = saved
            bump_generation()
            st.rerun()
