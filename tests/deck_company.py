"""The small company every deck test opens a deck of (Nordkund: six customers over two
years), the decks made of it, and how a test reads a slide's texts or the whole file."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from pptx import Presentation

from analytics.deck import DeckOptions, build_deck
from analytics.metrics import Period
from tests.samples import store_with_export


@pytest.mark.parametrize("language", ["sv", "en"])
def test_slides_in_order(company, language):
    _, deck = deck_of(company, language=language)
    assert [title_of(s) for s in deck.slides] == TITLES[language]


__all__ = [
    "EXPORT",
    "IDS",
    "NAMES",
    "PERIOD",
    "PICTURES",
    "TITLES",
    "company",
    "deck_of",
    "english_deck_of_2024",
    "masked",
    "package_text",
    "swedish",
    "texts_of",
    "title_of",
]

# Two years, so that retention can be measured. Revenue over both years: Vega Konsult
# 1 800, Alfa & Söner 1 500, Bryggan Ltd 1 000, Cirkeln HB 400, Deltat Ek. för. 200
# (a loss), Epsilon Åkeri 100; Cirkeln and Epsilon do not come back in 2024.
EXPORT = (
    "Kundnr;Kundnamn;Fakturadatum;Belopp;Kostnad\n"
    "KX-ALFA;Alfa & Söner AB;2023-03-01;700;500\n"
    "KX-ALFA;Alfa & Söner AB;2024-03-01;800;600\n"
    "KX-BRYG;Bryggan Ltd;2023-04-01;500;300\n"
    "KX-BRYG;Bryggan Ltd;2024-04-01;500;300\n"
    "KX-CIRK;Cirkeln HB;2023-05-01;400;350\n"
    "KX-DELT;Deltat Ek. för.;2023-06-01;100;150\n"
    "KX-DELT;Deltat Ek. för.;2024-06-01;100;160\n"
    "KX-EPSI;Epsilon Åkeri;2023-07-01;100;90\n"
    "KX-VEGA;Vega Konsult;2023-08-01;900;600\n"
    "KX-VEGA;Vega Konsult;2024-08-01;900;700\n"
)
NAMES = [
    "Alfa & Söner AB",
    "Alfa &amp; Söner AB",
    "Bryggan Ltd",
    "Cirkeln HB",
    "Deltat Ek. för.",
    "Epsilon Åkeri",
    "Vega Konsult",
    "Alfa",
    "Bryggan",
    "Cirkeln",
    "Deltat",
    "Epsilon",
    "Vega",
]
IDS = ["KX-ALFA", "KX-BRYG", "KX-CIRK", "KX-DELT", "KX-EPSI", "KX-VEGA"]
PERIOD = Period(date(2023, 1, 1), date(2024, 12, 31))
TITLES = {
    "sv": [
        "Våra viktigaste kunder",
        "Har vi koll på våra kunder?",
        "Få kunder står för det mesta",
        "Valkurvan: var vinsten uppstår och försvinner",
        "Storlek mot lönsamhet",
        "Fokuslistan: topp 6",
        "Att behålla fokuskunderna längre",
        "Nästa steg",
    ],
    "en": [
        "Our most important customers",
        "Do we know our customers?",
        "A few customers make most of the revenue",
        "The whale curve: where profit is made and lost",
        "Size against profitability",
        "The focus list: top 6",
        "Keeping the focus customers longer",
        "Next steps",
    ],
}
PICTURES = [False, False, True, True, True, False, True, False]


@pytest.fixture(scope="module")
def company(tmp_path_factory):
    folder = tmp_path_factory.mktemp("deck")
    store = store_with_export(folder, EXPORT, dataset="Nordkund")
    yield store, store.dataset_id("Nordkund"), folder
    store.close()


def deck_of(company, **options) -> tuple[bytes, Presentation]:
    store, dataset_id, _ = company
    data, _facts = build_deck(
        store,
        dataset_id=dataset_id,
        period=PERIOD,
        options=DeckOptions(weights={"revenue": 1}, **options),
    )
    return data, Presentation(io.BytesIO(data))


def english_deck_of_2024(folder, export: str, *, dataset: str) -> tuple[bytes, dict]:
    """The English deck over 2024 of a small `export` (CSV text) alone in a store in
    `folder`, with the default weights: (the file, its facts)."""
    store = store_with_export(folder, export, dataset=dataset)
    try:
        return build_deck(
            store,
            dataset_id=store.dataset_id(dataset),
            period=Period(date(2024, 1, 1), date(2024, 12, 31)),
            options=DeckOptions(language="en"),
        )
    finally:
        store.close()


@pytest.fixture(scope="module")
def swedish(company):
    return deck_of(company)


@pytest.fixture(scope="module")
def masked(company):
    return deck_of(company, mask_names=True, language="en")


def texts_of(slide) -> list[str]:
    found = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            found.append(shape.text_frame.text)
        if shape.has_table:
            found.extend(cell.text for row in shape.table.rows for cell in row.cells)
    return found


def title_of(slide) -> str:
    return texts_of(slide)[0]


def package_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return "\n".join(
            package.read(name).decode("utf-8", errors="ignore") for name in package.namelist()
        )
