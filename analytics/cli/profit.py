"""Command line: `python -m analytics profit`, customer profit = gross margin − cost to serve.

The model is the saved one `--model` names, else the data set's model in use, else the
defaults; `--set order=100,line=0` changes single unit costs on top of it.
"""

from __future__ import annotations

import argparse

import polars as pl

from analytics.cli import common
from analytics.cost_details import CHANNELS, DELIVERY_METHODS
from analytics.costs import DRIVERS, CostModel, model_as_dict
from analytics.money import json_amount

__all__ = ["add_parser", "profit"]


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register the `profit` command on the command line's subparsers."""
    prof = sub.add_parser(
        "profit", help="customer profit: gross margin minus the cost to serve each customer"
    )
    common.data_options(prof, period=True)
    prof.add_argument(
        "--model", default=None, help="a saved cost model (default: the one in use, else defaults)"
    )
    prof.add_argument(
        "--set",
        dest="costs",
        default=None,
        metavar="KEY=COST,...",
        help="unit costs to change, e.g. order=100,line=0 (others keep the model's)",
    )
    common.assumed_margin_option(prof)
    prof.add_argument("--json", action="store_true")
    prof.set_defaults(handler=profit)


def _model(store, dataset_id: int, args: argparse.Namespace) -> tuple[str | None, CostModel]:
    from analytics.cli.common import Stop as _Stop
    from analytics.cost_models import load_cost_model, model_in_use, parse_costs

    if args.model is not None:
        name, model = args.model, load_cost_model(store, dataset_id=dataset_id, name=args.model)
        if model is None:
            msg = f"no cost model called {args.model!r}"
            raise _Stop(msg)
    else:
        name, model = model_in_use(store, dataset_id=dataset_id)
    if args.costs:
        try:
            model = parse_costs(args.costs, base=model)
        except ValueError as exc:
            raise _Stop(str(exc)) from exc
    return name, model


def _tiers(store, dataset_id: int, period, model: CostModel) -> pl.DataFrame | None:
    """The focus list's tiers (the data set's weights) when the model prices by tier."""
    if all(getattr(model, f"account_{t}") is None for t in "abc"):
        return None
    from analytics.metrics import customer_metrics
    from analytics.scoring import score_customers, weights_or_default

    table = customer_metrics(store, dataset_id=dataset_id, period=period)
    weights = weights_or_default(store.dataset_weights(dataset_id))
    return score_customers(table, weights=weights).select("customer_id", "tier")


def _customer_json(row: dict) -> dict:
    return {
        "customer_id": row["customer_id"],
        "customer_name": row["customer_name"],
        "revenue": json_amount(row["revenue"]),
        "gross_margin": json_amount(row["margin"]),
        "margin_assumed": bool(row["margin_assumed"]),
        "cost_to_serve": json_amount(row["cost_to_serve"]),
        "profit": json_amount(row["profit"]),
        "drivers": {d: json_amount(row[f"cost_{d}"]) for d in DRIVERS},
        "counts": {
            **{d: row[f"n_{d}"] for d in ("order", "line", "credit_note", "small_order")},
            "capital_rate": json_amount(row["late_amount_days"]),
            "account": 1,
            "returned": json_amount(row["n_returned"]),
            "delivery": row["n_delivery"],
            "freight": json_amount(row["freight_net"]),
            "discount": json_amount(row["discount_amount"]),
            "channel": {k: row[f"n_channel_{k}"] for k in CHANNELS},
            "delivery_method": {k: row[f"n_delivery_{k}"] for k in DELIVERY_METHODS},
        },
    }


def profit(args: argparse.Namespace) -> int:
    """Print customer profit per customer and its headline figures."""
    from analytics.cli.common import Stop as _Stop
    from analytics.cli.common import dataset as _dataset
    from analytics.cli.common import finite as _finite
    from analytics.cli.common import print_json as _print_json
    from analytics.cli.common import resolved_period as _resolved_period
    from analytics.profit import profit_summary, profit_table

    if args.assumed_margin is not None:
        _finite("--assumed-margin", args.assumed_margin)
    with _dataset(args) as (store, dataset_id):
        period = _resolved_period(store, dataset_id, args.period)
        name, model = _model(store, dataset_id, args)
        try:
            table = profit_table(
                store,
                dataset_id=dataset_id,
                period=period,
                model=model,
                assumed_margin=args.assumed_margin,
                tiers=_tiers(store, dataset_id, period, model),
            )
        except ValueError as exc:
            raise _Stop(str(exc)) from exc
        currency = store.currency(dataset_id)
    summary = profit_summary(table["customers"])
    result = {
        "period": {"from": period.start.isoformat(), "to": period.end.isoformat()},
        "currency": currency,
        "model_name": name,
        "model": {k: json_amount(v) for k, v in model_as_dict(model).items()},
        "margin_source": table["margin_source"],
        "counted": table["known"],
        "customers": [_customer_json(r) for r in table["customers"].iter_rows(named=True)],
        "unprofitable_customers": summary["unprofitable_customers"],
        "unprofitable_by_margin": summary["unprofitable_by_margin"],
        "whale_peak": summary["whale_peak"],
        "whale_peak_margin": summary["whale_peak_margin"],
        **{k: json_amount(summary[k]) for k in ("revenue", "gross_margin", "cost_to_serve")},
        "profit": json_amount(summary["profit"]),
    }
    if args.json:
        _print_json(result)
        return 0
    _print_text(result)
    return 0


def _print_text(result: dict) -> None:
    from analytics.ingest.errors import printable

    period = result["period"]
    print(f"period {period['from']} to {period['to']}, amounts in {result['currency']}")
    print("model " + ", ".join(f"{k}={v}" for k, v in result["model"].items() if v is not None))
    if not result["counted"]["capital_rate"]:
        print("capital_rate: the export has no due and paid dates, so it counts 0")
    absent = [d for d, known in result["counted"].items() if not known and d != "capital_rate"]
    if absent:
        print(f"not in the export, so they count 0: {', '.join(absent)}")
    for key in ("revenue", "gross_margin", "cost_to_serve", "profit"):
        print(f"{key:<24} {result[key]:.2f}")
    for key in ("unprofitable_customers", "unprofitable_by_margin", "whale_peak"):
        value = result[key]
        print(f"{key:<24} {'-' if value is None else value}")
    print("customer_id  revenue  gross_margin  cost_to_serve  profit")
    for row in result["customers"]:
        cells = [row[k] for k in ("revenue", "gross_margin", "cost_to_serve", "profit")]
        shown = "  ".join("-" if v is None else f"{v:.2f}" for v in cells)
        print(f"{printable(row['customer_id'])}  {shown}")
