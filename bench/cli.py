"""Command line of the benchmarks and the registry of measurements.

A measurement is a function `(args) -> dict` registered in `MEASUREMENTS`. Its dict has
`name`, the size it ran at, and for each compared quantity our value, the baseline's and
their ratio (`ours_ms`, `baseline_ms`, `ratio`; `ours_peak_mb`, `baseline_peak_mb`,
`memory_ratio`); any further keys are details. A ratio above 1 means ours is better
(faster, or less memory).

    python -m bench                      # all measurements, 1,000,000 lines, a table
    python -m bench --json               # the same as one JSON object
    python -m bench --lines 200000 --customers 5000 --only import_csv
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable

from bench.first_start_bench import measure_first_start
from bench.import_bench import measure_import_csv
from bench.make_data import DEFAULT_SEED
from bench.score_bench import measure_score
from bench.slider_bench import measure_slider_browser
from bench.workshop_bench import measure_consensus, measure_stability
from bench.workshop_browser_bench import measure_workshop_browser
from bench.workshop_load_bench import measure_workshop_load

__all__ = ["MEASUREMENTS", "format_table", "main"]

Measurement = Callable[[argparse.Namespace], dict]

MEASUREMENTS: dict[str, Measurement] = {
    "import_csv": measure_import_csv,
    "score": measure_score,
    "slider_browser": measure_slider_browser,
    "workshop_consensus": measure_consensus,
    "workshop_stability": measure_stability,
    "workshop_browser": measure_workshop_browser,
    "workshop_load": measure_workshop_load,
    "first_start": measure_first_start,
}


# Over 60 lines: one `add_argument` call per option, in the order `--help` lists them.
def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bench", description="Speed and memory of Kundfokus against naive code."
    )
    parser.add_argument(
        "--lines",
        type=int,
        default=None,
        help="lines of every measurement's data (default: 1,000,000 for the import; "
        "the browser measurement has its own default)",
    )
    parser.add_argument(
        "--customers",
        type=int,
        default=None,
        help="customers of every measurement's data (default: 20,000 for the import; "
        "re-scoring and the browser have their own defaults)",
    )
    parser.add_argument(
        "--score-customers",
        type=int,
        default=None,
        help="customers in the re-scoring measurement (default: --customers, else 100,000)",
    )
    parser.add_argument(
        "--slider-lines",
        type=int,
        default=None,
        help="lines in the browser measurement (default: --lines, else 10,000,000)",
    )
    parser.add_argument(
        "--slider-customers",
        type=int,
        default=None,
        help="customers in the browser measurement (default: --customers, else 50,000)",
    )
    parser.add_argument(
        "--moves", type=int, default=10, help="slider moves in each browser measurement"
    )
    parser.add_argument(
        "--workshop-customers",
        type=int,
        default=None,
        help="customers in the workshop measurements (default: --customers, else 50,000)",
    )
    parser.add_argument(
        "--workshop-lines",
        type=int,
        default=None,
        help="lines in the workshop's browser measurement (default: --lines, else 20 per customer)",
    )
    parser.add_argument(
        "--participants", type=int, default=10, help="participants in the workshop consensus"
    )
    parser.add_argument(
        "--stability-samples", type=int, default=200, help="weight sets in the stability run"
    )
    parser.add_argument(
        "--load-seconds",
        type=float,
        default=60.0,
        help="seconds of the full workshop under load (at least until its import is done)",
    )
    parser.add_argument(
        "--load-sessions",
        type=int,
        default=10,
        help="participants' browser sessions in the full workshop",
    )
    parser.add_argument(
        "--load-lines",
        type=int,
        default=None,
        help="lines of the export imported during the full workshop (default: --lines)",
    )
    parser.add_argument(
        "--load-customers",
        type=int,
        default=None,
        help="customers of that export (default: --customers)",
    )
    parser.add_argument("--only", choices=sorted(MEASUREMENTS), help="run one measurement")
    parser.add_argument(
        "--skip",
        choices=sorted(MEASUREMENTS),
        action="append",
        default=[],
        help="leave a measurement out (repeatable)",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--repeat", type=int, default=1, help="runs per side (median time)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="seed of the data")
    parser.add_argument(
        "--data-dir",
        help="keep generated files here and reuse them (default: a temporary folder; "
        "bench/out/ is ignored by git)",
    )
    return parser


def _seconds(ms: float) -> str:
    return f"{ms / 1000:,.2f} s" if ms >= 1000 else f"{ms:,.0f} ms"


def _megabytes(mb: float) -> str:
    return f"{mb:,.0f} MB"


def _verdict(ratio: float, better: str, worse: str) -> str:
    """`6.5x  faster`, or for a ratio below 1 the inverse: `3.2x  slower`."""
    if ratio >= 1:
        return f"{ratio:>9.1f}x  {better}"
    return f"{1 / ratio:>9.1f}x  {worse}" if ratio > 0 else f"{'-':>10}"


def format_table(measurements: list[dict]) -> str:
    """The measurements as a plain-text table for people."""
    out: list[str] = []
    for m in measurements:
        size = ", ".join(
            f"{m[key]:,} {key}" for key in ("lines", "customers") if isinstance(m.get(key), int)
        )
        if isinstance(m.get("participants"), int):
            size += f", {m['participants']} participants"
        if isinstance(m.get("samples"), int):
            size += f", {m['samples']:,} weight sets"
        if "file_mb" in m:
            size += f", file {m['file_mb']:,.1f} MB"
        out.append(f"{m['name']}  ({size})")
        own_lines = _OWN_LINES.get(m["name"])
        if own_lines and "ours_ms" in m:
            out.extend(own_lines(m))
            continue
        if "skipped" in m:
            out.append(f"  skipped: {m['skipped']}")
            out.append("")
            continue
        out.extend(_compared_lines(m))
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _compared_lines(m: dict) -> list[str]:
    """The lines of a measurement compared with its baseline (and DuckDB's own read)."""
    out: list[str] = []
    out.append(f"  {'':14}{'ours':>12}{'baseline':>14}{'ours is':>11}")
    if "ours_ms" in m:
        out.append(
            f"  {'time':14}{_seconds(m['ours_ms']):>12}{_seconds(m['baseline_ms']):>14}"
            f"{_verdict(m['ratio'], 'faster', 'SLOWER')}"
        )
    if "duckdb_ms" in m:
        out.append(
            f"  {'DuckDB alone':14}{_seconds(m['duckdb_ms']):>12}"
            f"   (its own read_csv of the file as UTF-8; ours takes "
            f"{m['ratio_to_duckdb']:.2f}x its time)"
        )
    if "ours_peak_mb" in m:
        out.append(
            f"  {'peak memory':14}{_megabytes(m['ours_peak_mb']):>12}"
            f"{_megabytes(m['baseline_peak_mb']):>14}"
            f"{_verdict(m['memory_ratio'], 'less', 'MORE')}"
        )
    if "ours_peak_per_file_mb" in m:
        out.append(
            f"  {'peak / file':14}{m['ours_peak_per_file_mb']:>11.2f}x"
            f"{m['baseline_peak_per_file_mb']:>13.2f}x"
        )
    if "ours_startup_mb" in m:
        out.append(
            f"  {'after imports':14}{_megabytes(m['ours_startup_mb']):>12}"
            f"{_megabytes(m['baseline_startup_mb']):>14}   (interpreter + libraries)"
        )
    if "quarter_lines" in m:
        out.append(
            f"  ours at {m['quarter_lines']:,} lines ({m['quarter_file_mb']:,.1f} MB): "
            f"peak {_megabytes(m['ours_quarter_peak_mb'])}, "
            f"{_seconds(m['ours_quarter_ms'])}; at {m['lines']:,} lines "
            f"({m['file_mb']:,.1f} MB): peak {_megabytes(m['ours_peak_mb'])}"
        )
    if "ours_rows_loaded" in m:
        out.append(
            f"  rows loaded / rejected: ours {m['ours_rows_loaded']:,} / "
            f"{m['ours_rows_rejected']:,}, baseline {m['baseline_rows_loaded']:,} / "
            f"{m['baseline_rows_rejected']:,}"
        )
    for side in ("ours", "baseline"):
        stages = m.get(f"{side}_stages")
        if stages:
            text = ", ".join(
                f"{name} {_seconds(v['ms'])} (peak {_megabytes(v['peak_mb'])})"
                for name, v in stages.items()
            )
            out.append(f"  {side} stages: {text}")
    return out


def _slider_browser_lines(m: dict) -> list[str]:
    return [
        f"  slider move to repainted list: median {_seconds(m['ours_ms'])}, "
        f"slowest {_seconds(m['max_ms'])} over {m['moves']} moves (no baseline)",
        f"  the same on the demo company: median {_seconds(m['demo_ms'])}, "
        f"slowest {_seconds(m['demo_max_ms'])}",
        "",
    ]


def _workshop_browser_lines(m: dict) -> list[str]:
    idle = f", a refresh without a save {_seconds(m['idle_ms'])}" if m["idle_ms"] else ""
    return [
        f"  participant's save to repainted facilitator screen: repaint median "
        f"{_seconds(m['ours_ms'])}, p95 {_seconds(m['ours_p95_ms'])} over "
        f"{m['moves']} saves (no baseline)",
        f"  key press to screen, with the wait for the screen's next check: median "
        f"{_seconds(m['save_to_screen_ms'])}, p95 {_seconds(m['save_to_screen_p95_ms'])}"
        f"{idle}",
        "",
    ]


def _first_start_lines(m: dict) -> list[str]:
    return [
        f"  server answering to the first page's figures: prepared "
        f"{_seconds(m['ours_ms'])}, the first session importing the demo "
        f"{_seconds(m['baseline_ms'])}{_verdict(m['ratio'], 'faster', 'SLOWER')}",
        f"  prepare before the server starts: {_seconds(m['prepare_ms'])}",
        "",
    ]


def _workshop_load_lines(m: dict) -> list[str]:
    single = f"median {_seconds(m['baseline_ms'])}, p95 {_seconds(m['baseline_p95_ms'])}"
    loaded = f"median {_seconds(m['ours_ms'])}, p95 {_seconds(m['ours_p95_ms'])}"
    ratios = f"{_verdict(m['ratio'], 'faster', 'slower').strip()} (median), " + (
        f"{_verdict(m['p95_ratio'], 'faster', 'slower').strip()} (p95)" if m["p95_ratio"] else "-"
    )
    screen = (
        f"median {_seconds(m['facilitator_ms'])}, p95 {_seconds(m['facilitator_p95_ms'])}"
        if m["facilitator_ms"]
        else "no repaint seen"
    )
    return [
        f"  {m['seconds']:.0f} s, {m['moves']} slider moves and {m['assessments_saved']} "
        f"assessments saved; the import took {m['import_s']:.0f} s",
        f"  errors {m['errors']}, lost writes {m['lost_writes']}",
        f"  slider move to repaint: one session alone {single}; under load {loaded}: {ratios}",
        f"  facilitator's screen redrawn after saves: {screen}",
        f"  server peak memory {_megabytes(m['server_peak_mb'])} "
        f"(at the start {_megabytes(m['server_start_mb'])}); load average "
        f"{m['load_average']} on {m['cores']} cores",
        "",
    ]


# Measurements without a baseline column tell their results in their own lines.
_OWN_LINES = {
    "slider_browser": _slider_browser_lines,
    "workshop_browser": _workshop_browser_lines,
    "first_start": _first_start_lines,
    "workshop_load": _workshop_load_lines,
}


def _sizes(args: argparse.Namespace) -> argparse.Namespace:
    """`--lines` and `--customers` size every measurement; the options of one measurement
    override them; without any, each measurement has the size its claim is about."""
    args.score_customers = args.score_customers or args.customers or 100_000
    args.slider_lines = args.slider_lines or args.lines or 10_000_000
    args.slider_customers = args.slider_customers or args.customers or 50_000
    args.workshop_customers = args.workshop_customers or args.customers or 50_000
    args.workshop_lines = args.workshop_lines or args.lines or 20 * args.workshop_customers
    args.lines = args.lines or 1_000_000
    args.customers = args.customers or 20_000
    args.load_lines = args.load_lines or args.lines
    args.load_customers = args.load_customers or args.customers
    return args


def main(argv: list[str] | None = None) -> None:
    args = _sizes(_parser().parse_args(argv))
    if args.lines < 4 or args.customers < 1:
        raise SystemExit("--lines must be at least 4 and --customers at least 1")
    names = [args.only] if args.only else [n for n in MEASUREMENTS if n not in args.skip]
    measurements = [MEASUREMENTS[name](args) for name in names]
    if args.json:
        sys.stdout.write(json.dumps({"measurements": measurements}, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(format_table(measurements))


if __name__ == "__main__":
    main()
