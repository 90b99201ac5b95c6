"""The strategy day: `healthcheck` (the fourteen questions, answered), `deck` (the slide
deck) and `pack` (the workshop pack).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from analytics.cli import common
from analytics.ingest.errors import printable

__all__ = ["add_parsers"]


def add_parsers(sub: argparse._SubParsersAction) -> None:
    """`healthcheck`, `deck`, `pack`."""
    health = sub.add_parser(
        "healthcheck", help='the 14 questions of "Har du koll på dina kunder?", answered'
    )
    common.data_options(health, period=True)
    health.add_argument("--lang", default="en", choices=["sv", "en"], help="question texts")
    health.add_argument("--json", action="store_true")
    health.set_defaults(handler=_healthcheck)

    deck = sub.add_parser("deck", help="the strategy day's slide deck (PowerPoint, 16:9)")
    _take_away_options(deck, suffix=".pptx")
    deck.add_argument(
        "--top", type=common.positive_int, default=10, help="customers on the focus slide"
    )
    deck.set_defaults(handler=_deck)

    pack = sub.add_parser(
        "pack", help="the workshop pack (Excel): scored list, weights, health check"
    )
    _take_away_options(pack, suffix=".xlsx")
    pack.set_defaults(handler=_pack)


def _take_away_options(parser: argparse.ArgumentParser, *, suffix: str) -> None:
    """The options the deck and the workshop pack share: which data, which file, which
    language, masked names, weights, period and a saved decision."""
    common.data_options(parser, period=True)
    parser.add_argument("--out", type=Path, required=True, help=f"the {suffix} file to write")
    parser.add_argument("--lang", default="sv", choices=["sv", "en"])
    parser.add_argument(
        "--mask-names", action="store_true", help="pseudonyms (Kund A01 …) instead of names"
    )
    parser.add_argument(
        "--weights", default=None, help="key=value,... (default: the data set's weights)"
    )
    parser.add_argument("--decision", default=None, help="a saved decision to include")


def _healthcheck(args: argparse.Namespace) -> int:
    from analytics.healthcheck import health_check, health_summary, question_text

    with common.dataset(args) as (store, dataset_id):
        period = common.resolved_period(store, dataset_id, args.period)
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
        common.print_json(
            {"period": common.period_json(period), "summary": summary, "questions": rows}
        )
        return 0
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
        weights = common.parse_weights(args.weights) if args.weights else None
    except ValueError as exc:
        return common.fail(str(exc))
    with common.dataset(args) as (store, dataset_id):
        period = common.resolved_period(store, dataset_id, args.period)
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
            return common.fail(str(exc))
    print(f"wrote {result['slides']} slides to {args.out}")
    for warning in result["warnings"]:
        print(f"  note: {printable(warning)}")
    return 0


def _pack(args: argparse.Namespace) -> int:
    from analytics.decision import dataset_decision, decision_customers
    from analytics.export import workshop_pack
    from analytics.healthcheck import health_check
    from analytics.masking import pseudonyms
    from analytics.metrics import customer_metrics
    from analytics.scoring import score_customers, weights_or_default

    with common.dataset(args) as (store, dataset_id):
        period = common.resolved_period(store, dataset_id, args.period)
        try:
            weights = (
                common.parse_weights(args.weights)
                if args.weights
                else weights_or_default(store.dataset_weights(dataset_id))
            )
            table = customer_metrics(store, dataset_id=dataset_id, period=period)
            scored = score_customers(table, weights=weights)
            decision = dataset_decision(store, args.decision, dataset_id=dataset_id)
        except ValueError as exc:
            return common.fail(str(exc))
        decided = decision_customers(store, decision["decision_id"]) if decision else None
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
        decision=decided,
    )
    try:
        args.out.write_bytes(data)
    except OSError as exc:
        return common.fail(f"{args.out}: {exc}")
    print(f"wrote {scored.height} customers to {args.out}")
    return 0
