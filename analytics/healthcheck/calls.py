"""Question 4's calls: for each unprofitable customer the team decides 4a, end the
relationship (`end`), or 4b, it pays off over time (`pays_off`), with a note. One dated
call per customer and data set, kept in `unprofitable_calls`; a call stays when the
customer turns profitable and is shown again if it turns unprofitable later.
"""

from __future__ import annotations

from typing import Literal, get_args

import polars as pl

from analytics.store import Store

__all__ = [
    "CALLS",
    "Call",
    "save_unprofitable_call",
    "unprofitable_calls",
    "unprofitable_customers",
]

Call = Literal["end", "pays_off"]
CALLS: tuple[Call, ...] = get_args(Call)


def save_unprofitable_call(
    store: Store,
    *,
    dataset_id: int,
    customer_id: str,
    call: Call | None,
    note: str = "",
    by: str | None = None,
) -> None:
    """Keep the team's call on one customer of a data set (`end` or `pays_off`, with a
    note), dated now; `call` None removes it."""
    if call is not None and call not in CALLS:
        msg = f"A call is one of {', '.join(CALLS)}, not {call!r}."
        raise ValueError(msg)
    store.replace_row(
        "unprofitable_calls",
        {"dataset_id": dataset_id, "customer_id": customer_id},
        None if call is None else {"call": call, "note": (note or "").strip(), "decided_by": by},
    )


def unprofitable_calls(store: Store, *, dataset_id: int) -> pl.DataFrame:
    """Every call of a data set: customer_id, call, note, decided_by, decided_at."""
    return store.query(
        "select customer_id, call, note, decided_by, decided_at from unprofitable_calls "
        "where dataset_id = ? order by customer_id",
        [dataset_id],
    )


def unprofitable_customers(store: Store, *, dataset_id: int, table: pl.DataFrame) -> pl.DataFrame:
    """The customers of `table` (`analytics.metrics.customer_metrics`) with a negative
    margin, the largest loss first: customer_id, customer_name, revenue, gross_margin and
    the team's call and note (None and "" without one)."""
    losing = table.filter(pl.col("gross_margin") < 0).select(
        "customer_id", "customer_name", "revenue", "gross_margin"
    )
    calls = unprofitable_calls(store, dataset_id=dataset_id).select("customer_id", "call", "note")
    return (
        losing.join(calls, on="customer_id", how="left")
        .with_columns(pl.col("note").fill_null(""))
        .sort("gross_margin", "customer_id")
    )
