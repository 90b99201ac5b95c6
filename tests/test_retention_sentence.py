"""The retention page's plain words: the sentence names the uplift really applied (the
100 % ceiling cuts it), one point is singular, numbers follow the language, and an
expected lifetime of decades is shown as "över 25"; worked by hand, then on the page."""

from __future__ import annotations

import polars as pl
import pytest

from locales import catalog
from tests.apptest import open_page, store_with
from tests.test_retention_page import sample_export
from ui.retention.sentences import applied_uplift, lifetime_text, points_text, scenario_sentence

SV, EN = catalog("sv"), catalog("en")
NBSP = "\u00a0"
SV_SEK = {"currency": "SEK", "lang": "sv"}


# --- by hand ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rate", "uplift", "applied"),
    [
        (0.80, 0.05, 0.05),  # room enough: all of it
        (0.991, 0.05, 0.009),  # 99.1 % + 5 points stops at 100 %: 0.9 points
        (0.90, 0.20, 0.10),
        (1.0, 0.05, 0.0),  # everyone stays already
        (0.95, 0.05, 0.05),  # exactly reaches 100 %
    ],
)
def test_applied_uplift_stops_at_everyone_staying(rate, uplift, applied):
    assert applied_uplift(rate, uplift) == pytest.approx(applied, abs=1e-12)


@pytest.mark.parametrize(
    ("rate", "uplift", "text"),
    [
        (0.80, 0.05, "5 procentenheter"),
        (0.50, 0.01, "1 procentenhet"),
        (0.95, 0.05, "5 procentenheter"),
        (0.991, 0.05, f"0,9 procentenheter (taket 100{NBSP}%)"),
        (0.90, 0.20, f"10 procentenheter (taket 100{NBSP}%)"),
        (0.99, 0.05, f"1 procentenhet (taket 100{NBSP}%)"),
        (0.9735, 0.10, f"2,6 procentenheter (taket 100{NBSP}%)"),  # 2.65 → 2.6 (float 2.649…)
    ],
)
def test_points_say_what_is_applied_in_swedish(rate, uplift, text):
    assert points_text(rate, uplift, lang="sv") == text


@pytest.mark.parametrize(
    ("rate", "uplift", "text"),
    [
        (0.80, 0.05, "5 percentage points"),
        (0.50, 0.01, "1 percentage point"),
        (0.991, 0.05, "0.9 percentage points (capped at 100%)"),
    ],
)
def test_points_say_what_is_applied_in_english(rate, uplift, text):
    assert points_text(rate, uplift, lang="en") == text


def test_no_points_when_everyone_stays_already():
    assert points_text(1.0, 0.05, lang="sv") is None
    assert points_text(0.9996, 0.05, lang="sv") is None  # 0.04 points: 0.0 to a tenth


def _groups(focus: float, rest: float) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "group": ["focus", "rest"],
            "customers": [10, 40],
            "margin": [100_000.0, 200_000.0],
            "retention": [focus, rest],
        }
    )


def _settings(up_focus: float, up_rest: float) -> dict[str, float]:
    return {"up_focus": up_focus, "up_rest": up_rest, "horizon": 5, "discount": 0.0} | {
        "cost_multiple": 1.0
    }


def _gain(amount: float) -> pl.DataFrame:
    return pl.DataFrame({"difference": [amount]})


@pytest.mark.parametrize(
    ("kept", "uplift", "start"),
    [
        # A customers keep 99.1 %: of the 5 points asked only 0.9 fit under 100 %.
        (
            (0.991, 0.5),
            (0.05, 0.0),
            f"Om vi behåller 0,9 procentenheter (taket 100{NBSP}%) fler av A-kunderna är det "
            "värt 12 tkr",
        ),
        # One point in the singular.
        ((0.8, 0.5), (0.0, 0.01), "Om vi behåller 1 procentenhet fler av övriga kunder är det"),
        # Both groups, one capped.
        (
            (0.991, 0.5),
            (0.05, 0.01),
            f"Om vi behåller 0,9 procentenheter (taket 100{NBSP}%) fler av A-kunderna och "
            "1 procentenhet fler av övriga kunder är det värt",
        ),
    ],
    ids=["capped", "singular", "both"],
)
def test_the_sentence_names_each_uplift_as_it_applies_not_the_slider(kept, uplift, start):
    sentence = scenario_sentence(_groups(*kept), _gain(12_000.0), _settings(*uplift), **SV_SEK)
    assert sentence.startswith(start)
    assert "5 procentenheter" not in sentence


def test_a_group_that_keeps_everyone_drops_out_of_the_sentence():
    sentence = scenario_sentence(
        _groups(1.0, 0.5), _gain(12_000.0), _settings(0.05, 0.03), **SV_SEK
    )
    assert sentence.startswith("Om vi behåller 3 procentenheter fler av övriga kunder är det")
    alone = scenario_sentence(_groups(1.0, 0.5), _gain(0.0), _settings(0.05, 0.0), **SV_SEK)
    assert alone == SV["ret.nothing"]


def test_the_english_sentence():
    sentence = scenario_sentence(
        _groups(0.991, 0.5), _gain(12_000.0), _settings(0.05, 0.01), currency="SEK", lang="en"
    )
    assert sentence.startswith(
        "If we keep 0.9 percentage points (capped at 100%) more of our A customers and "
        "1 percentage point more of the others, that is worth SEK 12k"
    )


@pytest.mark.parametrize(
    ("years", "text"),
    [
        (5.0, "5,0"),  # retention 80 %
        (25.0, "25,0"),  # 96 %: the longest shown as a number
        (25.1, "över 25"),
        (100.0, "över 25"),  # 99 %
        (None, "–"),
    ],
)
def test_lifetime_text(years, text):
    assert lifetime_text(years, lang="sv") == text


def test_lifetime_text_in_english():
    assert lifetime_text(100.0, lang="en") == "over 25"
    assert lifetime_text(2.5, lang="en") == "2.5"


# --- on the page ------------------------------------------------------------------------


def _loyal_export() -> str:
    """30 customers buying every quarter of 2023–2025: nobody ever leaves."""
    lines = ["Kundnr;Kundnamn;Fakturanr;Fakturadatum;Belopp;Kostnad"]
    invoice = 0
    for customer in range(1, 31):
        for year in (2023, 2024, 2025):
            for month in (2, 5, 8, 11):
                invoice += 1
                amount = 1000 * customer
                lines.append(
                    f"{customer:03d};Kund {customer};{invoice};{year}-{month:02d}-15;"
                    f"{amount};{amount * 0.6:.2f}"
                )
    return "\n".join(lines) + "\n"


def _sentence(at) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("### "))


def _shown_lifetimes(at) -> list[str]:
    import pyarrow as pa

    element = next(d for d in at.dataframe if "multiplier" in d.value.columns)
    values = element.proto.arrow_data.styler.display_values
    return pa.ipc.open_stream(values).read_all().to_pandas()["lifetime"].tolist()


def test_page_caps_a_lifetime_of_a_hundred_years(tmp_path, monkeypatch):
    # Everyone stays: every rate is 100 %, counted as 99 % → 1 / (1 − 0.99) = 100 years.
    at = open_page(store_with(tmp_path, _loyal_export()), monkeypatch, "pages/retention.py")
    assert not at.exception
    assert _shown_lifetimes(at) == ["över 25"] * 4
    captions = [c.value for c in at.caption]
    assert SV["ret.lifetime_capped"].format(years=25, rate=f"96{NBSP}%") in captions
    # Keeping 5 more points of customers who all stay is nothing to gain.
    assert _sentence(at) == f"### {SV['ret.nothing']}"


def test_page_says_one_point_and_the_cut_uplift(tmp_path, monkeypatch):
    at = open_page(store_with(tmp_path, sample_export()), monkeypatch, "pages/retention.py")
    at.slider(key="ret_up_focus").set_value(1).run()
    assert not at.exception
    assert _sentence(at).startswith("### Om vi behåller 1 procentenhet fler av A-kunderna")
    # The other customers keep 86.8 % (the caption's observed rate): of 20 points asked
    # 100 − 86.8 = 13.2 fit.
    notes = " ".join(c.value for c in at.caption)
    assert f"övriga 86,8{NBSP}%" in notes
    at.slider(key="ret_up_focus").set_value(0).run()
    at.slider(key="ret_up_rest").set_value(20).run()
    assert _sentence(at).startswith(
        f"### Om vi behåller 13,2 procentenheter (taket 100{NBSP}%) fler av övriga kunder"
    )
    # Lifetimes of 80–87 % retention are a handful of years, shown as numbers.
    assert all(text[0].isdigit() for text in _shown_lifetimes(at))
    assert not any(c.value.startswith("Kundtider över") for c in at.caption)
