"""The workshop: `workshop create|weights|assess`, `consensus`, `stability` and
`decision save|compare`.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from analytics.cli import common
from analytics.cli.decision import add_decision_parser
from analytics.ingest.errors import IngestError

if TYPE_CHECKING:
    import polars as pl

__all__ = ["add_parsers"]


def add_parsers(sub: argparse._SubParsersAction) -> None:
    """`workshop create|weights|assess`, `consensus`, `stability`, `decision save|compare`."""
    _workshop_parser(sub)
    cons = sub.add_parser("consensus", help="a workshop's consensus and agreement")
    common.workshop_options(cons)
    cons.add_argument(
        "--top",
        type=common.positive_int,
        default=None,
        help="top list length (default: the workshop's)",
    )
    cons.add_argument("--json", action="store_true")
    cons.set_defaults(handler=_consensus)
    _stability_parser(sub)
    add_decision_parser(sub)


def _workshop_parser(sub: argparse._SubParsersAction) -> None:
    shop = sub.add_parser("workshop", help="create a workshop, save a participant's input")
    shop_sub = shop.add_subparsers(dest="action", required=True)
    create = shop_sub.add_parser("create", help="a workshop for a data set and period")
    common.data_options(create, period=True)
    create.add_argument("--name", required=True, help="e.g. 'Ledningsgruppen december 2026'")
    create.add_argument(
        "--top", type=common.positive_int, default=20, help="length of each top list (default 20)"
    )
    create.add_argument("--json", action="store_true")
    create.set_defaults(handler=_workshop_create)
    weights = shop_sub.add_parser("weights", help="save one participant's weights")
    common.workshop_options(weights, participant=True)
    weights.add_argument("--weights", required=True, help="key=value,... (any scale)")
    weights.add_argument("--json", action="store_true")
    weights.set_defaults(handler=_workshop_weights)
    assess = shop_sub.add_parser("assess", help="save one participant's 1-5 assessments")
    common.workshop_options(assess, participant=True)
    assess.add_argument(
        "--file", type=Path, required=True, help="customer column + one column per criterion"
    )
    assess.add_argument("--sheet", default=None, help="spreadsheet sheet to read")
    assess.add_argument("--json", action="store_true")
    assess.set_defaults(handler=_workshop_assess)


def _stability_parser(sub: argparse._SubParsersAction) -> None:
    stab = sub.add_parser("stability", help="who is A whatever reasonable weights we choose")
    stab.add_argument("--db", type=Path, default=None)
    source = stab.add_mutually_exclusive_group(required=True)
    source.add_argument("--workshop", default=None, help="the workshop's consensus weights")
    source.add_argument("--weights", default=None, help="key=value,... (any scale)")
    stab.add_argument("--dataset", default=None, help="with --weights (default: the newest)")
    stab.add_argument("--period", default="12m", help="with --weights: all, 12m or FROM:TO")
    stab.add_argument("--samples", type=common.positive_int, default=200, help="weight sets drawn")
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
    stab.set_defaults(handler=_stability)


def _workshop_create(args: argparse.Namespace) -> int:
    from analytics.workshop import create_workshop

    with common.dataset(args) as (store, dataset_id):
        period = common.resolved_period(store, dataset_id, args.period)
        try:
            made = create_workshop(
                store, name=args.name, dataset_id=dataset_id, period=args.period, top=args.top
            )
        except ValueError as exc:
            return common.fail(str(exc))
        dataset = store.scalar("select name from datasets where dataset_id = ?", [dataset_id])
    result = {
        "workshop_id": made["workshop_id"],
        "name": made["name"],
        "code": made["code"],
        "dataset": dataset,
        "period": made["period"],
        **common.period_json(period),
        "top": made["top_n"],
    }
    if args.json:
        common.print_json(result)
    else:
        print(
            f"workshop {result['name']!r}: join code {result['code']}; data set {dataset}, "
            f"{result['from']} to {result['to']}, top {result['top']}"
        )
    return 0


def _workshop_weights(args: argparse.Namespace) -> int:
    from analytics.scoring import weight_shares
    from analytics.workshop import save_participant_weights

    with common.existing_store(args) as store:
        found = common.find_workshop(store, args.workshop)
        try:
            weights = common.parse_weights(args.weights)
            save_participant_weights(store, found["workshop_id"], args.participant, weights)
        except ValueError as exc:
            return common.fail(str(exc))
    shares = weight_shares(weights)
    if args.json:
        common.print_json({"participant": " ".join(args.participant.split()), "shares": shares})
    else:
        parts = ", ".join(f"{k} {v:.1%}" for k, v in shares.items() if v > 0)
        print(f"saved the weights of {args.participant}: {parts}")
    return 0


def _workshop_assess(args: argparse.Namespace) -> int:
    from analytics.team import TeamScoreError, parse_team_scores
    from analytics.workshop import save_participant_scores

    if not args.file.is_file():
        return common.fail(f"{args.file}: no such file")
    with common.existing_store(args) as store:
        found = common.find_workshop(store, args.workshop)
        known = store.customer_summary(found["dataset_id"]).select("customer_id", "customer_name")
        try:
            parsed = parse_team_scores(args.file, sheet=args.sheet, customers=known)
        except (TeamScoreError, IngestError) as exc:
            return common.fail(f"{args.file.name}: {exc}")
        if parsed.scores.is_empty():
            return common.fail(f"{args.file.name}: no row could be used")
        try:
            save_participant_scores(store, found["workshop_id"], args.participant, parsed.scores)
        except ValueError as exc:
            return common.fail(str(exc))
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
        common.print_json(result)
        return 0
    print(
        f"{args.file.name}: {parsed.scores.height} scores for {parsed.customers} customers "
        f"saved for {args.participant}; {len(rejected)} of {parsed.rows_read} rows rejected"
    )
    for row in rejected:
        print(f"  line {row['line_no']}: {row['reason']} {row['column'] or ''}".rstrip())
    return 0


def _consensus(args: argparse.Namespace) -> int:
    from analytics.decision import workshop_consensus

    with common.existing_store(args) as store:
        found = common.find_workshop(store, args.workshop)
        try:
            agreed = workshop_consensus(store, found, top=args.top)
        except ValueError as exc:
            return common.fail(str(exc))
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
        common.print_json(result)
        return 0
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


def _stability_input(args: argparse.Namespace) -> tuple[pl.DataFrame, dict[str, float], float]:
    """The customers, the weights and the spread `stability` samples around: the
    workshop's consensus (and its participants' disagreement) with `--workshop`, else
    `--weights` over `--period` (spread 10). Raises `common.Stop` or ValueError.
    """
    if args.workshop is None:
        _, table = common.period_metrics(args)
        weights = common.parse_weights(args.weights)
        return table, weights, 10.0 if args.spread is None else args.spread

    from analytics.decision import workshop_customers
    from analytics.stability import workshop_spread
    from analytics.workshop import (
        consensus_customers,
        consensus_weights,
        participant_weights,
        weight_consensus,
        workshop_scores,
    )

    with common.existing_store(args) as store:
        found = common.find_workshop(store, args.workshop)
        every = participant_weights(store, found["workshop_id"])
        if not every:
            msg = "nobody has saved weights yet"
            raise common.Stop(msg)
        _, table = workshop_customers(store, found)
        table = consensus_customers(table, workshop_scores(store, found["workshop_id"]))
    summary = weight_consensus(every)
    spread = workshop_spread(summary) if args.spread is None else args.spread
    return table, consensus_weights(summary), spread


def _stability(args: argparse.Namespace) -> int:
    from analytics.stability import flip_thresholds, rank_stability, stability_counts

    try:
        table, weights, spread = _stability_input(args)
        if table.is_empty():
            return common.fail("no customer bought in this period")
        stable = rank_stability(
            table, weights=weights, spread=spread, samples=args.samples, seed=args.seed
        )
        flips = (
            flip_thresholds(table, weights=weights, customer_id=args.customer)
            if args.customer
            else None
        )
    except ValueError as exc:
        return common.fail(str(exc))
    counts = stability_counts(stable)
    rows = stable.select("customer_id", "p_a", "rank_p05", "rank_p95").to_dicts()
    result = {"weights": weights, "samples": args.samples, "seed": args.seed, "customers": rows}
    result.update(counts)
    if flips is not None:
        result["flips"] = flips
    if args.json:
        common.print_json(result)
        return 0
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
