"""Real-browser test: metric tiles and segmented controls show their whole text (no "…",
nothing hidden) on a 1400 px screen and on a projector (controls folded, then shown),
and a table of up to 25 rows has no inner scroll bar while a longer one shows 25 rows
in its frame at a desk and pages by 20 on a projector."""

from __future__ import annotations

import pytest

from locales import catalog
from tests.browser import go_to, open_app, running_app, wait_idle
from ui.concentration.values import VALUE_KEYS

pytestmark = pytest.mark.browser

# The pages with metric tiles (overview, focus list, profitability, retention, customer)
# and whether they have segmented controls.
TILE_PAGES = (
    ("nav.overview", "overview.title", False),
    ("nav.focus", "focus.title", True),
    ("conc.nav", "conc.title", True),
    ("ret.nav", "ret.title", True),
    ("customer.nav", "customer.title", True),
)
# The pages with tables: short ones (the focus list's 20, profitability's and
# retention's small tables) and a long one (retention's customers at risk).
TABLE_PAGES = (("nav.focus", "focus.title"), ("conc.nav", "conc.title"), ("ret.nav", "ret.title"))

# (language, width, height, presentation mode)
SCREENS = (
    pytest.param(("sv", 1400, 900, False), id="sv-1400x900"),
    pytest.param(("sv", 1280, 720, True), id="sv-1280x720-presentation"),
    pytest.param(("en", 1280, 720, True), id="en-1280x720-presentation"),
    pytest.param(("sv", 1920, 1080, True), id="sv-1920x1080-presentation"),
)

# Every metric value, label and delta and every segmented-control option whose text (or
# an element inside it) is wider than its box, or ends in "…".
CUT_TEXT = """
() => {
  const selector = '[data-testid=stMetricValue], [data-testid=stMetricLabel], '
    + '[data-testid=stMetricDelta], [data-testid=stButtonGroup] button, '
    + '[data-testid^=stBaseButton]';
  const found = [];
  for (const item of document.querySelectorAll(selector)) {
    if (item.getClientRects().length === 0) continue;
    const text = item.innerText.trim();
    const boxes = [item, ...item.querySelectorAll('*')].filter(e => e.clientWidth > 0);
    const wide = boxes.find(e => e.scrollWidth > e.clientWidth);
    // A segmented control's option scrolled out of its row (Streamlit's row scrolls).
    const row = item.closest('[data-testid=stButtonGroup]') ? item.parentElement : null;
    const outside = row
      && item.getBoundingClientRect().right > row.getBoundingClientRect().right + 1;
    if (wide || outside || text.endsWith('\u2026')) {
      found.push(`${item.dataset.testid || 'option'} "${text}" `
        + (wide ? `${wide.scrollWidth} > ${wide.clientWidth} px`
          : outside ? 'outside its row' : 'ends in …'));
    }
  }
  return found;
}
"""

# The tables on show (not those in a closed expander).
SHOWN = (
    "[...document.querySelectorAll('[data-testid=stDataFrame]')]"
    ".filter(frame => frame.checkVisibility())"
)
# Every shown table has drawn its grid.
TABLES_DRAWN = (
    "() => " + SHOWN + ".length > 0 && " + SHOWN + ".every(f => f.querySelector('table'))"
)
# Each shown table: its rows (header included) and its scroll area's heights.
TABLES = (
    "() => "
    + SHOWN
    + """.map(frame => {
    const grid = frame.querySelector('table[role=grid]');
    const scroller = frame.querySelector('.dvn-scroller');
    return {
      rows: Number(grid.getAttribute('aria-rowcount')),
      scrollHeight: scroller.scrollHeight,
      clientHeight: scroller.clientHeight,
    };
  })"""
)


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    with running_app(tmp_path_factory.mktemp("layout") / "layout.duckdb", demo=True) as url:
        yield url


def _open(
    browser,
    url: str,
    *,
    lang: str,
    width: int,
    height: int,
    presentation: bool,
    show_controls: bool = False,
):
    page = open_app(browser, url, width=width, height=height)
    sidebar = page.get_by_test_id("stSidebar")
    if lang != "sv":
        sidebar.get_by_text(catalog("sv")["sidebar.language"]).wait_for()
        sidebar.get_by_text("English", exact=True).click()
        wait_idle(page)
    if presentation:
        sidebar.get_by_text(catalog(lang)["sidebar.presentation"], exact=True).click()
        wait_idle(page)
    if presentation and show_controls:
        sidebar.get_by_text(catalog(lang)["sidebar.show_controls"], exact=True).click()
        wait_idle(page)
    return page


_THREE_TILES = "() => document.querySelectorAll('[data-testid=stMetricLabel]').length >= 3"


def _visit(page, lang: str, nav: str, title: str) -> None:
    texts = catalog(lang)
    go_to(page, texts[nav], texts[title], timeout=120_000)


@pytest.mark.parametrize("screen", SCREENS)
def test_tiles_and_segmented_controls_show_their_whole_text(browser, app_url, screen):
    lang, width, height, presentation = screen
    # On a projector the controls fold away; "show controls" puts them back to be read.
    page = _open(
        browser,
        app_url,
        lang=lang,
        width=width,
        height=height,
        presentation=presentation,
        show_controls=presentation,
    )
    cut: dict[str, list[str]] = {}
    for nav, title, segmented in TILE_PAGES:
        _visit(page, lang, nav, title)
        # A loaded machine can paint the tiles one by one: wait for three, not the first.
        page.wait_for_function(_THREE_TILES, timeout=60_000)
        if segmented:
            page.get_by_test_id("stButtonGroup").first.wait_for(timeout=60_000)
        if found := page.evaluate(CUT_TEXT):
            cut[nav] = found
        if nav == "conc.nav":
            # The same page measured by customer profit: longer labels under its tiles.
            _switch_to_profit(page, lang)
            if found := page.evaluate(CUT_TEXT):
                cut["conc.nav profit"] = found
    page.close()
    assert cut == {}


def _switch_to_profit(page, lang: str) -> None:
    texts = catalog(lang)
    group = page.get_by_test_id("stButtonGroup").filter(has_text=texts[VALUE_KEYS["margin"]])
    group.get_by_text(texts[VALUE_KEYS["profit"]], exact=True).click()
    wait_idle(page)
    page.get_by_test_id("stMetricLabel").filter(
        has_text=texts["profit.metric.profit"]
    ).first.wait_for(timeout=60_000)


@pytest.mark.parametrize("presentation", [False, True], ids=["normal", "presentation"])
def test_short_tables_have_no_inner_scroll_and_long_ones_show_25_rows(
    browser, app_url, presentation
):
    page = _open(browser, app_url, lang="sv", width=1400, height=900, presentation=presentation)
    short: list[dict] = []
    long: list[dict] = []
    for nav, title in TABLE_PAGES:
        _visit(page, "sv", nav, title)
        page.wait_for_function(TABLES_DRAWN, timeout=60_000)
        for table in page.evaluate(TABLES):
            (short if table["rows"] <= 26 else long).append(table)
    page.close()
    # The focus list's 20, two small tables; the risk list (at a desk).
    assert len(short) >= 3 and (long or presentation)
    # A table of up to 25 rows (and its header) shows them all: nothing scrolls inside.
    assert [t for t in short if t["scrollHeight"] > t["clientHeight"]] == []
    if presentation:
        # On a projector the risk list pages instead: 20 rows and the header.
        assert long == [] and [t for t in short if t["rows"] == 21]
        return
    # A longer one scrolls in a frame of its header and 25 rows, each as high as a short
    # table's rows at this font size.
    row = short[0]["clientHeight"] / short[0]["rows"]
    for table in long:
        assert table["scrollHeight"] > table["clientHeight"]
        assert table["clientHeight"] == pytest.approx(26 * row, abs=3)
