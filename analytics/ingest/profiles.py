"""Import profiles: a mapping saved under a name, found again by name or by the headers
of the next export.
"""

from __future__ import annotations

import json

from analytics.ingest.errors import IngestError
from analytics.ingest.mapping import FileKind, check_mapping, header_signature, mapping_json
from analytics.store import Store

__all__ = ["find_profile", "save_profile"]


def save_profile(store: Store, name: str, headers: list[str], mapping: dict[str, str]) -> None:
    """Save `mapping` under `name` for exports with these headers (replaces a same name)."""
    name = name.strip()
    if not name:
        raise IngestError("profile_name", "A profile needs a name.")
    check_mapping(mapping, headers, kind=_kind_of(mapping))
    with store.transaction() as cur:
        cur.execute("delete from import_profiles where name = ?", [name])
        cur.execute(
            "insert into import_profiles (name, signature, mapping) values (?, ?, ?)",
            [name, header_signature(headers), mapping_json(mapping)],
        )


def _kind_of(mapping: dict[str, str]) -> FileKind:
    """What a mapping is for: account plans have an activity, sales an invoice date."""
    if "activity" in mapping:
        return "plans"
    return "sales" if "invoice_date" in mapping else "customers"


def find_profile(
    store: Store, headers: list[str], *, name: str | None = None
) -> tuple[str, dict[str, str]] | None:
    """The saved profile called `name`, or else the newest one saved for these headers."""
    if name is not None:
        rows = store.query("select name, mapping from import_profiles where name = ?", [name])
        if rows.is_empty():
            raise IngestError("unknown_profile", f"There is no profile called {name!r}.", name=name)
    else:
        rows = store.query(
            "select name, mapping from import_profiles where signature = ? "
            "order by saved_at desc limit 1",
            [header_signature(headers)],
        )
        if rows.is_empty():
            return None
    row = rows.row(0, named=True)
    return row["name"], json.loads(row["mapping"])
