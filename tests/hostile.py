"""A store full of hostile text: Markdown, LaTeX, HTML and links as customer names, data
set name, file name, master-file fields and product groups, and customer plans with
their goals, commitments and wins for two of those customers (for the AppTest and
real-browser tests that every page shows them as characters)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from analytics.ingest.pipeline import import_customers, import_sales
from analytics.plans import add_activity, add_goal, add_member, create_plan, update
from analytics.store import Store
from tests.test_retention_page import sample_export

# 127.0.0.9:9 answers nothing; a browser that asks it has been told to by the data.
IMAGE = "![x](http://127.0.0.9:9/p.png)"
LINK = "[Logga in](http://evil.example/login)"
LATEX = "$x^2$"
AUTOLINK = "<http://evil.example/auto>"
BARE_URL = "http://evil.example/bare"
HTML = '<img src="http://127.0.0.9:9/i.png">'
STREAMLIT = ":red[röd] :material/home:"
MAIL = "evil@evil.example"
BOLD = "<b>x</b>"
PAYLOADS = (IMAGE, LINK, LATEX, AUTOLINK, BARE_URL, HTML, STREAMLIT, MAIL, BOLD)

DATASET = f"{LINK} {IMAGE}"
FILE_NAME = "[Logga in](mailto:evil@evil.example) $y$.csv"
SEGMENT, REGION, MANAGER = LINK, IMAGE, LATEX
QUERY_ID = "[klicka](http://evil.example/id)"
# The customers with a plan: one named with the image, one with the bold tag.
PLANNED = tuple(c for c in range(1, 61) if PAYLOADS[c % len(PAYLOADS)] in (IMAGE, BOLD))[:2]
OWNER = "Anna"


def hostile_name(customer: int) -> str:
    """Customer `customer`'s name: one of the payloads, then its number."""
    return f"{PAYLOADS[customer % len(PAYLOADS)]} {customer}"


def hostile_export() -> str:
    """The retention sample (60 customers over three years) with hostile names."""
    lines = sample_export().splitlines()
    out = [lines[0]]
    for line in lines[1:]:
        number, _name, rest = line.split(";", 2)
        out.append(f"{number};{hostile_name(int(number))};{rest}")
    return "\n".join(out) + "\n"


def hostile_master() -> str:
    """A customer master file giving every customer hostile segment, region and manager."""
    rows = ["Kundnr;Kundnamn;Segment;Region;Kundansvarig"]
    rows += [f"{c:03d};{hostile_name(c)};{SEGMENT};{REGION};{MANAGER}" for c in range(1, 61)]
    return "\n".join(rows) + "\n"


def hostile_store(folder: Path) -> Path:
    """A DuckDB file in `folder` with the hostile export and master file imported into
    the hostile data set under the hostile file name. Returns its path."""
    path = folder / "hostile.duckdb"
    store = Store(path)
    sales = folder / "sales.csv"
    sales.write_text(hostile_export(), encoding="utf-8")
    import_sales(store, sales, dataset=DATASET, name=FILE_NAME)
    master = folder / "master.csv"
    master.write_text(hostile_master(), encoding="utf-8")
    import_customers(store, master, dataset=DATASET, name=FILE_NAME)
    store.close()
    return path


def hostile_plans(path: Path, *, today: date) -> list[str]:
    """Plans in the hostile store at `path` for the customers of `PLANNED`: a revenue
    goal for the quarter of `today`, a commitment due that week and one done that day
    (a win of the quarterly review), owned by `OWNER`. Returns the customers' names."""
    store = Store(path)
    try:
        add_member(store, OWNER)
        quarter = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
        for customer in PLANNED:
            plan = create_plan(
                store, dataset=DATASET, customer_id=f"{customer:03d}", started_on=quarter
            )
            pid = plan["plan_id"]
            add_goal(store, pid, kind="revenue", target="1000", starts_on=quarter,
                     ends_on=quarter + timedelta(days=80))  # fmt: skip
            add_activity(store, pid, "Besök", owner=OWNER, due=today)
            done = add_activity(store, pid, "Offert", owner=OWNER, due=today)
            update(store, "activity", done["activity_id"], status="done", outcome="Ja")
    finally:
        store.close()
    return [hostile_name(c) for c in PLANNED]
