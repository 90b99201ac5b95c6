"""The strategy day's slide deck: a 16:9 PowerPoint file the leaders take home.

Slides, in order: title (data set, period, date), the health check, the Pareto curve, the
whale curve, the quadrant, the focus list (top N with tier, score and the main
contributions), the retention scenario, and next steps. Each slide has one sentence,
also in the speaker notes; charts are PNG images drawn offline by vl-convert in the app's
colours, with the sentence as their alt text. Charts carry no customer names, so a
picture never leaks one.

With `mask_names` every customer is a pseudonym ("Kund A01" / "Customer A01"), stable per
data set (`analytics.masking.pseudonyms`), and no customer name or number from the data
is written anywhere in the file: slides, notes, alt text, document properties.

Pure computation (no Streamlit): the texts of the deck live here in Swedish and English,
so the command line can write a deck without a browser session.
"""

from __future__ import annotations

import io
import json
import math
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import polars as pl
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Emu, Inches, Pt

from analytics.concentration import (
    PARETO_SHARE,
    assign_quadrants,
    concentration_summary,
    pareto_curve,
    quadrant_cuts,
    quadrant_summary,
    thin_curve,
    whale_curve,
    whale_peak,
    with_margin,
)
from analytics.decision import dataset_decision, decision_customers
from analytics.healthcheck import health_check, health_summary, question_text
from analytics.masking import pseudonyms
from analytics.metrics import Period, customer_metrics
from analytics.scoring import CRITERIA, normalise_criteria, score_customers, weights_or_default
from analytics.store import Store
from locales import LANGUAGES, plain
from locales.formats import fmt_date, fmt_money, fmt_number, fmt_pct, money_unit

__all__ = [
    "COLOURS",
    "SCENARIO",
    "DeckOptions",
    "build_deck",
    "write_deck",
]

# The app's chart colours (ui.concentration.style): tiers, ink, grey and the focus mark.
COLOURS = {
    "A": "#1f5f8b",
    "B": "#6b9ac4",
    "C": "#b8c2cc",
    "ink": "#1d2733",
    "grey": "#5b6670",
    "focus": "#d98c2b",
}
# The retention scenario of the deck: the retention page's starting values (A customers
# kept 5 points better, 8 % discount rate, 5 years; 25 % margin where cost is unknown).
SCENARIO = {
    "uplift_focus": 0.05,
    "uplift_rest": 0.0,
    "discount": 0.08,
    "horizon": 5,
    "assumed_margin": 0.25,
}


@dataclass(frozen=True)
class DeckOptions:
    """What the deck shows.

    `language` `sv` or `en`; `mask_names` pseudonyms instead of customers; `weights` the
    focus list's weights (None: the data set's own, else the standard ones); `decision` a
    saved workshop decision to show; `top` the focus list's length on its slide.
    """

    language: str = "sv"
    mask_names: bool = False
    weights: dict[str, float] | None = None
    decision: str | None = None
    top: int = 10


@dataclass
class _Slide:
    title: str
    sentence: str
    subtitle: str = ""
    picture: bytes | None = None
    table: list[list[str]] | None = None
    widths: tuple[float, ...] = ()
    bullets: tuple[str, ...] = ()


# --- formatting ---------------------------------------------------------------------------


def _missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


# --- charts -------------------------------------------------------------------------------

_WIDTH, _HEIGHT = 1100, 430


def _axis(title: str, language: str, fmt: str = ",.0f") -> dict:
    """A vega-lite axis whose labels follow the language (sv: space and decimal comma)."""
    axis = {"title": title, "labelFontSize": 16, "titleFontSize": 17, "grid": True}
    if language == "sv":
        axis["labelExpr"] = (
            f"replace(replace(replace(format(datum.value, '{fmt}'), /,/g, '#'), "
            "/\\./g, ','), /#/g, '\u00a0')"
        )
    else:
        axis["format"] = fmt
    return axis


def _png(layers: list[dict], *, extra: dict | None = None) -> bytes:
    import vl_convert

    spec = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "width": _WIDTH,
        "height": _HEIGHT,
        "config": {"font": "sans-serif", "view": {"stroke": None}},
        "layer": layers,
        **(extra or {}),
    }
    return vl_convert.vegalite_to_png(json.dumps(spec), scale=2)


def _curve_png(
    curve: pl.DataFrame, *, y_title: str, x_title: str, level: float, mark: tuple | None, lang
) -> bytes:
    """A cumulative curve (x: share of customers %, y: share %), a dashed level line and
    one marked point; no customer names."""
    line = thin_curve(curve).select(
        (pl.col("customer_share") * 100).alias("x"), (pl.col("cumulative_share") * 100).alias("y")
    )
    values = [{"x": 0.0, "y": 0.0}, *line.to_dicts()]
    x = {"field": "x", "type": "quantitative", "axis": _axis(x_title, lang)}
    x["scale"] = {"domain": [0, 100]}
    y = {"field": "y", "type": "quantitative", "axis": _axis(y_title, lang)}
    layers = [
        {
            "data": {"values": values},
            "mark": {"type": "line", "color": COLOURS["A"], "strokeWidth": 4},
            "encoding": {"x": x, "y": y},
        },
        {
            "data": {"values": [{"y": level}]},
            "mark": {"type": "rule", "color": COLOURS["grey"], "strokeDash": [6, 4]},
            "encoding": {"y": {"field": "y", "type": "quantitative"}},
        },
    ]
    if mark is not None:
        spot = [{"x": mark[0], "y": mark[1], "text": mark[2]}]
        layers.append(
            {
                "data": {"values": spot},
                "mark": {"type": "point", "filled": True, "size": 220, "color": COLOURS["focus"]},
                "encoding": {
                    "x": {"field": "x", "type": "quantitative"},
                    "y": {"field": "y", "type": "quantitative"},
                },
            }
        )
        layers.append(
            {
                "data": {"values": spot},
                "mark": {
                    "type": "text",
                    "align": "left",
                    "dx": 14,
                    "dy": 18,
                    "fontSize": 20,
                    "fontWeight": "bold",
                    "color": COLOURS["ink"],
                },
                "encoding": {
                    "x": {"field": "x", "type": "quantitative"},
                    "y": {"field": "y", "type": "quantitative"},
                    "text": {"field": "text"},
                },
            }
        )
    return _png(layers)


def _quadrant_png(assigned: pl.DataFrame, cuts: dict, language: str) -> bytes | None:
    """Revenue (log) against margin %, points coloured by tier, the cut lines dashed;
    None when no customer has a positive revenue and a known margin."""
    points = assigned.filter(
        pl.col("profitability").is_not_null() & (pl.col("revenue") > 0)
    ).select(
        pl.col("revenue").cast(pl.Float64).alias("x"),
        (pl.col("profitability") * 100).clip(-100, 100).alias("y"),
        pl.col("tier"),
    )
    tiers = list("ABC")
    colour = {
        "field": "tier",
        "type": "nominal",
        "title": None,
        "scale": {"domain": tiers, "range": [COLOURS[t] for t in tiers]},
        "legend": {"labelFontSize": 16, "orient": "top-left"},
    }
    x_title, y_title = plain("deck.quad.x", lang=language), plain("deck.quad.y", lang=language)
    if points.is_empty():
        return None
    low, high = points["x"].min(), points["x"].max()
    ticks = [10.0**k for k in range(math.floor(math.log10(low)), math.ceil(math.log10(high)) + 1)]
    x = {
        "field": "x",
        "type": "quantitative",
        "scale": {"type": "log"},
        "axis": _axis(x_title, language) | {"values": ticks},
    }
    y = {"field": "y", "type": "quantitative", "axis": _axis(y_title, language)}
    layers = [
        {
            "data": {"values": points.to_dicts()},
            "mark": {"type": "circle", "size": 60, "opacity": 0.75},
            "encoding": {"x": x, "y": y, "color": colour, "order": {"field": "tier"}},
        },
        {
            "data": {"values": [{"x": cuts["size"]}]},
            "mark": {"type": "rule", "color": COLOURS["grey"], "strokeDash": [6, 4]},
            "encoding": {"x": {"field": "x", "type": "quantitative"}},
        },
        {
            "data": {"values": [{"y": (cuts["profit"] or 0) * 100}]},
            "mark": {"type": "rule", "color": COLOURS["grey"], "strokeDash": [6, 4]},
            "encoding": {"y": {"field": "y", "type": "quantitative"}},
        },
    ]
    return _png(layers)


def _unit(values: list[float], *, currency: str, language: str) -> tuple[float, str]:
    top = max((abs(v) for v in values), default=0.0)
    scale = 1e6 if top >= 1e6 else 1e3 if top >= 1e4 else 1.0
    return scale, money_unit(scale, currency=currency, lang=language)


def _projection_png(projection: pl.DataFrame, *, currency: str, language: str) -> bytes:
    """Cumulative discounted margin per year: as today (grey) against the scenario."""
    scale, unit = _unit(
        projection["scenario_cumulative"].to_list(), currency=currency, language=language
    )
    baseline, scenario = (
        plain("deck.ret.baseline", lang=language),
        plain("deck.ret.scenario", lang=language),
    )
    values = [
        {"year": row["year"], "series": name, "value": row[column] / scale}
        for row in projection.iter_rows(named=True)
        for name, column in ((baseline, "baseline_cumulative"), (scenario, "scenario_cumulative"))
    ]
    layers = [
        {
            "data": {"values": values},
            "mark": {"type": "line", "strokeWidth": 4, "point": {"size": 90}},
            "encoding": {
                "x": {
                    "field": "year",
                    "type": "ordinal",
                    "axis": _axis(plain("deck.ret.x", lang=language), language) | {"labelAngle": 0},
                },
                "y": {
                    "field": "value",
                    "type": "quantitative",
                    "axis": _axis(plain("deck.ret.y", lang=language, unit=unit), language, ",.1f"),
                },
                "color": {
                    "field": "series",
                    "type": "nominal",
                    "title": None,
                    "scale": {
                        "domain": [baseline, scenario],
                        "range": [COLOURS["grey"], COLOURS["A"]],
                    },
                    "legend": {"labelFontSize": 16, "orient": "top-left"},
                },
            },
        }
    ]
    return _png(layers)


# --- slides -------------------------------------------------------------------------------


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
        return plain(
            "deck.fig.4",
            lang=language,
            count=fmt_number(value, 0, lang=language),
            margin=fmt_money(facts["margin"], currency=currency, lang=language, compact=True),
        )
    if number in (6, 7):
        return plain(
            "deck.fig.6" if number == 6 else "deck.fig.7",
            lang=language,
            mean=fmt_number(value, 1 if number == 6 else 0, lang=language),
            customers=fmt_number(facts["customers"], 0, lang=language),
        )
    return ""


_ANSWERS = {
    "yes": "deck.answer.yes",
    "partly": "deck.answer.partly",
    "no": "deck.answer.no",
    "unknown": "deck.answer.unknown",
}


def _health_slide(questions: list[dict], *, currency: str, language: str) -> _Slide:
    summary = health_summary(questions)
    sentence = plain(
        "deck.health.sentence",
        lang=language,
        **{k: summary[k] for k in ("yes", "partly", "no", "unknown", "total")},
    )
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
    return _Slide(
        plain("deck.health.title", lang=language),
        sentence,
        table=[header, *rows],
        widths=(0.5, 7.3, 1.0, 3.5),
    )


def _concentration_slides(frame: pl.DataFrame, *, currency: str, language: str) -> list[_Slide]:
    """Pareto curve, whale curve and quadrant."""
    summary = concentration_summary(frame)
    slides = []
    n80 = summary["customers_for_80pct_revenue"]
    title = plain("deck.pareto.title", lang=language)
    if n80 is None:
        slides.append(_Slide(title, plain("deck.pareto.none", lang=language)))
    else:
        share = summary["share_of_customers_for_80pct_revenue"]
        sentence = plain(
            "deck.pareto.sentence",
            lang=language,
            count=fmt_number(n80, 0, lang=language),
            customers=fmt_number(summary["customers"], 0, lang=language),
            share=fmt_pct(share, lang=language),
        )
        picture = _curve_png(
            pareto_curve(frame),
            x_title=plain("deck.pareto.x", lang=language),
            y_title=plain("deck.pareto.y", lang=language),
            level=PARETO_SHARE * 100,
            mark=(share * 100, PARETO_SHARE * 100, f"{fmt_number(n80, 0, lang=language)}"),
            lang=language,
        )
        slides.append(_Slide(title, sentence, picture=picture))
    title = plain("deck.whale.title", lang=language)
    whale = whale_curve(frame)
    total = summary["gross_margin"]
    if whale.is_empty() or total is None or total <= 0:
        slides.append(_Slide(title, plain("deck.whale.none", lang=language)))
    else:
        peak = whale_peak(whale)
        losers = summary["unprofitable_customers"] or 0
        sentence = plain(
            "deck.whale.sentence",
            lang=language if losers else "whale.sentence_all",
            peak=fmt_pct(summary["whale_peak"], lang=language),
            peak_amount=fmt_money(
                summary["whale_peak_margin"], currency=currency, lang=language, compact=True
            ),
            count=fmt_number(losers, 0, lang=language),
            loss=fmt_money(
                -(summary["unprofitable_margin"] or 0.0),
                currency=currency,
                lang=language,
                compact=True,
            ),
            total=fmt_money(total, currency=currency, lang=language, compact=True),
        )
        picture = _curve_png(
            whale,
            x_title=plain("deck.pareto.x", lang=language),
            y_title=plain("deck.whale.y", lang=language),
            level=100.0,
            mark=(
                (peak["customer_share"] or 0) * 100,
                (peak["share"] or 0) * 100,
                fmt_pct(peak["share"], lang=language),
            ),
            lang=language,
        )
        slides.append(_Slide(title, sentence, picture=picture))
    title = plain("deck.quad.title", lang=language)
    cuts = quadrant_cuts(frame)
    if cuts["size"] is None or whale.is_empty():
        slides.append(_Slide(title, plain("deck.quad.none", lang=language)))
    else:
        assigned = assign_quadrants(frame, size_cut=cuts["size"], profit_cut=cuts["profit"])
        rows = {r["quadrant"]: r for r in quadrant_summary(assigned).iter_rows(named=True)}
        core, large = rows["core"], rows["large_unprofitable"]
        sentence = plain(
            "deck.quad.sentence",
            lang=language,
            core=fmt_number(core["customers"], 0, lang=language),
            core_revenue=fmt_pct(core["revenue_share"], lang=language),
            large=fmt_number(large["customers"], 0, lang=language),
            large_revenue=fmt_pct(large["revenue_share"], lang=language),
        )
        slides.append(_Slide(title, sentence, picture=_quadrant_png(assigned, cuts, language)))
    return slides


def _focus_slide(scored: pl.DataFrame, names: dict[str, str], *, top: int, language) -> _Slide:
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
    return _Slide(
        plain("deck.focus.title", lang=language, top=min(top, scored.height)),
        sentence,
        table=[header, *rows],
        widths=(1.0, 4.6, 0.9, 1.1, 4.7),
    )


def _retention_slide(
    store: Store,
    dataset_id: int,
    current: pl.DataFrame,
    weights: dict,
    *,
    currency: str,
    language: str,
) -> _Slide:
    from analytics.retention import (
        NotEnoughHistoryError,
        customer_activity,
        latest_rates,
        period_tiers,
        project_scenario,
        retention_periods,
        retention_rates,
        scenario_groups,
        tier_groups,
    )

    title = plain("deck.ret.title", lang=language)
    activity = customer_activity(store, dataset_id=dataset_id, basis="12m")
    if activity.is_empty():
        return _Slide(title, plain("deck.ret.none", lang=language))
    first, last = activity["period_start"].min(), activity["period_end"].max()
    periods = retention_periods(first, last, basis="12m")
    tables = {
        number: customer_metrics(store, dataset_id=dataset_id, period=Period(start, end))
        for number, start, end in periods.select("period", "period_start", "period_end").rows()
    }
    tiers = period_tiers(tables, weights=weights)
    try:
        rates = retention_rates(activity, groups=tier_groups(tiers))
    except NotEnoughHistoryError:
        return _Slide(title, plain("deck.ret.none", lang=language))
    needs_margin = current["gross_margin"].null_count() > 0
    assumed = SCENARIO["assumed_margin"] if needs_margin else None
    groups = scenario_groups(current, latest_rates(rates), assumed_margin=assumed)
    projection = project_scenario(
        groups,
        horizon=SCENARIO["horizon"],
        discount=SCENARIO["discount"],
        uplift={"focus": SCENARIO["uplift_focus"], "rest": SCENARIO["uplift_rest"]},
    )
    sentence = plain(
        "deck.ret.sentence",
        lang=language,
        up=fmt_number(SCENARIO["uplift_focus"] * 100, 0, lang=language),
        difference=fmt_money(
            float(projection["difference"][-1]), currency=currency, lang=language, compact=True
        ),
        horizon=SCENARIO["horizon"],
        discount=fmt_pct(SCENARIO["discount"], lang=language),
    )
    if assumed is not None:
        sentence += plain("deck.ret.assumed", lang=language, margin=fmt_pct(assumed, lang=language))
    return _Slide(
        title, sentence, picture=_projection_png(projection, currency=currency, language=language)
    )


def _next_slide(questions: list[dict], language: str) -> _Slide:
    steps = [
        f"{item['number']}. {question_text(item['number'], language=language, field='next_step')}"
        for item in questions
        if item["answer"] == "no"
    ]
    if steps:
        sentence = plain("deck.next.sentence", lang=language, count=len(steps))
    else:
        sentence = plain("deck.next.none", lang=language)
    bullets = (*steps, plain("deck.next.plans", lang=language))
    return _Slide(plain("deck.next.title", lang=language), sentence, bullets=bullets)


# The team's overrides in the decision table, by `override`.
_OVERRIDES = {"pin": "deck.decision.pinned", "exclude": "deck.decision.excluded"}


def _decision_slide(
    store: Store, decision: dict, names: dict[str, str], top: int, language: str
) -> _Slide:
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
    return _Slide(
        plain("deck.decision.title", lang=language, name=decision["name"]),
        sentence,
        table=[header, *rows],
        widths=(1.2, 5.0, 1.2, 4.9),
    )


def _slides(
    store: Store, *, dataset_id: int, period: Period, options: DeckOptions
) -> tuple[list[_Slide], str]:
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
    if options.mask_names:
        codes = pseudonyms(store, dataset_id=dataset_id)
        names = {
            cid: plain("deck.customer", lang=language, code=code) for cid, code in codes.items()
        }
    else:
        names = dict(
            zip(
                scored["customer_id"],
                scored.select(pl.coalesce("customer_name", "customer_id"))[:, 0],
                strict=True,
            )
        )
    questions = health_check(store, dataset_id=dataset_id, period=period, weights=weights)
    start, end = fmt_date(period.start, lang=language), fmt_date(period.end, lang=language)
    title = _Slide(
        plain("deck.title", lang=language),
        plain("deck.title.note", lang=language, dataset=name, start=start, end=end),
        subtitle=plain("deck.subtitle", lang=language, dataset=name, start=start, end=end)
        + "\n"
        + plain("deck.made", lang=language, today=fmt_date(date.today(), lang=language)),
    )
    slides = [
        title,
        _health_slide(questions, currency=currency, language=language),
        *_concentration_slides(with_margin(scored), currency=currency, language=language),
        _focus_slide(scored, names, top=options.top, language=language),
        _retention_slide(store, dataset_id, scored, weights, currency=currency, language=language),
        *([_decision_slide(store, decision, names, options.top, language)] if decision else []),
        _next_slide(questions, language),
    ]
    return slides, str(name)


# --- the file -----------------------------------------------------------------------------


def _render(slides: list[_Slide], *, dataset: str, language: str) -> bytes:
    accent = RGBColor.from_string(COLOURS["A"][1:])
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)
    blank = deck.slide_layouts[6]

    for number, item in enumerate(slides):
        slide = deck.slides.add_slide(blank)
        if number == 0:
            _text_box(slide, (0.8, 2.2, 11.7, 1.4), item.title, size=44, colour=accent)
            _text_box(slide, (0.8, 3.8, 11.7, 1.6), item.subtitle, size=24, bold=False)
        else:
            _text_box(slide, (0.5, 0.3, 12.3, 0.9), item.title, size=32, colour=accent)
            body_top = Inches(1.25)
            if item.picture is not None:
                picture = slide.shapes.add_picture(
                    io.BytesIO(item.picture), Inches(0.5), body_top, width=Inches(12.3)
                )
                picture._element.nvPicPr.cNvPr.set("descr", item.sentence)
                picture.name = item.title
            if item.table is not None:
                _table(slide, item, top=body_top)
            if item.bullets:
                bullets = "\n".join(f"• {b}" for b in item.bullets)
                frame = _text_box(slide, (0.8, 1.25, 11.7, 4.8), bullets, size=22, bold=False)
                for paragraph in frame.paragraphs:
                    paragraph.space_after = Pt(10)
            _text_box(slide, (0.5, 6.4, 12.3, 1.0), item.sentence, size=18)
        slide.notes_slide.notes_text_frame.text = item.sentence
    props = deck.core_properties
    props.title = f"Kundfokus – {dataset}"
    props.subject = plain("deck.title", lang=language)
    props.author = props.last_modified_by = "Kundfokus"
    props.keywords = props.comments = props.category = ""
    props.language = "sv-SE" if language == "sv" else "en-GB"
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def _text_box(
    slide, box: tuple[float, float, float, float], text: str, *, size: int, **style
) -> object:
    """A text box at `box` (left, top, width, height in inches), one paragraph per line;
    bold and in ink unless `bold`/`colour` say otherwise."""
    left, top, width, height = (Inches(v) for v in box)
    frame = slide.shapes.add_textbox(left, top, width, height).text_frame
    frame.word_wrap = True
    colour = style.get("colour") or RGBColor.from_string(COLOURS["ink"][1:])
    for index, line in enumerate(text.split("\n")):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = line
        run.font.size, run.font.bold = Pt(size), style.get("bold", True)
        run.font.color.rgb = colour
    return frame


def _table(slide, item: _Slide, *, top: int) -> None:
    """The slide's table below its title: the first row bold, small type for long ones."""
    ink = RGBColor.from_string(COLOURS["ink"][1:])
    pt, inches = Pt, Inches
    rows = item.table
    size = 11 if len(rows) > 12 else 16
    row_height = inches(0.31) if len(rows) > 12 else inches(0.45)
    shape = slide.shapes.add_table(
        len(rows), len(rows[0]), inches(0.5), top, inches(sum(item.widths)), row_height * len(rows)
    )
    table = shape.table
    for column, width in enumerate(item.widths):
        table.columns[column].width = Emu(int(inches(width)))
    for r, values in enumerate(rows):
        table.rows[r].height = row_height
        for c, value in enumerate(values):
            cell = table.cell(r, c)
            cell.text = value
            for paragraph in cell.text_frame.paragraphs:
                for run in paragraph.runs:
                    run.font.size = pt(size)
                    run.font.bold = r == 0
                    if r:
                        run.font.color.rgb = ink
            cell.margin_top = cell.margin_bottom = pt(2)


def build_deck(
    store: Store, *, dataset_id: int, period: Period, options: DeckOptions | None = None
) -> tuple[bytes, dict]:
    """The deck of a data set over `period` as PPTX bytes, and facts about it: `slides`
    (the count), `titles` (in order) and `warnings` (texts for the user). Raises
    ValueError for a period without customers, unknown weights, another language or a
    decision that does not exist."""
    options = options or DeckOptions()
    slides, name = _slides(store, dataset_id=dataset_id, period=period, options=options)
    data = _render(slides, dataset=name, language=options.language)
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
