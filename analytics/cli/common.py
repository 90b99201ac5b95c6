"""What every command of the command line shares: the options naming a database, a data
set and a period, opening them, parsing weights, and printing errors and JSON.

Exit codes: `fail` prints one line on stderr and returns 2; `Stop` is raised where a
return is out of reach, and `main` turns it into the same line and code.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from analytics.ingest.errors import printable
from analytics.money import json_amount
from analytics.store import Store, default_db_path, lock_holder

if TYPE_CHECKING:
    import polars as pl

    from analytics.metrics import Period

__all__ = [
    "DATASET_HELP",
    "DB_HELP",
    "DEFAULT_DATASET",
    "PERIOD_HELP",
    "DatabaseBusy",
    "Handler",
    "Stop",
    "app_holds",
    "assumed_margin_option",
    "currency_of",
    "data_options",
    "dataset",
    "existing_store",
    "fail",
    "find_workshop",
    "finite",
    "finite_json",
    "iso_date",
    "newest_or_named",
    "open_store",
    "parse_tiers",
    "parse_weights",
    "period_json",
    "period_metrics",
    "positive_int",
    "print_json",
    "resolved_period",
    "workshop_options",
]

DEFAULT_DATASET = "Standard"
DB_HELP = "database file (default: $KUNDFOKUS_DB)"
PERIOD_HELP = "all, 12m (ending at the last invoice) or FROM:TO"
DATASET_HELP = "data set name (default: the newest)"
_JSON_CONTROL = {code: f"\\u{code:04x}" for code in range(0x7F, 0xA0)}

Handler = Callable[[argparse.Namespace], int]
"""A command: the parsed arguments in, the exit code out."""


class Stop(Exception):
    """A one-line error for the command line; `main` prints it and exits with 2."""


class DatabaseBusy(Stop):
    """Another process holds the database file: `pid` (0 when DuckDB does not say), and
    whether it is the running app that watches `inbox` (so `import` can hand over)."""

    def __init__(self, path: Path, pid: int, *, app: bool) -> None:
        holder = f"PID {pid}" if pid else "PID unknown"
        if app:
            # Only `import` is handed over to the app (analytics.cli.handover). A read
            # command would have the app run it and leave customer data in the inbox
            # folder, which an ERP export may share; the app's pages show and download
            # the same figures, and stopping the app for a moment frees the file.
            text = (
                f"{path}: the database cannot be opened: the running Kundfokus app "
                f"({holder}) holds it; read the figures in the app (its tables download), "
                "or stop the app and run this command again (import hands files to the app)"
            )
        else:
            text = (
                f"{path}: the database cannot be opened: another process ({holder}) holds "
                "it; run this command again when that process has finished"
            )
        super().__init__(text)
        self.path, self.pid, self.app = path, pid, app


def data_options(
    parser: argparse.ArgumentParser, *, dataset: bool = True, period: bool = False
) -> None:
    """Add `--db`, and `--dataset` (default: the newest) and `--period` (default 12m)
    where asked for: the options of every command that reads one data set.
    """
    parser.add_argument("--db", type=Path, default=None, help=DB_HELP)
    if dataset:
        parser.add_argument("--dataset", default=None, help=DATASET_HELP)
    if period:
        parser.add_argument("--period", default="12m", help=PERIOD_HELP)


def assumed_margin_option(parser: argparse.ArgumentParser) -> None:
    """Add `--assumed-margin`: the margin share to count with where the export has no cost."""
    parser.add_argument(
        "--assumed-margin",
        type=float,
        default=None,
        help="margin as a share of revenue (0-1) where the export has no cost",
    )


def workshop_options(parser: argparse.ArgumentParser, *, participant: bool = False) -> None:
    """`--db` and `--workshop` (and `--participant`): which workshop (and who)."""
    parser.add_argument("--db", type=Path, default=None, help=DB_HELP)
    parser.add_argument("--workshop", required=True, help="workshop name")
    if participant:
        parser.add_argument("--participant", required=True, help="the participant's name")


def fail(message: str) -> int:
    """Print one line on stderr (whatever the message holds, its control characters
    shown as escapes) and return exit code 2.
    """
    print("error: " + " ".join(printable(message).split()), file=sys.stderr)
    return 2


def finite_json(value: object) -> object:
    """`value` with every float that is not finite (NaN, ±infinity) replaced by None, in
    nested dicts and lists too: JSON has no such numbers.
    """
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, Decimal):
        # An exact amount is written as a number, never as text.
        return json_amount(value)
    if isinstance(value, dict):
        return {k: finite_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [finite_json(v) for v in value]
    return value


def print_json(value: object) -> None:
    """Print `value` as one line of valid JSON (no `NaN` or `Infinity`; dates and other
    values JSON does not know as text).
    """
    text = json.dumps(finite_json(value), ensure_ascii=False, allow_nan=False, default=str)
    # JSON escapes C0 control characters itself; DEL and C1 (a terminal may act on them)
    # are escaped here too.
    print(text.translate(_JSON_CONTROL))


def period_json(period: Period) -> dict[str, str]:
    """A period as JSON: `{"from": "YYYY-MM-DD", "to": "YYYY-MM-DD"}`."""
    return {"from": period.start.isoformat(), "to": period.end.isoformat()}


def finite(option: str, value: float) -> float:
    """`value` when it is a finite number; raises `Stop` naming `option` otherwise."""
    if not math.isfinite(value):
        msg = f"{option} must be a finite number, got {value!r}"
        raise Stop(msg)
    return value


def positive_int(text: str) -> int:
    """An argparse type: a whole number of at least 1."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        msg = f"expected a whole number of at least 1, got {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return value


def iso_date(option: str, text: str | None) -> date | None:
    """`text` as a date (None stays None); raises `Stop` naming `option` otherwise."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        msg = f"{option} expects a date such as 1990-01-01, got {text!r}"
        raise Stop(msg) from None


def parse_tiers(text: str) -> tuple[float, float]:
    """`0.2,0.3` → (0.2, 0.3): the shares of customers in tier A and in tier B."""
    try:
        a_share, b_share = (float(part) for part in text.split(","))
        if not (math.isfinite(a_share) and math.isfinite(b_share)):
            raise ValueError
    except ValueError:
        msg = f"--tiers expects two fractions such as 0.2,0.3, got {text!r}"
        raise ValueError(msg) from None
    return a_share, b_share


def parse_weights(text: str) -> dict[str, float]:
    """`revenue=30,gross_margin=50` → {"revenue": 30.0, "gross_margin": 50.0}; raises
    ValueError for a part without `=` or a value that is not a finite number.
    """
    weights: dict[str, float] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        key, sep, value = part.partition("=")
        try:
            weights[key.strip()] = float(value)
        except ValueError:
            sep = ""
        if sep and not math.isfinite(weights[key.strip()]):
            msg = f"A weight must be a finite number; cannot use {part!r}."
            raise ValueError(msg)
        if not sep:
            msg = f"Weights look like revenue=30,gross_margin=50; cannot read {part!r}."
            raise ValueError(msg)
    return weights


def open_store(path: Path) -> Store:
    """The store at `path`; raises `Stop` when it cannot be opened (another process
    holds the file, or it is not a database).
    """
    try:
        return Store(path)
    except (duckdb.Error, OSError) as exc:
        pid = lock_holder(exc)
        if pid is not None:
            raise DatabaseBusy(path, pid, app=app_holds(path, pid)) from exc
        msg = f"{path}: the database cannot be opened ({exc})"
        raise Stop(msg) from exc


def app_holds(path: Path, pid: int, inbox: Path | None = None) -> bool:
    """Whether process `pid` (0: unknown) is the running app, watching `inbox` (default:
    the database's inbox) for this database."""
    from analytics.inbox import inbox_folder, watcher_pid

    folder = inbox_folder(path, inbox)
    watcher = None if folder is None else watcher_pid(folder, path)
    return watcher is not None and pid in {0, watcher}


@contextmanager
def existing_store(args: argparse.Namespace) -> Iterator[Store]:
    """The existing store at `--db`, closed afterwards; raises `Stop` when missing."""
    path = args.db or default_db_path()
    if not Path(path).exists():
        msg = f"{path}: no database"
        raise Stop(msg)
    store = open_store(path)
    try:
        yield store
    finally:
        store.close()


def newest_or_named(store: Store, name: str | None) -> int | None:
    """The id of the data set `name`, or of the newest one when `name` is empty."""
    if name:
        return store.dataset_id(name)
    newest = store.datasets()
    return None if newest.is_empty() else int(newest["dataset_id"][0])


@contextmanager
def dataset(args: argparse.Namespace) -> Iterator[tuple[Store, int]]:
    """The existing store at `--db` and the id of `--dataset` (default: the newest data
    set), closed afterwards; raises `Stop` when either is missing.
    """
    with existing_store(args) as store:
        dataset_id = newest_or_named(store, args.dataset)
        if dataset_id is None:
            msg = "no such data set"
            raise Stop(msg)
        yield store, dataset_id


def currency_of(args: argparse.Namespace) -> str:
    """The currency of the data set `--dataset` names (see `dataset`)."""
    with dataset(args) as (store, dataset_id):
        return store.currency(dataset_id)


def resolved_period(store: Store, dataset_id: int, spec: str) -> Period:
    """The period `spec` of a data set; raises `Stop` without lines or for a bad spec."""
    from analytics.metrics import data_bounds, resolve_period

    bounds = data_bounds(store, dataset_id=dataset_id)
    if bounds is None:
        msg = "the data set has no sales lines"
        raise Stop(msg)
    try:
        return resolve_period(spec, first=bounds[0], last=bounds[1])
    except ValueError as exc:
        raise Stop(str(exc)) from exc


def period_metrics(args: argparse.Namespace) -> tuple[Period, pl.DataFrame]:
    """The period chosen by `--period` and the customer metrics over it."""
    from analytics.metrics import customer_metrics

    with dataset(args) as (store, dataset_id):
        period = resolved_period(store, dataset_id, args.period)
        return period, customer_metrics(store, dataset_id=dataset_id, period=period)


def find_workshop(store: Store, name: str) -> dict:
    """The workshop called `name`; raises `Stop` when there is none."""
    from analytics.workshop import find_workshop

    found = find_workshop(store, name=name)
    if found is None:
        msg = f"no workshop called {name!r}"
        raise Stop(msg)
    return found
