"""Command line: `python -m analytics import|customers|demo ...` for scripted imports.

Exit codes: 0 when the command did its work, 2 with a one-line message on stderr when
nothing could be loaded or the input was wrong.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from analytics import cli_profit
from analytics.ingest.errors import IngestError, printable
from analytics.money import json_amount, plain_amount
from analytics.store import Store, default_db_path

if TYPE_CHECKING:
    import polars as pl

    from analytics.metrics import Period

__all__ = ["main"]

DEFAULT_DATASET = "Standard"
_JSON_CONTROL = {code: f"\\u{code:04x}" for code in range(0x7F, 0xA0)}


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

    cus = sub.add_parser("customers", help="per-customer revenue, margin, invoices, dates")
    cus.add_argument("--db", type=Path, default=None)
    cus.add_argument("--dataset", default=None, help="data set name (default: the newest)")
    fmt = cus.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true")
    fmt.add_argument("--csv", action="store_true")

    score = sub.add_parser("score", help="the ranked focus list for given weights")
    score.add_argument("--db", type=Path, default=None)
    score.add_argument("--dataset", default=None, help="data set name (default: the newest)")
    score.add_argument(
        "--period", default="12m", help="all, 12m (ending at the last invoice) or FROM:TO"
    )
    score.add_argument(
        "--weights", default=None, help="key=value,... (default: the standard weights)"
    )
    score.add_argument("--method", default="rank", choices=["rank", "log"], help="normalisation")
    score.add_argument(
        "--tiers",
        default="0.2,0.3",
        help="shares of customers in tier A and in tier B, as fractions (default 0.2,0.3)",
    )
    score.add_argument("--top", type=_positive_int, default=None, help="print only the first N")
    score.add_argument("--json", action="store_true")

    sub.add_parser("criteria", help="list the criteria catalog keys")

    conc = sub.add_parser(
        "concentration", help="profitability versus size: Pareto and whale curve figures"
    )
    conc.add_argument("--db", type=Path, default=None)
    conc.add_argument("--dataset", default=None, help="data set name (default: the newest)")
    conc.add_argument(
        "--period", default="12m", help="all, 12m (ending at the last invoice) or FROM:TO"
    )
    conc.add_argument(
        "--assumed-margin",
        type=float,
        default=None,
        help="margin as a share of revenue (0-1) where the export has no cost",
    )
    conc.add_argument("--json", action="store_true")

    ret = sub.add_parser("retention", help="customer and revenue retention per calendar year")
    ret.add_argument("--db", type=Path, default=None)
    ret.add_argument("--dataset", default=None, help="data set name (default: the newest)")
    ret.add_argument("--json", action="store_true")

    clv = sub.add_parser("clv", help="customer lifetime value: margin × r / (1 + d − r)")
    clv.add_argument("--margin", type=float, required=True, help="annual gross margin")
    clv.add_argument("--retention", type=float, required=True, help="yearly rate, 0–1")
    clv.add_argument("--discount", type=float, default=0.1, help="yearly rate, 0–1")
    clv.add_argument("--json", action="store_true")

    health = sub.add_parser(
        "healthcheck", help='the 14 questions of "Har du koll på dina kunder?", answered'
    )
    health.add_argument("--db", type=Path, default=None)
    health.add_argument("--dataset", default=None, help="data set name (default: the newest)")
    health.add_argument(
        "--period", default="12m", help="all, 12m (ending at the last invoice) or FROM:TO"
    )
    health.add_argument("--lang", default="en", choices=["sv", "en"], help="question texts")
    health.add_argument("--json", action="store_true")

    deck = sub.add_parser("deck", help="the strategy day's slide deck (PowerPoint, 16:9)")
    _take_away_options(deck, suffix=".pptx")
    deck.add_argument("--decision", default=None, help="a saved decision to include")
    deck.add_argument("--top", type=_positive_int, default=10, help="customers on the focus slide")

    pack = sub.add_parser(
        "pack", help="the workshop pack (Excel): scored list, weights, health check"
    )
    _take_away_options(pack, suffix=".xlsx")

    demo = sub.add_parser("demo", help="write the demo company's export files")
    demo.add_argument("--out", type=Path, default=Path("data"))
    _workshop_parsers(sub)
    cli_profit.add_parser(sub)
    from analytics.cli_plans import add_parsers  # plans, board, review

    add_parsers(sub)
    return parser


def _workshop_parsers(sub: argparse._SubParsersAction) -> None:
    """`workshop create|weights|assess`, `consensus`, `stability`, `decision save|compare`."""
    shop = sub.add_parser("workshop", help="create a workshop, save a participant's input")
    shop_sub = shop.add_subparsers(dest="action", required=True)
    create = shop_sub.add_parser("create", help="a workshop for a data set and period")
    create.add_argument("--db", type=Path, default=None)
    create.add_argument("--name", required=True, help="e.g. 'Ledningsgruppen december 2026'")
    create.add_argument("--dataset", default=None, help="data set name (default: the newest)")
    create.add_argument(
        "--period", default="12m", help="all, 12m (ending at the last invoice) or FROM:TO"
    )
    create.add_argument(
        "--top", type=_positive_int, default=20, help="length of each top list (default 20)"
    )
    create.add_argument("--json", action="store_true")
    weights = shop_sub.add_parser("weights", help="save one participant's weights")
    weights.add_argument("--db", type=Path, default=None)
    weights.add_argument("--workshop", required=True, help="workshop name")
    weights.add_argument("--participant", required=True, help="the participant's name")
    weights.add_argument("--weights", required=True, help="key=value,... (any scale)")
    weights.add_argument("--json", action="store_true")
    assess = shop_sub.add_parser("assess", help="save one participant's 1-5 assessments")
    assess.add_argument("--db", type=Path, default=None)
    assess.add_argument("--workshop", required=True, help="workshop name")
    assess.add_argument("--participant", required=True, help="the participant's name")
    assess.add_argument(
        "--file", type=Path, required=True, help="customer column + one column per criterion"
    )
    assess.add_argument("--sheet", default=None, help="spreadsheet sheet to read")
    assess.add_argument("--json", action="store_true")

    cons = sub.add_parser("consensus", help="a workshop's consensus and agreement")
    cons.add_argument("--db", type=Path, default=None)
    cons.add_argument("--workshop", required=True, help="workshop name")
    cons.add_argument(
        "--top", type=_positive_int, default=None, help="top list length (default: the workshop's)"
    )
    cons.add_argument("--json", action="store_true")

    stab = sub.add_parser("stability", help="who is A whatever reasonable weights we choose")
    stab.add_argument("--db", type=Path, default=None)
    source = stab.add_mutually_exclusive_group(required=True)
    source.add_argument("--workshop", default=None, help="the workshop's consensus weights")
    source.add_argument("--weights", default=None, help="key=value,... (any scale)")
    stab.add_argument("--dataset", default=None, help="with --weights (default: the newest)")
    stab.add_argument("--period", default="12m", help="with --weights: all, 12m or FROM:TO")
    stab.add_argument("--samples", type=_positive_int, default=200, help="weight sets drawn")
    stab.add_argument(
        "--spread",
        type=float,
        default=None,
        help="± points around each weight (default: the participants' disagreement, "
        "or 10 with --weights)",
    )
    stab.add_argument("--seed", type=int, default=0, help="the same seed gives the same answer")
    stab.add_argument(
        "--customer", default=None, help="also the single-weight changes that move this one"
    )
    stab.add_argument("--json", action="store_true")

    dec = sub.add_parser("decision", help="save a decision, compare a later state with it")
    dec_sub = dec.add_subparsers(dest="action", required=True)
    save = dec_sub.add_parser("save", help="save the workshop's consensus as a decision")
    save.add_argument("--db", type=Path, default=None)
    save.add_argument("--workshop", required=True, help="workshop name")
    save.add_argument("--name", required=True, help="e.g. 'Fokuslista 2027'")
    save.add_argument("--notes", default="", help="free text kept with the decision")
    save.add_argument("--json", action="store_true")
    comp = dec_sub.add_parser("compare", help="the data or weights now against a decision")
    comp.add_argument("--db", type=Path, default=None)
    comp.add_argument("--name", required=True, help="the decision's name")
    comp.add_argument("--weights", default=None, help="key=value,... (default: the decision's)")
    comp.add_argument("--json", action="store_true")


def _take_away_options(parser: argparse.ArgumentParser, *, suffix: str) -> None:
    """The options the deck and the workshop pack share: which data, which file, which
    language, masked names, weights and period."""
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--dataset", default=None, help="data set name (default: the newest)")
    parser.add_argument("--out", type=Path, required=True, help=f"the {suffix} file to write")
    parser.add_argument("--lang", default="sv", choices=["sv", "en"])
    parser.add_argument(
        "--mask-names", action="store_true", help="pseudonyms (Kund A01 …) instead of names"
    )
    parser.add_argument(
        "--weights", default=None, help="key=value,... (default: the data set's weights)"
    )
    parser.add_argument(
        "--period", default="12m", help="all, 12m (ending at the last invoice) or FROM:TO"
    )


def _fail(message: str) -> int:
    """Print one line on stderr (whatever the message holds, its control characters
    shown as escapes) and return exit code 2.
    """
    print("error: " + " ".join(printable(message).split()), file=sys.stderr)
    return 2


def _finite_json(value: object) -> object:
    """`value` with every float that is not finite (NaN, ±infinity) replaced by None, in
    nested dicts and lists too: JSON has no such numbers.
    """
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, Decimal):
        # An exact amount is written as a number, never as text.
        return json_amount(value)
    if isinstance(value, dict):
        return {k: _finite_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite_json(v) for v in value]
    return value


def _print_json(value: object) -> None:
    """Print `value` as one line of valid JSON (no `NaN` or `Infinity`; dates and other
    values JSON does not know as text).
    """
    text = json.dumps(_finite_json(value), ensure_ascii=False, allow_nan=False, default=str)
    # JSON escapes C0 control characters itself; DEL and C1 (a terminal may act on them)
    # are escaped here too.
    print(text.translate(_JSON_CONTROL))


def _finite(option: str, value: float) -> float:
    """`value` when it is a finite number; raises `_Stop` naming `option` otherwise."""
    if not math.isfinite(value):
        msg = f"{option} must be a finite number, got {value!r}"
        raise _Stop(msg)
    return value


def _positive_int(text: str) -> int:
    """An argparse type: a whole number of at least 1."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        msg = f"expected a whole number of at least 1, got {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return value


class _Stop(Exception):
    """A one-line error for the command line; `main` prints it and exits with 2."""


def _open_store(path: Path) -> Store:
    """The store at `path`; raises `_Stop` when it cannot be opened (another process
    holds the file, or it is not a database).
    """
    try:
        return Store(path)
    except (duckdb.Error, OSError) as exc:
        msg = f"{path}: the database cannot be opened ({exc})"
        raise _Stop(msg) from exc


@contextmanager
def _dataset(args: argparse.Namespace) -> Iterator[tuple[Store, int]]:
    """The existing store at `--db` and the id of `--dataset` (default: the newest data
    set), closed afterwards; raises `_Stop` when either is missing.
    """
    path = args.db or default_db_path()
    if not Path(path).exists():
        msg = f"{path}: no database"
        raise _Stop(msg)
    store = _open_store(path)
    try:
        dataset_id = _dataset_id(store, args.dataset)
        if dataset_id is None:
            msg = "no such data set"
            raise _Stop(msg)
        yield store, dataset_id
    finally:
        store.close()


@contextmanager
def _existing_store(args: argparse.Namespace) -> Iterator[Store]:
    """The existing store at `--db`, closed afterwards; raises `_Stop` when missing."""
    path = args.db or default_db_path()
    if not Path(path).exists():
        msg = f"{path}: no database"
        raise _Stop(msg)
    store = _open_store(path)
    try:
        yield store
    finally:
        store.close()


def _find_workshop(store: Store, name: str) -> dict:
    from analytics.workshop import find_workshop

    found = find_workshop(store, name=name)
    if found is None:
        msg = f"no workshop called {name!r}"
        raise _Stop(msg)
    return found


def _period_metrics(args: argparse.Namespace) -> tuple[Period, pl.DataFrame]:
    """The period chosen by `--period` and the customer metrics over it."""
    from analytics.metrics import customer_metrics, data_bounds, resolve_period

    with _dataset(args) as (store, dataset_id):
        bounds = data_bounds(store, dataset_id=dataset_id)
        if bounds is None:
            msg = "the data set has no sales lines"
            raise _Stop(msg)
        try:
            period = resolve_period(args.period, first=bounds[0], last=bounds[1])
        except ValueError as exc:
            raise _Stop(str(exc)) from exc
        return period, customer_metrics(store, dataset_id=dataset_id, period=period)


def _iso_date(option: str, text: str | None) -> date | None:
    """`text` as a date (None stays None); raises `_Stop` naming `option` otherwise."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        msg = f"{option} expects a date such as 1990-01-01, got {text!r}"
        raise _Stop(msg) from None


def _import(args: argparse.Namespace) -> int:
    from analytics.ingest.pipeline import import_customers, import_sales

    earliest = _iso_date("--earliest-date", args.earliest_date)
    latest = _iso_date("--latest-date", args.latest_date)
    store = _open_store(args.db or default_db_path())
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
                        earliest_date=earliest,
                        latest_date=latest,
                        currency=_currency_arg(args.currency),
                    )
            except IngestError as exc:
                _fail(f"{path.name}: {exc}")
                continue
            except Exception as exc:  # the command line never shows a traceback
                _fail(f"{path.name}: the import failed ({type(exc).__name__}: {exc})")
                continue
            loaded += 1
            if args.json:
                _print_json(report.to_json())
            else:
                print(
                    f"{printable(path.name)}: {report.rows_loaded} of {report.rows_read} rows "
                    f"loaded, {report.rows_rejected} rejected; revenue loaded "
                    f"{plain_amount(report.revenue_loaded)} {report.currency}, rejected "
                    f"{plain_amount(report.revenue_rejected)} {report.currency}"
                )
                for warning in report.warnings:
                    print(f"  warning: {printable(warning['message'])}")
    finally:
        store.close()
    return 0 if loaded == len(args.files) else 2


def _currency_arg(text: str | None) -> str | None:
    """`--currency`: an ISO code (or `€`, `kr`, …) as its upper-case code."""
    if text is None:
        return None
    from analytics.money import currency_code

    code = currency_code(text)
    if code is None:
        msg = f"--currency expects a currency code such as SEK or EUR, got {text!r}"
        raise _Stop(msg)
    return code


def _customers(args: argparse.Namespace) -> int:
    import polars as pl

    from analytics.export import neutralise_formulas

    with _dataset(args) as (store, dataset_id):
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
        _print_json(rows)
    elif args.csv:
        # The same protection as the app's downloads: a name like =HYPERLINK(...) stays text.
        sys.stdout.write(neutralise_formulas(table).write_csv())
    else:
        text = pl.col(pl.String).map_elements(printable, return_dtype=pl.String)
        # Every column and the whole name: a table cut short would hide what is printed.
        with pl.Config(tbl_cols=-1, tbl_rows=-1, fmt_str_lengths=200, tbl_width_chars=400):
            print(table.with_columns(text))
    return 0


def _dataset_id(store: Store, name: str | None) -> int | None:
    if name:
        return store.dataset_id(name)
    newest = store.datasets()
    return None if newest.is_empty() else int(newest["dataset_id"][0])


def _parse_tiers(text: str) -> tuple[float, float]:
    """`0.2,0.3` → (0.2, 0.3): the shares of customers in tier A and in tier B."""
    try:
        a_share, b_share = (float(part) for part in text.split(","))
        if not (math.isfinite(a_share) and math.isfinite(b_share)):
            raise ValueError
    except ValueError:
        msg = f"--tiers expects two fractions such as 0.2,0.3, got {text!r}"
        raise ValueError(msg) from None
    return a_share, b_share


def _parse_weights(text: str) -> dict[str, float]:
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


def _score(args: argparse.Namespace) -> int:
    from analytics.scoring import CRITERIA, DEFAULT_WEIGHTS, score_customers

    period, table = _period_metrics(args)
    try:
        weights = _parse_weights(args.weights) if args.weights else dict(DEFAULT_WEIGHTS)
        tiers = _parse_tiers(args.tiers)
        scored = score_customers(table, weights=weights, method=args.method, tier_shares=tiers)
    except ValueError as exc:
        return _fail(str(exc))
    if args.top is not None:
        scored = scored.head(args.top)
    keys = [c.key for c in CRITERIA if f"contrib_{c.key}" in scored.columns]
    rows = [
        {
            "customer_id": row["customer_id"],
            "customer_name": row["customer_name"],
            "score": round(row["score"], 4),
            "rank": row["rank"],
            "tier": row["tier"],
            "contributions": {k: round(row[f"contrib_{k}"], 4) for k in keys},
        }
        for row in scored.iter_rows(named=True)
    ]
    if args.json:
        result = {
            "period": {"from": period.start.isoformat(), "to": period.end.isoformat()},
            "weights": weights,
            "customers": rows,
        }
        _print_json(result)
    else:
        print(f"period {period.start} to {period.end}; weights {weights}")
        if not rows:
            print("no customer bought in this period; try --period all")
        for row in rows:
            parts = "  ".join(f"{k}={v:.1f}" for k, v in row["contributions"].items())
            print(
                f"{row['rank']:>5} {row['tier']} {row['score']:7.2f}  "
                f"{printable(row['customer_id'])}  {printable(row['customer_name'] or '')}  "
                f"[{parts}]"
            )
    return 0


_CONCENTRATION_KEYS = (
    "customers",
    "customers_for_80pct_revenue",
    "top20pct_share_of_margin",
    "whale_peak",
    "unprofitable_customers",
    "unprofitable_margin",
    "revenue",
    "gross_margin",
    "margin_source",
    "customers_without_margin",
)


def _concentration(args: argparse.Namespace) -> int:
    from analytics.concentration import concentration_summary, with_margin

    if args.assumed_margin is not None:
        _finite("--assumed-margin", args.assumed_margin)
    period, table = _period_metrics(args)
    try:
        summary = concentration_summary(with_margin(table, assumed_margin=args.assumed_margin))
    except ValueError as exc:
        return _fail(str(exc))
    result = {key: summary[key] for key in _CONCENTRATION_KEYS}
    for key in ("unprofitable_margin", "revenue", "gross_margin"):
        result[key] = json_amount(result[key])
    result["currency"] = _currency_of(args)
    if args.json:
        period_json = {"from": period.start.isoformat(), "to": period.end.isoformat()}
        _print_json({"period": period_json, **result})
    else:
        print(f"period {period.start} to {period.end}")
        for key, value in result.items():
            shown = f"{value:.4f}" if isinstance(value, float) else value
            print(f"{key:<28} {'-' if value is None else shown}")
    return 0


def _criteria(_args: argparse.Namespace) -> int:
    from analytics.scoring import CRITERIA

    for criterion in CRITERIA:
        direction = "more is better" if criterion.direction > 0 else "less is better"
        print(f"{criterion.key}\t{criterion.source}\t{criterion.unit}\t{direction}")
    return 0


def _currency_of(args: argparse.Namespace) -> str:
    """The currency of the data set `--dataset` names (see `_dataset`)."""
    with _dataset(args) as (store, dataset_id):
        return store.currency(dataset_id)


def _retention(args: argparse.Namespace) -> int:
    from analytics.retention import customer_activity, retention_rates

    with _dataset(args) as (store, dataset_id):
        activity = customer_activity(store, dataset_id=dataset_id, basis="year")
        currency = store.currency(dataset_id)
    try:
        rates = retention_rates(activity)
    except ValueError as exc:
        return _fail(str(exc))
    rows = [r for r in rates.iter_rows(named=True) if r["group"] == "all"]
    logo = {
        str(r["period_start"].year): {"base": r["base"], "kept": r["kept"], "rate": r["rate"]}
        for r in rows
    }
    revenue = {str(r["period_start"].year): r["revenue_rate"] for r in rows}
    partial = [r["period_start"].year for r in rows if r["partial"]]
    short = [r["period_start"].year for r in rows if r["short_base"]]
    if args.json:
        result = {
            "yearly_logo_retention": logo,
            "yearly_revenue_retention": revenue,
            "partial_years": partial,
            "short_base_years": short,
            "currency": currency,
        }
        _print_json(result)
    else:
        print("year   base   kept  retention  revenue retention")
        for year, row in logo.items():
            rate = revenue[year]
            note = (
                "  (the year before has too few days of data: not a usable rate)"
                if int(year) in short
                else "  (against or in a year the data covers in part)"
                if int(year) in partial
                else ""
            )
            print(
                f"{year} {row['base']:>6} {row['kept']:>6} {row['rate']:>9.1%} "
                f"{'-' if rate is None else f'{rate:.1%}':>18}{note}"
            )
    return 0


def _clv(args: argparse.Namespace) -> int:
    from analytics.retention import clv_multiplier, expected_lifetime

    for option, given in (
        ("--margin", args.margin),
        ("--retention", args.retention),
        ("--discount", args.discount),
    ):
        _finite(option, given)
    try:
        multiplier = clv_multiplier(args.retention, args.discount)
        lifetime = expected_lifetime(args.retention)
    except ValueError as exc:
        return _fail(str(exc))
    value = args.margin * multiplier
    if not math.isfinite(value):
        return _fail(f"the value {args.margin!r} x {multiplier:.3f} is too large to compute")
    if args.json:
        result = {
            "margin": args.margin,
            "retention": args.retention,
            "discount": args.discount,
            "multiplier": multiplier,
            "lifetime_years": lifetime,
            "value": value,
        }
        _print_json(result)
    else:
        print(f"multiplier r / (1 + d - r) = {multiplier:.3f}")
        print(f"expected lifetime 1 / (1 - r) = {lifetime:.2f} years")
        print(f"CLV = {args.margin:.2f} x {multiplier:.3f} = {value:.2f}")
    return 0


def _resolved_period(store: Store, dataset_id: int, spec: str) -> Period:
    """The period `spec` of a data set; raises `_Stop` without lines or for a bad spec."""
    from analytics.metrics import data_bounds, resolve_period

    bounds = data_bounds(store, dataset_id=dataset_id)
    if bounds is None:
        msg = "the data set has no sales lines"
        raise _Stop(msg)
    try:
        return resolve_period(spec, first=bounds[0], last=bounds[1])
    except ValueError as exc:
        raise _Stop(str(exc)) from exc


def _healthcheck(args: argparse.Namespace) -> int:
    from analytics.healthcheck import health_check, health_summary, question_text

    with _dataset(args) as (store, dataset_id):
        period = _resolved_period(store, dataset_id, args.period)
        questions = health_check(store, dataset_id=dataset_id, period=period)
    summary = health_summary(questions)
    rows = [
        {
            "number": q["number"],
            "question": question_text(q["number"], language=args.lang),
            "source": q["source"],
            "value": q["value"],
            "answer": q["answer"],
            "facts": q["facts"],
            "note": q["note"],
            "answered_at": q["answered_at"],
        }
        for q in questions
    ]
    if args.json:
        period_json = {"from": period.start.isoformat(), "to": period.end.isoformat()}
        _print_json({"period": period_json, "summary": summary, "questions": rows})
    else:
        print(f"period {period.start} to {period.end}")
        for row in rows:
            value = row["value"]
            shown = "" if value is None or isinstance(value, dict) else f"  [{value:g}]"
            print(
                f"{row['number']:>2} {row['answer'] or '-':<7} {row['source']:<8}"
                f"{printable(row['question'])}{shown}"
            )
        print(f"{summary['yes']} of {summary['total']} answered yes")
    return 0


def _deck(args: argparse.Namespace) -> int:
    from analytics.deck import DeckOptions, write_deck

    try:
        weights = _parse_weights(args.weights) if args.weights else None
    except ValueError as exc:
        return _fail(str(exc))
    with _dataset(args) as (store, dataset_id):
        period = _resolved_period(store, dataset_id, args.period)
        options = DeckOptions(
            language=args.lang,
            mask_names=args.mask_names,
            weights=weights,
            decision=args.decision,
            top=args.top,
        )
        try:
            result = write_deck(
                store, dataset_id=dataset_id, period=period, out=args.out, options=options
            )
        except (ValueError, OSError) as exc:
            return _fail(str(exc))
    print(f"wrote {result['slides']} slides to {args.out}")
    for warning in result["warnings"]:
        print(f"  note: {printable(warning)}")
    return 0


def _pack(args: argparse.Namespace) -> int:
    from analytics.export import workshop_pack
    from analytics.healthcheck import health_check
    from analytics.masking import pseudonyms
    from analytics.metrics import customer_metrics
    from analytics.scoring import score_customers, weights_or_default

    with _dataset(args) as (store, dataset_id):
        period = _resolved_period(store, dataset_id, args.period)
        try:
            weights = (
                _parse_weights(args.weights)
                if args.weights
                else weights_or_default(store.dataset_weights(dataset_id))
            )
            table = customer_metrics(store, dataset_id=dataset_id, period=period)
            scored = score_customers(table, weights=weights)
        except ValueError as exc:
            return _fail(str(exc))
        questions = health_check(store, dataset_id=dataset_id, period=period, weights=weights)
        codes = pseudonyms(store, dataset_id=dataset_id) if args.mask_names else None
        currency = store.currency(dataset_id)
    data = workshop_pack(
        scored,
        weights=weights,
        questions=questions,
        currency=currency,
        language=args.lang,
        codes=codes,
    )
    try:
        args.out.write_bytes(data)
    except OSError as exc:
        return _fail(f"{args.out}: {exc}")
    print(f"wrote {scored.height} customers to {args.out}")
    return 0


def _demo(args: argparse.Namespace) -> int:
    from analytics.demo import write_demo_files

    totals = write_demo_files(args.out)
    print(f"wrote {totals['rows']} lines for {totals['customers']} customers to {args.out}")
    return 0


def _workshop(args: argparse.Namespace) -> int:
    handlers = {
        "create": _workshop_create,
        "weights": _workshop_weights,
        "assess": _workshop_assess,
    }
    return handlers[args.action](args)


def _workshop_create(args: argparse.Namespace) -> int:
    from analytics.metrics import data_bounds, resolve_period
    from analytics.workshop import create_workshop

    with _dataset(args) as (store, dataset_id):
        bounds = data_bounds(store, dataset_id=dataset_id)
        if bounds is None:
            return _fail("the data set has no sales lines")
        try:
            period = resolve_period(args.period, first=bounds[0], last=bounds[1])
            made = create_workshop(
                store, name=args.name, dataset_id=dataset_id, period=args.period, top=args.top
            )
        except ValueError as exc:
            return _fail(str(exc))
        dataset = store.scalar("select name from datasets where dataset_id = ?", [dataset_id])
    result = {
        "workshop_id": made["workshop_id"],
        "name": made["name"],
        "code": made["code"],
        "dataset": dataset,
        "period": made["period"],
        "from": period.start.isoformat(),
        "to": period.end.isoformat(),
        "top": made["top_n"],
    }
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        print(
            f"workshop {result['name']!r}: join code {result['code']}; data set {dataset}, "
            f"{result['from']} to {result['to']}, top {result['top']}"
        )
    return 0


def _workshop_weights(args: argparse.Namespace) -> int:
    from analytics.scoring import weight_shares
    from analytics.workshop import save_participant_weights

    with _existing_store(args) as store:
        found = _find_workshop(store, args.workshop)
        try:
            weights = _parse_weights(args.weights)
            save_participant_weights(store, found["workshop_id"], args.participant, weights)
        except ValueError as exc:
            return _fail(str(exc))
    shares = weight_shares(weights)
    if args.json:
        result = {"participant": " ".join(args.participant.split()), "shares": shares}
        print(json.dumps(result, ensure_ascii=False))
    else:
        parts = ", ".join(f"{k} {v:.1%}" for k, v in shares.items() if v > 0)
        print(f"saved the weights of {args.participant}: {parts}")
    return 0


def _workshop_assess(args: argparse.Namespace) -> int:
    from analytics.team import TeamScoreError, parse_team_scores
    from analytics.workshop import save_participant_scores

    if not args.file.is_file():
        return _fail(f"{args.file}: no such file")
    with _existing_store(args) as store:
        found = _find_workshop(store, args.workshop)
        known = store.customer_summary(found["dataset_id"]).select("customer_id", "customer_name")
        try:
            parsed = parse_team_scores(args.file, sheet=args.sheet, customers=known)
        except (TeamScoreError, IngestError) as exc:
            return _fail(f"{args.file.name}: {exc}")
        if parsed.scores.is_empty():
            return _fail(f"{args.file.name}: no row could be used")
        try:
            save_participant_scores(store, found["workshop_id"], args.participant, parsed.scores)
        except ValueError as exc:
            return _fail(str(exc))
    rejected = parsed.rejected.select("line_no", "customer_id", "reason", "column").to_dicts()
    if args.json:
        result = {
            "participant": " ".join(args.participant.split()),
            "scores": parsed.scores.height,
            "customers": parsed.customers,
            "rows_read": parsed.rows_read,
            "rows_rejected": len(rejected),
            "rejected": rejected,
        }
        print(json.dumps(result, ensure_ascii=False))
    else:
        print(
            f"{args.file.name}: {parsed.scores.height} scores for {parsed.customers} customers "
            f"saved for {args.participant}; {len(rejected)} of {parsed.rows_read} rows rejected"
        )
        for row in rejected:
            print(f"  line {row['line_no']}: {row['reason']} {row['column'] or ''}".rstrip())
    return 0


def _consensus(args: argparse.Namespace) -> int:
    from analytics.decision import workshop_consensus

    with _existing_store(args) as store:
        found = _find_workshop(store, args.workshop)
        try:
            agreed = workshop_consensus(store, found, top=args.top)
        except ValueError as exc:
            return _fail(str(exc))
    weights = {
        key: {"mean_share": mean, "min_share": low, "max_share": high}
        for key, mean, low, high in agreed.weights.select(
            "criterion", "mean_share", "min_share", "max_share"
        ).iter_rows()
    }
    result = {
        "participants": agreed.participants,
        "weights": weights,
        "top": agreed.top,
        "everyone": agreed.everyone,
        "most": agreed.most,
        "contested": agreed.contested,
    }
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        print(f"participants: {', '.join(agreed.participants)}")
        print("criterion            mean    min    max")
        for key, row in weights.items():
            if row["max_share"] > 0:
                print(
                    f"{key:<18} {row['mean_share']:>6.1%} {row['min_share']:>6.1%} "
                    f"{row['max_share']:>6.1%}"
                )
        print(f"top {len(agreed.top)}: {', '.join(agreed.top)}")
        print(f"in everyone's top: {', '.join(agreed.everyone) or '-'}")
        for row in agreed.contested:
            print(f"contested {row['customer_id']}: in the top of {', '.join(row['in_top_of'])}")
    return 0


def _stability(args: argparse.Namespace) -> int:
    from analytics.stability import (
        flip_thresholds,
        rank_stability,
        stability_counts,
        workshop_spread,
    )
    from analytics.workshop import (
        consensus_customers,
        consensus_weights,
        participant_weights,
        weight_consensus,
        workshop_scores,
    )

    if args.workshop is not None:
        from analytics.decision import workshop_customers

        with _existing_store(args) as store:
            found = _find_workshop(store, args.workshop)
            every = participant_weights(store, found["workshop_id"])
            if not every:
                return _fail("nobody has saved weights yet")
            try:
                _, table = workshop_customers(store, found)
            except ValueError as exc:
                return _fail(str(exc))
            table = consensus_customers(table, workshop_scores(store, found["workshop_id"]))
        summary = weight_consensus(every)
        weights = consensus_weights(summary)
        spread = workshop_spread(summary) if args.spread is None else args.spread
    else:
        _, table = _period_metrics(args)
        try:
            weights = _parse_weights(args.weights)
        except ValueError as exc:
            return _fail(str(exc))
        spread = 10.0 if args.spread is None else args.spread
    if table.is_empty():
        return _fail("no customer bought in this period")
    try:
        stable = rank_stability(
            table, weights=weights, spread=spread, samples=args.samples, seed=args.seed
        )
        flips = (
            flip_thresholds(table, weights=weights, customer_id=args.customer)
            if args.customer
            else None
        )
    except ValueError as exc:
        return _fail(str(exc))
    counts = stability_counts(stable)
    rows = stable.select("customer_id", "p_a", "rank_p05", "rank_p95").to_dicts()
    result = {"weights": weights, "samples": args.samples, "seed": args.seed, "customers": rows}
    result.update(counts)
    if flips is not None:
        result["flips"] = flips
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        print(
            f"{counts['always_a']} always A, {counts['border']} on the border, "
            f"{counts['never_a']} never A ({args.samples} weight sets, seed {args.seed})"
        )
        for row in rows:
            if row["p_a"] > 0:
                print(
                    f"{row['customer_id']:<14} A {row['p_a']:>6.1%}  "
                    f"rank {row['rank_p05']}-{row['rank_p95']}"
                )
        for flip in flips or []:
            move = "leaves" if flip["now_a"] else "enters"
            print(
                f"{args.customer} {move} A if {flip['criterion']} goes from "
                f"{flip['current']:g} to {flip['threshold']:.2f}"
            )
    return 0


def _decision(args: argparse.Namespace) -> int:
    return _decision_save(args) if args.action == "save" else _decision_compare(args)


def _decision_save(args: argparse.Namespace) -> int:
    from analytics.decision import (
        decision_customers,
        find_decision,
        save_decision,
        workshop_consensus,
        workshop_customers,
    )

    with _existing_store(args) as store:
        found = _find_workshop(store, args.workshop)
        try:
            period, table = workshop_customers(store, found)
            agreed = workshop_consensus(store, found, customers=table)
            decision_id = save_decision(
                store,
                name=args.name,
                workshop=found,
                period=period,
                agreed=agreed,
                notes=args.notes,
            )
        except ValueError as exc:
            return _fail(str(exc))
        saved = find_decision(store, args.name)
        listed = decision_customers(store, decision_id)
    tier_a = [cid for cid, tier in listed.select("customer_id", "tier").iter_rows() if tier == "A"]
    result = {
        "decision_id": decision_id,
        "name": saved["name"],
        "date": saved["decided_on"].isoformat(),
        "workshop": saved["workshop_name"],
        "dataset": saved["dataset_name"],
        "period": {"from": period.start.isoformat(), "to": period.end.isoformat()},
        "weights": saved["weights"],
        "participants": saved["participants"],
        "a": tier_a,
        "top": agreed.top,
        "pins": _overrides_of(listed, "pin"),
        "exclusions": _overrides_of(listed, "exclude"),
    }
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        print(
            f"decision {result['name']!r} saved {result['date']}: {len(tier_a)} customers in "
            f"A, {len(result['pins'])} pinned, {len(result['exclusions'])} excluded"
        )
    return 0


def _overrides_of(listed: pl.DataFrame, kind: str) -> list[dict]:
    import polars as pl

    return listed.filter(pl.col("override") == kind).select("customer_id", "reason").to_dicts()


def _decision_compare(args: argparse.Namespace) -> int:
    from analytics.decision import (
        compare_with_decision,
        decision_customers,
        decision_values,
        find_decision,
        later_state,
    )

    with _existing_store(args) as store:
        saved = find_decision(store, args.name)
        if saved is None:
            return _fail(f"no decision called {args.name!r}")
        try:
            weights = _parse_weights(args.weights) if args.weights else None
            period, after = later_state(store, saved, weights=weights)
        except ValueError as exc:
            return _fail(str(exc))
        before = decision_customers(store, saved["decision_id"])
        values = decision_values(store, saved["decision_id"])
    compared = compare_with_decision(before, values, after)
    moved = compared["moved"].to_dicts()
    result = {
        "decision": saved["name"],
        "period": {"from": period.start.isoformat(), "to": period.end.isoformat()},
        "entered_a": compared["entered_a"],
        "left_a": compared["left_a"],
        "stayed_a": compared["stayed_a"],
        "moved": moved,
    }
    if args.json:
        print(json.dumps(result, ensure_ascii=False, default=str))
    else:
        print(
            f"against {saved['name']!r} ({saved['decided_on']}), now {period.start} to {period.end}"
        )
        print(f"entered A: {', '.join(compared['entered_a']) or '-'}")
        print(f"left A: {', '.join(compared['left_a']) or '-'}")
        print(f"stayed in A: {len(compared['stayed_a'])}")
        for row in moved:
            print(
                f"{row['customer_id']}: rank {row['rank_before']} -> {row['rank_after']}"
                f" ({row['criterion']})"
            )
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    handlers = {
        "import": _import,
        "customers": _customers,
        "score": _score,
        "concentration": _concentration,
        "criteria": _criteria,
        "retention": _retention,
        "clv": _clv,
        "healthcheck": _healthcheck,
        "deck": _deck,
        "pack": _pack,
        "demo": _demo,
        "workshop": _workshop,
        "consensus": _consensus,
        "stability": _stability,
        "decision": _decision,
        "profit": cli_profit.profit,
    }
    try:
        return (handlers.get(args.command) or args.run)(args)
    except _Stop as exc:
        return _fail(str(exc))
    except BrokenPipeError:
        # The reader (e.g. `| head`) has what it wanted; Python's own flush at exit must
        # not write to the closed pipe again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
