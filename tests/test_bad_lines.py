"""A bad line costs a line, never the file: stray quotes, a few Windows-1252 lines in a
UTF-8 file, implausible dates and amounts are rejected or read per line while the rest
loads; the command line's JSON stays valid and its CSV safe. Expected values are worked
out by hand from the literal or generated files below.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from datetime import date, timedelta

import pytest

import analytics.ingest.decode
from analytics.cli import main
from analytics.ingest.errors import IngestError
from analytics.ingest.pipeline import import_sales, preview_file
from analytics.store import Store

HEADER = "Kundnr;Kundnamn;Fakturadatum;Belopp\n"


def write_bytes(tmp_path, name: str, raw: bytes):
    path = tmp_path / name
    path.write_bytes(raw)
    return path


def write(tmp_path, name: str, text: str):
    return write_bytes(tmp_path, name, text.encode("utf-8"))


def loaded(store, columns: str = "line_no, customer_id, customer_name") -> list[tuple]:
    return store.query(f"select {columns} from sales_lines order by line_no").rows()


def rejected(store, import_id: int) -> list[tuple]:
    rows = store.rejected_rows(import_id)
    return [(r["line_no"], r["reason"], json.loads(r["raw"])) for r in rows.to_dicts()]


def strict_json(text: str):
    """`json.loads` that refuses `NaN`, `Infinity` and `-Infinity` as JSON does."""

    def refuse(constant: str):
        msg = f"not JSON: {constant}"
        raise ValueError(msg)

    return json.loads(text, parse_constant=refuse)


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# --- stray quotes ----------------------------------------------------------------------

# A generated export of 6,000 data lines (file lines 2..6001): customer i on line i + 1
# with an amount of 1. Line 5,002 holds a Hebrew company name with a `"` inside an unquoted
# field, line 3,000 a screen size in inches, and line 5,500 a quote that opens a field and
# never closes (with one field too few to be read as text).
LINES = 6000


def _generated(tmp_path):
    rows = []
    for i in range(1, LINES + 1):
        line_no = i + 1
        if line_no == 5002:
            rows.append(f'{i};חברה בע"מ;2024-01-05;1\n')
        elif line_no == 3000:
            rows.append(f'{i};24" skärm AB;2024-01-05;1\n')
        elif line_no == 5500:
            rows.append(f'{i};"Öppen;2024-01-05\n')
        else:
            rows.append(f"{i};Kund {i};2024-01-05;1\n")
    return write(tmp_path, "stora.csv", HEADER + "".join(rows))


def test_a_stray_quote_on_line_5002_costs_nothing(store, tmp_path):
    report = import_sales(store, _generated(tmp_path))
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (6000, 5999, 1)
    assert report.revenue_loaded == 5999
    names = dict(store.query("select line_no, customer_name from sales_lines").rows())
    assert names[5002] == 'חברה בע"מ'
    assert names[3000] == '24" skärm AB'
    assert names[5501] == "Kund 5500"


def test_the_line_that_cannot_be_split_is_rejected_with_its_number_and_text(store, tmp_path):
    report = import_sales(store, _generated(tmp_path))
    assert report.rejected_reasons == {"bad_quotes": 1}
    assert rejected(store, report.import_id) == [
        (5500, "bad_quotes", {"_unsplit": '5499;"Öppen;2024-01-05'})
    ]


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ('1;"27" skärm";2024-01-05;10', '27" skärm'),  # inner quote not doubled
        ('1;"Citat ""AB""";2024-01-05;10', 'Citat "AB"'),  # doubled: one quote each
        ('1;"Öst; Väst";2024-01-05;10', "Öst; Väst"),  # the delimiter inside quotes
        ('1;Karl "Kalle" Ek;2024-01-05;10', 'Karl "Kalle" Ek'),
        ('1;"A;2024-01-05;10', '"A'),  # never closed, but four fields as text
    ],
)
def test_quotes_are_read_leniently(store, tmp_path, line, name):
    import_sales(store, write(tmp_path, "q.csv", HEADER + line + "\n2;B;2024-01-06;20\n"))
    assert loaded(store) == [(2, "1", name), (3, "2", "B")]


def test_a_quoted_field_over_two_lines_is_one_value(store, tmp_path):
    text = HEADER + '1;"Storgatan 1\nStockholm";2024-01-05;10\n2;B;2024-01-06;20\n'
    import_sales(store, write(tmp_path, "multi.csv", text))
    assert [r[1:] for r in loaded(store)] == [("1", "Storgatan 1\nStockholm"), ("2", "B")]


def test_a_quote_in_a_comma_file_keeps_the_comma_inside(store, tmp_path):
    text = (
        'Kundnr,Kundnamn,Fakturadatum,Belopp\n1,"Acme, Inc",2024-01-05,10\n2,5" rör,2024-01-06,20\n'
    )
    import_sales(store, write(tmp_path, "comma.csv", text))
    assert [r[1:] for r in loaded(store)] == [("1", "Acme, Inc"), ("2", '5" rör')]


def test_the_preview_shows_the_unsplit_line_as_rejected(tmp_path):
    text = HEADER + '1;"A;2024-01-05\n2;B;2024-01-06;20\n'
    preview = preview_file(write(tmp_path, "p.csv", text))
    assert preview.rows.select("line_no", "reason").rows() == [(2, "bad_quotes"), (3, None)]


# --- a few Windows-1252 lines in a UTF-8 file ----------------------------------------


def _mixed(lines: dict[int, str], cp1252: set[int], total: int) -> bytes:
    """A file of `total` data lines: customer i on file line i + 1, named `lines[i + 1]`
    or `Kund i`; the lines in `cp1252` are encoded as Windows-1252, the rest as UTF-8.
    """
    out = [HEADER.encode()]
    for i in range(1, total + 1):
        line_no = i + 1
        text = f"{i};{lines.get(line_no, f'Kund {i}')};2024-01-05;1\n"
        out.append(text.encode("cp1252" if line_no in cp1252 else "utf-8"))
    return b"".join(out)


def test_utf8_names_stay_right_beside_windows_1252_lines(store, tmp_path):
    names = {2: "Åkesson AB", 4: "Ärlig “AB”", 7: "Björk", 9: "Œuvre €", 11: "Ørsted"}
    raw = _mixed(names, cp1252={4, 9}, total=10)
    import_sales(store, write_bytes(tmp_path, "mixed.csv", raw))
    found = dict(store.query("select line_no, customer_name from sales_lines").rows())
    assert {n: found[n] for n in names} == names


def test_windows_1252_lines_are_counted_and_named_in_a_warning(store, tmp_path):
    raw = _mixed({2: "Åkesson", 4: "Ärlig", 9: "Öst"}, cp1252={4, 9}, total=10)
    report = import_sales(store, write_bytes(tmp_path, "mixed.csv", raw))
    warning = next(w for w in report.warnings if w["code"] == "mixed_encoding")
    assert (warning["lines"], warning["first"]) == (2, "4, 9")
    assert store.scalar("select encoding from imports") == "utf-8"


def test_the_warning_names_the_first_five_lines(store, tmp_path):
    bad = {3, 5, 8, 13, 21, 34}
    raw = _mixed(dict.fromkeys(range(2, 40), "Åsa"), cp1252=bad, total=38)
    report = import_sales(store, write_bytes(tmp_path, "mixed.csv", raw))
    warning = next(w for w in report.warnings if w["code"] == "mixed_encoding")
    assert (warning["lines"], warning["first"]) == (6, "3, 5, 8, 13, 21")


def test_line_numbers_hold_across_blocks(store, tmp_path, monkeypatch):
    # Small blocks: the first ones hold only Windows-1252 lines (read at once), a later
    # one UTF-8 lines; the numbers are still the file's.
    monkeypatch.setattr(analytics.ingest.decode, "BLOCK_SIZE", 64)
    names = {3: "Åsa", 5: "Örjan", 40: "Åkesson"}
    raw = _mixed(names, cp1252={3, 5}, total=40)
    report = import_sales(store, write_bytes(tmp_path, "blocks.csv", raw))
    warning = next(w for w in report.warnings if w["code"] == "mixed_encoding")
    assert (warning["lines"], warning["first"]) == (2, "3, 5")
    found = dict(store.query("select line_no, customer_name from sales_lines").rows())
    assert {n: found[n] for n in names} == names


def test_a_utf8_file_with_bom_and_a_windows_1252_line_loads(store, tmp_path):
    raw = codecs.BOM_UTF8 + _mixed({2: "Åkesson", 3: "Ärlig"}, cp1252={3}, total=2)
    report = import_sales(store, write_bytes(tmp_path, "bom.csv", raw))
    assert [r[2] for r in loaded(store)] == ["Åkesson", "Ärlig"]
    assert "mixed_encoding" in [w["code"] for w in report.warnings]


def test_a_whole_windows_1252_file_gives_no_warning(store, tmp_path):
    raw = _mixed({2: "Åkesson", 3: "Ärlig"}, cp1252={2, 3}, total=3)
    report = import_sales(store, write_bytes(tmp_path, "ansi.csv", raw))
    assert "mixed_encoding" not in [w["code"] for w in report.warnings]
    assert store.scalar("select encoding from imports") == "cp1252"


# --- implausible dates ------------------------------------------------------------------

DATES = (
    HEADER
    + "1;A;2024-01-05;100\n"  # line 2
    + "2;B;9999-12-31;50\n"  # line 3: a placeholder
    + "3;C;0001-01-01;20\n"  # line 4: a placeholder
    + "4;D;1989-12-31;5\n"  # line 5: one day too early
    + "5;E;1990-01-01;7\n"  # line 6: the first plausible day
    + "6;F;2023-06-30;30\n"  # line 7
)


def test_implausible_dates_are_rejected_and_kept(store, tmp_path):
    report = import_sales(store, write(tmp_path, "dates.csv", DATES))
    assert report.rejected_reasons == {"implausible_date": 3}
    assert [(n, r) for n, r, _ in rejected(store, report.import_id)] == [
        (3, "implausible_date"),
        (4, "implausible_date"),
        (5, "implausible_date"),
    ]
    assert rejected(store, report.import_id)[0][2]["Fakturadatum"] == "9999-12-31"
    assert report.revenue_rejected == 50 + 20 + 5


def test_the_period_ends_at_the_last_plausible_date(store, tmp_path):
    report = import_sales(store, write(tmp_path, "dates.csv", DATES))
    assert (report.first_date, report.last_date) == (date(1990, 1, 1), date(2024, 1, 5))


def test_the_earliest_date_is_a_keyword_option(store, tmp_path):
    path = write(tmp_path, "dates.csv", DATES)
    report = import_sales(store, path, earliest_date=date(1980, 1, 1))
    assert report.rejected_reasons == {"implausible_date": 2}
    assert report.first_date == date(1989, 12, 31)


def test_the_latest_date_is_a_keyword_option(store, tmp_path):
    path = write(tmp_path, "dates.csv", DATES)
    report = import_sales(store, path, latest_date=date(2023, 12, 31))
    assert report.rejected_reasons == {"implausible_date": 4}
    assert report.last_date == date(2023, 6, 30)


def test_more_than_a_year_ahead_is_implausible(store, tmp_path):
    today = date.today()
    ahead, too_far = today + timedelta(days=365), today + timedelta(days=366)
    text = HEADER + f"1;A;{ahead};10\n2;B;{too_far};20\n"
    report = import_sales(store, write(tmp_path, "ahead.csv", text))
    assert report.rejected_reasons == {"implausible_date": 1}
    assert report.last_date == ahead


def test_the_range_is_set_by_environment(store, tmp_path, monkeypatch):
    monkeypatch.setenv("KUNDFOKUS_EARLIEST_DATE", "2000-01-01")
    monkeypatch.setenv("KUNDFOKUS_DAYS_AHEAD", "0")
    today = date.today()
    text = HEADER + f"1;A;1999-12-31;1\n2;B;2000-01-01;2\n3;C;{today + timedelta(days=1)};4\n"
    report = import_sales(store, write(tmp_path, "env.csv", text))
    assert report.rejected_reasons == {"implausible_date": 2}
    assert loaded(store, "customer_id") == [("2",)]


@pytest.mark.parametrize(
    ("variable", "value"), [("KUNDFOKUS_EARLIEST_DATE", "igår"), ("KUNDFOKUS_DAYS_AHEAD", "x")]
)
def test_a_wrong_setting_is_refused_by_name(store, tmp_path, monkeypatch, variable, value):
    monkeypatch.setenv(variable, value)
    with pytest.raises(IngestError) as caught:
        import_sales(store, write(tmp_path, "dates.csv", DATES))
    assert caught.value.code == "date_range"
    assert variable in str(caught.value)


def test_a_placeholder_payment_date_is_no_date(store, tmp_path):
    text = (
        "Kundnr;Fakturadatum;Förfallodatum;Betaldatum;Belopp\n"
        "1;2024-01-05;2024-02-04;9999-12-31;10\n"
    )
    report = import_sales(store, write(tmp_path, "paid.csv", text))
    assert report.rows_loaded == 1
    assert loaded(store, "due_date, paid_date") == [(date(2024, 2, 4), None)]


# Two calendar years of sales (so retention has a year to compare) plus the placeholders.
HISTORY = (
    HEADER
    + "1;A;2022-03-01;100\n2;B;2022-04-01;200\n1;A;2023-03-01;150\n3;C;2023-05-01;50\n"
    + "9;Z;9999-12-31;1000\n8;Y;0001-01-01;1000\n"
)


@pytest.fixture
def history_db(tmp_path, capsys):
    db = tmp_path / "h.duckdb"
    code, _, _ = run(capsys, "import", write(tmp_path, "history.csv", HISTORY), "--db", db)
    assert code == 0
    return db


def test_score_period_all_works_beside_placeholder_dates(capsys, history_db):
    code, out, err = run(capsys, "score", "--db", history_db, "--period", "all", "--json")
    assert (code, err) == (0, "")
    result = strict_json(out)
    assert result["period"] == {"from": "2022-03-01", "to": "2023-05-01"}
    assert sorted(c["customer_id"] for c in result["customers"]) == ["1", "2", "3"]


def test_the_default_period_ends_at_the_last_plausible_date(capsys, history_db):
    code, out, _ = run(capsys, "score", "--db", history_db, "--json")
    assert code == 0
    assert strict_json(out)["period"] == {"from": "2022-05-02", "to": "2023-05-01"}


def test_retention_works_beside_placeholder_dates(capsys, history_db):
    code, out, err = run(capsys, "retention", "--db", history_db, "--json")
    assert (code, err) == (0, "")
    # 2022: customers 1 and 2; of them only 1 buys in 2023.
    assert strict_json(out)["yearly_logo_retention"]["2023"] == {"base": 2, "kept": 1, "rate": 0.5}


def test_the_command_line_sets_the_earliest_date(capsys, tmp_path):
    db = tmp_path / "e.duckdb"
    path = write(tmp_path, "dates.csv", DATES)
    code, out, _ = run(
        capsys, "import", path, "--db", db, "--json", "--earliest-date", "1980-01-01"
    )
    assert code == 0
    assert strict_json(out)["rejected_reasons"] == {"implausible_date": 2}


def test_the_command_line_refuses_a_wrong_date_option(capsys, tmp_path):
    path = write(tmp_path, "dates.csv", DATES)
    code, out, err = run(
        capsys, "import", path, "--db", tmp_path / "e.duckdb", "--latest-date", "x"
    )
    assert (code, out) == (2, "")
    assert err == "error: --latest-date expects a date such as 1990-01-01, got 'x'\n"


# --- amounts too large for any total -------------------------------------------------

# Fits the parser (28 whole digits) but no DECIMAL(18,4) column: too large, not unreadable.
HUGE = "9" * 20


def test_overflowing_amounts_are_rejected_and_the_json_stays_valid(capsys, tmp_path):
    text = HEADER + f"1;A;2024-01-05;100\n2;B;2024-01-05;{HUGE}\n3;C;2024-01-05;1e400\n"
    path = write(tmp_path, "huge.csv", text)
    code, out, _ = run(capsys, "import", path, "--db", tmp_path / "h.duckdb", "--json")
    assert code == 0
    report = strict_json(out)
    assert report["rejected_reasons"] == {"bad_amount": 1, "amount_too_large": 1}
    assert (report["revenue_loaded"], report["revenue_rejected"]) == (100, 0)


@pytest.mark.parametrize(
    ("amount", "reason"),
    [("99 999 999 999 999,99", None), ("100 000 000 000 000", "amount_too_large")],
)
def test_the_amount_limit(store, tmp_path, amount, reason):
    text = HEADER + f"1;A;2024-01-05;{amount}\n2;B;2024-01-05;1\n"
    report = import_sales(store, write(tmp_path, "limit.csv", text))
    assert report.rejected_reasons == ({reason: 1} if reason else {})


def test_an_overflowing_quantity_times_price_is_rejected(store, tmp_path):
    text = "Kundnr;Fakturadatum;Antal;À-pris\n1;2024-01-05;2;5\n2;2024-01-05;1e10;1e10\n"
    text = text.replace("1e10", "10000000000")
    report = import_sales(store, write(tmp_path, "qp.csv", text))
    assert report.rejected_reasons == {"amount_too_large": 1}
    assert report.revenue_loaded == 10


def test_an_overflowing_cost_rejects_the_line(store, tmp_path):
    text = f"Kundnr;Fakturadatum;Belopp;Kostnad\n1;2024-01-05;10;4\n2;2024-01-05;10;{HUGE}\n"
    report = import_sales(store, write(tmp_path, "cost.csv", text))
    assert report.rejected_reasons == {"amount_too_large": 1}
    assert report.revenue_rejected == 10


# --- clv and other numbers on the command line ------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["--margin", "nan", "--retention", "0.8"],
        ["--margin", "inf", "--retention", "0.8"],
        ["--margin", "100", "--retention", "nan"],
        ["--margin", "100", "--retention", "0.8", "--discount=-inf"],
        ["--margin", "1e308", "--retention", "0.9"],  # finite inputs, an infinite value
    ],
)
def test_clv_refuses_non_finite_numbers(capsys, argv):
    code, out, err = run(capsys, "clv", *argv, "--json")
    assert (code, out) == (2, "")
    assert len(err.splitlines()) == 1
    assert err.startswith("error: ")


def test_clv_json_is_valid(capsys):
    code, out, _ = run(capsys, "clv", "--margin", "100", "--retention", "0.8", "--json")
    assert code == 0
    assert strict_json(out)["multiplier"] == pytest.approx(0.8 / 0.3)


@pytest.mark.parametrize(
    "argv",
    [
        ["score", "--weights", "revenue=nan"],
        ["score", "--tiers", "inf,0.3"],
        ["concentration", "--assumed-margin", "nan"],
    ],
)
def test_non_finite_options_are_refused(capsys, history_db, argv):
    code, out, err = run(capsys, *argv, "--db", history_db, "--json")
    assert (code, out) == (2, "")
    assert len(err.splitlines()) == 1


def test_concentration_json_without_any_margin_is_valid(capsys, tmp_path):
    # Margins +10 and -10: the total margin is 0, so shares of it are not numbers.
    text = "Kundnr;Fakturadatum;Belopp;Kostnad\n1;2024-01-05;20;10\n2;2024-01-05;10;20\n"
    db = tmp_path / "c.duckdb"
    assert run(capsys, "import", write(tmp_path, "c.csv", text), "--db", db)[0] == 0
    code, out, _ = run(capsys, "concentration", "--db", db, "--period", "all", "--json")
    assert code == 0
    result = strict_json(out)
    assert result["gross_margin"] == 0


# --- customers --csv ---------------------------------------------------------------------


def test_customers_csv_neutralises_formulas(capsys, tmp_path):
    # (The importer strips outer spaces, so a tab or CR cannot start a stored name.)
    names = ['=HYPERLINK("http://evil","x")', "+46 70", "-rabatt", "@SUM(A1)", "Vanlig"]
    rows = "".join(f"{i};{n};2024-01-05;{100 - i}\n" for i, n in enumerate(names, start=1))
    db = tmp_path / "f.duckdb"
    assert run(capsys, "import", write(tmp_path, "f.csv", HEADER + rows), "--db", db)[0] == 0
    code, out, _ = run(capsys, "customers", "--db", db, "--csv")
    assert code == 0
    found = [r["customer_name"] for r in csv.DictReader(io.StringIO(out))]
    assert found == [
        '\'=HYPERLINK("http://evil","x")',
        "'+46 70",
        "'-rabatt",
        "'@SUM(A1)",
        "Vanlig",
    ]


def test_customers_text_output_shows_control_characters_as_escapes(capsys, tmp_path):
    db = tmp_path / "t.duckdb"
    text = HEADER + "1;Evil\x1b[2J\x07 AB;2024-01-05;10\n"
    assert run(capsys, "import", write(tmp_path, "t.csv", text), "--db", db)[0] == 0
    code, out, _ = run(capsys, "customers", "--db", db)
    assert code == 0
    assert "\x1b" not in out
    assert "\x07" not in out
    assert "Evil\\x1b[2J\\x0" in out  # the table wraps the rest of the name


def test_store_keeps_the_name_as_it_was(tmp_path, capsys):
    # Escaping is for messages only: the data keeps its characters.
    db = tmp_path / "k.duckdb"
    text = HEADER + "1;Evil\x07 AB;2024-01-05;10\n"
    assert run(capsys, "import", write(tmp_path, "k.csv", text), "--db", db)[0] == 0
    store = Store(db)
    try:
        assert store.scalar("select customer_name from sales_lines") == "Evil\x07 AB"
    finally:
        store.close()


def test_a_warning_shows_a_header_s_control_characters_as_escapes(store, tmp_path):
    text = "Kundnr;Datum\x1b[5m;Belopp\n1;01/02/2024;10\n2;03/04/2024;20\n"
    mapping = {"customer_id": "Kundnr", "invoice_date": "Datum\x1b[5m", "revenue": "Belopp"}
    report = import_sales(store, write(tmp_path, "w.csv", text), mapping=mapping)
    warning = next(w for w in report.warnings if w["code"] == "ambiguous_dates")
    assert warning["column"] == "Datum\\x1b[5m"
    assert "\x1b" not in warning["message"]


def test_a_team_score_file_rejects_the_unsplit_line_only(tmp_path):
    from analytics.team import parse_team_scores

    text = 'Kundnr;Potential;Relation\n1;"4\n2;3;2\n'
    parsed = parse_team_scores(write(tmp_path, "team.csv", text))
    assert parsed.rejected.select("line_no", "reason", "raw").rows() == [(2, "bad_quotes", '1;"4')]
    assert parsed.rows_used == 1
