"""The deck's slides with a table or a list: the health check, the focus list, the
decision and the next steps."""

from __future__ import annotations

import polars as pl

from analytics.decision import decision_customers
from analytics.deck.render import Slide
from analytics.healthcheck import health_summary, question_text
from analytics.scoring import CRITERIA
from analytics.store import Store
from locales import key_table, plain
from locales.formats import fmt_date, fmt_money, fmt_number, fmt_pct

__all__ = ["decision_slide", "focus_slide", "health_slide", "next_slide"]


def _figure(item: dict, *, currency: str, language: str) -> str:
    """The figure of a data-answered question for the health check's table."""
    if item["source"] != "data":
        return ""
    number, value, facts = item["number"], item["value"], item["facts"]
    if number == 1:
        return plain(
            "deck.fig.1",
            lang=language,
            active=fmt_number(facts["active"], 0, lang=language),
            total=fmt_number(facts["total"], 0, lang=language),
        )
    if number == 2:
        return plain(
            "deck.fig.2",
            lang=language,
            count=fmt_number(value, 0, lang=language),
            share=fmt_pct(facts["share"], lang=language),
        )
    if number == 3:
        return plain(
            "deck.fig.3",
            lang=language,
            assessed=fmt_number(value["A"]["assessed"], 0, lang=language),
            customers=fmt_number(value["A"]["customers"], 0, lang=language),
        )
    if number == 4:
        calls = facts.get("calls") or {}
        decided = value and (calls.get("end") or calls.get("pays_off"))
        return plain(
            "deck.fig.4.calls" if decided else "deck.fig.4",
            lang=language,
            count=fmt_number(value, 0, lang=language),
            margin=fmt_money(facts["margin"], currency=currency, lang=language, compact=True),
            end=fmt_number(calls.get("end", 0), 0, lang=language),
            pays_off=fmt_number(calls.get("pays_off", 0), 0, lang=language),
        )
    if number in (12, 14):
        counts = {k: fmt_number(v, 0, lang=language) for k, v in facts.items()}
        return plain("deck.fig.12" if number == 12 else "deck.fig.14", lang=language, **counts)
    if number in (6, 7):
        return plain(
            "deck.fig.6" if number == 6 else "deck.fig.7",
            lang=language,
            mean=fmt_number(value, 1 if number == 6 else 0, lang=language),
            customers=fmt_number(facts["customers"], 0, lang=language),
        )
    return ""


_ANSWERS = key_table("deck.answer", "yes", "partly", "no", "unknown")


def _calls_sentence(questions: list[dict], language: str) -> str:
    """` Of the unprofitable customers we end 1 (4a) …` when question 4 found any."""
    four = next((q for q in questions if q["number"] == 4), None)
    if four is None or four["source"] != "data" or not four["value"]:
        return ""
    calls = four["facts"].get("calls") or {"end": 0, "pays_off": 0, "open": four["value"]}
    return plain(
        "deck.health.calls",
        lang=language,
        **{k: fmt_number(calls[k], 0, lang=language) for k in ("end", "pays_off", "open")},
    )


def health_slide(questions: list[dict], *, currency: str, language: str) -> Slide:
    """The fourteen questions with answer and figure; the sentence counts the answers and
    the team's 4a/4b calls on the unprofitable customers."""
    summary = health_summary(questions)
    sentence = plain(
        "deck.health.sentence",
        lang=language,
        **{k: summary[k] for k in ("yes", "partly", "no", "unknown", "total")},
    ) + _calls_sentence(questions, language)
    header = [
        plain(key, lang=language)
        for key in (
            "deck.health.col.number",
            "deck.health.col.question",
            "deck.health.col.answer",
            "deck.health.col.figure",
        )
    ]
    rows = [
        [
            str(item["number"]),
            question_text(item["number"], language=language),
            plain(_ANSWERS[item["answer"] or "unknown"], lang=language),
            _figure(item, currency=currency, language=language),
        ]
        for item in questions
    ]
    return Slide(
        plain("deck.health.title", lang=language),
        sentence,
        table=[header, *rows],
        widths=(0.5, 7.3, 1.0, 3.5),
    )


def focus_slide(scored: pl.DataFrame, names: dict[str, str], *, top: int, language) -> Slide:
    keys = [c.key for c in CRITERIA if f"contrib_{c.key}" in scored.columns]
    header = [
        plain(key, lang=language)
        for key in (
            "deck.focus.col.rank",
            "deck.focus.col.customer",
            "deck.focus.col.tier",
            "deck.focus.col.score",
            "deck.focus.col.why",
        )
    ]
    rows = []
    for row in scored.head(top).iter_rows(named=True):
        best = sorted(keys, key=lambda k: -row[f"contrib_{k}"])[:2]
        why = ", ".join(
            plain(f"criterion.{k}", lang=language)
            + " "
            + fmt_number(row[f"contrib_{k}"], 0, lang=language)
            for k in best
        )
        rows.append(
            [
                str(row["rank"]),
                names[row["customer_id"]],
                row["tier"],
                fmt_number(row["score"], 0, lang=language),
                why,
            ]
        )
    a_tier = scored.filter(pl.col("tier") == "A")
    revenue = float(scored["revenue"].sum())
    sentence = plain(
        "deck.focus.sentence",
        lang=language,
        a=fmt_number(a_tier.height, 0, lang=language),
        a_revenue=fmt_pct(
            float(a_tier["revenue"].sum()) / revenue if revenue > 0 else None, lang=language
        ),
    )
    return Slide(
        plain("deck.focus.title", lang=language, top=min(top, scored.height)),
        sentence,
        table=[header, *rows],
        widths=(1.0, 4.6, 0.9, 1.1, 4.7),
    )


def next_slide(questions: list[dict], language: str, *, plans: bool = False) -> Slide:
    """The next step of each question answered no, then writing the customer plans (or,
    once there are `plans`, following them up)."""
    steps = [
        f"{item['number']}. {question_text(item['number'], language=language, field='next_step')}"
        for item in questions
        if item["answer"] == "no"
    ]
    if steps:
        # One question is said in the singular (`1 fråga … besvarades`).
        key = "deck.next.sentence_one" if len(steps) == 1 else "deck.next.sentence_many"
        sentence = plain(key, lang=language, count=fmt_number(len(steps), 0, lang=language))
    else:
        sentence = plain("deck.next.none", lang=language)
    last = plain("deck.next.follow" if plans else "deck.next.plans", lang=language)
    bullets = (*steps, last)
    return Slide(plain("deck.next.title", lang=language), sentence, bullets=bullets)


# The team's overrides in the decision table, by `override`.
_OVERRIDES = {"pin": "deck.decision.pinned", "exclude": "deck.decision.excluded"}


def decision_slide(
    store: Store, decision: dict, names: dict[str, str], top: int, language: str
) -> Slide:
    """The saved decision: when, by whom, how many A customers, and its list — the top
    `top` and every customer the team pinned or excluded, with the reason."""
    listed = decision_customers(store, decision["decision_id"])
    overrides = listed.filter(pl.col("override").is_not_null())
    shown = pl.concat([listed.filter(pl.col("rank") <= top), overrides]).unique(
        "customer_id", keep="first", maintain_order=True
    )
    header = [
        plain(key, lang=language)
        for key in (
            "deck.decision.col.rank",
            "deck.decision.col.customer",
            "deck.decision.col.tier",
            "deck.decision.col.note",
        )
    ]
    rows = [
        [
            "" if row["rank"] is None else str(row["rank"]),
            names.get(row["customer_id"]) or row["customer_name"] or row["customer_id"],
            row["tier"] or "",
            plain(_OVERRIDES[row["override"]], lang=language, reason=row["reason"] or "")
            if row["override"] in _OVERRIDES
            else "",
        ]
        for row in shown.iter_rows(named=True)
    ]
    sentence = plain(
        "deck.decision.sentence",
        lang=language,
        date=fmt_date(decision["decided_on"], lang=language),
        participants=", ".join(decision["participants"])
        or plain("deck.decision.nobody", lang=language),
        a=fmt_number(listed.filter(pl.col("tier") == "A").height, 0, lang=language),
        customers=fmt_number(listed["rank"].drop_nulls().len(), 0, lang=language),
        pinned=fmt_number(overrides.filter(pl.col("override") == "pin").height, 0, lang=language),
        excluded=fmt_number(
            overrides.filter(pl.col("override") == "exclude").height, 0, lang=language
        ),
    )
    return Slide(
        plain("deck.decision.title", lang=language, name=decision["name"]),
        sentence,
        table=[header, *rows],
        widths=(1.2, 5.0, 1.2, 4.9),
    )
