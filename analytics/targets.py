"""Targets against actuals: each plan's goals measured on the sales data, with a status.

Revenue and margin goals are measured on the data set's sales lines of the customer,
from the goal's first day to the day the measurement is made (`as_of`: by default the
last day the sales data covers, so that a month not yet imported does not count as a
month without sales). Credit notes count with their sign. Margin is revenue − cost and
unknown (None) when any line in the window has no cost. Amounts are exact decimals in
the data set's currency.

What is *expected by now* is the target spread evenly over the goal's days: a goal of
1 200 over 2027 expects 300 by 31 March. The status compares the actual with that
(`STATUS_RULES`, read top down, first match wins):

| status | rule                                   |
|--------|----------------------------------------|
| green  | actual ≥ 100 % of expected by now      |
| amber  | actual ≥ 90 % of expected by now       |
| red    | otherwise                              |

Share-of-wallet and NPS goals compare the last measured value with the target by the
same table (over a window, such as a quarter, the last value entered by the window's last
day: the measurements are told again from the plans' change log); a free goal is green
once achieved. A goal that has not started is `not_started`; one without a value to
compare is `unknown`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import polars as pl

from analytics.metrics import data_bounds, resolve_period
from analytics.plan_tables import goals, measurements, plans
from analytics.store import Store

__all__ = [
    "STATUS_ORDER",
    "STATUS_RULES",
    "TREND_RULES",
    "StatusRule",
    "customer_actuals",
    "goal_progress",
    "measured_until",
    "status_of",
    "worst_status",
]


@dataclass(frozen=True)
class StatusRule:
    """`status` when actual ≥ `share` × expected (`share` None: always)."""

    status: str
    share: Decimal | None


STATUS_RULES: tuple[StatusRule, ...] = (
    StatusRule("green", Decimal("1.00")),
    StatusRule("amber", Decimal("0.90")),
    StatusRule("red", None),
)
# From worst to best: a customer's status is the worst of its goals'.
STATUS_ORDER: tuple[str, ...] = ("red", "amber", "green")
# The trend of the last 12 months against the 12 before: (direction, lowest change).
TREND_RULES: tuple[tuple[str, float], ...] = (("up", 0.05), ("flat", -0.05), ("down", -1e300))

_CENT = Decimal("0.0001")
# Goals whose actual is a value the team measures and enters, not the sales data.
_MEASURED_KINDS: tuple[str, ...] = ("share_of_wallet", "nps")


def status_of(actual: Decimal | None, expected: Decimal | None) -> str:
    """The status of `actual` against `expected` by `STATUS_RULES` (`unknown` when either
    is None). An expected value of zero or less is met by any actual at least as large."""
    if actual is None or expected is None:
        return "unknown"
    for rule in STATUS_RULES:
        if rule.share is None:
            return rule.status
        bar = expected * rule.share if expected > 0 else expected
        if actual >= bar:
            return rule.status
    return STATUS_RULES[-1].status


def worst_status(statuses: list[str]) -> str | None:
    """The worst of green/amber/red among `statuses` (others ignored); None when none."""
    ranked = [s for s in STATUS_ORDER if s in statuses]
    return ranked[0] if ranked else None


def measured_until(store: Store, *, dataset: str, on: date | None = None) -> date | None:
    """The day actuals are measured to: the last invoice date of the data set, or `on`
    when that is earlier; None when the data set has no sales lines."""
    dataset_id = store.dataset_id(dataset)
    bounds = None if dataset_id is None else data_bounds(store, dataset_id=dataset_id)
    if bounds is None:
        return None
    return bounds[1] if on is None else min(bounds[1], on)


def _sums(store: Store, dataset: str, windows: pl.DataFrame) -> pl.DataFrame:
    """Revenue and margin of each window (key, customer_id, lo, hi; both days included):
    key, revenue (0 without lines), margin (None when a line has no cost)."""
    if windows.is_empty():
        return pl.DataFrame(schema={"key": pl.Int64, "revenue": pl.Decimal(38, 4),
                                    "margin": pl.Decimal(38, 4)})  # fmt: skip
    columns = [windows[c].to_list() for c in ("key", "customer_id", "lo", "hi")]
    return store.query(
        """
        with w as (
            select unnest(?::bigint[]) as key, unnest(?::varchar[]) as customer_id,
                   unnest(?::date[]) as lo, unnest(?::date[]) as hi
        )
        select w.key, coalesce(sum(s.revenue), 0) as revenue,
               case when count(s.cost) = count(s.customer_id)
                    then coalesce(sum(s.revenue - s.cost), 0) end as margin
        from w
        left join (select l.* from sales_lines l join datasets d using (dataset_id)
                   where d.name = ?) s
          on s.customer_id = w.customer_id and s.invoice_date between w.lo and w.hi
        group by w.key
        """,
        [*columns, dataset],
    )


def _days(lo: date, hi: date) -> int:
    return max((hi - lo).days + 1, 0)


def _expected(target: Decimal, start: date, end: date, as_of: date) -> Decimal:
    """The target spread evenly over [start, end]: the part due by `as_of`."""
    total = _days(start, end)
    done = _days(start, min(as_of, end))
    return (target * done / total).quantize(_CENT) if total else target


def goal_progress(
    store: Store,
    *,
    dataset: str,
    as_of: date | None = None,
    window: tuple[date, date] | None = None,
    include_closed: bool = True,
) -> pl.DataFrame:
    """Every active goal of the data set's plans against its actual.

    `as_of` (default `measured_until`) is the last day counted. With `window` (first,
    last day, e.g. a quarter) a goal is measured only over its days inside the window and
    its target is the share of those days (a 12-month goal of 1 200 has 300 in a
    quarter of 3 months of it, by days). Goals outside the window are left out.

    Share-of-wallet and NPS goals take the value measured last — with `window`, the last
    one entered by the window's last day, and measured_on says when it was entered.

    Returns goal_id, plan_id, customer_id, kind, title, starts_on, ends_on, lo, hi (the
    days measured), target (the whole or the window's share), expected (by `as_of`),
    actual, ratio (actual / expected, float), status, result, closed_on, measured_on.
    """
    as_of = as_of or measured_until(store, dataset=dataset)
    table = goals(store, dataset=dataset)
    if not include_closed:
        table = table.filter(pl.col("closed_on").is_null())
    rows = []
    for goal in table.iter_rows(named=True):
        lo, hi = goal["starts_on"], goal["ends_on"]
        if window is not None:
            lo, hi = max(lo, window[0]), min(hi, window[1])
            if lo > hi:
                continue
        share = goal["target"]
        if share is not None and window is not None and goal["kind"] in ("revenue", "margin"):
            share = (share * _days(lo, hi) / _days(goal["starts_on"], goal["ends_on"])).quantize(
                _CENT
            )
        rows.append({**goal, "lo": lo, "hi": hi, "share": share})
    return _measure(store, dataset, _with_measurements(store, dataset, rows, window), as_of)


def _with_measurements(
    store: Store, dataset: str, rows: list[dict], window: tuple[date, date] | None
) -> list[dict]:
    """Each share-of-wallet or NPS goal's value as of the window's last day (the latest
    without a window) with the day it was entered (`measured_on`)."""
    if not any(r["kind"] in _MEASURED_KINDS for r in rows):
        return [{**r, "measured_on": None} for r in rows]
    taken = measurements(store, dataset=dataset)
    if window is not None:
        taken = taken.filter(pl.col("measured_at").dt.date() <= window[1])
    last = {
        g: (v, at.date())
        for g, v, at in taken.group_by("goal_id")
        .agg(pl.col("value").last(), pl.col("measured_at").last())
        .iter_rows()
    }
    out = []
    for r in rows:
        if r["kind"] not in _MEASURED_KINDS:
            out.append({**r, "measured_on": None})
            continue
        value, on = last.get(r["goal_id"], (None, None))
        out.append({**r, "measured": value if window is not None else r["measured"],
                    "measured_on": on})  # fmt: skip
    return out


def _measure(store: Store, dataset: str, rows: list[dict], as_of: date | None) -> pl.DataFrame:
    measured_to = as_of or date.min
    windows = pl.DataFrame(
        {
            "key": [r["goal_id"] for r in rows],
            "customer_id": [r["customer_id"] for r in rows],
            "lo": [r["lo"] for r in rows],
            "hi": [min(r["hi"], measured_to) for r in rows],
        },
        schema={"key": pl.Int64, "customer_id": pl.String, "lo": pl.Date, "hi": pl.Date},
    )
    sums = {k: (rev, mar) for k, rev, mar in _sums(store, dataset, windows).iter_rows()}
    out = []
    for r in rows:
        revenue, margin = sums.get(r["goal_id"], (None, None))
        kind, target = r["kind"], r["share"]
        expected = actual = None
        if kind in ("revenue", "margin") and as_of is not None and as_of >= r["lo"]:
            actual = revenue if kind == "revenue" else margin
            expected = _expected(target, r["lo"], r["hi"], as_of)
        elif kind in _MEASURED_KINDS:
            actual, expected = r["measured"], target
        status = status_of(actual, expected)
        if kind == "free":
            status = "green" if r["result"] == "achieved" else "unknown"
        elif kind in ("revenue", "margin") and (as_of is None or as_of < r["lo"]):
            status = "not_started" if as_of is not None else "unknown"
        ratio = float(actual / expected) if actual is not None and expected else None
        out.append(
            {
                **{k: r[k] for k in ("goal_id", "plan_id", "customer_id", "kind", "title")},
                **{k: r[k] for k in ("starts_on", "ends_on", "lo", "hi")},
                "target": target,
                "expected": expected,
                "actual": actual,
                "ratio": ratio,
                "status": status,
                "result": r["result"],
                "closed_on": r["closed_on"],
                "measured_on": r["measured_on"],
            }
        )
    return pl.DataFrame(out, schema=_PROGRESS_SCHEMA)


_PROGRESS_SCHEMA = {
    "goal_id": pl.Int64,
    "plan_id": pl.Int64,
    "customer_id": pl.String,
    "kind": pl.String,
    "title": pl.String,
    "starts_on": pl.Date,
    "ends_on": pl.Date,
    "lo": pl.Date,
    "hi": pl.Date,
    "target": pl.Decimal(38, 4),
    "expected": pl.Decimal(38, 4),
    "actual": pl.Decimal(38, 4),
    "ratio": pl.Float64,
    "status": pl.String,
    "result": pl.String,
    "closed_on": pl.Date,
    "measured_on": pl.Date,
}


def _trend(now: Decimal | None, before: Decimal | None) -> tuple[float | None, str | None]:
    if now is None or before is None or before == 0:
        return None, None
    change = float((now - before) / abs(before))
    return change, next(name for name, low in TREND_RULES if change >= low)


def customer_actuals(store: Store, *, dataset: str, as_of: date | None = None) -> pl.DataFrame:
    """Per active plan: revenue and margin since the plan started, over the last 12
    months and the 12 before (ending `as_of`, default `measured_until`), and the trend.

    Returns plan_id, customer_id, started_on, as_of, revenue_since_start,
    margin_since_start, revenue_12m, margin_12m, revenue_prev_12m, trend (change of the
    12 months against the 12 before, as a fraction; None without a base) and
    trend_direction (up, flat, down by `TREND_RULES`). Amounts are None without data.
    """
    as_of = as_of or measured_until(store, dataset=dataset)
    listed = plans(store, dataset=dataset)
    if as_of is None or listed.is_empty():
        return _empty_actuals(listed, as_of)
    year = resolve_period("12m", first=as_of, last=as_of)
    before = year.previous
    spans = {
        "since": lambda p: (p["started_on"], as_of),
        "year": lambda _p: (year.start, year.end),
        "prev": lambda _p: (before.start, before.end),
    }
    keys, customers, los, his = [], [], [], []
    for index, plan in enumerate(listed.iter_rows(named=True)):
        for offset, span in enumerate(spans.values()):
            lo, hi = span(plan)
            keys.append(index * 3 + offset)
            customers.append(plan["customer_id"])
            los.append(lo)
            his.append(hi)
    windows = pl.DataFrame({"key": keys, "customer_id": customers, "lo": los, "hi": his})
    sums = {k: (rev, mar) for k, rev, mar in _sums(store, dataset, windows).iter_rows()}
    rows = []
    for index, plan in enumerate(listed.iter_rows(named=True)):
        since, year_sum, prev = (sums[index * 3 + offset] for offset in range(3))
        started = plan["started_on"] <= as_of
        trend, direction = _trend(year_sum[0], prev[0])
        rows.append(
            {
                "plan_id": plan["plan_id"],
                "customer_id": plan["customer_id"],
                "started_on": plan["started_on"],
                "as_of": as_of,
                "revenue_since_start": since[0] if started else None,
                "margin_since_start": since[1] if started else None,
                "revenue_12m": year_sum[0],
                "margin_12m": year_sum[1],
                "revenue_prev_12m": prev[0],
                "trend": trend,
                "trend_direction": direction,
            }
        )
    return pl.DataFrame(rows, schema=_ACTUALS_SCHEMA)


_ACTUALS_SCHEMA = {
    "plan_id": pl.Int64,
    "customer_id": pl.String,
    "started_on": pl.Date,
    "as_of": pl.Date,
    "revenue_since_start": pl.Decimal(38, 4),
    "margin_since_start": pl.Decimal(38, 4),
    "revenue_12m": pl.Decimal(38, 4),
    "margin_12m": pl.Decimal(38, 4),
    "revenue_prev_12m": pl.Decimal(38, 4),
    "trend": pl.Float64,
    "trend_direction": pl.String,
}


def _empty_actuals(listed: pl.DataFrame, as_of: date | None) -> pl.DataFrame:
    frame = listed.select(
        pl.col("plan_id").cast(pl.Int64), "customer_id", "started_on", pl.lit(as_of).alias("as_of")
    )
    missing = [
        pl.lit(None, dtype=t).alias(c) for c, t in _ACTUALS_SCHEMA.items() if c not in frame.columns
    ]
    return frame.with_columns(missing).select(
        [pl.col(c).cast(t) for c, t in _ACTUALS_SCHEMA.items()]
    )
