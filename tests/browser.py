"""Run the real app and drive Debian's chromium with Playwright (tests and screenshots)."""

from __future__ import annotations

import atexit
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.paths import ROOT
from ui.serve import streamlit_command

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
IDLE = "[data-testid=stApp][data-test-script-state=notRunning]"
# The analysis pages every data set has, as (navigation key, title key), in the
# sidebar's order: the pages a test walks through when it checks each of them.
ANALYSIS_PAGES = (
    ("nav.overview", "overview.title"),
    ("nav.focus", "focus.title"),
    ("conc.nav", "conc.title"),
    ("team.nav", "team.title"),
    ("customer.nav", "customer.title"),
    ("ret.nav", "ret.title"),
    ("nav.import", "import.title"),
    ("profit.nav", "profit.title"),
)
_DEMO_DATABASE: list[Path] = []


def chromium_path() -> str | None:
    """Debian's chromium, or None when it is not installed."""
    for candidate in CHROMIUM_CANDIDATES:
        if Path(candidate).exists():
            return candidate
    return shutil.which("chromium")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_healthy(url: str, process: subprocess.Popen, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            msg = f"streamlit exited with {process.returncode}"
            raise RuntimeError(msg)
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)  # polling the health endpoint, not waiting for a render
    msg = "streamlit did not become healthy"
    raise TimeoutError(msg)


def _demo_database() -> Path:
    """The demo company imported once per test run by the app's own first-start import."""
    if not _DEMO_DATABASE:
        from analytics.demo_data import load_demo
        from analytics.store import Store

        folder = Path(tempfile.mkdtemp(prefix="kundfokus-demo-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        store = Store(folder / "demo.duckdb")
        try:
            load_demo(store)
        finally:
            store.close()
        _DEMO_DATABASE.append(folder / "demo.duckdb")
    return _DEMO_DATABASE[0]


def demo_copy(db_path: Path) -> Path:
    """A new database at `db_path` holding the demo company as the app's first start
    would (a copy of the one import of it per run)."""
    shutil.copyfile(_demo_database(), db_path)
    return Path(db_path)


@contextmanager
def running_app(db_path: Path, *, demo: bool) -> Iterator[str]:
    """Start `streamlit run app.py` on a free port with its own database; yield the URL.

    With `demo`, a new database starts as a copy of the demo company imported once per
    run, which is what the app's first start would hold, without importing it again.
    """
    with running_server(db_path, demo=demo) as (url, _process):
        yield url


@contextmanager
def running_server(
    db_path: Path, *, demo: bool, prebuilt: bool = True, options: tuple[str, ...] = ()
) -> Iterator[tuple[str, subprocess.Popen]]:
    """`running_app`, yielding the server process beside its URL (to watch its memory).
    Without `prebuilt`, a new database is left for the app's first session to fill (with
    the demo company when `demo`), as a server started without `prepare` would.
    `options` are more of Streamlit's (`--server.address`, `0.0.0.0`)."""
    if demo and prebuilt and not Path(db_path).exists():
        demo_copy(db_path)
    port = _free_port()
    env = {
        **os.environ,
        "KUNDFOKUS_DB": str(db_path),
        "KUNDFOKUS_DEMO": "on" if demo else "off",
    }
    command = streamlit_command(
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        *options,
    )
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, process)
        yield url, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


def wait_idle(page, timeout: float = 120_000) -> None:
    """Wait until the app has finished its current script run."""
    page.wait_for_selector(IDLE, timeout=timeout)


def open_app(
    browser,
    url: str,
    errors: list[str] | None = None,
    *,
    width: int = 1400,
    height: int = 1000,
    **options: object,
):
    """A new tab of `width` × `height` on the app at `url` after its first run (start on
    the default page: a first load of a deep link shows Streamlit's "Page not found"
    notice, streamlit/streamlit#9992). The page's script errors go into `errors` when
    given; `options` as for `browser.new_page` (e.g. `accept_downloads=True`)."""
    page = browser.new_page(viewport={"width": width, "height": height}, **options)
    if errors is not None:
        page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(url)
    wait_idle(page)
    return page


def go_to(page, link: str, heading: str, *, exact: bool = False, timeout: float = 60_000) -> None:
    """Follow the sidebar's link named `link` and wait until the page shows its first
    heading named `heading` (the whole name when `exact`) and has finished its run."""
    page.get_by_role("link", name=link, exact=True).click()
    page.get_by_role("heading", name=heading, exact=exact).first.wait_for(timeout=timeout)
    wait_idle(page)


@contextmanager
def page_at(
    browser,
    db_path: Path,
    link: str,
    heading: str,
    *,
    demo: bool = False,
    exact: bool = False,
) -> Iterator[tuple[object, list[str]]]:
    """The app on `db_path` (as `running_app`) in a new tab (as `open_app`) gone to the
    page of the sidebar link `link` with its heading `heading` (as `go_to`); yields the tab
    and the list its script errors go into. The tab is closed and the app stopped after
    the block; the test asserts on the errors itself."""
    errors: list[str] = []
    with running_app(db_path, demo=demo) as url:
        page = open_app(browser, url, errors)
        go_to(page, link, heading, exact=exact)
        yield page, errors
        page.close()


class DatabaseHolder:
    """Another process that holds a database file (as a command-line import would)
    until `release()`; use as a context manager, which ends it in any case."""

    def __init__(self, db: Path) -> None:
        code = (
            "import duckdb, sys; c = duckdb.connect(sys.argv[1]); print('held', flush=True); "
            "sys.stdin.read(); c.close()"
        )
        self.process = subprocess.Popen(
            [sys.executable, "-c", code, str(db)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.pid = self.process.pid

    def __enter__(self) -> DatabaseHolder:
        if self.process.stdout.readline().strip() != "held":
            msg = "the holding process did not open the database"
            raise RuntimeError(msg)
        return self

    def release(self) -> None:
        """Let go of the file and wait until the process has ended."""
        self.process.stdin.close()
        self.process.wait(timeout=30)

    def __exit__(self, *_exc: object) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=30)
