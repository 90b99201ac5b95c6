"""One customer's history, product groups, payment behaviour and A-tier comparison, and
the team's score files: small cases whose every number can be checked by hand.
"""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from analytics.customer import (
    customer_exists,
    customer_history,
    payment_behaviour,
    product_group_mix,
    tier_comparison,
)
from analytics.metrics import Period, customer_metrics
from analytics.scoring import score_customers
from analytics.team import (
    TeamScoreError,
    assessment_rows,
    last_assessment,
    parse_team_scores,
    score_changes,
    team_score_table,
)
from tests.samples import import_text

# K1 Alfa: invoice 1 (two lines, Jan, paid on the due date), 2 (Mar, paid 10 days late),
# 3 (Mar, unpaid, due before the data's last date), 4 (a credit note in Apr without
# product group, paid 2 days early). K2 Beta: invoice 5 (Feb, cost unknown, paid 20 days
# late), 6 (Jun, unpaid, due after the data's last date 2024-06-15).
SALES_CSV = (
    "Kundnr;Kundnamn;Fakturanr;Fakturadatum;Förfallodatum;Betaldatum;Varugrupp;Belopp;Kostnad\n"
    "K1;Alfa AB;1;2024-01-10;2024-02-09;2024-02-09;Verktyg;1000;600\n"
    "K1;Alfa AB;1;2024-01-10;2024-02-09;2024-02-09;Tjänster;200;100\n"
    "K1;Alfa AB;2;2024-03-05;2024-04-04;2024-04-14;Verktyg;500;300\n"
    "K1;Alfa AB;3;2024-03-20;2024-04-19;;Skydd;300;200\n"
    "K1;Alfa AB;4;2024-04-02;2024-05-02;2024-04-30;;-100;-60\n"
    "K2;Beta HB;5;2024-02-01;2024-03-02;2024-03-22;Verktyg;800;\n"
    "K2;Beta HB;6;2024-06-15;2024-07-15;;Verktyg;400;250\n"
)


@pytest.fixture
def dataset(store, tmp_path):
    """The store with SALES_CSV imported; returns (store, dataset_id)."""
    return store, import_text(store, SALES_CSV, tmp_path, dataset="Test")


def test_customer_exists(dataset):
    store, ds = dataset
    assert customer_exists(store, dataset_id=ds, customer_id="K1")
    assert not customer_exists(store, dataset_id=ds, customer_id="k1")
    assert not customer_exists(store, dataset_id=ds + 1, customer_id="K1")


def test_history_has_every_month_up_to_the_last_invoice(dataset):
    store, ds = dataset
    history = customer_history(store, dataset_id=ds, customer_id="K1")
    assert history["month"].to_list() == [date(2024, m, 1) for m in range(1, 7)]
    assert history["revenue"].to_list() == [1200.0, 0.0, 800.0, -100.0, 0.0, 0.0]
    # Jan 1200 − 700, Mar 800 − 500, Apr −100 − (−60); quiet months 0 (cost is known).
    assert history["gross_margin"].to_list() == pytest.approx([500, 0, 300, -40, 0, 0])
    assert history["invoices"].to_list() == [1, 0, 2, 1, 0, 0]
    pct = history["margin_pct"].to_list()
    assert pct[0] == pytest.approx(100 * 500 / 1200)
    assert pct[2] == pytest.approx(37.5)
    assert pct[3] is None  # a credit-note month has no meaningful margin %


def test_history_keeps_unknown_margin_unknown(dataset):
    store, ds = dataset
    history = customer_history(store, dataset_id=ds, customer_id="K2")
    assert history["month"].to_list() == [date(2024, m, 1) for m in range(2, 7)]
    assert history["revenue"].to_list() == [800.0, 0.0, 0.0, 0.0, 400.0]
    assert history["gross_margin"].to_list() == [None, 0.0, 0.0, 0.0, 150.0]


def test_history_of_an_unknown_customer_is_empty(dataset):
    store, ds = dataset
    history = customer_history(store, dataset_id=ds, customer_id="nobody")
    assert history.is_empty()
    assert history.columns == ["month", "revenue", "gross_margin", "margin_pct", "invoices"]


def test_product_group_mix_over_all_history(dataset):
    store, ds = dataset
    mix = product_group_mix(store, dataset_id=ds, customer_id="K1")
    assert mix["product_group"].to_list() == ["Verktyg", "Skydd", "Tjänster", None]
    assert mix["revenue"].to_list() == [1500.0, 300.0, 200.0, -100.0]
    assert mix["gross_margin"].to_list() == pytest.approx([600, 100, 100, -40])
    assert mix["lines"].to_list() == [2, 1, 1, 1]
    assert mix["share"].to_list() == pytest.approx([15 / 19, 3 / 19, 2 / 19, -1 / 19])
    assert mix["margin_pct"].to_list()[0] == pytest.approx(40.0)


def test_product_group_mix_within_a_period(dataset):
    store, ds = dataset
    period = Period(date(2024, 3, 1), date(2024, 6, 15))
    mix = product_group_mix(store, dataset_id=ds, customer_id="K1", period=period)
    assert mix["product_group"].to_list() == ["Verktyg", "Skydd", None]
    assert mix["revenue"].to_list() == [500.0, 300.0, -100.0]
    assert mix["share"].to_list() == pytest.approx([5 / 7, 3 / 7, -1 / 7])


def test_product_group_mix_with_unknown_cost(dataset):
    store, ds = dataset
    mix = product_group_mix(store, dataset_id=ds, customer_id="K2")
    assert mix.row(0, named=True)["revenue"] == 1200.0
    assert mix.row(0, named=True)["gross_margin"] is None  # one of its lines has no cost


@pytest.mark.parametrize(
    ("customer", "expected"),
    [
        pytest.param(
            "K1",
            {
                "invoices": 4,
                "with_due_date": 4,
                "paid": 3,
                "avg_days_late": pytest.approx((0 + 10 - 2) / 3),
                "max_days_late": 10,
                "paid_late": 1,
                "late_share": pytest.approx(1 / 3),
                "unpaid": 1,
                "unpaid_amount": 300.0,
                "overdue": 1,  # due 2024-04-19, the data runs to 2024-06-15
            },
            id="overdue",
        ),
        pytest.param(
            "K2",
            {
                "invoices": 2,
                "with_due_date": 2,
                "paid": 1,
                "avg_days_late": 20.0,
                "max_days_late": 20,
                "paid_late": 1,
                "late_share": 1.0,
                "unpaid": 1,
                "unpaid_amount": 400.0,
                "overdue": 0,  # due 2024-07-15, after the data's last date
            },
            id="unpaid_but_not_yet_due",
        ),
    ],
)
def test_payment_behaviour_by_hand(dataset, customer, expected):
    store, ds = dataset
    pay = payment_behaviour(store, dataset_id=ds, customer_id=customer)
    assert {key: pay[key] for key in expected} == expected
    assert pay["known"] is True


def test_payment_behaviour_agrees_with_the_customer_metrics(dataset):
    store, ds = dataset
    period = Period(date(2024, 1, 1), date(2024, 6, 15))
    metrics = customer_metrics(store, dataset_id=ds, period=period)
    for customer in ("K1", "K2"):
        delay = metrics.filter(pl.col("customer_id") == customer)["payment_delay"].item()
        pay = payment_behaviour(store, dataset_id=ds, customer_id=customer, period=period)
        assert pay["avg_days_late"] == pytest.approx(delay)


def test_payment_behaviour_without_payment_data(store, tmp_path):
    text = "Kundnr;Fakturadatum;Belopp\nK9;2024-01-01;100\n"
    dataset_id = import_text(store, text, tmp_path, dataset="Plain", name="plain")
    pay = payment_behaviour(store, dataset_id=dataset_id, customer_id="K9")
    assert pay["invoices"] == 1
    assert pay["known"] is False
    assert pay["avg_days_late"] is None
    assert pay["late_share"] is None
    assert pay["unpaid"] == 0


# --- comparison with the A tier ------------------------------------------------------


def _table() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "customer_id": ["a", "b", "c", "d", "e"],
            "revenue": [10.0, 20.0, 30.0, 40.0, 50.0],
            "potential": [None, 1.0, 2.0, 5.0, 4.0],
        }
    )


def test_tier_comparison_single_criterion():
    scored = score_customers(_table(), weights={"revenue": 1})
    # Percentile ranks 0, .25, .5, .75, 1 → scores 0..100; A = ceil(5 × 20 %) = 1 customer.
    comparison = tier_comparison(scored, customer_id="b")
    assert comparison["criterion"].to_list() == ["revenue"]
    row = comparison.row(0, named=True)
    assert row["customer"] == pytest.approx(25.0)
    assert row["tier_average"] == pytest.approx(100.0)
    assert row["difference"] == pytest.approx(-75.0)
    assert row["normalised"] == pytest.approx(0.25)


def test_tier_comparison_marks_unassessed_and_adds_up():
    scored = score_customers(_table(), weights={"revenue": 1, "potential": 1})
    comparison = tier_comparison(scored, customer_id="a")
    mine = comparison.filter(pl.col("criterion") == "potential").row(0, named=True)
    assert mine["normalised"] is None  # not assessed → the neutral 0.5 → 25 points
    assert mine["customer"] == pytest.approx(25.0)
    score = scored.filter(pl.col("customer_id") == "a")["score"].item()
    assert comparison["customer"].sum() == pytest.approx(score)
    # d: revenue .75 → 37.5, potential 1.0 → 50: score 87.5, the only A customer.
    a_tier = comparison["tier_average"].to_list()
    assert a_tier == pytest.approx([37.5, 50.0])


def test_tier_comparison_unknown_customer():
    scored = score_customers(_table(), weights={"revenue": 1})
    with pytest.raises(ValueError, match="not in the scored table"):
        tier_comparison(scored, customer_id="zz")


# --- the team's scores -------------------------------------------------------------------

KNOWN = pl.DataFrame(
    {"customer_id": ["00017", "00018", "00019"], "customer_name": ["Åkesson AB", "Berg", "X"]}
)


def _write(tmp_path, text: str, name: str = "scores.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_score_file_headers_are_matched_and_values_read(tmp_path):
    path = _write(
        tmp_path,
        "Kundnr;Strategisk passform;Potential;Beroende;Relation;Nöjdhet\n"
        "00017;4;5;;3;4,5\n"
        "00018;1;2;3;4;5\n",
    )
    parsed = parse_team_scores(path, customers=KNOWN)
    assert parsed.mapping == {
        "customer_id": "Kundnr",
        "strategic_fit": "Strategisk passform",
        "potential": "Potential",
        "dependency": "Beroende",
        "relationship": "Relation",
        "satisfaction": "Nöjdhet",
    }
    assert parsed.rows_read == 2
    assert parsed.rows_used == 2
    assert parsed.rejected.is_empty()
    first = parsed.scores.filter(pl.col("customer_id") == "00017")
    # The blank dependency is not an assessment: four scores, decimal comma read.
    assert dict(zip(first["criterion"], first["value"], strict=True)) == {
        "potential": 5.0,
        "relationship": 3.0,
        "satisfaction": 4.5,
        "strategic_fit": 4.0,
    }
    assert parsed.scores.height == 9
    assert parsed.customers == 2


def test_score_file_rejects_rows_with_reasons(tmp_path):
    path = _write(
        tmp_path,
        "Kundnr,Kundnamn,Strategic fit,Dependency\n"
        "00017,Åkesson AB,4,2\n"
        "00018,Berg,6,2\n"  # out of range
        "00019,X,high,\n"  # not a number
        "00099,Okänd,3,3\n"  # not a customer of the data set
        ",,3,3\n"  # no customer at all
        "00017,Åkesson AB,,5\n",  # listed twice: the last row counts
    )
    parsed = parse_team_scores(path, customers=KNOWN)
    assert parsed.rows_read == 6
    assert parsed.rows_used == 2
    rejected = parsed.rejected
    assert rejected["line_no"].to_list() == [3, 4, 5, 6]
    assert rejected["reason"].to_list() == [
        "out_of_range",
        "not_a_number",
        "unknown_customer",
        "missing_customer",
    ]
    assert rejected["column"].to_list() == ["Strategic fit", "Strategic fit", None, None]
    assert rejected["raw"].to_list()[:3] == ["6", "high", "00099"]
    scores = {(r["customer_id"], r["criterion"]): r["value"] for r in parsed.scores.to_dicts()}
    assert scores == {("00017", "strategic_fit"): 4.0, ("00017", "dependency"): 5.0}


def test_score_file_row_wider_than_the_header_is_rejected(tmp_path):
    # "4,5" unquoted in a comma file: reading it as 4 would store a score nobody gave.
    path = _write(tmp_path, "Kundnr,Nöjdhet\n00017,4,5\n00018,3\n")
    parsed = parse_team_scores(path, customers=KNOWN)
    assert parsed.rejected.select("line_no", "reason", "raw").rows() == [
        (2, "too_many_fields", "5")
    ]
    assert parsed.scores.to_dicts() == [
        {"customer_id": "00018", "criterion": "satisfaction", "value": 3.0}
    ]


def test_score_file_finds_customers_by_name(tmp_path):
    path = _write(tmp_path, "Kund;Potential\nåkesson ab;3\n")
    parsed = parse_team_scores(path, customers=KNOWN)
    assert parsed.scores.to_dicts() == [
        {"customer_id": "00017", "criterion": "potential", "value": 3.0}
    ]


def test_score_file_bounds_are_inclusive(tmp_path):
    path = _write(tmp_path, "Kundnr;Potential\n00017;1\n00018;5\n00019;0,99\n")
    parsed = parse_team_scores(path, customers=KNOWN)
    assert parsed.scores["value"].to_list() == [1.0, 5.0]
    assert parsed.rejected["reason"].to_list() == ["out_of_range"]


def test_score_file_without_criteria_or_customer_is_refused(tmp_path):
    with pytest.raises(TeamScoreError) as caught:
        parse_team_scores(_write(tmp_path, "Kundnr;Belopp\n1;100\n"))
    assert caught.value.code == "no_criteria_columns"
    with pytest.raises(TeamScoreError) as caught:
        parse_team_scores(_write(tmp_path, "Potential;Relation\n3;4\n", "b.csv"))
    assert caught.value.code == "no_customer_column"
    with pytest.raises(TeamScoreError) as caught:
        parse_team_scores(_write(tmp_path, "Kundnr;Potential\n", "c.csv"))
    assert caught.value.code == "header_only"


def test_score_file_from_excel(tmp_path):
    path = tmp_path / "scores.xlsx"
    pl.DataFrame({"Kundnummer": ["00018"], "Relationship": [4], "NPS": [10]}).write_excel(path)
    parsed = parse_team_scores(path, customers=KNOWN)
    assert parsed.scores.to_dicts() == [
        {"customer_id": "00018", "criterion": "relationship", "value": 4.0}
    ]


def test_score_changes_lists_only_changed_cells():
    before = pl.DataFrame(
        {"customer_id": ["a", "b"], "potential": [3.0, None], "dependency": [None, 2.0]}
    )
    after = pl.DataFrame(
        {"customer_id": ["b", "a"], "potential": [4.0, 3.0], "dependency": [None, None]}
    )
    changes = score_changes(before, after)
    assert changes.to_dicts() == [
        {"customer_id": "b", "criterion": "dependency", "value": None},
        {"customer_id": "b", "criterion": "potential", "value": 4.0},
    ]
    assert score_changes(before, before).is_empty()


def test_stored_scores_wide_and_last_assessment(dataset):
    store, ds = dataset
    assert last_assessment(store, dataset_id=ds) is None
    assert team_score_table(store, dataset_id=ds).is_empty()
    scores = pl.DataFrame(
        {"customer_id": ["K1", "K1", "K2"], "criterion": ["potential", "dependency", "potential"]}
    ).with_columns(pl.Series("value", [4.0, 2.0, 5.0]))
    store.save_team_scores(ds, scores, by="Anna")
    wide = team_score_table(store, dataset_id=ds).sort("customer_id")
    assert wide.columns[0] == "customer_id"
    assert wide["potential"].to_list() == [4.0, 5.0]
    assert wide["dependency"].to_list() == [2.0, None]
    assert wide["relationship"].to_list() == [None, None]
    last = last_assessment(store, dataset_id=ds)
    assert last["assessed_by"] == "Anna"
    assert last["customers"] == 2
    assert last["scores"] == 3


def test_assessment_rows_sort_search_and_limit():
    customers = pl.DataFrame(
        {
            "customer_id": ["00017", "00018", "00019", "00020"],
            "customer_name": ["Åkesson AB", "Berg & Son", "Åsa Bygg", None],
            "revenue": [100.0, 300.0, 200.0, 300.0],
            "potential": [9.0, 9.0, 9.0, 9.0],  # the table's own column is not used
        }
    )
    stored = pl.DataFrame(
        {"customer_id": ["00019"], "potential": [4.0]},
        schema_overrides={"customer_id": pl.String},
    ).with_columns(
        pl.lit(None, pl.Float64).alias(k)
        for k in ("strategic_fit", "dependency", "relationship", "satisfaction")
    )
    rows = assessment_rows(customers, stored)
    assert rows["customer_id"].to_list() == ["00018", "00020", "00019", "00017"]
    assert rows["potential"].to_list() == [None, None, 4.0, None]
    assert rows.columns[:3] == ["customer_id", "customer_name", "revenue"]
    assert assessment_rows(customers, stored, top=2)["customer_id"].to_list() == [
        "00018",
        "00020",
    ]
    assert assessment_rows(customers, stored, search="åkES")["customer_id"].to_list() == ["00017"]
    assert assessment_rows(customers, stored, search="0019")["customer_id"].to_list() == ["00019"]
    unassessed = assessment_rows(customers, stored, unassessed_only=True)
    assert "00019" not in unassessed["customer_id"].to_list()
