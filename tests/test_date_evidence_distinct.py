"""Date evidence counted on a column's distinct values equals the count over every value."""

from __future__ import annotations

import polars as pl

from analytics.ingest.parse import date_evidence


def test_weighted_distinct_counts_match_every_value():
    values = ["03/04/2024", "03/04/2024", " 03/04/2024 ", "13/04/2024", None, "2024-01-05", "x"]
    frame = pl.DataFrame({"d": values})
    every = frame.select(date_evidence("d")).row(0, named=True)
    distinct = (
        frame.group_by(pl.col("d").str.strip_chars().alias("text"))
        .agg(pl.len().alias("lines"))
        .select(date_evidence("d", stripped="text", weight="lines"))
        .row(0, named=True)
    )
    assert distinct == every
    # By hand: four values read as dd/mm/yyyy, three as mm/dd/yyyy (13 is no month),
    # one as ISO.
    assert every["d__dmy_slash"] == 4
    assert every["d__mdy_slash"] == 3
    assert every["d__iso"] == 1
