"""Masked customer names: with the sidebar's "mask customer names" on, every page shows
pseudonyms ("Kund A01", by revenue rank over the data set) and no real name or customer
number anywhere in its elements — text, tables, charts and their tooltips, select boxes —
nor in the address; the facilitator can reveal one name on purpose."""

from __future__ import annotations

import polars as pl
import pytest

from analytics.masking import mask_names, mask_text
from analytics.store import Store
from locales import catalog
from tests.apptest import edit_cells, open_page, store_with

SV = catalog("sv")

# Three years so that retention and the focus list have history. Revenue over all years:
# Zorblax 3 000 (A01), Quintavia 1 500 (A02), Mervolin 900 (A03), Pellucid 350 (A04, a
# loss), Ostrakon 100 (A05, not back after 2024).
EXPORT = "Kundnr;Kundnamn;Fakturadatum;Belopp;Kostnad\n" + "".join(
    f"{cid};{name};{year}-{month:02d}-10;{amount};{cost}\n"
    for year in (2023, 2024, 2025)
    for cid, name, month, amount, cost in (
        ("KX-ZORB", "Zorblax Trading", 3, 1000, 700),
        ("KX-QUIN", "Quintavia AB", 4, 500, 300),
        ("KX-MERV", "Mervolin HB", 5, 300, 200),
        ("KX-PELL", "Pellucid Ek. för.", 6, 120, 150),
        ("KX-OSTR", "Ostrakon Åkeri", 7, 50, 40),
    )
    if not (cid == "KX-OSTR" and year == 2025)
)
SECRETS = [
    "Zorblax",
    "Quintavia",
    "Mervolin",
    "Pellucid",
    "Ostrakon",
    "KX-ZORB",
    "KX-QUIN",
    "KX-MERV",
    "KX-PELL",
    "KX-OSTR",
]
PAGES = [
    "pages/overview.py",
    "pages/focus_list.py",
    "pages/concentration.py",
    "pages/team_assessment.py",
    "pages/customer.py",
    "pages/retention.py",
    "pages/health_check.py",
    "pages/import_data.py",
]


def _walk(node, found: list[str]) -> None:
    proto = getattr(node, "proto", None)
    if proto is not None:
        # The element as sent to the browser: labels, options, chart specs with their
        # data and tooltips, table cells (Arrow bytes keep ASCII text readable).
        found.append(str(proto))
    value = getattr(node, "value", None)
    if hasattr(value, "to_string"):
        found.append(value.to_string())
    for child in getattr(node, "children", {}).values():
        _walk(child, found)


def page_text(at) -> str:
    """Everything the main area and the sidebar hold."""
    found: list[str] = []
    _walk(at.main, found)
    _walk(at.sidebar, found)
    return "\n".join(found)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return store_with(tmp_path_factory.mktemp("masking"), EXPORT)


def _open(db, monkeypatch, page: str, *, masked: bool):
    return open_page(db, monkeypatch, page, session={"mask_names": masked})


@pytest.mark.parametrize("page", PAGES)
def test_no_real_name_or_number_on_a_masked_page(db, monkeypatch, page):
    at = _open(db, monkeypatch, page, masked=True)
    assert not at.exception
    text = page_text(at)
    assert [s for s in SECRETS if s in text] == []
    assert dict(at.query_params) == {} or "id" not in at.query_params


@pytest.mark.parametrize(
    "page", ["pages/focus_list.py", "pages/customer.py", "pages/team_assessment.py"]
)
def test_unmasked_pages_do_show_the_names(db, monkeypatch, page):
    # What the masked walk would find: the walk sees names where they are.
    text = page_text(_open(db, monkeypatch, page, masked=False))
    assert "Zorblax Trading" in text


def test_masked_focus_list_names_customers_by_their_pseudonym(db, monkeypatch):
    at = _open(db, monkeypatch, "pages/focus_list.py", masked=True)
    table = at.dataframe[0].value
    assert "customer_id" not in table.columns
    assert table["customer_name"].tolist()[:3] == ["Kund A01", "Kund A02", "Kund A03"]


def test_masked_customer_select_box_lists_pseudonyms(db, monkeypatch):
    at = _open(db, monkeypatch, "pages/customer.py", masked=True)
    box = at.selectbox(key="cust_id")
    assert box.options[:2] == ["Kund A01", "Kund A02"]


def test_the_facilitator_reveals_one_name_until_the_next_click(db, monkeypatch):
    at = _open(db, monkeypatch, "pages/customer.py", masked=True)
    at.button(key="cust_reveal").click().run()
    assert [i.value for i in at.info] == [
        SV["customer.revealed"].format(pseudonym="Kund A01", name="Zorblax Trading")
    ]
    at.run()
    assert "Zorblax" not in page_text(at)


def test_mask_names_replaces_the_name_by_the_code():
    frame = pl.DataFrame({"customer_id": ["b", "a", "x"], "customer_name": ["B", "A", "X"]})
    masked = mask_names(frame, {"a": "A01", "b": "A02"}, template="Kund {code}")
    assert masked.to_dict(as_series=False) == {
        "customer_id": ["b", "a", "x"],
        "customer_name": ["Kund A02", "Kund A01", "Kund ?"],
    }


def test_a_masked_team_assessment_saves_to_the_right_customer(tmp_path, monkeypatch):
    db = store_with(tmp_path, EXPORT)
    at = _open(db, monkeypatch, "pages/team_assessment.py", masked=True)
    table = at.data_editor[0].value
    assert "customer_id" not in table.columns
    assert table["customer_name"].tolist()[:2] == ["Kund A01", "Kund A02"]
    edit_cells(at, at.data_editor[0].key, {1: {"potential": 4}})
    at.button(key="team_save").click().run()
    assert not at.exception
    store = Store(db)  # a second connection in this process
    try:
        stored = store.query("select customer_id, criterion, value from team_scores")
    finally:
        store.close()
    assert stored.rows() == [("KX-QUIN", "potential", 4.0)]


@pytest.mark.parametrize(("masked", "count"), [(True, 1), (False, 0)])
def test_the_health_check_says_when_its_files_are_masked(db, monkeypatch, masked, count):
    at = _open(db, monkeypatch, "pages/health_check.py", masked=masked)
    captions = [c.value for c in at.caption]
    assert captions.count(SV["health.masked_files"]) == count


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("Besök Alfa AB i maj", "Besök Kund A02 i maj"),
        ("besök ALFA ab och Alfa", "besök Kund A02 och Kund A03"),  # longest name first
        ("Alfabet och K1x", "Alfabet och K1x"),  # whole words only
        ("Ring K1 om (Vega & Co)", "Ring Kund A01 om (Kund A01)"),
        ("", ""),
    ],
)
def test_mask_text_replaces_names_and_numbers_in_free_text(text, masked):
    labels = {"Alfa AB": "Kund A02", "Alfa": "Kund A03", "K1": "Kund A01", "Vega & Co": "Kund A01"}
    assert mask_text(text, labels) == masked
