"""The deck's customer-plans and quarterly-review slides, opened with python-pptx: the plans
of the focus customers, the wins first, masked names in the team's own words too."""

from __future__ import annotations

import io
from datetime import date, timedelta
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Inches

from analytics.cli import main
from analytics.deck import DeckOptions, build_deck
from analytics.store import Store
from tests import deck_company
from tests.samples import store_with_export

# --- customer plans and the quarterly review ----------------------------------------------

PLAN_TITLES = {
    "sv": ["Kundplanerna", "Kvartalsgenomgång 2024-Q4: vinsterna först", "Nästa steg"],
    "en": ["The customer plans", "Quarterly review 2024-Q4: wins first", "Next steps"],
}

# The company and its decks (fixtures company, swedish, masked).
pytest_plugins = ["tests.deck_company"]


def _with_plans(folder: Path) -> Store:
    """Nordkund with two plans whose goals and activities name customers: Alfa (a revenue
    goal of 800 over 2024; a call done in November with an outcome, a win of 2024-Q4) and
    Vega (a free goal; a visit for Anna, an undated one for Bo, one cancelled)."""
    from analytics.plans import add_activity, add_goal, add_member, create_plan

    store = store_with_export(folder, deck_company.EXPORT, dataset="Nordkund")
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
    _, deck = deck_company.deck_of(planned, language=language)
    slides = list(deck.slides)
    titles = deck_company.TITLES[language][:-1] + PLAN_TITLES[language]
    assert [deck_company.title_of(s) for s in slides] == titles
    pictures = [sum(s.shape_type == MSO_SHAPE_TYPE.PICTURE for s in sl.shapes) for sl in slides]
    assert pictures == [*map(int, deck_company.PICTURES[:-1]), 0, 0, 0]
    for slide in slides[1:]:
        assert slide.notes_slide.notes_text_frame.text == deck_company.texts_of(slide)[-1]


def test_the_plans_slide_lists_goals_and_next_activities_in_focus_order(planned):
    # Made in the week before Vega's visit is due: nothing is overdue yet.
    _, deck = deck_company.deck_of(planned, made=date(2025, 1, 15))
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
    assert deck_company.texts_of(slide)[-1] == (
        "2 kundplaner med 2 öppna mål och 2 öppna aktiviteter, 1 av dem med ansvarig och datum."
    )


def test_the_review_slide_lists_the_wins_first(planned):
    _, deck = deck_company.deck_of(planned, language="en")
    slide = list(deck.slides)[8]
    # 2024-Q4, measured to the last sale (2024-08-01): Alfa's call done on 5 November
    # with an outcome is the win; neither goal is on track (no sale in the quarter).
    assert _rows(slide) == [
        ["Customer", "Wins", "Goals on track", "Done", "Open"],
        ["Alfa & Söner AB", "Activity done with a result: Ring inköparen", "0 / 1", "1", "0"],
        ["Vega Konsult", "–", "0 / 1", "0", "2"],
    ]
    # One win and one activity done are said in the singular.
    assert deck_company.texts_of(slide)[-1].startswith(
        "1 win to celebrate. 0 of 2 goals on track, 1 activity done and 2 open (actuals to "
    )


def test_the_swedish_review_sentence_says_one_win_and_one_activity_in_the_singular(planned):
    _, deck = deck_company.deck_of(planned)
    assert deck_company.texts_of(list(deck.slides)[8])[-1].startswith(
        "1 vinst att fira. 0 av 2 mål i fas, 1 aktivitet klar och 2 öppna (utfall till "
    )


def test_masked_plans_name_nobody_not_even_in_the_teams_words(planned):
    data, deck = deck_company.deck_of(
        planned, mask_names=True, language="en", made=date(2025, 1, 27)
    )
    everything = "\n".join(
        [deck_company.package_text(data)]
        + [t for slide in deck.slides for t in deck_company.texts_of(slide)]
        + [slide.notes_slide.notes_text_frame.text for slide in deck.slides]
    )
    assert [n for n in deck_company.NAMES + deck_company.IDS if n in everything] == []
    rows = _rows(list(deck.slides)[7])
    assert rows[1] == [
        "Customer A01",
        "Bli förstaval hos Customer A01 by 30 Jun 2025",
        "Besök Customer A01 – Anna, 20 Jan 2025 (overdue)\nWorkshop med Customer A01 – Bo, no date",
    ]
    assert rows[2][0] == "Customer A02"


# Vega's visit is due on Monday 2025-01-20 (week 2025-W04) and still planned.
OVERDUE = [
    # Made in its own week: due this week, not overdue (the check-in's board lists it
    # under "due"), as on its very Monday.
    ("sv", date(2025, 1, 20), "Besök Vega Konsult – Anna, 2025-01-20"),
    ("sv", date(2025, 1, 26), "Besök Vega Konsult – Anna, 2025-01-20"),
    # From the next Monday on it is overdue, said in words.
    ("sv", date(2025, 1, 27), "Besök Vega Konsult – Anna, 2025-01-20 (försenad)"),
    ("en", date(2025, 3, 3), "Besök Vega Konsult – Anna, 20 Jan 2025 (overdue)"),
]


@pytest.mark.parametrize(("language", "made", "visit"), OVERDUE)
def test_the_plans_slide_says_which_activity_is_overdue(planned, language, made, visit):
    _, deck = deck_company.deck_of(planned, language=language, made=made)
    vega = _rows(list(deck.slides)[7])[1]
    undated = "inget datum" if language == "sv" else "no date"
    # An undated activity is never overdue.
    assert vega[2] == f"{visit}\nWorkshop med KX-VEGA – Bo, {undated}"


def test_the_deck_and_the_weekly_check_in_agree_on_what_is_overdue(tmp_path):
    from analytics.board import board, week_of
    from analytics.plan_tables import plans
    from analytics.plans import add_activity

    store = _with_plans(tmp_path)
    try:
        # Around this week's Monday: due the Sunday before (overdue), due on the Monday
        # (this week's), besides Vega's visit of 2025 (overdue) and Bo's undated one.
        today = date.today()
        monday = today - timedelta(days=today.weekday())
        listed = plans(store, dataset="Nordkund")
        alfa = listed.filter(listed["customer_id"] == "KX-ALFA")["plan_id"][0]
        add_activity(store, alfa, "Boka möte", owner="Bo", due=monday - timedelta(days=1))
        add_activity(store, alfa, "Skicka offert", owner="Bo", due=monday)
        live = board(store, dataset="Nordkund", week=week_of(today))
        checkin = sorted(a["title"] for a in live["overdue"])
        assert checkin == ["Besök Vega Konsult", "Boka möte"]
        data, _ = build_deck(
            store,
            dataset_id=store.dataset_id("Nordkund"),
            period=deck_company.PERIOD,
            options=DeckOptions(weights={"revenue": 1}, made=today),
        )
        slide = list(Presentation(io.BytesIO(data)).slides)[7]
        lines = [line for row in _rows(slide)[1:] for line in row[2].split("\n")]
        marked = sorted(line.split(" – ")[0] for line in lines if line.endswith(" (försenad)"))
        assert marked == checkin
        assert any(line.startswith("Skicka offert – Bo, ") for line in lines)
    finally:
        store.close()


def test_the_next_steps_follow_the_plans_up_once_there_are_plans(planned, swedish):
    _, with_plans = deck_company.deck_of(planned)
    follow = "Följ upp kundplanerna varje vecka"
    assert any(follow in t for t in deck_company.texts_of(list(with_plans.slides)[-1]))
    assert not any(follow in t for t in deck_company.texts_of(list(swedish[1].slides)[-1]))


def test_command_line_deck_with_plans(tmp_path, capsys):
    _with_plans(tmp_path).close()
    out = tmp_path / "plans.pptx"
    args = ["deck", "--db", str(tmp_path / "sales.duckdb"), "--out", str(out), "--period", "all"]
    assert main([*args, "--mask-names", "--weights", "revenue=1"]) == 0
    assert "wrote 10 slides" in capsys.readouterr().out
    text = deck_company.package_text(out.read_bytes())
    assert "Kund A01" in text
    assert [n for n in deck_company.NAMES + deck_company.IDS if n in text] == []


def test_the_health_slide_counts_the_teams_calls_on_unprofitable_customers(tmp_path):
    from analytics.healthcheck import save_unprofitable_call

    store = store_with_export(tmp_path, deck_company.EXPORT, dataset="Nordkund")
    dataset_id = store.dataset_id("Nordkund")
    # Deltat is the one unprofitable customer over both years (200 against 310).
    save_unprofitable_call(store, dataset_id=dataset_id, customer_id="KX-DELT", call="end")
    data, _ = build_deck(
        store,
        dataset_id=dataset_id,
        period=deck_company.PERIOD,
        options=DeckOptions(weights={"revenue": 1}),
    )
    store.close()
    slide = list(Presentation(io.BytesIO(data)).slides)[1]
    assert _rows(slide)[4][3] == "1 olönsamma (−110 kr): 4a 1, 4b 0"
    sentence = "Olönsamma kunder: 1 avslutar vi (4a), 0 betalar sig på sikt (4b), 0 utan beslut."
    assert deck_company.texts_of(slide)[-1].endswith(sentence)
    assert slide.notes_slide.notes_text_frame.text == deck_company.texts_of(slide)[-1]


def test_a_deck_where_every_customer_earns_money_says_so(tmp_path):
    export = (
        "Kundnr;Kundnamn;Fakturadatum;Belopp;Kostnad\n"
        "A;Alfa;2024-01-10;1000;600\nB;Beta;2024-02-10;300;200\n"
    )
    data, _ = deck_company.english_deck_of_2024(tmp_path, export, dataset="Lönsam")
    whale = list(Presentation(io.BytesIO(data)).slides)[3]
    # Margin 400 + 100 = 500, no customer loses money.
    assert deck_company.texts_of(whale)[-1] == (
        "Every customer with a known cost is profitable; the margin is SEK 500."
    )


def test_a_plan_for_a_customer_without_sales_is_masked_too(tmp_path):
    from analytics.ingest.pipeline import import_customers
    from analytics.plans import add_activity, create_plan

    store = store_with_export(tmp_path, deck_company.EXPORT, dataset="Nordkund")
    master = tmp_path / "kunder.csv"
    master.write_text("Kundnr;Kundnamn\nKX-NYKU;Nykunden Zeta AB\n", encoding="utf-8")
    import_customers(store, master, dataset="Nordkund")
    plan = create_plan(store, dataset="Nordkund", customer_id="KX-NYKU")
    add_activity(store, plan["plan_id"], "Första möte med Nykunden Zeta AB")
    data, _ = build_deck(
        store,
        dataset_id=store.dataset_id("Nordkund"),
        period=deck_company.PERIOD,
        options=DeckOptions(weights={"revenue": 1}, mask_names=True, language="en"),
    )
    store.close()
    deck = Presentation(io.BytesIO(data))
    assert _rows(list(deck.slides)[7])[1][0] == "Customer ?"
    assert _rows(list(deck.slides)[7])[1][2].startswith("Första möte med Customer ? – ")
    # One plan, no goal, one open activity without an owner: said in the singular.
    assert deck_company.texts_of(list(deck.slides)[7])[-1] == (
        "1 customer plan with 0 open goals and 1 open activity, 0 of them with an owner and "
        "a due date."
    )
    text = deck_company.package_text(data)
    assert [
        n for n in ["Nykunden", "KX-NYKU", *deck_company.NAMES, *deck_company.IDS] if n in text
    ] == []


def test_a_plans_table_of_many_lines_ends_above_the_sentence(tmp_path):
    from analytics.plans import add_activity, add_goal, add_member, create_plan

    store = store_with_export(tmp_path, deck_company.EXPORT, dataset="Nordkund")
    add_member(store, "Anna")
    for customer in deck_company.IDS:  # six plans, two goals and three open activities each
        plan = create_plan(store, dataset="Nordkund", customer_id=customer)["plan_id"]
        for title in ("Växa", "Behålla"):
            add_goal(store, plan, kind="free", title=title, starts_on=date(2025, 1, 1),
                     ends_on=date(2025, 12, 31))  # fmt: skip
        for title in ("Ring", "Besök", "Offert"):
            add_activity(store, plan, title, owner="Anna", due=date(2025, 2, 1))
    data, _ = build_deck(
        store,
        dataset_id=store.dataset_id("Nordkund"),
        period=deck_company.PERIOD,
        options=DeckOptions(weights={"revenue": 1}),
    )
    store.close()
    slide = list(Presentation(io.BytesIO(data)).slides)[7]
    table = next(s for s in slide.shapes if s.has_table)
    rows = _rows(slide)
    assert len(rows) == 7  # the header and six plans, two next activities each
    assert all(r[2].count("\n") == 1 for r in rows[1:])
    assert table.top + table.height <= Inches(6.4)
