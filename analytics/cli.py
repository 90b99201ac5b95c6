"""Command line: `python -m analytics import|customers|demo ...` for scripted imports.

Exit codes: 0 when the command did its work, 2 with a one-line message on stderr when
nothing could be loaded or the input was wrong.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import duckdb

from analytics.ingest.errors import IngestError
from analytics.store import Store, default_db_path

__all__ = ["main"]

DEFAULT_DATASET = "Standard"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analytics", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    imp = sub.add_parser("import", help="import sales export files")
    imp.add_argument("files", nargs="+", type=Path, metavar="FILE")
    imp.add_argument("--db", type=Path, default=None, help="database file (default: $KUNDFOKUS_DB)")
    imp.add_argument("--dataset", default=DEFAULT_DATASET, help="data set name")
    imp.add_argument("--profile", default=None, help="saved import profile to use")
    sheets = imp.add_mutually_exclusive_group()
    sheets.add_argument("--sheet", default=None, help="spreadsheet sheet to read")
    sheets.add_argument(
        "--all-sheets", action="store_true", help="stack all sheets with the same header"
    )
    imp.add_argument(
        "--replace-overlap", action="store_true", help="replace lines in the file's period"
    )
    imp.add_argument("--customers", action="store_true", help="the files are customer master files")
    imp.add_argument("--json", action="store_true", help="print one JSON object per file")

    cus = sub.add_parser("customers", help="per-customer revenue, margin, invoices, dates")
    cus.add_argument("--db", type=Path, default=None)
    cus.add_argument("--dataset", default=None, help="data set name (default: the newest)")
    fmt = cus.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true")
    fmt.add_argument("--csv", action="store_true")

    demo = sub.add_parser("demo", help="write the demo company's export files")
    demo.add_argument("--out", type=Path, default=Path("data"))
    return parser


def _fail(message: str) -> int:
    """Print one line on stderr (whatever the message holds) and return exit code 2."""
    print("error: " + " ".join(message.split()), file=sys.stderr)
    return 2


def _open_store(path: Path) -> Store | None:
    """The store at `path`, or None after a one-line message when it cannot be opened
    (another process holds the file, or it is not a database).
    """
    try:
        return Store(path)
    except (duckdb.Error, OSError) as exc:
        _fail(f"{path}: the database cannot be opened ({exc})")
        return None


def _import(args: argparse.Namespace) -> int:
    from analytics.ingest.pipeline import import_customers, import_sales

    store = _open_store(args.db or default_db_path())
    if store is None:
        return 2
    loaded = 0
    try:
        for path in args.files:
            if not path.is_file():
                _fail(f"{path}: no such file")
                continue
            try:
                if args.customers:
                    report = import_customers(store, path, dataset=args.dataset, sheet=args.sheet)
                else:
                    report = import_sales(
                        store,
                        path,
                        dataset=args.dataset,
                        profile=args.profile,
                        sheet=args.sheet,
                        all_sheets=args.all_sheets,
                        replace_overlap=args.replace_overlap,
                    )
            except IngestError as exc:
                _fail(f"{path.name}: {exc}")
                continue
            except Exception as exc:  # the command line never shows a traceback
                _fail(f"{path.name}: the import failed ({type(exc).__name__}: {exc})")
                continue
            loaded += 1
            if args.json:
                print(json.dumps(report.to_json(), ensure_ascii=False))
            else:
                print(
                    f"{path.name}: {report.rows_loaded} of {report.rows_read} rows loaded, "
                    f"{report.rows_rejected} rejected; revenue loaded {report.revenue_loaded:.2f}, "
                    f"rejected {report.revenue_rejected:.2f}"
                )
                for warning in report.warnings:
                    print(f"  warning: {warning['message']}")
    finally:
        store.close()
    return 0 if loaded == len(args.files) else 2


def _customers(args: argparse.Namespace) -> int:
    path = args.db or default_db_path()
    if not Path(path).exists():
        return _fail(f"{path}: no database")
    store = _open_store(path)
    if store is None:
        return 2
    try:
        if args.dataset:
            dataset_id = store.dataset_id(args.dataset)
        else:
            newest = store.datasets()
            dataset_id = None if newest.is_empty() else int(newest["dataset_id"][0])
        if dataset_id is None:
            return _fail("no such data set")
        table = store.customer_summary(dataset_id)
    finally:
        store.close()
    if args.json:
        print(json.dumps(table.to_dicts(), ensure_ascii=False, default=str))
    elif args.csv:
        sys.stdout.write(table.write_csv())
    else:
        print(table)
    return 0


def _demo(args: argparse.Namespace) -> int:
    from analytics.demo import write_demo_files

    totals = write_demo_files(args.out)
    print(f"wrote {totals['rows']} lines for {totals['customers']} customers to {args.out}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    handlers = {"import": _import, "customers": _customers, "demo": _demo}
    return handlers[args.command](args)
