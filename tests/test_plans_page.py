"""AppTest of the customer plans page: creating a plan, where we stand, activities from
the quick form and the grid (done is dated, who is kept), archive and restore, goals
against the actuals, the team list, plans for the A customers, masked names and plans
imported from a file with rejected rows."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from analytics.plan_tables import activities, find_plan, history, team
from analytics.plans import add_activity, add_goal, add_member, create_plan, update
from analytics.store import Store
from locales import catalog
from tests.apptest import edit_cells, open_page, store_weights, store_with

SV = catalog("sv")
DATASET = "Test"
# Ten customers, K01 the largest (10 000) down to K10 (1 000), one invoice each in June
# 2026: with revenue as the only weight, tier A is the top 20 %: K01 and K02.
SALES = "Kundnr;Kundnamn;Fakturadatum;Belopp;Kostnad\n" + "".join(
    f"K{i:02d};Kund {i:02d} AB;2026-06-{i:02d};{(11 - i) * 1000};{(11 - i) * 600}\n"
    for i in range(1, 11)
)


def _db(tmp_path: Path, *, plan_for: tuple[str, ...] = ()) -> Path:
    db = store_with(tmp_path, SALES, dataset=DATASET)
    store_weights(db, {"revenue": 100}, dataset=DATASET)
    store = Store(db)
    try:
        add_member(store, "Anna", role="KAM")
        add_member(store, "Bo")
        for customer in plan_for:
            create_plan(store, dataset=DATASET, customer_id=customer, started_on=date(2026, 1, 1))
    finally:
        store.close()
    return db


def _read(fn, **kwargs):
    """`fn(store, dataset=…)` on the app's database through a second connection."""
    store = Store(os.environ["KUNDFOKUS_DB"])
    try:
        return fn(store, **kwargs)
    finally:
        store.close()


def _editor(at: AppTest, entity: str):
    (found,) = [e for e in at.data_editor if e.key.startswith(f"plans_{entity}_")]
    return found


def _edit(at: AppTest, entity: str, edits: dict | None = None, **changes: list) -> AppTest:
    return edit_cells(at, _editor(at, entity).key, edits, **changes)


def _shown(at: AppTest, column: str) -> dict[str, list]:
    """The text the table with `column` shows (its Styler's display values), column by
    column."""
    (table,) = [d for d in at.dataframe if column in d.value.columns]
    values = table.proto.arrow_data.styler.display_values
    table = pa.ipc.open_stream(values).read_all().to_pandas()
    return {column: table[column].tolist() for column in table.columns}


def test_the_largest_customer_is_offered_first_and_gets_a_plan(tmp_path, monkeypatch):
    at = open_page(_db(tmp_path), monkeypatch, "pages/plans.py")
    assert not at.exception
    assert at.selectbox(key="plans_customer").value == "K01"
    at.text_input(key="plans_by").input("Carina").run()
    at.button(key="plans_create").click().run()
    assert not at.exception
    plan = _read(find_plan, dataset=DATASET, customer_id="K01")
    assert plan["started_on"] == date.today()
    assert _read(history, plan_id=plan["plan_id"])["changed_by"].to_list() == ["Carina"]
    assert SV["plans.plan_created"] in [s.value for s in at.success]


def test_the_quick_form_adds_an_activity_with_owner_and_due(tmp_path, monkeypatch):
    at = open_page(_db(tmp_path, plan_for=("K01",)), monkeypatch, "pages/plans.py")
    at.text_input(key="plans_add_title").input("Ring inköparen")
    at.selectbox(key="plans_add_owner").set_value("Bo")
    at.date_input(key="plans_add_due").set_value(date(2026, 12, 11))
    at.button(key="plans_add_go").click().run()
    assert not at.exception
    acts = _read(activities, dataset=DATASET)
    assert acts.select("title", "owner", "due", "status").rows() == [
        ("Ring inköparen", "Bo", date(2026, 12, 11), "planned")
    ]
    assert _editor(at, "activity").value["title"].tolist() == ["Ring inköparen"]


def _with_activities(tmp_path: Path) -> Path:
    db = _db(tmp_path, plan_for=("K01",))
    store = Store(db)
    try:
        plan = find_plan(store, dataset=DATASET, customer_id="K01")
        for title in ("Besök", "Offert"):
            add_activity(store, plan["plan_id"], title, owner="Anna", due=date(2026, 12, 4))
    finally:
        store.close()
    return db


def test_done_in_the_grid_is_dated_and_the_history_says_who(tmp_path, monkeypatch):
    at = open_page(_with_activities(tmp_path), monkeypatch, "pages/plans.py")
    at.text_input(key="plans_by").input("Carina").run()
    at = _edit(at, "activity", {1: {"status": "done"}})
    assert not at.exception
    acts = _read(activities, dataset=DATASET)
    assert acts.select("title", "status", "completed_on").rows() == [
        ("Besök", "planned", None),
        ("Offert", "done", date.today()),
    ]
    log = _read(history, entity="activity")
    assert log["action"].to_list()[-1] == "update"
    assert log["changed_by"].to_list()[-1] == "Carina"
    # The editor starts again from the store, and the history reads the change in words.
    assert _editor(at, "activity").value["status"].tolist() == ["planned", "done"]
    (log_table,) = [d.value for d in at.dataframe if "detail" in d.value.columns]
    detail = log_table["detail"].tolist()
    assert detail[0] == f"Status: Planerad → Klar; Klar den: – → {date.today().isoformat()}"


def test_a_deleted_row_is_archived_and_restored(tmp_path, monkeypatch):
    at = open_page(_with_activities(tmp_path), monkeypatch, "pages/plans.py")
    at = _edit(at, "activity", deleted=[0])
    assert _read(activities, dataset=DATASET)["title"].to_list() == ["Offert"]
    archived = _read(activities, dataset=DATASET, archived=True)
    assert archived.filter(archived["archived"])["title"].to_list() == ["Besök"]
    assert _editor(at, "activity").value["title"].tolist() == ["Offert"]
    at.button(key="plans_restore").click().run()
    assert sorted(_read(activities, dataset=DATASET)["title"].to_list()) == ["Besök", "Offert"]


def test_a_new_row_without_a_title_is_not_stored(tmp_path, monkeypatch):
    at = open_page(_with_activities(tmp_path), monkeypatch, "pages/plans.py")
    at = _edit(at, "activity", added=[{"owner": "Bo"}])
    assert not at.exception
    assert _read(activities, dataset=DATASET).height == 2
    assert SV["plans.waiting"] in [c.value for c in at.caption]


def test_a_goal_from_the_grid_is_measured_against_the_sales(tmp_path, monkeypatch):
    at = open_page(_db(tmp_path, plan_for=("K01",)), monkeypatch, "pages/plans.py")
    goal = {"kind": "revenue", "target": 20000, "starts_on": "2026-01-01", "ends_on": "2026-12-31"}
    at = _edit(at, "goal", added=[goal])
    assert not at.exception
    # K01 bought 10 000 on 1 June; the data ends on 10 June, day 161 of 365: expected
    # 20 000 × 161 / 365 = 8 821.92, so 10 000 is green.
    shown = _shown(at, "expected")
    assert shown["actual"] == ["10\u00a0000"]
    assert shown["expected"] == ["8\u00a0822"]
    assert shown["status"] == [SV["plans.rag.green"]]


def _labelled(elements, label: str):
    (found,) = [e for e in elements if e.label == label]
    return found


def test_where_we_stand_is_saved(tmp_path, monkeypatch):
    at = open_page(_db(tmp_path, plan_for=("K01",)), monkeypatch, "pages/plans.py")
    _labelled(at.selectbox, SV["plans.trust"]).set_value(4)
    _labelled(at.selectbox, SV["plans.col.choice"]).set_value("second")
    _labelled(at.text_area, SV["plans.direction"]).input("Bygger nytt lager i Umeå")
    _labelled(at.button, SV["plans.save"]).click().run()
    assert not at.exception
    plan = _read(find_plan, dataset=DATASET, customer_id="K01")
    assert (plan["trust"], plan["choice"], plan["direction"]) == (
        4,
        "second",
        "Bygger nytt lager i Umeå",
    )
    assert any("förtroende 4 av 5 · Andrahandsval" in m.value for m in at.markdown)


def test_a_team_member_is_added_and_a_role_changed(tmp_path, monkeypatch):
    at = open_page(_db(tmp_path), monkeypatch, "pages/plans.py")
    at.text_input(key="plans_member_name").input("Carina")
    at.text_input(key="plans_member_role").input("Säljchef")
    at.button(key="plans_member_go").click().run()
    assert not at.exception
    assert _read(team).select("person", "role").rows() == [
        ("Anna", "KAM"),
        ("Bo", ""),
        ("Carina", "Säljchef"),
    ]
    at = _edit(at, "team", {1: {"role": "Innesälj"}})
    assert _read(team)["role"].to_list() == ["KAM", "Innesälj", "Säljchef"]


def test_plans_are_made_for_the_a_customers_without_one(tmp_path, monkeypatch):
    at = open_page(_db(tmp_path, plan_for=("K01",)), monkeypatch, "pages/plans.py")
    texts = [m.value for m in at.markdown]
    assert "1 A-kunder har ingen plan: Kund 02 AB." in texts
    at.button(key="plans_create_many").click().run()
    assert not at.exception
    assert _read(find_plan, dataset=DATASET, customer_id="K02") is not None
    assert _read(find_plan, dataset=DATASET, customer_id="K03") is None


def test_masked_names_in_the_picker_and_the_start(tmp_path, monkeypatch):
    db = _db(tmp_path)
    at = open_page(db, monkeypatch, "pages/plans.py", session={"mask_names": True})
    assert not at.exception
    options = at.selectbox(key="plans_customer").options
    assert options[0] == "Kund A01 · A"
    assert not any("AB" in o or "K0" in o for o in options)
    texts = " ".join(m.value for m in at.markdown)
    assert "Kund 01 AB" not in texts and "Kund A01" in texts


PLAN_FILE = (
    "Kundnr;Mål;Aktivitet;Ansvarig;Klart senast;Status\n"
    "K01;Växa;Ring inköparen;Anna;2026-12-10;planerad\n"
    "K99;Växa;Besök;Anna;2026-12-11;planerad\n"
    "K02;;Offert;;2026-12-12;\n"
    "K03;;Demo;Bo;inte ett datum;\n"
).encode()


def test_an_imported_file_reports_rejected_rows_with_line_and_reason(tmp_path, monkeypatch):
    at = open_page(_db(tmp_path), monkeypatch, "pages/plans.py")
    at.file_uploader[0].set_value(("kundplaner.csv", PLAN_FILE, "text/csv")).run()
    at.button(key="plans_import_go").click().run()
    assert not at.exception
    assert [m.value for m in at.metric] == ["4", "1", "3"]
    table = at.dataframe[-1].value
    assert table["line_no"].tolist() == [3, 4, 5]
    assert table["reason"].tolist() == [
        SV["reason.unknown_customer"],
        SV["reason.missing_owner"],
        SV["reason.bad_date"],
    ]
    assert _read(activities, dataset=DATASET)["title"].to_list() == ["Ring inköparen"]
    # The import page lists the plans import among the data set's imports.
    at.switch_page("pages/import_data.py").run()
    assert not at.exception
    assert SV["kind.plans"] in at.dataframe[0].value[at.dataframe[0].value.columns[1]].tolist()


OWN_FILE = "Kund;Att göra;Vem\nK01;Ring inköparen;Anna\n".encode()


def _selectbox_of(at: AppTest, label: str):
    (found,) = [s for s in at.selectbox if s.label == label and s.key.startswith("plans_map_")]
    return found


def test_a_file_with_the_teams_own_headers_is_mapped_by_hand_and_the_mapping_saved(
    tmp_path, monkeypatch
):
    at = open_page(_db(tmp_path), monkeypatch, "pages/plans.py")
    at.file_uploader[0].set_value(("egen.csv", OWN_FILE, "text/csv")).run()
    assert not at.exception
    # No header says activity or owner: the columns are offered, open, with both unset.
    assert _selectbox_of(at, SV["plans.col.title"]).value is None
    _selectbox_of(at, SV["plans.col.title"]).set_value("Att göra")
    _selectbox_of(at, SV["plans.col.owner"]).set_value("Vem").run()
    (name,) = [x for x in at.text_input if x.key.endswith("_profile_name")]
    name.input("Säljets egna")
    (save,) = [b for b in at.button if b.key.endswith("_profile_save")]
    save.click().run()
    assert not at.exception
    at.button(key="plans_import_go").click().run()
    assert not at.exception
    assert _read(activities, dataset=DATASET)["title"].to_list() == ["Ring inköparen"]
    profiles = _read(lambda store: store.profiles())
    assert profiles["name"].to_list() == ["Säljets egna"]


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_page_speaks_the_chosen_language(tmp_path, monkeypatch, lang):
    at = open_page(_db(tmp_path), monkeypatch, "pages/plans.py", session={"lang": lang})
    assert not at.exception
    assert at.title[0].value == catalog(lang)["plans.title"]
    assert at.button(key="plans_create").label == catalog(lang)["plans.create_plan"]


def test_a_plan_outlives_a_new_import(tmp_path, monkeypatch):
    db = _db(tmp_path, plan_for=("K01",))
    more = tmp_path / "juli.csv"
    more.write_text("Kundnr;Kundnamn;Fakturadatum;Belopp\nK01;Kund 01 AB;2026-07-01;500\n")
    from analytics.ingest.pipeline import import_sales

    store = Store(db)
    import_sales(store, more, dataset=DATASET)
    store.close()
    at = open_page(db, monkeypatch, "pages/plans.py")
    assert not at.exception
    assert not [b for b in at.button if b.key == "plans_create"]
    assert _editor(at, "activity").value.empty


def test_an_nps_goal_shows_every_measurement_and_when_the_last_was_taken(tmp_path, monkeypatch):
    db = _db(tmp_path, plan_for=("K01",))
    store = Store(db)
    try:
        plan = find_plan(store, dataset=DATASET, customer_id="K01")
        goal = add_goal(store, plan["plan_id"], kind="nps", target="40", measured="25",
                        starts_on=date(2026, 1, 1), ends_on=date(2026, 12, 31),
                        by="Anna")  # fmt: skip
        update(store, "goal", goal["goal_id"], measured="44", by="Bo")
    finally:
        store.close()
    at = open_page(db, monkeypatch, "pages/plans.py")
    assert not at.exception
    (expander,) = [e for e in at.expander if e.label == SV["plans.measurements"].format(count=2)]
    (table,) = list(expander.dataframe)
    assert table.value["value"].tolist() == [44.0, 25.0]
    assert table.value["by"].tolist() == ["Bo", "Anna"]
    assert _shown(at, "measured_on")["actual"] == ["44"]


def test_a_free_goal_shows_dates_as_days_and_no_amount_as_a_dash(tmp_path, monkeypatch):
    db = _db(tmp_path, plan_for=("K01",))
    store = Store(db)
    try:
        plan = find_plan(store, dataset=DATASET, customer_id="K01")
        add_goal(store, plan["plan_id"], kind="free", title="Vinna tillbaka kunden",
                 starts_on=date(2026, 1, 1), ends_on=date(2026, 12, 31))  # fmt: skip
        act = add_activity(store, plan["plan_id"], "Ring VD", owner="Anna")
        update(store, "activity", act["activity_id"], status="done", by="Anna")
    finally:
        store.close()
    at = open_page(db, monkeypatch, "pages/plans.py")
    assert not at.exception
    shown = _shown(at, "expected")
    # A day, not a time stamp (`2026-01-01 00:00:00`).
    assert shown["starts_on"] == ["2026-01-01"]
    assert shown["ends_on"] == ["2026-12-31"]
    (table,) = [d for d in at.dataframe if "expected" in d.value.columns]
    # A free goal has no amount: the browser draws an empty cell with the table's
    # placeholder, which must be the dash (its own is `None`).
    assert table.value["target"].isna().all()
    assert table.proto.placeholder == "–"
    # The day an activity was done is a date column, not a time stamp.
    config = json.loads(_editor(at, "activity").proto.columns)
    assert config["completed_on"]["type_config"] == {"type": "date", "format": "YYYY-MM-DD"}
    assert config["completed_on"]["disabled"] is True


def test_a_plan_started_after_the_sales_data_says_why_it_shows_dashes(tmp_path, monkeypatch):
    db = _db(tmp_path)
    store = Store(db)
    try:
        # The sales data ends on 10 June 2026.
        create_plan(store, dataset=DATASET, customer_id="K01", started_on=date(2026, 7, 1))
    finally:
        store.close()
    at = open_page(db, monkeypatch, "pages/plans.py")
    assert not at.exception
    captions = [c.value for c in at.caption]
    expected = SV["plans.not_measured"].format(date="2026-07-01", as_of="2026-06-10")
    assert expected in captions
