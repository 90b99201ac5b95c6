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
from analytics.healthcheck import health_check, health_summary, question_text
from analytics.masking import pseudonyms
from analytics.metrics import Period, customer_metrics
from analytics.money import format_money, format_number, money_unit
from analytics.scoring import CRITERIA, normalise_criteria, score_customers, weights_or_default
from analytics.store import Store

__all__ = [
    "COLOURS",
    "CRITERION_NAMES",
    "SCENARIO",
    "DeckOptions",
    "build_deck",
    "write_deck",
]

# The app's chart colours (ui.concentration_view): tiers, ink, grey and the focus mark.
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

CRITERION_NAMES: dict[str, dict[str, str]] = {
    "sv": {
        "revenue": "Omsättning",
        "gross_margin": "Täckningsbidrag",
        "margin_pct": "Täckningsgrad",
        "growth": "Tillväxt",
        "frequency": "Köpfrekvens",
        "recency": "Senaste köp",
        "tenure": "Kundtid",
        "payment_delay": "Betalar i tid",
        "breadth": "Bredd",
        "strategic_fit": "Strategisk passform",
        "potential": "Potential",
        "dependency": "Beroende",
        "relationship": "Relation",
        "satisfaction": "Nöjdhet",
    },
    "en": {
        "revenue": "Revenue",
        "gross_margin": "Gross margin",
        "margin_pct": "Margin %",
        "growth": "Growth",
        "frequency": "Purchase frequency",
        "recency": "Recency",
        "tenure": "Tenure",
        "payment_delay": "Pays on time",
        "breadth": "Breadth",
        "strategic_fit": "Strategic fit",
        "potential": "Potential",
        "dependency": "Dependency",
        "relationship": "Relationship",
        "satisfaction": "Satisfaction",
    },
}

_TEXTS: dict[str, dict[str, str]] = {
    "sv": {
        "title": "Våra viktigaste kunder",
        "subtitle": "{dataset} · {start} – {end}",
        "made": "Strategidag {today} · Kundfokus",
        "title.note": "Strategidag om {dataset}: försäljningen {start} – {end}.",
        "customer": "Kund {code}",
        "health.title": "Har vi koll på våra kunder?",
        "health.sentence": "{yes} av {total} frågor besvarade med ja, {partly} delvis, {no} nej "
        "och {unknown} obesvarade.",
        "health.col.number": "Nr",
        "health.col.question": "Fråga",
        "health.col.answer": "Svar",
        "health.col.figure": "Siffra",
        "answer.yes": "Ja",
        "answer.partly": "Delvis",
        "answer.no": "Nej",
        "answer.unknown": "Okänt",
        "fig.1": "{active} under perioden ({total} totalt)",
        "fig.2": "{count} kunder ({share})",
        "fig.3": "{assessed} av {customers} A-kunder bedömda",
        "fig.4": "{count} olönsamma ({margin})",
        "fig.6": "{mean} av 5 ({customers} kunder)",
        "fig.7": "NPS {mean} ({customers} kunder)",
        "pareto.title": "Få kunder står för det mesta",
        "pareto.sentence": "{count} av {customers} kunder ({share}) står för 80 % av omsättningen.",
        "pareto.none": "Omsättningen under perioden är noll eller negativ.",
        "pareto.x": "Andel av kunderna (%)",
        "pareto.y": "Andel av omsättningen (%)",
        "whale.title": "Valkurvan: var vinsten uppstår och försvinner",
        "whale.sentence": "De lönsamma kunderna tjänar {peak} av den totala marginalen "
        "({peak_amount}); {count} olönsamma kunder tar tillbaka {loss}.",
        "whale.sentence_all": "Alla kunder med känd kostnad är lönsamma; marginalen är {total}.",
        "whale.none": "Exporten saknar kostnad: valkurvan kräver kostnad eller täckningsbidrag.",
        "whale.y": "Ackumulerad marginal (% av totalen)",
        "quad.title": "Storlek mot lönsamhet",
        "quad.sentence": "{core} kärnkunder (stora och lönsamma) står för {core_revenue} av "
        "omsättningen. {large} stora kunder har lägre täckningsgrad än medianen: "
        "{large_revenue} av omsättningen.",
        "quad.none": "Exporten saknar kostnad: kvadranten kräver kostnad eller täckningsbidrag.",
        "quad.x": "Omsättning (log-skala)",
        "quad.y": "Täckningsgrad (%)",
        "focus.title": "Fokuslistan: topp {top}",
        "focus.sentence": "{a} A-kunder står för {a_revenue} av omsättningen.",
        "focus.col.rank": "Rang",
        "focus.col.customer": "Kund",
        "focus.col.tier": "Nivå",
        "focus.col.score": "Poäng",
        "focus.col.why": "Störst bidrag",
        "ret.title": "Att behålla fokuskunderna längre",
        "ret.sentence": "Behåller vi {up} procentenheter fler A-kunder per år ger dagens kunder "
        "{difference} mer i marginal på {horizon} år (diskonterat med {discount} per år).",
        "ret.assumed": " Marginalen är antagen till {margin} där kostnad saknas.",
        "ret.none": "Data täcker för kort tid för att mäta retention (minst två perioder behövs).",
        "ret.x": "År",
        "ret.y": "Ackumulerad marginal ({unit})",
        "ret.baseline": "Som i dag",
        "ret.scenario": "Scenario",
        "next.title": "Nästa steg",
        "next.sentence": "{count} frågor i kundkollen besvarades med nej; så går vi vidare.",
        "next.none": "Inga nej i kundkollen: vi fortsätter med fokuslistan och kundplanerna.",
        "next.plans": "Skriv en kundplan med mål, aktiviteter, ansvariga och datum för varje "
        "A-kund.",
    },
    "en": {
        "title": "Our most important customers",
        "subtitle": "{dataset} · {start} – {end}",
        "made": "Strategy day {today} · Kundfokus",
        "title.note": "Strategy day on {dataset}: the sales of {start} – {end}.",
        "customer": "Customer {code}",
        "health.title": "Do we know our customers?",
        "health.sentence": "{yes} of {total} questions answered yes, {partly} partly, {no} no "
        "and {unknown} unanswered.",
        "health.col.number": "No.",
        "health.col.question": "Question",
        "health.col.answer": "Answer",
        "health.col.figure": "Figure",
        "answer.yes": "Yes",
        "answer.partly": "Partly",
        "answer.no": "No",
        "answer.unknown": "Unknown",
        "fig.1": "{active} in the period ({total} in all)",
        "fig.2": "{count} customers ({share})",
        "fig.3": "{assessed} of {customers} A customers assessed",
        "fig.4": "{count} unprofitable ({margin})",
        "fig.6": "{mean} of 5 ({customers} customers)",
        "fig.7": "NPS {mean} ({customers} customers)",
        "pareto.title": "A few customers make most of the revenue",
        "pareto.sentence": "{count} of {customers} customers ({share}) make 80% of revenue.",
        "pareto.none": "Revenue in the period is zero or negative.",
        "pareto.x": "Share of customers (%)",
        "pareto.y": "Share of revenue (%)",
        "whale.title": "The whale curve: where profit is made and lost",
        "whale.sentence": "The profitable customers earn {peak} of the total margin "
        "({peak_amount}); {count} unprofitable customers take back {loss}.",
        "whale.sentence_all": "Every customer with a known cost is profitable; the margin is "
        "{total}.",
        "whale.none": "The export has no cost: the whale curve needs a cost or gross margin.",
        "whale.y": "Cumulative margin (% of total)",
        "quad.title": "Size against profitability",
        "quad.sentence": "{core} core customers (large and profitable) make {core_revenue} of "
        "revenue. {large} large customers have a margin below the median: {large_revenue} of "
        "revenue.",
        "quad.none": "The export has no cost: the quadrant needs a cost or gross margin.",
        "quad.x": "Revenue (log scale)",
        "quad.y": "Margin (%)",
        "focus.title": "The focus list: top {top}",
        "focus.sentence": "{a} A customers make {a_revenue} of revenue.",
        "focus.col.rank": "Rank",
        "focus.col.customer": "Customer",
        "focus.col.tier": "Tier",
        "focus.col.score": "Score",
        "focus.col.why": "Largest contributions",
        "ret.title": "Keeping the focus customers longer",
        "ret.sentence": "If we keep {up} percentage points more A customers each year, today's "
        "customers bring {difference} more margin over {horizon} years (discounted at "
        "{discount} a year).",
        "ret.assumed": " The margin is assumed at {margin} where cost is unknown.",
        "ret.none": "The data covers too short a time to measure retention (two periods are "
        "needed).",
        "ret.x": "Year",
        "ret.y": "Cumulative margin ({unit})",
        "ret.baseline": "As today",
        "ret.scenario": "Scenario",
        "next.title": "Next steps",
        "next.sentence": "{count} questions of the customer check were answered no; this is "
        "how we go on.",
        "next.none": "No answer in the customer check was no: we go on with the focus list and "
        "the customer plans.",
        "next.plans": "Write a customer plan with goals, activities, owners and dates for each "
        "A customer.",
    },
}

_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


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


def _pct(value: float | None, language: str) -> str:
    if _missing(value):
        return "–"
    number = format_number(value * 100, 0, language=language)
    return f"{number}\u00a0%" if language == "sv" else f"{number}%"


def _date(value: date, language: str) -> str:
    if language == "sv":
        return value.isoformat()
    return f"{value.day} {_MONTHS_EN[value.month - 1]} {value.year}"


def _text(language: str, key: str, **params: object) -> str:
    template = _TEXTS[language][key]
    return template.format(**params) if params else template


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
    x_title, y_title = _text(language, "quad.x"), _text(language, "quad.y")
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
    return scale, money_unit(scale, code=currency, language=language)


def _projection_png(projection: pl.DataFrame, *, currency: str, language: str) -> bytes:
    """Cumulative discounted margin per year: as today (grey) against the scenario."""
    scale, unit = _unit(
        projection["scenario_cumulative"].to_list(), currency=currency, language=language
    )
    baseline, scenario = _text(language, "ret.baseline"), _text(language, "ret.scenario")
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
                    "axis": _axis(_text(language, "ret.x"), language) | {"labelAngle": 0},
                },
                "y": {
                    "field": "value",
                    "type": "quantitative",
                    "axis": _axis(_text(language, "ret.y", unit=unit), language, ",.1f"),
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
        return _text(
            language,
            "fig.1",
            active=format_number(facts["active"], 0, language=language),
            total=format_number(facts["total"], 0, language=language),
        )
    if number == 2:
        return _text(
            language,
            "fig.2",
            count=format_number(value, 0, language=language),
            share=_pct(facts["share"], language),
        )
    if number == 3:
        return _text(
            language,
            "fig.3",
            assessed=format_number(value["A"]["assessed"], 0, language=language),
            customers=format_number(value["A"]["customers"], 0, language=language),
        )
    if number == 4:
        return _text(
            language,
            "fig.4",
            count=format_number(value, 0, language=language),
            margin=format_money(facts["margin"], code=currency, language=language, compact=True),
        )
    if number in (6, 7):
        return _text(
            language,
            f"fig.{number}",
            mean=format_number(value, 1 if number == 6 else 0, language=language),
            customers=format_number(facts["customers"], 0, language=language),
        )
    return ""


def _health_slide(questions: list[dict], *, currency: str, language: str) -> _Slide:
    summary = health_summary(questions)
    sentence = _text(
        language,
        "health.sentence",
        **{k: summary[k] for k in ("yes", "partly", "no", "unknown", "total")},
    )
    header = [
        _text(language, f"health.col.{c}") for c in ("number", "question", "answer", "figure")
    ]
    rows = [
        [
            str(item["number"]),
            question_text(item["number"], language=language),
            _text(language, f"answer.{item['answer'] or 'unknown'}"),
            _figure(item, currency=currency, language=language),
        ]
        for item in questions
    ]
    return _Slide(
        _text(language, "health.title"),
        sentence,
        table=[header, *rows],
        widths=(0.5, 7.3, 1.0, 3.5),
    )


def _concentration_slides(frame: pl.DataFrame, *, currency: str, language: str) -> list[_Slide]:
    """Pareto curve, whale curve and quadrant."""
    summary = concentration_summary(frame)
    slides = []
    n80 = summary["customers_for_80pct_revenue"]
    title = _text(language, "pareto.title")
    if n80 is None:
        slides.append(_Slide(title, _text(language, "pareto.none")))
    else:
        share = summary["share_of_customers_for_80pct_revenue"]
        sentence = _text(
            language,
            "pareto.sentence",
            count=format_number(n80, 0, language=language),
            customers=format_number(summary["customers"], 0, language=language),
            share=_pct(share, language),
        )
        picture = _curve_png(
            pareto_curve(frame),
            x_title=_text(language, "pareto.x"),
            y_title=_text(language, "pareto.y"),
            level=PARETO_SHARE * 100,
            mark=(share * 100, PARETO_SHARE * 100, f"{format_number(n80, 0, language=language)}"),
            lang=language,
        )
        slides.append(_Slide(title, sentence, picture=picture))
    title = _text(language, "whale.title")
    whale = whale_curve(frame)
    total = summary["gross_margin"]
    if whale.is_empty() or total is None or total <= 0:
        slides.append(_Slide(title, _text(language, "whale.none")))
    else:
        peak = whale_peak(whale)
        losers = summary["unprofitable_customers"] or 0
        sentence = _text(
            language,
            "whale.sentence" if losers else "whale.sentence_all",
            peak=_pct(summary["whale_peak"], language),
            peak_amount=format_money(
                summary["whale_peak_margin"], code=currency, language=language, compact=True
            ),
            count=format_number(losers, 0, language=language),
            loss=format_money(
                -(summary["unprofitable_margin"] or 0.0),
                code=currency,
                language=language,
                compact=True,
            ),
            total=format_money(total, code=currency, language=language, compact=True),
        )
        picture = _curve_png(
            whale,
            x_title=_text(language, "pareto.x"),
            y_title=_text(language, "whale.y"),
            level=100.0,
            mark=(
                (peak["customer_share"] or 0) * 100,
                (peak["share"] or 0) * 100,
                _pct(peak["share"], language),
            ),
            lang=language,
        )
        slides.append(_Slide(title, sentence, picture=picture))
    title = _text(language, "quad.title")
    cuts = quadrant_cuts(frame)
    if cuts["size"] is None or whale.is_empty():
        slides.append(_Slide(title, _text(language, "quad.none")))
    else:
        assigned = assign_quadrants(frame, size_cut=cuts["size"], profit_cut=cuts["profit"])
        rows = {r["quadrant"]: r for r in quadrant_summary(assigned).iter_rows(named=True)}
        core, large = rows["core"], rows["large_unprofitable"]
        sentence = _text(
            language,
            "quad.sentence",
            core=format_number(core["customers"], 0, language=language),
            core_revenue=_pct(core["revenue_share"], language),
            large=format_number(large["customers"], 0, language=language),
            large_revenue=_pct(large["revenue_share"], language),
        )
        slides.append(_Slide(title, sentence, picture=_quadrant_png(assigned, cuts, language)))
    return slides


def _focus_slide(scored: pl.DataFrame, names: dict[str, str], *, top: int, language) -> _Slide:
    keys = [c.key for c in CRITERIA if f"contrib_{c.key}" in scored.columns]
    header = [
        _text(language, f"focus.col.{c}") for c in ("rank", "customer", "tier", "score", "why")
    ]
    rows = []
    for row in scored.head(top).iter_rows(named=True):
        best = sorted(keys, key=lambda k: -row[f"contrib_{k}"])[:2]
        why = ", ".join(
            CRITERION_NAMES[language][k]
            + " "
            + format_number(row[f"contrib_{k}"], 0, language=language)
            for k in best
        )
        rows.append(
            [
                str(row["rank"]),
                names[row["customer_id"]],
                row["tier"],
                format_number(row["score"], 0, language=language),
                why,
            ]
        )
    a_tier = scored.filter(pl.col("tier") == "A")
    revenue = float(scored["revenue"].sum())
    sentence = _text(
        language,
        "focus.sentence",
        a=format_number(a_tier.height, 0, language=language),
        a_revenue=_pct(float(a_tier["revenue"].sum()) / revenue if revenue > 0 else None, language),
    )
    return _Slide(
        _text(language, "focus.title", top=min(top, scored.height)),
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

    title = _text(language, "ret.title")
    activity = customer_activity(store, dataset_id=dataset_id, basis="12m")
    if activity.is_empty():
        return _Slide(title, _text(language, "ret.none"))
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
        return _Slide(title, _text(language, "ret.none"))
    needs_margin = current["gross_margin"].null_count() > 0
    assumed = SCENARIO["assumed_margin"] if needs_margin else None
    groups = scenario_groups(current, latest_rates(rates), assumed_margin=assumed)
    projection = project_scenario(
        groups,
        horizon=SCENARIO["horizon"],
        discount=SCENARIO["discount"],
        uplift={"focus": SCENARIO["uplift_focus"], "rest": SCENARIO["uplift_rest"]},
    )
    sentence = _text(
        language,
        "ret.sentence",
        up=format_number(SCENARIO["uplift_focus"] * 100, 0, language=language),
        difference=format_money(
            float(projection["difference"][-1]), code=currency, language=language, compact=True
        ),
        horizon=SCENARIO["horizon"],
        discount=_pct(SCENARIO["discount"], language),
    )
    if assumed is not None:
        sentence += _text(language, "ret.assumed", margin=_pct(assumed, language))
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
        sentence = _text(language, "next.sentence", count=len(steps))
    else:
        sentence = _text(language, "next.none")
    bullets = (*steps, _text(language, "next.plans"))
    return _Slide(_text(language, "next.title"), sentence, bullets=bullets)


def _slides(
    store: Store, *, dataset_id: int, period: Period, options: DeckOptions
) -> tuple[list[_Slide], str]:
    language = options.language
    if language not in _TEXTS:
        msg = f"The deck is written in sv or en, not {language!r}."
        raise ValueError(msg)
    if options.decision is not None:
        msg = f"No saved decision called {options.decision!r}."
        raise ValueError(msg)
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
        names = {cid: _text(language, "customer", code=code) for cid, code in codes.items()}
    else:
        names = dict(
            zip(
                scored["customer_id"],
                scored.select(pl.coalesce("customer_name", "customer_id"))[:, 0],
                strict=True,
            )
        )
    questions = health_check(store, dataset_id=dataset_id, period=period, weights=weights)
    start, end = _date(period.start, language), _date(period.end, language)
    title = _Slide(
        _text(language, "title"),
        _text(language, "title.note", dataset=name, start=start, end=end),
        subtitle=_text(language, "subtitle", dataset=name, start=start, end=end)
        + "\n"
        + _text(language, "made", today=_date(date.today(), language)),
    )
    slides = [
        title,
        _health_slide(questions, currency=currency, language=language),
        *_concentration_slides(with_margin(scored), currency=currency, language=language),
        _focus_slide(scored, names, top=options.top, language=language),
        _retention_slide(store, dataset_id, scored, weights, currency=currency, language=language),
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
    props.subject = _text(language, "title")
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
