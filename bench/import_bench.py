"""Measurement `import_csv`: our importer against the naive pandas script, same file.

Ours: `analytics.ingest.pipeline.import_sales` into a fresh DuckDB file.
Baseline: what a Python script would do: `pandas.read_csv` of the whole file as text,
numbers and dates parsed row by row with Python functions (`.apply`), rows that cannot
be used set aside, the rest inserted into a fresh DuckDB file.

DuckDB: DuckDB's own `read_csv` of the same content into a table of a fresh database
file, its types detected by DuckDB (the file converted to UTF-8 first, outside the
time: DuckDB cannot read Windows-1252). It checks nothing and keeps no rejected rows, so
it is the floor an importer could reach, not a baseline to beat: `ratio_to_duckdb` is
our time over DuckDB's (2 means twice DuckDB's time); `cpu_ratio_to_duckdb` the same
in processor time (`cpu_ms`), which other work on a shared machine disturbs less.

Each run is its own process (`bench.child`), so peak memory and time are its own. Ours
also runs on a file a quarter the size, to show that its memory does not grow with the
file the way the baseline's does.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from argparse import Namespace
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.memory import MB, StageSampler, current_mb, run_child

__all__ = ["measure_import_csv", "run_baseline", "run_duckdb", "run_ours"]

_DATASET = "Bench"


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- the two sides, run inside the child process ------------------------------------


@contextmanager
def _measured(db: Path, first_stage: str) -> Iterator[tuple[StageSampler, dict]]:
    """Measure the block, its stages sampled from `first_stage` on.

    Yields the sampler and a dict that, once the block is left, holds `ms` and `cpu_ms`
    (wall and processor time of the block), `startup_mb` (memory before it), `db_mb` (the
    size of the database file `db` after it) and `stages`.
    """
    measured: dict = {}
    startup = current_mb()
    with StageSampler() as sampler:
        started, cpu = time.perf_counter(), time.process_time()
        sampler.stage(first_stage)
        yield sampler, measured
        elapsed = time.perf_counter() - started
    measured.update(
        ms=round(elapsed * 1000, 1),
        cpu_ms=round((time.process_time() - cpu) * 1000, 1),
        startup_mb=round(startup, 1),
        db_mb=round(db.stat().st_size / MB, 1),
        stages=sampler.result(),
    )


def run_ours(params: dict) -> dict:
    """Import `params["csv"]` with `import_sales` into the new database `params["db"]`."""
    from analytics.ingest.pipeline import import_sales
    from analytics.money import json_amount
    from analytics.store import Store

    csv, db = Path(params["csv"]), Path(params["db"])
    with _measured(db, "open_store") as (sampler, measured):
        store = Store(db)
        report = import_sales(
            store, csv, dataset=_DATASET, progress=lambda _f, stage: sampler.stage(stage)
        )
        sampler.stage("close")
        store.close()
    return {
        **measured,
        "rows_read": report.rows_read,
        "rows_loaded": report.rows_loaded,
        "rows_rejected": report.rows_rejected,
        "revenue_loaded": json_amount(report.revenue_loaded),
    }


def _parse_number(text: str) -> float | None:
    text = text.strip().replace("\xa0", "").replace(" ", "").replace(",", ".")
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        return None


def _parse_date(text: str):
    from datetime import date

    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return None


def _text_or_none(text: str) -> str | None:
    return text.strip() or None


def run_baseline(params: dict) -> dict:
    """The naive script: pandas reads it all, `.apply` parses, DuckDB stores."""
    import duckdb
    import pandas as pd

    csv, db = Path(params["csv"]), Path(params["db"])
    with _measured(db, "read_csv") as (sampler, measured):
        raw = pd.read_csv(csv, sep=";", encoding="cp1252", dtype=str, keep_default_na=False)
        sampler.stage("parse")
        customer = raw["Kundnr"].apply(_text_or_none)
        name = raw["Kundnamn"].apply(_text_or_none)
        lines = pd.DataFrame(
            {
                "line_no": range(2, len(raw) + 2),
                "customer_id": customer.fillna(name),
                "customer_name": name,
                "invoice_number": raw["Fakturanr"].apply(_text_or_none),
                "invoice_date": raw["Fakturadatum"].apply(_parse_date),
                "quantity": raw["Antal"].apply(_parse_number),
                "unit_price": raw["À-pris"].apply(_parse_number),
                "revenue": raw["Belopp exkl. moms"].apply(_parse_number),
                "cost": raw["Självkostnad"].apply(_parse_number),
                "product_group": raw["Varugrupp"].apply(_text_or_none),
                "salesperson": raw["Säljare"].apply(_text_or_none),
            }
        )
        usable = (
            lines["customer_id"].notna() & lines["invoice_date"].notna() & lines["revenue"].notna()
        )
        good = lines[usable]  # noqa: F841 - read by DuckDB below
        rejected = raw[~usable]  # noqa: F841
        sampler.stage("insert")
        con = duckdb.connect(str(db))
        con.execute("create table sales_lines as select * from good")
        con.execute("create table rejected_rows as select * from rejected")
        rows_loaded = con.execute("select count(*) from sales_lines").fetchall()[0][0]
        revenue = con.execute("select sum(revenue) from sales_lines").fetchall()[0][0]
        sampler.stage("close")
        con.close()
    return {
        **measured,
        "rows_read": len(raw),
        "rows_loaded": int(rows_loaded),
        "rows_rejected": len(raw) - int(rows_loaded),
        "revenue_loaded": round(float(revenue or 0), 2),
    }


def run_duckdb(params: dict) -> dict:
    """DuckDB's own `read_csv` of the UTF-8 file `params["csv"]` into a table."""
    import duckdb

    csv, db = Path(params["csv"]), Path(params["db"])
    with _measured(db, "read_csv") as (sampler, measured):
        con = duckdb.connect(str(db))
        source = str(csv).replace("'", "''")
        con.execute(
            f"create table sales_lines as select * from read_csv('{source}', delim = ';', "
            "header = true, decimal_separator = ',')"
        )
        rows = con.execute("select count(*) from sales_lines").fetchall()[0][0]
        sampler.stage("close")
        con.close()
    return {**measured, "rows_read": int(rows)}


def _utf8_copy(csv: Path) -> Path:
    """The export as UTF-8 (DuckDB reads no Windows-1252), beside it; made once."""
    target = csv.with_name(csv.stem + "_utf8.csv")
    if not target.exists():
        partial = target.with_suffix(".part")
        with (
            csv.open(encoding="cp1252", newline="") as src,
            partial.open("w", encoding="utf-8", newline="") as dst,
        ):
            while block := src.read(8 * MB):
                dst.write(block)
        partial.replace(target)
    return target


# --- the measurement, run in the parent ----------------------------------------------


@contextmanager
def _data_dir(args: Namespace):
    if getattr(args, "data_dir", None):
        folder = Path(args.data_dir)
        folder.mkdir(parents=True, exist_ok=True)
        yield folder
        return
    with tempfile.TemporaryDirectory(prefix="kundfokus-bench-") as name:
        yield Path(name)


def _export(folder: Path, lines: int, customers: int, seed: int) -> Path:
    """The generated export for these settings, reused when already in `folder`."""
    from bench.make_data import generate

    path = folder / f"sales_{lines}_{customers}_{seed}.csv"
    if not path.exists():
        started = time.perf_counter()
        partial = path.with_suffix(".part")
        generate(partial, lines=lines, customers=customers, seed=seed)
        partial.replace(path)
        _log(
            f"  generated {path.name} ({path.stat().st_size / MB:.1f} MB) "
            f"in {time.perf_counter() - started:.1f} s"
        )
    return path


def _runs(task: str, csv: Path, folder: Path, repeat: int) -> dict:
    """`repeat` runs of one side, each into a fresh database: median time, largest peak."""
    results = []
    for number in range(repeat):
        db = folder / f"{task}_{number}.duckdb"
        for stale in (db, db.with_name(db.name + ".wal")):
            stale.unlink(missing_ok=True)
        try:
            results.append(run_child(task, {"csv": str(csv), "db": str(db)}, log=_log))
        finally:
            for stale in (db, db.with_name(db.name + ".wal")):
                stale.unlink(missing_ok=True)
    best = dict(results[0])
    best["ms"] = statistics.median(r["ms"] for r in results)
    best["peak_mb"] = max(r["peak_mb"] for r in results)
    best["polled_peak_mb"] = max(r["polled_peak_mb"] for r in results)
    return best


def measure_import_csv(args: Namespace) -> dict:
    """Time and peak memory of importing one generated export, ours against the baseline."""
    lines, customers = args.lines, args.customers
    seed, repeat = args.seed, max(args.repeat, 1)
    quarter_lines = max(lines // 4, 1)
    with _data_dir(args) as folder:
        _log(f"import_csv: {lines:,} lines, {customers:,} customers")
        csv = _export(folder, lines, customers, seed)
        quarter_csv = _export(folder, quarter_lines, customers, seed)
        ours = _runs("import_ours", csv, folder, repeat)
        baseline = _runs("import_baseline", csv, folder, repeat)
        quarter = _runs("import_ours", quarter_csv, folder, repeat)
        duck = _runs("import_duckdb", _utf8_copy(csv), folder, repeat)
        file_mb = csv.stat().st_size / MB
        quarter_file_mb = quarter_csv.stat().st_size / MB
    return {
        "name": "import_csv",
        "lines": lines,
        "customers": customers,
        "ours_ms": round(ours["ms"], 1),
        "baseline_ms": round(baseline["ms"], 1),
        "ratio": round(baseline["ms"] / ours["ms"], 2),
        "duckdb_ms": round(duck["ms"], 1),
        "ratio_to_duckdb": round(ours["ms"] / duck["ms"], 2),
        "ours_cpu_ms": ours["cpu_ms"],
        "duckdb_cpu_ms": duck["cpu_ms"],
        "cpu_ratio_to_duckdb": round(ours["cpu_ms"] / duck["cpu_ms"], 2),
        "duckdb_peak_mb": duck["peak_mb"],
        "duckdb_rows_read": duck["rows_read"],
        "ours_peak_mb": ours["peak_mb"],
        "baseline_peak_mb": baseline["peak_mb"],
        "memory_ratio": round(baseline["peak_mb"] / ours["peak_mb"], 2),
        "file_mb": round(file_mb, 1),
        "ours_peak_per_file_mb": round(ours["peak_mb"] / file_mb, 2),
        "baseline_peak_per_file_mb": round(baseline["peak_mb"] / file_mb, 2),
        "ours_startup_mb": ours["startup_mb"],
        "baseline_startup_mb": baseline["startup_mb"],
        "ours_polled_peak_mb": ours["polled_peak_mb"],
        "baseline_polled_peak_mb": baseline["polled_peak_mb"],
        "ours_process_ms": ours["process_ms"],
        "baseline_process_ms": baseline["process_ms"],
        "quarter_lines": quarter_lines,
        "quarter_file_mb": round(quarter_file_mb, 1),
        "ours_quarter_ms": round(quarter["ms"], 1),
        "ours_quarter_peak_mb": quarter["peak_mb"],
        "ours_rows_loaded": ours["rows_loaded"],
        "ours_rows_rejected": ours["rows_rejected"],
        "baseline_rows_loaded": baseline["rows_loaded"],
        "baseline_rows_rejected": baseline["rows_rejected"],
        "ours_revenue_loaded": ours["revenue_loaded"],
        "baseline_revenue_loaded": baseline["revenue_loaded"],
        "ours_db_mb": ours["db_mb"],
        "baseline_db_mb": baseline["db_mb"],
        "ours_stages": ours["stages"],
        "baseline_stages": baseline["stages"],
        "repeat": repeat,
    }
