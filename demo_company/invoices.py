"""The demo company's invoices: when each customer buys and how much, the lines of each
invoice at the customer's discount off the list price, freight on small orders, later
credit notes, and when each invoice was paid. Money is in whole öre.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from demo_company.customers import _Customer
from demo_company.days import (
    _PRICE_INDEX,
    _SEASON,
    DEMO_END,
    DEMO_START,
    _month_index,
    _next_business_day,
    _years,
)
from demo_company.draws import _cumulative, _poisson

__all__: list[str] = []

# Invoices per year = _ORDER_RATE * (volume / 1000 SEK) ** _ORDER_EXPONENT: small customers
# buy often and little, which is what makes them unprofitable.
_ORDER_RATE = 2.0
_ORDER_EXPONENT = 0.36

# Freight (SEK, before the price index): the only cost to serve in the cost column.
_FREIGHT_PRICE = 195.0  # charged per small order to customers without free freight
_FREIGHT_COST = 240.0  # what the carrier costs
_FREIGHT_LIMIT = 2_500.0  # orders below this (SEK, after discount) pay freight
_CREDIT_SHARE = 0.008  # share of lines partly returned later, × the customer's service factor

# The decline before a churning customer leaves: over its last days, down to a floor.
_DECLINE_DAYS = 150
_DECLINE_FLOOR = 0.5

# (article no, article, product group, list price SEK, cost share) of `_flat_catalogue`.
_Article = tuple[str, str, str, float, float]
# An invoice day, its customer and the target value (SEK) of each of its lines.
_Planned = tuple[date, _Customer, float]


@dataclass
class _Line:
    """One invoice line with money in whole öre."""

    article: int  # index into the flattened catalogue, -1 for freight
    qty: int
    price_ore: int
    amount_ore: int
    cost_ore: int


@dataclass
class _Invoice:
    """One invoice (or credit note) before it gets its number."""

    day: date
    customer: _Customer
    seq: int
    lines: list[_Line]
    credit: bool = False


def _volume(customer: _Customer, day: date) -> float:
    """The customer's annual purchase volume (SEK/year) around `day`."""
    volume = customer.size * customer.growth ** (_years(day) - _years(customer.start))
    if customer.start > DEMO_START:  # new customers ramp up over four months
        volume *= min(1.0, 0.5 + (day - customer.start).days / 240)
    if customer.end < DEMO_END:  # churning customers fade before they leave
        left = (customer.end - day).days
        if left < _DECLINE_DAYS:
            volume *= _DECLINE_FLOOR + (1 - _DECLINE_FLOOR) * left / _DECLINE_DAYS
    return volume


def _orders_per_year(customer: _Customer, volume: float) -> float:
    """Invoices per year at an annual purchase volume of `volume` SEK."""
    if customer.key_account:
        return customer.orders_per_year * volume / customer.size
    return customer.orders_per_year * _ORDER_RATE * (volume / 1000) ** _ORDER_EXPONENT


def _plan_invoices(
    rng: random.Random, customers: list[_Customer], months: list[list[date]]
) -> list[tuple[date, _Customer, float]]:
    """Invoice days per customer with the target value (SEK) of each of its lines."""
    planned: list[tuple[date, _Customer, float]] = []
    for customer in customers:
        own: list[tuple[date, _Customer, float]] = []
        for days in months:
            active = [d for d in days if customer.start <= d <= customer.end]
            if not active:
                continue
            middle = active[len(active) // 2]
            volume = _volume(customer, middle)
            rate = _orders_per_year(customer, volume)
            share = len(active) / len(days)
            count = _poisson(rng, rate / 12 * _SEASON[middle.month] * share)
            line_value = volume / (rate * customer.mean_lines)
            own.extend((rng.choice(active), customer, line_value) for _ in range(count))
        if not own:  # every customer in the master bought at least once
            day = customer.start
            while day not in months[_month_index(day)]:
                day += timedelta(days=1)
            own.append((day, customer, _volume(customer, day) / 4))
        planned.extend(own)
    return planned


def _make_lines(
    rng: random.Random,
    planned: list[_Planned],
    articles: list[_Article],
    by_group: list[list[int]],
) -> list[_Invoice]:
    """Invoice lines for each planned invoice, with freight and later credit notes."""
    popularity: list[list[float]] = []
    for indexes in by_group:
        ranks = list(range(len(indexes)))
        rng.shuffle(ranks)
        popularity.append(_cumulative([1 / (r + 1) ** 0.8 for r in ranks]))
    invoices: list[_Invoice] = []
    credits: list[_Invoice] = []
    for seq, (day, customer, line_value) in enumerate(planned):
        lines = _invoice_lines(
            rng,
            day,
            customer,
            line_value,
            articles=articles,
            by_group=by_group,
            popularity=popularity,
        )
        invoices.append(_Invoice(day, customer, seq, lines))
        for line in lines:
            credit = _credit_line(rng, day, customer, line, articles)
            if credit is not None:
                credit_day, credit_line = credit
                seq_no = len(planned) + len(credits)
                credits.append(_Invoice(credit_day, customer, seq_no, [credit_line], credit=True))
    return invoices + credits


def _invoice_lines(
    rng: random.Random,
    day: date,
    customer: _Customer,
    line_value: float,
    *,
    articles: list[_Article],
    by_group: list[list[int]],
    popularity: list[list[float]],
) -> list[_Line]:
    """The lines of one invoice: 1 to 6 articles at the customer's discount, worth about
    `line_value` SEK each, and freight on a small order without free freight."""
    index = _PRICE_INDEX[day.year]
    keep = 10_000 - customer.discount_bp
    n_lines = rng.choices(range(1, 7), cum_weights=customer.lines_cum)[0]
    lines: list[_Line] = []
    used: set[int] = set()
    for _ in range(n_lines):
        group = rng.choices(range(len(by_group)), cum_weights=customer.group_cum)[0]
        target = line_value * rng.lognormvariate(-0.18, 0.6)
        for _attempt in range(2):
            article = _article(rng, by_group[group], popularity[group], used)
            list_price = articles[article][3] * index
            if list_price * keep / 10_000 < 2.5 * target:
                break
        used.add(article)
        price_ore = max(100, round(list_price) * 100 - 10)
        qty = max(1, round(target / (price_ore * keep / 1_000_000)))
        amount_ore = (qty * price_ore * keep + 5_000) // 10_000
        cost_ore = round(qty * price_ore * articles[article][4])
        lines.append(_Line(article, qty, price_ore, amount_ore, cost_ore))
    goods = sum(line.amount_ore for line in lines)
    if not customer.free_freight and goods < _FREIGHT_LIMIT * 100 and n_lines < 6:
        freight = round(_FREIGHT_PRICE * index) * 100
        lines.append(_Line(-1, 1, freight, freight, round(_FREIGHT_COST * index * 100)))
    return lines


def _credit_line(
    rng: random.Random, day: date, customer: _Customer, line: _Line, articles: list[_Article]
) -> tuple[date, _Line] | None:
    """The day and line of a credit note returning part of `line` (invoiced on `day`), or
    None when it is not returned (or would be after DEMO_END). Freight is never returned."""
    if line.article < 0 or rng.random() >= _CREDIT_SHARE * customer.service:
        return None
    credit_day = _next_business_day(day + timedelta(days=rng.randint(3, 40)))
    if credit_day > DEMO_END:
        return None
    keep = 10_000 - customer.discount_bp
    qty = max(1, round(line.qty * rng.uniform(0.1, 1.0)))
    amount_ore = (qty * line.price_ore * keep + 5_000) // 10_000
    unit_cost = line.price_ore * articles[line.article][4]
    return credit_day, _Line(
        line.article, -qty, line.price_ore, -amount_ore, -round(qty * unit_cost)
    )


def _article(
    rng: random.Random, indexes: list[int], popularity: list[float], used: set[int]
) -> int:
    """An article of a product group by popularity, not one already on the invoice (an
    invoice lists each article once); the first unused one when the draws keep hitting."""
    for _ in range(8):
        article = rng.choices(indexes, cum_weights=popularity)[0]
        if article not in used:
            return article
    return next((i for i in indexes if i not in used), article)


def _payment_day(rng: random.Random, invoice: _Invoice, due: date) -> date | None:
    """When the invoice was paid, or None while it is unpaid on DEMO_END."""
    customer = invoice.customer
    if invoice.credit:
        return invoice.day
    if customer.bankrupt and (customer.end - invoice.day).days < 75:
        return None
    if customer.late_days:
        delay = max(20, customer.late_days + rng.randint(-5, 5))
    else:
        delay = round(rng.gauss(0, 3))
    paid = _next_business_day(max(invoice.day + timedelta(days=2), due + timedelta(days=delay)))
    return paid if paid <= DEMO_END else None
