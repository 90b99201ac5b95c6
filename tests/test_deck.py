"""The strategy day's deck, opened with python-pptx: slides in order, pictures, notes,
16:9, both languages, and no customer name anywhere in the file when names are masked."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Inches

from analytics.cli import main
from analytics.deck import COLOURS, DeckOptions, build_deck
from analytics.deck.tables import next_slide
from analytics.ingest.pipeline import import_sales
from analytics.masking import pseudonym_code, pseudonyms
from analytics.store import Store
from tests import deck_company
from tests.samples import store_with_export

# The company and its decks (fixtures company, swedish, masked).
pytest_plugins = ["tests.deck_company"]


@pytest.mark.parametrize("language", ["sv", "en"])
def test_slides_in_order(company, language):
    _, deck = deck_company.deck_of(company, language=language)
    assert [deck_company.title_of(s) for s in deck.slides] == deck_company.TITLES[language]


def test_16_to_9(swedish):
    _, deck = swedish
    assert (deck.slide_width, deck.slide_height) == (Inches(13.333), Inches(7.5))


def test_charts_are_pictures_with_alt_text(swedish):
    _, deck = swedish
    pictures = [
        [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE] for slide in deck.slides
    ]
    assert [len(p) == 1 for p in pictures] == deck_company.PICTURES
    for slide, found in zip(deck.slides, pictures, strict=True):
        for picture in found:
            assert picture.image.content_type == "image/png"
            assert picture._element.nvPicPr.cNvPr.get("descr") == deck_company.texts_of(slide)[-1]


def test_each_slides_sentence_is_in_the_notes(swedish):
    _, deck = swedish
    slides = list(deck.slides)
    title_note = slides[0].notes_slide.notes_text_frame.text
    assert title_note == "Strategidag om Nordkund: försäljningen 2023-01-01 – 2024-12-31."
    for slide in slides[1:]:
        note = slide.notes_slide.notes_text_frame.text
        assert note
        assert note == deck_company.texts_of(slide)[-1]


def test_every_shape_fits_on_the_slide(swedish):
    _, deck = swedish
    for slide in deck.slides:
        for shape in slide.shapes:
            assert shape.left >= 0
            assert shape.top >= 0
            assert shape.left + shape.width <= deck.slide_width
            assert shape.top + shape.height <= deck.slide_height


def test_the_sentences_carry_the_figures(swedish):
    _, deck = swedish
    slides = list(deck.slides)
    # 5 000 over both years; 80 % = 4 000 is reached by Vega, Alfa and Bryggan (4 300).
    assert (
        deck_company.texts_of(slides[2])[-1]
        == "3 av 6 kunder (50\u00a0%) står för 80 % av omsättningen."
    )
    assert "Nordkund" in deck_company.texts_of(slides[0])[1]
    assert "2023-01-01 – 2024-12-31" in deck_company.texts_of(slides[0])[1]


def test_focus_list_shows_names_tier_score_and_contributions(swedish):
    _, deck = swedish
    table = next(s for s in deck.slides[5].shapes if s.has_table).table
    header = [c.text for c in table.rows[0].cells]
    first = [c.text for c in table.rows[1].cells]
    assert header == ["Rang", "Kund", "Nivå", "Poäng", "Störst bidrag"]
    assert first[:4] == ["1", "Vega Konsult", "A", "100"]
    assert first[4].startswith("Omsättning 100")


def test_health_check_slide_lists_fourteen_answers(swedish):
    _, deck = swedish
    table = next(s for s in deck.slides[1].shapes if s.has_table).table
    assert len(table.rows) == 15
    assert [c.text for c in table.rows[1].cells][:3] == ["1", "Hur många kunder har du?", "Ja"]


def test_masked_deck_uses_pseudonyms_by_rank(masked):
    _, deck = masked
    table = next(s for s in deck.slides[5].shapes if s.has_table).table
    customers = [row.cells[1].text for row in list(table.rows)[1:]]
    # Rank of revenue over the whole data set: Vega, Alfa, Bryggan, Cirkeln, Deltat, Epsilon.
    assert customers == [f"Customer A0{n}" for n in range(1, 7)]


def test_masked_deck_has_no_customer_name_or_number_anywhere(masked):
    data, deck = masked
    text = deck_company.package_text(data)
    everything = "\n".join(
        [text, deck.core_properties.title or "", deck.core_properties.subject or ""]
        + [t for slide in deck.slides for t in deck_company.texts_of(slide)]
        + [slide.notes_slide.notes_text_frame.text for slide in deck.slides]
    )
    found = [n for n in deck_company.NAMES + deck_company.IDS if n in everything]
    assert found == []


def test_unmasked_deck_does_show_names(swedish):
    # The search of the masked deck would find them: here they are.
    data, _ = swedish
    assert "Vega Konsult" in deck_company.package_text(data)
    assert "Alfa &amp; Söner AB" in deck_company.package_text(data)


def test_document_properties(masked):
    _, deck = masked
    props = deck.core_properties
    assert props.title == "Kundfokus – Nordkund"
    assert props.author == "Kundfokus"


@pytest.mark.parametrize(
    ("rank", "code"), [(1, "A01"), (9, "A09"), (99, "A99"), (100, "B01"), (2574, "Z99")]
)
def test_pseudonym_codes(rank, code):
    assert pseudonym_code(rank) == code


def test_pseudonym_codes_after_z():
    assert pseudonym_code(2575) == "AA01"


def test_pseudonyms_follow_revenue_over_the_whole_data_set(company):
    store, dataset_id, _ = company
    codes = pseudonyms(store, dataset_id=dataset_id)
    assert codes == {
        "KX-VEGA": "A01",
        "KX-ALFA": "A02",
        "KX-BRYG": "A03",
        "KX-CIRK": "A04",
        "KX-DELT": "A05",
        "KX-EPSI": "A06",
    }


def test_a_decision_that_does_not_exist_is_refused(company):
    store, dataset_id, _ = company
    with pytest.raises(ValueError, match="No saved decision"):
        build_deck(
            store,
            dataset_id=dataset_id,
            period=deck_company.PERIOD,
            options=DeckOptions(decision="2027"),
        )


def test_deck_colours_match_the_app():
    from ui.concentration import style as view

    assert {k: COLOURS[k] for k in "ABC"} == view.TIER_COLOURS
    assert (COLOURS["ink"], COLOURS["grey"], COLOURS["focus"]) == (
        view.INK,
        view.GREY,
        view.FOCUS,
    )


def test_command_line_writes_thedeck_of(tmp_path, capsys):
    store_with_export(tmp_path, deck_company.EXPORT, dataset="Nordkund").close()
    db = tmp_path / "sales.duckdb"
    out = tmp_path / "deck.pptx"
    args = ["deck", "--db", str(db), "--out", str(out), "--period", "all", "--lang", "en"]
    code = main([*args, "--mask-names", "--weights", "revenue=1"])
    assert code == 0
    assert re.fullmatch(r"wrote 8 slides to .*deck\.pptx\n", capsys.readouterr().out)
    assert len(Presentation(str(out)).slides) == 8
    assert main([*args, "--decision", "Fokuslista 2027"]) == 2
    assert main([*args, "--weights", "size=1"]) == 2
    assert "Unknown criteria" in capsys.readouterr().err


def test_command_line_needs_out(tmp_path):
    with pytest.raises(SystemExit):
        main(["deck", "--db", str(tmp_path / "x.duckdb")])


def test_missing_database(tmp_path, capsys):
    out = tmp_path / "d.pptx"
    assert main(["deck", "--db", str(tmp_path / "none.duckdb"), "--out", str(out)]) == 2
    assert not Path(out).exists()


def test_a_deck_without_cost_says_so_instead_of_drawing(tmp_path):
    export = "Kundnr;Kundnamn;Fakturadatum;Belopp\nA;Alfa;2024-01-10;1000\nB;Beta;2024-02-10;300\n"
    data, facts = deck_company.english_deck_of_2024(tmp_path, export, dataset="Utan kostnad")
    deck = Presentation(io.BytesIO(data))
    slides = list(deck.slides)
    assert facts["slides"] == len(slides) == 8
    pictures = [
        sum(s.shape_type == MSO_SHAPE_TYPE.PICTURE for s in slide.shapes) for slide in slides
    ]
    assert pictures == [0, 0, 1, 0, 0, 0, 0, 0]  # only the Pareto curve; one year: no retention
    assert deck_company.texts_of(slides[3])[-1] == (
        "The export has no cost: the whale curve needs a cost or gross margin."
    )
    assert deck_company.texts_of(slides[6])[-1].startswith("The data covers too short a time")


@pytest.mark.parametrize("language", ["sv", "en"])
def test_a_euro_data_sets_deck_shows_euro_and_no_krona(tmp_path, language):
    store = Store(tmp_path / "eur.duckdb")
    sales = tmp_path / "eur.csv"
    sales.write_text(deck_company.EXPORT, encoding="utf-8")
    import_sales(store, sales, dataset="Eurokund", currency="EUR")
    assert store.currency(store.dataset_id("Eurokund")) == "EUR"
    data, _ = build_deck(
        store,
        dataset_id=store.dataset_id("Eurokund"),
        period=deck_company.PERIOD,
        options=DeckOptions(weights={"revenue": 1}, language=language),
    )
    store.close()
    deck = Presentation(io.BytesIO(data))
    everything = "\n".join(
        [t for slide in deck.slides for t in deck_company.texts_of(slide)]
        + [slide.notes_slide.notes_text_frame.text for slide in deck.slides]
    )
    # The whale curve and retention sentences carry amounts.
    assert "EUR" in everything
    assert re.findall(r"\b(?:kr|tkr|SEK|MSEK)\b", everything) == []


@pytest.fixture(scope="module")
def decided(company):
    """A saved decision about Nordkund: Vega and Alfa lead (revenue only), the team pins
    Cirkeln (rank 4 of 6) and excludes Epsilon, each with a reason."""
    from analytics.decision import save_decision, workshop_consensus, workshop_customers
    from analytics.workshop import create_workshop, save_participant_weights, set_override

    store, dataset_id, _ = company
    shop = create_workshop(store, name="Ledningen", dataset_id=dataset_id, period="all", top=2)
    save_participant_weights(store, shop["workshop_id"], "Anna", {"revenue": 100})
    save_participant_weights(store, shop["workshop_id"], "Bo", {"revenue": 100})
    set_override(store, shop["workshop_id"], "KX-CIRK", kind="pin", reason="ny affär")
    set_override(store, shop["workshop_id"], "KX-EPSI", kind="exclude", reason="lämnar")
    period, table = workshop_customers(store, shop)
    agreed = workshop_consensus(store, shop, customers=table)
    save_decision(
        store,
        name="Fokus 2025",
        workshop=shop,
        period=period,
        agreed=agreed,
        decided_on=date(2025, 1, 15),
    )
    return "Fokus 2025"


def _decision_slide(deck) -> list[str]:
    slides = list(deck.slides)
    assert len(slides) == len(deck_company.PICTURES) + 1
    return deck_company.texts_of(slides[-2])


def test_deck_with_a_decision_shows_it_before_the_next_steps(company, decided):
    _data, deck = deck_company.deck_of(company, decision=decided, top=2)
    texts = _decision_slide(deck)
    assert texts[0] == "Beslut: Fokus 2025"
    assert deck_company.title_of(list(deck.slides)[-1]) == "Nästa steg"
    # The pinned Cirkeln first, then the best by revenue (Vega 1 800); the excluded
    # Epsilon without a rank, each override with its reason.
    cells = texts[1:-1]
    rows = [cells[i : i + 4] for i in range(0, len(cells), 4)]
    assert rows[1] == ["1", "Cirkeln HB", "A", "Inlagd: ny affär"]
    assert rows[2][:2] == ["2", "Vega Konsult"]
    assert rows[3] == ["", "Epsilon Åkeri", "", "Utesluten: lämnar"]
    assert len(rows) == 4
    assert "Anna, Bo" in texts[-1]
    assert "2025-01-15" in texts[-1]


def test_masked_deck_with_a_decision_names_nobody(company, decided):
    data, deck = deck_company.deck_of(company, decision=decided, mask_names=True, language="en")
    assert _decision_slide(deck)[0] == "Decision: Fokus 2025"
    everything = deck_company.package_text(data) + "\n".join(
        t for slide in deck.slides for t in deck_company.texts_of(slide)
    )
    assert [n for n in deck_company.NAMES + deck_company.IDS if n in everything] == []


@pytest.mark.parametrize(
    ("language", "one", "two"),
    [
        (
            "sv",
            "1 fråga i kundkollen besvarades med nej; så går vi vidare.",
            "2 frågor i kundkollen besvarades med nej; så går vi vidare.",
        ),
        (
            "en",
            "1 question of the customer check was answered no; this is how we go on.",
            "2 questions of the customer check were answered no; this is how we go on.",
        ),
    ],
)
def test_one_question_answered_no_is_said_in_the_singular(language, one, two):
    answers = [{"number": 1, "answer": "no"}, {"number": 2, "answer": "yes"}]
    assert next_slide(answers, language).sentence == one
    answers[1]["answer"] = "no"
    assert next_slide(answers, language).sentence == two
