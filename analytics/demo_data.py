"""The demo company in the database: its export files imported through the same importer
a user's file goes through, once, into a database that holds no data set yet.

`python -m analytics prepare` does it before the server starts (`make run`), so the
first visitor finds the demo company ready instead of waiting for its import; the app
does the same on its first start when nobody did.
"""

from __future__ import annotations

import os
from pathlib import Path

from analytics.ingest.pipeline import import_customers, import_sales
from analytics.store import Store
from demo_company import DEMO_CUSTOMERS_FILE, DEMO_SALES_FILE

__all__ = ["DATA_DIR", "DEMO_DATASET", "DEMO_ENV", "demo_wanted", "ensure_demo", "load_demo"]

DEMO_DATASET = "Demo: Nordgrossisten AB"
# The demo company's export files, as `python -m analytics demo --out data` writes them.
DATA_DIR = Path(__file__).resolve().parent.parent / "data"
# Set KUNDFOKUS_DEMO=off for an installation that should start empty.
DEMO_ENV = "KUNDFOKUS_DEMO"


def demo_wanted() -> bool:
    """Whether a new database starts with the demo company (`$KUNDFOKUS_DEMO`, default on)."""
    return os.environ.get(DEMO_ENV, "on").lower() not in {"off", "0", "no"}


def load_demo(store: Store, *, folder: Path = DATA_DIR) -> bool:
    """Import the demo company's files from `folder`; False when they are not there."""
    sales = folder / DEMO_SALES_FILE
    if not sales.exists():
        return False
    import_sales(store, sales, dataset=DEMO_DATASET, demo=True)
    master = folder / DEMO_CUSTOMERS_FILE
    if master.exists():
        import_customers(store, master, dataset=DEMO_DATASET, demo=True)
    return True


def ensure_demo(store: Store, *, folder: Path = DATA_DIR) -> bool:
    """Import the demo company when the database holds no data set and the demo is
    wanted; returns whether it was imported now."""
    if not demo_wanted() or store.scalar("select count(*) from datasets"):
        return False
    return load_demo(store, folder=folder)
