"""Take the README screenshot: the focus list of the demo company, in the real browser.

Run with `make screenshot`; writes `docs/screenshot.png`.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.browser import ROOT, chromium_path, running_app, wait_idle
from ui.i18n import TEXTS

TARGET = ROOT / "docs" / "screenshot.png"


def main() -> int:
    """Start the app with the demo company, open the focus list and save a screenshot."""
    path = chromium_path()
    if path is None:
        print("Debian chromium is not installed", file=sys.stderr)
        return 2
    TARGET.parent.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=["--no-sandbox"])
        with running_app(Path(folder) / "screenshot.duckdb", demo=True) as url:
            page = browser.new_page(viewport={"width": 1440, "height": 1000})
            page.goto(url)
            wait_idle(page)
            # A deep link's first load shows "Page not found", so go through the sidebar.
            page.get_by_role("link", name=TEXTS["sv"]["nav.focus"], exact=True).click()
            page.get_by_test_id("stDataFrame").first.wait_for(timeout=120_000)
            wait_idle(page)
            page.screenshot(path=str(TARGET), full_page=False)
        browser.close()
    print(f"wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
