"""The inbox in the app: the thread that imports what lands in it, and the import
page's section showing each file's outcome with its report (`analytics.inbox`)."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from analytics.inbox import Watcher, inbox_folder, outcome_report, recent, waiting
from analytics.ingest.errors import IngestError
from locales import t
from locales.formats import MISSING
from ui.data import get_store
from ui.i18n import error_text
from ui.import_view import render_report
from ui.imports.tables import inbox_labels, inbox_table
from ui.tables import table_height

__all__ = ["inbox_watcher", "render_inbox"]

# How often the import page looks for new outcomes (a listing of two folders).
_FOLLOW_SECONDS = 3


@st.cache_resource(show_spinner=False, on_release=lambda watcher: watcher and watcher.stop())
def inbox_watcher() -> Watcher | None:
    """The one thread of the process that imports files from the store's inbox (None
    when `KUNDFOKUS_INBOX=off`). It keeps running without any browser open."""
    store = get_store()
    folder = inbox_folder(store.path)
    if folder is None:
        return None
    watcher = Watcher(store, folder)
    watcher.start()
    return watcher


def render_inbox(*, lang: str) -> None:
    """The inbox: where it is, what waits in it, and the newest outcomes, each with its
    report (or why it was not loaded). Reruns the page when a new outcome arrives."""
    st.subheader(t("import.inbox", lang=lang))
    folder = inbox_folder(get_store().path)
    if folder is None:
        st.caption(t("import.inbox_off", lang=lang))
        return
    st.caption(t("import.inbox_help", lang=lang, folder=str(folder)))
    pending = waiting(folder)
    if pending:
        st.info(t("import.inbox_waiting", lang=lang, files=", ".join(pending)))
    outcomes = recent(folder)
    _follow(str(folder), shown=_signature(pending, outcomes))
    if not outcomes:
        st.caption(t("import.inbox_empty", lang=lang))
        return
    table = inbox_table(outcomes, lang=lang)
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        height=table_height(table.height),
        column_config={k: st.column_config.Column(v) for k, v in inbox_labels(lang=lang).items()},
        placeholder=MISSING,
    )
    by_id = {o["id"]: o for o in outcomes}
    shown = dict(zip(by_id, table["file_name"] + " · " + table["finished_at"], strict=True))
    pick = st.selectbox(
        t("import.inbox_pick", lang=lang),
        options=list(by_id),
        format_func=shown.get,
        key="imp_inbox_pick",
    )
    _render_outcome(by_id[pick], lang=lang)


def _render_outcome(outcome: dict, *, lang: str) -> None:
    report = outcome_report(outcome)
    if report is not None:
        render_report(report, lang=lang)
        return
    error = outcome.get("error") or {}
    problem = IngestError(
        error.get("code", ""), error.get("message", ""), **error.get("params", {})
    )
    st.markdown(t("import.inbox_not_loaded", lang=lang, name=outcome["file_name"]))
    st.error(error_text(problem, lang=lang), icon=":material/error:")


def _signature(pending: list[str], outcomes: list[dict]) -> str:
    return "|".join([*pending, "/", *(o["id"] for o in outcomes)])


@st.fragment(run_every=_FOLLOW_SECONDS)
def _follow(folder: str, *, shown: str) -> None:
    """Rerun the page when the inbox is no longer as shown; a look without a change
    draws nothing."""
    path = Path(folder)
    if _signature(waiting(path), recent(path)) != shown:
        st.rerun()
