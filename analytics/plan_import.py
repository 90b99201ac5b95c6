"""Import existing account plans from Excel or CSV: one row per activity.

Columns: customer number (or name), goal, activity, owner, due date and status, with
Swedish or English headers (`PLAN_SYNONYMS`, matched like a sales export's headers by
`analytics.ingest.mapping.auto_map`). The file is opened by the importer's
`open_source` (any delimiter, encoding, title lines, sheets), the due dates read in the
format most of them have (`analytics.ingest.parse`), and every row that cannot be used
is kept with its line and reason (`PLAN_REJECT_REASONS`) in `rejected_rows`, as for a
sales import, under an import of kind `plans`.

A usable row creates the customer's plan when it has none, the goal (a free goal with
that title) when the plan has no goal of that title, and the activity — or updates the
activity of the same title in that plan (owner, due date, status, goal), so importing an
updated sheet again brings the plans up to date instead of doubling them. An owner not
yet in the team list is added to it. Everything is logged like any other change.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

import polars as pl

from analytics.ingest.errors import IngestError
from analytics.ingest.mapping import auto_map, check_mapping, mapping_json
from analytics.ingest.parse import DATE_FORMATS, choose_date_format, date_evidence, parse_date
from analytics.ingest.profiles import find_profile
from analytics.ingest.report import ImportCounts
from analytics.ingest.source import file_hash, open_source
from analytics.ingest.synonyms import SYNONYMS, header_key
from analytics.plans import Batch, batch
from analytics.store import Store

__all__ = [
    "PLAN_FIELDS",
    "PLAN_FILE_ERRORS",
    "PLAN_REJECT_REASONS",
    "PLAN_SYNONYMS",
    "STATUS_WORDS",
    "PlanColumns",
    "PlanImportReport",
    "import_plans",
    "plan_columns",
]

PLAN_FIELDS: tuple[str, ...] = (
    "customer_id",
    "customer_name",
    "goal",
    "activity",
    "owner",
    "due",
    "status",
)
PLAN_SYNONYMS: dict[str, tuple[str, ...]] = {
    "customer_id": SYNONYMS["customer_id"],
    "customer_name": SYNONYMS["customer_name"],
    "goal": ("mål", "mal", "delmål", "målsättning", "kundmål", "goal", "objective", "target"),
    "activity": (
        "aktivitet", "aktiviteter", "åtgärd", "atgard", "uppgift", "activity", "action",
        "task", "next step", "nästa steg",
    ),
    "owner": (
        "ansvarig", "ägare", "agare", "utförs av", "owner", "responsible", "assigned to",
        "activity owner",
    ),
    "due": (
        "klart senast", "deadline", "slutdatum", "förfallodatum", "datum", "klart datum",
        "due date", "due", "date", "when", "när",
    ),
    "status": ("status", "läge", "state", "progress"),
}  # fmt: skip

# Words of a status column (compared by `header_key`); a blank status is planned.
STATUS_WORDS: dict[str, tuple[str, ...]] = {
    "planned": ("planned", "planerad", "planerat", "ej påbörjad", "not started", "to do",
                "todo", "open", "öppen", "ny", "new"),
    "in_progress": ("in progress", "pågår", "pågående", "påbörjad", "started", "ongoing",
                    "doing"),
    "done": ("done", "klar", "klart", "genomförd", "utförd", "avklarad", "completed",
             "complete", "finished"),
    "cancelled": ("cancelled", "canceled", "avbruten", "inställd", "struken", "dropped"),
}  # fmt: skip
_STATUS_OF = {header_key(w): status for status, words in STATUS_WORDS.items() for w in words}

# Why the whole file cannot be used (`IngestError.code`), besides the codes of
# `open_source` (empty_file, unreadable, header_only …).
PLAN_FILE_ERRORS = (
    "no_customer_column",
    "plan_no_activity_column",
    "plan_no_owner_column",
    "plan_no_dataset",
    "header_only",
    "nothing_loaded",
)
# Why a row could not be used, in the order they are tested.
PLAN_REJECT_REASONS = (
    "bad_quotes",
    "too_many_fields",
    "missing_customer",
    "unknown_customer",
    "missing_activity",
    "missing_owner",
    "bad_date",
    "bad_status",
)
# The cell a rejected row's `value` shows, by reason; the customer as given otherwise.
_REJECTED_CELL = {"bad_date": "due_text", "bad_status": "status_text"}


@dataclass
class PlanImportReport(ImportCounts):
    """What a plans import did; `rejected` holds line_no, sheet, reason and value (the
    cell that failed: the due date of `bad_date`, the status of `bad_status`, else the
    customer as given)."""

    plans_created: int
    goals_created: int
    activities_created: int
    activities_updated: int
    team_added: list[str]
    mapping: dict[str, str]
    rejected: list[dict] = field(default_factory=list)
    rejected_reasons: dict[str, int] = field(default_factory=dict)
    kind: str = "plans"
    profile: str | None = None

    def to_json(self) -> dict:
        """The report as JSON-ready values."""
        return asdict(self)


@dataclass(frozen=True)
class PlanColumns:
    """A plans file's headers, the mapping {field: header} that will be used and the
    saved profile it comes from (None: given or automatic)."""

    headers: list[str]
    mapping: dict[str, str]
    profile: str | None


def _mapping(
    store: Store | None, headers: list[str], mapping: dict[str, str] | None, profile: str | None
) -> PlanColumns:
    """`mapping` when given, else the profile `profile` (or the newest saved for these
    headers), else the automatic mapping by `PLAN_SYNONYMS`."""
    if mapping is not None:
        return PlanColumns(headers, dict(mapping), profile)
    found = None if store is None else find_profile(store, headers, name=profile)
    if found is not None:
        return PlanColumns(headers, found[1], found[0])
    return PlanColumns(headers, auto_map(headers, fields=PLAN_FIELDS, synonyms=PLAN_SYNONYMS), None)


def plan_columns(
    path: Path,
    *,
    store: Store | None = None,
    name: str | None = None,
    sheet: str | None = None,
    profile: str | None = None,
) -> PlanColumns:
    """The headers of a plans file and the mapping an import would use (see `_mapping`),
    without checking it: for the user to see and change before importing."""
    source = open_source(path, name=name, sheet=sheet)
    try:
        return _mapping(store, source.headers, None, profile)
    finally:
        source.close()


def _read(
    path: Path,
    *,
    name: str | None,
    sheet: str | None,
    store: Store,
    mapping: dict[str, str] | None,
    profile: str | None,
) -> tuple[pl.DataFrame, PlanColumns]:
    """The file's rows with text columns customer_id, customer_name, goal, activity,
    owner, due_text, status_text, due (a date) and the source's _line, _sheet, _extra,
    _unsplit; and the columns used."""
    source = open_source(path, name=name, sheet=sheet)
    try:
        columns = _mapping(store, source.headers, mapping, profile)
        mapping = columns.mapping
        check_mapping(mapping, source.headers, kind="plans")
        frame = source.frame.collect()
    finally:
        source.close()
    if frame.height == 0:
        raise IngestError("header_only", "The file has a header but no data rows.")

    def text(fld: str) -> pl.Expr:
        if fld not in mapping:
            return pl.lit(None, dtype=pl.String)
        value = pl.col(mapping[fld]).str.strip_chars()
        return pl.when(value == "").then(None).otherwise(value)

    fmt = "iso"
    if "due" in mapping:
        counts = frame.select(date_evidence(mapping["due"])).row(0, named=True)
        chosen, _ = choose_date_format({f: counts[f"{mapping['due']}__{f}"] for f in DATE_FORMATS})
        fmt = chosen or "iso"
    rows = frame.select(
        "_line", "_sheet", "_extra", "_unsplit",
        *(text(f).alias(f) for f in ("customer_id", "customer_name", "goal", "activity", "owner")),
        text("due").alias("due_text"),
        text("status").alias("status_text"),
    ).with_columns(parse_date(pl.col("due_text"), fmt=fmt).alias("due"))  # fmt: skip
    return rows, columns


def _known_customers(store: Store, dataset: str) -> tuple[set[str], dict[str, str]]:
    """The data set's customer numbers and {lower-case name: number}."""
    frame = store.query(
        """
        select distinct s.customer_id, s.customer_name from sales_lines s
        join datasets d using (dataset_id) where d.name = $d
        union
        select c.customer_id, c.customer_name from customers c
        join datasets d using (dataset_id) where d.name = $d
        """,
        {"d": dataset},
    )
    names = {
        str(n).strip().lower(): c for c, n in frame.iter_rows() if n is not None and str(n).strip()
    }
    return set(frame["customer_id"].to_list()), names


def _reason(row: dict, customer: str | None) -> str | None:
    """The first reason (`PLAN_REJECT_REASONS`) the row cannot be used, or None."""
    given = row["customer_id"] or row["customer_name"]
    status = row["status_text"]
    checks = (
        (row["_unsplit"] is not None, "bad_quotes"),
        (row["_extra"] is not None, "too_many_fields"),
        (given is None, "missing_customer"),
        (customer is None, "unknown_customer"),
        (row["activity"] is None, "missing_activity"),
        (row["owner"] is None, "missing_owner"),
        (row["due_text"] is not None and row["due"] is None, "bad_date"),
        (status is not None and header_key(status) not in _STATUS_OF, "bad_status"),
    )
    return next((reason for failed, reason in checks if failed), None)


def _raw(row: dict, mapping: dict[str, str]) -> str:
    values = {mapping[f]: row[f if f not in ("due", "status") else f"{f}_text"] for f in mapping}
    return json.dumps(values, ensure_ascii=False)


class _Counts:
    def __init__(self) -> None:
        self.plans = self.goals = self.created = self.updated = 0
        self.team: list[str] = []


def _apply(changes: Batch, dataset: str, row: dict, customer: str, counts: _Counts) -> None:
    """Create or update the plan, goal, owner and activity of one usable row."""
    member = changes.row("team", " ".join(row["owner"].split()))
    if member is None:
        counts.team.append(changes.add("team", person=row["owner"])["person"])
    elif member["archived"]:
        changes.update("team", member["person"], action="restore", archived=False)
    plan_id = changes.plan_id(dataset, customer)
    if plan_id is None:
        plan_id = changes.add("plan", dataset_name=dataset, customer_id=customer)["plan_id"]
        counts.plans += 1
    plan = changes.row("plan", plan_id)
    goal_id = None
    if row["goal"] is not None:
        goal_id = _goal_id(changes, plan_id, row["goal"])
        if goal_id is None:
            start = plan["started_on"]
            end = max(row["due"] or start, start + timedelta(days=364))
            goal_id = changes.add("goal", plan_id=plan_id, kind="free", title=row["goal"],
                                  starts_on=start, ends_on=end)["goal_id"]  # fmt: skip
            counts.goals += 1
    status = _STATUS_OF[header_key(row["status_text"])] if row["status_text"] else "planned"
    values = {"owner": row["owner"], "due": row["due"], "status": status, "goal_id": goal_id}
    found = changes.execute(
        "select activity_id from plan_activities where plan_id = ? "
        "and lower(title) = lower(?) order by activity_id limit 1",
        [plan_id, " ".join(row["activity"].split())],
    )
    if found:
        before = changes.row("activity", found[0][0])
        changes.update("activity", found[0][0], **values)
        counts.updated += int(changes.row("activity", found[0][0]) != before)
    else:
        if status == "done":
            values["completed_on"] = min(row["due"] or date.max, datetime.now().date())
        changes.add("activity", plan_id=plan_id, title=row["activity"], **values)
        counts.created += 1


def _goal_id(changes: Batch, plan_id: int, title: str) -> int | None:
    found = changes.execute(
        "select goal_id from plan_goals where plan_id = ? and lower(title) = lower(?) "
        "and not archived order by closed_on nulls first, goal_id desc limit 1",
        [plan_id, " ".join(title.split())],
    )
    return int(found[0][0]) if found else None


def _sort_rows(
    rows: pl.DataFrame, mapping: dict[str, str], ids: set[str], names: dict[str, str]
) -> tuple[list[tuple[dict, str]], list[dict]]:
    """The usable rows with their customer number, and the rejected ones (line_no, sheet,
    reason, value, raw). A customer number must be known; a name alone is looked up."""
    good: list[tuple[dict, str]] = []
    rejected: list[dict] = []
    for row in rows.iter_rows(named=True):
        given = row["customer_id"] or row["customer_name"]
        customer = given if given in ids else names.get((row["customer_name"] or "").lower())
        if row["customer_id"] is not None and row["customer_id"] not in ids:
            customer = None
        reason = _reason(row, customer)
        if reason is None:
            good.append((row, customer))
        else:
            value = row[_REJECTED_CELL[reason]] if reason in _REJECTED_CELL else given
            rejected.append({"line_no": row["_line"], "sheet": row["_sheet"], "reason": reason,
                             "value": value, "raw": _raw(row, mapping)})  # fmt: skip
    return good, rejected


# Over 60 lines with its signature and docstring (the public options); the body is
# under 45.
def import_plans(
    store: Store,
    path: Path,
    *,
    dataset: str,
    name: str | None = None,
    sheet: str | None = None,
    by: str | None = None,
    mapping: dict[str, str] | None = None,
    profile: str | None = None,
) -> PlanImportReport:
    """Import a file of account plans (one row per activity) into data set `dataset`.

    The columns are read by `mapping` ({field: header}, fields of `PLAN_FIELDS}`) when
    given, else by the saved profile `profile` (or the newest saved for these headers),
    else by their names (`PLAN_SYNONYMS`).

    Usable rows are applied in one transaction with the import's record and its
    rejected rows. Raises `IngestError` (and changes nothing) when the file cannot be
    read, lacks a customer, activity or owner column, or has no usable row
    (`nothing_loaded`, its detail naming lines and reasons).
    """
    name = name or path.name
    if store.dataset_id(dataset) is None:
        raise IngestError(
            "plan_no_dataset", f"There is no data set called {dataset!r}.", dataset=dataset
        )
    rows, columns = _read(
        path, name=name, sheet=sheet, store=store, mapping=mapping, profile=profile
    )
    mapping = columns.mapping
    good, rejected = _sort_rows(rows, mapping, *_known_customers(store, dataset))
    reasons = {r: n for r in PLAN_REJECT_REASONS if (n := sum(x["reason"] == r for x in rejected))}
    if not good:
        detail = ", ".join(f"line {x['line_no']}: {x['reason']}" for x in rejected[:20])
        raise IngestError(
            "nothing_loaded",
            f"None of the {rows.height} rows could be used ({detail}).",
            rows=rows.height,
            detail=detail,
        )
    counts = _Counts()
    with batch(store, by=by) as changes:
        for row, customer in good:
            _apply(changes, dataset, row, customer, counts)
        import_id = _record(changes, path, dataset=dataset, name=name, mapping=mapping,
                            rows=rows.height, rejected=rejected)  # fmt: skip
    return PlanImportReport(
        import_id=import_id,
        file_name=name,
        dataset=dataset,
        rows_read=rows.height,
        rows_loaded=len(good),
        rows_rejected=len(rejected),
        plans_created=counts.plans,
        goals_created=counts.goals,
        activities_created=counts.created,
        activities_updated=counts.updated,
        team_added=counts.team,
        mapping=mapping,
        profile=columns.profile,
        rejected=[{k: x[k] for k in ("line_no", "sheet", "reason", "value")} for x in rejected],
        rejected_reasons=reasons,
    )


def _record(
    changes: Batch,
    path: Path,
    *,
    dataset: str,
    name: str,
    mapping: dict,
    rows: int,
    rejected: list[dict],
) -> int:
    """The import's row in `imports` (kind `plans`) and its rejected rows."""
    import_id = changes.execute(
        """
        insert into imports (dataset_id, kind, file_name, content_hash, file_bytes, mapping,
            rows_read, rows_loaded, rows_rejected, warnings)
        select dataset_id, 'plans', ?, ?, ?, ?, ?, ?, ?, '[]' from datasets where name = ?
        returning import_id
        """,
        [name, file_hash(path), path.stat().st_size, mapping_json(mapping), rows,
         rows - len(rejected), len(rejected), dataset],
    )[0][0]  # fmt: skip
    for x in rejected:
        changes.execute(
            "insert into rejected_rows (import_id, line_no, sheet, reason, raw) "
            "values (?, ?, ?, ?, ?::json)",
            [import_id, x["line_no"], x["sheet"], x["reason"], x["raw"]],
        )
    return int(import_id)
