"""AppTest of the workshop pages: the facilitator's screen, joining and a participant's
own weights and assessments, the decisions page, and the passcode gate for other devices.

Five customers C1…C5, revenue 100…500 and gross margin 90…10 in March 2026 (see
tests/test_decision.py): Anna weights revenue only, Bo revenue 1 and margin 3.
"""

from __future__ import annotations

import re

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from analytics import workshop
from analytics.decision import decisions, find_decision
from analytics.store import Store
from locales import catalog
from tests.apptest import ROOT, edit_cells, open_page, store_with
from tests.samples import FIVE_CUSTOMERS
from tests.test_masking import page_text

SV = catalog("sv")
SALES = FIVE_CUSTOMERS


@pytest.fixture
def db(tmp_path):
    return store_with(tmp_path, SALES, dataset="Testbolaget")


def _with_store(db, action):
    store = Store(db)
    try:
        return action(store)
    finally:
        store.close()


def _workshop(store, bo_weights: dict[str, float]) -> dict:
    """The management team's workshop on all of Testbolaget's data, top 2: Anna weighs
    revenue only, Bo by `bo_weights`."""
    made = workshop.create_workshop(
        store, name="Ledningsgruppen", dataset_id=store.dataset_id("Testbolaget"),
        period="all", top=2,
    )  # fmt: skip
    workshop.save_participant_weights(store, made["workshop_id"], "Anna", {"revenue": 100})
    workshop.save_participant_weights(store, made["workshop_id"], "Bo", bo_weights)
    return made


@pytest.fixture
def shop(db) -> dict:
    return _with_store(db, lambda store: _workshop(store, {"revenue": 1, "gross_margin": 3}))


def _facilitator(db, monkeypatch, *, session: dict | None = None):
    at = open_page(db, monkeypatch, "pages/workshop.py", session=session)
    if at.toggle(key="ws_live").value:
        at.toggle(key="ws_live").set_value(False).run()
    return at


def _open(at, panel: str):
    """Open one of the facilitator's folded panels (they are built only while open)."""
    at.session_state[panel] = True
    return at.run()


# --- the facilitator ------------------------------------------------------------------------


def test_create_a_workshop_shows_its_code(db, monkeypatch):
    at = open_page(db, monkeypatch, "pages/workshop.py")
    assert any(SV["ws.none"] in i.value for i in at.info)
    at.text_input(key="ws_new_name").set_value("Ledningsgruppen december 2026")
    at.button[0].click().run()
    made = _with_store(db, lambda s: s.query("select name, code, period, top_n from workshops"))
    assert made.rows()[0][0] == "Ledningsgruppen december 2026"
    code = made["code"][0]
    assert any(code in h.proto.body for h in at.get("html"))
    assert len(at.get("image")) == 1  # the QR code


def _in_order(node, found: list) -> list:
    """The page's elements in the order drawn, top to bottom."""
    found.append(node)
    for key in sorted(getattr(node, "children", None) or {}):
        _in_order(node.children[key], found)
    return found


def test_without_a_workshop_the_page_points_up_to_the_form(db, monkeypatch):
    at = open_page(db, monkeypatch, "pages/workshop.py")
    kinds = [n.type for n in _in_order(at.main, [])]
    # The "Ny workshop" form is drawn first, the note under it points up to it.
    assert kinds.index("expander") < kinds.index("info")
    assert at.info[0].value == (
        "Ingen workshop för den här datamängden ännu. Skapa en under Ny workshop ovan."
    )


def test_facilitator_sees_participants_consensus_and_queue(db, shop, monkeypatch):
    at = _facilitator(db, monkeypatch)
    assert any("2 har anslutit, 2 har skickat in vikter" in m.value for m in at.markdown)
    assert any(m.value == "**Anna** ✓ · **Bo** ✓" for m in at.markdown)
    frames = [d.value for d in at.dataframe]
    listed = next(f for f in frames if "agreement" in f.columns)
    assert listed["customer_id"].tolist() == ["C5", "C4"]
    assert listed["agreement"].tolist() == ["1 av 2", "1 av 2"]
    queue = next(f for f in frames if "not_in_top_of" in f.columns)
    assert queue["customer"].tolist() == ["Epsilon AB", "Delta AB", "Beta AB", "Alfa AB"]
    assert len(at.get("vega_lite_chart")) == 1


def test_facilitator_waits_for_the_first_weights(db, monkeypatch):
    _with_store(
        db,
        lambda s: workshop.create_workshop(s, name="Tom", dataset_id=s.dataset_id("Testbolaget")),
    )
    at = _facilitator(db, monkeypatch)
    assert any(SV["ws.waiting"] in i.value for i in at.info)


def test_pin_with_a_reason_is_kept(db, shop, monkeypatch):
    at = _open(_facilitator(db, monkeypatch), "ws_override_open")
    at.selectbox(key="ws_override_customer").set_value("C1")
    at.text_input(key="ws_override_reason").set_value("Strategisk partner")
    next(b for b in at.button if b.label == SV["ws.override_save"]).click().run()
    kept = _with_store(db, lambda s: workshop.overrides(s, shop["workshop_id"]))
    assert kept.select("customer_id", "kind", "reason").rows() == [
        ("C1", "pin", "Strategisk partner")
    ]
    listed = next(d.value for d in at.dataframe if "agreement" in d.value.columns)
    assert listed["customer_id"].tolist()[0] == "C1"


def test_stability_is_not_computed_while_its_panel_is_closed(db, shop, monkeypatch):
    at = _facilitator(db, monkeypatch)
    labels = {m.label for m in at.metric}
    assert not labels & {SV["stab.always"], SV["stab.border"], SV["stab.never"]}
    assert not [s for s in at.selectbox if s.key == "ws_stab_customer"]


def test_stability_says_what_would_move_a_customer(db, shop, monkeypatch):
    at = _open(_facilitator(db, monkeypatch), "ws_stab_open")
    labels = [m.label for m in at.metric]
    assert {SV["stab.always"], SV["stab.border"], SV["stab.never"]} <= set(labels)
    at.selectbox(key="ws_stab_customer").set_value("C5").run()
    sentences = [m.value for m in at.markdown if "Epsilon AB" in m.value]
    assert any("lämnar A om" in s for s in sentences)


def test_decide_the_focus_list(db, shop, monkeypatch):
    at = _open(_facilitator(db, monkeypatch), "ws_decision_open")
    at.text_input(key="ws_decision_name").set_value("Fokuslista 2027")
    next(b for b in at.button if b.label == SV["dec.save"]).click().run()
    saved = _with_store(db, lambda s: find_decision(s, "Fokuslista 2027"))
    assert saved["participants"] == ["Anna", "Bo"]
    assert any("Fokuslista 2027" in s.value for s in at.success)


# --- the participant --------------------------------------------------------------------------


def _join(db, monkeypatch, code: str, name: str):
    at = open_page(db, monkeypatch, "pages/join.py")
    at.text_input(key="join_code").set_value(code.lower())
    at.text_input(key="join_name").set_value(name)
    at.button[0].click().run()
    return at


def test_join_with_code_and_name(db, shop, monkeypatch):
    at = _join(db, monkeypatch, shop["code"], "Cilla")
    assert any("du deltar som Cilla" in m.value for m in at.markdown)
    joined = _with_store(db, lambda s: workshop.participants(s, shop["workshop_id"]))
    assert joined.select("name", "submitted").rows()[-1] == ("Cilla", False)


def test_unknown_code_is_said(db, shop, monkeypatch):
    at = _join(db, monkeypatch, "XXXXXX", "Cilla")
    assert any("XXXXXX" in w.value for w in at.warning)


def test_participant_sends_weights_and_sees_own_top(db, shop, monkeypatch):
    at = _join(db, monkeypatch, shop["code"], "Cilla")
    for slider in at.slider:
        slider.set_value(0)
    at.slider(key="join_w_gross_margin").set_value(50).run()
    at.button(key="join_send").click().run()
    weights = _with_store(db, lambda s: workshop.participant_weights(s, shop["workshop_id"]))
    assert weights["Cilla"]["gross_margin"] == 50
    assert sum(weights["Cilla"].values()) == 50
    # Her own top 2 by margin: Alfa (90), Beta (70).
    top = next(d.value for d in at.dataframe if "tier" in d.value.columns)
    assert top["customer_name"].tolist() == ["Alfa AB", "Beta AB"]


def test_participant_save_never_changes_another(db, shop, monkeypatch):
    before = _with_store(db, lambda s: workshop.participant_weights(s, shop["workshop_id"]))
    at = _join(db, monkeypatch, shop["code"], "Cilla")
    at.button(key="join_send").click().run()
    at.slider(key="join_w_revenue").set_value(95).run()
    edit_cells(at, at.data_editor[0].key, {0: {"strategic_fit": 5}})
    at.button(key="join_save_assess").click().run()
    after = _with_store(db, lambda s: workshop.participant_weights(s, shop["workshop_id"]))
    assert (after["Anna"], after["Bo"]) == (before["Anna"], before["Bo"])
    assert after["Cilla"]["revenue"] == 95
    scores = _with_store(db, lambda s: workshop.workshop_scores(s, shop["workshop_id"]))
    assert scores.select("participant", "customer_id", "criterion", "value").rows() == [
        ("Cilla", "C5", "strategic_fit", 5.0)
    ]


# --- decisions ---------------------------------------------------------------------------------


def test_decisions_page_lists_exports_and_compares(db, shop, monkeypatch):
    at = _open(_facilitator(db, monkeypatch), "ws_decision_open")
    at.text_input(key="ws_decision_name").set_value("Fokuslista 2027")
    next(b for b in at.button if b.label == SV["dec.save"]).click().run()
    at.switch_page("pages/decisions.py").run()
    table = at.dataframe[0].value
    assert table["name"].tolist() == ["Fokuslista 2027"]
    assert at.get("download_button")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[SV["dec.stayed"]] == "1"
    assert metrics[SV["dec.entered"]] == "0"
    assert _with_store(db, decisions).height == 1


def test_decisions_page_without_decisions(db, monkeypatch):
    at = open_page(db, monkeypatch, "pages/decisions.py")
    assert any(SV["dec.none"] in i.value for i in at.info)


# --- other devices in workshop mode -----------------------------------------------------------


def _participant_app(db, monkeypatch, passcode: str | None):
    monkeypatch.setenv("KUNDFOKUS_WORKSHOP", "1")
    # A phone on the office network (AppTest has no connection, hence no address).
    monkeypatch.setattr("ui.access.client_address", lambda: "192.168.1.20")
    if passcode:
        monkeypatch.setenv("KUNDFOKUS_WORKSHOP_PASSCODE", passcode)
    else:
        monkeypatch.delenv("KUNDFOKUS_WORKSHOP_PASSCODE", raising=False)
        monkeypatch.setattr("ui.access.SECRETS_FILE", db.parent / "no-secrets.toml")
    monkeypatch.setenv("KUNDFOKUS_DB", str(db))
    monkeypatch.setenv("KUNDFOKUS_DEMO", "off")
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()


def test_other_device_needs_the_passcode(db, shop, monkeypatch):
    at = _participant_app(db, monkeypatch, "ekorre42")
    assert [w.key for w in at.text_input] == ["gate_passcode"]
    at.text_input(key="gate_passcode").set_value("ekorre41")
    at.button[0].click().run()
    assert any(SV["gate.wrong"] in e.value for e in at.error)
    at.text_input(key="gate_passcode").set_value("ekorre42")
    at.button[0].click().run()
    # Through: only the join page, nothing else of the app.
    assert at.text_input(key="join_code")
    assert not at.sidebar.selectbox  # no data set to choose, no other page
    assert at.sidebar.radio(key="lang")


def test_the_server_machine_is_the_facilitator_in_workshop_mode(db, shop, monkeypatch):
    at = _participant_app(db, monkeypatch, "ekorre42")
    assert at.text_input(key="gate_passcode")
    # The same app opened on the server's own machine: Streamlit gives it no address.
    monkeypatch.setattr("ui.access.client_address", lambda: None)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    assert not [w for w in at.text_input if w.key == "gate_passcode"]
    assert at.sidebar.selectbox, "the data set choice of the whole app"


def test_other_device_is_refused_without_a_passcode(db, shop, monkeypatch):
    at = _participant_app(db, monkeypatch, None)
    assert any(SV["gate.not_set"] in e.value for e in at.error)
    assert not at.text_input


def test_passcode_is_compared_whole():
    from ui.access import passcode_matches

    assert passcode_matches("ekorre42", "ekorre42")
    assert not passcode_matches("ekorre4", "ekorre42")
    assert not passcode_matches("", None)


def test_make_workshop_refuses_without_a_passcode(monkeypatch, tmp_path, capsys):
    from ui import serve

    monkeypatch.delenv("KUNDFOKUS_WORKSHOP_PASSCODE", raising=False)
    monkeypatch.setattr("ui.serve.passcode", lambda: None)
    assert serve.main(["--dry-run"]) == 2
    assert "KUNDFOKUS_WORKSHOP_PASSCODE" in capsys.readouterr().err
    monkeypatch.setattr("ui.serve.passcode", lambda: "kort")
    assert serve.main(["--dry-run"]) == 2
    monkeypatch.setattr("ui.serve.passcode", lambda: "ekorre42")
    assert serve.main(["--dry-run"]) == 0
    assert "/join" in capsys.readouterr().out


def test_assessment_rows_are_the_largest_customers(db, shop, monkeypatch):
    at = _join(db, monkeypatch, shop["code"], "Cilla")
    rows = at.data_editor[0].value
    # Twice the top list's length (2): the four largest by revenue.
    assert rows["customer_id"].tolist() == ["C5", "C4", "C3", "C2"]
    assert pl.DataFrame(rows[["customer_id"]]).height == 4


def test_focus_list_shows_stability_and_a_flip(db, monkeypatch):
    at = open_page(db, monkeypatch, "pages/focus_list.py", all_data="focus_period")
    for slider in at.slider:
        slider.set_value(0)
    at.slider(key="focus_w_revenue").set_value(60)
    at.slider(key="focus_w_gross_margin").set_value(40).run()
    at.toggle(key="focus_stab_on").set_value(True).run()
    at.segmented_control(key="focus_stab_source").set_value("points")
    at.slider(key="focus_stab_points").set_value(0).run()
    metrics = {m.label: m.value for m in at.metric}
    assert (metrics[SV["stab.always"]], metrics[SV["stab.never"]]) == ("1", "4")
    at.selectbox(key="focus_stab_customer").set_value("C5").run()
    # Revenue 60, margin 40: Epsilon leaves A when revenue drops to 40 (tests/test_stability).
    assert any(
        m.value == "Epsilon AB lämnar A om Omsättning sänks från 60 till 40,0." for m in at.markdown
    ), [m.value for m in at.markdown if "Epsilon" in m.value]


def test_facilitator_screen_in_english(db, shop, monkeypatch):
    at = open_page(db, monkeypatch, "pages/workshop.py", session={"lang": "en"})
    at.toggle(key="ws_live").set_value(False).run()
    en = catalog("en")
    assert at.title[0].value == en["ws.title"]
    assert any("2 have joined, 2 have sent their weights." in m.value for m in at.markdown)
    assert any(m.value.startswith("**Mean weights** (2 participants): ") for m in at.markdown)


def test_decision_workbook_has_three_sheets_and_keeps_formulas_text(db, shop):
    import io

    import openpyxl

    from analytics.decision import decision_customers
    from ui.decision.tables import decision_workbook

    def decide(store):
        workshop.set_override(store, shop["workshop_id"], "C1", kind="pin", reason="=1+2")
        from analytics.decision import save_decision, workshop_consensus, workshop_customers

        period, table = workshop_customers(store, shop)
        agreed = workshop_consensus(store, shop, customers=table)
        save_decision(store, name="Fokuslista 2027", workshop=shop, period=period, agreed=agreed)
        saved = find_decision(store, "Fokuslista 2027")
        return saved, decision_customers(store, saved["decision_id"])

    saved, listed = _with_store(db, decide)
    book = openpyxl.load_workbook(io.BytesIO(decision_workbook(saved, listed, lang="sv")))
    assert book.sheetnames == [
        SV["dec.sheet.decision"],
        SV["dec.sheet.list"],
        SV["dec.sheet.weights"],
    ]
    rows = list(book[SV["dec.sheet.list"]].iter_rows(values_only=True))
    assert rows[0][:3] == (SV["ws.col.rank"], SV["ws.col.tier"], SV["field.customer_id"])
    assert rows[1][2] == "C1"
    assert rows[1][-1] == "=1+2"  # written as text, never a live formula
    assert book[SV["dec.sheet.list"]].cell(row=2, column=len(rows[0])).data_type == "s"


# --- masked names -------------------------------------------------------------------------------

# Distinctive names and numbers, so that a leak cannot hide in other text. Revenue ranks
# them: Zorblax A01, Quintavia A02, Mervolin A03, Pellucid A04, Ostrakon A05.
MASKED_SALES = "Kundnr;Kundnamn;Fakturanr;Fakturadatum;Belopp;Kostnad\n" + "".join(
    f"{cid};{name};{n};2026-03-0{n};{amount};{cost}\n"
    for n, (cid, name, amount, cost) in enumerate(
        [
            ("KX-ZORB", "Zorblax Trading", 500, 490),
            ("KX-QUIN", "Quintavia AB", 400, 370),
            ("KX-MERV", "Mervolin HB", 300, 250),
            ("KX-PELL", "Pellucid Ek", 200, 130),
            ("KX-OSTR", "Ostrakon Åkeri", 100, 10),
        ],
        start=1,
    )
)
SECRETS = ["Zorblax", "Quintavia", "Mervolin", "Pellucid", "Ostrakon", "KX-"]
MASKED = {"mask_names": True}


@pytest.fixture
def masked_shop(tmp_path) -> tuple:
    db = store_with(tmp_path, MASKED_SALES, dataset="Testbolaget")

    def make(store):
        made = _workshop(store, {"gross_margin": 100})
        scores = pl.DataFrame(
            {"customer_id": ["KX-MERV"], "criterion": ["strategic_fit"], "value": [5.0]}
        )
        workshop.save_participant_scores(store, made["workshop_id"], "Anna", scores)
        workshop.set_override(store, made["workshop_id"], "KX-OSTR", kind="pin", reason="Partner")
        return made

    return db, _with_store(db, make)


def _leaks(at) -> list[str]:
    text = page_text(at)
    return [s for s in SECRETS if s in text]


def test_masked_facilitator_screen_shows_pseudonyms_only(masked_shop, monkeypatch):
    db, _ = masked_shop
    at = _facilitator(db, monkeypatch, session=MASKED)
    for panel in ("ws_override_open", "ws_stab_open", "ws_decision_open"):
        at.session_state[panel] = True
    at.run()
    assert at.metric  # the stability panel is drawn
    assert _leaks(at) == []
    listed = next(d.value for d in at.dataframe if "agreement" in d.value.columns)
    assert "customer_id" not in listed.columns
    # Pinned Ostrakon first (the smallest: A05), then the others by their pseudonyms.
    shown = listed["customer_name"].tolist()
    assert shown[0] == "Kund A05"
    assert all(re.fullmatch(r"Kund A0[1-5]", name) for name in shown)
    assert any("Kund A05" in m.value and "Partner" in m.value for m in at.markdown)


def test_unmasked_facilitator_screen_names_the_customers(masked_shop, monkeypatch):
    # What the masked walk would find: the walk sees names where they are.
    db, _ = masked_shop
    at = _open(_facilitator(db, monkeypatch), "ws_override_open")
    assert set(_leaks(at)) >= {"Zorblax", "Ostrakon", "KX-"}


def test_a_decision_made_while_masked_keeps_the_real_names(masked_shop, monkeypatch):
    db, _ = masked_shop
    at = _open(_facilitator(db, monkeypatch, session=MASKED), "ws_decision_open")
    at.text_input(key="ws_decision_name").set_value("Fokuslista 2027")
    next(b for b in at.button if b.label == SV["dec.save"]).click().run()

    def names(store):
        decision = find_decision(store, "Fokuslista 2027")
        return store.query(
            "select customer_name from decision_customers where decision_id = ? order by rank",
            [decision["decision_id"]],
        )["customer_name"].to_list()

    saved = _with_store(db, names)
    assert saved[0] == "Ostrakon Åkeri"
    assert set(saved) <= {
        "Zorblax Trading",
        "Quintavia AB",
        "Mervolin HB",
        "Pellucid Ek",
        "Ostrakon Åkeri",
    }
    # ... and the decisions page shows them masked.
    at.switch_page("pages/decisions.py").run()
    assert _leaks(at) == []
    listed = at.dataframe[1].value
    assert "customer_id" not in listed.columns
    assert listed["customer_name"].tolist()[0] == "Kund A05"
    assert all(re.fullmatch(r"Kund A0[1-5]", name) for name in listed["customer_name"])


def test_masked_join_page_shows_pseudonyms_only(masked_shop, monkeypatch):
    db, made = masked_shop
    at = open_page(db, monkeypatch, "pages/join.py", session=MASKED)
    at.text_input(key="join_code").set_value(made["code"])
    at.text_input(key="join_name").set_value("Cilla")
    at.button[0].click().run()
    at.button(key="join_send").click().run()
    assert _leaks(at) == []
    top = next(d.value for d in at.dataframe if "tier" in d.value.columns)
    assert top["customer_name"].tolist()[0].startswith("Kund A")
