"""Re-scoring after a slider move: ours against re-aggregating the sales lines each time.

Ours: the per-customer table is built and normalised once per period (as the app does),
and a slider move runs `score_customers` (weighted sum, rank, tiers) and takes the top N.
Baseline: the naive way, re-aggregating all sales lines with pandas on every move, then
ranking and sorting.
"""

from __future__ import annotations

import statistics
import time
from argparse import Namespace

import numpy as np
import pandas as pd
import polars as pl

from analytics.scoring import DEFAULT_WEIGHTS, normalise_criteria, score_customers

__all__ = ["measure_score"]

_MOVES = 15
_TOP = 20


def _sales_lines(lines: int, customers: int, seed: int) -> pl.DataFrame:
    """Synthetic sales lines: customer, day number, revenue, cost, product group."""
    rng = np.random.default_rng(seed)
    weights = rng.pareto(1.2, customers) + 0.01
    # Every customer buys at least once, the rest of the lines follow a skewed size.
    sampled = rng.choice(customers, size=lines - customers, p=weights / weights.sum())
    customer = np.concatenate([np.arange(customers), sampled])
    revenue = np.round(rng.lognormal(7, 1.2, lines), 2)
    return pl.DataFrame(
        {
            "customer_id": pl.Series(customer).cast(pl.String).str.zfill(6),
            "day": rng.integers(0, 365, lines),
            "revenue": revenue,
            "cost": np.round(revenue * rng.uniform(0.55, 1.05, lines), 2),
            "product_group": rng.integers(0, 8, lines),
        }
    )


def _customer_table(lines: pl.DataFrame) -> pl.DataFrame:
    return (
        lines.group_by("customer_id")
        .agg(
            pl.col("revenue").sum().alias("revenue"),
            (pl.col("revenue") - pl.col("cost")).sum().alias("gross_margin"),
            pl.len().alias("frequency"),
            (364 - pl.col("day").max()).alias("recency"),
            pl.col("product_group").n_unique().alias("breadth"),
        )
        .with_columns((100 * pl.col("gross_margin") / pl.col("revenue")).alias("margin_pct"))
    )


def _baseline_move(lines: pd.DataFrame, weights: dict[str, float]) -> pd.DataFrame:
    lines = lines.assign(margin=lines["revenue"] - lines["cost"])
    table = lines.groupby("customer_id").agg(
        revenue=("revenue", "sum"),
        gross_margin=("margin", "sum"),
        frequency=("revenue", "size"),
        last_day=("day", "max"),
        breadth=("product_group", "nunique"),
    )
    table["recency"] = 364 - table["last_day"]
    table["margin_pct"] = 100 * table["gross_margin"] / table["revenue"]
    total = sum(w for k, w in weights.items() if k in table.columns)
    score = 0
    for key, weight in weights.items():
        if key not in table.columns or not weight:
            continue
        pct = table[key].rank(pct=True)
        score = score + weight * (1 - pct if key == "recency" else pct)
    table["score"] = 100 * score / total
    return table.sort_values("score", ascending=False).head(_TOP)


def _median_ms(run, moves: int) -> float:
    times = []
    for move in range(moves):
        start = time.perf_counter()
        run(move)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def measure_score(args: Namespace) -> dict:
    """Median time of one slider move, ours and the baseline, on the same data."""
    customers = args.score_customers
    lines = _sales_lines(max(args.lines, customers * 2), customers, args.seed)
    table = normalise_criteria(_customer_table(lines))
    pandas_lines = lines.to_pandas()
    keys = list(DEFAULT_WEIGHTS)

    def weights_for(move: int) -> dict[str, float]:
        weights = dict(DEFAULT_WEIGHTS)
        weights[keys[move % len(keys)]] = 5.0 * (move + 1)
        return weights

    ours = _median_ms(lambda m: score_customers(table, weights=weights_for(m)).head(_TOP), _MOVES)
    baseline = _median_ms(
        lambda m: _baseline_move(pandas_lines, weights_for(m)), max(3, _MOVES // 3)
    )
    return {
        "name": "score",
        "lines": lines.height,
        "customers": table.height,
        "ours_ms": round(ours, 2),
        "baseline_ms": round(baseline, 2),
        "ratio": round(baseline / ours, 1) if ours else 0.0,
        "moves": _MOVES,
    }
