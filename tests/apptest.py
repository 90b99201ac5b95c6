"""One way for the page tests to build a small store and open a page in AppTest."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

from analytics.store import Store
from tests.paths import ROOT
from tests.samples import import_text


def store_with(
    tmp_path: Path,
    export: str | None,
    *,
    dataset: str = "Test",
    fill: Callable[[Store], object] | None = None,
) -> Path:
    """A DuckDB file in `tmp_path` holding `export` (CSV text) imported as `dataset`;
    `None` gives an empty store. `fill`, when given, is called with the open store after
    the import (to add members, plans, goals …). Returns the database path."""
    path = tmp_path / "app.duckdb"
    store = Store(path)
    try:
        if export is not None:
            import_text(store, export, tmp_path, dataset=dataset, name="export")
        if fill is not None:
            fill(store)
    finally:
        store.close()
    return path


def store_weights(db: Path, weights: dict[str, float], *, dataset: str = "Test") -> None:
    """Keep `weights` as the focus-list weights of `dataset` in the database at `db`."""
    store = Store(db)
    store.save_dataset_weights(store.dataset_id(dataset), weights)
    store.close()


def clear_caches() -> None:
    """Empty Streamlit's data and resource caches (the resource cache holds the store)."""
    st.cache_data.clear()
    st.cache_resource.clear()


def open_page(
    db: Path,
    monkeypatch,
    page: str,
    *,
    session: dict | None = None,
    query: dict | None = None,
    all_data: str | None = None,
) -> AppTest:
    """The app on `db` (demo import off) after a first run on the default page, switched
    to `page` (e.g. "pages/retention.py"); `session` is set before the first run and
    `query` as the page's query parameters; `all_data` names the page's period control,
    then switched to all data."""
    monkeypatch.setenv("KUNDFOKUS_DB", str(db))
    monkeypatch.setenv("KUNDFOKUS_DEMO", "off")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in (session or {}).items():
        at.session_state[key] = value
    # A first run on the default page: AppTest drops the sidebar when the very first run
    # goes straight to another page.
    at.run()
    if query:
        at.query_params.update(query)
    at.switch_page(page).run()
    if all_data is not None:
        at.segmented_control(key=all_data).set_value("all").run()
    return at


def page_opener(page: str, *, all_data: str | None = None) -> Callable[..., AppTest]:
    """`open_page` for the tests of one page: a function `(db, monkeypatch, *, query=None,
    **session) -> AppTest` that opens `page` on `db` with the keyword options set in the
    session first (e.g. `lang="en"`), `query` and `all_data` as for `open_page`."""

    def opened(db: Path, monkeypatch, *, query: dict | None = None, **session) -> AppTest:
        return open_page(db, monkeypatch, page, session=session, query=query, all_data=all_data)

    return opened


def edit_cells(
    at: AppTest,
    key: str,
    edits: dict | None = None,
    *,
    added: list | None = None,
    deleted: list | None = None,
) -> AppTest:
    """Edit the data editor `key` as a user would: `edits` {row: {column: value}}, rows
    `added` ({column: value} each) and rows `deleted` (positions); then run."""
    at.session_state[key] = {
        "edited_rows": edits or {},
        "added_rows": added or [],
        "deleted_rows": deleted or [],
    }
    return at.run()


def markdown_text(at: AppTest) -> str:
    """Every Markdown element of the run in `at`, one a line."""
    return "\n".join(m.value for m in at.markdown)
