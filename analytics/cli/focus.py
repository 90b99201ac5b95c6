"""`score` and `criteria`: the ranked focus list for given weights, and the catalog of
criteria the weights name.
"""

from __future__ import annotations

import argparse

from analytics.cli import common
from analytics.ingest.errors import printable

__all__ = ["add_parsers"]


def add_parsers(sub: argparse._SubParsersAction) -> None:
    """`score`, `criteria`."""
    score = sub.add_parser("score", help="the ranked focus list for given weights")
    common.data_options(score, period=True)
    score.add_argument(
        "--weights", default=None, help="key=value,... (default: the standard weights)"
    )
    score.add_argument("--method", default="rank", choices=["rank", "log"], help="normalisation")
    score.add_argument(
        "--tiers",
        default="0.2,0.3",
        help="shares of customers in tier A and in tier B, as fractions (default 0.2,0.3)",
    )
    score.add_argument(
        "--top", type=common.positive_int, default=None, help="print only the first N"
    )
    score.add_argument("--json", action="store_true")
    score.set_defaults(handler=_score)

    criteria = sub.add_parser("criteria", help="list the criteria catalog keys")
    criteria.set_defaults(handler=_criteria)


def _score(args: argparse.Namespace) -> int:
    from analytics.scoring import CRITERIA, DEFAULT_WEIGHTS, score_customers

    period, table = common.period_metrics(args)
    try:
        weights = common.parse_weights(args.weights) if args.weights else dict(DEFAULT_WEIGHTS)
        tiers = common.parse_tiers(args.tiers)
        scored = score_customers(table, weights=weights, method=args.method, tier_shares=tiers)
    except ValueError as exc:
        return common.fail(str(exc))
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
        common.print_json(
            {"period": common.period_json(period), "weights": weights, "customers": rows}
        )
        return 0
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


def _criteria(_args: argparse.Namespace) -> int:
    from analytics.scoring import CRITERIA

    for criterion in CRITERIA:
        direction = "more is better" if criterion.direction > 0 else "less is better"
        print(f"{criterion.key}\t{criterion.source}\t{criterion.unit}\t{direction}")
    return 0
