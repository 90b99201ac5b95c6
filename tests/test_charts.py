"""The shared chart and table builders (`ui.charts`, `ui.tables`) without Streamlit: from
small literal frames."""

from __future__ import annotations

import re
from datetime import date

import polars as pl
import pytest

from ui.charts import monthly_revenue_chart
from ui.tables import localized

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("revenues", "money", "unit", "heights", "fmt"),
    [
        # The largest month decides the unit: a month of 118 448 USD reads 118 tUSD, so
        # the axis never shows the same 0,1 MUSD tick three times.
        ([118_448.0, 4_000.0], ("USD", "sv"), "tUSD", [118.448, 4.0], ",.0f"),
        ([118_448.0, 4_000.0], ("USD", "en"), "USD k", [118.448, 4.0], ",.0f"),
        ([2_500_000.0, 100_000.0], ("SEK", "sv"), "MSEK", [2.5, 0.1], ",.1f"),
        ([900.0, 50.0], ("SEK", "sv"), "kr", [900.0, 50.0], ",.0f"),
    ],
)
def test_monthly_revenue_is_drawn_in_the_unit_of_its_largest_month(
    revenues, money, unit, heights, fmt
):
    currency, lang = money
    monthly = pl.DataFrame({"month": [date(2017, 11, 1), date(2017, 12, 1)], "revenue": revenues})
    spec = monthly_revenue_chart(monthly, currency=currency, lang=lang).to_dict()
    axis = spec["encoding"]["y"]["axis"]
    assert axis["title"].endswith(f"({unit})")
    assert axis["format"] == fmt
    rows = next(iter(spec["datasets"].values()))
    assert [row["scaled"] for row in rows] == pytest.approx(heights)


def test_monthly_revenue_of_no_month_is_an_empty_chart():
    monthly = pl.DataFrame(
        {"month": [], "revenue": []}, schema={"month": pl.Date, "revenue": pl.Float64}
    )
    spec = monthly_revenue_chart(monthly, currency="SEK", lang="sv").to_dict()
    assert spec["encoding"]["y"]["axis"]["title"].endswith("(kr)")


def test_a_table_shows_an_unknown_number_as_a_dash():
    # Streamlit shows a cell whose text is empty by its own value, "None": a dash instead.
    frame = pl.DataFrame({"cost": [None, 1234.5], "note": [None, None]})
    html = localized(frame, numbers={"cost": 2}, lang="sv").to_html()
    cells = re.findall(r'class="data row\d col\d" >([^<]*)<', html)
    assert cells == ["–", "–", f"1{NBSP}234,50", "–"]
