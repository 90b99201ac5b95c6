"""Rank stability and the exact single-weight flip threshold.

Five customers C1…C5 with revenue 100…500 and gross margin 500…100 normalise to
revenue r = 0, .25, .5, .75, 1 and margin 1 − r. With weights w_r and w_g the score is
(w_r·r + w_g·(1 − r)) / (w_r + w_g): C5 leads when w_r > w_g, C1 when w_g > w_r, and at
w_r = w_g all five tie at 50 and the id decides (C1 first). Tier A is one customer.
"""

from __future__ import annotations

import random

import numpy as np
import polars as pl
import pytest

from analytics.scoring import CRITERIA, normalise_criteria, score_customers, tier_counts
from analytics.stability import (
    flip_thresholds,
    rank_stability,
    sample_weights,
    stability_counts,
    workshop_spread,
)
from analytics.workshop import weight_consensus

IDS = ["C1", "C2", "C3", "C4", "C5"]


@pytest.fixture
def customers() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "customer_id": IDS,
            "revenue": [100.0, 200.0, 300.0, 400.0, 500.0],
            "gross_margin": [500.0, 400.0, 300.0, 200.0, 100.0],
        }
    )


def by_id(table: pl.DataFrame) -> dict[str, dict]:
    return {r["customer_id"]: r for r in table.iter_rows(named=True)}


# --- sampling ---------------------------------------------------------------------------


def test_no_spread_gives_the_ranking_itself(customers):
    table = by_id(rank_stability(customers, weights={"revenue": 1}, spread=0, samples=20))
    assert table["C5"]["p_a"] == 1.0
    assert [table[c]["rank_p05"] for c in IDS] == [5, 4, 3, 2, 1]
    assert [table[c]["rank_p95"] for c in IDS] == [5, 4, 3, 2, 1]
    assert stability_counts(rank_stability(customers, weights={"revenue": 1}, spread=0)) == {
        "always_a": 1,
        "border": 0,
        "never_a": 4,
    }


def test_even_weights_with_full_spread_split_a_between_the_ends(customers):
    # w_r and w_g each uniform on 0–100: P(w_r > w_g) = ½, so C5 and C1 are A half the
    # time each, and C3 (score 50 whatever the weights) always ranks 3rd.
    table = by_id(
        rank_stability(
            customers,
            weights={"revenue": 50, "gross_margin": 50},
            spread=50,
            samples=4000,
            seed=7,
        )
    )
    assert table["C5"]["p_a"] == pytest.approx(0.5, abs=0.05)
    assert table["C1"]["p_a"] == pytest.approx(0.5, abs=0.05)
    assert table["C5"]["p_a"] + table["C1"]["p_a"] == 1.0
    assert (table["C3"]["rank_p05"], table["C3"]["rank_p95"]) == (3, 3)
    assert (table["C5"]["rank_p05"], table["C5"]["rank_p95"]) == (1, 5)
    assert {table[c]["status"] for c in ("C1", "C5")} == {"border"}
    assert {table[c]["status"] for c in ("C2", "C3", "C4")} == {"never_a"}


def test_same_seed_same_answer_other_seed_other_draws(customers):
    weights = {"revenue": 50, "gross_margin": 50}
    first = rank_stability(customers, weights=weights, spread=30, samples=300, seed=3)
    again = rank_stability(customers, weights=weights, spread=30, samples=300, seed=3)
    assert first.equals(again)
    other = sample_weights(weights, spread=30, samples=300, seed=4)
    assert not np.array_equal(sample_weights(weights, spread=30, samples=300, seed=3), other)


def test_samples_stay_within_the_spread_and_never_below_zero():
    sampled = sample_weights({"revenue": 30, "growth": 5}, spread=10, samples=500, seed=1)
    revenue, growth = sampled[:, 0], sampled[:, 3]
    assert revenue.min() >= 20 and revenue.max() <= 40
    assert growth.min() == 0.0 and growth.max() <= 15
    # A criterion weighted zero stays zero under a ± in points.
    assert np.all(sampled[:, 1] == 0)


def test_spread_from_disagreement_is_half_the_range_in_points():
    table = weight_consensus({"Anna": {"revenue": 1}, "Bo": {"revenue": 1, "gross_margin": 3}})
    # revenue shares 1 and .25, margin 0 and .75: both ± 37.5 points.
    assert workshop_spread(table) == pytest.approx({"revenue": 37.5, "gross_margin": 37.5})


def test_sampling_agrees_with_the_focus_list_scorer():
    """Each sampled weight set scored by `score_customers` gives the same A shares and
    rank percentiles as the matrix computation."""
    rnd = random.Random(11)
    n = 40
    customers = pl.DataFrame(
        {
            "customer_id": [f"K{i:02d}" for i in range(n)],
            "revenue": [rnd.uniform(0, 1000) for _ in range(n)],
            "gross_margin": [rnd.uniform(-100, 400) for _ in range(n)],
            "growth": [rnd.uniform(-50, 80) for _ in range(n)],
        }
    )
    weights = {"revenue": 30, "gross_margin": 50, "growth": 20}
    samples = 60
    fast = by_id(rank_stability(customers, weights=weights, spread=15, samples=samples, seed=5))
    drawn = sample_weights(weights, spread=15, samples=samples, seed=5)
    keys = [c.key for c in CRITERIA]
    ranks: dict[str, list[int]] = {}
    for row in drawn:
        scored = score_customers(customers, weights=dict(zip(keys, row, strict=True)))
        for cid, rank in scored.select("customer_id", "rank").iter_rows():
            ranks.setdefault(cid, []).append(rank)
    a_count, _ = tier_counts(n)
    for cid, seen in ranks.items():
        seen.sort()
        assert fast[cid]["p_a"] == pytest.approx(sum(r <= a_count for r in seen) / samples)
        assert fast[cid]["rank_p05"] == seen[2]  # ⌈0.05 × 60⌉ = 3rd smallest
        assert fast[cid]["rank_p95"] == seen[56]  # ⌈0.95 × 60⌉ = 57th smallest


# --- the exact flip threshold --------------------------------------------------------------


def test_flip_threshold_in_words_of_the_hand_case(customers):
    # Revenue 60, margin 40: C5 is A. Lowering revenue to 40 ties everyone, the id puts
    # C1 first, so C5 leaves A at exactly 40; raising margin to 60 does the same.
    flips = flip_thresholds(
        customers, weights={"revenue": 60, "gross_margin": 40}, customer_id="C5"
    )
    assert [(f["criterion"], f["direction"]) for f in flips] == [
        ("revenue", "down"),
        ("gross_margin", "up"),
    ]
    assert flips[0]["threshold"] == pytest.approx(40)
    assert flips[0]["change"] == pytest.approx(-20)
    assert flips[0]["now_a"] is True
    assert flips[0]["at_threshold"] is True
    assert flips[1]["threshold"] == pytest.approx(60)


def test_customer_outside_a_enters_when_its_criterion_rises(customers):
    flips = flip_thresholds(
        customers, weights={"revenue": 60, "gross_margin": 40}, customer_id="C1"
    )
    # C1 enters A once margin outweighs revenue: margin 60 (then ties at 50, C1 wins by id).
    first = flips[0]
    assert (first["criterion"], first["direction"], first["now_a"]) == ("revenue", "down", False)
    assert first["threshold"] == pytest.approx(40)


def test_unknown_customer_is_refused(customers):
    with pytest.raises(ValueError, match="No customer"):
        flip_thresholds(customers, weights={"revenue": 1}, customer_id="C9")


def _brute_first_flip(values, ids, *, a_count, weights, keys, me, key, end, steps=2000):
    """Walk the weight of `key` from its value to `end` in small steps, scoring every
    customer by hand; the first weight where `me` changes tier A, or None."""

    def in_a(w):
        total = sum(w.values())
        score = {
            c: sum(w[k] * v[k] for k in keys) / total for c, v in zip(ids, values, strict=True)
        }
        order = sorted(ids, key=lambda c: (-score[c], c))
        return order.index(me) < a_count

    now = in_a(weights)
    start = weights[key]
    for step in range(1, steps + 1):
        t = start + (end - start) * step / steps
        if t <= 0 and sum(v for k, v in weights.items() if k != key) <= 0:
            continue
        if in_a({**weights, key: t}) != now:
            return t, abs(end - start) / steps
    return None, abs(end - start) / steps


@pytest.mark.parametrize("case", range(12))
def test_flip_threshold_agrees_with_brute_force(case):
    rnd = random.Random(case)
    n = rnd.randint(4, 9)
    customers = pl.DataFrame(
        {
            "customer_id": [f"C{i}" for i in range(n)],
            "revenue": [rnd.uniform(0, 100) for _ in range(n)],
            "gross_margin": [rnd.uniform(0, 100) for _ in range(n)],
            "growth": [rnd.uniform(-50, 50) for _ in range(n)],
        }
    )
    keys = ["revenue", "gross_margin", "growth"]
    weights = {k: rnd.uniform(1, 50) for k in keys}
    norm = normalise_criteria(customers)
    ids = norm["customer_id"].to_list()
    values = [{k: r[f"norm_{k}"] for k in keys} for r in norm.iter_rows(named=True)]
    a_count, _ = tier_counts(n)
    me = f"C{rnd.randrange(n)}"
    flips = flip_thresholds(customers, weights=weights, customer_id=me)

    def in_a(w) -> bool:
        scored = score_customers(customers, weights=w)
        return scored.filter(pl.col("customer_id") == me)["tier"][0] == "A"

    now = in_a(weights)
    for key in keys:
        for direction, end in (("up", 100.0), ("down", 0.0)):
            found, step = _brute_first_flip(
                values, ids, a_count=a_count, weights=weights, keys=keys, me=me, key=key, end=end
            )
            mine = [f for f in flips if (f["criterion"], f["direction"]) == (key, direction)]
            if found is None:
                assert mine == []
                continue
            assert len(mine) == 1
            threshold = mine[0]["threshold"]
            assert abs(threshold - found) <= step + 1e-9
            # Exact: just beyond the threshold the tier has changed, just before it not.
            sign = 1 if direction == "up" else -1
            assert in_a({**weights, key: threshold + sign * 1e-7}) != now
            assert in_a({**weights, key: threshold - sign * 1e-7}) == now
