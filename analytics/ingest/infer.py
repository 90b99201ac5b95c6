"""Propose a mapping for an export: by header, by near match, and from the values.

`propose_mapping` is the automatic mapping the preview starts from. It takes what the
headers say (`auto_map`: recognised systems and synonyms), then guesses fields from
headers one letter off a synonym (`guess_map`), and when no header names the invoice
date or the revenue, infers them from the first rows: a column whose values are dates is
the invoice date candidate, a numeric column whose header names an amount the revenue
candidate. Everything not read straight from a header comes with a note saying which
column was taken and why, in the form of an import warning (`code`, English `message`,
parameters), so that the preview can mark it and the command line can print it.
"""

from __future__ import annotations

import polars as pl

from analytics.ingest.mapping import auto_map, excluded, guess_map, system_of
from analytics.ingest.parse import (
    DATE_FORMATS,
    choose_date_format,
    date_evidence,
    parse_number,
    work_column,
)
from analytics.ingest.synonyms import AMOUNT_PARTS, DATE_PARTS, PREFERRED_PARTS, header_key

__all__ = ["INFER_MIN_SHARE", "INFER_SAMPLE_ROWS", "propose_mapping"]

# Rows read to infer a field from its values, and the share of the non-empty values that
# must read as dates (or numbers) for a column to qualify.
INFER_SAMPLE_ROWS = 1000
INFER_MIN_SHARE = 0.9

# Formats that also read plain numbers (article or customer numbers): a column counts as
# dates by them only when its header says it is a date.
_NUMBER_LIKE_FORMATS = frozenset({"excel_serial", "ymd_compact"})


def _note(code: str, message: str, **params: object) -> dict:
    return {"code": code, "message": message, **params}


def propose_mapping(
    frame: pl.LazyFrame, headers: list[str], *, fields: tuple[str, ...]
) -> tuple[dict[str, str], list[dict]]:
    """The automatic mapping `{field: header}` of an export and notes on how it was made.

    `frame` holds the file's columns as text (a `Source` frame); only its first
    `INFER_SAMPLE_ROWS` rows are read, and only when a required field is not named by
    any header or a discount column is to be checked. Notes (codes `mapping_system`,
    `mapping_guess`, `mapping_inferred_date`, `mapping_inferred_amount`,
    `mapping_discount_rate`) name the field, the column and the reason.
    """
    mapping = auto_map(headers, fields=fields)
    notes: list[dict] = []
    system = system_of(headers)
    if system is not None:
        notes.append(
            _note(
                "mapping_system",
                f"The headers are those of a {system['name']} export and are mapped as such.",
                system=system["name"],
            )
        )
    for fld, (header, synonym) in guess_map(headers, mapping, fields=fields).items():
        mapping[fld] = header
        notes.append(
            _note(
                "mapping_guess",
                f"Column {header!r} is taken as {fld} because its name is close to "
                f"{synonym!r}; check that it is right.",
                field=fld,
                column=header,
                like=synonym,
            )
        )
    if "discount" in mapping and _holds_rates(frame, mapping["discount"]):
        header = mapping.pop("discount")
        notes.append(
            _note(
                "mapping_discount_rate",
                f"Column {header!r} holds shares between 0 and 1, not amounts, so it is not "
                "read as the discount; map it by hand if it is an amount.",
                column=header,
            )
        )
    notes += _infer_from_values(frame, headers, mapping, fields=fields)
    return {fld: mapping[fld] for fld in fields if fld in mapping}, notes


def _infer_from_values(
    frame: pl.LazyFrame, headers: list[str], mapping: dict[str, str], *, fields: tuple[str, ...]
) -> list[dict]:
    """Map the invoice date and the amount by the values of the unmapped columns when no
    header names them (`mapping` is completed in place); returns the notes saying so.
    """
    want_date = "invoice_date" in fields and "invoice_date" not in mapping
    want_amount = (
        "revenue" in fields
        and "revenue" not in mapping
        and not {"quantity", "unit_price"} <= mapping.keys()
    )
    wanted = [fld for fld, want in (("invoice_date", want_date), ("revenue", want_amount)) if want]
    if not wanted:
        return []
    notes: list[dict] = []
    used = set(mapping.values())
    free = [h for h in headers if h not in used]
    sample = frame.select(free).head(INFER_SAMPLE_ROWS).collect()
    for fld in wanted:
        infer, code, message = _INFERENCES[fld]
        found = infer(sample, free)
        if found is not None:
            header, share = found
            mapping[fld] = header
            text = message.format(header=repr(header), share=share)
            notes.append(_note(code, text, field=fld, column=header, share=share))
            free.remove(header)
    return notes


def _holds_rates(frame: pl.LazyFrame, header: str) -> bool:
    """Whether the column's first values read as shares (every number between 0 and 1,
    some above 0): a discount rate such as 0.2, which the cost to serve would otherwise
    count as 0.20 in money."""
    numbers = (
        frame.select(parse_number(pl.col(header), decimal=".").alias("n"))
        .head(INFER_SAMPLE_ROWS)
        .collect()["n"]
        .drop_nulls()
    )
    if numbers.is_empty():
        return False
    return bool(numbers.min() >= 0 and numbers.max() <= 1 and numbers.max() > 0)


def _filled(sample: pl.DataFrame, header: str) -> int:
    column = sample[header]
    return int((column.is_not_null() & (column.str.strip_chars() != "")).sum())


def _best(candidates: list[tuple[bool, int, int, str]]) -> tuple[str, int] | None:
    """The candidate with a preferred header word first, then the highest share, then
    the leftmost column; `(header, share in %)`."""
    if not candidates:
        return None
    _preferred_word, share, _column, header = max(candidates, key=lambda c: (c[0], c[1], -c[2]))
    return header, share


def _preferred(field: str, header: str) -> bool:
    key = header_key(header)
    return any(part in key for part in PREFERRED_PARTS.get(field, ()))


def _infer_date(sample: pl.DataFrame, headers: list[str]) -> tuple[str, int] | None:
    """The column whose values read as dates (`INFER_MIN_SHARE` of those filled)."""
    names = [h for h in headers if not excluded("invoice_date", h) and _filled(sample, h)]
    if not names:
        return None
    evidence = sample.select(e for h in names for e in date_evidence(h)).row(0, named=True)
    candidates = []
    for column, header in enumerate(names):
        datelike = any(part in header_key(header) for part in DATE_PARTS)
        counts = {
            fmt: evidence[f"{header}__{fmt}"]
            for fmt in DATE_FORMATS
            if datelike or fmt not in _NUMBER_LIKE_FORMATS
        }
        fmt, _ambiguous = choose_date_format(counts)
        if fmt is None:
            continue
        share = counts[fmt] / _filled(sample, header)
        if share >= INFER_MIN_SHARE:
            candidates.append(
                (_preferred("invoice_date", header), int(share * 100), column, header)
            )
    return _best(candidates)


def _infer_amount(sample: pl.DataFrame, headers: list[str]) -> tuple[str, int] | None:
    """The column named like an amount whose values read as numbers."""
    candidates = []
    for column, header in enumerate(headers):
        key = header_key(header)
        if excluded("revenue", header) or not any(part in key for part in AMOUNT_PARTS):
            continue
        filled = _filled(sample, header)
        if not filled:
            continue
        value = work_column("value")
        numbers = sample.select(parse_number(pl.col(header), decimal=".").alias(value))[value]
        share = int(numbers.is_not_null().sum()) / filled
        if share >= INFER_MIN_SHARE:
            candidates.append((_preferred("revenue", header), int(share * 100), column, header))
    return _best(candidates)


# A required field no header names, read from the values instead: how, the note's code
# and its message.
_INFERENCES = {
    "invoice_date": (
        _infer_date,
        "mapping_inferred_date",
        "No header names the invoice date; column {header} is taken because {share} % of "
        "its values are dates.",
    ),
    "revenue": (
        _infer_amount,
        "mapping_inferred_amount",
        "No header names the revenue; column {header} is taken because its name is that "
        "of an amount and {share} % of its values are numbers.",
    ),
}
