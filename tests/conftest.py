"""Fixtures shared by the test modules."""

from __future__ import annotations

import pytest

from analytics.store import Store
from tests.browser import chromium_path


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
