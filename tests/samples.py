"""Small literal exports several test modules share, with what a reader can check by hand,
and the one way a test loads such an export: into a store (`import_text`,
`store_with_export`, `workshop_database`) or through the command line (`cli_db_with`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from analytics.cli import main
from analytics.ingest.pipeline import import_sales
from analytics.store import Store
from analytics.workshop import create_workshop

__all__ = [
    "FIVE_CUSTOMERS",
    "GROUPS_NO_COST",
    "MARGINS_2024",
    "ZETA_CREDIT_NOTE",
    "cli_db_with",
    "import_text",
    "store_with_export",
    "utf8_copy",
    "workshop_database",
    "write",
]


def write(folder: Path, name: str, text: str) -> Path:
    """`text` written in UTF-8 to the file `folder/name`; returns its path."""
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def utf8_copy(source: Path, folder: Path) -> Path:
    """A UTF-8 copy in `folder` of a Windows-1252 export (the demo company's, Superstore),
    for DuckDB's reader, which knows only UTF-8 and Latin-1; the bytes are decoded by
    Python's own codec. Skips the test when the export is not there."""
    if not source.is_file():
        pytest.skip(f"{source.name} is not available")
    copy = folder / f"{source.stem}-utf8.csv"
    copy.write_text(source.read_bytes().decode("cp1252"), encoding="utf-8")
    return copy


def import_text(
    store: Store, export: str, folder: Path, *, dataset: str = "t", name: str = "sales"
) -> int:
    """Import `export` (CSV text, written to `folder/<name>.csv`) into `store` as
    `dataset`; returns the data set's id."""
    import_sales(store, write(folder, f"{name}.csv", export), dataset=dataset)
    return store.dataset_id(dataset)


def store_with_export(
    folder: Path, export: str, *, dataset: str = "t", name: str = "sales"
) -> Store:
    """A store in `folder/<name>.duckdb` holding `export` imported as `dataset` (see
    `import_text`); the caller closes it."""
    store = Store(folder / f"{name}.duckdb")
    import_text(store, export, folder, dataset=dataset, name=name)
    return store


def workshop_database(folder: Path, **options: object) -> tuple[Path, str]:
    """The database `folder/workshop.duckdb` holding FIVE_CUSTOMERS as the data set
    `Testbolaget` and the workshop "Ledningsgruppen" on it (`options` as for
    `create_workshop`, e.g. `top=2`); returns the database's path and the join code."""
    store = store_with_export(folder, FIVE_CUSTOMERS, dataset="Testbolaget", name="workshop")
    try:
        dataset_id = store.dataset_id("Testbolaget")
        made = create_workshop(store, name="Ledningsgruppen", dataset_id=dataset_id, **options)
    finally:
        store.close()
    return folder / "workshop.duckdb", made["code"]


def cli_db_with(folder: Path, export: str, capsys, *, name: str = "cli") -> Path:
    """The database `folder/<name>.duckdb` after `python -m analytics import` of `export`
    (written to `folder/<name>.csv`), with the import's output read away."""
    path, db = write(folder, f"{name}.csv", export), folder / f"{name}.duckdb"
    assert main(["import", str(path), "--db", str(db)]) == 0
    capsys.readouterr()
    return db


# Five customers, one invoice each in March 2026. Revenue 100..500 and margin
# 90, 70, 50, 30, 10: the largest customer earns the least.
FIVE_CUSTOMERS = (
    "Kundnr;Kundnamn;Fakturanr;Fakturadatum;Belopp;Kostnad\n"
    "C1;Alfa AB;1;2026-03-02;100;10\n"
    "C2;Beta AB;2;2026-03-03;200;130\n"
    "C3;Gamma AB;3;2026-03-04;300;250\n"
    "C4;Delta AB;4;2026-03-05;400;370\n"
    "C5;Epsilon AB;5;2026-03-06;500;490\n"
)

# Revenue and margin per customer in March 2024: Alfa 1000/10, Beta 100/80, Gamma 500/100,
# Delta 800/−100 (large, loses money), Eps 50/−10. Total revenue 2 450.
MARGINS_2024 = (
    "Kundnr;Kundnamn;Fakturadatum;Belopp;Kostnad\n"
    "001;Alfa;2024-03-01;1000;990\n"
    "002;Beta;2024-03-02;100;20\n"
    "003;Gamma;2024-03-03;500;400\n"
    "004;Delta;2024-03-04;800;900\n"
    "005;Eps;2024-03-05;50;60\n"
)

# Rows to append to MARGINS_2024: Zeta −100/−50, a credit note larger than its purchase.
ZETA_CREDIT_NOTE = "006;Zeta;2024-03-06;200;150\n006;Zeta;2024-03-07;-300;-200\n"

# No cost at all: Alfa 1 600 (El 1 000, VVS 500, no group 100), Beta 300 (VVS), Gamma 300.
GROUPS_NO_COST = (
    "Kundnr;Kundnamn;Fakturadatum;Varugrupp;Belopp\n"
    "001;Alfa;2024-01-10;El;1000\n"
    "001;Alfa;2024-02-10;VVS;500\n"
    "001;Alfa;2024-03-10;;100\n"
    "002;Beta;2024-01-15;VVS;400\n"
    "002;Beta;2024-02-15;VVS;-100\n"
    "003;Gamma;2024-01-20;Verktyg;300\n"
)
