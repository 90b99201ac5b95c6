"""`ui.wording`: a sentence is a catalog key, and for each placeholder the value that
fills it and how that value reads; no session needed."""

from __future__ import annotations

import pytest

from locales import plain, t
from ui.wording import fill, fill_plain, formatted

MOVED = {
    "count": ("unprofitable_customers", "int"),
    "before": ("unprofitable_by_margin", "int"),
    "peak": ("whale_peak", "pct"),
    "peak_before": ("whale_peak_margin", "pct"),
}
PROFIT = {
    "unprofitable_customers": 1234,
    "unprofitable_by_margin": 26,
    "whale_peak": 1.6,
    "whale_peak_margin": 1.05,
}


def test_each_placeholder_takes_its_value_in_its_kind():
    assert fill("conc.profit.moved", PROFIT, MOVED, lang="en") == (
        "Counting the cost to serve, the unprofitable customers are 1,234 instead of 26 by "
        "gross margin, and the whale curve peaks at 160% instead of 105%."
    )


@pytest.mark.parametrize(
    ("value", "kind", "lang", "currency", "text"),
    [
        (1234, "int", "en", "SEK", "1,234"),
        (0.125, "pct", "en", "SEK", "12%"),
        (3_400_000, "money", "sv", "SEK", "3,4 MSEK"),
        (3_400_000, "money", "en", "EUR", "EUR 3.4M"),
        (1234.5, "number1", "en", "SEK", "1,234.5"),
        (None, "int", "sv", "SEK", "–"),
    ],
)
def test_a_kind_reads_as_the_formats_say(value, kind, lang, currency, text):
    assert formatted(value, kind, lang=lang, currency=currency) == text


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_markdown_and_plain_are_the_catalogs_own_texts(lang):
    fields = {"count": ("n", "int"), "share": ("s", "pct")}
    values = {"n": -5, "s": 0.5}
    params = {"count": formatted(-5, "int", lang=lang), "share": formatted(0.5, "pct", lang=lang)}
    assert fill("focus.tier_customers", values, fields, lang=lang) == t(
        "focus.tier_customers", lang=lang, **params
    )
    assert fill_plain("focus.tier_customers", values, fields, lang=lang) == plain(
        "focus.tier_customers", lang=lang, **params
    )
