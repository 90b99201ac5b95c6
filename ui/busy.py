"""While another process holds the database file: a page that says so and retries.

DuckDB lets one process own the file. When the app starts (or reruns before it has the
store) while, say, a command-line import holds it, opening fails with DuckDB's lock error.
Instead of Streamlit's error page the app shows "the database is busy — retrying", tries
again every two seconds in a fragment, and reruns the whole app once the file is free.
"""

from __future__ import annotations

from datetime import datetime

import duckdb
import streamlit as st

from analytics.store import Store, lock_holder
from locales import t
from ui.data import get_store
from ui.inbox_view import inbox_watcher

__all__ = ["RETRY_SECONDS", "require_store"]

RETRY_SECONDS = 2


def require_store(*, lang: str) -> Store:
    """The app's store, with the inbox watched; while another process holds the
    database, the busy page (this script run stops there)."""
    try:
        store = get_store()
    except duckdb.Error as exc:
        pid = lock_holder(exc)
        if pid is None:
            raise
        st.title(t("busy.title", lang=lang))
        st.info(t("busy.text", lang=lang, pid=str(pid or "?")), icon=":material/hourglass_top:")
        _retry(lang=lang)
        st.stop()
    inbox_watcher()
    return store


@st.fragment(run_every=RETRY_SECONDS)
def _retry(*, lang: str) -> None:
    """Try to open the store again; rerun the app when it opens."""
    try:
        get_store()
    except duckdb.Error as exc:
        if lock_holder(exc) is None:
            raise
        now = datetime.now().astimezone().strftime("%H:%M:%S")
        st.caption(t("busy.retrying", lang=lang, seconds=RETRY_SECONDS, time=now))
        return
    st.rerun()
