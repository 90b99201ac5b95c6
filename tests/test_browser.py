"""Real-browser test: start the app, upload an export, confirm the mapping, read the report."""

from __future__ import annotations

from pathlib import Path

import pytest

from locales import catalog
from tests.browser import open_app, running_app, wait_idle

pytestmark = pytest.mark.browser
SV = catalog("sv")

EXPORT = (
    "Kundnr;Kundnamn;Fakturadatum;Belopp exkl. moms;Självkostnad\r\n"
    "00017;Åkesson AB;2024-01-05;1 000,00;600,00\r\n"
    "00018;Berg & Son;2024-02-10;2 500,75;2 000,00\r\n"
    "00019;Café Ödla;2024-03-01;;10,00\r\n"
).encode("cp1252")


def test_upload_confirm_and_report(browser, tmp_path):
    export = tmp_path / "forsaljning.csv"
    export.write_bytes(EXPORT)
    errors: list[str] = []
    with running_app(tmp_path / "browser.duckdb", demo=False) as url:
        page = open_app(browser, url, errors)
        page.get_by_test_id("stSidebarNavLink").filter(has_text=SV["nav.import"]).click()
        page.get_by_role("heading", name=SV["import.title"]).wait_for()
        wait_idle(page)
        page.locator("input[type=file]").set_input_files(str(export))
        page.get_by_text(SV["import.preview"]).wait_for(timeout=60_000)
        wait_idle(page)
        page.get_by_role("button", name=SV["import.go"], exact=True).click()
        page.get_by_text(SV["import.report"]).wait_for(timeout=60_000)
        wait_idle(page)
        body = page.locator("[data-testid=stMain]").inner_text()
        assert SV["import.done"].format(name="forsaljning.csv") in body
        # Two rows loaded (1 000,00 + 2 500,75), one rejected for its missing amount.
        assert "3\u00a0501 kr" in body
        assert SV["reason.missing_amount"] in body
        page.close()
    assert errors == []


def test_slider_move_repaints_the_focus_list(browser, tmp_path):
    errors: list[str] = []
    with running_app(tmp_path / "focus.duckdb", demo=True) as url:
        page = open_app(browser, url, errors)
        page.get_by_test_id("stSidebarNavLink").filter(has_text=SV["nav.focus"]).click()
        leaders = page.get_by_text(SV["focus.leaders"].split("**")[0].strip())
        leaders.wait_for(timeout=120_000)
        wait_idle(page)
        before = leaders.inner_text()
        # Put all weight on margin %: the list must change.
        for key in ("revenue", "gross_margin", "growth", "frequency"):
            _slider(page, SV[f"criterion.{key}"]).press("Home")
            wait_idle(page)
        _slider(page, SV["criterion.margin_pct"]).press("End")
        wait_idle(page)
        page.wait_for_function(
            "text => !document.body.innerText.includes(text)", arg=before.split(":")[-1].strip()
        )
        assert leaders.inner_text() != before
        # The files are written on the click, with the weights as they stand now.
        with page.expect_download(timeout=120_000) as info:
            page.get_by_role("button", name=SV["focus.export_csv"]).click()
        assert info.value.suggested_filename == "fokuslista.csv"
        text = Path(info.value.path()).read_text("utf-8-sig")
        assert f"{SV['criterion.margin_pct']}=100" in text.splitlines()[0]
        assert SV["criterion.revenue"] + "=" not in text.splitlines()[0]
        with page.expect_download(timeout=120_000) as info:
            page.get_by_role("button", name=SV["focus.export_excel"]).click()
        assert Path(info.value.path()).read_bytes()[:2] == b"PK"
        page.close()
    assert errors == []


def _slider(page, label: str):
    block = page.get_by_test_id("stSlider").filter(has=page.get_by_text(label, exact=True))
    thumb = block.get_by_role("slider")
    thumb.focus()
    return thumb
