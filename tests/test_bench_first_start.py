"""The first-start measurement end to end: both starts reach the first page's figures
and every number is there (no timing limits)."""

from __future__ import annotations

import pytest

from tests.browser import chromium_path
from tests.processes import bench_measurements

pytestmark = pytest.mark.browser


@pytest.mark.timeout(600)
def test_first_start_measures_both_starts():
    if chromium_path() is None:
        pytest.skip("Debian chromium is not installed")
    (m,) = bench_measurements("--only", "first_start", timeout=600)
    assert m["name"] == "first_start"
    for key in ("ours_ms", "baseline_ms", "prepare_ms"):
        assert m[key] > 0, key
    assert m["ratio"] == round(m["baseline_ms"] / m["ours_ms"], 2)
