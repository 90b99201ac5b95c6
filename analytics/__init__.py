"""Kundfokus analytics: importing exports, the store, metrics and scoring.

Importing this package fixes one process-wide setting of polars, so it has to happen
before polars runs its first query. Every entry point (the app via `ui`, the command
line, the benchmarks, the tests) imports `analytics` before it reads any file.
"""

import os

# The streaming CSV reader of polars otherwise makes its chunks larger as the file grows,
# and the importer's peak memory grew with them (341 MB at 250,000 lines, 841 MB at
# 4,000,000). A fixed chunk of 1 MiB keeps it flat; an explicit setting still wins.
os.environ.setdefault("POLARS_CSV_CHUNK_SIZE", "1048576")
