"""The one local DuckDB database of Kundfokus: schema, migrations, reads and safe writes.

One `Store` per process holds one connection; every query runs on its own cursor so that
several browser sessions can read at once. Writes go through `transaction()`, which
serialises them with one process-wide lock and rolls back on any error, so a failed
import leaves the database exactly as it was.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import polars as pl

from analytics.money import DEFAULT_CURRENCY

__all__ = [
    "DB_ENV",
    "DEFAULT_DB",
    "SCHEMA_VERSION",
    "Store",
    "default_db_path",
]

DB_ENV = "KUNDFOKUS_DB"
DEFAULT_DB = Path("data") / "kundfokus.duckdb"

_WRITE_LOCK = threading.RLock()

# Each migration brings the schema from version i to i + 1. Append, never edit.
_MIGRATIONS: tuple[str, ...] = (
    """
    create sequence dataset_seq start 1;
    create sequence import_seq start 1;
    create table datasets (
        dataset_id integer primary key default nextval('dataset_seq'),
        name varchar not null unique,
        is_demo boolean not null default false,
        created_at timestamp not null default current_timestamp
    );
    create table imports (
        import_id integer primary key default nextval('import_seq'),
        dataset_id integer not null,
        kind varchar not null,              -- 'sales' or 'customers'
        file_name varchar not null,
        content_hash varchar not null,
        file_bytes bigint,
        encoding varchar,
        delimiter varchar,
        sheets varchar,
        mapping json,
        cost_source varchar,                -- 'cost', 'margin', 'margin_pct', 'none'
        rows_read bigint,
        rows_loaded bigint,
        rows_rejected bigint,
        revenue_loaded double,
        revenue_rejected double,
        duplicate_lines bigint,
        replaced_lines bigint,
        first_date date,
        last_date date,
        warnings json,
        imported_at timestamp not null default current_timestamp
    );
    create table sales_lines (
        dataset_id integer not null,
        import_id integer not null,
        line_no bigint not null,
        sheet varchar,
        customer_id varchar not null,
        customer_name varchar,
        invoice_date date not null,
        invoice_number varchar,
        revenue double not null,
        cost double,                        -- null when the export says nothing about cost
        quantity double,
        unit_price double,
        product varchar,
        product_group varchar,
        due_date date,
        paid_date date,
        salesperson varchar,
        region varchar,
        segment varchar
    );
    create table rejected_rows (
        import_id integer not null,
        line_no bigint not null,
        sheet varchar,
        reason varchar not null,
        revenue double,                     -- the amount when it could be read
        raw json not null
    );
    create table customers (
        dataset_id integer not null,
        customer_id varchar not null,
        customer_name varchar,
        segment varchar,
        region varchar,
        key_account_manager varchar,
        satisfaction double,
        nps double,
        import_id integer,
        updated_at timestamp not null default current_timestamp,
        primary key (dataset_id, customer_id)
    );
    create table import_profiles (
        name varchar primary key,
        signature varchar not null,
        mapping json not null,
        saved_at timestamp not null default current_timestamp
    );
    """,
    """
    create table weight_sets (
        name varchar primary key,
        weights json not null,              -- {criterion key: non-negative weight}
        saved_at timestamp not null default current_timestamp
    );
    create table team_scores (
        dataset_id integer not null,
        customer_id varchar not null,
        criterion varchar not null,         -- a team criterion key of analytics.scoring
        value double not null,              -- 1 to 5
        assessed_by varchar,
        assessed_at timestamp not null default current_timestamp,
        primary key (dataset_id, customer_id, criterion)
    );
    """,
    # Money is exact: amounts as decimals with four decimals (sums of them as 38 digits),
    # and every data set has the currency its amounts are in (existing ones: SEK, the
    # only currency before). A rejected amount too large for the type is dropped.
    """
    alter table sales_lines alter revenue type decimal(18,4);
    alter table sales_lines alter cost type decimal(18,4);
    alter table sales_lines alter unit_price type decimal(18,4);
    alter table rejected_rows alter revenue type decimal(18,4)
        using case when abs(revenue) < 1e14 then revenue end;
    alter table imports alter revenue_loaded type decimal(38,4);
    alter table imports alter revenue_rejected type decimal(38,4);
    alter table imports add column currency varchar;
    alter table datasets add column currency varchar default 'SEK';
    update datasets set currency = 'SEK' where currency is null;
    update imports set currency = 'SEK' where kind = 'sales' and currency is null;
    """,
    # The focus list's weights of each data set: one state that every page reads and
    # that survives moving between pages and a reload. No row = the default weights.
    """
    create table dataset_weights (
        dataset_id integer primary key,
        weights json not null,              -- {criterion key: non-negative weight}
        saved_at timestamp not null default current_timestamp
    );
    """,
    # The team's answers to the health check "Har du koll på dina kunder?": one dated
    # answer per data set and question (1–14).
    """
    create table if not exists health_answers (
        dataset_id integer not null,
        question integer not null,          -- 1 to 14
        answer varchar not null,            -- 'yes', 'partly' or 'no'
        note varchar not null default '',
        answered_by varchar,
        answered_at timestamp not null default current_timestamp,
        primary key (dataset_id, question)
    );
    """,
    # Workshops: each participant's own weights and 1–5 assessments, the facilitator's
    # pins and exclusions, and the dated decisions (never changed once saved).
    """
    create sequence if not exists workshop_seq start 1;
    create sequence if not exists decision_seq start 1;
    create table if not exists workshops (
        workshop_id integer primary key default nextval('workshop_seq'),
        name varchar not null unique,
        code varchar not null unique,       -- the short join code
        dataset_id integer not null,
        period varchar not null,            -- a period spec: all, 12m or FROM:TO
        top_n integer not null,
        created_at timestamp not null default current_timestamp
    );
    create table if not exists workshop_participants (
        workshop_id integer not null,
        name varchar not null,
        weights json,                       -- null until the participant saves weights
        joined_at timestamp not null default current_timestamp,
        weights_at timestamp,
        primary key (workshop_id, name)
    );
    create table if not exists workshop_scores (
        workshop_id integer not null,
        participant varchar not null,
        customer_id varchar not null,
        criterion varchar not null,         -- a team criterion key of analytics.scoring
        value double not null,              -- 1 to 5
        assessed_at timestamp not null default current_timestamp,
        primary key (workshop_id, participant, customer_id, criterion)
    );
    create table if not exists workshop_overrides (
        workshop_id integer not null,
        customer_id varchar not null,
        kind varchar not null,              -- 'pin' or 'exclude'
        reason varchar not null,
        set_at timestamp not null default current_timestamp,
        primary key (workshop_id, customer_id)
    );
    create table if not exists decisions (
        decision_id integer primary key default nextval('decision_seq'),
        name varchar not null unique,
        decided_on date not null,
        decided_at timestamp not null default current_timestamp,
        workshop_name varchar,
        dataset_id integer not null,
        dataset_name varchar not null,
        period varchar not null,            -- the spec, resolved again for a later state
        period_from date not null,
        period_to date not null,
        weights json not null,              -- {criterion: points}
        participants json not null,         -- [names]
        tier_shares json not null,          -- [A share, B share]
        top_n integer not null,
        notes varchar not null default ''
    );
    create table if not exists decision_customers (
        decision_id integer not null,
        customer_id varchar not null,
        customer_name varchar,
        rank integer,                       -- null for an excluded customer
        tier varchar,                       -- A/B/C, null for an excluded customer
        score double not null,
        override varchar,                   -- 'pin', 'exclude' or null
        reason varchar,
        primary key (decision_id, customer_id)
    );
    create table if not exists decision_values (
        decision_id integer not null,
        customer_id varchar not null,
        criterion varchar not null,
        value double,                       -- the criterion's raw value (null = unknown)
        contribution double,                -- points of the score (null when unweighted)
        primary key (decision_id, customer_id, criterion)
    );
    """,
    # Cost models: the unit costs of serving a customer (an order, a line, a credit note
    # …), saved by name per data set; at most one of them is the one in use.
    """
    create table if not exists cost_models (
        dataset_id integer not null,
        name varchar not null,
        costs json not null,                -- {unit cost key: decimal as text}
        in_use boolean not null default false,
        saved_at timestamp not null default current_timestamp,
        primary key (dataset_id, name)
    );
    """,
    # Customer plans: the team list, a plan per (data set name, customer number) — by
    # name, so a plan outlives re-imports and replaced periods — with its contacts,
    # goals and activities; every change appended to `plan_changes` (nothing is deleted:
    # rows are archived), and the weekly board of each past week as it was recorded.
    """
    create sequence if not exists plan_seq start 1;
    create sequence if not exists plan_contact_seq start 1;
    create sequence if not exists plan_goal_seq start 1;
    create sequence if not exists plan_activity_seq start 1;
    create sequence if not exists plan_change_seq start 1;
    create table if not exists team_members (
        person varchar primary key,         -- the name owners are chosen by
        role varchar not null default '',
        email varchar not null default '',
        archived boolean not null default false
    );
    create table if not exists plans (
        plan_id integer primary key default nextval('plan_seq'),
        dataset_name varchar not null,
        customer_id varchar not null,
        started_on date not null,           -- targets count sales from this day
        trust integer,                      -- their trust in us, 1 to 5
        choice varchar,                     -- we are their 'first', 'second', 'third' choice
        direction varchar not null default '',  -- where they head in 12-18 months
        notes varchar not null default '',
        archived boolean not null default false
    );
    create table if not exists plan_contacts (
        contact_id integer primary key default nextval('plan_contact_seq'),
        plan_id integer not null,
        name varchar not null,
        role varchar not null default '',   -- CFO, buyer, user ...
        view varchar not null default 'unknown',  -- advocate, neutral, critic, unknown
        note varchar not null default '',
        archived boolean not null default false
    );
    create table if not exists plan_goals (
        goal_id integer primary key default nextval('plan_goal_seq'),
        plan_id integer not null,
        kind varchar not null,              -- revenue, margin, share_of_wallet, nps, free
        title varchar not null default '',
        target decimal(18,4),               -- money in the data set's currency, % or NPS
        measured decimal(18,4),             -- the latest measured value (share, NPS)
        starts_on date not null,
        ends_on date not null,
        closed_on date,                     -- set when the goal is closed
        result varchar,                     -- achieved, missed (when closed)
        follows integer,                    -- the goal this one rolled forward from
        archived boolean not null default false
    );
    create table if not exists plan_activities (
        activity_id integer primary key default nextval('plan_activity_seq'),
        plan_id integer not null,
        goal_id integer,
        title varchar not null,
        owner varchar,                      -- a person of team_members
        due date,
        status varchar not null default 'planned',  -- planned, in_progress, done, cancelled
        completed_on date,                  -- the day it was marked done
        outcome varchar not null default '',
        archived boolean not null default false
    );
    create table if not exists plan_changes (
        change_id bigint primary key default nextval('plan_change_seq'),
        entity varchar not null,            -- team, plan, contact, goal, activity
        entity_id varchar not null,
        plan_id integer,
        action varchar not null,            -- create, update, archive, restore, close
        changes json not null,              -- {field: [before, after]}
        state json not null,                -- the whole row after the change
        changed_by varchar,
        changed_at timestamp not null
    );
    create table if not exists board_weeks (
        dataset_name varchar not null,
        week varchar not null,              -- ISO week, YYYY-Www
        recorded_at timestamp not null,
        board json not null,                -- the board as it was shown
        primary key (dataset_name, week)
    );
    """,
)

SCHEMA_VERSION = len(_MIGRATIONS)


def default_db_path() -> Path:
    """The database file: `$KUNDFOKUS_DB`, else `data/kundfokus.duckdb`."""
    return Path(os.environ.get(DB_ENV) or DEFAULT_DB)


class Store:
    """The database of one Kundfokus installation.

    `path` is a file path (created with its folder when missing) or `":memory:"`.
    """

    def __init__(self, path: str | Path | None = None) -> None:
        target = default_db_path() if path is None else path
        if str(target) != ":memory:":
            Path(target).parent.mkdir(parents=True, exist_ok=True)
        self.path = str(target)
        self._con = duckdb.connect(self.path)
        # DuckDB would take up to 80% of the machine's memory; with a limit it spills
        # large sorts, joins and aggregations to temporary files instead, so an import
        # stays within bounds however big the file. `KUNDFOKUS_DB_MEMORY` (DuckDB units,
        # e.g. `1GB`) changes the limit for one installation.
        memory = os.environ.get("KUNDFOKUS_DB_MEMORY", "").strip() or "256MB"
        memory = memory.replace("'", "''")
        self._con.execute(f"set memory_limit = '{memory}'")
        if self.path != ":memory:":
            # The spill files go beside the database, on the disk the data already uses
            # (an in-memory database keeps DuckDB's default).
            spill = f"{Path(self.path).resolve()}.tmp".replace("'", "''")
            self._con.execute(f"set temp_directory = '{spill}'")
        self._migrate()

    def close(self) -> None:
        """Close the connection (tests and the command line; the app keeps it open)."""
        self._con.close()

    def _migrate(self) -> None:
        with self.transaction() as cur:
            cur.execute("create table if not exists schema_version (version integer not null)")
            row = cur.execute("select max(version) from schema_version").fetchall()[0]
            current = row[0] or 0
            for version in range(current, SCHEMA_VERSION):
                cur.execute(_MIGRATIONS[version])
                cur.execute("insert into schema_version values (?)", [version + 1])

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
            except BaseException:
                cur.execute("rollback")
                cur.close()
                raise
            cur.execute("commit")
            cur.close()

    # --- data sets -------------------------------------------------------------------

    def datasets(self) -> pl.DataFrame:
        """All data sets with their line counts, newest first."""
        return self.query(
            """
            select d.dataset_id, d.name, d.is_demo, d.created_at, d.currency,
                   count(s.dataset_id) as lines
            from datasets d left join sales_lines s using (dataset_id)
            group by all order by d.dataset_id desc
            """
        )

    def dataset_id(self, name: str) -> int | None:
        """The id of the data set called `name`, or None."""
        value = self.scalar("select dataset_id from datasets where name = ?", [name])
        return None if value is None else int(value)

    def dataset_currency(self, name: str) -> str | None:
        """The currency (ISO code) of data set `name`, or None when there is no such set."""
        value = self.scalar("select currency from datasets where name = ?", [name])
        return None if value is None else str(value)

    def currency(self, dataset_id: int) -> str:
        """The currency (ISO code) the amounts of a data set are in (SEK when unknown)."""
        value = self.scalar("select currency from datasets where dataset_id = ?", [dataset_id])
        return DEFAULT_CURRENCY if value is None else str(value)

    def ensure_dataset(
        self,
        cur: duckdb.DuckDBPyConnection,
        name: str,
        *,
        demo: bool,
        currency: str = DEFAULT_CURRENCY,
    ) -> int:
        """The id of data set `name`, created (in `currency`) inside the caller's
        transaction when new."""
        rows = cur.execute("select dataset_id from datasets where name = ?", [name]).fetchall()
        if rows:
            return int(rows[0][0])
        cur.execute(
            "insert into datasets (name, is_demo, currency) values (?, ?, ?)",
            [name, demo, currency],
        )
        return int(cur.execute("select currval('dataset_seq')").fetchall()[0][0])

    def imports(self, dataset_id: int) -> pl.DataFrame:
        """The import history of a data set, newest first."""
        return self.query(
            """
            select import_id, kind, file_name, imported_at, rows_read, rows_loaded,
                   rows_rejected, revenue_loaded, revenue_rejected, first_date, last_date,
                   cost_source, duplicate_lines, replaced_lines, warnings, currency
            from imports where dataset_id = ? order by import_id desc
            """,
            [dataset_id],
        )

    def rejected_rows(self, import_id: int) -> pl.DataFrame:
        """The rows an import could not use, with line number, reason and raw values."""
        return self.query(
            """
            select line_no, sheet, reason, revenue, raw from rejected_rows
            where import_id = ? order by sheet nulls first, line_no
            """,
            [import_id],
        )

    def delete_import(self, import_id: int) -> None:
        """Remove one import: its lines, rejected rows and master data go, nothing else."""
        with self.transaction() as cur:
            cur.execute("delete from sales_lines where import_id = ?", [import_id])
            cur.execute("delete from rejected_rows where import_id = ?", [import_id])
            cur.execute("delete from customers where import_id = ?", [import_id])
            cur.execute("delete from imports where import_id = ?", [import_id])

    def dataset_summary(self, dataset_id: int) -> dict:
        """Headline facts of a data set: period, customers, lines, revenue (currency) and
        gross margin, and `margin_coverage`, the share of revenue (0–1) whose cost is known.
        """
        row = self.query(
            """
            select count(*) as lines,
                   count(distinct customer_id) as customers,
                   min(invoice_date) as first_date,
                   max(invoice_date) as last_date,
                   coalesce(sum(revenue), 0) as revenue,
                   sum(revenue - cost) as gross_margin,
                   sum(case when cost is not null then abs(revenue) else 0 end)
                       / nullif(sum(abs(revenue)), 0) as margin_coverage
            from sales_lines where dataset_id = ?
            """,
            [dataset_id],
        ).row(0, named=True)
        row["imports"] = int(
            self.scalar("select count(*) from imports where dataset_id = ?", [dataset_id])
        )
        return row

    def customer_summary(self, dataset_id: int) -> pl.DataFrame:
        """Per customer over the whole data set: revenue, gross margin (null when any of
        the customer's cost is unknown), invoices, first and last purchase date.
        """
        return self.query(
            """
            select customer_id,
                   any_value(customer_name order by invoice_date desc) as customer_name,
                   sum(revenue) as revenue,
                   case when count(cost) = count(*) then sum(revenue - cost) end
                       as gross_margin,
                   count(distinct coalesce(invoice_number,
                                           customer_id || '|' || invoice_date::varchar))
                       as invoices,
                   min(invoice_date) as first_purchase,
                   max(invoice_date) as last_purchase
            from sales_lines where dataset_id = ?
            group by customer_id order by revenue desc, customer_id
            """,
            [dataset_id],
        )

    def profiles(self) -> pl.DataFrame:
        """Saved import profiles (name, header signature, mapping as JSON)."""
        return self.query("select name, signature, mapping, saved_at from import_profiles")

    def fingerprint(self) -> tuple:
        """Row counts and sums of every table: equal fingerprints mean nothing changed."""
        tables = (
            "datasets",
            "imports",
            "sales_lines",
            "rejected_rows",
            "customers",
            "import_profiles",
            "weight_sets",
            "team_scores",
        )
        counts = tuple(self.scalar(f"select count(*) from {t}") for t in tables)
        sums = self.scalar("select sum(revenue) from sales_lines")
        return (*counts, sums)

    # --- weight sets and the team's scores ------------------------------------------

    def save_weight_set(self, name: str, weights: dict[str, float]) -> None:
        """Save weights under `name` (replacing a set of that name)."""
        name = name.strip()
        if not name:
            msg = "A weight set needs a name."
            raise ValueError(msg)
        with self.transaction() as cur:
            cur.execute("delete from weight_sets where name = ?", [name])
            cur.execute(
                "insert into weight_sets (name, weights) values (?, ?)",
                [name, json.dumps(weights)],
            )

    def weight_sets(self) -> dict[str, dict[str, float]]:
        """All saved weight sets, newest first: {name: {criterion: weight}}."""
        rows = self.query("select name, weights from weight_sets order by saved_at desc, name")
        return {name: json.loads(weights) for name, weights in rows.iter_rows()}

    def dataset_weights(self, dataset_id: int) -> dict[str, float] | None:
        """The focus list's weights of a data set ({criterion: weight}), or None while the
        team has not changed the defaults."""
        raw = self.scalar("select weights from dataset_weights where dataset_id = ?", [dataset_id])
        return None if raw is None else {k: float(v) for k, v in json.loads(raw).items()}

    def save_dataset_weights(self, dataset_id: int, weights: dict[str, float] | None) -> None:
        """Keep `weights` as the data set's focus-list weights; None returns it to the
        defaults. Weights must be non-negative numbers."""
        if weights is not None and any(not w >= 0 for w in weights.values()):
            msg = "Weights must be non-negative numbers."
            raise ValueError(msg)
        with self.transaction() as cur:
            cur.execute("delete from dataset_weights where dataset_id = ?", [dataset_id])
            if weights is not None:
                cur.execute(
                    "insert into dataset_weights (dataset_id, weights) values (?, ?)",
                    [dataset_id, json.dumps({k: float(w) for k, w in weights.items()})],
                )

    def save_team_scores(self, dataset_id: int, scores: pl.DataFrame, *, by: str | None) -> int:
        """Store the team's 1–5 scores: `scores` has customer_id, criterion and value
        (null removes an assessment). Returns the number of scores written or removed.
        """
        bad = scores.filter(pl.col("value").is_not_null() & ~pl.col("value").is_between(1, 5))
        if not bad.is_empty():
            msg = "Team scores must be between 1 and 5 (blank = not assessed)."
            raise ValueError(msg)
        frame = scores.select(  # noqa: F841 - read by DuckDB below
            pl.col("customer_id").cast(pl.String),
            pl.col("criterion").cast(pl.String),
            pl.col("value").cast(pl.Float64),
        )
        with self.transaction() as cur:
            cur.execute(
                "delete from team_scores t using frame f where t.dataset_id = ? "
                "and t.customer_id = f.customer_id and t.criterion = f.criterion",
                [dataset_id],
            )
            cur.execute(
                "insert into team_scores (dataset_id, customer_id, criterion, value, "
                "assessed_by) select ?, customer_id, criterion, value, ? from frame "
                "where value is not null",
                [dataset_id, by],
            )
        return scores.height

    def team_scores(self, dataset_id: int) -> pl.DataFrame:
        """The team's scores, long: customer_id, criterion, value, assessed_by, assessed_at."""
        return self.query(
            "select customer_id, criterion, value, assessed_by, assessed_at "
            "from team_scores where dataset_id = ? order by customer_id, criterion",
            [dataset_id],
        )
