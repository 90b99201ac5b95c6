"""Entry point of a measured child process: `python -m bench.child TASK PARAMS_JSON`.

Runs one task in this fresh process and prints its result as one JSON line, with
`peak_mb`, this process's peak RSS over its whole life (interpreter and imports included).
"""

from __future__ import annotations

import importlib
import json
import sys

from bench.memory import peak_mb

# task name -> "module:function"; the function takes the params dict and returns a dict.
TASKS = {
    "import_ours": "bench.import_bench:run_ours",
    "import_baseline": "bench.import_bench:run_baseline",
    "import_duckdb": "bench.import_bench:run_duckdb",
}


def main(argv: list[str]) -> None:
    task, params = argv[0], json.loads(argv[1])
    module, function = TASKS[task].split(":")
    result = getattr(importlib.import_module(module), function)(params)
    result["peak_mb"] = round(peak_mb(), 1)
    sys.stdout.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
