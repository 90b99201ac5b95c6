"""Workshop consensus, agreement, assessments, pins and exclusions, and each participant's
own saves, on hand-checkable cases: five customers, two or three participants.

Revenue 100…500 and gross margin 500…100 for C1…C5 normalise (percentile rank) to
revenue 0, .25, .5, .75, 1 and margin 1, .75, .5, .25, 0. Anna weights revenue only
(shares 1/0), Bo revenue 1 and margin 3 (shares .25/.75): the mean shares are .625/.375
and the consensus scores C5 62.5, C4 56.25, C3 50, C2 43.75, C1 37.5. Anna's own order
is C5…C1, Bo's C1…C5.
"""

from __future__ import annotations

import polars as pl
import pytest

from analytics.workshop import (
    agreement,
    apply_assessments,
    apply_overrides,
    assessment_summary,
    consensus,
    consensus_weights,
    create_workshop,
    discussion_queue,
    find_workshop,
    join_workshop,
    participant_weights,
    participants,
    save_participant_scores,
    save_participant_weights,
    set_override,
    weight_consensus,
    workshop_scores,
)

IDS = ["C1", "C2", "C3", "C4", "C5"]
ANNA = {"revenue": 100.0}
BO = {"revenue": 1.0, "gross_margin": 3.0}
NO_SCORES = pl.DataFrame(
    schema={
        "participant": pl.String,
        "customer_id": pl.String,
        "criterion": pl.String,
        "value": pl.Float64,
    }
)


@pytest.fixture
def customers() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "customer_id": IDS,
            "customer_name": ["Alfa", "Beta", "Gamma", "Delta", "Epsilon"],
            "revenue": [100.0, 200.0, 300.0, 400.0, 500.0],
            "gross_margin": [500.0, 400.0, 300.0, 200.0, 100.0],
        }
    )


def scores(*rows: tuple[str, str, str, float | None]) -> pl.DataFrame:
    return pl.DataFrame(
        [
            dict(zip(("participant", "customer_id", "criterion", "value"), r, strict=True))
            for r in rows
        ],
        schema=NO_SCORES.schema,
    )


# --- weights -----------------------------------------------------------------------------


def test_weight_consensus_mean_min_max_of_shares():
    table = weight_consensus({"Anna": ANNA, "Bo": BO})
    rows = {r["criterion"]: r for r in table.iter_rows(named=True)}
    assert rows["revenue"]["mean_share"] == pytest.approx(0.625)
    assert (rows["revenue"]["min_share"], rows["revenue"]["max_share"]) == (0.25, 1.0)
    assert rows["gross_margin"]["mean_share"] == pytest.approx(0.375)
    assert (rows["gross_margin"]["min_share"], rows["gross_margin"]["max_share"]) == (0.0, 0.75)
    assert rows["growth"]["mean_share"] == 0.0


def test_weight_consensus_sorted_by_disagreement_then_mean():
    # Shares: revenue .5/.25 (spread .25), margin 0/.75 (.75), growth .5/0 (.5).
    table = weight_consensus({"Anna": {"revenue": 1, "growth": 1}, "Bo": BO})
    assert table["criterion"].head(3).to_list() == ["gross_margin", "growth", "revenue"]
    # Revenue 1/.25 and margin 0/.75 both spread .75: the larger mean (revenue) first.
    tied = weight_consensus({"Anna": ANNA, "Bo": BO})
    assert tied["criterion"].head(2).to_list() == ["revenue", "gross_margin"]


def test_weight_scale_does_not_matter():
    a = weight_consensus({"Anna": {"revenue": 1, "gross_margin": 3}, "Bo": ANNA})
    b = weight_consensus({"Anna": {"revenue": 10, "gross_margin": 30}, "Bo": ANNA})
    assert a.equals(b)


def test_consensus_weights_are_mean_shares_in_points():
    assert consensus_weights(weight_consensus({"Anna": ANNA, "Bo": BO})) == pytest.approx(
        {"revenue": 62.5, "gross_margin": 37.5}
    )


# --- the consensus list and agreement -----------------------------------------------------


def test_consensus_list_uses_mean_weights(customers):
    agreed = consensus(customers, weights={"Anna": ANNA, "Bo": BO}, scores=NO_SCORES, top=5)
    assert agreed.top == ["C5", "C4", "C3", "C2", "C1"]
    scored = dict(agreed.scored.select("customer_id", "score").iter_rows())
    assert scored == pytest.approx({"C5": 62.5, "C4": 56.25, "C3": 50, "C2": 43.75, "C1": 37.5})


def test_top_two_disjoint_lists_have_no_common_customer(customers):
    agreed = consensus(customers, weights={"Anna": ANNA, "Bo": BO}, scores=NO_SCORES, top=2)
    assert agreed.lists == {"Anna": ["C5", "C4"], "Bo": ["C1", "C2"]}
    assert agreed.top == ["C5", "C4"]
    assert agreed.everyone == []
    # Every split is one against one: the consensus order decides the queue.
    assert agreed.contested == [
        {"customer_id": "C5", "in_top_of": ["Anna"]},
        {"customer_id": "C4", "in_top_of": ["Anna"]},
        {"customer_id": "C2", "in_top_of": ["Bo"]},
        {"customer_id": "C1", "in_top_of": ["Bo"]},
    ]


def test_top_three_share_the_middle_customer(customers):
    agreed = consensus(customers, weights={"Anna": ANNA, "Bo": BO}, scores=NO_SCORES, top=3)
    assert agreed.everyone == ["C3"]
    assert {c["customer_id"] for c in agreed.contested} == {"C1", "C2", "C4", "C5"}


def test_most_is_more_than_half_but_not_all(customers):
    weights = {"Anna": ANNA, "Bo": BO, "Cilla": {"revenue": 1.0}}
    agreed = consensus(customers, weights=weights, scores=NO_SCORES, top=2)
    assert agreed.most == ["C5", "C4"]
    table = {r["customer_id"]: r for r in agreed.agreement.iter_rows(named=True)}
    assert table["C5"]["in_top_of"] == ["Anna", "Cilla"]
    assert table["C5"]["not_in_top_of"] == ["Bo"]
    assert table["C1"]["status"] == "some"


def test_discussion_queue_puts_the_even_split_first():
    lists = {"A": ["X", "Y"], "B": ["X", "Z"], "C": ["Z", "Y"], "D": ["X", "Q"]}
    queue = discussion_queue(agreement(lists, order=["X", "Y", "Z", "Q"]))
    # X in 3 of 4 (smaller side 1), Y in 2 (2), Z in 2 (2), Q in 1 (1): the 2–2 splits
    # first, each group in consensus order.
    assert queue["customer_id"].to_list() == ["Y", "Z", "X", "Q"]
    assert queue["split"].to_list() == [2, 2, 1, 1]


def test_customer_in_every_list_is_not_in_the_queue():
    lists = {"A": ["X", "Y"], "B": ["X", "Z"]}
    queue = discussion_queue(agreement(lists, order=["X", "Y", "Z"]))
    assert queue["customer_id"].to_list() == ["Y", "Z"]


# --- assessments ---------------------------------------------------------------------------


def test_assessment_summary_mean_and_spread_largest_spread_first():
    given = scores(
        ("Anna", "C1", "strategic_fit", 5.0),
        ("Bo", "C1", "strategic_fit", 1.0),
        ("Anna", "C2", "strategic_fit", 4.0),
        ("Bo", "C2", "strategic_fit", 4.0),
        ("Anna", "C2", "potential", 2.0),
    )
    summary = assessment_summary(given)
    first = summary.row(0, named=True)
    assert (first["customer_id"], first["criterion"]) == ("C1", "strategic_fit")
    assert (first["mean"], first["min"], first["max"], first["spread"], first["n"]) == (
        3.0,
        1.0,
        5.0,
        4.0,
        2,
    )
    rest = {(r["customer_id"], r["criterion"]): r for r in summary.iter_rows(named=True)}
    assert rest[("C2", "strategic_fit")]["spread"] == 0.0
    assert rest[("C2", "potential")]["n"] == 1


def test_own_assessment_replaces_the_stored_value_only_where_given(customers):
    base = customers.with_columns(
        pl.Series("strategic_fit", [None, None, 2.0, None, None], dtype=pl.Float64)
    )
    mine = scores(("Anna", "C1", "strategic_fit", 5.0)).drop("participant")
    out = apply_assessments(base, mine)
    assert out["strategic_fit"].to_list() == [5.0, None, 2.0, None, None]
    assert out["customer_id"].to_list() == IDS


def test_consensus_uses_the_mean_assessment_and_each_participant_their_own(customers):
    # Both weight strategic fit only. C1: Anna 5, Bo 1 (mean 3); C2: 4 and 4. Unassessed
    # customers are neutral (50 points). Consensus: C2 (4 is the best known) 100, C3–C5 50,
    # C1 0. Anna's own: C1 (5) 100, …, C2 (4) 0.
    fit = {"strategic_fit": 1.0}
    given = scores(
        ("Anna", "C1", "strategic_fit", 5.0),
        ("Bo", "C1", "strategic_fit", 1.0),
        ("Anna", "C2", "strategic_fit", 4.0),
        ("Bo", "C2", "strategic_fit", 4.0),
    )
    agreed = consensus(customers, weights={"Anna": fit, "Bo": fit}, scores=given, top=1)
    assert agreed.top == ["C2"]
    assert agreed.lists == {"Anna": ["C1"], "Bo": ["C2"]}
    assert agreed.scored.filter(pl.col("customer_id") == "C1")["score"][0] == 0.0


# --- pins and exclusions --------------------------------------------------------------------


def _rules(*rows: tuple[str, str, str]) -> pl.DataFrame:
    return pl.DataFrame(
        [{"customer_id": c, "kind": k, "reason": r} for c, k, r in rows],
        schema={"customer_id": pl.String, "kind": pl.String, "reason": pl.String},
    )


def test_pin_comes_first_and_exclusion_leaves_the_ranking(customers):
    rules = _rules(("C1", "pin", "Strategisk partner"), ("C5", "exclude", "Konkurs"))
    agreed = consensus(
        customers, weights={"Anna": ANNA, "Bo": BO}, scores=NO_SCORES, pins_exclusions=rules
    )
    rows = agreed.scored.select("customer_id", "rank", "tier", "override", "reason").rows()
    # Four ranked customers: A = ⌈0.8⌉ = 1, B up to ⌈2⌉ = 2.
    assert rows == [
        ("C1", 1, "A", "pin", "Strategisk partner"),
        ("C4", 2, "B", None, None),
        ("C3", 3, "C", None, None),
        ("C2", 4, "C", None, None),
        ("C5", None, None, "exclude", "Konkurs"),
    ]
    assert agreed.top == ["C1", "C4", "C3", "C2"]


def test_more_pins_than_a_places_stretch_tier_a(customers):
    from analytics.scoring import score_customers

    scored = score_customers(customers, weights={"revenue": 62.5, "gross_margin": 37.5})
    out = apply_overrides(scored, _rules(("C1", "pin", "x"), ("C2", "pin", "y")))
    # Pins in score order (C2 43.75 before C1 37.5); A = max(⌈1⌉, 2) = 2, B to ⌈2.5⌉ = 3.
    assert out.select("customer_id", "tier").rows() == [
        ("C2", "A"),
        ("C1", "A"),
        ("C5", "B"),
        ("C4", "C"),
        ("C3", "C"),
    ]


# --- storage: each participant's own rows -----------------------------------------------------


@pytest.fixture
def shop(store):
    return create_workshop(store, name="Ledningsgruppen december 2026", dataset_id=1, top=3)


def test_workshop_has_a_short_unambiguous_code(store, shop):
    assert len(shop["code"]) == 6
    assert not set(shop["code"]) & set("01IOL")
    assert find_workshop(store, code=shop["code"].lower())["name"] == shop["name"]


def test_workshop_name_is_used_once(store, shop):
    with pytest.raises(ValueError, match="already exists"):
        create_workshop(store, name=" Ledningsgruppen  december 2026", dataset_id=1)


def test_joined_and_submitted(store, shop):
    join_workshop(store, shop["workshop_id"], "Anna")
    save_participant_weights(store, shop["workshop_id"], "Bo", BO)
    table = participants(store, shop["workshop_id"])
    assert table.select("name", "submitted").rows() == [("Anna", False), ("Bo", True)]


def test_joining_again_in_another_case_or_spacing_is_the_same_participant(store, shop):
    wid = shop["workshop_id"]
    assert join_workshop(store, wid, "Åsa Berg") == "Åsa Berg"
    # A second device types the name otherwise: the same participant, named as first written.
    assert join_workshop(store, wid, "  åsa   BERG ") == "Åsa Berg"
    save_participant_weights(store, wid, " åsa berg", ANNA)
    save_participant_scores(
        store, wid, "ÅSA BERG", scores(("x", "C1", "strategic_fit", 4.0)).drop("participant")
    )
    assert participants(store, wid).select("name", "submitted", "assessments").rows() == [
        ("Åsa Berg", True, 1)
    ]
    assert workshop_scores(store, wid)["participant"].to_list() == ["Åsa Berg"]
    # Another name is another participant.
    assert join_workshop(store, wid, "Åsa Bergman") == "Åsa Bergman"
    assert participants(store, wid).height == 2


def test_a_participant_save_never_changes_another(store, shop):
    wid = shop["workshop_id"]
    save_participant_weights(store, wid, "Anna", ANNA)
    save_participant_weights(store, wid, "Bo", BO)
    save_participant_scores(
        store, wid, "Bo", scores(("Bo", "C1", "strategic_fit", 2.0)).drop("participant")
    )
    save_participant_scores(
        store, wid, "Anna", scores(("Anna", "C1", "strategic_fit", 5.0)).drop("participant")
    )
    bo_before = (
        participant_weights(store, wid)["Bo"],
        workshop_scores(store, wid).filter(pl.col("participant") == "Bo"),
    )
    # Anna changes her weights, changes and then clears her assessment of the same cell.
    save_participant_weights(store, wid, "Anna", {"gross_margin": 7.0})
    save_participant_scores(
        store, wid, "Anna", scores(("Anna", "C1", "strategic_fit", 3.0)).drop("participant")
    )
    save_participant_scores(
        store, wid, "Anna", scores(("Anna", "C1", "strategic_fit", None)).drop("participant")
    )
    assert participant_weights(store, wid)["Bo"] == bo_before[0]
    after = workshop_scores(store, wid)
    assert after.filter(pl.col("participant") == "Bo").equals(bo_before[1])
    assert after.filter(pl.col("participant") == "Anna").is_empty()
    assert participant_weights(store, wid)["Anna"] == {"gross_margin": 7.0}


def test_assessment_outside_one_to_five_is_refused(store, shop):
    with pytest.raises(ValueError, match="1 to 5"):
        save_participant_scores(
            store,
            shop["workshop_id"],
            "Anna",
            scores(("Anna", "C1", "potential", 6.0)).drop("participant"),
        )


def test_all_zero_weights_are_refused(store, shop):
    with pytest.raises(ValueError, match="at least one above zero"):
        save_participant_weights(store, shop["workshop_id"], "Anna", {"revenue": 0.0})


def test_override_needs_a_reason(store, shop):
    with pytest.raises(ValueError, match="reason"):
        set_override(store, shop["workshop_id"], "C1", kind="pin", reason="  ")
