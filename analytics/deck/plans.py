"""The deck's slides from the customer plans, when the data set has any: the plans (per
focus customer its open goals and next activities with owner and due date, an overdue one
said to be so by the weekly check-in's rule) and the summary of the quarterly review (wins
first).

The goals, activities and wins are the team's own words; with masked names every
customer name or number in them is replaced by the customer's pseudonym
(`analytics.masking.mask_text`), so the file never shows one.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date

import polars as pl

from analytics.board import is_overdue, parse_week, week_of
from analytics.deck.render import Slide
from analytics.plan_tables import activities, goals, plans
from analytics.plans import GOAL_KINDS, MONEY_GOALS, OPEN_STATUSES
from analytics.review import quarter_of, quarterly_review
from analytics.store import Store
from locales import key_table, plain
from locales.formats import fmt_date, fmt_money, fmt_number

__all__ = ["PlanContext", "plan_slides"]

# How many open activities of a plan the plans slide shows, how many wins of a customer
# the review slide lists, and at most how many customers either slide has (they fit).
NEXT_ACTIVITIES = 2
WINS_SHOWN = 2
ROWS_SHOWN = 8

# The words of a goal's kind and of a win (the plans pages' words).
_GOAL_KINDS = key_table("plans.goal_kind", *GOAL_KINDS)
_WINS = key_table("plans.win", "goal_met", "activity_done", "moved_up")


@dataclass(frozen=True)
class PlanContext:
    """What the plan slides need of the deck: the data set's `dataset` name, `names`
    (customer id → the name the deck shows, pseudonyms when masked), `order` (customer
    ids by focus rank), `scrub` (the team's text as the deck may show it), the period's
    `end` (the review's quarter is the one it falls in), a saved `decision` (tier and
    rank moves), `top` (rows per slide), `currency`, `language`, the day the deck is
    `made` (what is overdue is told against its week, as the weekly check-in of that week
    tells it) and whether names are `masked`."""

    dataset: str
    names: Mapping[str, str]
    order: list[str]
    scrub: Callable[[str], str]
    end: date
    decision: str | None
    top: int
    currency: str
    language: str
    made: date
    masked: bool = False


def _name(context: PlanContext, row: dict) -> str:
    """The customer as the deck shows it; masked, one without a code is "Kund ?"."""
    shown = context.names.get(row["customer_id"])
    if shown is not None:
        return shown
    if context.masked:
        return plain("deck.customer", lang=context.language, code="?")
    return row["customer_name"] or row["customer_id"]


def _goal_text(goal: dict, context: PlanContext) -> str:
    """`Omsättning: 1 200 000 kr till 2027-12-31`; a free goal by its title."""
    language = context.language
    what = context.scrub(goal["title"]) or plain(_GOAL_KINDS[goal["kind"]], lang=language)
    target = goal["target"]
    if target is None or goal["kind"] == "free":
        amount = ""
    elif goal["kind"] in MONEY_GOALS:
        amount = fmt_money(target, currency=context.currency, lang=language)
    else:
        amount = fmt_number(target, 0, lang=language)
    return plain(
        "deck.plans.goal" if amount else "deck.plans.goal_free",
        lang=language,
        goal=what,
        target=amount,
        end=fmt_date(goal["ends_on"], lang=language),
    )


def _activity_text(act: dict, context: PlanContext) -> str:
    """`Besök inköparen – Anna, 2027-01-15`, with `(försenad)` when `act["overdue"]`: in
    words, since a slide may be printed or shown without colour."""
    language = context.language
    return plain(
        "deck.plans.activity_overdue" if act["overdue"] else "deck.plans.activity",
        lang=language,
        title=context.scrub(act["title"]),
        owner=act["owner"] or plain("deck.plans.nobody", lang=language),
        due=fmt_date(act["due"], lang=language)
        if act["due"]
        else plain("deck.plans.undated", lang=language),
    )


def _by_focus(listed: pl.DataFrame, order: list[str]) -> pl.DataFrame:
    """The plans in focus-list order, customers not on the list after, by number."""
    rank = {customer: index for index, customer in enumerate(order)}
    return listed.with_columns(
        pl.col("customer_id").replace_strict(rank, default=len(rank)).alias("_rank")
    ).sort("_rank", "customer_id")


def plan_slides(store: Store, context: PlanContext) -> list[Slide]:
    """The plans slide and the quarterly review's summary slide; none without a plan."""
    listed = plans(store, dataset=context.dataset)
    if listed.is_empty():
        return []
    return [_plans_slide(store, listed, context), _review_slide(store, context)]


def _plans_slide(store: Store, listed: pl.DataFrame, context: PlanContext) -> Slide:
    """Per plan (in focus order, the first `top`): its open goals and next activities."""
    language = context.language
    goal_rows = goals(store, dataset=context.dataset).filter(pl.col("closed_on").is_null())
    monday, _ = parse_week(week_of(context.made))
    open_acts = (
        activities(store, dataset=context.dataset)
        .filter(pl.col("status").is_in(OPEN_STATUSES))
        .with_columns(is_overdue(monday).alias("overdue"))
    )
    shown = _by_focus(listed, context.order).head(min(context.top, ROWS_SHOWN))
    rows = []
    for plan in shown.iter_rows(named=True):
        mine = goal_rows.filter(pl.col("plan_id") == plan["plan_id"])
        nxt = open_acts.filter(pl.col("plan_id") == plan["plan_id"]).head(NEXT_ACTIVITIES)
        rows.append(
            [
                _name(context, plan),
                "\n".join(_goal_text(g, context) for g in mine.iter_rows(named=True)) or "–",
                "\n".join(_activity_text(a, context) for a in nxt.iter_rows(named=True)) or "–",
            ]
        )
    owned = open_acts.filter(pl.col("owner").is_not_null() & pl.col("due").is_not_null())
    sentence = plain(
        "deck.plans.sentence",
        lang=language,
        plans=_counted("deck.plans.plans_one", "deck.plans.plans_many", listed.height, language),
        goals=_counted("deck.plans.goals_one", "deck.plans.goals_many", goal_rows.height,
                       language),
        open=_counted("deck.plans.open_one", "deck.plans.open_many", open_acts.height, language),
        owned=fmt_number(owned.height, 0, lang=language),
    )  # fmt: skip
    header = [
        plain(key, lang=language)
        for key in ("deck.plans.col.customer", "deck.plans.col.goals", "deck.plans.col.next")
    ]
    return Slide(
        plain("deck.plans.title", lang=language),
        sentence,
        table=[header, *rows],
        widths=(2.6, 4.6, 5.1),
    )


def _counted(one: str, many: str, count: int, language: str, **params: str) -> str:
    """The text of key `one` for a count of 1 and of `many` otherwise (`1 aktivitet klar`,
    `2 aktiviteter klara`), with the count as `{n}`."""
    n = fmt_number(count, 0, lang=language)
    return plain(one if count == 1 else many, lang=language, n=n, **params)


def _review_slide(store: Store, context: PlanContext) -> Slide:
    """The quarter's review: per customer (wins first) its wins, goals on track, and
    activities done and open."""
    language = context.language
    review = quarterly_review(
        store, dataset=context.dataset, quarter=quarter_of(context.end), decision=context.decision
    )
    wins: dict[str, list[str]] = {}
    for win in review["wins"]:
        text = f"{plain(_WINS[win['win']], lang=language)}: {context.scrub(win['title'])}"
        wins.setdefault(win["customer_id"], []).append(text)
    rows = [
        [
            _name(context, row),
            "\n".join(wins.get(row["customer_id"], [])[:WINS_SHOWN]) or "–",
            f"{sum(g['status'] == 'green' for g in row['goals'])} / {len(row['goals'])}",
            fmt_number(len(row["activities_done"]), 0, lang=language),
            fmt_number(row["activities_open"], 0, lang=language),
        ]
        for row in review["customers"][: min(context.top, ROWS_SHOWN)]
    ]
    goals_all = [g for row in review["customers"] for g in row["goals"]]
    met = fmt_number(sum(g["status"] == "green" for g in goals_all), 0, lang=language)
    sentence = plain(
        "deck.review.sentence",
        lang=language,
        wins=_counted("deck.review.wins_one", "deck.review.wins_many", len(review["wins"]),
                      language),
        goals=_counted("deck.review.goals_one", "deck.review.goals_many", len(goals_all),
                       language, met=met),
        done=_counted("deck.review.done_one", "deck.review.done_many",
                      sum(len(r["activities_done"]) for r in review["customers"]), language),
        open=_counted("deck.review.open_one", "deck.review.open_many",
                      sum(r["activities_open"] for r in review["customers"]), language),
        date=fmt_date(review["as_of"], lang=language),
    )  # fmt: skip
    header = [
        plain(key, lang=language)
        for key in (
            "deck.review.col.customer",
            "deck.review.col.wins",
            "deck.review.col.goals",
            "deck.review.col.done",
            "deck.review.col.open",
        )
    ]
    return Slide(
        plain("deck.review.title", lang=language, quarter=review["quarter"]),
        sentence,
        table=[header, *rows],
        widths=(2.6, 5.5, 1.4, 1.4, 1.4),
    )
