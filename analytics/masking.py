"""Masked customer names: stable pseudonyms per data set ("Kund A01", by rank).

Every place that hides customers uses these codes: the app's pages when "mask names" is
on (tables, charts, tooltips, downloads), the deck and the workshop pack. The code is the
customer's rank of revenue over the whole data set, so it is the same for every period,
weight and page and the room can talk about "A03" all day.

Pure computation (no Streamlit).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import polars as pl

from analytics.store import Store

__all__ = ["mask_names", "mask_text", "pseudonym_code", "pseudonyms"]

# Codes per letter: A01 … A99, then B01.
_PER_CODE = 99


def pseudonym_code(rank: int) -> str:
    """1 → `A01`, 99 → `A99`, 100 → `B01`, …, after Z: `AA01`."""
    block, position = divmod(rank - 1, _PER_CODE)
    letters = ""
    block += 1
    while block:
        block, rest = divmod(block - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return f"{letters}{position + 1:02d}"


def pseudonyms(store: Store, *, dataset_id: int) -> dict[str, str]:
    """Each customer id's code (`A01`, `A02`, … `A99`, `B01`, …) by rank of revenue over
    the whole data set (largest first, ties by customer id). Changes only when an import
    changes the ranking."""
    ranked = store.query(
        "select customer_id from sales_lines where dataset_id = ? group by customer_id "
        "order by sum(revenue) desc, customer_id",
        [dataset_id],
    )
    return {cid: pseudonym_code(rank) for rank, cid in enumerate(ranked["customer_id"], start=1)}


def mask_names(
    frame: pl.DataFrame, codes: Mapping[str, str], *, template: str, column: str = "customer_name"
) -> pl.DataFrame:
    """`frame` with `column` (the customer's name) replaced by `template` filled with the
    customer's code (`"Kund {code}"` → `Kund A01`), by its `customer_id`. A customer
    without a code (none in the data set's lines) gets `template` with `?`. The
    `customer_id` column is kept: it is what the program looks customers up by."""
    labels = {cid: template.format(code=code) for cid, code in codes.items()}
    return frame.with_columns(
        pl.col("customer_id")
        .replace_strict(labels, default=template.format(code="?"), return_dtype=pl.String)
        .alias(column)
    )


def mask_text(text: str, labels: Mapping[str, str]) -> str:
    """`text` (a goal or an activity the team wrote) with every customer name or number
    in `labels` replaced by its label (`{"Alfa AB": "Kund A01"}`): whole words only, any
    case, the longest name first."""
    names = sorted((n for n in labels if n and n.strip()), key=len, reverse=True)
    if not text or not names:
        return text
    by_lower = {name.lower(): labels[name] for name in names}
    pattern = re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)", re.IGNORECASE
    )
    return pattern.sub(lambda m: by_lower.get(m.group(0).lower(), m.group(0)), text)
