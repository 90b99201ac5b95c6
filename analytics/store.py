"""The one local DuckDB database of Kundfokus: schema, migrations, reads and safe writes.

One `Store` per process holds one connection; every query runs on its own cursor so that
several browser sessions can read at once. Writes go through `transaction()`, which
serialises them with one process-wide lock and rolls back on any error, so a failed
import leaves the database exactly as it was.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import duckdb
import polars as pl

from analytics.migrations import MIGRATIONS, SCHEMA_VERSION
from analytics.store_records import DatasetRecords, WeightRecords
from analytics.workfiles import remove_stale, spill_directory

__all__ = [
    "DB_ENV",
    "DEFAULT_DB",
    "SCHEMA_VERSION",
    "Store",
    "default_db_path",
    "lock_holder",
]

DB_ENV = "KUNDFOKUS_DB"
DEFAULT_DB = Path("data") / "kundfokus.duckdb"

_WRITE_LOCK = threading.RLock()
# DuckDB 2.0's words when another process owns the file (read-only opens too):
# 'Could not set lock on file "…": Conflicting lock is held in /usr/bin/python3 (PID 123)'.
_LOCK_ERROR = "Could not set lock on file"
_LOCK_PID = re.compile(r"\(PID (\d+)\)")
# A table's or column's name as the code writes it (never data).
_NAME = re.compile(r"[a-z_][a-z0-9_]*")
# Database files this process has open ({resolved path: stores}): spill files are
# cleaned only by the first store of a file, never under another's feet.
_OPEN: dict[str, int] = {}
_OPEN_LOCK = threading.Lock()


def default_db_path() -> Path:
    """The database file: `$KUNDFOKUS_DB`, else `data/kundfokus.duckdb`."""
    return Path(os.environ.get(DB_ENV) or DEFAULT_DB)


def lock_holder(exc: BaseException) -> int | None:
    """For DuckDB's error that another process holds the database file: that process's
    PID (0 when DuckDB does not name it). None for any other error."""
    if not isinstance(exc, duckdb.Error):
        return None
    if _LOCK_ERROR not in str(exc):
        return None
    pid = _LOCK_PID.search(str(exc))
    return int(pid.group(1)) if pid else 0


class Store(DatasetRecords, WeightRecords):
    """The database of one Kundfokus installation.

    `path` is a file path (created with its folder when missing) or `":memory:"`. The
    connection, the schema and the ways to read and write are here; what is kept (data
    sets, imports, weights, the team's scores) is read and written by the methods of
    `analytics.store_records`.
    """

    def __init__(self, path: str | Path | None = None) -> None:
        target = default_db_path() if path is None else path
        if str(target) != ":memory:":
            Path(target).parent.mkdir(parents=True, exist_ok=True)
        self.path = str(target)
        self._key = self.path if self.path == ":memory:" else str(Path(self.path).resolve())
        self._con = self._connect()
        with _OPEN_LOCK:
            if not _OPEN.get(self._key):
                # What an import killed on the way left: its work folder and the spill
                # files of this database (nobody else holds it now, nothing spilled yet).
                remove_stale(self.path)
            _OPEN[self._key] = _OPEN.get(self._key, 0) + 1
        self._migrate()

    def _connect(self) -> duckdb.DuckDBPyConnection:
        con = duckdb.connect(self.path)
        # DuckDB would take up to 80% of the machine's memory; with a limit it spills
        # large sorts, joins and aggregations to temporary files instead, so an import
        # stays within bounds however big the file. `KUNDFOKUS_DB_MEMORY` (DuckDB units,
        # e.g. `1GB`) changes the limit for one installation.
        memory = os.environ.get("KUNDFOKUS_DB_MEMORY", "").strip() or "256MB"
        memory = memory.replace("'", "''")
        con.execute(f"set memory_limit = '{memory}'")
        if self.path != ":memory:":
            # The spill files go beside the database, on the disk the data already uses
            # (an in-memory database keeps DuckDB's default).
            spill = str(spill_directory(self.path)).replace("'", "''")
            con.execute(f"set temp_directory = '{spill}'")
        return con

    def _abort(self, cur: duckdb.DuckDBPyConnection) -> None:
        """Roll back a failed write. A write that could not reach the disk (full) may
        leave DuckDB refusing every query until the database is opened again; what is
        on disk is then the last commit, so the store opens it again and goes on."""
        with suppress(duckdb.Error):
            cur.execute("rollback")
        with suppress(duckdb.Error):
            cur.close()
        try:
            self._con.execute("select 1").fetchall()
        except duckdb.FatalException:
            with suppress(duckdb.Error):
                self._con.close()
            self._con = self._connect()

    def close(self) -> None:
        """Close the connection (tests and the command line; the app keeps it open)."""
        self._con.close()
        with _OPEN_LOCK:
            _OPEN[self._key] = max(_OPEN.get(self._key, 1) - 1, 0)

    def _migrate(self) -> None:
        with self.transaction() as cur:
            cur.execute("create table if not exists schema_version (version integer not null)")
            row = cur.execute("select max(version) from schema_version").fetchall()[0]
            current = row[0] or 0
            for version in range(current, SCHEMA_VERSION):
                cur.execute(MIGRATIONS[version])
                cur.execute("insert into schema_version values (?)", [version + 1])
        if current < SCHEMA_VERSION and self.path != ":memory:":
            # Into the file itself, not only the write-ahead log: DuckDB 2.0 cannot replay
            # a log holding these statements without downloading its `core_functions`
            # extension, so a process killed before its first checkpoint (the app runs
            # for weeks) would leave a database that does not open offline.
            self._con.execute("checkpoint")

    @property
    def schema_version(self) -> int:
        """The version the database file is at."""
        return int(self.scalar("select max(version) from schema_version"))

    def query(self, sql: str, params: list | dict | None = None) -> pl.DataFrame:
        """Run a read query on a fresh cursor and return the result as a polars frame."""
        cur = self._con.cursor()
        try:
            return cur.sql(sql, params=params).pl()
        finally:
            cur.close()

    def scalar(self, sql: str, params: list | dict | None = None) -> object:
        """Run a query that returns one value (None when it returns no rows)."""
        cur = self._con.cursor()
        try:
            rows = cur.execute(sql, params or []).fetchall()
        finally:
            cur.close()
        return rows[0][0] if rows else None

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor inside one write transaction, serialised with every other write.

        Commits when the block ends, rolls back when it raises.
        """
        with _WRITE_LOCK:
            cur = self._con.cursor()
            cur.execute("begin transaction")
            try:
                yield cur
                cur.execute("commit")
            except BaseException:
                self._abort(cur)
                raise
            cur.close()

    def replace_row(
        self, table: str, key: dict[str, object], values: dict[str, object] | None
    ) -> None:
        """Keep one row per `key` (column: value) in `table`: the row with that key is
        deleted and, unless `values` is None, a row of `key` and `values` inserted in
        its place (its other columns, such as the date, take their defaults), in one
        transaction. Table and column names come from the code, never from data."""
        row = {**key, **(values or {})}
        if not all(_NAME.fullmatch(name) for name in [table, *row]):
            msg = f"Not a table and its columns: {table} {list(row)}"
            raise ValueError(msg)
        where = " and ".join(f"{column} = ?" for column in key)
        with self.transaction() as cur:
            cur.execute(f"delete from {table} where {where}", list(key.values()))
            if values is not None:
                marks = ", ".join("?" * len(row))
                cur.execute(
                    f"insert into {table} ({', '.join(row)}) values ({marks})", list(row.values())
                )
