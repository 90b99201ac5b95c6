"""The demo company: deterministic generation, the committed files, their ERP format and
their economics, checked by reading the files back independently of the generator.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest

from analytics.ingest.pipeline import import_sales
from analytics.store import Store
from demo_company import (
    DEMO_CUSTOMERS_FILE,
    DEMO_SALES_FILE,
    DEMO_SEED,
    demo_totals,
    write_demo_files,
)

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
SALES_HEADER = (
    "Kundnr;Kundnamn;Fakturanr;Fakturadatum;Förfallodatum;Betaldatum;Artikelnr;Artikel;"
    "Varugrupp;Antal;À-pris;Belopp exkl. moms;Självkostnad;Säljare;Region"
)
CUSTOMERS_HEADER = "Kundnr;Kundnamn;Segment;Region;Kundansvarig;Nöjdhet;NPS"
FIRST_DAY = date(2022, 11, 1)
LAST_DAY = date(2026, 10, 31)


def _read(path: Path) -> pl.DataFrame:
    """Read an export the way a user's tool would: Windows-1252, `;`, everything as text."""
    return pl.read_csv(path, separator=";", encoding="windows-1252", infer_schema=False)


def _money(column: str) -> pl.Expr:
    """A decimal-comma text column as an exact Decimal with 2 decimals."""
    return pl.col(column).str.replace(",", ".").cast(pl.Decimal(18, 2))


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """The demo files written now by the generator, with the totals it reported."""
    out = tmp_path_factory.mktemp("demo")
    totals = write_demo_files(out, seed=DEMO_SEED)
    return out, totals


@pytest.fixture(scope="module")
def sales() -> pl.DataFrame:
    """The committed sales file, parsed independently of the generator."""
    return _read(DATA_DIR / DEMO_SALES_FILE).with_columns(
        revenue=_money("Belopp exkl. moms"),
        cost=_money("Självkostnad"),
        antal=pl.col("Antal").cast(pl.Int64),
        day=pl.col("Fakturadatum").str.to_date("%Y-%m-%d"),
        due=pl.col("Förfallodatum").str.to_date("%Y-%m-%d"),
        paid=pl.col("Betaldatum").str.to_date("%Y-%m-%d"),
    )


@pytest.fixture(scope="module")
def by_customer(sales: pl.DataFrame) -> pl.DataFrame:
    """Revenue, margin (revenue - cost) and last purchase per customer, by SQL."""
    return pl.SQLContext(sales=sales.lazy()).execute(
        """
        select Kundnr,
               sum(cast(revenue as double)) as revenue,
               sum(cast(revenue as double) - cast(cost as double)) as margin,
               max(day) as last_day
        from sales
        group by Kundnr
        """,
        eager=True,
    )


# --- 1. Determinism ------------------------------------------------------------------------


def test_same_seed_gives_identical_bytes(generated: tuple[Path, dict], tmp_path: Path) -> None:
    first, _ = generated
    write_demo_files(tmp_path, seed=DEMO_SEED)
    for name in (DEMO_SALES_FILE, DEMO_CUSTOMERS_FILE):
        assert (tmp_path / name).read_bytes() == (first / name).read_bytes(), name


def test_committed_files_match_the_generator(generated: tuple[Path, dict]) -> None:
    out, _ = generated
    for name in (DEMO_SALES_FILE, DEMO_CUSTOMERS_FILE):
        committed = (DATA_DIR / name).read_bytes()
        assert committed == (out / name).read_bytes(), (
            f"data/{name} is stale: regenerate it with write_demo_files(Path('data'))"
        )


# --- 2. ERP format -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "header"),
    [(DEMO_SALES_FILE, SALES_HEADER), (DEMO_CUSTOMERS_FILE, CUSTOMERS_HEADER)],
)
def test_file_is_windows_1252_crlf_semicolon(name: str, header: str) -> None:
    raw = (DATA_DIR / name).read_bytes()
    assert not raw.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"))  # no BOM
    text = raw.decode("cp1252")  # strict: raises on bytes Windows-1252 does not define
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")  # å, ä, ö are single bytes, so this is not UTF-8
    assert raw.endswith(b"\r\n")
    assert raw.count(b"\n") == raw.count(b"\r\n") == raw.count(b"\r")
    lines = text.split("\r\n")[:-1]
    assert lines[0] == header
    fields = header.count(";") + 1
    assert all(line.count(";") == fields - 1 for line in lines), "a value holds a ';'"
    assert all(re.fullmatch(r"\d{5}", line[:5]) and line[5] == ";" for line in lines[1:])


def test_sales_values_look_like_a_swedish_erp(sales: pl.DataFrame) -> None:
    assert sales.columns[:15] == SALES_HEADER.split(";")
    checks = {
        "Kundnr": r"^\d{5}$",
        "Fakturanr": r"^\d+$",
        "Fakturadatum": r"^\d{4}-\d{2}-\d{2}$",
        "Förfallodatum": r"^\d{4}-\d{2}-\d{2}$",
        "Antal": r"^-?\d+$",
        "À-pris": r"^\d+,\d{2}$",
        "Belopp exkl. moms": r"^-?\d+,\d{2}$",
        "Självkostnad": r"^-?\d+,\d{2}$",
    }
    for column, pattern in checks.items():
        assert sales[column].str.contains(pattern).all(), column
    paid = sales["Betaldatum"].drop_nulls()
    assert paid.str.contains(r"^\d{4}-\d{2}-\d{2}$").all()
    # Unpaid invoices exist, mostly from the last weeks.
    unpaid = sales.filter(pl.col("paid").is_null())
    assert unpaid.height > 0
    assert (unpaid["day"] >= date(2026, 8, 1)).mean() > 0.8
    assert sales["Region"].unique().sort().to_list() == sorted(
        ["Stockholm", "Väst", "Syd", "Mitt", "Norr", "Öst"]
    )
    assert 6 <= sales["Säljare"].n_unique() <= 10
    assert 6 <= sales["Varugrupp"].n_unique() <= 8
    lines_per_invoice = sales.group_by("Fakturanr").len()["len"]
    assert lines_per_invoice.min() == 1
    assert lines_per_invoice.max() == 6
    terms = (sales["due"] - sales["day"]).dt.total_days().unique().sort().to_list()
    assert terms == [10, 30, 60]


def test_customer_master(sales: pl.DataFrame) -> None:
    customers = _read(DATA_DIR / DEMO_CUSTOMERS_FILE)
    n = customers.height
    assert 1700 <= n <= 1900  # about 1,150 a year; churn is replaced by new customers
    assert customers["Kundnr"].is_unique().all()
    assert customers["Kundnr"].str.contains(r"^\d{5}$").all()
    assert set(sales["Kundnr"].unique()) <= set(customers["Kundnr"])
    assert 0.25 <= customers["Kundansvarig"].is_not_null().mean() <= 0.35
    score = customers["Nöjdhet"].drop_nulls().cast(pl.Int64)
    assert 0.35 <= score.len() / n <= 0.45
    assert score.min() >= 1
    assert score.max() <= 5
    nps = customers["NPS"].drop_nulls().cast(pl.Int64)
    assert 0.20 <= nps.len() / n <= 0.30
    assert nps.min() >= -100
    assert nps.max() <= 100
    names = customers["Kundnamn"]
    assert names.is_unique().all()
    for letter in "åäöé&":
        assert names.str.contains(letter, literal=True).any(), letter


# --- 3. Economics, from the file read back ------------------------------------------------


def test_size_and_period(sales: pl.DataFrame) -> None:
    assert 130_000 <= sales.height <= 170_000
    assert 1700 <= sales["Kundnr"].n_unique() <= 1900
    assert sales["day"].min() >= FIRST_DAY
    assert sales["day"].max() <= LAST_DAY
    assert sales["paid"].drop_nulls().max() <= LAST_DAY
    revenue = float(sales["revenue"].sum())
    assert 300e6 <= revenue <= 600e6


def _last_year_profit(sales: pl.DataFrame) -> pl.DataFrame:
    """Per customer over the last 12 months: revenue, gross margin, invoices, small
    invoices (net 0 to 1 000) and profit after the default cost to serve (350 an
    invoice, 25 a line, 500 a credit note, 150 a small order, 500 a customer, capital
    8 % a year on amounts paid late), in SQL of its own."""
    year = sales.filter(pl.col("day") >= date(2025, 11, 1)).with_columns(
        late=(pl.col("paid") - pl.col("due")).dt.total_days()
    )
    return pl.SQLContext(lines=year.lazy()).execute(
        """
        with inv as (
            select Kundnr, Fakturanr, sum(cast(revenue as double)) as net,
                   sum(cast(revenue as double) - cast(cost as double)) as margin,
                   count(*) as n_lines, max(late) as late
            from lines group by Kundnr, Fakturanr
        )
        select Kundnr, sum(net) as revenue, sum(margin) as margin, count(*) as invoices,
               sum(case when net >= 0 and net < 1000 then 1 else 0 end) as small,
               sum(margin) - 350 * count(*) - 25 * sum(n_lines)
                 - 500 * sum(case when net < 0 then 1 else 0 end)
                 - 150 * sum(case when net >= 0 and net < 1000 then 1 else 0 end)
                 - sum(case when net > 0 and late > 0 then net * late * 0.08 / 365 else 0 end)
                 - 500 as profit
        from inv group by Kundnr
        """,
        eager=True,
    )


def test_gross_margin_hides_most_losses(by_customer: pl.DataFrame) -> None:
    margins = by_customer["margin"]
    assert margins.sum() > 0
    # A few customers lose money on their gross margin (heavy framework discounts) ...
    assert 0 < (margins < 0).sum() < 0.05 * margins.len()


def test_whale_curve_with_the_cost_to_serve(sales: pl.DataFrame) -> None:
    # ... while the cost to serve them makes a long tail unprofitable.
    profits = _last_year_profit(sales)["profit"].sort(descending=True)
    top = -(-profits.len() * 20 // 100)  # the top 20 %, rounded up
    total = profits.sum()
    assert total > 0
    assert profits.head(top).sum() / total > 1.3
    assert (profits < 0).sum() > 0.25 * profits.len()


def test_story_customers(sales: pl.DataFrame) -> None:
    year = _last_year_profit(sales).sort("revenue", descending=True)
    # A large builder ordering small lots almost daily: a fair margin, yet it loses money.
    largest = year.head(10).filter(pl.col("small") > 1000)
    assert largest.height == 1
    builder = largest.row(0, named=True)
    assert builder["margin"] > 0.1 * builder["revenue"]
    assert builder["profit"] < -500_000
    # A mid-sized customer with a few large deliveries: among the most profitable.
    rare = year.slice(10, 40).filter(pl.col("invoices") <= 12)
    assert rare.height >= 1
    assert (rare["profit"] > 0.15 * rare["revenue"]).any()


def test_churn_is_higher_for_small_customers(sales: pl.DataFrame) -> None:
    def buyers(start: date, end: date) -> pl.DataFrame:
        window = sales.filter(pl.col("day").is_between(start, end))
        return window.group_by("Kundnr").agg(pl.col("revenue").cast(pl.Float64).sum())

    before = buyers(date(2024, 11, 1), date(2025, 10, 31)).filter(pl.col("revenue") > 0)
    after = set(
        buyers(date(2025, 11, 1), date(2026, 10, 31)).filter(pl.col("revenue") > 0)["Kundnr"]
    )
    ranked = before.sort("revenue", descending=True)["Kundnr"].to_list()
    fifth = len(ranked) // 5

    def kept(ids: list[str]) -> float:
        return sum(i in after for i in ids) / len(ids)

    assert 0.88 <= kept(ranked[:fifth]) <= 0.97  # the largest fifth
    assert 0.62 <= kept(ranked[len(ranked) // 2 :]) <= 0.82  # the smaller half


def test_each_article_once_per_invoice(sales: pl.DataFrame) -> None:
    assert sales.select("Fakturanr", "Artikelnr").is_unique().all()


def test_large_customers_with_thin_margins(by_customer: pl.DataFrame) -> None:
    largest = by_customer.sort("revenue", descending=True).head(30)
    thin = largest.filter(pl.col("margin") / pl.col("revenue") < 0.05)
    assert thin.height >= 3


def test_credit_notes(sales: pl.DataFrame) -> None:
    credits = sales.filter(pl.col("antal") < 0)
    assert 0.005 <= credits.height / sales.height <= 0.02
    assert (credits["revenue"] < 0).all()
    assert (credits["cost"] < 0).all()
    assert (sales.filter(pl.col("antal") > 0)["revenue"] >= 0).all()


def test_churn_and_new_customers(by_customer: pl.DataFrame, sales: pl.DataFrame) -> None:
    churned = by_customer.filter(pl.col("last_day") < date(2025, 11, 1))
    assert churned.height >= 0.10 * by_customer.height
    first = sales.group_by("Kundnr").agg(pl.col("day").min())
    assert first.filter(pl.col("day") >= date(2024, 1, 1)).height >= 100


def test_late_payers(sales: pl.DataFrame) -> None:
    late = (
        sales.filter(pl.col("antal") > 0, pl.col("paid").is_not_null())
        .group_by("Kundnr")
        .agg(((pl.col("paid") - pl.col("due")).dt.total_days()).min().alias("least_late"))
    )
    consistently_late = late.filter(pl.col("least_late") >= 20).height
    assert 0.05 * late.height <= consistently_late <= 0.2 * late.height


# --- 4. The generator's totals match the file ---------------------------------------------


def test_totals_match_the_file(generated: tuple[Path, dict]) -> None:
    out, totals = generated
    df = _read(out / DEMO_SALES_FILE).with_columns(
        revenue=_money("Belopp exkl. moms"), cost=_money("Självkostnad")
    )
    assert totals["rows"] == df.height
    assert totals["revenue"] == Decimal(str(df["revenue"].sum()))
    assert totals["cost"] == Decimal(str(df["cost"].sum()))
    assert totals["customers"] == df["Kundnr"].n_unique()
    assert totals["first_date"] == date.fromisoformat(df["Fakturadatum"].min())
    assert totals["last_date"] == date.fromisoformat(df["Fakturadatum"].max())
    per_customer = df.group_by("Kundnr").agg(pl.col("revenue").sum())
    expected = {k: Decimal(str(v)) for k, v in per_customer.iter_rows()}
    assert totals["revenue_by_customer"] == expected


def test_import_of_the_demo_export_equals_the_generators_totals(
    generated: tuple[Path, dict], tmp_path: Path
) -> None:
    out, totals = generated
    store = Store(tmp_path / "roundtrip.duckdb")
    try:
        report = import_sales(store, out / DEMO_SALES_FILE)
        loaded = store.query(
            "select sum(revenue) as revenue, sum(cost) as cost from sales_lines"
        ).row(0, named=True)
        by_customer = store.query(
            "select customer_id, sum(revenue) as revenue from sales_lines group by customer_id"
        )
    finally:
        store.close()
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (
        totals["rows"],
        totals["rows"],
        0,
    )
    assert report.customers == totals["customers"]
    assert (report.first_date, report.last_date) == (totals["first_date"], totals["last_date"])
    # Money is stored exactly: equal to the generator's öre, to the last decimal.
    assert loaded["revenue"] == totals["revenue"]
    assert loaded["cost"] == totals["cost"]
    assert dict(by_customer.iter_rows()) == totals["revenue_by_customer"]


def test_totals_of_hand_made_lines() -> None:
    def line(kundnr: str, day: date, amount: str, cost: str) -> dict:
        return {
            "Kundnr": kundnr,
            "Fakturadatum": day,
            "Belopp exkl. moms": Decimal(amount),
            "Självkostnad": Decimal(cost),
        }

    lines = [
        line("00017", date(2023, 5, 2), "0.10", "0.05"),
        line("00017", date(2023, 5, 9), "0.20", "0.10"),
        line("01700", date(2023, 1, 3), "1234.56", "1000.00"),
        line("01700", date(2023, 6, 1), "-34.56", "-30.00"),
    ]
    totals = demo_totals(lines)
    assert totals["rows"] == 4
    assert totals["revenue"] == Decimal("1200.30")  # exact, no float rounding
    assert totals["cost"] == Decimal("970.15")
    assert totals["customers"] == 2
    assert totals["first_date"] == date(2023, 1, 3)
    assert totals["last_date"] == date(2023, 6, 1)
    assert totals["revenue_by_customer"] == {"00017": Decimal("0.30"), "01700": Decimal("1200.00")}


def test_generated_lines_hold_typed_values(generated: tuple[Path, dict]) -> None:
    _, totals = generated
    assert isinstance(totals["revenue"], Decimal)
    assert isinstance(totals["first_date"], date)
    assert all(len(k) == 5 for k in totals["revenue_by_customer"])
