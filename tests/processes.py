"""One way a test runs Python in a fresh process: from the project's folder, output
captured as text, a failing exit code returned rather than raised."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.paths import ROOT

__all__ = ["bench_measurements", "python"]


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


def bench_measurements(*args: object, timeout: float) -> list[dict]:
    """The measurements `python -m bench ARGS… --json` prints, once it has exited with 0
    (else the assertion shows the end of its error output)."""
    done = python("-m", "bench", *args, "--json", timeout=timeout)
    assert done.returncode == 0, done.stderr[-4000:]
    return json.loads(done.stdout)["measurements"]
