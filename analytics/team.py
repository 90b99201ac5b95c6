"""The team's own 1–5 scores: the wide table to edit, what changed, and score files.

The team scores five criteria per customer by hand (`analytics.scoring.TEAM_CRITERIA`:
strategic fit, potential, dependency, relationship, satisfaction), 1 to 5, blank = not
assessed. The store keeps them long (customer_id, criterion, value); the interface edits
them wide (one row per customer, one column per criterion). A file of scores (CSV, Excel,
Parquet) is read through the importer's `open_source`, its headers matched with the
synonyms below, and every row that cannot be used is reported with its line number and
reason — never silently dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from analytics.ingest.errors import printable
from analytics.ingest.mapping import auto_map, match_headers, synonym_index
from analytics.ingest.source import open_source
from analytics.ingest.synonyms import SYNONYMS, normalise_header
from analytics.scoring import TEAM_CRITERIA
from analytics.store import Store

__all__ = [
    "SCORE_MAX",
    "SCORE_MIN",
    "TEAM_FILE_ERRORS",
    "TEAM_REJECT_REASONS",
    "TEAM_SYNONYMS",
    "TeamScoreError",
    "TeamScoreFile",
    "assessment_rows",
    "last_assessment",
    "parse_team_scores",
    "recent_revenue",
    "score_changes",
    "team_score_table",
]

SCORE_MIN = 1.0
SCORE_MAX = 5.0

# Header names of the team criteria in Swedish, Danish, Norwegian, English and German,
# compared after `normalise_header`. Earlier names win over later ones.
TEAM_SYNONYMS: dict[str, tuple[str, ...]] = {
    "strategic_fit": (
        "strategic_fit",
        "strategisk passform",
        "strategisk pasform",
        "strategisk match",
        "strategisk betydelse",
        "strategisk betydning",
        "strategisk",
        "strategi",
        "strategic fit",
        "strategy fit",
        "strategic",
        "strategische passung",
    ),
    "potential": (
        "potential",
        "potentiale",
        "potensial",
        "tillväxtpotential",
        "vækstpotentiale",
        "vekstpotensial",
        "growth potential",
        "potenzial",
    ),
    "dependency": (
        "dependency",
        "beroende",
        "afhængighed",
        "avhengighet",
        "dependence",
        "abhängigkeit",
        "hur ont skulle det göra",
        "impact if lost",
    ),
    "relationship": (
        "relationship",
        "relation",
        "relationen",
        "kundrelation",
        "kunderelation",
        "relasjon",
        "kunderelasjon",
        "forhold",
        "beziehung",
    ),
    "satisfaction": ("satisfaction", *SYNONYMS["satisfaction"]),
}

# Why a whole score file cannot be used (`TeamScoreError.code`).
TEAM_FILE_ERRORS = ("no_customer_column", "no_criteria_columns", "header_only")
# Why a row of a score file could not be used, in the order they are tested.
TEAM_REJECT_REASONS = (
    "bad_quotes",
    "too_many_fields",
    "missing_customer",
    "unknown_customer",
    "not_a_number",
    "out_of_range",
)

_INDEX = synonym_index(TEAM_SYNONYMS, key=normalise_header)


class TeamScoreError(ValueError):
    """A score file that cannot be used at all: a stable `code` and message parameters.

    Codes: `TEAM_FILE_ERRORS`.
    """

    def __init__(self, code: str, message: str, **params: object) -> None:
        # Headers and values come from the file: never echo their control characters.
        super().__init__(printable(message))
        self.code = code
        self.params = {k: printable(v) if isinstance(v, str) else v for k, v in params.items()}


@dataclass
class TeamScoreFile:
    """A parsed score file.

    `scores` is long (customer_id, criterion, value 1–5) and only holds cells with a
    value; a blank cell leaves the stored score as it is. `rejected` has line_no, sheet,
    customer_id, reason (one of `TEAM_REJECT_REASONS`), column (the header at fault, null
    for customer reasons) and raw (the cell's text). `mapping` is {field: header}.
    """

    rows_read: int
    rows_used: int
    scores: pl.DataFrame
    rejected: pl.DataFrame
    mapping: dict[str, str] = field(default_factory=dict)

    @property
    def customers(self) -> int:
        """Number of distinct customers with at least one score."""
        return self.scores["customer_id"].n_unique()


def _map_criteria(headers: list[str], taken: set[str]) -> dict[str, str]:
    """{criterion: header} by the synonyms; the best-ranked synonym wins a header."""
    return match_headers(headers, TEAM_CRITERIA, _INDEX, key=normalise_header, taken=taken)


def _number(expr: pl.Expr) -> pl.Expr:
    """Text to a number: decimal comma or point, spaces ignored; null when unreadable."""
    text = expr.str.strip_chars().str.replace_all(r"[\s\u00a0]", "").str.replace(",", ".")
    return text.cast(pl.Float64, strict=False)


def parse_team_scores(
    path: Path,
    *,
    name: str | None = None,
    sheet: str | None = None,
    customers: pl.DataFrame | None = None,
) -> TeamScoreFile:
    """Read a file of the team's 1–5 scores (one row per customer).

    The customer column is found like the importer's (customer number, else name); the
    criteria columns by `TEAM_SYNONYMS`. When `customers` (customer_id, customer_name) is
    given, a row must name one of them: by number, else by name (case-insensitive).
    A row is used whole or rejected whole (the first reason found is reported), so a file
    is never half applied to a customer. Decimals are allowed (a survey average 3.7).

    Raises `TeamScoreError` when there is no customer column, no criteria column or no
    data row, and the importer's `IngestError` when the file cannot be read.
    """
    source = open_source(path, name=name, sheet=sheet)
    try:
        frame = source.frame.collect()
        headers = source.headers
    finally:
        source.close()
    who, criteria = _score_columns(headers)
    if frame.height == 0:
        msg = "The file has headers but no data rows."
        raise TeamScoreError("header_only", msg)
    rows = _with_reasons(_score_rows(frame, who, criteria, customers), criteria)
    rejected = rows.filter(pl.col("reason").is_not_null()).select(
        "line_no",
        "sheet",
        pl.coalesce("customer_id", "given_id", "given_name").alias("customer_id"),
        "reason",
        "column",
        "raw",
    )
    good = rows.filter(pl.col("reason").is_null())
    scores = (
        good.select(
            "line_no",
            "customer_id",
            *[pl.col(f"value_{k}").alias(k) for k in criteria],
        )
        .unpivot(index=["line_no", "customer_id"], variable_name="criterion", value_name="value")
        .drop_nulls("value")
        # A customer listed twice: the last row counts, as in the customer master import.
        .sort("line_no")
        .unique(["customer_id", "criterion"], keep="last", maintain_order=True)
        .sort("customer_id", "criterion")
        .select("customer_id", "criterion", pl.col("value").cast(pl.Float64))
    )
    return TeamScoreFile(
        rows_read=frame.height,
        rows_used=good.height,
        scores=scores,
        rejected=rejected,
        mapping={**who, **criteria},
    )


def _score_columns(headers: list[str]) -> tuple[dict[str, str], dict[str, str]]:
    """The customer columns ({customer_id/customer_name: header}) and the criteria
    columns ({criterion: header}); raises `TeamScoreError` when either is missing."""
    found = ", ".join(headers[:12])
    who = auto_map(headers, fields=("customer_id", "customer_name"))
    if not who:
        msg = f"No column looks like a customer number or name. Columns found: {found}."
        raise TeamScoreError("no_customer_column", msg, columns=found)
    criteria = _map_criteria(headers, set(who.values()))
    if not criteria:
        msg = f"No column looks like a team criterion (1–5). Columns found: {found}."
        raise TeamScoreError("no_criteria_columns", msg, columns=found)
    return who, criteria


def _score_rows(
    frame: pl.DataFrame,
    who: dict[str, str],
    criteria: dict[str, str],
    customers: pl.DataFrame | None,
) -> pl.DataFrame:
    """Per row: line, sheet, the split problems, the customer as given and as resolved
    (`_resolve_customers`), and per criterion its text (`raw_<key>`) and number
    (`value_<key>`)."""

    def text(header: str) -> pl.Expr:
        value = pl.col(header).str.strip_chars()
        return pl.when(value == "").then(None).otherwise(value)

    id_col = text(who["customer_id"]) if "customer_id" in who else pl.lit(None, pl.String)
    name_col = text(who["customer_name"]) if "customer_name" in who else pl.lit(None, pl.String)
    rows = frame.select(
        pl.col("_line").alias("line_no"),
        pl.col("_sheet").alias("sheet"),
        pl.col("_extra").alias("extra"),
        pl.col("_unsplit").alias("unsplit"),
        id_col.alias("given_id"),
        name_col.alias("given_name"),
        *[text(h).alias(f"raw_{k}") for k, h in criteria.items()],
    ).with_columns(_number(pl.col(f"raw_{k}")).alias(f"value_{k}") for k in criteria)
    return _resolve_customers(rows, customers)


def _with_reasons(rows: pl.DataFrame, criteria: dict[str, str]) -> pl.DataFrame:
    """`rows` with `reason` (the first problem found, one of `TEAM_REJECT_REASONS`; null
    when the row is usable), `column` (the header at fault) and `raw` (the text shown)."""
    who_raw = pl.coalesce("given_id", "given_name")
    # (condition, reason, header at fault, the text shown), tested in this order.
    checks: list[tuple[pl.Expr, str, str | None, pl.Expr]] = [
        (pl.col("unsplit").is_not_null(), "bad_quotes", None, pl.col("unsplit")),
        (pl.col("extra").is_not_null(), "too_many_fields", None, pl.col("extra")),
        (pl.col("customer_id").is_null() & pl.col("unknown"), "unknown_customer", None, who_raw),
        (pl.col("customer_id").is_null(), "missing_customer", None, who_raw),
    ]
    for key, header in criteria.items():
        raw, value = pl.col(f"raw_{key}"), pl.col(f"value_{key}")
        bad_number = raw.is_not_null() & (value.is_null() | value.is_nan())
        checks.append((bad_number, "not_a_number", header, raw))
        outside = value.is_not_null() & ~value.is_between(SCORE_MIN, SCORE_MAX)
        checks.append((outside, "out_of_range", header, raw))
    return rows.with_columns(
        _first_match([(c, pl.lit(code)) for c, code, _, _ in checks]).alias("reason"),
        _first_match([(c, pl.lit(h, pl.String)) for c, _, h, _ in checks]).alias("column"),
        _first_match([(c, raw) for c, _, _, raw in checks]).alias("raw"),
    )


def _first_match(cases: list[tuple[pl.Expr, pl.Expr]]) -> pl.Expr:
    """`when(c1).then(v1).when(c2).then(v2)…otherwise(null)`: the value of the first true case."""
    (condition, value), *rest = cases
    chain = pl.when(condition).then(value)
    for condition, value in rest:
        chain = chain.when(condition).then(value)
    return chain.otherwise(None)


def _resolve_customers(rows: pl.DataFrame, customers: pl.DataFrame | None) -> pl.DataFrame:
    """Add `customer_id` (the known id, null when unknown/missing) and `unknown` (bool)."""
    given = pl.col("given_id").is_not_null() | pl.col("given_name").is_not_null()
    if customers is None:
        return rows.with_columns(
            pl.coalesce("given_id", "given_name").alias("customer_id"),
            pl.lit(False).alias("unknown"),
        )
    ids = customers.select(pl.col("customer_id").cast(pl.String).alias("id_match")).unique()
    names = (
        customers.select(
            pl.col("customer_name").str.strip_chars().str.to_lowercase().alias("name_key"),
            pl.col("customer_id").cast(pl.String).alias("name_match"),
        )
        .drop_nulls("name_key")
        .unique("name_key", keep="first", maintain_order=True)
    )
    resolved = (
        rows.with_columns(pl.col("given_name").str.to_lowercase().alias("name_key"))
        .join(ids, left_on="given_id", right_on="id_match", how="left", coalesce=False)
        .join(names, on="name_key", how="left")
    )
    return resolved.with_columns(
        pl.coalesce("id_match", "name_match").alias("customer_id"),
        (given & pl.coalesce("id_match", "name_match").is_null()).alias("unknown"),
    ).drop("id_match", "name_match", "name_key")


def team_score_table(store: Store, *, dataset_id: int) -> pl.DataFrame:
    """The team's stored scores, wide: customer_id and one 1–5 column per team criterion
    (null = not assessed). Customers without any score are not in the table.
    """
    long = store.team_scores(dataset_id)
    schema = {"customer_id": pl.String, **dict.fromkeys(TEAM_CRITERIA, pl.Float64)}
    if long.is_empty():
        return pl.DataFrame(schema=schema)
    wide = long.pivot(on="criterion", index="customer_id", values="value")
    missing = [pl.lit(None, pl.Float64).alias(k) for k in TEAM_CRITERIA if k not in wide.columns]
    return wide.with_columns(missing).select(
        pl.col("customer_id"), *[pl.col(k).cast(pl.Float64) for k in TEAM_CRITERIA]
    )


def recent_revenue(customers: pl.DataFrame, recent: pl.DataFrame) -> pl.DataFrame:
    """Every customer of `customers` (customer_id, customer_name) with `revenue` from
    `recent`, the per-customer table of the last 12 months: 0 for a customer without
    purchases in that period (still listed, so it can be assessed)."""
    return (
        customers.select(
            pl.col("customer_id").cast(pl.String), pl.col("customer_name").cast(pl.String)
        )
        .join(
            recent.select(
                pl.col("customer_id").cast(pl.String), pl.col("revenue").cast(pl.Float64)
            ),
            on="customer_id",
            how="left",
        )
        .with_columns(pl.col("revenue").fill_null(0.0))
    )


def assessment_rows(
    customers: pl.DataFrame,
    stored: pl.DataFrame,
    *,
    search: str = "",
    top: int | None = None,
    unassessed_only: bool = False,
) -> pl.DataFrame:
    """The rows the team edits: customer_id, customer_name, revenue (currency) and one
    1–5 column per team criterion (the team's own scores from `team_score_table`, null =
    not assessed), largest revenue first (ties by customer id).

    `customers` has customer_id, customer_name and revenue (the per-customer table).
    `search` keeps customers whose id or name contains it (case-insensitive);
    `unassessed_only` keeps customers without any team score; `top` then keeps the first
    `top` rows (None or 0 = all).
    """
    rows = customers.select(
        pl.col("customer_id").cast(pl.String),
        pl.col("customer_name").cast(pl.String),
        pl.col("revenue").cast(pl.Float64),
    ).join(stored.select("customer_id", *TEAM_CRITERIA), on="customer_id", how="left")
    needle = search.strip().lower()
    if needle:
        rows = rows.filter(
            pl.col("customer_id").str.to_lowercase().str.contains(needle, literal=True)
            | pl.col("customer_name")
            .str.to_lowercase()
            .str.contains(needle, literal=True)
            .fill_null(False)
        )
    if unassessed_only:
        rows = rows.filter(pl.all_horizontal(pl.col(k).is_null() for k in TEAM_CRITERIA))
    rows = rows.sort(["revenue", "customer_id"], descending=[True, False], nulls_last=True)
    return rows.head(top) if top else rows


def last_assessment(store: Store, *, dataset_id: int) -> dict | None:
    """When and by whom the team last saved a score, with counts; None before any.

    Keys: `assessed_at` (timestamp), `assessed_by` (text or None), `customers` (number of
    customers with at least one score), `scores` (number of stored scores).
    """
    long = store.team_scores(dataset_id)
    if long.is_empty():
        return None
    latest = long.sort("assessed_at", descending=True, nulls_last=True).row(0, named=True)
    return {
        "assessed_at": latest["assessed_at"],
        "assessed_by": latest["assessed_by"],
        "customers": long["customer_id"].n_unique(),
        "scores": long.height,
    }


def score_changes(before: pl.DataFrame, after: pl.DataFrame) -> pl.DataFrame:
    """The cells that differ between two wide score tables, long.

    Both have customer_id and some of the team criteria columns (1–5, null = not
    assessed), the same customers in any order. Returns customer_id, criterion, value
    (the new value; null = the assessment was cleared), ready for
    `Store.save_team_scores`. A changed value is compared with a tolerance of 1e-9.
    """
    keys = [k for k in TEAM_CRITERIA if k in before.columns and k in after.columns]
    schema = {"customer_id": pl.String, "criterion": pl.String, "value": pl.Float64}
    if not keys:
        return pl.DataFrame(schema=schema)

    def long(frame: pl.DataFrame, name: str) -> pl.DataFrame:
        return frame.select(
            pl.col("customer_id").cast(pl.String), *[pl.col(k).cast(pl.Float64) for k in keys]
        ).unpivot(index="customer_id", variable_name="criterion", value_name=name)

    joined = long(before, "old").join(long(after, "value"), on=["customer_id", "criterion"])
    changed = (pl.col("old").is_null() != pl.col("value").is_null()) | (
        (pl.col("old") - pl.col("value")).abs() > 1e-9
    )
    return (
        joined.filter(changed.fill_null(False))
        .select("customer_id", "criterion", "value")
        .sort("customer_id", "criterion")
    )
