"""Which column of an export is which field: automatic mapping, checks and profiles.

The automatic mapping looks every header up in the synonyms table; a header matching an
earlier (more specific) synonym of a field wins over a later one, so `Kundnr` becomes the
customer id and `Kundnamn` the name even though `Kund` could be either. A saved profile
is keyed by the header signature, so the next export with the same headers maps itself.
"""

from __future__ import annotations

import hashlib
import json

from analytics.ingest.errors import IngestError
from analytics.ingest.synonyms import SALES_FIELDS, SYNONYMS, normalise_header

__all__ = [
    "DATE_FIELDS",
    "NUMBER_FIELDS",
    "auto_map",
    "check_mapping",
    "cost_source",
    "header_signature",
    "mapping_json",
]

NUMBER_FIELDS = frozenset(
    {"revenue", "quantity", "unit_price", "cost", "margin", "margin_pct", "satisfaction", "nps"}
)
DATE_FIELDS = frozenset({"invoice_date", "due_date", "paid_date"})

_SYNONYM_INDEX: dict[str, dict[str, int]] = {
    field: {normalise_header(s): i for i, s in reversed(list(enumerate(names)))}
    for field, names in SYNONYMS.items()
}


def auto_map(headers: list[str], *, fields: tuple[str, ...] = SALES_FIELDS) -> dict[str, str]:
    """Map fields to headers by the synonyms table; returns `{field: header}`.

    Every (field, header) pair that matches a synonym is ranked by the synonym's position
    in the field's list, then by field order, then by column order; pairs are taken best
    first while neither the field nor the header is taken yet.
    """
    pairs = []
    for field_rank, field in enumerate(fields):
        index = _SYNONYM_INDEX.get(field, {})
        for column, header in enumerate(headers):
            rank = index.get(normalise_header(header))
            if rank is not None:
                pairs.append((rank, field_rank, column, field, header))
    mapping: dict[str, str] = {}
    used: set[str] = set()
    for *_, field, header in sorted(pairs):
        if field not in mapping and header not in used:
            mapping[field] = header
            used.add(header)
    return {field: mapping[field] for field in fields if field in mapping}


def header_signature(headers: list[str]) -> str:
    """A stable key for a set of headers (order and case do not matter)."""
    text = "\x1f".join(sorted(normalise_header(h) for h in headers))
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def check_mapping(mapping: dict[str, str], headers: list[str], *, kind: str = "sales") -> None:
    """Raise `IngestError` when a mapping cannot produce usable rows.

    Sales need a customer (id or name), an invoice date and an amount (revenue, or
    quantity and unit price); a customer master needs a customer. Every mapped header must
    exist in the file.
    """
    missing = sorted({h for h in mapping.values() if h not in headers})
    if missing:
        raise IngestError(
            "mapping_unknown_column",
            f"The mapping uses columns the file does not have: {', '.join(missing)}.",
            columns=", ".join(missing),
        )
    found = ", ".join(headers[:12])
    if "customer_id" not in mapping and "customer_name" not in mapping:
        raise IngestError(
            "no_customer_column",
            f"No column looks like a customer number or name. Columns found: {found}.",
            columns=found,
        )
    if kind != "sales":
        return
    if "revenue" not in mapping and not {"quantity", "unit_price"} <= mapping.keys():
        raise IngestError(
            "no_amount_column",
            f"No column looks like an amount (or quantity and unit price). Columns found: {found}.",
            columns=found,
        )
    if "invoice_date" not in mapping:
        raise IngestError(
            "no_date_column",
            f"No column looks like an invoice date. Columns found: {found}.",
            columns=found,
        )


def cost_source(mapping: dict[str, str]) -> str:
    """Where cost comes from: `cost`, `margin` (revenue − margin), `margin_pct`, or `none`."""
    for source in ("cost", "margin", "margin_pct"):
        if source in mapping:
            return source
    return "none"


def mapping_json(mapping: dict[str, str]) -> str:
    """The mapping as JSON text, fields in canonical order."""
    return json.dumps(mapping, ensure_ascii=False)
