"""The strategy day's deck, opened with python-pptx: slides in order, pictures, notes,
16:9, both languages, and no customer name anywhere in the file when names are masked."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Inches

from analytics.cli import main
from analytics.deck import COLOURS, DeckOptions, build_deck
from analytics.ingest.pipeline import import_sales
from analytics.masking import pseudonym_code, pseudonyms
from analytics.metrics import Period
from analytics.store import Store

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
    store = Store(folder / "d.duckdb")
    sales = folder / "sales.csv"
    sales.write_text(EXPORT, encoding="utf-8")
    import_sales(store, sales, dataset="Nordkund")
    yield store, store.dataset_id("Nordkund"), folder
    store.close()


def _deck(company, **options) -> tuple[bytes, Presentation]:
    store, dataset_id, _ = company
    data, _facts = build_deck(
        store,
        dataset_id=dataset_id,
        period=PERIOD,
        options=DeckOptions(weights={"revenue": 1}, **options),
    )
    return data, Presentation(io.BytesIO(data))


@pytest.fixture(scope="module")
def swedish(company):
    return _deck(company)


@pytest.fixture(scope="module")
def masked(company):
    return _deck(company, mask_names=True, language="en")


def _texts(slide) -> list[str]:
    found = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            found.append(shape.text_frame.text)
        if shape.has_table:
            found.extend(cell.text for row in shape.table.rows for cell in row.cells)
    return found


def _title(slide) -> str:
    return _texts(slide)[0]


@pytest.mark.parametrize("language", ["sv", "en"])
def test_slides_in_order(company, language):
    _, deck = _deck(company, language=language)
    assert [_title(s) for s in deck.slides] == TITLES[language]


def test_16_to_9(swedish):
    _, deck = swedish
    assert (deck.slide_width, deck.slide_height) == (Inches(13.333), Inches(7.5))


def test_charts_are_pictures_with_alt_text(swedish):
    _, deck = swedish
    pictures = [
        [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE] for slide in deck.slides
    ]
    assert [len(p) == 1 for p in pictures] == PICTURES
    for slide, found in zip(deck.slides, pictures, strict=True):
        for picture in found:
            assert picture.image.content_type == "image/png"
            assert picture._element.nvPicPr.cNvPr.get("descr") == _texts(slide)[-1]


def test_each_slides_sentence_is_in_the_notes(swedish):
    _, deck = swedish
    slides = list(deck.slides)
    title_note = slides[0].notes_slide.notes_text_frame.text
    assert title_note == "Strategidag om Nordkund: försäljningen 2023-01-01 – 2024-12-31."
    for slide in slides[1:]:
        note = slide.notes_slide.notes_text_frame.text
        assert note
        assert note == _texts(slide)[-1]


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
    assert _texts(slides[2])[-1] == "3 av 6 kunder (50\u00a0%) står för 80 % av omsättningen."
    assert "Nordkund" in _texts(slides[0])[1]
    assert "2023-01-01 – 2024-12-31" in _texts(slides[0])[1]


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


def _package_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return "\n".join(
            package.read(name).decode("utf-8", errors="ignore") for name in package.namelist()
        )


def test_masked_deck_has_no_customer_name_or_number_anywhere(masked):
    data, deck = masked
    text = _package_text(data)
    everything = "\n".join(
        [text, deck.core_properties.title or "", deck.core_properties.subject or ""]
        + [t for slide in deck.slides for t in _texts(slide)]
        + [slide.notes_slide.notes_text_frame.text for slide in deck.slides]
    )
    found = [n for n in NAMES + IDS if n in everything]
    assert found == []


def test_unmasked_deck_does_show_names(swedish):
    # The search of the masked deck would find them: here they are.
    data, _ = swedish
    assert "Vega Konsult" in _package_text(data)
    assert "Alfa &amp; Söner AB" in _package_text(data)


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
            store, dataset_id=dataset_id, period=PERIOD, options=DeckOptions(decision="2027")
        )


def test_deck_colours_match_the_app():
    from ui.concentration import style as view

    assert {k: COLOURS[k] for k in "ABC"} == view.TIER_COLOURS
    assert (COLOURS["ink"], COLOURS["grey"], COLOURS["focus"]) == (
        view.INK,
        view.GREY,
        view.FOCUS,
    )


def test_command_line_writes_the_deck(tmp_path, capsys):
    db = tmp_path / "c.duckdb"
    store = Store(db)
    sales = tmp_path / "sales.csv"
    sales.write_text(EXPORT, encoding="utf-8")
    import_sales(store, sales, dataset="Nordkund")
    store.close()
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
    store = Store(tmp_path / "nc.duckdb")
    sales = tmp_path / "nc.csv"
    sales.write_text(
        "Kundnr;Kundnamn;Fakturadatum;Belopp\nA;Alfa;2024-01-10;1000\nB;Beta;2024-02-10;300\n",
        encoding="utf-8",
    )
    import_sales(store, sales, dataset="Utan kostnad")
    data, facts = build_deck(
        store,
        dataset_id=store.dataset_id("Utan kostnad"),
        period=Period(date(2024, 1, 1), date(2024, 12, 31)),
        options=DeckOptions(language="en"),
    )
    store.close()
    deck = Presentation(io.BytesIO(data))
    slides = list(deck.slides)
    assert facts["slides"] == len(slides) == 8
    pictures = [
        sum(s.shape_type == MSO_SHAPE_TYPE.PICTURE for s in slide.shapes) for slide in slides
    ]
    assert pictures == [0, 0, 1, 0, 0, 0, 0, 0]  # only the Pareto curve; one year: no retention
    assert _texts(slides[3])[-1] == (
        "The export has no cost: the whale curve needs a cost or gross margin."
    )
    assert _texts(slides[6])[-1].startswith("The data covers too short a time")


@pytest.mark.parametrize("language", ["sv", "en"])
def test_a_euro_data_sets_deck_shows_euro_and_no_krona(tmp_path, language):
    store = Store(tmp_path / "eur.duckdb")
    sales = tmp_path / "eur.csv"
    sales.write_text(EXPORT, encoding="utf-8")
    import_sales(store, sales, dataset="Eurokund", currency="EUR")
    assert store.currency(store.dataset_id("Eurokund")) == "EUR"
    data, _ = build_deck(
        store,
        dataset_id=store.dataset_id("Eurokund"),
        period=PERIOD,
        options=DeckOptions(weights={"revenue": 1}, language=language),
    )
    store.close()
    deck = Presentation(io.BytesIO(data))
    everything = "\n".join(
        [t for slide in deck.slides for t in _texts(slide)]
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
    assert len(slides) == len(PICTURES) + 1
    return _texts(slides[-2])


def test_deck_with_a_decision_shows_it_before_the_next_steps(company, decided):
    _data, deck = _deck(company, decision=decided, top=2)
    texts = _decision_slide(deck)
    assert texts[0] == "Beslut: Fokus 2025"
    assert _title(list(deck.slides)[-1]) == "Nästa steg"
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
    data, deck = _deck(company, decision=decided, mask_names=True, language="en")
    assert _decision_slide(deck)[0] == "Decision: Fokus 2025"
    everything = _package_text(data) + "\n".join(t for slide in deck.slides for t in _texts(slide))
    assert [n for n in NAMES + IDS if n in everything] == []


# --- customer plans and the quarterly review ----------------------------------------------

PLAN_TITLES = {
    "sv": ["Kundplanerna", "Kvartalsgenomgång 2024-Q4: vinsterna först", "Nästa steg"],
    "en": ["The customer plans", "Quarterly review 2024-Q4: wins first", "Next steps"],
}


def _with_plans(folder: Path) -> Store:
    """Nordkund with two plans whose goals and activities name customers: Alfa (a revenue
    goal of 800 over 2024; a call done in November with an outcome, a win of 2024-Q4) and
    Vega (a free goal; a visit for Anna, an undated one for Bo, one cancelled)."""
    from analytics.plans import add_activity, add_goal, add_member, create_plan

    store = Store(folder / "p.duckdb")
    sales = folder / "sales.csv"
    sales.write_text(EXPORT, encoding="utf-8")
    import_sales(store, sales, dataset="Nordkund")
    for person in ("Anna", "Bo"):
        add_member(store, person)
    alfa = create_plan(store, dataset="Nordkund", customer_id="KX-ALFA",
                       started_on=date(2024, 1, 1))["plan_id"]  # fmt: skip
    add_goal(store, alfa, kind="revenue", target=800, title="", starts_on=date(2024, 1, 1),
             ends_on=date(2024, 12, 31))  # fmt: skip
    add_activity(store, alfa, "Ring inköparen", owner="Anna", due=date(2024, 11, 1),
                 status="done", completed_on=date(2024, 11, 5),
                 outcome="Order från Alfa & Söner AB")  # fmt: skip
    vega = create_plan(store, dataset="Nordkund", customer_id="KX-VEGA",
                       started_on=date(2024, 1, 1))["plan_id"]  # fmt: skip
    add_goal(store, vega, kind="free", title="Bli förstaval hos Vega Konsult",
             starts_on=date(2024, 1, 1), ends_on=date(2025, 6, 30))  # fmt: skip
    add_activity(store, vega, "Besök Vega Konsult", owner="Anna", due=date(2025, 1, 20))
    add_activity(store, vega, "Workshop med KX-VEGA", owner="Bo")
    add_activity(store, vega, "Gammal idé", owner="Bo", status="cancelled")
    return store


@pytest.fixture(scope="module")
def planned(tmp_path_factory):
    folder = tmp_path_factory.mktemp("planned")
    store = _with_plans(folder)
    yield store, store.dataset_id("Nordkund"), folder
    store.close()


def _rows(slide) -> list[list[str]]:
    table = next(s for s in slide.shapes if s.has_table).table
    return [[c.text for c in row.cells] for row in table.rows]


@pytest.mark.parametrize("language", ["sv", "en"])
def test_plans_and_the_review_come_before_the_next_steps(planned, language):
    _, deck = _deck(planned, language=language)
    slides = list(deck.slides)
    assert [_title(s) for s in slides] == TITLES[language][:-1] + PLAN_TITLES[language]
    pictures = [sum(s.shape_type == MSO_SHAPE_TYPE.PICTURE for s in sl.shapes) for sl in slides]
    assert pictures == [*map(int, PICTURES[:-1]), 0, 0, 0]
    for slide in slides[1:]:
        assert slide.notes_slide.notes_text_frame.text == _texts(slide)[-1]


def test_the_plans_slide_lists_goals_and_next_activities_in_focus_order(planned):
    _, deck = _deck(planned)
    slide = list(deck.slides)[7]
    # Focus order by revenue: Vega (1 800) before Alfa (1 500). Open activities only,
    # undated last; the done call and the cancelled idea are not next.
    assert _rows(slide) == [
        ["Kund", "Mål", "Nästa aktiviteter (ansvarig, datum)"],
        [
            "Vega Konsult",
            "Bli förstaval hos Vega Konsult till 2025-06-30",
            "Besök Vega Konsult – Anna, 2025-01-20\nWorkshop med KX-VEGA – Bo, inget datum",
        ],
        ["Alfa & Söner AB", "Omsättning: 800 kr till 2024-12-31", "–"],
    ]
    assert _texts(slide)[-1] == (
        "2 kundplaner med 2 öppna mål och 2 öppna aktiviteter, 1 av dem med ansvarig och datum."
    )


def test_the_review_slide_lists_the_wins_first(planned):
    _, deck = _deck(planned, language="en")
    slide = list(deck.slides)[8]
    # 2024-Q4, measured to the last sale (2024-08-01): Alfa's call done on 5 November
    # with an outcome is the win; neither goal is on track (no sale in the quarter).
    assert _rows(slide) == [
        ["Customer", "Wins", "Goals on track", "Done", "Open"],
        ["Alfa & Söner AB", "Activity done with a result: Ring inköparen", "0 / 1", "1", "0"],
        ["Vega Konsult", "–", "0 / 1", "0", "2"],
    ]
    assert _texts(slide)[-1].startswith("1 wins to celebrate. 0 of 2 goals on track")


def test_masked_plans_name_nobody_not_even_in_the_teams_words(planned):
    data, deck = _deck(planned, mask_names=True, language="en")
    everything = "\n".join(
        [_package_text(data)]
        + [t for slide in deck.slides for t in _texts(slide)]
        + [slide.notes_slide.notes_text_frame.text for slide in deck.slides]
    )
    assert [n for n in NAMES + IDS if n in everything] == []
    rows = _rows(list(deck.slides)[7])
    assert rows[1] == [
        "Customer A01",
        "Bli förstaval hos Customer A01 by 30 Jun 2025",
        "Besök Customer A01 – Anna, 20 Jan 2025\nWorkshop med Customer A01 – Bo, no date",
    ]
    assert rows[2][0] == "Customer A02"


def test_the_next_steps_follow_the_plans_up_once_there_are_plans(planned, swedish):
    _, with_plans = _deck(planned)
    follow = "Följ upp kundplanerna varje vecka"
    assert any(follow in t for t in _texts(list(with_plans.slides)[-1]))
    assert not any(follow in t for t in _texts(list(swedish[1].slides)[-1]))


def test_command_line_deck_with_plans(tmp_path, capsys):
    _with_plans(tmp_path).close()
    out = tmp_path / "plans.pptx"
    args = ["deck", "--db", str(tmp_path / "p.duckdb"), "--out", str(out), "--period", "all"]
    assert main([*args, "--mask-names", "--weights", "revenue=1"]) == 0
    assert "wrote 10 slides" in capsys.readouterr().out
    text = _package_text(out.read_bytes())
    assert "Kund A01" in text
    assert [n for n in NAMES + IDS if n in text] == []


def test_the_health_slide_counts_the_teams_calls_on_unprofitable_customers(tmp_path):
    from analytics.healthcheck import save_unprofitable_call

    store = Store(tmp_path / "calls.duckdb")
    sales = tmp_path / "sales.csv"
    sales.write_text(EXPORT, encoding="utf-8")
    import_sales(store, sales, dataset="Nordkund")
    dataset_id = store.dataset_id("Nordkund")
    # Deltat is the one unprofitable customer over both years (200 against 310).
    save_unprofitable_call(store, dataset_id=dataset_id, customer_id="KX-DELT", call="end")
    data, _ = build_deck(
        store, dataset_id=dataset_id, period=PERIOD, options=DeckOptions(weights={"revenue": 1})
    )
    store.close()
    slide = list(Presentation(io.BytesIO(data)).slides)[1]
    assert _rows(slide)[4][3] == "1 olönsamma (−110 kr): 4a 1, 4b 0"
    sentence = "Olönsamma kunder: 1 avslutar vi (4a), 0 betalar sig på sikt (4b), 0 utan beslut."
    assert _texts(slide)[-1].endswith(sentence)
    assert slide.notes_slide.notes_text_frame.text == _texts(slide)[-1]


def test_a_deck_where_every_customer_earns_money_says_so(tmp_path):
    store = Store(tmp_path / "all.duckdb")
    sales = tmp_path / "all.csv"
    sales.write_text(
        "Kundnr;Kundnamn;Fakturadatum;Belopp;Kostnad\n"
        "A;Alfa;2024-01-10;1000;600\nB;Beta;2024-02-10;300;200\n",
        encoding="utf-8",
    )
    import_sales(store, sales, dataset="Lönsam")
    data, _ = build_deck(
        store,
        dataset_id=store.dataset_id("Lönsam"),
        period=Period(date(2024, 1, 1), date(2024, 12, 31)),
        options=DeckOptions(language="en"),
    )
    store.close()
    whale = list(Presentation(io.BytesIO(data)).slides)[3]
    # Margin 400 + 100 = 500, no customer loses money.
    assert _texts(whale)[-1] == (
        "Every customer with a known cost is profitable; the margin is SEK 500."
    )


def test_a_plan_for_a_customer_without_sales_is_masked_too(tmp_path):
    from analytics.ingest.pipeline import import_customers
    from analytics.plans import add_activity, create_plan

    store = Store(tmp_path / "new.duckdb")
    sales, master = tmp_path / "sales.csv", tmp_path / "kunder.csv"
    sales.write_text(EXPORT, encoding="utf-8")
    import_sales(store, sales, dataset="Nordkund")
    master.write_text("Kundnr;Kundnamn\nKX-NYKU;Nykunden Zeta AB\n", encoding="utf-8")
    import_customers(store, master, dataset="Nordkund")
    plan = create_plan(store, dataset="Nordkund", customer_id="KX-NYKU")
    add_activity(store, plan["plan_id"], "Första möte med Nykunden Zeta AB")
    data, _ = build_deck(
        store,
        dataset_id=store.dataset_id("Nordkund"),
        period=PERIOD,
        options=DeckOptions(weights={"revenue": 1}, mask_names=True, language="en"),
    )
    store.close()
    deck = Presentation(io.BytesIO(data))
    assert _rows(list(deck.slides)[7])[1][0] == "Customer ?"
    assert _rows(list(deck.slides)[7])[1][2].startswith("Första möte med Customer ? – ")
    text = _package_text(data)
    assert [n for n in ["Nykunden", "KX-NYKU", *NAMES, *IDS] if n in text] == []
