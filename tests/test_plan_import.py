"""Plans import: a corpus of good and bad sheets made here, in Swedish and English, as
CSV and as .xlsx (written with xlsxwriter, the project's Excel writer)."""

from __future__ import annotations

from datetime import date

import pytest
import xlsxwriter

from analytics.ingest.errors import IngestError
from analytics.ingest.pipeline import import_sales
from analytics.ingest.profiles import save_profile
from analytics.plan_import import import_plans, plan_columns
from analytics.plan_tables import activities, goals, team

SALES = (
    "Kundnr;Kundnamn;Fakturadatum;Belopp\nC1;Alfa AB;2027-01-10;100\nC2;Beta AB;2027-01-12;200\n"
)
SWEDISH = ("Kundnr", "Mål", "Aktivitet", "Ansvarig", "Klart senast", "Status")
ENGLISH = ("Customer number", "Goal", "Activity", "Owner", "Due date", "Status")


@pytest.fixture
def sales(store, tmp_path):
    path = tmp_path / "sales.csv"
    path.write_text(SALES, encoding="utf-8")
    import_sales(store, path, dataset="Standard")
    return store


def _csv(tmp_path, headers, rows, name="plans.csv"):
    path = tmp_path / name
    lines = [";".join(headers), *(";".join(r) for r in rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _run(store, path):
    return import_plans(store, path, dataset="Standard", by="test")


def _acts(store):
    frame = activities(store, dataset="Standard")
    return frame.select("customer_id", "title", "owner", "due", "status").rows()


@pytest.mark.parametrize(
    ("headers", "status"), [(SWEDISH, "Pågår"), (ENGLISH, "in progress")], ids=["sv", "en"]
)
def test_a_good_sheet_creates_plans_goals_and_activities(sales, tmp_path, headers, status):
    rows = [("C1", "Grow share", "Visit buyer", "Anna", "2027-03-01", status)]
    report = _run(sales, _csv(tmp_path, headers, rows))
    assert _acts(sales) == [("C1", "Visit buyer", "Anna", date(2027, 3, 1), "in_progress")]
    assert (report.plans_created, report.goals_created, report.team_added) == (1, 1, ["Anna"])


def test_the_goal_column_makes_a_free_goal_once_per_plan(sales, tmp_path):
    rows = [
        ("C1", "Grow share", "Visit", "Anna", "", ""),
        ("C1", "Grow share", "Call", "Bo", "", ""),
    ]
    _run(sales, _csv(tmp_path, SWEDISH, rows))
    assert goals(sales, dataset="Standard").select("kind", "title").rows() == [
        ("free", "Grow share")
    ]


def test_a_customer_given_by_name_is_found(sales, tmp_path):
    path = _csv(tmp_path, ("Kundnamn", "Aktivitet", "Ansvarig"), [("beta ab", "Visit", "Anna")])
    _run(sales, path)
    assert [r[0] for r in _acts(sales)] == ["C2"]


def test_an_xlsx_sheet_with_date_cells_and_a_title_row(sales, tmp_path):
    path = tmp_path / "plans.xlsx"
    book = xlsxwriter.Workbook(path)
    sheet = book.add_worksheet("Kundplaner")
    dates = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(0, 0, ["Account plans 2027"])
    sheet.write_row(1, 0, ENGLISH)
    sheet.write_row(2, 0, ["C1", "Grow", "Visit", "Anna"])
    sheet.write_datetime(2, 4, date(2027, 4, 1), dates)
    sheet.write(2, 5, "done")
    book.close()
    report = _run(sales, path)
    assert (_acts(sales), report.rows_loaded) == (
        [("C1", "Visit", "Anna", date(2027, 4, 1), "done")],
        1,
    )


def test_dates_as_day_month_year_are_read(sales, tmp_path):
    _run(sales, _csv(tmp_path, SWEDISH, [("C1", "", "Visit", "Anna", "15.03.2027", "")]))
    assert _acts(sales)[0][3] == date(2027, 3, 15)


@pytest.mark.parametrize(
    ("row", "reason", "value"),
    [
        (("C1", "", "Visit", "", "2027-03-01", ""), "missing_owner", "C1"),
        (("C1", "", "Visit", "Anna", "next week", ""), "bad_date", "next week"),
        (("C9", "", "Visit", "Anna", "2027-03-01", ""), "unknown_customer", "C9"),
        (("", "", "Visit", "Anna", "2027-03-01", ""), "missing_customer", None),
        (("C1", "", "", "Anna", "2027-03-01", ""), "missing_activity", "C1"),
        (("C1", "", "Visit", "Anna", "2027-03-01", "half done"), "bad_status", "half done"),
    ],
)
def test_a_bad_row_is_rejected_with_line_and_reason(sales, tmp_path, row, reason, value):
    good = ("C2", "", "Call", "Bo", "2027-03-02", "")
    report = _run(sales, _csv(tmp_path, SWEDISH, [good, row]))
    # The header is line 1, the good row line 2, the bad one line 3; the value is the
    # cell that failed (the date, the status), else the customer as given.
    assert [(r["line_no"], r["reason"], r["value"]) for r in report.rejected] == [
        (3, reason, value)
    ]
    assert sales.rejected_rows(report.import_id)[["line_no", "reason"]].rows() == [(3, reason)]


def test_a_file_without_a_usable_row_names_lines_and_reasons(sales, tmp_path):
    path = _csv(tmp_path, ENGLISH, [("C9", "", "Visit", "Anna", "", "")])
    with pytest.raises(IngestError, match="line 2: unknown_customer") as caught:
        _run(sales, path)
    assert caught.value.code == "nothing_loaded"


@pytest.mark.parametrize(
    ("headers", "code"),
    [
        (("Kundnr", "Ansvarig", "Klart senast"), "plan_no_activity_column"),
        (("Kundnr", "Aktivitet", "Klart senast"), "plan_no_owner_column"),
        (("Aktivitet", "Ansvarig", "Status"), "no_customer_column"),
    ],
)
def test_a_file_without_a_needed_column_is_refused(sales, tmp_path, headers, code):
    path = _csv(tmp_path, headers, [tuple("x" for _ in headers)])
    with pytest.raises(IngestError) as caught:
        _run(sales, path)
    assert caught.value.code == code


def test_importing_the_sheet_again_updates_instead_of_doubling(sales, tmp_path):
    _run(sales, _csv(tmp_path, SWEDISH, [("C1", "", "Visit", "Anna", "2027-03-01", "Planerad")]))
    path = _csv(tmp_path, SWEDISH, [("C1", "", "visit", "Bo", "2027-03-08", "Klar")], "v2.csv")
    report = _run(sales, path)
    assert (_acts(sales), report.activities_updated) == (
        [("C1", "Visit", "Bo", date(2027, 3, 8), "done")], 1
    )  # fmt: skip


def test_new_owners_join_the_team_list(sales, tmp_path):
    rows = [("C1", "", "Visit", "Anna", "", ""), ("C2", "", "Call", "Bo", "", "")]
    _run(sales, _csv(tmp_path, SWEDISH, rows))
    assert team(sales)["person"].to_list() == ["Anna", "Bo"]


# Headers no synonym knows: the team's own sheet.
OWN = ("Kund", "Syfte", "Att göra", "Vem", "Vecka klar", "Läge nu")
OWN_MAPPING = {"customer_id": "Kund", "goal": "Syfte", "activity": "Att göra",
               "owner": "Vem", "due": "Vecka klar", "status": "Läge nu"}  # fmt: skip


def test_headers_no_synonym_knows_are_refused_without_a_mapping(sales, tmp_path):
    path = _csv(tmp_path, OWN, [("C1", "Grow", "Visit", "Anna", "2027-03-01", "klar")])
    with pytest.raises(IngestError) as caught:
        _run(sales, path)
    assert caught.value.code == "plan_no_activity_column"


def test_a_given_mapping_reads_the_teams_own_headers(sales, tmp_path):
    path = _csv(tmp_path, OWN, [("C1", "Grow", "Visit", "Anna", "2027-03-01", "klar")])
    report = import_plans(sales, path, dataset="Standard", mapping=OWN_MAPPING)
    assert _acts(sales) == [("C1", "Visit", "Anna", date(2027, 3, 1), "done")]
    assert (report.mapping, report.profile) == (OWN_MAPPING, None)


def test_a_mapping_naming_a_column_the_file_lacks_is_refused(sales, tmp_path):
    path = _csv(tmp_path, OWN, [("C1", "Grow", "Visit", "Anna", "2027-03-01", "klar")])
    with pytest.raises(IngestError) as caught:
        import_plans(sales, path, dataset="Standard", mapping={**OWN_MAPPING, "owner": "Ägare"})
    assert caught.value.code == "mapping_unknown_column"


def test_a_saved_profile_is_found_by_the_headers_of_the_next_sheet(sales, tmp_path):
    first = _csv(tmp_path, OWN, [("C1", "Grow", "Visit", "Anna", "2027-03-01", "")])
    save_profile(sales, "Säljets planer", list(OWN), OWN_MAPPING)
    assert plan_columns(first, store=sales).profile == "Säljets planer"
    second = _csv(tmp_path, OWN, [("C2", "", "Call", "Bo", "2027-04-01", "")], name="april.csv")
    report = _run(sales, second)
    assert (report.profile, report.rows_loaded) == ("Säljets planer", 1)


def test_a_plans_profile_without_an_owner_is_not_saved(sales):
    with pytest.raises(IngestError) as caught:
        save_profile(
            sales, "Halv", list(OWN), {k: v for k, v in OWN_MAPPING.items() if k != "owner"}
        )
    assert caught.value.code == "plan_no_owner_column"


def test_the_columns_offered_before_import_are_the_automatic_mapping(sales, tmp_path):
    path = _csv(tmp_path, ENGLISH, [("C1", "Grow", "Visit", "Anna", "2027-03-01", "")])
    found = plan_columns(path, store=sales)
    assert (found.headers, found.profile) == (list(ENGLISH), None)
    assert found.mapping == dict(zip(("customer_id", "goal", "activity", "owner", "due", "status"),
                                     ENGLISH, strict=True))  # fmt: skip
