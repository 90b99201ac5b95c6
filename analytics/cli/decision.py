"""`decision save|compare`: keep the workshop's consensus as a dated decision, and
compare a later state of the data or the weights with it.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from analytics.cli import common

if TYPE_CHECKING:
    import polars as pl

    from analytics.workshop import OverrideKind

__all__ = ["add_decision_parser"]


def add_decision_parser(sub: argparse._SubParsersAction) -> None:
    """`decision save|compare`."""
    dec = sub.add_parser("decision", help="save a decision, compare a later state with it")
    dec_sub = dec.add_subparsers(dest="action", required=True)
    save = dec_sub.add_parser("save", help="save the workshop's consensus as a decision")
    common.workshop_options(save)
    save.add_argument("--name", required=True, help="e.g. 'Fokuslista 2027'")
    save.add_argument("--notes", default="", help="free text kept with the decision")
    save.add_argument("--json", action="store_true")
    save.set_defaults(handler=_decision_save)
    comp = dec_sub.add_parser("compare", help="the data or weights now against a decision")
    common.data_options(comp, dataset=False)
    comp.add_argument("--name", required=True, help="the decision's name")
    comp.add_argument("--weights", default=None, help="key=value,... (default: the decision's)")
    comp.add_argument("--json", action="store_true")
    comp.set_defaults(handler=_decision_compare)


def _decision_save(args: argparse.Namespace) -> int:
    from analytics import decision as decisions

    with common.existing_store(args) as store:
        found = common.find_workshop(store, args.workshop)
        try:
            period, table = decisions.workshop_customers(store, found)
            agreed = decisions.workshop_consensus(store, found, customers=table)
            decision_id = decisions.save_decision(
                store,
                name=args.name,
                workshop=found,
                period=period,
                agreed=agreed,
                notes=args.notes,
            )
        except ValueError as exc:
            return common.fail(str(exc))
        saved = decisions.find_decision(store, args.name)
        listed = decisions.decision_customers(store, decision_id)
    tier_a = [cid for cid, tier in listed.select("customer_id", "tier").iter_rows() if tier == "A"]
    result = {
        "decision_id": decision_id,
        "name": saved["name"],
        "date": saved["decided_on"].isoformat(),
        "workshop": saved["workshop_name"],
        "dataset": saved["dataset_name"],
        "period": common.period_json(period),
        "weights": saved["weights"],
        "participants": saved["participants"],
        "a": tier_a,
        "top": agreed.top,
        "pins": _overrides_of(listed, "pin"),
        "exclusions": _overrides_of(listed, "exclude"),
    }
    if args.json:
        common.print_json(result)
    else:
        print(
            f"decision {result['name']!r} saved {result['date']}: {len(tier_a)} customers in "
            f"A, {len(result['pins'])} pinned, {len(result['exclusions'])} excluded"
        )
    return 0


def _overrides_of(listed: pl.DataFrame, kind: OverrideKind) -> list[dict]:
    import polars as pl

    return listed.filter(pl.col("override") == kind).select("customer_id", "reason").to_dicts()


def _decision_compare(args: argparse.Namespace) -> int:
    from analytics import decision as decisions

    with common.existing_store(args) as store:
        saved = decisions.find_decision(store, args.name)
        if saved is None:
            return common.fail(f"no decision called {args.name!r}")
        try:
            weights = common.parse_weights(args.weights) if args.weights else None
            period, after = decisions.later_state(store, saved, weights=weights)
        except ValueError as exc:
            return common.fail(str(exc))
        before = decisions.decision_customers(store, saved["decision_id"])
        values = decisions.decision_values(store, saved["decision_id"])
    compared = decisions.compare_with_decision(before, values, after)
    moved = compared["moved"].to_dicts()
    result = {
        "decision": saved["name"],
        "period": common.period_json(period),
        "entered_a": compared["entered_a"],
        "left_a": compared["left_a"],
        "stayed_a": compared["stayed_a"],
        "moved": moved,
    }
    if args.json:
        common.print_json(result)
        return 0
    print(f"against {saved['name']!r} ({saved['decided_on']}), now {period.start} to {period.end}")
    print(f"entered A: {', '.join(compared['entered_a']) or '-'}")
    print(f"left A: {', '.join(compared['left_a']) or '-'}")
    print(f"stayed in A: {len(compared['stayed_a'])}")
    for row in moved:
        print(
            f"{row['customer_id']}: rank {row['rank_before']} -> {row['rank_after']}"
            f" ({row['criterion']})"
        )
    return 0
