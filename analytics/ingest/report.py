"""What an import says: the preview before loading, the report after it, why a row was
rejected and the warnings on the way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal

import polars as pl

from analytics.ingest.decode import SourceKind
from analytics.ingest.errors import IngestError, printable
from analytics.ingest.mapping import FileKind
from analytics.money import DEFAULT_CURRENCY, json_amount

__all__ = ["REJECT_REASONS", "Formats", "ImportCounts", "ImportReport", "Preview", "Progress"]

# Why a row could not be used, in the order they are tested.
REJECT_REASONS = (
    "bad_quotes",
    "too_many_fields",
    "not_a_sale",
    "missing_customer",
    "missing_date",
    "bad_date",
    "implausible_date",
    "missing_amount",
    "bad_amount",
    "amount_too_large",
    "other_currency",
    "bad_number",
    "bad_delivery_date",
)


Formats = dict[str, str]
"""How the values of a file are read: per number field its decimal separator (`","` or
`"."`), per date field its format (a key of `parse.DATE_FORMATS`, such as `iso`) and
`<field>__ambiguous` when the dates fit two; `margin_pct_scale` (`fraction` or
`percent`), and for sales `currency` and `currency_default` (ISO codes). Keyed by field
name, so a plain dict, not a TypedDict."""

Progress = Callable[[float, str], None]
"""Told how far an import is: a fraction 0..1 and the stage ("reading", "parsing", ...)."""


@dataclass
class Preview:
    """What the user sees before loading: headers, the proposed mapping, parsed rows."""

    file_name: str
    kind: SourceKind
    headers: list[str]
    mapping: dict[str, str]
    profile: str | None
    rows: pl.DataFrame
    encoding: str | None
    delimiter: str | None
    sheets: list[str]
    available_sheets: list[str]
    formats: Formats
    problem: IngestError | None = None
    # How the automatic mapping was made where a header did not say it: import warnings
    # (`mapping_system`, `mapping_guess`, `mapping_inferred_date`, ...) naming field and column.
    notes: list[dict] = field(default_factory=list)
    currency: str | None = None  # what the file says (column or sign), None when silent


@dataclass
class ImportCounts:
    """What every import reports first: its record, the file, the data set and the rows
    read, loaded and rejected."""

    import_id: int
    file_name: str
    dataset: str
    rows_read: int
    rows_loaded: int
    rows_rejected: int


@dataclass
class ImportReport(ImportCounts):
    """The outcome of one import; amounts (exact decimals) in `currency`."""

    revenue_loaded: Decimal
    revenue_rejected: Decimal
    customers: int
    first_date: date | None
    last_date: date | None
    mapping: dict[str, str]
    cost_source: str
    duplicate_lines: int
    replaced_lines: int
    warnings: list[dict] = field(default_factory=list)
    rejected_reasons: dict[str, int] = field(default_factory=dict)
    kind: FileKind = "sales"
    currency: str = DEFAULT_CURRENCY

    def to_json(self) -> dict:
        """The report as JSON-ready values (dates as ISO text, amounts as numbers with at
        most four decimals)."""
        data = asdict(self)
        for key in ("first_date", "last_date"):
            value = data[key]
            data[key] = value.isoformat() if value else None
        for key in ("revenue_loaded", "revenue_rejected"):
            data[key] = json_amount(data[key])
        return data


def _noop(_fraction: float, _stage: str) -> None:
    return None


def _warning(code: str, message: str, **params: object) -> dict:
    """A warning of the import report; text from the file (a header) made `printable`."""
    params = {k: printable(v) if isinstance(v, str) else v for k, v in params.items()}
    return {"code": code, "message": printable(message), **params}
