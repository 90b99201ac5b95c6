"""A store full of hostile text: Markdown, LaTeX, HTML and links as customer names, data
set name, file name, master-file fields and product groups (for the AppTest and
real-browser tests that every page shows them as characters)."""

from __future__ import annotations

from pathlib import Path

from analytics.ingest.pipeline import import_customers, import_sales
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
PAYLOADS = (IMAGE, LINK, LATEX, AUTOLINK, BARE_URL, HTML, STREAMLIT, MAIL)

DATASET = f"{LINK} {IMAGE}"
FILE_NAME = "[Logga in](mailto:evil@evil.example) $y$.csv"
SEGMENT, REGION, MANAGER = LINK, IMAGE, LATEX
QUERY_ID = "[klicka](http://evil.example/id)"


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
