"""Fixtures shared by the test modules."""

from __future__ import annotations

import sys

import pytest

from analytics.store import Store
from tests.browser import chromium_path


def _clear_streamlit_caches() -> None:
    # Only when a test module has loaded streamlit: the analytics tests stay without it.
    if "streamlit" in sys.modules:
        from tests.apptest import clear_caches

        clear_caches()


@pytest.fixture(autouse=True)
def _fresh_streamlit_caches():
    """Streamlit's caches live in the process: every test starts and ends without them,
    so one test's store or figures never leak into the next."""
    _clear_streamlit_caches()
    yield
    _clear_streamlit_caches()


@pytest.fixture
def store(tmp_path):
    """An empty store in its own temporary DuckDB file, closed after the test."""
    db = Store(tmp_path / "t.duckdb")
    yield db
    db.close()


@pytest.fixture(scope="module")
def browser():
    """Debian's chromium driven by Playwright, one instance per real-browser test module."""
    path = chromium_path()
    if path is None:
        pytest.skip("Debian chromium is not installed")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=path, args=["--no-sandbox"])
        yield instance
        instance.close()
