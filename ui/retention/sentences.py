"""What the retention page says in words: the scenario's sentence (the uplift really
applied, what it is worth, as many new customers as it equals), what the numbers rest on,
the notes on short or uncertain bases, and expected lifetimes.

Plain functions of (numbers, language, currency) returning `Markdown` or text: no
session, no Streamlit. The 100 % ceiling is `analytics.retention.project_scenario`'s.
"""

from __future__ import annotations

import math

import polars as pl

from analytics.retention import MIN_BASE_DAYS, REST, acquisition_equivalent, project_scenario
from locales import Markdown, plain, t, trusted
from locales.formats import fmt_int, fmt_money, fmt_number, fmt_pct
from ui.retention.labels import group_label, years_text

__all__ = [
    "LIFETIME_SHOWN_MAX",
    "applied_uplift",
    "lifetime_text",
    "points_text",
    "projection_caption",
    "scenario_notes",
    "scenario_sentence",
    "short_base_text",
]

# Expected lifetimes longer than this many years show as "över 25": near 100 % retention
# 1 / (1 − r) runs away (99 % gives 100 years), a number nobody can plan with.
LIFETIME_SHOWN_MAX = 25
# A cut uplift is one the ceiling shortened by more than rounding noise.
_CUT = 1e-9


def applied_uplift(rate: float, uplift: float) -> float:
    """The uplift a scenario really applies to a group with yearly retention `rate`, as a
    fraction (0.991 and 0.05 give 0.009): what `project_scenario` adds to the rate in the
    first year, where no more than all customers can stay."""
    group = pl.DataFrame({"group": ["g"], "margin": [1.0], "retention": [rate]})
    first = project_scenario(group, horizon=1, discount=0.0, uplift={"g": uplift}).row(
        0, named=True
    )
    return max(first["scenario"] - first["baseline"], 0.0)


def points_text(rate: float, uplift: float, *, lang: str) -> Markdown | None:
    """The uplift the sentence names: `5 procentenheter`, `1 procentenhet`, or, when the
    100 % ceiling cuts it, what is applied: `0,9 procentenheter (taket 100 %)`. None when
    nothing is left to apply (the group keeps everyone already)."""
    applied = applied_uplift(rate, uplift)
    capped = applied < uplift - _CUT
    # The sliders move in whole points; a cut one is said to a tenth of a point.
    points = round(applied * 100, 1) if capped else round(uplift * 100)
    if points == 0:
        return None
    number = fmt_number(points, 0 if float(points).is_integer() else 1, lang=lang)
    text = t("ret.points_one" if points == 1 else "ret.points_many", lang=lang, n=number)
    if capped:
        ceiling = fmt_pct(rate + applied, lang=lang)
        return t("ret.points_capped", lang=lang, points=text, ceiling=ceiling)
    return text


def _new_customers(
    groups: pl.DataFrame, difference: float, settings: dict[str, float]
) -> dict[str, float | None]:
    """The average customer of today as a new one: margin a year and retention."""
    customers = int(groups["customers"].sum())
    margin = float(groups["margin"].sum()) / customers if customers else 0.0
    rate = float((groups["retention"] * groups["customers"]).sum()) / customers if customers else 0
    return acquisition_equivalent(
        difference,
        margin_per_customer=margin,
        retention=min(max(rate, 0.0), 1.0),
        discount=settings["discount"],
        horizon=int(settings["horizon"]),
        cost_multiple=settings["cost_multiple"],
    )


def _what(groups: pl.DataFrame, settings: dict[str, float], *, lang: str) -> Markdown | None:
    """`Om vi behåller 5 procentenheter fler av A-kunderna …`; None when no asked uplift
    is left to apply."""
    asked = {"focus": settings["up_focus"], REST: settings["up_rest"]}
    rates = dict(zip(groups["group"], groups["retention"], strict=True))
    points = {
        group: points_text(float(rates.get(group) or 0.0), up, lang=lang)
        for group, up in asked.items()
        if round(up * 100)
    }
    points = {group: text for group, text in points.items() if text is not None}
    if len(points) == 2:
        return t("ret.what.both", lang=lang, points=points["focus"], rest=points[REST])
    if "focus" in points:
        return t("ret.what.focus", lang=lang, points=points["focus"])
    if REST in points:
        return t("ret.what.rest", lang=lang, points=points[REST])
    return None


def scenario_sentence(
    groups: pl.DataFrame,
    projection: pl.DataFrame,
    settings: dict[str, float],
    *,
    currency: str,
    lang: str,
) -> Markdown:
    """The result in plain words, e.g. "Om vi behåller 5 procentenheter fler av
    A-kunderna är det värt 3,4 MSEK i täckningsbidrag över 5 år — lika mycket som 41 nya
    kunder, som skulle kosta 2,1 MSEK att vinna." It names the uplift actually applied
    (`points_text`). `groups` comes from `scenario_groups`, `projection` from
    `project_scenario`, `settings` from the sliders (fractions, years, the acquisition
    cost multiple)."""
    if all(round(settings[k] * 100) == 0 for k in ("up_focus", "up_rest")):
        return t("ret.no_move", lang=lang)
    what = _what(groups, settings, lang=lang)
    if what is None:
        return t("ret.nothing", lang=lang)
    difference = float(projection["difference"][-1])
    years = trusted(years_text(int(settings["horizon"]), lang=lang))

    def money(value: float) -> str:
        return fmt_money(value, currency=currency, lang=lang, compact=True)

    if difference < -0.5:
        return t("ret.sentence_loss", lang=lang, what=what, amount=money(-difference), years=years)
    if difference < 0.5:
        return t("ret.nothing", lang=lang)
    amount = money(difference)
    new = _new_customers(groups, difference, settings)
    if new["new_customers"] is None:
        # Today's average customer earns nothing: no count of new customers matches it.
        return t("ret.sentence_alone", lang=lang, what=what, amount=amount, years=years)
    count = max(1, math.ceil(new["new_customers"] - 1e-9))
    equal = t(
        "ret.equal_one" if count == 1 else "ret.equal_many",
        lang=lang,
        count=fmt_int(count, lang=lang),
        cost=money(count * new["cost_per_customer"]),
    )
    return t("ret.sentence", lang=lang, what=what, amount=amount, years=years, equal=equal)


def scenario_notes(
    groups: pl.DataFrame, settings: dict[str, float], *, currency: str, lang: str
) -> Markdown:
    """What the numbers rest on: the rates used and the average new customer."""
    rates = dict(zip(groups["group"], groups["retention"], strict=True))
    notes = [
        t(
            "ret.rates_used",
            lang=lang,
            focus=fmt_pct(rates.get("focus"), 1, lang=lang),
            rest=fmt_pct(rates.get(REST), 1, lang=lang),
            discount=fmt_pct(settings["discount"], lang=lang),
        )
    ]
    focus_rate, up_focus = rates.get("focus"), settings["up_focus"]
    if focus_rate is not None and applied_uplift(focus_rate, up_focus) < up_focus - _CUT:
        notes.append(t("ret.capped", lang=lang, rate=fmt_pct(focus_rate, 1, lang=lang)))
    for group, margin in zip(groups["group"], groups["margin"], strict=True):
        if margin < 0:
            label = trusted(group_label("A" if group == "focus" else group, lang=lang))
            amount = fmt_money(margin, currency=currency, lang=lang, compact=True)
            notes.append(t("ret.negative_margin", lang=lang, group=label, amount=amount))
    customers = int(groups["customers"].sum())
    if customers:
        per_customer = float(groups["margin"].sum()) / customers
        notes.append(
            t(
                "ret.new_customer",
                lang=lang,
                margin=fmt_money(per_customer, currency=currency, lang=lang),
                cost=fmt_money(
                    per_customer * settings["cost_multiple"], currency=currency, lang=lang
                ),
                multiple=fmt_number(settings["cost_multiple"], lang=lang),
            )
        )
        if _new_customers(groups, 1.0, settings)["new_customers_net"] is None:
            years = trusted(years_text(int(settings["horizon"]), lang=lang))
            notes.append(t("ret.no_payback", lang=lang, years=years))
    return Markdown(" ").join(notes)


def projection_caption(
    groups: pl.DataFrame,
    settings: dict[str, float],
    latest: pl.DataFrame,
    *,
    currency: str,
    lang: str,
) -> Markdown:
    """The caption under the projection: `scenario_notes`, a warning for each uncertain
    rate it uses (`latest` from `latest_rates`) and how the projection counts."""
    notes = [scenario_notes(groups, settings, currency=currency, lang=lang)]
    for row in latest.filter(pl.col("uncertain")).iter_rows(named=True):
        if row["group"] in ("A", REST):
            label = trusted(group_label(row["group"], lang=lang))
            notes.append(t("ret.rate_uncertain", lang=lang, group=label, base=row["base"]))
    notes.append(t("ret.projection_caption", lang=lang))
    return Markdown(" ").join(notes)


def short_base_text(rates: pl.DataFrame, latest: pl.DataFrame, *, lang: str) -> Markdown | None:
    """Said when rates rest on a base period with only a few days of data: they are left
    out of the scenario and the lifetime values (none at all when `latest` is empty).
    None when no rate does."""
    if "short_base" not in rates.columns or not rates["short_base"].any():
        return None
    days = int(rates.filter(pl.col("short_base"))["base_days"].min())
    key = "ret.short_base_none" if latest.is_empty() else "ret.short_base_left_out"
    return t(key, lang=lang, days=fmt_int(days, lang=lang), min=fmt_int(MIN_BASE_DAYS, lang=lang))


def lifetime_text(years: float | None, *, lang: str) -> str:
    """An expected lifetime for the table: `5,0` (years, one decimal), or `över 25` when it
    is longer than `LIFETIME_SHOWN_MAX` years."""
    if years is not None and years > LIFETIME_SHOWN_MAX:
        return plain("ret.lifetime_over", lang=lang, years=fmt_int(LIFETIME_SHOWN_MAX, lang=lang))
    return fmt_number(years, 1, lang=lang)
