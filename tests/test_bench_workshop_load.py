"""The full-workshop benchmark end to end, small: a participant's browser, the
facilitator's screen and an import of a tiny export for a few seconds. No timing limits:
it asserts what must hold at any size (no errors, no lost writes, every number there).
Two participants, each in a chromium of their own, so that their saves interleave."""

from __future__ import annotations

import pytest

from tests.browser import chromium_path
from tests.processes import bench_measurements

pytestmark = pytest.mark.browser


# A dozen browser pages and a server on one machine: slow where other work runs too.
@pytest.mark.timeout(900)
def test_full_workshop_in_small(tmp_path):
    if chromium_path() is None:
        pytest.skip("Debian chromium is not installed")
    (m,) = bench_measurements(
        "--only",
        "workshop_load",
        "--load-sessions",
        2,
        "--load-seconds",
        3,
        "--load-lines",
        2000,
        "--load-customers",
        100,
        "--moves",
        2,
        "--data-dir",
        tmp_path,
        timeout=900,
    )
    assert m["errors"] == 0, m["error_samples"]
    assert m["lost_writes"] == 0, m["lost_samples"]
    assert (m["lines"], m["participants"]) == (2000, 2)
    # Each participant moved sliders and saved at least one assessment (every fourth
    # action), and every assessment they saw saved was found in the database.
    assert m["moves"] >= 3 * 2
    assert m["assessments_saved"] >= 2
    for key in ("ours_ms", "baseline_ms", "ratio", "ours_p95_ms", "import_s", "server_peak_mb"):
        assert m[key] > 0, key
    assert m["server_peak_mb"] >= m["server_start_mb"] > 0
