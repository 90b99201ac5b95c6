"""Named points of an import, where a test can stop it to see what a crash leaves.

`KUNDFOKUS_IMPORT_PAUSE_AT=<stage>` makes the importer say `PAUSED <stage>` on stderr
when it reaches that stage and wait there for ever, so a test knows exactly where the
process is when it kills it (no guessing with sleeps). Unset, `checkpoint` does nothing.
"""

from __future__ import annotations

import os
import sys
import threading

__all__ = ["PAUSED", "PAUSE_ENV", "STAGES", "checkpoint"]

PAUSE_ENV = "KUNDFOKUS_IMPORT_PAUSE_AT"
PAUSED = "PAUSED "
# In the order an import passes them: the file being copied as UTF-8, the formats
# decided, the rows parsed to a work file, rows inserted in the open transaction, all
# rows inserted just before the commit, and just after it.
STAGES = ("reading", "checking", "parsing", "saving", "committing", "committed")


def checkpoint(stage: str) -> None:
    """Pause here for ever when `$KUNDFOKUS_IMPORT_PAUSE_AT` names `stage`."""
    if os.environ.get(PAUSE_ENV) != stage:
        return
    sys.stderr.write(f"{PAUSED}{stage}\n")
    sys.stderr.flush()
    threading.Event().wait()
