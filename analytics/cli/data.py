"""`import`, `customers`, `demo` and `prepare`: loading exports, listing customers,
writing the demo company's files, and importing them into a new database.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from analytics.cli import common
from analytics.ingest.errors import IngestError, printable
from analytics.money import json_amount, plain_amount
from analytics.store import default_db_path

if TYPE_CHECKING:
    from analytics.ingest.report import ImportReport
    from analytics.store import Store

__all__ = ["add_parsers", "print_report"]


def add_parsers(sub: argparse._SubParsersAction) -> None:
    """`import`, `customers`, `demo`, `prepare`."""
    _import_parser(sub)
    cus = sub.add_parser("customers", help="per-customer revenue, margin, invoices, dates")
    common.data_options(cus)
    fmt = cus.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true")
    fmt.add_argument("--csv", action="store_true")
    cus.set_defaults(handler=_customers)

    demo = sub.add_parser("demo", help="write the demo company's export files")
    demo.add_argument("--out", type=Path, default=Path("data"))
    demo.set_defaults(handler=_demo)

    prepare = sub.add_parser(
        "prepare",
        help="create the database and, when it holds no data set, import the demo company "
        "(make run does it before the server starts)",
    )
    prepare.add_argument("--db", type=Path, help="the database (default: $KUNDFOKUS_DB)")
    prepare.set_defaults(handler=_prepare)


def _import_parser(sub: argparse._SubParsersAction) -> None:
    imp = sub.add_parser("import", help="import sales export files")
    imp.add_argument("files", nargs="+", type=Path, metavar="FILE")
    imp.add_argument("--db", type=Path, default=None, help=common.DB_HELP)
    imp.add_argument("--dataset", default=common.DEFAULT_DATASET, help="data set name")
    imp.add_argument("--profile", default=None, help="saved import profile to use")
    sheets = imp.add_mutually_exclusive_group()
    sheets.add_argument("--sheet", default=None, help="spreadsheet sheet to read")
    sheets.add_argument(
        "--all-sheets", action="store_true", help="stack all sheets with the same header"
    )
    imp.add_argument(
        "--replace-overlap", action="store_true", help="replace lines in the file's period"
    )
    imp.add_argument(
        "--earliest-date",
        default=None,
        metavar="YYYY-MM-DD",
        help="reject invoice dates before this day "
        "(default: $KUNDFOKUS_EARLIEST_DATE or 1990-01-01)",
    )
    imp.add_argument(
        "--latest-date",
        default=None,
        metavar="YYYY-MM-DD",
        help="reject invoice dates after this day "
        "(default: today + $KUNDFOKUS_DAYS_AHEAD or 365 days)",
    )
    imp.add_argument(
        "--currency",
        default=None,
        metavar="CODE",
        help="currency of amounts the file does not label (ISO code, e.g. SEK, EUR; "
        "default: the data set's, for a new one SEK)",
    )
    imp.add_argument("--customers", action="store_true", help="the files are customer master files")
    imp.add_argument("--json", action="store_true", help="print one JSON object per file")
    imp.add_argument(
        "--inbox",
        type=Path,
        default=None,
        help="while the app holds the database, hand the files to it through this folder "
        "(default: $KUNDFOKUS_INBOX, else the folder inbox beside the database)",
    )
    imp.add_argument(
        "--wait",
        type=common.positive_int,
        default=900,
        metavar="SECONDS",
        help="how long to wait for the running app's report of each file (default 900)",
    )
    imp.set_defaults(handler=_import)


def _import(args: argparse.Namespace) -> int:
    options = {
        "dataset": args.dataset,
        "profile": args.profile,
        "sheet": args.sheet,
        "all_sheets": args.all_sheets,
        "replace_overlap": args.replace_overlap,
        "earliest_date": common.iso_date("--earliest-date", args.earliest_date),
        "latest_date": common.iso_date("--latest-date", args.latest_date),
        "currency": _currency_arg(args.currency),
        "customers": args.customers,
    }
    db = args.db or default_db_path()
    try:
        store = common.open_store(db)
    except common.DatabaseBusy as busy:
        # The running app holds the file: it imports the files for us.
        if not common.app_holds(db, busy.pid, args.inbox):
            raise
        from analytics.cli.handover import hand_over

        return hand_over(args, db=db, pid=busy.pid, options=options)
    loaded = 0
    try:
        for path in args.files:
            if not path.is_file():
                common.fail(f"{path}: no such file")
                continue
            loaded += _import_file(store, path, options=options, as_json=args.json)
    finally:
        store.close()
    return 0 if loaded == len(args.files) else 2


def _import_file(store: Store, path: Path, *, options: dict, as_json: bool) -> int:
    """Import one file and print its report; 1 when it was loaded, 0 (after printing the
    error) when not.
    """
    from analytics.inbox import import_one

    try:
        report = import_one(store, path, options=options)
    except IngestError as exc:
        common.fail(f"{path.name}: {exc}")
        return 0
    except Exception as exc:  # the command line never shows a traceback
        common.fail(f"{path.name}: the import failed ({type(exc).__name__}: {exc})")
        return 0
    print_report(report, name=path.name, as_json=as_json)
    return 1


def print_report(report: ImportReport, *, name: str, as_json: bool) -> None:
    """An import's report as the command line prints it: one JSON object, or a line
    with the counts and amounts and one line per warning."""
    if as_json:
        common.print_json(report.to_json())
        return
    print(
        f"{printable(name)}: {report.rows_loaded} of {report.rows_read} rows "
        f"loaded, {report.rows_rejected} rejected; revenue loaded "
        f"{plain_amount(report.revenue_loaded)} {report.currency}, rejected "
        f"{plain_amount(report.revenue_rejected)} {report.currency}"
    )
    for warning in report.warnings:
        print(f"  warning: {printable(warning['message'])}")


def _currency_arg(text: str | None) -> str | None:
    """`--currency`: an ISO code (or `€`, `kr`, …) as its upper-case code."""
    if text is None:
        return None
    from analytics.money import currency_code

    code = currency_code(text)
    if code is None:
        msg = f"--currency expects a currency code such as SEK or EUR, got {text!r}"
        raise common.Stop(msg)
    return code


def _customers(args: argparse.Namespace) -> int:
    import polars as pl

    from analytics.export import neutralise_formulas

    with common.dataset(args) as (store, dataset_id):
        table = store.customer_summary(dataset_id)
        currency = store.currency(dataset_id)
    # The amounts' currency in a column of its own (CSV, text) and a key (JSON).
    table = table.with_columns(pl.lit(currency).alias("currency"))
    if args.json:
        rows = [
            {
                **row,
                "revenue": json_amount(row["revenue"]),
                "gross_margin": json_amount(row["gross_margin"]),
            }
            for row in table.to_dicts()
        ]
        common.print_json(rows)
    elif args.csv:
        # The same protection as the app's downloads: a name like =HYPERLINK(...) stays text.
        sys.stdout.write(neutralise_formulas(table).write_csv())
    else:
        text = pl.col(pl.String).map_elements(printable, return_dtype=pl.String)
        # Every column and the whole name: a table cut short would hide what is printed.
        with pl.Config(tbl_cols=-1, tbl_rows=-1, fmt_str_lengths=200, tbl_width_chars=400):
            print(table.with_columns(text))
    return 0


def _demo(args: argparse.Namespace) -> int:
    from demo_company import write_demo_files

    totals = write_demo_files(args.out)
    print(f"wrote {totals['rows']} lines for {totals['customers']} customers to {args.out}")
    return 0


def _prepare(args: argparse.Namespace) -> int:
    from analytics.demo_data import DEMO_DATASET, ensure_demo

    path = args.db or default_db_path()
    store = common.open_store(path)
    try:
        if ensure_demo(store):
            print(f"{path}: the demo company {DEMO_DATASET!r} is ready")
        else:
            print(f"{path}: ready")
    finally:
        store.close()
    return 0
