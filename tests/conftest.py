"""Fixtures shared by the test modules."""

from __future__ import annotations

import pytest

from analytics.store import Store


@pytest.fixture
def store(tmp_path):
    """An empty store in its own temporary DuckDB file, closed after the test."""
    db = Store(tmp_path / "t.duckdb")
    yield db
    db.close()
