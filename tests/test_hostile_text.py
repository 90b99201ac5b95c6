"""Data is text, never markup: `md()` by hand, and every page with hostile names in
AppTest (the escaped form reaches every element that renders Markdown, the raw form the
tables and select boxes, which show characters)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from locales import Markdown, catalog, md, trusted
from locales import plain as _plain
from locales import t as _t
from tests.apptest import ROOT, open_page
from tests.hostile import (
    DATASET,
    FILE_NAME,
    IMAGE,
    LATEX,
    LINK,
    PAYLOADS,
    QUERY_ID,
    hostile_export,
    hostile_name,
    hostile_store,
)

SV = catalog("sv")


def t(key: str, **params: object) -> Markdown:
    return _t(key, lang="sv", **params)


def plain(key: str, **params: object) -> str:
    return _plain(key, lang="sv", **params)


WJ = "\u2060"  # WORD JOINER: invisible, keeps `http://` from becoming an autolink


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("![x](http://h/p.png)", f"\\!\\[x\\](http\\:{WJ}//h/p.png)"),
        ("[Logga in](http://evil)", f"\\[Logga in\\](http\\:{WJ}//evil)"),
        ("$x^2$", "\\$x^2\\$"),
        ("<b>", "\\<b\\>"),
        ("**fet** _kursiv_", "\\*\\*fet\\*\\* \\_kursiv\\_"),
        ("`kod` ~~bort~~", "\\`kod\\` \\~\\~bort\\~\\~"),
        (":red[röd] :material/home:", f"\\:{WJ}red\\[röd\\] \\:{WJ}material/home\\:"),
        (":smile: 12:30", f"\\:{WJ}smile\\: 12\\:30"),
        ("R&amp;D | a", "R\\&amp;D \\| a"),
        ("a\\b", "a\\\\b"),
        ("www.evil.se", f"www{WJ}.evil.se"),
        ("x@evil.se", f"x{WJ}@evil.se"),
        ("# Rubrik", "\\# Rubrik"),
        ("- punkt", "\\- punkt"),
        ("12. punkt", "12\\. punkt"),
        ("rad ett\nrad två", "rad ett rad två"),
        # What Markdown does not read stays as it is: no stray backslashes.
        ("Åkesson AB (publ), 12.5 % -3 Kund #5", "Åkesson AB (publ), 12.5 % -3 Kund #5"),
    ],
)
def test_md_escapes_by_hand(data, expected):
    assert md(data) == expected


def test_md_leaves_markdown_alone():
    once = md("[a](b)")
    assert md(once) is once


def test_t_escapes_its_parameters_and_plain_does_not():
    assert t("import.done", name=LINK) == SV["import.done"].format(name=md(LINK))
    assert plain("import.done", name=LINK) == SV["import.done"].format(name=LINK)


def test_t_takes_trusted_and_nested_texts_as_they_are():
    inner = t("customer.unknown", id=LINK)
    assert t("ret.what.focus", points=5) == SV["ret.what.focus"].format(points=5)
    assert t("conc.focus_legend", names=inner) == SV["conc.focus_legend"].format(names=inner)
    bold = trusted("**1**")
    assert t("conc.focus_legend", names=bold) == SV["conc.focus_legend"].format(names="**1**")


def test_markdown_join_escapes_only_the_raw_parts():
    joined = Markdown(" · ").join([LATEX, trusted("**1**")])
    assert joined == "\\$x^2\\$ · **1**"


def test_hostile_export_has_every_payload():
    names = {line.split(";")[1] for line in hostile_export().splitlines()[1:]}
    assert {hostile_name(c) for c in range(1, 61)} == names
    assert all(any(p in n for n in names) for p in PAYLOADS)


# --- every page in AppTest ---------------------------------------------------------------


def _markdown_texts(at: AppTest) -> list[str]:
    """Every text on the page that Streamlit renders as Markdown."""
    texts = []
    for kind in (
        "markdown",
        "caption",
        "title",
        "header",
        "subheader",
        "info",
        "warning",
        "error",
        "success",
        "toast",
    ):
        texts += [e.value for e in getattr(at, kind)]
    for metric in at.metric:
        texts += [metric.label, metric.value, metric.proto.delta]
    texts += [e.label for e in at.expander]
    texts += [e.proto.label for e in at.page_link]
    for kind in ("button", "text_input", "number_input", "slider", "checkbox", "toggle"):
        texts += [w.label for w in getattr(at, kind)]
    for kind in ("selectbox", "radio", "segmented_control"):
        texts += [w.label for w in getattr(at, kind)]
    texts += [option for radio in at.radio for option in radio.options]
    return [text for text in texts if text]


def _assert_no_raw_payload(at: AppTest) -> list[str]:
    assert not at.exception, at.exception
    texts = _markdown_texts(at)
    for text in texts:
        for raw in (*PAYLOADS, DATASET, FILE_NAME, QUERY_ID):
            assert raw not in text, text
    return texts


def _contains(texts: list[str], fragment: str) -> bool:
    return any(fragment in text for text in texts)


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory):
    return hostile_store(tmp_path_factory.mktemp("hostile"))


def _overview(db, monkeypatch) -> AppTest:
    monkeypatch.setenv("KUNDFOKUS_DB", str(db))
    monkeypatch.setenv("KUNDFOKUS_DEMO", "off")
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()


def test_sidebar_shows_the_data_set_name_as_characters(hostile_db, monkeypatch):
    at = _overview(hostile_db, monkeypatch)
    _assert_no_raw_payload(at)
    box = next(b for b in at.sidebar.selectbox if b.key == "dataset_id")
    # A select box shows characters: the name itself, not escaped.
    assert box.options == [DATASET]


def test_overview_escapes_the_data_set_name(hostile_db, monkeypatch):
    texts = _assert_no_raw_payload(_overview(hostile_db, monkeypatch))
    assert _contains(texts, md(DATASET))


def test_focus_list_escapes_customer_names(hostile_db, monkeypatch):
    at = open_page(hostile_db, monkeypatch, "pages/focus_list.py")
    texts = _assert_no_raw_payload(at)
    leaders = next(m.value for m in at.markdown if m.value.startswith(SV["focus.leaders"][:8]))
    table = at.dataframe[0].value
    top3 = table["customer_name"].tolist()[:3]
    assert leaders == t("focus.leaders", names=", ".join(top3))
    assert all(md(name) in leaders for name in top3)
    # The table shows the names as they are.
    assert set(table["customer_name"]) <= {hostile_name(c) for c in range(1, 61)}
    assert texts


def test_profitability_escapes_customer_names(hostile_db, monkeypatch):
    at = open_page(hostile_db, monkeypatch, "pages/concentration.py")
    texts = _assert_no_raw_payload(at)
    legend = next(c.value for c in at.caption if c.value.startswith(SV["conc.focus_legend"][:6]))
    assert "**1** " in legend
    assert any(md(hostile_name(c)) in legend for c in range(1, 61))
    assert texts


def test_team_assessment_escapes_names(hostile_db, monkeypatch):
    at = open_page(hostile_db, monkeypatch, "pages/team_assessment.py")
    _assert_no_raw_payload(at)
    names = at.data_editor[0].value["customer_name"].tolist()
    assert set(names) <= {hostile_name(c) for c in range(1, 61)}


def test_customer_page_escapes_name_and_master_fields(hostile_db, monkeypatch):
    at = open_page(hostile_db, monkeypatch, "pages/customer.py")
    texts = _assert_no_raw_payload(at)
    assert _contains(texts, f"{md(LINK)} · {md(IMAGE)} · {md(LATEX)}")
    box = at.selectbox(key="cust_id")
    # The picker shows characters.
    assert box.options[0] == f"{hostile_name(57)} · 057"


def test_customer_link_with_a_hostile_id_is_shown_as_text(hostile_db, monkeypatch):
    at = open_page(hostile_db, monkeypatch, "pages/customer.py", query={"id": QUERY_ID})
    _assert_no_raw_payload(at)
    assert [w.value for w in at.warning] == [t("customer.unknown", id=QUERY_ID)]
    assert md(QUERY_ID) in at.warning[0].value


def test_retention_escapes_names(hostile_db, monkeypatch):
    at = open_page(hostile_db, monkeypatch, "pages/retention.py")
    _assert_no_raw_payload(at)
    assert at.subheader


def test_import_page_escapes_file_and_data_set_names(hostile_db, monkeypatch):
    at = open_page(hostile_db, monkeypatch, "pages/import_data.py")
    _assert_no_raw_payload(at)
    # The history table shows the file name as it is.
    assert FILE_NAME in at.dataframe[0].value["file_name"].tolist()
    at.file_uploader[0].set_value((FILE_NAME, hostile_export().encode(), "text/csv"))
    at.run()
    _assert_no_raw_payload(at)
    at.text_input(key="imp_dataset").set_value(f"{DATASET} 2")
    at.button(key="imp_go").click().run()
    texts = _assert_no_raw_payload(at)
    assert _contains(texts, t("import.done", name=FILE_NAME))
