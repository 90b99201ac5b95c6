"""Generating the demo company from one seed: customers, invoices and payments in the order
of their draws, numbered and turned into the rows of the ERP export and its customer master.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from demo_company.catalogue import _FREIGHT_ARTICLE, _flat_catalogue
from demo_company.customers import _Customer, _make_customers, _seller
from demo_company.days import DEMO_END, _business_days
from demo_company.invoices import (
    _Article,
    _Invoice,
    _Line,
    _make_lines,
    _payment_day,
    _plan_invoices,
)
from demo_company.story import _story_customers

__all__ = ["DEMO_COMPANY", "DEMO_SEED", "DemoData", "generate_demo"]

DEMO_SEED = 2027
DEMO_COMPANY = "Nordgrossisten AB"
_FIRST_INVOICE_NO = 100001


@dataclass(frozen=True)
class DemoData:
    """The demo company's export: invoice `lines` and the `customers` master.

    Each line is a dict keyed by `SALES_COLUMNS`: `Kundnr` str (5 digits), `Fakturanr` int,
    the three dates `datetime.date` (`Betaldatum` None while unpaid), `Antal` int, `À-pris`,
    `Belopp exkl. moms` and `Självkostnad` `Decimal` SEK with 2 decimals (negative on
    credit notes), the rest str. Each customer is a dict keyed by `CUSTOMER_COLUMNS`;
    `Kundansvarig`, `Nöjdhet` (1-5) and `NPS` (-100..100) are None when not known.
    """

    lines: list[dict] = field(repr=False)
    customers: list[dict] = field(repr=False)


def generate_demo(*, seed: int = DEMO_SEED) -> DemoData:
    """Build the demo company's invoice lines and customer master from `seed`.

    Deterministic: the same seed gives the same data on every run and platform. Lines are
    ordered by invoice number (which follows the invoice date), then line order.
    """
    rng = random.Random(seed)
    months = _business_days()
    articles, by_group = _flat_catalogue()
    customers = _make_customers(rng)
    customers += _story_customers(customers)
    planned = _plan_invoices(rng, customers, months)
    invoices = _make_lines(rng, planned, articles, by_group)
    invoices.sort(key=lambda inv: (inv.day, inv.credit, inv.customer.no, inv.seq))
    lines, revenue = _export_lines(rng, invoices, articles)
    return DemoData(lines=lines, customers=_customer_master(rng, customers, revenue))


def _export_lines(
    rng: random.Random, invoices: list[_Invoice], articles: list[_Article]
) -> tuple[list[dict], dict[str, int]]:
    """The export's rows of `invoices` (sorted), numbered from `_FIRST_INVOICE_NO` and each
    given its payment day, with each customer's revenue in öre."""
    lines: list[dict] = []
    revenue: dict[str, int] = {}
    for number, invoice in enumerate(invoices, start=_FIRST_INVOICE_NO):
        customer = invoice.customer
        due = invoice.day + timedelta(days=customer.terms)
        head = {
            "Kundnr": customer.kundnr,
            "Kundnamn": customer.name,
            "Fakturanr": number,
            "Fakturadatum": invoice.day,
            "Förfallodatum": due,
            "Betaldatum": _payment_day(rng, invoice, due),
        }
        tail = {"Säljare": _seller(customer, invoice.day), "Region": customer.region}
        for line in invoice.lines:
            revenue[customer.kundnr] = revenue.get(customer.kundnr, 0) + line.amount_ore
            lines.append({**head, **_line_columns(line, articles), **tail})
    return lines, revenue


def _line_columns(line: _Line, articles: list[_Article]) -> dict:
    """The article and money columns of one export row."""
    if line.article < 0:
        article_no, article, group = _FREIGHT_ARTICLE
    else:
        article_no, article, group = articles[line.article][:3]
    return {
        "Artikelnr": article_no,
        "Artikel": article,
        "Varugrupp": group,
        "Antal": line.qty,
        "À-pris": _ore(line.price_ore),
        "Belopp exkl. moms": _ore(line.amount_ore),
        "Självkostnad": _ore(line.cost_ore),
    }


def _customer_master(
    rng: random.Random, customers: list[_Customer], revenue: dict[str, int]
) -> list[dict]:
    """The customer master's rows by customer number. The bigger ~30 % of customers (by
    revenue in öre) have a named account manager; bigger customers more often have a
    satisfaction score, and those with one more often an NPS."""
    ranked = sorted(customers, key=lambda c: (-revenue.get(c.kundnr, 0), c.no))
    managed = {c.no for c in ranked[: round(0.3 * len(ranked))]}
    size_rank = {c.no: 1 - i / len(ranked) for i, c in enumerate(ranked)}
    master: list[dict] = []
    for customer in sorted(customers, key=lambda c: c.no):
        satisfaction = customer.satisfaction + rng.gauss(0, 0.4)
        score = None
        if rng.random() < 0.2 + 0.4 * size_rank[customer.no]:
            score = min(5, max(1, round(satisfaction)))
        nps = None
        if rng.random() < (0.5 if score is not None else 0.08):
            nps = min(100, max(-100, round((satisfaction - 3) * 45 + rng.gauss(0, 20))))
        master.append(
            {
                "Kundnr": customer.kundnr,
                "Kundnamn": customer.name,
                "Segment": customer.segment,
                "Region": customer.region,
                "Kundansvarig": _seller(customer, DEMO_END) if customer.no in managed else None,
                "Nöjdhet": score,
                "NPS": nps,
            }
        )
    return master


def _ore(value: int) -> Decimal:
    """Whole öre as SEK with 2 decimals."""
    return Decimal(value).scaleb(-2)
