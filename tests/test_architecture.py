"""`analytics` is the engine under the app and the command line: it never imports
Streamlit, so scripts, tests and benchmarks run without it.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

IMPORT_ALL = (
    "import sys, analytics.cli, analytics.store, analytics.ingest.pipeline; "
    "import pkgutil, importlib, analytics; "
    "[importlib.import_module(m.name) for m in "
    "pkgutil.walk_packages(analytics.__path__, 'analytics.')]; "
    "assert 'streamlit' not in sys.modules, 'streamlit was imported'; "
    "print(len([m for m in sys.modules if m.startswith('analytics')]))"
)


def test_importing_every_analytics_module_does_not_load_streamlit():
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_ALL],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    # The walk reached the package's modules (cli, store, the ingest modules, ...).
    assert int(result.stdout.strip()) >= 10


def test_no_analytics_source_mentions_a_streamlit_import():
    pattern = re.compile(r"^\s*(import\s+streamlit|from\s+streamlit)\b", re.MULTILINE)
    sources = sorted((ROOT / "analytics").rglob("*.py"))
    assert len(sources) >= 10
    offenders = [str(p.relative_to(ROOT)) for p in sources if pattern.search(p.read_text("utf-8"))]
    assert offenders == []


def test_the_interface_formats_columns_in_the_script_thread():
    # A polars `map_elements` may call its function on a worker thread, where the
    # session's language is out of reach and labels silently fall back to Swedish;
    # `ui.i18n.texts` is the one way to turn a column into text.
    sources = [ROOT / "app.py", *sorted((ROOT / "ui").glob("*.py")), *(ROOT / "pages").glob("*.py")]
    calls = re.compile(r"\.map_elements\(")
    offenders = [str(p.relative_to(ROOT)) for p in sources if calls.search(p.read_text("utf-8"))]
    assert len(sources) >= 10
    assert offenders == []
