"""Real-browser test of the profitability-versus-size page on the demo company: the three
charts render without console errors and the exports download a real PNG and SVG."""

from __future__ import annotations

from pathlib import Path

import pytest

from locales import catalog
from tests.browser import go_to, running_app, wait_idle

pytestmark = pytest.mark.browser
SV = catalog("sv")
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def test_charts_render_and_png_downloads(browser, tmp_path):
    errors: list[str] = []
    with running_app(tmp_path / "conc.duckdb", demo=True) as url:
        page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("console", lambda msg: _console_error(msg, errors))
        # Start on the default page (a first load of a deep link shows "Page not found").
        page.goto(url)
        wait_idle(page)
        go_to(page, SV["conc.nav"], SV["conc.title"])
        charts = page.get_by_test_id("stVegaLiteChart")
        charts.nth(2).wait_for(timeout=60_000)
        assert charts.count() == 3
        for i in range(3):
            # vega-embed draws into a canvas (or an svg) once the spec and data are valid.
            charts.nth(i).locator("canvas, svg.marks").first.wait_for(timeout=30_000)
        body = page.locator("[data-testid=stMain]").inner_text()
        assert "står för 80\u00a0% av omsättningen" in body
        assert SV["conc.quadrant.core"] in body

        with page.expect_download(timeout=60_000) as info:
            page.get_by_role("button", name=SV["conc.export_png"]).first.click()
        download = info.value
        assert download.suggested_filename == "kvadrant.png"
        data = Path(download.path()).read_bytes()
        assert data[:8] == PNG_MAGIC
        assert len(data) > 10_000
        with page.expect_download(timeout=60_000) as info:
            page.get_by_role("button", name=SV["conc.export_svg"]).nth(1).click()
        assert info.value.suggested_filename == "valkurva.svg"
        assert Path(info.value.path()).read_text("utf-8").startswith("<svg")
        page.close()
    assert errors == []


def _console_error(message, errors: list[str]) -> None:
    """Collect console errors; any of them fails the test (a request to a CDN too)."""
    if message.type != "error":
        return
    source = (message.location or {}).get("url", "")
    errors.append(f"{message.text} ({source})")
