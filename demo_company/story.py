"""The two customers whose cost to serve tells the story on its own: a large builder that
orders almost daily in small lots and loses money despite a fair gross margin, and a
mid-sized industrial customer that orders a few large deliveries a year and is among the
most profitable per krona.
"""

from __future__ import annotations

from typing import NamedTuple

from demo_company.catalogue import _segment_mix
from demo_company.customers import _Customer, _mean_lines
from demo_company.days import DEMO_END, DEMO_START
from demo_company.draws import _cumulative

__all__ = ["STORY", "StoryCustomer"]


class StoryCustomer(NamedTuple):
    """One story customer's traits, set by hand instead of drawn."""

    name: str
    segment: str
    region: str
    seller: str
    size: float  # annual purchase volume, SEK/year
    orders: float  # invoices per year
    lines: tuple[int, int, int, int, int, int]  # weights of invoices with 1..6 lines
    discount_bp: int  # discount on list price, basis points
    service: float  # multiplier on cost to serve


STORY: tuple[StoryCustomer, ...] = (
    # A large builder calling off almost daily in small lots: fair margin, loses money.
    StoryCustomer(
        name="Stockholms Byggnads AB",
        segment="Bygg",
        region="Stockholm",
        seller="Anna Lindqvist",
        size=2_200_000.0,
        orders=2400.0,
        lines=(78, 17, 5, 0, 0, 0),
        discount_bp=1200,
        service=1.2,
    ),
    # A mid-sized industrial customer with a few large deliveries a year: very profitable.
    StoryCustomer(
        name="Norrbottens Industriservice AB",
        segment="Industri",
        region="Norr",
        seller="Mikael Strand",
        size=420_000.0,
        orders=5.0,
        lines=(0, 0, 5, 15, 30, 50),
        discount_bp=500,
        service=0.8,
    ),
)


def _story_customers(customers: list[_Customer]) -> list[_Customer]:
    """The `STORY` customers, buying from the start to the end, under customer numbers
    nobody else has (the first free ones from 300 and from 900)."""
    taken = {c.no for c in customers}
    names = {c.name for c in customers}
    story = []
    for (name, segment, region, seller, size, orders, lines, discount, service), first in zip(
        STORY, (300, 900), strict=True
    ):
        no = next(n for n in range(first, 1700) if n not in taken)
        taken.add(no)
        weights = _segment_mix(segment)
        story.append(
            _Customer(
                no=no,
                name=name if name not in names else f"{name} {no}",
                segment=segment,
                region=region,
                seller=seller,
                start=DEMO_START,
                end=DEMO_END,
                size=size,
                growth=1.03,
                key_account=True,  # invoices per year as given, not by the size rule
                discount_bp=discount,
                service=service,
                terms=30,
                late_days=0,
                bankrupt=False,
                free_freight=True,
                orders_per_year=orders,
                group_cum=_cumulative(weights),
                lines_cum=_cumulative(lines),
                mean_lines=_mean_lines(lines),
                satisfaction=3.8,
            )
        )
    return story
