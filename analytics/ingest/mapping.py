"""Which column of an export is which field: automatic mapping, checks and profiles.

The automatic mapping first recognises exports whose headers the synonyms would misread
(`SYSTEMS`), then looks every header up in the synonyms table by its `header_key`; a
header matching an earlier (more specific) synonym of a field wins over a later one, so
`Kundnr` becomes the customer id and `Kundnamn` the name even though `Kund` could be
either. What is still unmapped may be *guessed* from a near match (`guess_map`: one
letter off a synonym, never a header ruled out for the field); a guess is only a
proposal the preview marks as such. A saved profile is keyed by the header signature, so
the next export with the same headers maps itself.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Literal

from rapidfuzz.distance import Levenshtein

from analytics.ingest.errors import IngestError
from analytics.ingest.synonyms import (
    EXCLUDED_PARTS,
    SALES_FIELDS,
    SYNONYMS,
    SYSTEMS,
    header_key,
    normalise_header,
)

__all__ = [
    "DATE_FIELDS",
    "DETAIL_FIELDS",
    "NUMBER_FIELDS",
    "FileKind",
    "auto_map",
    "check_mapping",
    "cost_source",
    "excluded",
    "guess_map",
    "header_signature",
    "is_known_header",
    "mapping_json",
    "match_headers",
    "synonym_index",
    "system_of",
]

FileKind = Literal["sales", "customers", "plans"]
"""What a file holds: sales lines, the customer master or account plans."""

NUMBER_FIELDS = frozenset(
    {
        "revenue",
        "quantity",
        "unit_price",
        "cost",
        "margin",
        "margin_pct",
        "satisfaction",
        "nps",
        "refunded",
        "returned_quantity",
        "freight_charged",
        "freight_cost",
        "discount",
    }
)
DATE_FIELDS = frozenset({"invoice_date", "due_date", "paid_date", "delivery_date"})
# Optional details the cost to serve counts (`analytics.costs`): a value that is there but
# cannot be read rejects its line (`bad_number`, `bad_delivery_date`), so that a driver
# never counts silently less than the file says.
DETAIL_FIELDS = (
    "returned_quantity",
    "delivery_date",
    "freight_charged",
    "freight_cost",
    "discount",
    "channel",
    "delivery_method",
)


def synonym_index(
    synonyms: Mapping[str, Sequence[str]], *, key: Callable[[str], str] = header_key
) -> dict[str, dict[str, int]]:
    """`{field: {key(name): position}}` of a synonyms table: where a field's names are
    looked up by the header's `key`, and how good a match is (0 = its first name).
    """
    return {
        field: {key(name): i for i, name in reversed(list(enumerate(names)))}
        for field, names in synonyms.items()
    }


def match_headers(
    headers: Sequence[str],
    fields: Sequence[str],
    index: Mapping[str, Mapping[str, int]],
    *,
    key: Callable[[str], str] = header_key,
    mapping: Mapping[str, str] | None = None,
    taken: Collection[str] = (),
) -> dict[str, str]:
    """Map `fields` to `headers` by a `synonym_index`; returns `{field: header}` in the
    order of `fields`.

    `mapping` (already decided) is kept; headers in it or in `taken` are not used again.
    Every (field, header) pair whose `key` is a synonym of the field is ranked by the
    synonym's position, then by field order, then by column order; pairs are taken best
    first while neither the field nor the header is taken yet.
    """
    chosen = dict(mapping or {})
    used = set(taken) | set(chosen.values())
    pairs = []
    for field_rank, field in enumerate(fields):
        names = index.get(field, {})
        for column, header in enumerate(headers):
            rank = names.get(key(header))
            if rank is not None and header not in used:
                pairs.append((rank, field_rank, column, field, header))
    for *_, field, header in sorted(pairs):
        if field not in chosen and header not in used:
            chosen[field] = header
            used.add(header)
    return {field: chosen[field] for field in fields if field in chosen}


_SYNONYM_INDEX = synonym_index(SYNONYMS)
_KNOWN_KEYS = frozenset(key for index in _SYNONYM_INDEX.values() for key in index)

# A guess is at most this many letters off a synonym, by the synonym's length; shorter
# synonyms (`namn`, `pris`, `kund`) are never guessed: one letter makes another word.
_GUESS_MIN_LENGTH = 5
_GUESS_EDITS = ((10, 2), (_GUESS_MIN_LENGTH, 1))


def is_known_header(header: str) -> bool:
    """True when `header` is a synonym of some field (the header line has such cells)."""
    return header_key(header) in _KNOWN_KEYS


def excluded(field: str, header: str) -> bool:
    """True when the header says it is something the field never is (`EXCLUDED_PARTS`):
    `Due date` is no invoice date, `VAT amount` no revenue."""
    key = header_key(header)
    return any(part in key for part in EXCLUDED_PARTS.get(field, ()))


def system_of(headers: list[str]) -> dict | None:
    """The entry of `SYSTEMS` whose signature headers all occur in `headers`, if any."""
    keys = {header_key(h) for h in headers}
    for system in SYSTEMS:
        if all(header_key(s) in keys for s in system["signature"]):
            return system
    return None


def auto_map(
    headers: list[str],
    *,
    fields: tuple[str, ...] = SALES_FIELDS,
    synonyms: Mapping[str, Sequence[str]] | None = None,
) -> dict[str, str]:
    """Map fields to headers by `SYSTEMS` and the synonyms table; returns `{field: header}`.

    `synonyms` replaces the table `SYNONYMS` for files of another kind (customer plans).
    A recognised system's own mapping comes first, then `match_headers` over the
    synonyms. Headers are compared by `header_key`.
    """
    mapping: dict[str, str] = {}
    used: set[str] = set()
    system = system_of(headers)
    if system is not None:
        by_key: dict[str, str] = {}
        for header in headers:
            by_key.setdefault(header_key(header), header)
        for field, name in system["mapping"].items():
            header = by_key.get(header_key(name))
            if field in fields and header is not None and header not in used:
                mapping[field] = header
                used.add(header)
    index = _SYNONYM_INDEX if synonyms is None else synonym_index(synonyms)
    return match_headers(headers, fields, index, mapping=mapping)


def _allowed_edits(synonym: str) -> int:
    return next((edits for length, edits in _GUESS_EDITS if len(synonym) >= length), 0)


def guess_map(
    headers: list[str], mapping: dict[str, str], *, fields: tuple[str, ...] = SALES_FIELDS
) -> dict[str, tuple[str, str]]:
    """Guess fields `mapping` leaves open from headers one letter off a synonym.

    Returns `{field: (header, synonym)}` for headers not in `mapping`: a header is a guess
    for a field when its key is at most one edit (two for synonyms of ten letters or
    more) from one of the field's synonyms of five letters or more, it is not a synonym
    of any field itself, nothing rules it out for the field (`excluded`), and it is not
    as close to a synonym of another field. `Fakturdatum` → invoice date (like
    `fakturadatum`); `Due date` never becomes an invoice date.
    """
    used = set(mapping.values())
    candidates: list[tuple[int, int, int, str, str, str]] = []
    for column, header in enumerate(headers):
        key = header_key(header)
        if header in used or key in _KNOWN_KEYS or len(key) < _GUESS_MIN_LENGTH:
            continue
        best: dict[str, tuple[int, str]] = {}
        for field in SYNONYMS:
            for synonym in _SYNONYM_INDEX[field]:
                limit = _allowed_edits(synonym)
                if not limit or abs(len(synonym) - len(key)) > limit:
                    continue
                edits = Levenshtein.distance(key, synonym, score_cutoff=limit)
                if edits <= limit and (field not in best or edits < best[field][0]):
                    best[field] = (edits, synonym)
        if not best:
            continue
        closest = min(edits for edits, _ in best.values())
        nearest = [f for f, (edits, _) in best.items() if edits == closest]
        if len(nearest) != 1:
            continue  # as close to two fields: no guess
        field = nearest[0]
        if field in fields and field not in mapping and not excluded(field, header):
            candidates.append((closest, fields.index(field), column, field, header, best[field][1]))
    guesses: dict[str, tuple[str, str]] = {}
    taken: set[str] = set()
    for _edits, _rank, _column, field, header, synonym in sorted(candidates):
        if field not in guesses and header not in taken:
            guesses[field] = (header, synonym)
            taken.add(header)
    return guesses


def header_signature(headers: list[str]) -> str:
    """A stable key for a set of headers (order and case do not matter)."""
    text = "\x1f".join(sorted(normalise_header(h) for h in headers))
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def check_mapping(mapping: dict[str, str], headers: list[str], *, kind: FileKind = "sales") -> None:
    """Raise `IngestError` when a mapping cannot produce usable rows.

    Sales need a customer (id or name), an invoice date and an amount (revenue, or
    quantity and unit price); a customer master needs a customer; account plans a
    customer, an activity and an owner. Every mapped header must
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
    if kind == "plans":
        for fld, code, what in (("activity", "plan_no_activity_column", "an activity"),
                                ("owner", "plan_no_owner_column", "an owner")):  # fmt: skip
            if fld not in mapping:
                raise IngestError(
                    code, f"No column looks like {what}. Columns found: {found}.", columns=found
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
