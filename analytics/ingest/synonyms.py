"""Header synonyms: which column of an export means which field.

Configuration as data, in `synonyms.toml` next to this module (read once, at import):
each canonical field lists the header names seen in Swedish, Danish, Norwegian, English
and German ERP exports (Fortnox, Visma, Business Central, 24SevenOffice, e-conomic, SAP,
Shopify, Stripe, WooCommerce, Excel sheets). Headers are compared by `header_key`, so
case, CamelCase, punctuation, spaces, accents on `à`/`é` and units or currencies
(`Belopp SEK`, `Amount (EUR)`) do not matter.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from pathlib import Path
from typing import TypedDict

__all__ = [
    "AMOUNT_PARTS",
    "DATE_PARTS",
    "EXCLUDED_PARTS",
    "FAILED_STATUSES",
    "MASTER_FIELDS",
    "PREFERRED_PARTS",
    "SALES_FIELDS",
    "SYNONYMS",
    "SYSTEMS",
    "UNIT_WORDS",
    "System",
    "header_key",
    "header_words",
    "normalise_header",
]


class System(TypedDict):
    """An export recognised by headers it always has (`signature`); `mapping` says which
    header (compared with `header_key`) is which field, before the synonyms map the rest.
    """

    name: str
    signature: tuple[str, ...]
    mapping: dict[str, str]


_CONFIG = tomllib.loads((Path(__file__).with_suffix(".toml")).read_text(encoding="utf-8"))

# Canonical fields of a sales line, in the order the mapping is shown to the user.
SALES_FIELDS: tuple[str, ...] = tuple(_CONFIG["sales_fields"])
# Canonical fields of a customer master file.
MASTER_FIELDS: tuple[str, ...] = tuple(_CONFIG["master_fields"])
# The header names of each field; an earlier (more specific) one wins over a later one.
SYNONYMS: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in _CONFIG["synonyms"].items()}
# Currencies, units and time zones a header may carry besides its name.
UNIT_WORDS: frozenset[str] = frozenset(_CONFIG["unit_words"])
# Parts of a header that rule a field out, whatever else the header says.
EXCLUDED_PARTS: dict[str, tuple[str, ...]] = {
    k: tuple(v) for k, v in _CONFIG["excluded_parts"].items()
}
# Parts of a header that make a column the better candidate for an inferred field.
PREFERRED_PARTS: dict[str, tuple[str, ...]] = {
    k: tuple(v) for k, v in _CONFIG["preferred_parts"].items()
}
# A numeric column is a revenue candidate only when its header says it is money.
AMOUNT_PARTS: tuple[str, ...] = tuple(_CONFIG["amount_parts"])
# Headers whose values may be read as dates from serial numbers or `yyyymmdd`.
DATE_PARTS: tuple[str, ...] = tuple(_CONFIG["date_parts"])
# Values of a status column that mean the line is no sale.
FAILED_STATUSES: frozenset[str] = frozenset(_CONFIG["failed_statuses"])
# Exports whose headers the synonyms alone would misread.
SYSTEMS: tuple[System, ...] = tuple(
    System(name=s["name"], signature=tuple(s["signature"]), mapping=dict(s["mapping"]))
    for s in _CONFIG["systems"]
)


def normalise_header(header: str) -> str:
    """Fold a column header for comparing sets of headers (the key of saved profiles).

    Lower case, `à`/`é` without accents (but `å ä ö æ ø` kept: they carry meaning),
    punctuation other than `%`, `-` and `/` turned into spaces, runs of spaces collapsed.
    """
    text = unicodedata.normalize("NFC", str(header)).strip().casefold()
    text = text.replace("à", "a").replace("é", "e").replace("è", "e").replace("\ufeff", "")
    text = re.sub(r"[^\w%/\-]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def _split_camel_case(text: str) -> str:
    """`InvoiceDate` → `Invoice Date`, `CustomerID` → `Customer ID`, `VATAmount` →
    `VAT Amount`; all-capital and all-lower words stay whole."""
    out: list[str] = []
    for i, char in enumerate(text):
        if i and char.isupper():
            before = text[i - 1]
            after = text[i + 1] if i + 1 < len(text) else ""
            if before.islower() or (before.isupper() and after.islower()):
                out.append(" ")
        out.append(char)
    return "".join(out)


def header_words(header: str) -> tuple[str, ...]:
    """The words of a header as the synonyms lookup sees them.

    CamelCase split, lower case, `à`/`é` without accents, `#` read as `no`, every other
    punctuation mark a word break (`%` a word of its own), and units and currencies left
    out (`UNIT_WORDS`): `Amount (EUR)` → `("amount",)`, `Kunde-Nr.` → `("kunde", "nr")`,
    `TB %` → `("tb", "%")`.
    """
    text = unicodedata.normalize("NFC", str(header)).replace("\ufeff", "").strip()
    text = _split_camel_case(text).casefold()
    text = text.replace("à", "a").replace("é", "e").replace("è", "e")
    text = text.replace("#", " no ").replace("%", " % ")
    words = re.sub(r"[^\w%]+|_", " ", text).split()
    kept: list[str] = []
    for word in words:
        if word in UNIT_WORDS:
            if kept and kept[-1] in {"in", "i"}:
                kept.pop()
            continue
        kept.append(word)
    return tuple(kept) if kept else tuple(words)


def header_key(header: str) -> str:
    """A header's words joined without spaces: `Faktura datum`, `Fakturadatum` and
    `FakturaDatum` have the same key, as have `Kunde-Nr.` and `Kundenr`."""
    return "".join(header_words(header))
