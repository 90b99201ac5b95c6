"""What the store keeps, as methods of `analytics.store.Store`: the data sets with their
imports and summaries, and the weights and the team's scores.

The classes here are mixins: they read with `self.query` / `self.scalar` and write in
`self.transaction()` or `self.replace_row()`, which `Store` defines.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import TypedDict

import duckdb
import polars as pl

from analytics.money import DEFAULT_CURRENCY

__all__ = ["DatasetRecords", "DatasetSummary", "WeightRecords", "long_scores"]


def long_scores(scores: pl.DataFrame) -> pl.DataFrame:
    """1–5 scores as stored: `customer_id`, `criterion` (text) and `value` (a number;
    null = not assessed), one row per customer and criterion."""
    return scores.select(
        pl.col("customer_id").cast(pl.String),
        pl.col("criterion").cast(pl.String),
        pl.col("value").cast(pl.Float64),
    )


class DatasetSummary(TypedDict):
    """Headline facts of a data set (`DatasetRecords.dataset_summary`); amounts exact,
    in the data set's currency, None (dates, margin, coverage) without lines or cost."""

    lines: int
    customers: int
    first_date: date | None
    last_date: date | None
    revenue: Decimal
    gross_margin: Decimal | None
    margin_coverage: float | None
    imports: int


class DatasetRecords:
    """Data sets, their imports, rejected rows and summaries, and saved import profiles."""

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

    def dataset_summary(self, dataset_id: int) -> DatasetSummary:
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


class WeightRecords:
    """Saved weight sets, each data set's focus-list weights, and the team's 1–5 scores."""

    def save_weight_set(self, name: str, weights: dict[str, float]) -> None:
        """Save weights under `name` (replacing a set of that name)."""
        name = name.strip()
        if not name:
            msg = "A weight set needs a name."
            raise ValueError(msg)
        self.replace_row("weight_sets", {"name": name}, {"weights": json.dumps(weights)})

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
        self.replace_row(
            "dataset_weights",
            {"dataset_id": dataset_id},
            None
            if weights is None
            else {"weights": json.dumps({k: float(w) for k, w in weights.items()})},
        )

    def save_team_scores(self, dataset_id: int, scores: pl.DataFrame, *, by: str | None) -> int:
        """Store the team's 1–5 scores: `scores` has customer_id, criterion and value
        (null removes an assessment). Returns the number of scores written or removed.
        """
        bad = scores.filter(pl.col("value").is_not_null() & ~pl.col("value").is_between(1, 5))
        if not bad.is_empty():
            msg = "Team scores must be between 1 and 5 (blank = not assessed)."
            raise ValueError(msg)
        frame = long_scores(scores)  # noqa: F841 - read by DuckDB below
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
