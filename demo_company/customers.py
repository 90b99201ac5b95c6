"""The demo company's customers and the hidden traits that drive their invoices: size,
growth, churn, discount, cost to serve, payment terms and habits, sales rep, product mix.

About 1,800 customers: `N_EXISTING` already buying on `DEMO_START`, `N_NEW` arriving during
the four years, a few of them large framework-agreement customers (key accounts) with
heavy discounts and many deliveries.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from demo_company.catalogue import _SEGMENTS, _segment_mix
from demo_company.days import DEMO_END, DEMO_START, _years
from demo_company.draws import _cumulative
from demo_company.names import (
    _KEY_ACCOUNT_SELLER,
    _LEAVING_SELLER,
    _REGIONS,
    _SELLERS,
    _SUCCESSION_DATE,
    _SUCCESSOR,
    _company_name,
)

__all__ = ["N_EXISTING", "N_NEW"]

N_EXISTING = 1180  # customers already buying on DEMO_START
N_NEW = 640  # customers arriving during the four years
_N_KEY_ACCOUNTS = 6  # large framework-agreement customers with thin or negative margin

# Annual purchase volume at the start (SEK/year): lognormal, clipped.
_SIZE_MU = 10.25
_SIZE_SIGMA = 1.45
_SIZE_MIN = 3_000.0
_SIZE_MAX = 5_000_000.0
_KEY_ACCOUNT_SIZE = (3_000_000.0, 6_000_000.0)

_KEY_ACCOUNT_ORDERS = (300.0, 500.0)  # invoices/year: deliveries to many sites
_KEY_ACCOUNT_DISCOUNT_BP = (2400, 2900)  # framework-agreement discount, basis points
_KEY_ACCOUNT_SERVICE = (2.4, 3.2)  # cost-to-serve multiplier: site deliveries, reporting
_DEMANDING_SHARE = 0.20  # share of other customers that are costly to serve
_DEMANDING_SERVICE = (2.2, 4.0)
_DEMANDING_ORDERS = 2.5  # demanding customers also order more often, in smaller lots
_PRESSED_FROM = 150_000.0  # SEK/year: above this, some customers have pushed prices down
_PRESSED_SHARE = 0.40
_PRESSED_EXTRA_BP = (1200, 2000)  # extra discount, basis points
_MAX_DISCOUNT_BP = 3000

# Churn hazard (per year) by annual volume, log-linear between a small and a large
# customer; new customers leave a little more often.
_CHURN_SMALL = (5_000.0, 0.21)
_CHURN_LARGE = (150_000.0, 0.14)
_CHURN_NEW_EXTRA = 0.04

_REGION_CUM = _cumulative([w for _, w, _ in _REGIONS])
_SEGMENT_CUM = _cumulative([w for _, w, _ in _SEGMENTS])


@dataclass
class _Customer:
    """A customer's hidden traits, which drive its invoices."""

    no: int
    name: str
    segment: str
    region: str
    seller: str
    start: date
    end: date  # last day it may buy (DEMO_END unless it churns)
    size: float  # annual purchase volume at start, SEK/year
    growth: float  # annual growth factor of the volume
    key_account: bool
    discount_bp: int  # discount on list price, basis points
    service: float  # multiplier on cost to serve
    terms: int  # payment terms, days
    late_days: int  # consistent lateness of payment, days (0 = pays on time)
    bankrupt: bool
    free_freight: bool
    orders_per_year: float  # key accounts: invoices/year at `size`; others: factor on the rule
    group_cum: list[float] = field(default_factory=list)
    lines_cum: list[float] = field(default_factory=list)
    mean_lines: float = 1.0
    satisfaction: float = 0.0

    @property
    def kundnr(self) -> str:
        """Customer number as exported: 5 digits with leading zeros."""
        return f"{self.no:05d}"


def _seller(customer: _Customer, day: date) -> str:
    """The customer's sales rep on `day`."""
    if customer.seller == _LEAVING_SELLER and day >= _SUCCESSION_DATE:
        return _SUCCESSOR
    return customer.seller


def _mean_lines(weights: tuple[float, ...]) -> float:
    """The mean number of lines per invoice for weights of 1, 2, ... lines."""
    return sum((i + 1) * w for i, w in enumerate(weights)) / sum(weights)


def _hazard(size: float) -> float:
    """Yearly churn hazard of a customer buying `size` SEK a year: `_CHURN_SMALL` at or
    below its size, `_CHURN_LARGE` at or above its, log-linear in between."""
    (small, high), (large, low) = _CHURN_SMALL, _CHURN_LARGE
    share = math.log(min(max(size, small), large) / small) / math.log(large / small)
    return high + (low - high) * share


def _make_customers(rng: random.Random) -> list[_Customer]:
    """The customers with their hidden traits, numbered in the order they became customers."""
    numbers = sorted(rng.sample(range(1, 1700), N_EXISTING))
    arrivals = sorted(
        DEMO_START + timedelta(days=rng.randrange(20, (DEMO_END - DEMO_START).days - 60))
        for _ in range(N_NEW)
    )
    starts = [DEMO_START] * N_EXISTING + arrivals
    numbers += list(range(1701, 1701 + N_NEW))
    key_slots = set(rng.sample(range(40, N_EXISTING, 7), _N_KEY_ACCOUNTS))
    used_names: set[str] = set()
    return [
        _new_customer(
            rng, no, start, new=index >= N_EXISTING, key=index in key_slots, used_names=used_names
        )
        for index, (no, start) in enumerate(zip(numbers, starts, strict=True))
    ]


def _new_customer(
    rng: random.Random, no: int, start: date, *, new: bool, key: bool, used_names: set[str]
) -> _Customer:
    """Customer number `no`, buying from `start`: `new` when it arrives after DEMO_START,
    `key` for a key account; its name is added to `used_names`. The draws come in a fixed
    order, so each step below draws from `rng` after the one before it.
    """
    region, places, segment = _region_and_segment(rng, key=key)
    name = _unique_name(rng, no, segment, places, key=key, used_names=used_names)
    size = _start_size(rng, key=key, new=new)
    growth = _growth(rng, key=key)
    end = _last_day(rng, start, size, new=new)
    discount_bp, service, demanding = _terms_of_trade(rng, size, key=key)
    demanding_orders = _DEMANDING_ORDERS if demanding else 1.0
    orders = rng.uniform(*_KEY_ACCOUNT_ORDERS) if key else demanding_orders
    terms = _payment_terms(rng, size, key=key)
    late_days, bankrupt = _payment_habits(rng, end, key=key)
    seller = _KEY_ACCOUNT_SELLER if key else rng.choice(_SELLERS[region])
    weights = tuple(w * rng.lognormvariate(0, 0.5) for w in _segment_mix(segment))
    lines_weights = _lines_weights(size, key=key)
    satisfaction = rng.gauss(3.7, 0.8) + 0.4 * (service > 1.5) - 0.7 * (end < DEMO_END)
    return _Customer(
        no=no,
        name=name,
        segment=segment,
        region=region,
        seller=seller,
        start=start,
        end=end,
        size=size,
        growth=growth,
        key_account=key,
        discount_bp=int(discount_bp),
        service=service,
        terms=terms,
        late_days=late_days,
        bankrupt=bankrupt,
        free_freight=key or discount_bp >= 800,
        orders_per_year=orders,
        group_cum=_cumulative(weights),
        lines_cum=_cumulative(lines_weights),
        mean_lines=_mean_lines(lines_weights),
        satisfaction=satisfaction,
    )


def _region_and_segment(rng: random.Random, *, key: bool) -> tuple[str, tuple[str, ...], str]:
    """A region with its towns, and a segment (key accounts are public, builders or
    property companies)."""
    region, _, places = _REGIONS[rng.choices(range(len(_REGIONS)), cum_weights=_REGION_CUM)[0]]
    if key:
        segment = rng.choice(("Offentlig", "Bygg", "Fastighet"))
    else:
        segment = _SEGMENTS[rng.choices(range(len(_SEGMENTS)), cum_weights=_SEGMENT_CUM)[0]][0]
    return region, places, segment


def _unique_name(
    rng: random.Random,
    no: int,
    segment: str,
    places: tuple[str, ...],
    *,
    key: bool,
    used_names: set[str],
) -> str:
    """A company name in one of `places` that is not in `used_names` (added to it); after
    40 tries the customer number makes it unique."""
    name = _company_name(rng, segment, rng.choice(places), key=key)
    for _ in range(40):
        if name not in used_names:
            break
        name = _company_name(rng, segment, rng.choice(places), key=key)
    else:
        name = f"{name} {no}"
    used_names.add(name)
    return name


def _start_size(rng: random.Random, *, key: bool, new: bool) -> float:
    """Annual purchase volume at the start (SEK/year); new customers start smaller."""
    if key:
        return rng.uniform(*_KEY_ACCOUNT_SIZE)
    size = rng.lognormvariate(_SIZE_MU, _SIZE_SIGMA) * (0.7 if new else 1.0)
    return min(_SIZE_MAX, max(_SIZE_MIN, size))


def _growth(rng: random.Random, *, key: bool) -> float:
    """Annual growth factor of the volume: a few fast growers, a few shrinking."""
    trend = rng.random()
    if key:
        return math.exp(rng.gauss(0.04, 0.05))
    if trend < 0.05:
        return math.exp(rng.uniform(0.3, 0.6))  # fast growers
    if trend < 0.11:
        return math.exp(rng.uniform(-0.5, -0.25))  # shrinking
    return math.exp(rng.gauss(0.03, 0.18))


def _last_day(rng: random.Random, start: date, size: float, *, new: bool) -> date:
    """The last day the customer may buy: DEMO_END unless it churns before, at least 60
    days after `start`."""
    hazard = _hazard(size) + (_CHURN_NEW_EXTRA if new else 0.0)
    lifetime = rng.expovariate(hazard)
    if _years(start) + lifetime >= _years(DEMO_END):
        return DEMO_END
    end = max(start + timedelta(days=60), DEMO_START + timedelta(days=lifetime * 365.25))
    return min(end, DEMO_END)


def _terms_of_trade(rng: random.Random, size: float, *, key: bool) -> tuple[float, float, bool]:
    """(discount in basis points, cost-to-serve multiplier, demanding): key accounts have a
    framework discount and are costly to serve; others' discount grows with their size,
    some have pressed it further, some are demanding."""
    if key:
        low, high = _KEY_ACCOUNT_DISCOUNT_BP
        discount_bp = 50 * rng.randint(low // 50, high // 50)
        return discount_bp, rng.uniform(*_KEY_ACCOUNT_SERVICE), True
    base = 300 + 350 * math.log10(max(size, 20_000) / 20_000)
    discount_bp = 0 if size < 30_000 and rng.random() < 0.4 else base + rng.gauss(0, 250)
    if size > _PRESSED_FROM and rng.random() < _PRESSED_SHARE:
        discount_bp += rng.uniform(*_PRESSED_EXTRA_BP)
    discount_bp = 50 * round(min(_MAX_DISCOUNT_BP, max(0, discount_bp)) / 50)
    demanding = rng.random() < _DEMANDING_SHARE
    service = rng.uniform(*_DEMANDING_SERVICE) if demanding else rng.lognormvariate(0, 0.15)
    return discount_bp, service, demanding


def _payment_terms(rng: random.Random, size: float, *, key: bool) -> int:
    """Payment terms in days: 30, 60 for key accounts and some large customers, 10 for
    some small ones."""
    if key or (size > 400_000 and rng.random() < 0.35):
        return 60
    if size < 40_000 and rng.random() < 0.12:
        return 10
    return 30


def _payment_habits(rng: random.Random, end: date, *, key: bool) -> tuple[int, bool]:
    """(days the customer consistently pays late, 0 when on time; whether it went bankrupt,
    leaving its last invoices unpaid)."""
    late = rng.random() < 0.12 and not key
    late_days = rng.randint(20, 90) if late else 0
    bankrupt = end < DEMO_END - timedelta(days=90) and late and rng.random() < 0.3
    return late_days, bankrupt


def _lines_weights(size: float, *, key: bool) -> tuple[float, ...]:
    """Weights of invoices with 1, 2, ... 6 lines: larger customers order more per invoice,
    key accounts call off small lots."""
    if key:
        return (55, 30, 10, 5, 0, 0)
    if size > 500_000:
        return (20, 22, 20, 16, 12, 10)
    return (34, 24, 17, 12, 8, 5)
