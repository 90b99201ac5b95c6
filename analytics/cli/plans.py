"""Command line of customer plans: `plans`, `plans import`, `plans roll-forward`,
`board` and `review` (registered by `analytics.cli`).

    python -m analytics plans import FILE --db PATH [--profile NAME] [--json]
    python -m analytics plans --db PATH --json
    python -m analytics plans roll-forward --quarter 2027-Q1 --db PATH
    python -m analytics board --db PATH --week 2027-W03 --json
    python -m analytics review --db PATH --quarter 2027-Q1 [--decision NAME] --json
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from analytics.cli.common import Stop as _Stop
from analytics.cli.common import dataset as _dataset
from analytics.cli.common import fail as _fail
from analytics.cli.common import print_json as _print_json
from analytics.ingest.errors import printable
from analytics.money import plain_amount
from analytics.store import Store

__all__ = ["add_parsers"]


def _where(parser: argparse.ArgumentParser, *, suppress: bool = False) -> None:
    """--db and --dataset; in a sub-command without defaults, so that the same option
    given before the sub-command is kept."""
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument("--db", type=Path, default=default, help="database file")
    parser.add_argument("--dataset", default=default, help="data set name (default: the newest)")
    parser.add_argument("--json", action="store_true", default=default if suppress else False)


def add_parsers(sub: argparse._SubParsersAction) -> None:
    """Add `plans` (with `import` and `roll-forward`), `board` and `review` to `sub`."""
    plans = sub.add_parser("plans", help="customer plans: list, import from Excel/CSV")
    _where(plans)
    plans.add_argument("--archived", action="store_true", help="list archived plans too")
    plans.set_defaults(handler=_plans, action=None)
    actions = plans.add_subparsers(dest="action")
    imp = actions.add_parser("import", help="account plans, one row per activity")
    imp.add_argument("file", type=Path, metavar="FILE")
    _where(imp, suppress=True)
    imp.add_argument("--sheet", default=None, help="spreadsheet sheet to read")
    imp.add_argument("--by", default=None, help="who imports (kept in the history)")
    imp.add_argument(
        "--profile", default=None, help="saved import profile (default: one saved for the headers)"
    )
    roll = actions.add_parser("roll-forward", help="close ended goals, set the next ones")
    roll.add_argument("--quarter", required=True, help="the quarter that ends, e.g. 2027-Q1")
    _where(roll, suppress=True)
    roll.add_argument("--by", default=None, help="who rolls forward (kept in the history)")

    board = sub.add_parser("board", help="the weekly check-in board and scoreboard")
    _where(board)
    board.add_argument("--week", default=None, help="ISO week YYYY-Www (default: this week)")
    board.set_defaults(handler=_board)

    review = sub.add_parser("review", help="the quarterly review, wins first")
    _where(review)
    review.add_argument("--quarter", required=True, help="e.g. 2027-Q1")
    review.add_argument("--decision", default=None, help="a saved decision: tier and rank moves")
    review.set_defaults(handler=_review)


def _computed(args: argparse.Namespace, compute: Callable[[Store, str], Any], *, what: str = ""):
    """`compute(store, data set name)` for the data set the options name; a ValueError
    (an IngestError too) becomes the command's one-line error, prefixed by `what`."""
    with _dataset(args) as (store, dataset_id):
        name = str(store.scalar("select name from datasets where dataset_id = ?", [dataset_id]))
        try:
            return compute(store, name)
        except ValueError as exc:
            raise _Stop(f"{what}{exc}") from exc


def _printed_json(args: argparse.Namespace, result: object) -> bool:
    """Print `result` as JSON when `--json` asks for it; whether it did."""
    if args.json:
        _print_json(result)
    return bool(args.json)


def _amount(value: object) -> str:
    return "-" if value is None else plain_amount(value)


def _progress(actual: object, target: object, status: str) -> str:
    """`actual of target (status)`, the amounts as plain text (`-` when unknown)."""
    return f"{_amount(actual)} of {_amount(target)} ({status})"


def _plans(args: argparse.Namespace) -> int:
    if args.action == "import":
        return _import(args)
    if args.action == "roll-forward":
        return _roll_forward(args)
    from analytics.plan_tables import plan_listing

    listed = _computed(args, lambda store, name: plan_listing(store, dataset=name))
    if _printed_json(args, listed):
        return 0
    for plan in listed:
        print(f"{printable(plan['customer_id'])}: {len(plan['goals'])} goals, "
              f"{len(plan['activities'])} activities")  # fmt: skip
        for act in plan["activities"]:
            print(f"  {act['due'] or '-':<10} {act['status']:<11} "
                  f"{printable(act['owner'] or '-'):<14} {printable(act['title'])}")  # fmt: skip
    return 0


def _import(args: argparse.Namespace) -> int:
    from analytics.plan_import import import_plans

    if not args.file.is_file():
        return _fail(f"{args.file}: no such file")
    report = _computed(
        args,
        lambda store, name: import_plans(
            store,
            args.file,
            dataset=name,
            sheet=args.sheet,
            by=args.by,
            profile=args.profile,
        ),
        what=f"{args.file.name}: ",
    )
    if _printed_json(args, report.to_json()):
        return 0
    print(
        f"{printable(args.file.name)}: {report.rows_loaded} of {report.rows_read} rows used, "
        f"{report.rows_rejected} rejected; {report.plans_created} plans, "
        f"{report.activities_created} activities created, {report.activities_updated} updated"
    )
    for row in report.rejected:
        print(f"  line {row['line_no']}: {row['reason']} {printable(row['value'] or '')}".rstrip())
    return 0


def _roll_forward(args: argparse.Namespace) -> int:
    from analytics.review import roll_forward

    done = _computed(
        args,
        lambda store, name: roll_forward(store, dataset=name, quarter=args.quarter, by=args.by),
    )
    if not _printed_json(args, done):
        print(f"{len(done['closed'])} goals closed, {len(done['created'])} set for the next "
              f"period, {len(done['carried'])} open activities carried")  # fmt: skip
    return 0


def _board(args: argparse.Namespace) -> int:
    from analytics.board import board, week_of

    week = args.week or week_of(date.today())
    shown = _computed(
        args, lambda store, name: board(store, dataset=name, week=week, now=datetime.now())
    )
    if _printed_json(args, shown):
        return 0
    state = "recorded" if shown["recorded"] else "live"
    print(f"week {shown['week']} ({shown['start']} to {shown['end']}, {state}); "
          f"actuals to {shown['as_of'] or '-'}")  # fmt: skip
    for section in ("overdue", "due", "done"):
        print(f"{section}: {len(shown[section])}")
        for act in shown[section]:
            print(f"  {act['due'] or '-':<10} {printable(act['owner'] or '-'):<14} "
                  f"{printable(act['customer_id'])}  {printable(act['title'])}")  # fmt: skip
    for person in shown["people"]:
        print(f"{printable(person['person'])}: {person['done']} of {person['promised']} done, "
              f"{person['overdue']} overdue ({person['status'] or '-'})")  # fmt: skip
    for row in shown["scoreboard"]:
        status = row["status"] or "no goal"
        progress = _progress(row["actual_revenue"], row["target_revenue"], status)
        print(f"{printable(row['customer_id'])}: revenue {progress}")
    return 0


def _review(args: argparse.Namespace) -> int:
    from analytics.review import quarterly_review

    shown = _computed(
        args,
        lambda store, name: quarterly_review(
            store, dataset=name, quarter=args.quarter, decision=args.decision
        ),
    )
    if _printed_json(args, shown):
        return 0
    print(f"{shown['quarter']} ({shown['start']} to {shown['end']}); actuals to "
          f"{shown['as_of'] or '-'}")  # fmt: skip
    for win in shown["wins"]:
        print(f"win: {printable(win['customer_id'])} {win['win']}: {printable(win['title'])}")
    for row in shown["customers"]:
        print(f"{printable(row['customer_id'])}: {len(row['activities_done'])} activities "
              f"done, {row['activities_open']} open")  # fmt: skip
        for goal in row["goals"]:
            progress = _progress(goal["actual"], goal["target"], goal["status"])
            print(f"  {goal['kind']} {printable(goal['title'])}: {progress}")
    return 0
