"""The first-start measurement end to end: both starts reach the first page's figures
and every number is there (no timing limits)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser import chromium_path

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.timeout(600)
def test_first_start_measures_both_starts():
    if chromium_path() is None:
        pytest.skip("Debian chromium is not installed")
    done = subprocess.run(
        [sys.executable, "-m", "bench", "--only", "first_start", "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    (m,) = json.loads(done.stdout)["measurements"]
    assert m["name"] == "first_start"
    for key in ("ours_ms", "baseline_ms", "prepare_ms"):
        assert m[key] > 0, key
    assert m["ratio"] == round(m["baseline_ms"] / m["ours_ms"], 2)
