"""Workshop consensus, agreement and stability on the Superstore sample (793 customers)
against an independent computation: DuckDB's own CSV reader for each customer's sales
and profit, and plain Python for the percentile ranks, scores, top lists and samples.
"""

from __future__ import annotations

import math

import duckdb
import pytest

from analytics.decision import workshop_consensus, workshop_customers
from analytics.ingest.pipeline import import_sales
from analytics.scoring import CRITERIA, tier_counts
from analytics.stability import rank_stability, sample_weights
from analytics.workshop import create_workshop, save_participant_weights
from tests.samples import utf8_copy
from tests.test_superstore import SUPERSTORE

KEYS = ("revenue", "gross_margin", "margin_pct")
PARTICIPANTS = {
    "Anna": {"revenue": 70, "gross_margin": 30},
    "Bo": {"gross_margin": 60, "margin_pct": 40},
    "Cilla": {"revenue": 20, "gross_margin": 20, "margin_pct": 60},
}
TOP = 25


def _percentile_ranks(values: dict[str, float]) -> dict[str, float]:
    """(average rank − 1) / (n − 1), ranks counted from the smallest value."""
    ordered = sorted(values.values())
    n = len(ordered)
    first: dict[float, int] = {}
    last: dict[float, int] = {}
    for i, v in enumerate(ordered, start=1):
        first.setdefault(v, i)
        last[v] = i
    return {c: ((first[v] + last[v]) / 2 - 1) / (n - 1) for c, v in values.items()}


@pytest.fixture(scope="module")
def independent(tmp_path_factory):
    """Per customer: normalised revenue, margin and margin % from the raw file."""
    copy = utf8_copy(SUPERSTORE, tmp_path_factory.mktemp("ws-superstore"))
    con = duckdb.connect()
    try:
        rows = con.execute(
            'select "Customer ID", sum("Sales"), sum("Profit") from read_csv(?, header = true) '
            "group by 1",
            [str(copy)],
        ).fetchall()
    finally:
        con.close()
    revenue = {cid: float(s) for cid, s, _ in rows}
    margin = {cid: float(p) for cid, _, p in rows}
    pct = {cid: 100 * margin[cid] / revenue[cid] for cid in revenue}
    norms = {
        "revenue": _percentile_ranks(revenue),
        "gross_margin": _percentile_ranks(margin),
        "margin_pct": _percentile_ranks(pct),
    }
    return {cid: {k: norms[k][cid] for k in KEYS} for cid in revenue}


def _order(norm: dict[str, dict[str, float]], weights: dict[str, float]) -> list[str]:
    total = sum(weights.values())
    score = {
        cid: round(100 * sum(weights.get(k, 0) * v[k] for k in KEYS) / total, 9)
        for cid, v in norm.items()
    }
    return sorted(score, key=lambda c: (-score[c], c))


@pytest.fixture(scope="module")
def workshop(tmp_path_factory, independent):
    from analytics.store import Store

    store = Store(tmp_path_factory.mktemp("ws-db") / "t.duckdb")
    import_sales(store, SUPERSTORE)
    made = create_workshop(
        store, name="Superstore", dataset_id=store.dataset_id("Standard"), period="all", top=TOP
    )
    for name, weights in PARTICIPANTS.items():
        save_participant_weights(store, made["workshop_id"], name, weights)
    _, table = workshop_customers(store, made)
    agreed = workshop_consensus(store, made, customers=table)
    store.close()
    return agreed, table


def test_mean_weights_match(workshop):
    agreed, _ = workshop
    means = dict(agreed.weights.select("criterion", "mean_share").iter_rows())
    for key in KEYS:
        expected = sum(w.get(key, 0) / sum(w.values()) for w in PARTICIPANTS.values()) / len(
            PARTICIPANTS
        )
        assert means[key] == pytest.approx(expected)


def test_each_top_list_and_the_consensus_match(workshop, independent):
    agreed, _ = workshop
    for name, weights in PARTICIPANTS.items():
        assert agreed.lists[name] == _order(independent, weights)[:TOP]
    assert agreed.top == _order(independent, agreed.points)[:TOP]


def test_agreement_matches(workshop, independent):
    agreed, _ = workshop
    lists = {name: set(_order(independent, w)[:TOP]) for name, w in PARTICIPANTS.items()}
    everyone = set.intersection(*lists.values())
    anyone = set.union(*lists.values())
    assert set(agreed.everyone) == everyone
    contested = {c["customer_id"]: c["in_top_of"] for c in agreed.contested}
    assert set(contested) == anyone - everyone
    for cid, holders in contested.items():
        assert holders == [n for n in PARTICIPANTS if cid in lists[n]]


def test_stability_matches_scoring_each_sample_by_hand(workshop, independent):
    agreed, table = workshop
    samples, seed, spread = 40, 9, 12.0
    stable = rank_stability(table, weights=agreed.points, spread=spread, samples=samples, seed=seed)
    drawn = sample_weights(agreed.points, spread=spread, samples=samples, seed=seed)
    catalog = [c.key for c in CRITERIA]
    ranks: dict[str, list[int]] = {cid: [] for cid in independent}
    for row in drawn:
        weights = {k: float(w) for k, w in zip(catalog, row, strict=True) if k in KEYS}
        for rank, cid in enumerate(_order(independent, weights), start=1):
            ranks[cid].append(rank)
    a_count, _ = tier_counts(len(independent))
    p05 = math.ceil(0.05 * samples) - 1
    p95 = math.ceil(0.95 * samples) - 1
    assert stable.height == len(independent)
    for row in stable.iter_rows(named=True):
        seen = sorted(ranks[row["customer_id"]])
        assert row["p_a"] == pytest.approx(sum(r <= a_count for r in seen) / samples)
        assert (row["rank_p05"], row["rank_p95"]) == (seen[p05], seen[p95])
