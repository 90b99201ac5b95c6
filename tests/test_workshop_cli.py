"""The workshop's command line: `workshop create|weights|assess`, `consensus`,
`stability`, `decision save|compare` — exact JSON keys, hand-computed values, exit codes.

Five customers C1…C5, revenue 100…500, gross margin 90…10 (see tests/test_decision.py):
Anna weights revenue only, Bo revenue 1 and margin 3. Consensus order C5, C4, C3, C2, C1;
Anna's own C5…C1, Bo's C1…C5.
"""

from __future__ import annotations

import json

import pytest

from analytics.cli import main
from tests.samples import FIVE_CUSTOMERS

SALES = FIVE_CUSTOMERS
SHOP = "Ledningsgruppen december 2026"


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def run_json(capsys, *argv) -> dict:
    code, out, err = run(capsys, *argv, "--json")
    assert (code, err) == (0, "")
    return json.loads(out)


@pytest.fixture
def db(tmp_path, capsys):
    path = tmp_path / "shop.duckdb"
    sales = tmp_path / "sales.csv"
    sales.write_text(SALES, encoding="utf-8")
    assert run(capsys, "import", sales, "--db", path)[0] == 0
    return path


@pytest.fixture
def shop(db, capsys):
    run_json(
        capsys, "workshop", "create", "--db", db, "--name", SHOP, "--period", "all", "--top", "2"
    )
    for who, weights in (("Anna", "revenue=100"), ("Bo", "revenue=1,gross_margin=3")):
        code, _, err = run(
            capsys, "workshop", "weights", "--db", db, "--workshop", SHOP,
            "--participant", who, "--weights", weights,
        )  # fmt: skip
        assert (code, err) == (0, "")
    return db


def test_create_says_code_data_set_and_period(db, capsys):
    made = run_json(capsys, "workshop", "create", "--db", db, "--name", SHOP, "--period", "all")
    assert made.keys() >= {"name", "code", "dataset", "period", "from", "to", "top"}
    assert (made["name"], made["dataset"], made["period"], made["top"]) == (
        SHOP,
        "Standard",
        "all",
        20,
    )
    assert (made["from"], made["to"]) == ("2026-03-02", "2026-03-06")
    assert len(made["code"]) == 6


def test_create_twice_fails_with_exit_two(shop, capsys):
    code, out, err = run(capsys, "workshop", "create", "--db", shop, "--name", SHOP)
    assert (code, out) == (2, "")
    assert err.startswith("error: ") and "already exists" in err


def test_consensus_json_keys_and_values(shop, capsys):
    result = run_json(capsys, "consensus", "--db", shop, "--workshop", SHOP)
    assert result["participants"] == ["Anna", "Bo"]
    assert result["weights"]["revenue"] == {
        "mean_share": 0.625,
        "min_share": 0.25,
        "max_share": 1.0,
    }
    assert result["weights"]["gross_margin"] == {
        "mean_share": 0.375,
        "min_share": 0.0,
        "max_share": 0.75,
    }
    assert result["top"] == ["C5", "C4"]
    assert result["everyone"] == []
    assert result["contested"] == [
        {"customer_id": "C5", "in_top_of": ["Anna"]},
        {"customer_id": "C4", "in_top_of": ["Anna"]},
        {"customer_id": "C2", "in_top_of": ["Bo"]},
        {"customer_id": "C1", "in_top_of": ["Bo"]},
    ]


def test_consensus_top_option(shop, capsys):
    result = run_json(capsys, "consensus", "--db", shop, "--workshop", SHOP, "--top", "3")
    assert result["top"] == ["C5", "C4", "C3"]
    assert result["everyone"] == ["C3"]


def test_assess_file_changes_the_consensus(shop, capsys, tmp_path):
    # Only strategic fit counts for Cilla; her 1–5 scores read like a team score file,
    # with an unknown customer rejected by line number.
    scores = tmp_path / "scores.csv"
    scores.write_text("Kundnr;Strategisk passform\nC1;5\nC2;2\nC9;4\n", encoding="utf-8")
    result = run_json(
        capsys, "workshop", "assess", "--db", shop, "--workshop", SHOP,
        "--participant", "Cilla", "--file", scores,
    )  # fmt: skip
    assert (result["scores"], result["customers"], result["rows_rejected"]) == (2, 2, 1)
    assert result["rejected"][0]["reason"] == "unknown_customer"
    assert result["rejected"][0]["line_no"] == 4
    run(capsys, "workshop", "weights", "--db", shop, "--workshop", SHOP,
        "--participant", "Cilla", "--weights", "strategic_fit=1")  # fmt: skip
    agreed = run_json(capsys, "consensus", "--db", shop, "--workshop", SHOP)
    assert agreed["participants"] == ["Anna", "Bo", "Cilla"]
    # Cilla's own list: C1 (5) 100, C3–C5 unassessed 50, C2 (2) 0 → top C1, C3.
    contested = {c["customer_id"]: c["in_top_of"] for c in agreed["contested"]}
    assert contested["C1"] == ["Bo", "Cilla"]
    assert contested["C3"] == ["Cilla"]


def test_unknown_workshop_exit_two(db, capsys):
    code, _, err = run(capsys, "consensus", "--db", db, "--workshop", "nope", "--json")
    assert code == 2 and "no workshop" in err


def test_consensus_without_weights_exit_two(db, capsys):
    run(capsys, "workshop", "create", "--db", db, "--name", "Tom")
    code, _, err = run(capsys, "consensus", "--db", db, "--workshop", "Tom", "--json")
    assert code == 2 and "Nobody" in err


def test_bad_weights_exit_two(shop, capsys):
    code, _, err = run(
        capsys, "workshop", "weights", "--db", shop, "--workshop", SHOP,
        "--participant", "Anna", "--weights", "revenue=-1",
    )  # fmt: skip
    assert code == 2 and err.startswith("error: ")


def test_stability_json_keys_and_counts(shop, capsys):
    result = run_json(
        capsys, "stability", "--db", shop, "--weights", "revenue=1", "--period", "all",
        "--spread", "0", "--samples", "10",
    )  # fmt: skip
    assert result.keys() >= {"customers", "always_a", "border", "never_a"}
    assert (result["always_a"], result["border"], result["never_a"]) == (1, 0, 4)
    first = result["customers"][0]
    assert first == {"customer_id": "C5", "p_a": 1.0, "rank_p05": 1, "rank_p95": 1}


def test_stability_of_a_workshop_is_seeded(shop, capsys):
    argv = ("stability", "--db", shop, "--workshop", SHOP, "--samples", "50", "--seed", "4")
    first = run_json(capsys, *argv)
    assert first == run_json(capsys, *argv)
    assert sum(first[k] for k in ("always_a", "border", "never_a")) == 5


def test_stability_flips_for_one_customer(shop, capsys):
    # Revenue 60, margin 40: C5 leaves A when revenue drops to 40 (see test_stability).
    result = run_json(
        capsys, "stability", "--db", shop, "--weights", "revenue=60,gross_margin=40",
        "--period", "all", "--customer", "C5",
    )  # fmt: skip
    assert result["flips"][0]["criterion"] == "revenue"
    assert result["flips"][0]["threshold"] == pytest.approx(40)


def test_decision_save_and_compare(shop, capsys):
    saved = run_json(
        capsys, "decision", "save", "--db", shop, "--workshop", SHOP, "--name", "Fokuslista 2027"
    )
    assert saved["name"] == "Fokuslista 2027"
    assert saved["a"] == ["C5"]
    assert saved["participants"] == ["Anna", "Bo"]
    same = run_json(capsys, "decision", "compare", "--db", shop, "--name", "Fokuslista 2027")
    assert (same["entered_a"], same["left_a"], same["stayed_a"]) == ([], [], ["C5"])
    other = run_json(
        capsys, "decision", "compare", "--db", shop, "--name", "Fokuslista 2027",
        "--weights", "gross_margin=1",
    )  # fmt: skip
    assert (other["entered_a"], other["left_a"], other["stayed_a"]) == (["C1"], ["C5"], [])


def test_decision_save_twice_exit_two(shop, capsys):
    argv = ("decision", "save", "--db", shop, "--workshop", SHOP, "--name", "Fokuslista 2027")
    assert run(capsys, *argv)[0] == 0
    code, _, err = run(capsys, *argv)
    assert code == 2 and "already exists" in err


def test_compare_unknown_decision_exit_two(shop, capsys):
    code, _, err = run(capsys, "decision", "compare", "--db", shop, "--name", "x", "--json")
    assert code == 2 and "no decision" in err
