"""The demo company's files as a Swedish ERP exports them: Windows-1252, CRLF, `;`
separator, decimal comma, no thousands separator, ISO dates, a header line; and the totals
of what was written.
"""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TypedDict

from demo_company.generate import DEMO_SEED, generate_demo

__all__ = [
    "CUSTOMER_COLUMNS",
    "DEMO_CUSTOMERS_FILE",
    "DEMO_ENCODING",
    "DEMO_SALES_FILE",
    "SALES_COLUMNS",
    "DemoTotals",
    "demo_totals",
    "write_demo_files",
]

DEMO_SALES_FILE = "demo_forsaljning.csv"
DEMO_CUSTOMERS_FILE = "demo_kunder.csv"
DEMO_ENCODING = "cp1252"

SALES_COLUMNS: tuple[str, ...] = (
    "Kundnr",
    "Kundnamn",
    "Fakturanr",
    "Fakturadatum",
    "Förfallodatum",
    "Betaldatum",
    "Artikelnr",
    "Artikel",
    "Varugrupp",
    "Antal",
    "À-pris",
    "Belopp exkl. moms",
    "Självkostnad",
    "Säljare",
    "Region",
)
CUSTOMER_COLUMNS: tuple[str, ...] = (
    "Kundnr",
    "Kundnamn",
    "Segment",
    "Region",
    "Kundansvarig",
    "Nöjdhet",
    "NPS",
)


class DemoTotals(TypedDict):
    """Totals of the sales lines; see `demo_totals`."""

    rows: int
    revenue: Decimal
    cost: Decimal
    customers: int
    first_date: date | None
    last_date: date | None
    revenue_by_customer: dict[str, Decimal]


def demo_totals(lines: list[dict]) -> DemoTotals:
    """Totals of the lines exactly as written to the file.

    Keys: `rows` (int), `revenue` and `cost` (Decimal SEK, sums of `Belopp exkl. moms` and
    `Självkostnad`), `customers` (distinct Kundnr), `first_date` and `last_date`
    (`datetime.date`, invoice dates) and `revenue_by_customer` (Kundnr -> Decimal SEK).
    """
    revenue = Decimal("0.00")
    cost = Decimal("0.00")
    by_customer: dict[str, Decimal] = {}
    first: date | None = None
    last: date | None = None
    for line in lines:
        amount = line["Belopp exkl. moms"]
        revenue += amount
        cost += line["Självkostnad"]
        kundnr = line["Kundnr"]
        by_customer[kundnr] = by_customer.get(kundnr, Decimal("0.00")) + amount
        day = line["Fakturadatum"]
        first = day if first is None or day < first else first
        last = day if last is None or day > last else last
    return {
        "rows": len(lines),
        "revenue": revenue,
        "cost": cost,
        "customers": len(by_customer),
        "first_date": first,
        "last_date": last,
        "revenue_by_customer": by_customer,
    }


def _cell(value: object) -> str:
    """A value as the ERP writes it: empty for None, ISO date, decimal comma."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value).replace(".", ",")
    return str(value)


def _write_csv(path: Path, columns: tuple[str, ...], rows: list[dict]) -> None:
    """Write `rows` as Windows-1252, CRLF, `;`-separated text with a header line."""
    with path.open("w", encoding=DEMO_ENCODING, newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerow(columns)
        writer.writerows([_cell(row[column]) for column in columns] for row in rows)


def write_demo_files(out_dir: Path, *, seed: int = DEMO_SEED) -> DemoTotals:
    """Write `DEMO_SALES_FILE` and `DEMO_CUSTOMERS_FILE` into `out_dir` (created if missing)
    and return `demo_totals` of the lines written.
    """
    data = generate_demo(seed=seed)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    _write_csv(out_dir / DEMO_SALES_FILE, SALES_COLUMNS, data.lines)
    _write_csv(out_dir / DEMO_CUSTOMERS_FILE, CUSTOMER_COLUMNS, data.customers)
    return demo_totals(data.lines)
