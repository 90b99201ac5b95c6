"""The plan page's sentences in a language: plans created at once, the customers a
start would create plans for, a plans import's outcome, and a plan's headline."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from analytics.plan_import import PlanImportReport
from locales import Markdown, t
from locales.formats import fmt_date, fmt_int
from ui.plans.labels import CHOICE_KEYS, label

__all__ = [
    "PERSON_RULE_KEYS",
    "RULE_KEYS",
    "candidates_text",
    "created_text",
    "import_counts",
    "import_reasons",
    "not_measured_board_text",
    "not_measured_text",
    "person_rules_text",
    "rules_text",
    "stand_text",
]


def created_text(created: int, skipped: int, *, lang: str) -> Markdown:
    """`5 planer skapade. 2 kunder hade redan en plan.` (the second part only with some)."""
    text = t("plans.created", lang=lang, count=fmt_int(created, lang=lang))
    if skipped:
        text = Markdown(
            f"{text} {t('plans.skipped', lang=lang, count=fmt_int(skipped, lang=lang))}"
        )
    return text


def candidates_text(names: Sequence[str], *, shown: int = 8, lang: str) -> Markdown:
    """`24 A-kunder har ingen plan: Alfa, Beta, … och 16 till.`; the none-left sentence
    when `names` is empty."""
    if not names:
        return t("plans.candidates_none", lang=lang)
    listed = ", ".join(names[:shown])
    more = len(names) - shown
    if more > 0:
        return t(
            "plans.candidates_more",
            lang=lang,
            count=fmt_int(len(names), lang=lang),
            names=listed,
            more=fmt_int(more, lang=lang),
        )
    return t("plans.candidates", lang=lang, count=fmt_int(len(names), lang=lang), names=listed)


def import_counts(report: PlanImportReport, *, lang: str) -> Markdown:
    """What a plans import did: plans, goals and activities created, activities updated,
    and the people it added to the team list."""
    text = t(
        "plans.import_counts",
        lang=lang,
        plans=fmt_int(report.plans_created, lang=lang),
        goals=fmt_int(report.goals_created, lang=lang),
        created=fmt_int(report.activities_created, lang=lang),
        updated=fmt_int(report.activities_updated, lang=lang),
    )
    if report.team_added:
        added = t("plans.import_team", lang=lang, people=", ".join(report.team_added))
        text = Markdown(f"{text} {added}")
    return text


def import_reasons(report: PlanImportReport, *, lang: str) -> Markdown:
    """`Ingen ansvarig: 2 · Datumet kan inte läsas: 1`: the rejected rows by reason."""
    return Markdown(" · ").join(
        Markdown(f"{t(f'reason.{r}', lang=lang)}: {fmt_int(n, lang=lang)}")
        for r, n in report.rejected_reasons.items()
    )


def stand_text(plan: dict, *, lang: str) -> Markdown:
    """A plan's headline: `Plan sedan 2026-12-01 · förtroende 4 av 5 · förstahandsval`
    (the parts not yet set are left out)."""
    parts = [t("plans.since", lang=lang, date=fmt_date(plan["started_on"], lang=lang))]
    if plan.get("trust") is not None:
        parts.append(t("plans.trust_of", lang=lang, trust=plan["trust"]))
    if plan.get("choice"):
        parts.append(Markdown(label(CHOICE_KEYS, plan["choice"], lang=lang)))
    return Markdown(" · ").join(parts)


def not_measured_text(started_on: date, as_of: date | None, *, lang: str) -> Markdown | None:
    """Why a plan shows no actuals (dashes): it started on `started_on`, after `as_of`,
    the last day of the sales data. None when the plan started by then (or there is no
    sales data, which the page says otherwise)."""
    if as_of is None or started_on <= as_of:
        return None
    return t(
        "plans.not_measured",
        lang=lang,
        date=fmt_date(started_on, lang=lang),
        as_of=fmt_date(as_of, lang=lang),
    )


def not_measured_board_text(scoreboard: Sequence[dict], *, lang: str) -> Markdown | None:
    """Why some scoreboard rows (`analytics.board.scoreboard`, names as the page may show
    them) show no actuals: `Inget utfall att mäta ännu för Alfa AB, Beta AB: planen
    startade efter sista dagen i försäljningsdata …`. A plan's revenue since its start is
    unknown only when it started after that day. None when every plan has actuals."""
    names = [
        r.get("customer_name") or r["customer_id"]
        for r in scoreboard
        if r.get("revenue_since_start") is None and r.get("revenue_12m") is not None
    ]
    if not names:
        return None
    return t("plans.board.not_measured", lang=lang, names=", ".join(names))


# The rules of the traffic lights, in the order they are read.
RULE_KEYS: tuple[str, ...] = ("plans.rule.green", "plans.rule.amber", "plans.rule.red")
PERSON_RULE_KEYS: tuple[str, ...] = (
    "plans.person_rule.green",
    "plans.person_rule.amber",
    "plans.person_rule.red",
)


def rules_text(*, lang: str) -> Markdown:
    """The goals' traffic-light rules in one caption (green, amber, red)."""
    return Markdown(" ").join(t(key, lang=lang) for key in RULE_KEYS)


def person_rules_text(*, lang: str) -> Markdown:
    """The rules of a person's week (done against promised) in one caption."""
    return Markdown(" ").join(t(key, lang=lang) for key in PERSON_RULE_KEYS)
