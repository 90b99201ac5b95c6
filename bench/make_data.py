"""A synthetic sales export as a Swedish ERP writes it, generated fast and reproducibly.

Windows-1252, `;` between fields, CRLF line ends, decimal comma with a space between
thousands (`1 234,50`), ISO dates, credit notes as negative amounts (`-12,50`), a few
customer names with characters only Windows-1252 has (`“`, `”`, `–`), some lines without
cost, and a few bad rows (no customer, impossible date, unreadable or missing amount).

Everything is vectorised (numpy draws, polars formatting) and written in chunks, so a
million lines take seconds and little memory. The same seed, lines and customers give
the same bytes.

Run alone: `python -m bench.make_data OUT.csv --lines 1000000 --customers 20000`.
"""

from __future__ import annotations

import argparse
import io
from datetime import date
from pathlib import Path

import numpy as np
import polars as pl

__all__ = ["HEADER", "generate"]

HEADER = (
    "Kundnr",
    "Kundnamn",
    "Fakturanr",
    "Fakturadatum",
    "Antal",
    "À-pris",
    "Belopp exkl. moms",
    "Självkostnad",
    "Varugrupp",
    "Säljare",
)

DEFAULT_SEED = 20240501
_CHUNK = 200_000
_FIRST_DAY = date(2022, 1, 1)
_DAYS = (date(2024, 12, 31) - _FIRST_DAY).days + 1

_SURNAMES = (
    "Andersson", "Åberg", "Öberg", "Lindqvist", "Sjögren", "Björk", "Ekström", "Håkansson",
    "Nyström", "Löfgren", "Ängström", "Svensson", "Bergström", "Jönsson", "Holmqvist",
    "Fältskog", "Wästberg", "Dahlén", "Söderberg", "Lundgren", "Forsberg", "Hägglund",
    "Mårtensson", "Östlund", "Carlsson", "Nordén", "Strömberg", "Blomqvist", "Sandén",
    "Kjellström", "Ågren", "Engström", "Gustafsson", "Wikström", "Hedén", "Lindbäck",
    "Törnqvist", "Nilsson", "Brännström", "Åkesson",
)  # fmt: skip
_TRADES = (
    "Bygg", "El", "Måleri", "VVS", "Fastigheter", "Transport", "Café “Hörnan”", "Konsult",
    "Smide", "Trädgård", "Städ", "Plåt", "Mekaniska", "Golv", "Snickeri", "Verkstad",
    "Livs", "Tryckeri", "Glas", "Åkeri",
)  # fmt: skip
_FORMS = ("AB", "HB", "& Söner AB", "Handelsbolag", "AB – Filial Väst")
_GROUPS = (
    "Förbrukning", "Verktyg", "Skydd & säkerhet", "Elmaterial", "Rör & VVS", "Fästelement",
    "Måleri", "Städ", "Kontorsmaterial", "Belysning", "Trädgård", "Service",
)  # fmt: skip
_SELLERS = (
    "Anna Ström", "Björn Åberg", "Cecilia Öhman", "David Lindqvist", "Eva Näslund",
    "Fredrik Sjögren", "Göran Ek", "Helena Håkansson", "Jonas Björk", "Karin Löfgren",
    "Lars Ängström", "Maria Ågren",
)  # fmt: skip

# Bad rows: about one line in 2,000, in four kinds the importer must reject.
_BAD_EVERY = 2_000
_BAD_NO_CUSTOMER, _BAD_DATE, _BAD_AMOUNT, _NO_AMOUNT = 1, 2, 3, 4


def _customer_names(customers: int) -> pl.Series:
    idx = range(customers)
    names = [
        f"{_SURNAMES[i % len(_SURNAMES)]} {_TRADES[(i // len(_SURNAMES)) % len(_TRADES)]} "
        f"{_FORMS[(i // (len(_SURNAMES) * len(_TRADES))) % len(_FORMS)]}"
        for i in idx
    ]
    return pl.Series("name", names, dtype=pl.String)


def _customer_weights(customers: int, rng: np.random.Generator) -> np.ndarray:
    """A few big customers and a long tail, in a shuffled order of customer numbers."""
    rank = rng.permutation(customers)
    weights = 1.0 / (rank + 10.0) ** 0.9
    return weights / weights.sum()


def _text(expr: pl.Expr) -> pl.Expr:
    return expr.cast(pl.String)


def _money(ore: pl.Expr) -> pl.Expr:
    """Öre (Int64) as Swedish money text: `-1 234 567,50`."""
    whole = ore.abs() // 100
    cents = _text(ore.abs() % 100).str.zfill(2)
    millions, thousands, units = whole // 1_000_000, (whole // 1000) % 1000, whole % 1000
    grouped = (
        pl.when(whole >= 1_000_000)
        .then(
            pl.concat_str(
                [_text(millions), _text(thousands).str.zfill(3), _text(units).str.zfill(3)],
                separator=" ",
            )
        )
        .when(whole >= 1000)
        .then(pl.concat_str([_text(thousands), _text(units).str.zfill(3)], separator=" "))
        .otherwise(_text(units))
    )
    sign = pl.when(ore < 0).then(pl.lit("-")).otherwise(pl.lit(""))
    return pl.concat_str([sign, grouped, pl.lit(","), cents])


def _quantity(tenths: pl.Expr) -> pl.Expr:
    """Tenths (Int64) as text: `3`, `-2`, `2,5`."""
    whole = _text(tenths.abs() // 10)
    sign = pl.when(tenths < 0).then(pl.lit("-")).otherwise(pl.lit(""))
    decimals = (
        pl.when(tenths % 10 == 0)
        .then(pl.lit(""))
        .otherwise(pl.concat_str([pl.lit(","), _text(tenths.abs() % 10)]))
    )
    return pl.concat_str([sign, whole, decimals])


# Over 60 lines: the random draws stay in one function, in the order that makes a seed
# give the same file byte for byte.
def _chunk(
    start: int,
    size: int,
    *,
    total: int,
    first_invoice: int,
    names: pl.Series,
    weights: np.ndarray,
    rng: np.random.Generator,
) -> tuple[pl.DataFrame, int]:
    """Lines `start` … `start + size - 1` of the file; returns them and the invoices used."""
    # Lines are grouped into invoices of 1–7 lines; an invoice has one customer and date.
    lengths = rng.integers(1, 8, size=size)
    invoices = int(np.searchsorted(np.cumsum(lengths), size)) + 1
    invoice_of_line = np.repeat(np.arange(invoices), lengths[:invoices])[:size]
    invoice_customer = rng.choice(len(weights), size=invoices, p=weights)
    invoice_credit = rng.random(invoices) < 0.02
    first_line = start + np.concatenate(([0], np.cumsum(lengths[: invoices - 1])))
    invoice_day = (first_line * _DAYS) // max(total, 1)

    customer = invoice_customer[invoice_of_line]
    credit = invoice_credit[invoice_of_line]
    tenths = rng.integers(1, 25, size=size) * 10
    halves = rng.random(size) < 0.05
    tenths = np.where(halves, tenths + 5, tenths)
    tenths = np.where(credit, -tenths, tenths)
    price = np.clip(np.exp(rng.normal(5.5, 1.2, size=size)) * 100, 100, 5_000_000).round()
    amount = np.round(tenths * price / 10)
    cost = np.round(amount * rng.uniform(0.55, 0.9, size=size))
    no_cost = rng.random(size) < 0.03
    group = rng.integers(0, len(_GROUPS), size=size)
    seller = (customer * 7 + invoice_of_line % 3) % len(_SELLERS)
    bad = np.where(rng.random(size) < 1 / _BAD_EVERY, rng.integers(1, 5, size=size), 0)

    raw = pl.DataFrame(
        {
            "customer": customer,
            "invoice": first_invoice + invoice_of_line,
            "day": invoice_day[invoice_of_line],
            "tenths": tenths,
            "price": price.astype(np.int64),
            "amount": amount.astype(np.int64),
            "cost": cost.astype(np.int64),
            "no_cost": no_cost,
            "group": group,
            "seller": seller,
            "bad": bad,
        }
    )
    bad_col = pl.col("bad")
    day = pl.lit(_FIRST_DAY) + pl.duration(days=pl.col("day"))
    frame = raw.select(
        pl.when(bad_col == _BAD_NO_CUSTOMER)
        .then(pl.lit(""))
        .otherwise(_text(pl.col("customer") + 10_001))
        .alias(HEADER[0]),
        pl.when(bad_col == _BAD_NO_CUSTOMER)
        .then(pl.lit(""))
        .otherwise(pl.lit(names).gather(pl.col("customer")))
        .alias(HEADER[1]),
        _text(pl.col("invoice") + 500_001).alias(HEADER[2]),
        pl.when(bad_col == _BAD_DATE)
        .then(pl.concat_str([_text(day.dt.year()), pl.lit("-02-30")]))
        .otherwise(day.dt.to_string("%Y-%m-%d"))
        .alias(HEADER[3]),
        _quantity(pl.col("tenths")).alias(HEADER[4]),
        _money(pl.col("price")).alias(HEADER[5]),
        pl.when(bad_col == _BAD_AMOUNT)
        .then(pl.lit("#SAKNAS"))
        .when(bad_col == _NO_AMOUNT)
        .then(pl.lit(""))
        .otherwise(_money(pl.col("amount")))
        .alias(HEADER[6]),
        pl.when(pl.col("no_cost"))
        .then(pl.lit(""))
        .otherwise(_money(pl.col("cost")))
        .alias(HEADER[7]),
        pl.lit(pl.Series(_GROUPS)).gather(pl.col("group")).alias(HEADER[8]),
        pl.lit(pl.Series(_SELLERS)).gather(pl.col("seller")).alias(HEADER[9]),
    )
    return frame, invoices


def generate(
    path: Path, *, lines: int, customers: int, seed: int = DEFAULT_SEED, chunk: int = _CHUNK
) -> Path:
    """Write an export of `lines` data lines over `customers` customers to `path`."""
    if lines < 1 or customers < 1:
        raise ValueError("lines and customers must be positive")
    path.parent.mkdir(parents=True, exist_ok=True)
    names = _customer_names(customers)
    weights = _customer_weights(customers, np.random.default_rng([seed, 0]))
    next_invoice = 0
    with path.open("wb") as out:
        out.write((";".join(HEADER) + "\r\n").encode("cp1252"))
        for number, start in enumerate(range(0, lines, chunk), start=1):
            size = min(chunk, lines - start)
            rng = np.random.default_rng([seed, number])
            frame, used = _chunk(
                start,
                size,
                total=lines,
                first_invoice=next_invoice,
                names=names,
                weights=weights,
                rng=rng,
            )
            next_invoice += used
            buffer = io.BytesIO()
            frame.write_csv(buffer, include_header=False, separator=";", line_terminator="\r\n")
            out.write(buffer.getvalue().decode("utf-8").encode("cp1252"))
    return path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--customers", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    generate(args.out, lines=args.lines, customers=args.customers, seed=args.seed)


if __name__ == "__main__":
    main()
