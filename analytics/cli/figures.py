"""`concentration`, `retention` and `clv`: profitability against size, retention per
calendar year and a customer's lifetime value.
"""

from __future__ import annotations

import argparse
import math

from analytics.cli import common
from analytics.money import json_amount

__all__ = ["add_parsers"]

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


def add_parsers(sub: argparse._SubParsersAction) -> None:
    """`concentration`, `retention`, `clv`."""
    conc = sub.add_parser(
        "concentration", help="profitability versus size: Pareto and whale curve figures"
    )
    common.data_options(conc, period=True)
    common.assumed_margin_option(conc)
    conc.add_argument("--json", action="store_true")
    conc.set_defaults(handler=_concentration)

    ret = sub.add_parser("retention", help="customer and revenue retention per calendar year")
    common.data_options(ret)
    ret.add_argument("--json", action="store_true")
    ret.set_defaults(handler=_retention)

    clv = sub.add_parser("clv", help="customer lifetime value: margin × r / (1 + d − r)")
    clv.add_argument("--margin", type=float, required=True, help="annual gross margin")
    clv.add_argument("--retention", type=float, required=True, help="yearly rate, 0–1")
    clv.add_argument("--discount", type=float, default=0.1, help="yearly rate, 0–1")
    clv.add_argument("--json", action="store_true")
    clv.set_defaults(handler=_clv)


def _concentration(args: argparse.Namespace) -> int:
    from analytics.concentration import concentration_summary, with_margin

    if args.assumed_margin is not None:
        common.finite("--assumed-margin", args.assumed_margin)
    period, table = common.period_metrics(args)
    try:
        summary = concentration_summary(with_margin(table, assumed_margin=args.assumed_margin))
    except ValueError as exc:
        return common.fail(str(exc))
    result = {key: summary[key] for key in _CONCENTRATION_KEYS}
    for key in ("unprofitable_margin", "revenue", "gross_margin"):
        result[key] = json_amount(result[key])
    result["currency"] = common.currency_of(args)
    if args.json:
        common.print_json({"period": common.period_json(period), **result})
    else:
        print(f"period {period.start} to {period.end}")
        for key, value in result.items():
            shown = f"{value:.4f}" if isinstance(value, float) else value
            print(f"{key:<28} {'-' if value is None else shown}")
    return 0


def _retention(args: argparse.Namespace) -> int:
    from analytics.retention import customer_activity, retention_rates

    with common.dataset(args) as (store, dataset_id):
        activity = customer_activity(store, dataset_id=dataset_id, basis="year")
        currency = store.currency(dataset_id)
    try:
        rates = retention_rates(activity)
    except ValueError as exc:
        return common.fail(str(exc))
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
        common.print_json(result)
        return 0
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
        common.finite(option, given)
    try:
        multiplier = clv_multiplier(args.retention, args.discount)
        lifetime = expected_lifetime(args.retention)
    except ValueError as exc:
        return common.fail(str(exc))
    value = args.margin * multiplier
    if not math.isfinite(value):
        return common.fail(f"the value {args.margin!r} x {multiplier:.3f} is too large to compute")
    if args.json:
        result = {
            "margin": args.margin,
            "retention": args.retention,
            "discount": args.discount,
            "multiplier": multiplier,
            "lifetime_years": lifetime,
            "value": value,
        }
        common.print_json(result)
    else:
        print(f"multiplier r / (1 + d - r) = {multiplier:.3f}")
        print(f"expected lifetime 1 / (1 - r) = {lifetime:.2f} years")
        print(f"CLV = {args.margin:.2f} x {multiplier:.3f} = {value:.2f}")
    return 0
