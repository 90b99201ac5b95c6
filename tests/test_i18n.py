"""Every text exists in Swedish and English; numbers, money and dates follow the language."""

from __future__ import annotations

import re
from datetime import date

import pytest

from analytics.ingest.mapping import DATE_FIELDS, NUMBER_FIELDS
from analytics.ingest.pipeline import REJECT_REASONS
from analytics.ingest.synonyms import MASTER_FIELDS, SALES_FIELDS
from locales import LANGUAGES, OPTIONAL, catalog
from locales.formats import fmt_date, fmt_money, fmt_number, fmt_pct, rounded_shares
from tests.paths import ROOT

SOURCES = [*ROOT.glob("app.py"), *ROOT.glob("pages/*.py"), *ROOT.glob("ui/*.py")]


CATALOGS = sorted(LANGUAGES)


@pytest.mark.parametrize("language", CATALOGS)
def test_every_catalog_has_every_key(language):
    required = {k for k in catalog("sv") if not OPTIONAL.match(k)}
    assert required - set(catalog(language)) == set()
    assert (
        set(catalog(language))
        - set(catalog("sv"))
        - {k for k in catalog(language) if OPTIONAL.match(k)}
        == set()
    )


@pytest.mark.parametrize("language", CATALOGS)
def test_placeholders_agree_with_swedish(language):
    for key, text in catalog(language).items():
        mine = set(re.findall(r"{(\w*)", text))
        if key.startswith("format."):
            # A language's own order of number, unit and currency code.
            assert mine <= {"number", "unit", "code"}, key
        elif key in catalog("sv"):
            assert mine == set(re.findall(r"{(\w*)", catalog("sv")[key])), key
        text.format(**dict.fromkeys(mine, ""))  # a stray brace raises here


def _codes(pattern: str) -> set[str]:
    found = set()
    for path in (ROOT / "analytics").rglob("*.py"):
        found |= set(re.findall(pattern, path.read_text("utf-8")))
    return found


def test_every_import_error_has_a_message():
    codes = _codes(r"""IngestError\(\s*["'](\w+)["']""")
    assert "empty_file" in codes
    assert {f"error.{c}" for c in codes} - set(catalog("sv")) == set()


def test_every_import_warning_has_a_message():
    codes = _codes(r"""_warning\(\s*["'](\w+)["']""")
    assert "duplicate_lines" in codes
    assert {f"warning.{c}" for c in codes} - set(catalog("sv")) == set()


def test_every_field_and_reason_has_a_label():
    keys = {f"field.{f}" for f in (*SALES_FIELDS, *MASTER_FIELDS, *NUMBER_FIELDS, *DATE_FIELDS)}
    keys |= {f"reason.{r}" for r in REJECT_REASONS}
    assert keys - set(catalog("sv")) == set()


@pytest.mark.parametrize(
    ("value", "decimals", "language", "expected"),
    [
        (1234567.5, 1, "sv", "1\u00a0234\u00a0567,5"),
        (1234567.5, 1, "en", "1,234,567.5"),
        (-1234.0, 0, "sv", "−1\u00a0234"),
        (0.5, 2, "en", "0.50"),
        (None, 0, "sv", "–"),
        (float("nan"), 0, "en", "–"),
    ],
)
def test_fmt_number(value, decimals, language, expected):
    assert fmt_number(value, decimals, lang=language) == expected


@pytest.mark.parametrize(
    ("value", "compact", "language", "expected"),
    [
        (1234567.0, False, "sv", "1\u00a0234\u00a0567 kr"),
        (1234567.0, False, "en", "SEK 1,234,567"),
        (3_400_000.0, True, "sv", "3,4 MSEK"),
        (3_400_000.0, True, "en", "SEK 3.4M"),
        (45_600.0, True, "sv", "46 tkr"),
        (45_600.0, True, "en", "SEK 46k"),
        (950.0, True, "sv", "950 kr"),
    ],
)
def test_fmt_money(value, compact, language, expected):
    assert fmt_money(value, currency="SEK", compact=compact, lang=language) == expected


# A negative amount's sign stands where Babel's currency pattern for the locale puts it:
# before the currency code in en_GB (format_currency(-729000, "SEK", locale="en_GB") is
# "-SEK729,000.00"), before the number in sv_SE (with the locale's minus sign U+2212). A
# change (`signed`) puts its plus sign in the same place; nothing rounds to "-0".
@pytest.mark.parametrize(
    ("value", "compact", "signed", "language", "expected"),
    [
        (-729_000.0, True, False, "en", "-SEK 729k"),
        (-729_000.0, True, True, "en", "-SEK 729k"),
        (956_000.0, True, True, "en", "+SEK 956k"),
        (956_000.0, True, False, "en", "SEK 956k"),
        (-3_400_000.0, True, False, "en", "-SEK 3.4M"),
        (-1234.0, False, False, "en", "-SEK 1,234"),
        (-729_000.0, True, False, "sv", "\u2212729 tkr"),
        (956_000.0, True, True, "sv", "+956 tkr"),
        (-3_400_000.0, True, True, "sv", "\u22123,4 MSEK"),
        (-1234.0, False, False, "sv", "\u22121\u00a0234 kr"),
        (-0.4, False, True, "en", "SEK 0"),
        (0.4, False, True, "sv", "0 kr"),
    ],
)
def test_fmt_money_sign(value, compact, signed, language, expected):
    text = fmt_money(value, currency="SEK", compact=compact, signed=signed, lang=language)
    assert text == expected


@pytest.mark.parametrize(
    ("value", "language", "expected"),
    [(-23_456, "en", "-EUR 23k"), (23_456, "en", "+EUR 23k"), (-23_456, "sv", "\u221223 tEUR")],
)
def test_fmt_money_sign_with_another_currency(value, language, expected):
    assert fmt_money(value, currency="EUR", compact=True, signed=True, lang=language) == expected


@pytest.mark.parametrize(
    ("value", "language", "expected"),
    [(0.123, "sv", "12\u00a0%"), (0.123, "en", "12%"), (None, "sv", "–")],
)
def test_fmt_pct(value, language, expected):
    assert fmt_pct(value, lang=language) == expected


# Largest remainder, worked by hand: cut each share down to whole per cent, then give the
# per cents still missing to 100 one each to the largest cut-off parts.
@pytest.mark.parametrize(
    ("shares", "decimals", "expected"),
    [
        # 33.4 + 33.3 + 33.3: cut to 33 + 33 + 33 = 99; the one missing goes to .4.
        ([0.334, 0.333, 0.333], 0, [0.34, 0.33, 0.33]),
        # 47.92 + 44.57 + 7.51 (each rounded: 48 + 45 + 8 = 101): cut 47 + 44 + 7 = 98;
        # the two missing go to .92 and .57.
        ([0.4792, 0.4457, 0.0751], 0, [0.48, 0.45, 0.07]),
        # 80.43 + 15.11 + 4.46 (each rounded: 80 + 15 + 4 = 99): the one goes to .46.
        ([0.8043, 0.1511, 0.0446], 0, [0.80, 0.15, 0.05]),
        # 12.5 + 12.5 + 75: a tie of remainders goes to the earlier share.
        ([0.125, 0.125, 0.75], 0, [0.13, 0.12, 0.75]),
        # 29 + 71 (0.29 × 100 is 28.999… in floats): already whole, nothing moves.
        ([0.29, 0.71], 0, [0.29, 0.71]),
        # To tenths of a per cent: 33.335 + 33.335 + 33.33 cut to 33.3 × 3 = 99.9; the
        # tenth missing goes to the first of the two .05 remainders: 33.4, 33.3, 33.3.
        ([0.33335, 0.33335, 0.3333], 1, [0.334, 0.333, 0.333]),
        # Not parts of one whole: 15.5 + 15.5 = 31 (not 16 + 16 = 32).
        ([0.155, 0.155], 0, [0.16, 0.15]),
    ],
)
def test_rounded_shares_add_up(shares, decimals, expected):
    assert rounded_shares(shares, decimals=decimals) == pytest.approx(expected)


@pytest.mark.parametrize("shares", [[1.1, -0.1], [0.5, None, 0.5], [None, None], []])
def test_rounded_shares_leave_a_negative_or_unknown_share_alone(shares):
    assert rounded_shares(shares) == shares


def test_rounded_shares_read_as_100_percent():
    shown = [fmt_pct(s, lang="en") for s in rounded_shares([0.4792, 0.4457, 0.0751])]
    assert shown == ["48%", "45%", "7%"]


@pytest.mark.parametrize(("language", "expected"), [("sv", "2026-11-04"), ("en", "4 Nov 2026")])
def test_fmt_date(language, expected):
    assert fmt_date(date(2026, 11, 4), lang=language) == expected
