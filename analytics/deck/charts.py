"""The deck's charts: PNG images drawn offline by vl-convert in the app's colours (no
customer names on any of them, so a picture never leaks one)."""

from __future__ import annotations

import json
import math

import polars as pl

from analytics.concentration import thin_curve
from locales import plain
from locales.formats import money_unit

__all__ = ["COLOURS", "curve_png", "projection_png", "quadrant_png"]

# The app's chart colours (ui.concentration.style): tiers, ink, grey and the focus mark.
COLOURS = {
    "A": "#1f5f8b",
    "B": "#6b9ac4",
    "C": "#b8c2cc",
    "ink": "#1d2733",
    "grey": "#5b6670",
    "focus": "#d98c2b",
}


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


def curve_png(
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


def quadrant_png(assigned: pl.DataFrame, cuts: dict, language: str) -> bytes | None:
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


def projection_png(projection: pl.DataFrame, *, currency: str, language: str) -> bytes:
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
