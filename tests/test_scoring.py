"""Scoring: hand-checkable ranks, tiers, ties, unknown values and contributions."""

from __future__ import annotations

import polars as pl
import pytest

from analytics.scoring import (
    CRITERIA,
    DEFAULT_WEIGHTS,
    compare_weight_sets,
    normalise_criteria,
    score_customers,
    tier_summary,
    weight_shares,
    weights_or_default,
)

FIVE = pl.DataFrame(
    {
        "customer_id": ["a", "b", "c", "d", "e"],
        "revenue": [100.0, 300.0, 200.0, None, 50.0],
        "gross_margin": [10.0, -5.0, 40.0, 3.0, 3.0],
        "recency": [10, 200, 30, 5, 400],
    }
)


def _by_id(frame: pl.DataFrame, column: str) -> dict[str, float]:
    return dict(zip(frame["customer_id"], frame[column], strict=True))


def test_two_criteria_by_hand():
    scored = score_customers(FIVE, weights={"revenue": 1, "gross_margin": 1})
    # revenue percentiles among the 4 known: e 0, a 1/3, c 2/3, b 1; d unknown → 0.5.
    # margin: b 0, d and e tie at 0.375, a 0.75, c 1.
    expected = {
        "c": (2 / 3 + 1) / 2 * 100,
        "a": (1 / 3 + 0.75) / 2 * 100,
        "b": (1 + 0) / 2 * 100,
        "d": (0.5 + 0.375) / 2 * 100,
        "e": (0 + 0.375) / 2 * 100,
    }
    assert scored["customer_id"].to_list() == ["c", "a", "b", "d", "e"]
    for customer, score in _by_id(scored, "score").items():
        assert score == pytest.approx(expected[customer])


def test_unknown_value_is_neutral_and_marked():
    scored = score_customers(FIVE, weights={"revenue": 3, "gross_margin": 1})
    row = scored.filter(pl.col("customer_id") == "d").row(0, named=True)
    assert row["norm_revenue"] is None
    assert row["contrib_revenue"] == pytest.approx(0.5 * 0.75 * 100)
    assert row["assessed"] == pytest.approx(0.25)


def test_contributions_add_up_to_the_score():
    scored = score_customers(FIVE, weights={"revenue": 2, "gross_margin": 5, "recency": 1})
    total = scored.select(pl.sum_horizontal(pl.col("^contrib_.*$")))
    assert total.to_series().to_list() == pytest.approx(scored["score"].to_list())


def test_single_criterion_orders_like_the_metric():
    scored = score_customers(FIVE.drop_nulls("revenue"), weights={"revenue": 7})
    assert scored["customer_id"].to_list() == ["b", "c", "a", "e"]
    assert scored["score"].to_list() == pytest.approx([100, 200 / 3, 100 / 3, 0])


def test_less_is_better_is_reversed():
    scored = score_customers(FIVE, weights={"recency": 1})
    assert scored["customer_id"].to_list() == ["d", "a", "c", "b", "e"]


@pytest.mark.parametrize("weights", [{}, {"revenue": 0, "gross_margin": 0}])
def test_all_zero_weights_are_refused(weights):
    with pytest.raises(ValueError, match="All weights are zero"):
        score_customers(FIVE, weights=weights)


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ({"revenue": -1}, "non-negative"),
        ({"revenue": float("inf")}, "finite"),
        ({"revenue": float("nan")}, "finite"),
        ({"turnover": 1}, "Unknown criteria"),
    ],
)
def test_bad_weights_are_refused(weights, message):
    with pytest.raises(ValueError, match=message):
        score_customers(FIVE, weights=weights)


def test_scale_of_weights_does_not_matter():
    small = score_customers(FIVE, weights={"revenue": 1, "gross_margin": 3})
    large = score_customers(FIVE, weights={"revenue": 10, "gross_margin": 30})
    assert small["score"].to_list() == pytest.approx(large["score"].to_list())


def test_huge_weights_keep_their_proportions():
    huge = score_customers(FIVE, weights={"revenue": 1e308, "gross_margin": 1e308})
    plain = score_customers(FIVE, weights={"revenue": 1, "gross_margin": 1})
    assert huge["score"].to_list() == pytest.approx(plain["score"].to_list())
    assert max(plain["score"]) > 0


def test_ties_are_broken_by_customer_id():
    tied = pl.DataFrame({"customer_id": ["z", "m", "a"], "revenue": [5.0, 5.0, 5.0]})
    scored = score_customers(tied, weights={"revenue": 1})
    assert scored["customer_id"].to_list() == ["a", "m", "z"]
    assert scored["rank"].to_list() == [1, 2, 3]


@pytest.mark.parametrize(
    ("count", "shares", "expected"),
    [
        (10, (0.2, 0.3), {"A": 2, "B": 3, "C": 5}),
        (5, (0.2, 0.3), {"A": 1, "B": 2, "C": 2}),
        (3, (0.2, 0.3), {"A": 1, "B": 1, "C": 1}),
        (10, (0.1, 0.4), {"A": 1, "B": 4, "C": 5}),
    ],
)
def test_tier_sizes(count, shares, expected):
    frame = pl.DataFrame(
        {"customer_id": [f"{i:02d}" for i in range(count)], "revenue": list(range(count))}
    )
    scored = score_customers(frame, weights={"revenue": 1}, tier_shares=shares)
    counts = dict(scored.group_by("tier").len().iter_rows())
    assert counts == expected


@pytest.mark.parametrize("shares", [(0.6, 0.5), (-0.1, 0.3), (float("nan"), 0.3)])
def test_impossible_tier_shares_are_refused(shares):
    with pytest.raises(ValueError, match="Tier shares"):
        score_customers(FIVE, weights={"revenue": 1}, tier_shares=shares)


def test_log_normalisation_by_hand():
    frame = pl.DataFrame({"customer_id": ["a", "b", "c"], "revenue": [0.0, 9.0, 99.0]})
    scored = score_customers(frame, weights={"revenue": 1}, method="log")
    # log1p: 0, log 10, log 100 → 0, 0.5, 1.
    assert _by_id(scored, "score") == pytest.approx({"a": 0, "b": 50, "c": 100})


def test_prenormalised_table_gives_the_same_scores():
    direct = score_customers(FIVE, weights={"revenue": 1, "gross_margin": 2})
    cached = score_customers(normalise_criteria(FIVE), weights={"revenue": 1, "gross_margin": 2})
    assert direct["score"].to_list() == pytest.approx(cached["score"].to_list())


def test_normalise_adds_every_criterion():
    frame = normalise_criteria(FIVE)
    assert {f"norm_{c.key}" for c in CRITERIA} <= set(frame.columns)
    assert frame["norm_potential"].null_count() == frame.height


def test_weight_shares():
    assert weight_shares({"revenue": 1, "gross_margin": 3}) == {
        "revenue": 0.25,
        "gross_margin": 0.75,
    }


def test_tier_summary_shares():
    frame = pl.DataFrame(
        {
            "customer_id": ["a", "b", "c", "d", "e"],
            "revenue": [500.0, 300.0, 100.0, 60.0, 40.0],
            "gross_margin": [50.0, -10.0, 20.0, 30.0, 10.0],
        }
    )
    summary = tier_summary(score_customers(frame, weights={"revenue": 1}))
    rows = {r["tier"]: r for r in summary.iter_rows(named=True)}
    assert rows["A"]["customers"] == 1
    assert rows["A"]["revenue_share"] == pytest.approx(0.5)
    assert rows["A"]["margin_share"] == pytest.approx(0.5)
    assert rows["B"]["revenue_share"] == pytest.approx(0.4)
    assert rows["B"]["margin_share"] == pytest.approx(0.1)
    assert rows["C"]["margin_share"] == pytest.approx(0.4)


def test_compare_weight_sets():
    by_revenue = score_customers(FIVE, weights={"revenue": 1})
    by_margin = score_customers(FIVE, weights={"gross_margin": 1})
    diff = compare_weight_sets(by_revenue, by_margin, top=2)
    # top 2 by revenue: b, c; by margin: c, a.
    assert diff["top_entered"] == ["a"]
    assert diff["top_left"] == ["b"]
    assert diff["a_entered"] == ["c"]
    assert diff["a_left"] == ["b"]


@pytest.mark.parametrize(
    ("stored", "expected"),
    [
        (None, DEFAULT_WEIGHTS),
        ({}, DEFAULT_WEIGHTS),
        ({"revenue": 0.0, "growth": 0.0}, DEFAULT_WEIGHTS),
        ({"revenue": 2.0, "growth": 0.0}, {"revenue": 2.0, "growth": 0.0}),
    ],
)
def test_weights_or_default(stored, expected):
    assert weights_or_default(stored) == expected
