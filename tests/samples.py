"""Small literal exports several test modules share, with what a reader can check by hand."""

from __future__ import annotations

__all__ = ["FIVE_CUSTOMERS"]

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
