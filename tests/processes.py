"""One way a test runs Python in a fresh process: from the project's folder, output
captured as text, a failing exit code returned rather than raised."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

__all__ = ["ROOT", "python"]

ROOT = Path(__file__).resolve().parents[1]


def python(
    *args: object, env: dict[str, str] | None = None, timeout: float | None = 120
) -> subprocess.CompletedProcess:
    """`python ARGS…` (`"-c", script` or `"-m", "analytics", …`) in the project's folder,
    with `env` instead of this process's environment when given."""
    return subprocess.run(
        [sys.executable, *map(str, args)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
