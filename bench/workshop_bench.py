"""The workshop's consensus and rank stability: ours against naive code on the same data.

Data: a per-customer table (as the app builds once per period) of `--workshop-customers`
customers, `--participants` participants with their own weights, and each participant's
1–5 assessments of the 200 largest customers.

- Consensus. Ours: `analytics.workshop.consensus` (normalise once, re-normalise only the
  team criteria per participant, `score_customers` per list). Baseline: pandas, every
  participant's table copied, assessments written in, every criterion re-ranked and
  scored, then the mean-weight list the same way, agreement with Python sets.
- Stability. Ours: `analytics.stability.rank_stability` (one matrix product per block of
  weight sets, ranks by argsort). Baseline: the focus list's own scorer
  (`score_customers`) run once per sampled weight set — the same samples.
"""

from __future__ import annotations

import statistics
import time
from argparse import Namespace

import numpy as np
import pandas as pd
import polars as pl

from analytics.scoring import CRITERIA, TEAM_CRITERIA, normalise_criteria, score_customers
from analytics.stability import rank_stability, sample_weights
from analytics.workshop import consensus

__all__ = ["measure_consensus", "measure_stability"]

_TOP = 20
_ASSESSED = 200
_KEYS = [c.key for c in CRITERIA]


def _customers(count: int, seed: int) -> pl.DataFrame:
    """A synthetic per-customer table with every data criterion (skewed money)."""
    rng = np.random.default_rng(seed)
    revenue = np.round(rng.lognormal(10, 1.5, count), 2)
    margin = np.round(revenue * rng.uniform(-0.1, 0.5, count), 2)
    return pl.DataFrame(
        {
            "customer_id": [f"{i:06d}" for i in range(count)],
            "revenue": revenue,
            "gross_margin": margin,
            "margin_pct": 100 * margin / revenue,
            "customer_profit": np.round(margin - revenue * rng.uniform(0, 0.08, count), 2),
            "growth": rng.normal(5, 30, count),
            "frequency": rng.poisson(8, count).astype(float),
            "recency": rng.integers(0, 365, count),
            "tenure": rng.uniform(0, 15, count),
            "payment_delay": rng.normal(3, 6, count),
            "breadth": rng.integers(1, 9, count),
        }
    )


def _participants(count: int, seed: int) -> dict[str, dict[str, float]]:
    rng = np.random.default_rng(seed + 1)
    return {
        f"P{i + 1}": {
            k: float(rng.integers(0, 11) * 5) + (5.0 if k == "revenue" else 0.0) for k in _KEYS
        }
        for i in range(count)
    }


def _assessments(table: pl.DataFrame, names: list[str], seed: int) -> pl.DataFrame:
    rng = np.random.default_rng(seed + 2)
    largest = table.sort("revenue", descending=True).head(_ASSESSED)["customer_id"].to_list()
    rows = [
        (name, cid, key, float(rng.integers(1, 6)))
        for name in names
        for cid in largest
        for key in TEAM_CRITERIA
    ]
    return pl.DataFrame(
        rows, schema=["participant", "customer_id", "criterion", "value"], orient="row"
    )


def _pandas_order(frame: pd.DataFrame, weights: dict[str, float]) -> pd.Series:
    """Score every customer the naive way: rank each criterion afresh, weighted sum."""
    total = sum(weights.values())
    score = pd.Series(0.0, index=frame.index)
    for criterion in CRITERIA:
        weight = weights.get(criterion.key, 0)
        if not weight:
            continue
        column = frame[criterion.key].astype(float)
        known = column.count()
        pct = (column.rank() - 1) / (known - 1) if known > 1 else column * 0 + 0.5
        if criterion.direction < 0:
            pct = 1 - pct
        score = score + weight * pct.fillna(0.5)
    score = 100 * score / total
    return score.reset_index().sort_values([0, "customer_id"], ascending=[False, True])[
        "customer_id"
    ]


def _baseline_consensus(
    frame: pd.DataFrame, weights: dict[str, dict[str, float]], scores: pd.DataFrame
) -> dict:
    lists = {}
    for name, own in weights.items():
        table = frame.copy()
        mine = scores[scores["participant"] == name].pivot_table(
            index="customer_id", columns="criterion", values="value"
        )
        for column in mine.columns:
            table.loc[mine.index, column] = mine[column]
        lists[name] = set(_pandas_order(table, own).head(_TOP))
    shares = {n: {k: w.get(k, 0) / sum(w.values()) for k in _KEYS} for n, w in weights.items()}
    mean = {k: sum(s[k] for s in shares.values()) / len(shares) for k in _KEYS}
    table = frame.copy()
    means = scores.pivot_table(index="customer_id", columns="criterion", values="value")
    for column in means.columns:
        table.loc[means.index, column] = means[column]
    top = list(_pandas_order(table, mean).head(_TOP))
    everyone = set.intersection(*lists.values())
    return {"top": top, "everyone": everyone, "contested": set.union(*lists.values()) - everyone}


def _median_ms(run, repeat: int) -> float:
    times = []
    for _ in range(max(repeat, 1)):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def measure_consensus(args: Namespace) -> dict:
    """Median time of one consensus (every participant's list, the mean list, agreement)."""
    table = normalise_criteria(_customers(args.workshop_customers, args.seed))
    weights = _participants(args.participants, args.seed)
    scores = _assessments(table, list(weights), args.seed)
    plain = (
        table.select("customer_id", *[pl.col(k) for k in _KEYS if k in table.columns])
        .to_pandas()
        .set_index("customer_id")
    )
    for key in TEAM_CRITERIA:
        plain[key] = np.nan
    plain_scores = scores.to_pandas()
    ours = _median_ms(
        lambda: consensus(table, weights=weights, scores=scores, top=_TOP), args.repeat + 1
    )
    baseline = _median_ms(lambda: _baseline_consensus(plain, weights, plain_scores), args.repeat)
    return {
        "name": "workshop_consensus",
        "customers": table.height,
        "participants": len(weights),
        "ours_ms": round(ours, 2),
        "baseline_ms": round(baseline, 2),
        "ratio": round(baseline / ours, 1) if ours else 0.0,
    }


def measure_stability(args: Namespace) -> dict:
    """Time of one stability run (`--stability-samples` weight sets) against scoring each
    sampled set with the focus list's scorer."""
    table = normalise_criteria(_customers(args.workshop_customers, args.seed))
    weights = {
        "revenue": 20,
        "gross_margin": 30,
        "growth": 10,
        "frequency": 10,
        "tenure": 10,
        "payment_delay": 5,
        "breadth": 15,
    }
    samples = args.stability_samples
    ours = _median_ms(
        lambda: rank_stability(table, weights=weights, spread=10, samples=samples, seed=1),
        args.repeat,
    )

    def baseline_run() -> None:
        drawn = sample_weights(weights, spread=10, samples=samples, seed=1)
        ranks = []
        for row in drawn:
            scored = score_customers(table, weights=dict(zip(_KEYS, row, strict=True)))
            ranks.append(scored.select("customer_id", "rank").sort("customer_id")["rank"])
        matrix = np.column_stack([r.to_numpy() for r in ranks])
        np.percentile(matrix, [5, 95], axis=1)

    baseline = _median_ms(baseline_run, 1)
    return {
        "name": "workshop_stability",
        "customers": table.height,
        "samples": samples,
        "ours_ms": round(ours, 2),
        "baseline_ms": round(baseline, 2),
        "ratio": round(baseline / ours, 1) if ours else 0.0,
    }
