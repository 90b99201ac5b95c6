"""The command line of plans: `plans import`, `plans`, `board` and `review`, their JSON
contracts and exit codes."""

from __future__ import annotations

import json

import pytest

from analytics.cli import main

SALES = "Kundnr;Kundnamn;Fakturadatum;Belopp\nC1;Alfa;2027-01-10;300\nC2;Beta;2027-01-12;200\n"
PLANS = (
    "Customer number;Goal;Activity;Owner;Due date;Status\n"
    "C1;Grow share;Visit buyer;Anna;2027-01-12;planned\n"
    "C1;Grow share;Call CFO;Anna;2027-01-14;done\n"
    "C2;;Demo;;2027-01-13;\n"
)


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def db(tmp_path, capsys):
    sales = tmp_path / "sales.csv"
    sales.write_text(SALES, encoding="utf-8")
    path = tmp_path / "k.duckdb"
    assert run(capsys, "import", sales, "--db", path)[0] == 0
    return path


@pytest.fixture
def plans_file(tmp_path):
    path = tmp_path / "plans.csv"
    path.write_text(PLANS, encoding="utf-8")
    return path


def test_plans_import_json_reports_rows_and_rejects(capsys, db, plans_file):
    code, out, _ = run(capsys, "plans", "import", plans_file, "--db", db, "--json")
    report = json.loads(out)
    assert (code, report["rows_loaded"], report["rejected"]) == (
        0, 2, [{"line_no": 4, "sheet": None, "reason": "missing_owner", "value": "C2"}]
    )  # fmt: skip


def test_plans_import_takes_the_options_before_the_file_too(capsys, db, plans_file):
    code, out, _ = run(capsys, "plans", "--db", db, "import", plans_file)
    assert (code, "line 4: missing_owner C2" in out) == (0, True)


def test_plans_import_names_the_date_that_is_not_a_date(capsys, db, tmp_path):
    path = tmp_path / "dates.csv"
    path.write_text(PLANS.replace("2027-01-14", "next week"), encoding="utf-8")
    code, out, _ = run(capsys, "plans", "import", path, "--db", db)
    assert (code, "line 3: bad_date next week" in out) == (0, True)


def test_plans_json_lists_goals_and_activities(capsys, db, plans_file):
    run(capsys, "plans", "import", plans_file, "--db", db)
    code, out, _ = run(capsys, "plans", "--db", db, "--json")
    listed = json.loads(out)
    assert code == 0
    assert [(p["customer_id"], [g["title"] for g in p["goals"]]) for p in listed] == [
        ("C1", ["Grow share"])
    ]
    assert [
        {k: a[k] for k in ("title", "owner", "due", "status")} for a in listed[0]["activities"]
    ] == [
        {"title": "Visit buyer", "owner": "Anna", "due": "2027-01-12", "status": "planned"},
        {"title": "Call CFO", "owner": "Anna", "due": "2027-01-14", "status": "done"},
    ]


def test_board_json_has_the_sections_and_the_scoreboard(capsys, db, plans_file):
    run(capsys, "plans", "import", plans_file, "--db", db)
    code, out, _ = run(capsys, "board", "--db", db, "--week", "2027-W02", "--json")
    shown = json.loads(out)
    assert code == 0
    assert shown.keys() >= {"week", "due", "overdue", "done", "scoreboard"}
    assert shown["week"] == "2027-W02"
    # Which revenue counts depends on today (the plans start today); the keys do not.
    keys = {"customer_id", "target_revenue", "actual_revenue", "status"}
    assert [(row.keys() >= keys, row["customer_id"]) for row in shown["scoreboard"]] == [
        (True, "C1")
    ]


def test_board_refuses_a_week_that_is_no_week(capsys, db):
    code, _, err = run(capsys, "board", "--db", db, "--week", "2027-13")
    assert (code, "2027-W03" in err) == (2, True)


def test_plans_import_of_an_unusable_file_fails_with_the_reason(capsys, db, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("Kundnr;Aktivitet;Ansvarig\nC9;Visit;Anna\n", encoding="utf-8")
    code, _, err = run(capsys, "plans", "import", path, "--db", db)
    assert (code, "line 2: unknown_customer" in err) == (2, True)


def test_review_json_lists_wins_first(capsys, db, plans_file):
    run(capsys, "plans", "import", plans_file, "--db", db)
    code, out, _ = run(capsys, "review", "--db", db, "--quarter", "2027-Q1", "--json")
    shown = json.loads(out)
    assert (code, list(shown)[:5]) == (0, ["quarter", "start", "end", "as_of", "wins"])


def test_plans_import_reads_a_sheet_by_a_saved_profile(capsys, db, tmp_path):
    from analytics.ingest.profiles import save_profile
    from analytics.store import Store

    headers = ["Kund", "Att göra", "Vem"]
    store = Store(db)
    try:
        mapping = {"customer_id": "Kund", "activity": "Att göra", "owner": "Vem"}
        save_profile(store, "Egen", headers, mapping)
    finally:
        store.close()
    path = tmp_path / "own.csv"
    path.write_text("Kund;Att göra;Vem\nC1;Besök;Anna\n", encoding="utf-8")
    code, out, _ = run(capsys, "plans", "import", path, "--db", db, "--profile", "Egen", "--json")
    report = json.loads(out)
    assert (code, report["rows_loaded"], report["profile"]) == (0, 1, "Egen")
