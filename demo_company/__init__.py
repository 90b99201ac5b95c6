"""The demo company: a deterministic ERP export of the fictional wholesaler Nordgrossisten AB.

Nordgrossisten AB is a mid-sized Swedish B2B wholesaler of consumables, tools, workwear,
protective gear, electrical, plumbing, chemicals and services. `generate_demo` builds four
years of its invoice lines (2022-11-01 to 2026-10-31, about 145,000 lines for about 1,800
customers, some 1,150 of them buying in any one year) and its customer master from one
seed with `random.Random`, so the same seed always gives byte-identical files.

The economics are made to show what Kundfokus looks for: skewed customer sizes, a few
large framework-agreement customers with heavy discounts and many deliveries whose margin
is thin or negative, a long tail of small customers eaten by the cost to serve them, late
payers, churn a wholesaler recognises (the largest customers keep about 90–95 % a year,
the smallest 70–80 %), new customers, growing and shrinking customers. The cost column is
the cost of the goods (and the carrier's cost of a freight line); what it costs to handle
an order, a line or a credit note is not in it, so the cost to serve shows who really
earns money (`analytics.costs`): a whale curve far above 100 %. Two customers tell that
story on their own: a large builder that orders almost daily in small lots and loses
money despite a fair gross margin, and a mid-sized industrial customer that orders a few
large deliveries a year and is among the most profitable per krona.

The files look like a Swedish ERP export: Windows-1252, CRLF, `;` separator, decimal
comma, no thousands separator, ISO dates. All money is in SEK, rounded to whole öre.

The modules: `days` (the four years, delivery days, price index, seasonality), `catalogue`
(articles and list prices, each segment's product mix), `names` (regions, sales reps, the
parts of company names), `customers` (their hidden traits: size, growth, churn, discount,
cost to serve, payment habits), `story` (the two customers set by hand), `invoices` (when
they buy, the lines, freight, credit notes, payments), `generate` (all of it from one seed,
as export rows) and `files` (writing the two files and their totals). `draws` holds the
random draws they share. The package never imports Streamlit or `analytics`.
"""

from __future__ import annotations

from demo_company.customers import N_EXISTING, N_NEW
from demo_company.days import DEMO_END, DEMO_START
from demo_company.files import (
    CUSTOMER_COLUMNS,
    DEMO_CUSTOMERS_FILE,
    DEMO_ENCODING,
    DEMO_SALES_FILE,
    SALES_COLUMNS,
    DemoTotals,
    demo_totals,
    write_demo_files,
)
from demo_company.generate import DEMO_COMPANY, DEMO_SEED, DemoData, generate_demo
from demo_company.story import STORY, StoryCustomer

__all__ = [
    "CUSTOMER_COLUMNS",
    "DEMO_COMPANY",
    "DEMO_CUSTOMERS_FILE",
    "DEMO_ENCODING",
    "DEMO_END",
    "DEMO_SALES_FILE",
    "DEMO_SEED",
    "DEMO_START",
    "N_EXISTING",
    "N_NEW",
    "SALES_COLUMNS",
    "STORY",
    "DemoData",
    "DemoTotals",
    "StoryCustomer",
    "demo_totals",
    "generate_demo",
    "write_demo_files",
]
