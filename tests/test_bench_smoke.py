"""The benchmark runs end to end on a tiny file and reports every number (no timing limits)."""

from __future__ import annotations

import pytest

from bench.cli import _parser, _sizes
from tests.processes import bench_measurements

REQUIRED = (
    "ours_ms",
    "baseline_ms",
    "ratio",
    "ours_peak_mb",
    "baseline_peak_mb",
    "memory_ratio",
    "file_mb",
    "ours_quarter_peak_mb",
    "duckdb_ms",
    "ratio_to_duckdb",
)


# Four measurements, two of them in chromium, beside other test modules on every core:
# slow where the machine is busy, so it has more than the suite's default time.
@pytest.mark.timeout(900)
def test_bench_json_has_positive_numbers(tmp_path):
    measurements = bench_measurements(
        "--lines",
        2000,
        "--customers",
        100,
        "--score-customers",
        300,
        "--slider-lines",
        3000,
        "--slider-customers",
        200,
        "--moves",
        3,
        "--skip",
        "workshop_load",
        "--skip",
        "first_start",
        "--data-dir",
        tmp_path,
        timeout=900,
    )
    by_name = {m["name"]: m for m in measurements}
    assert set(by_name) == {
        "import_csv",
        "score",
        "slider_browser",
        "workshop_consensus",
        "workshop_stability",
        "workshop_browser",
    }
    for name in ("workshop_consensus", "workshop_stability"):
        assert by_name[name]["customers"] == 100
        for key in ("ours_ms", "baseline_ms", "ratio"):
            assert by_name[name][key] > 0, (name, key)
    slider = by_name["slider_browser"]
    if "skipped" not in slider:
        assert len(slider["times_ms"]) == 3
        assert slider["ours_ms"] > 0
    workshop = by_name["workshop_browser"]
    if "skipped" not in workshop:
        assert (workshop["customers"], workshop["participants"]) == (100, 10)
        assert len(workshop["times_ms"]) == 3
        for key in ("ours_ms", "ours_p95_ms", "save_to_screen_ms"):
            assert workshop[key] > 0, key
    score = by_name["score"]
    assert score["customers"] == 300
    for key in ("ours_ms", "baseline_ms", "ratio"):
        assert score[key] > 0, key
    measurement = by_name["import_csv"]
    assert measurement["lines"] == 2000
    assert measurement["customers"] == 100
    for key in REQUIRED:
        assert isinstance(measurement[key], int | float), key
        assert measurement[key] > 0, key
    for side in ("ours", "baseline"):
        assert measurement[f"{side}_rows_loaded"] + measurement[f"{side}_rows_rejected"] == 2000
    # DuckDB read the same rows (it rejects none); the ratio is ours over its time.
    assert measurement["duckdb_rows_read"] == 2000
    assert measurement["ratio_to_duckdb"] == round(
        measurement["ours_ms"] / measurement["duckdb_ms"], 2
    )


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], (1_000_000, 20_000, 100_000, 10_000_000, 50_000)),
        (["--lines", "500", "--customers", "40"], (500, 40, 40, 500, 40)),
        (["--customers", "40", "--score-customers", "7"], (1_000_000, 40, 7, 10_000_000, 40)),
    ],
)
def test_lines_and_customers_size_every_measurement(argv, expected):
    args = _sizes(_parser().parse_args(argv))
    sizes = (args.lines, args.customers, args.score_customers)
    assert (*sizes, args.slider_lines, args.slider_customers) == expected


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], (50_000, 1_000_000)),
        (["--customers", "40"], (40, 800)),
        (["--lines", "500", "--customers", "40"], (40, 500)),
        (["--customers", "40", "--workshop-lines", "90"], (40, 90)),
    ],
)
def test_workshop_browser_size(argv, expected):
    args = _sizes(_parser().parse_args(argv))
    assert (args.workshop_customers, args.workshop_lines) == expected
