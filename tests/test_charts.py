"""The shared chart builders (`ui.charts`) without Streamlit: from small literal frames."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from ui.charts import monthly_revenue_chart


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
