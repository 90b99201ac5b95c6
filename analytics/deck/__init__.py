"""The strategy day's slide deck: a 16:9 PowerPoint file the leaders take home.

Slides, in order: title (data set, period, date), the health check, the Pareto curve, the
whale curve, the quadrant, the focus list (top N with tier, score and the main
contributions), the retention scenario, the decision (with `decision`), the customer plans
and the quarterly review's summary (when the data set has plans), and next steps. Each
slide has one sentence, also in the speaker notes; charts are PNG images drawn offline by
vl-convert in the app's colours, with the sentence as their alt text. Charts carry no
customer names, so a picture never leaks one.

With `mask_names` every customer is a pseudonym ("Kund A01" / "Customer A01"), stable per
data set (`analytics.masking.pseudonyms`), and no customer name or number from the data
is written anywhere in the file: slides, notes, alt text, document properties, and the
team's own words in the plans (a goal called "Grow Alfa AB" reads "Grow Kund A01").

Pure computation (no Streamlit): the texts of the deck live in the catalogs in Swedish and
English, so the command line can write a deck without a browser session.

The modules: `charts` (the pictures), `figures` (the slides with a chart), `tables` (the
slides with a table or a list), `plans` (the slides from the customer plans), `render`
(the PowerPoint file); this one puts them in order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import polars as pl

from analytics.concentration import with_margin
from analytics.decision import dataset_decision
from analytics.deck.charts import COLOURS
from analytics.deck.figures import SCENARIO, concentration_slides, retention_slide
from analytics.deck.plans import PlanContext, plan_slides
from analytics.deck.render import Slide, render
from analytics.deck.tables import decision_slide, focus_slide, health_slide, next_slide
from analytics.healthcheck import health_check
from analytics.masking import mask_text, pseudonyms
from analytics.metrics import Period, customer_metrics
from analytics.scoring import normalise_criteria, score_customers, weights_or_default
from analytics.store import Store
from locales import LANGUAGES, plain
from locales.formats import fmt_date

__all__ = [
    "COLOURS",
    "SCENARIO",
    "DeckOptions",
    "build_deck",
    "write_deck",
]


@dataclass(frozen=True)
class DeckOptions:
    """What the deck shows.

    `language` `sv` or `en`; `mask_names` pseudonyms instead of customers; `weights` the
    focus list's weights (None: the data set's own, else the standard ones); `decision` a
    saved workshop decision to show; `top` the focus list's length on its slide; `made`
    the day the deck is made (None: today), on its title slide and the day the plans'
    overdue activities are told against.
    """

    language: str = "sv"
    mask_names: bool = False
    weights: dict[str, float] | None = None
    decision: str | None = None
    top: int = 10
    made: date | None = None


def _slides(
    store: Store, *, dataset_id: int, period: Period, options: DeckOptions
) -> tuple[list[Slide], str]:
    language = options.language
    if language not in LANGUAGES:
        msg = f"The deck is written in sv or en, not {language!r}."
        raise ValueError(msg)
    decision = dataset_decision(store, options.decision, dataset_id=dataset_id)
    name = store.scalar("select name from datasets where dataset_id = ?", [dataset_id])
    currency = store.currency(dataset_id)
    weights = options.weights or weights_or_default(store.dataset_weights(dataset_id))
    table = normalise_criteria(customer_metrics(store, dataset_id=dataset_id, period=period))
    if table.is_empty():
        msg = "No customer bought in this period; choose a longer one."
        raise ValueError(msg)
    scored = score_customers(table, weights=weights)
    names, scrub = _customer_names(store, dataset_id, scored, options)
    questions = health_check(store, dataset_id=dataset_id, period=period, weights=weights)
    start, end = fmt_date(period.start, lang=language), fmt_date(period.end, lang=language)
    made = options.made or date.today()
    title = Slide(
        plain("deck.title", lang=language),
        plain("deck.title.note", lang=language, dataset=name, start=start, end=end),
        subtitle=plain("deck.subtitle", lang=language, dataset=name, start=start, end=end)
        + "\n"
        + plain("deck.made", lang=language, today=fmt_date(made, lang=language)),
    )
    slides = [
        title,
        health_slide(questions, currency=currency, language=language),
        *concentration_slides(with_margin(scored), currency=currency, language=language),
        focus_slide(scored, names, top=options.top, language=language),
        retention_slide(store, dataset_id, scored, weights, currency=currency, language=language),
        *([decision_slide(store, decision, names, options.top, language)] if decision else []),
    ]
    context = PlanContext(
        dataset=str(name),
        names=names,
        order=scored["customer_id"].to_list(),
        scrub=scrub,
        end=period.end,
        decision=decision["name"] if decision else None,
        top=options.top,
        currency=currency,
        language=language,
        made=made,
        masked=options.mask_names,
    )
    from_plans = plan_slides(store, context)
    slides += [*from_plans, next_slide(questions, language, plans=bool(from_plans))]
    return slides, str(name)


def _customer_names(
    store: Store, dataset_id: int, scored: pl.DataFrame, options: DeckOptions
) -> tuple[dict[str, str], Callable[[str], str]]:
    """The names the deck shows (customer id → name, or pseudonym with `mask_names`) and
    how the team's own text is shown: as written, or with every customer name and number
    of the data set replaced by the customer's pseudonym."""
    if not options.mask_names:
        names = dict(
            zip(
                scored["customer_id"],
                scored.select(pl.coalesce("customer_name", "customer_id"))[:, 0],
                strict=True,
            )
        )
        return names, lambda text: text
    codes = pseudonyms(store, dataset_id=dataset_id)
    language = options.language
    names = {cid: plain("deck.customer", lang=language, code=code) for cid, code in codes.items()}
    unknown = plain("deck.customer", lang=language, code="?")
    every = store.query(
        "select distinct customer_id, customer_name from sales_lines where dataset_id = $d "
        "union select customer_id, customer_name from customers where dataset_id = $d",
        {"d": dataset_id},
    )
    labels = {cid: names.get(cid, unknown) for cid in every["customer_id"]}
    labels |= {
        str(name): names.get(cid, unknown)
        for cid, name in every.iter_rows()
        if name is not None and str(name).strip()
    }
    return names, lambda text: mask_text(text, labels)


def build_deck(
    store: Store, *, dataset_id: int, period: Period, options: DeckOptions | None = None
) -> tuple[bytes, dict]:
    """The deck of a data set over `period` as PPTX bytes, and facts about it: `slides`
    (the count), `titles` (in order) and `warnings` (texts for the user). Raises
    ValueError for a period without customers, unknown weights, another language or a
    decision that does not exist."""
    options = options or DeckOptions()
    slides, name = _slides(store, dataset_id=dataset_id, period=period, options=options)
    data = render(slides, dataset=name, language=options.language)
    return data, {"slides": len(slides), "titles": [s.title for s in slides], "warnings": []}


def write_deck(
    store: Store,
    *,
    dataset_id: int,
    period: Period,
    out: Path,
    options: DeckOptions | None = None,
) -> dict:
    """Write the deck (see `build_deck`) to `out`; returns the facts of `build_deck`."""
    data, facts = build_deck(store, dataset_id=dataset_id, period=period, options=options)
    Path(out).write_bytes(data)
    return facts
