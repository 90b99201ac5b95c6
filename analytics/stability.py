"""Rank stability: who is A whatever reasonable weights we choose, and what would move one.

The score is linear in the weight shares: score_i = 100 × Σ_k w_k x_ik / Σ_k w_k, where
x_ik is the customer's normalised value (0–1, unknown = 0.5) exactly as
`analytics.scoring.score_customers` uses it. Two questions follow:

- Sampling: draw many weight sets around a given one (each weight uniformly within ±
  its spread in points, never below zero) with a seeded generator, score every customer
  under each (one matrix product), and report per customer the probability of tier A
  and the 5th–95th percentile of its rank. The same seed gives the same answer.
- One customer, one weight: when only weight j moves to t, every other customer's score
  minus this one's has the sign of a_m + b_m·t (a straight line in t), so the ranking
  changes only where such a line crosses zero. Walking those crossings in order from the
  current weight gives the exact smallest change that moves the customer into or out of
  A — no sampling.

Ties are broken by customer id, as in the focus list.
"""

from __future__ import annotations

import math
from typing import Literal, TypedDict, get_args

import numpy as np
import polars as pl

from analytics.scoring import CRITERIA, NEUTRAL, normalise_criteria, tier_counts

__all__ = [
    "STATUSES",
    "StabilityCounts",
    "Status",
    "flip_thresholds",
    "rank_stability",
    "sample_weights",
    "stability_counts",
    "workshop_spread",
]

Status = Literal["always_a", "border", "never_a"]
"""Where a customer lands over the sampled weight sets: always in A, sometimes, never."""
STATUSES: tuple[Status, ...] = get_args(Status)


class StabilityCounts(TypedDict):
    """How many customers have each `Status` (`stability_counts`)."""

    always_a: int
    border: int
    never_a: int


_KEYS = tuple(c.key for c in CRITERIA)
# Scores are compared in whole units of 10^-this points, so that customers whose values
# are identical tie exactly (floating-point sums can differ in the last bit).
_DECIMALS = 9
# Customers per block of samples: bounds the memory of the score matrix.
_BLOCK_CELLS = 4_000_000


def _matrix(customers: pl.DataFrame) -> tuple[pl.DataFrame, np.ndarray]:
    """The customers sorted by id and their normalised values (n × criteria, unknown =
    0.5), in catalog order."""
    frame = customers
    if not all(f"norm_{k}" in frame.columns for k in _KEYS):
        frame = normalise_criteria(frame)
    frame = frame.sort("customer_id")
    values = (
        frame.select(pl.col(f"norm_{k}").cast(pl.Float64).fill_null(NEUTRAL) for k in _KEYS)
        .to_numpy()
        .astype(np.float64)
    )
    return frame, values


def _vector(weights: dict[str, float]) -> np.ndarray:
    unknown = sorted(set(weights) - set(_KEYS))
    if unknown:
        msg = f"Unknown criteria {unknown}; the catalog has {sorted(_KEYS)}."
        raise ValueError(msg)
    vector = np.array([float(weights.get(k, 0.0)) for k in _KEYS])
    if not np.all(np.isfinite(vector)) or np.any(vector < 0) or vector.sum() <= 0:
        msg = "Weights must be non-negative finite numbers, at least one above zero."
        raise ValueError(msg)
    return vector


def workshop_spread(table: pl.DataFrame) -> dict[str, float]:
    """The ± per criterion that the participants' disagreement gives: half the range of
    their shares, in points of 100 (`table` is `analytics.workshop.weight_consensus`)."""
    return {
        key: (high - low) * 50
        for key, low, high in table.select("criterion", "min_share", "max_share").iter_rows()
        if high > low
    }


def sample_weights(
    weights: dict[str, float],
    *,
    spread: float | dict[str, float],
    samples: int,
    seed: int = 0,
) -> np.ndarray:
    """`samples` weight sets around `weights`: samples × criteria (catalog order).

    Each criterion with a weight above zero moves uniformly within ± its spread (points
    on the weights' own scale; a number is the same ± for every weighted criterion, a
    dict gives one per criterion and may also move a criterion weighted zero), clipped
    at zero. A sample whose weights all clip to zero is replaced by `weights` itself.
    Seeded: the same arguments give the same samples.
    """
    if samples < 1:
        msg = "Stability needs at least one sample."
        raise ValueError(msg)
    base = _vector(weights)
    if isinstance(spread, dict):
        width = np.array([max(float(spread.get(k, 0.0)), 0.0) for k in _KEYS])
    else:
        width = np.where(base > 0, max(float(spread), 0.0), 0.0)
    generator = np.random.default_rng(seed)
    draws = generator.uniform(-1.0, 1.0, size=(samples, len(_KEYS)))
    sampled = np.clip(base + draws * width, 0.0, None)
    empty = sampled.sum(axis=1) <= 0
    sampled[empty] = base
    return sampled


def _percentile(sorted_ranks: np.ndarray, share: float) -> np.ndarray:
    """The smallest rank r with at least `share` of the samples at r or better, per row
    of an ascending-sorted rank matrix."""
    index = max(math.ceil(share * sorted_ranks.shape[1] - 1e-9) - 1, 0)
    return sorted_ranks[:, index]


# Over 60 lines with its signature and docstring; the body is under 50.
def rank_stability(
    customers: pl.DataFrame,
    *,
    weights: dict[str, float],
    spread: float | dict[str, float] = 10.0,
    samples: int = 200,
    seed: int = 0,
    tier_shares: tuple[float, float] = (0.2, 0.3),
    sure: float = 0.95,
) -> pl.DataFrame:
    """How firmly each customer holds its place when the weights move (see module doc).

    `customers` is the per-customer table (with or without `norm_` columns); `spread` and
    `samples`, `seed` as in `sample_weights`. Returns customer_id, p_a (share 0–1 of the
    samples where it is A), rank_p05 and rank_p95 (5th and 95th percentile of its rank:
    the smallest rank reached by at least 5 % resp. 95 % of the samples) and status:
    `always_a` (p_a ≥ `sure`), `never_a` (p_a ≤ 1 − `sure`) or `border`; sorted by p_a
    (descending), then the median rank and customer id.
    """
    frame, values = _matrix(customers)
    sampled = sample_weights(weights, spread=spread, samples=samples, seed=seed)
    shares = sampled / sampled.sum(axis=1, keepdims=True)
    count = frame.height
    a_count, _ = tier_counts(count, tier_shares=tier_shares)
    ranks = np.empty((samples, count), dtype=np.int32)
    block = max(1, _BLOCK_CELLS // max(count, 1))
    positions = np.arange(1, count + 1, dtype=np.int32)
    index = np.arange(count, dtype=np.int64)
    for start in range(0, samples, block):
        part = shares[start : start + block]
        # Minus the score in units of 10⁻⁹ points, as whole numbers (scaled inside the
        # product), then × n + the position in id order: one sort orders every customer
        # by score (best first) and breaks ties by id, and the key holds the customer.
        keys = ((part * (-100 * 10**_DECIMALS)) @ values.T).astype(np.int64)
        keys *= count
        keys += index
        keys.sort(axis=1)
        keys %= count
        rows = np.arange(start, start + part.shape[0])[:, None]
        ranks[rows, keys] = positions
    in_a = (ranks <= a_count).mean(axis=0) if count else np.zeros(0)
    ranks = np.sort(ranks.T, axis=1)
    result = frame.select("customer_id").with_columns(
        pl.Series("p_a", in_a, dtype=pl.Float64),
        pl.Series("rank_p05", _percentile(ranks, 0.05), dtype=pl.Int64),
        pl.Series("rank_p50", _percentile(ranks, 0.5), dtype=pl.Int64),
        pl.Series("rank_p95", _percentile(ranks, 0.95), dtype=pl.Int64),
    )
    low = 1 - sure
    return (
        result.with_columns(
            pl.when(pl.col("p_a") >= sure - 1e-12)
            .then(pl.lit("always_a"))
            .when(pl.col("p_a") <= low + 1e-12)
            .then(pl.lit("never_a"))
            .otherwise(pl.lit("border"))
            .alias("status")
        )
        .sort(["p_a", "rank_p50", "customer_id"], descending=[True, False, False])
        .drop("rank_p50")
    )


def stability_counts(table: pl.DataFrame) -> StabilityCounts:
    """{always_a, border, never_a}: how many customers of a `rank_stability` table."""
    counts = dict(table.group_by("status").len().iter_rows())
    return StabilityCounts(**{status: int(counts.get(status, 0)) for status in STATUSES})


# Over 60 lines with its signature and docstring; the body is under 60.
def flip_thresholds(
    customers: pl.DataFrame,
    *,
    weights: dict[str, float],
    customer_id: str,
    tier_shares: tuple[float, float] = (0.2, 0.3),
    limit: float = 100.0,
) -> list[dict]:
    """For one customer: per criterion, the weight at which it enters or leaves tier A
    when only that weight changes (the others stay), searched over 0 to
    max(`limit`, the current weight).

    Returns one dict per criterion where a change within that range moves the customer,
    nearest first: criterion, current (the weight now), threshold (the weight where the
    tier changes), change (threshold − current), direction ('up'/'down'), now_a (bool: A
    now), at_threshold (True when the customer is already moved at exactly `threshold`,
    False when only beyond it). Raises ValueError for an unknown customer.
    """
    frame, values = _matrix(customers)
    ids = frame["customer_id"].to_list()
    try:
        me = ids.index(customer_id)
    except ValueError:
        msg = f"No customer {customer_id!r} in the list."
        raise ValueError(msg) from None
    base = _vector(weights)
    count = frame.height
    a_count, _ = tier_counts(count, tier_shares=tier_shares)
    # Customers before `me` in id order win a tie against it.
    wins_tie = np.arange(count) < me
    others = np.arange(count) != me
    found = []
    for j, key in enumerate(_KEYS):
        rest = base.copy()
        rest[j] = 0.0
        # Score difference (other − me) × (W + t) / 100 = a + b·t.
        a = (values - values[me]) @ rest
        b = values[:, j] - values[me, j]
        current = base[j]
        upper = max(limit, current)
        low_end = 0.0 if rest.sum() > 0 else np.nextafter(0.0, 1.0)
        now_a = int(_beating_now(a, b, current, wins_tie, others).sum()) < a_count
        for direction in (1.0, -1.0):
            hit = _walk(
                a,
                b,
                current=current,
                direction=direction,
                upper=upper,
                low_end=low_end,
                wins_tie=wins_tie,
                others=others,
                a_count=a_count,
                now_a=now_a,
            )
            if hit is not None:
                threshold, exact = hit
                found.append(
                    {
                        "criterion": key,
                        "current": float(current),
                        "threshold": float(threshold),
                        "change": float(threshold - current),
                        "direction": "up" if direction > 0 else "down",
                        "now_a": bool(now_a),
                        "at_threshold": exact,
                    }
                )
    return sorted(found, key=lambda f: (abs(f["change"]), _KEYS.index(f["criterion"])))


def _tolerance(a: np.ndarray) -> float:
    return 1e-12 * max(1.0, float(np.abs(a).max(initial=0.0)))


def _walk(
    a: np.ndarray,
    b: np.ndarray,
    *,
    current: float,
    direction: float,
    upper: float,
    low_end: float,
    wins_tie: np.ndarray,
    others: np.ndarray,
    a_count: int,
    now_a: bool,
) -> tuple[float, bool] | None:
    """The nearest weight from `current` in `direction` where A-membership flips, and
    whether it already flips at that weight (a tie won or lost by id), else None."""
    moving = others & (b != 0)
    crossings = -a[moving] / b[moving]
    who = np.flatnonzero(moving)
    ahead = (crossings - current) * direction >= 0
    ahead &= (crossings <= upper) & (crossings >= low_end)
    crossings, who = crossings[ahead], who[ahead]
    if crossings.size == 0:
        return None
    order = np.argsort((crossings - current) * direction, kind="stable")
    crossings, who = crossings[order], who[order]
    # Who ranks before `me` now; a customer tied now and moving away is a crossing at
    # distance 0, after which its slope decides.
    state = _beating_now(a, b, current, wins_tie, others)
    beaten = int(state.sum())
    i = 0
    while i < crossings.size:
        t = crossings[i]
        group = [who[i]]
        i += 1
        while i < crossings.size and abs(crossings[i] - t) <= 1e-12 * max(1.0, abs(t)):
            group.append(who[i])
            i += 1
        group_idx = np.array(group)
        # At the crossing itself these customers tie with `me`: the id decides.
        at_t = beaten - int(state[group_idx].sum()) + int(wins_tie[group_idx].sum())
        after = b[group_idx] * direction > 0
        beaten += int(after.sum()) - int(state[group_idx].sum())
        state[group_idx] = after
        # Only a change that lasts beyond the crossing counts (several customers tying
        # with `me` at one weight can flip it at that single point and no other).
        if (beaten < a_count) != now_a:
            exact = abs(t - current) > 1e-12 * max(1.0, abs(t)) and (at_t < a_count) != now_a
            return float(t), exact
    return None


def _beating_now(
    a: np.ndarray,
    b: np.ndarray,
    current: float,
    wins_tie: np.ndarray,
    others: np.ndarray,
) -> np.ndarray:
    """Bool per customer: ranks before `me` at weight `current` (a tie: by id)."""
    difference = a + b * current
    tie = np.abs(difference) <= _tolerance(difference)
    return others & ((difference > 0) & ~tie | tie & wins_tie)
