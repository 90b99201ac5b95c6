"""The importer: preview an export, then load it into the store in one transaction.

Steps: open the file as text columns (`source`), map headers to fields (`mapping`; the
opening the preview and both imports share is `opening.opened_file`), gather evidence
over all values to decide decimal separator and date format per column (`parse`), parse
lazily (`frames`, `sales`) and stream the result to a temporary Parquet file, then
insert loaded and rejected rows into DuckDB inside one transaction (`sales_import`,
`customers_import`). Memory stays bounded by the streaming engine; nothing is dropped:
every row is loaded or kept as rejected with its reason, and the amounts loaded and
rejected add up to the file's own total.

This module is the importer's public face: its names are defined in those modules.
"""

from __future__ import annotations

from analytics.ingest.customers_import import import_customers
from analytics.ingest.frames import AMOUNT_LIMIT, DAYS_AHEAD, EARLIEST_DATE, plausible_dates
from analytics.ingest.preview import preview_file
from analytics.ingest.profiles import find_profile, save_profile
from analytics.ingest.report import REJECT_REASONS, ImportReport, Preview, Progress
from analytics.ingest.sales_import import import_sales

__all__ = [
    "AMOUNT_LIMIT",
    "DAYS_AHEAD",
    "EARLIEST_DATE",
    "REJECT_REASONS",
    "ImportReport",
    "Preview",
    "Progress",
    "find_profile",
    "import_customers",
    "import_sales",
    "plausible_dates",
    "preview_file",
    "save_profile",
]
