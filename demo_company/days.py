"""The demo company's calendar: the four years its export covers, the days it delivers
(weekdays that are not Swedish public holidays), the list price index by year and the
seasonality of purchases by month.
"""

from __future__ import annotations

from datetime import date, timedelta

__all__ = ["DEMO_END", "DEMO_START"]

DEMO_START = date(2022, 11, 1)
DEMO_END = date(2026, 10, 31)

# List price index by calendar year (price increases each January).
_PRICE_INDEX = {2022: 1.0, 2023: 1.075, 2024: 1.118, 2025: 1.146, 2026: 1.169}

# Purchase seasonality by month (July holidays, December slow).
_SEASON = {
    1: 0.85,
    2: 1.0,
    3: 1.1,
    4: 1.05,
    5: 1.1,
    6: 1.0,
    7: 0.55,
    8: 0.95,
    9: 1.1,
    10: 1.1,
    11: 1.05,
    12: 0.8,
}

# Swedish public holidays without deliveries (fixed dates plus the moving ones).
_FIXED_HOLIDAYS = ((1, 1), (1, 6), (5, 1), (6, 6), (12, 24), (12, 25), (12, 26), (12, 31))
_EASTER = {
    2023: date(2023, 4, 9),
    2024: date(2024, 3, 31),
    2025: date(2025, 4, 20),
    2026: date(2026, 4, 5),
}


def _business_days() -> list[list[date]]:
    """Delivery days (weekdays that are not Swedish public holidays) by month from
    DEMO_START, index 0 = November 2022.
    """
    holidays: set[date] = set()
    for year in range(DEMO_START.year, DEMO_END.year + 1):
        holidays.update(date(year, m, d) for m, d in _FIXED_HOLIDAYS)
        midsummer_eve = next(
            date(year, 6, d) for d in range(19, 26) if date(year, 6, d).weekday() == 4
        )
        holidays.add(midsummer_eve)
        easter = _EASTER.get(year)
        if easter is not None:
            for offset in (-2, 1, 39):  # Good Friday, Easter Monday, Ascension Day
                holidays.add(easter + timedelta(days=offset))
    months: list[list[date]] = []
    day = DEMO_START
    while day <= DEMO_END:
        index = _month_index(day)
        while len(months) <= index:
            months.append([])
        if day.weekday() < 5 and day not in holidays:
            months[index].append(day)
        day += timedelta(days=1)
    return months


def _month_index(day: date) -> int:
    """Months from DEMO_START to `day`: 0 for November 2022."""
    return (day.year - DEMO_START.year) * 12 + day.month - DEMO_START.month


def _next_business_day(day: date) -> date:
    """The day itself, or the Monday after when it falls on a weekend."""
    weekday = day.weekday()
    return day + timedelta(days=7 - weekday) if weekday >= 5 else day


def _years(day: date) -> float:
    """Years from DEMO_START to `day`."""
    return (day - DEMO_START).days / 365.25
