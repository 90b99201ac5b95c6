"""Command line: `python -m analytics import|customers|demo ...` for scripted imports.

Exit codes: 0 when the command did its work, 2 with a one-line message on stderr when
nothing could be loaded or the input was wrong.

Each command group is a module with `add_parsers(sub)` (or `add_parser(sub)` for a single
command): it adds its subcommands and sets each one's handler (arguments in, exit code
out) with `set_defaults(handler=...)`. `_command_groups` lists them; a new group is one
more line there.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable

from analytics.cli import common

__all__ = ["main"]

_DESCRIPTION = """Command line: `python -m analytics import|customers|demo ...` for scripted
imports.

Exit codes: 0 when the command did its work, 2 with a one-line message on stderr when
nothing could be loaded or the input was wrong.
"""


def _command_groups() -> list[Callable[[argparse._SubParsersAction], None]]:
    """Every command group's `add_parsers(sub)`, in the order `--help` lists them.

    Imported here, not at the top, so a group module may import `analytics.cli`.
    """
    from analytics.cli import data, figures, focus, plans, profit, strategy, workshop

    return [
        data.add_parsers,
        focus.add_parsers,
        figures.add_parsers,
        strategy.add_parsers,
        workshop.add_parsers,
        profit.add_parser,
        plans.add_parsers,
        # Register a further command group here, one line each.
    ]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analytics", description=_DESCRIPTION)
    sub = parser.add_subparsers(dest="command", required=True)
    for add_parsers in _command_groups():
        add_parsers(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    try:
        return args.handler(args)
    except common.Stop as exc:
        return common.fail(str(exc))
    except BrokenPipeError:
        # The reader (e.g. `| head`) has what it wanted; Python's own flush at exit must
        # not write to the closed pipe again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def __getattr__(name: str) -> object:
    """The shared helpers under their names from before the command line was a package
    (`analytics.cli._print_json`, `_dataset`, `DEFAULT_DATASET`, ...): `common`'s names.
    """
    shared = name.removeprefix("_")
    if shared in common.__all__:
        return getattr(common, shared)
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)
