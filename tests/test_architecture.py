"""`analytics` is the engine under the app and the command line: it never imports
Streamlit, so scripts, tests and benchmarks run without it. `demo_company`, which writes
the demo company's files, imports neither Streamlit nor `analytics`.
"""

from __future__ import annotations

import re

import pytest

from tests.paths import ROOT
from tests.processes import python

IMPORT_ALL = (
    "import sys, analytics.cli, analytics.store, analytics.ingest.pipeline; "
    "import pkgutil, importlib, analytics; "
    "[importlib.import_module(m.name) for m in "
    "pkgutil.walk_packages(analytics.__path__, 'analytics.')]; "
    "assert 'streamlit' not in sys.modules, 'streamlit was imported'; "
    "print(len([m for m in sys.modules if m.startswith('analytics')]))"
)

IMPORT_DEMO = (
    "import sys, pkgutil, importlib, demo_company; "
    "[importlib.import_module(m.name) for m in "
    "pkgutil.walk_packages(demo_company.__path__, 'demo_company.')]; "
    "loaded = sorted(m for m in sys.modules if m.split('.')[0] in {'streamlit', 'analytics'}); "
    "assert not loaded, loaded; "
    "print(len([m for m in sys.modules if m.startswith('demo_company')]))"
)


def _modules_loaded(script: str) -> int:
    """Run `script` in a fresh interpreter; it fails when a forbidden package loaded and
    prints how many of the package's modules it imported."""
    result = python("-c", script)
    assert result.returncode == 0, result.stderr
    return int(result.stdout.strip())


def test_importing_every_analytics_module_does_not_load_streamlit():
    # The walk reached the package's modules (cli, store, the ingest modules, ...).
    assert _modules_loaded(IMPORT_ALL) >= 10


def test_importing_every_demo_company_module_loads_neither_streamlit_nor_analytics():
    # The walk reached the package's modules (days, catalogue, customers, files, ...).
    assert _modules_loaded(IMPORT_DEMO) >= 8


@pytest.mark.parametrize(("package", "at_least"), [("analytics", 10), ("demo_company", 8)])
def test_no_source_mentions_a_streamlit_import(package: str, at_least: int):
    pattern = re.compile(r"^\s*(import\s+streamlit|from\s+streamlit)\b", re.MULTILINE)
    sources = sorted((ROOT / package).rglob("*.py"))
    assert len(sources) >= at_least
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


MAX_MODULE_LINES = 500


def test_no_module_of_the_product_is_over_500_lines():
    # A module a newcomer can read in one sitting; tests are held to it too.
    folders = ("analytics", "ui", "pages", "demo_company", "locales", "bench", "tests")
    sources = [*ROOT.glob("*.py"), *(p for f in folders for p in (ROOT / f).rglob("*.py"))]
    long = {
        str(p.relative_to(ROOT)): n
        for p in sources
        if (n := len(p.read_text("utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}


MAX_FUNCTION_LINES = 60


def _long_functions_without_reason(source: str) -> list[str]:
    """Names of the functions in `source` over `MAX_FUNCTION_LINES` lines (decorators,
    signature and docstring included) whose comment just above does not say why."""
    import ast

    lines = source.splitlines()
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
        if node.end_lineno - first + 1 <= MAX_FUNCTION_LINES:
            continue
        above = []
        for line in reversed(lines[: first - 1]):
            if not line.strip().startswith("#"):
                break
            above.append(line)
        if "60" not in " ".join(above):
            found.append(f"{node.name} ({node.end_lineno - first + 1} lines)")
    return found


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("def f():\n" + "    x = 1\n" * 60, ["f (61 lines)"]),
        ("# Over 60 lines: one loop.\ndef f():\n" + "    x = 1\n" * 60, []),
        ("def f():\n" + "    x = 1\n" * 59, []),
    ],
)
def test_the_long_function_check_sees_a_long_function_and_its_reason(source, expected):
    assert _long_functions_without_reason(source) == expected


def test_no_function_of_the_product_is_over_60_lines_without_a_comment_saying_why():
    folders = ("analytics", "ui", "pages", "demo_company", "locales", "bench")
    sources = [*ROOT.glob("*.py"), *(p for f in folders for p in (ROOT / f).rglob("*.py"))]
    offenders = {
        str(p.relative_to(ROOT)): found
        for p in sources
        if (found := _long_functions_without_reason(p.read_text("utf-8")))
    }
    assert len(sources) >= 50
    assert offenders == {}


def _tables_without_placeholder(source: str) -> list[int]:
    """The lines of `st.dataframe` / `st.data_editor` calls in `source` that give no
    `placeholder`."""
    import ast

    return [
        node.lineno
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in {"dataframe", "data_editor"}
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "st"
        and not any(keyword.arg == "placeholder" for keyword in node.keywords)
    ]


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ("st.dataframe(frame, hide_index=True)", [1]),
        ("st.data_editor(frame, placeholder=MISSING)", []),
        ("other.dataframe(frame)", []),
    ],
)
def test_the_placeholder_check_sees_a_table_without_one(source, found):
    assert _tables_without_placeholder(source) == found


def test_every_table_shows_an_unknown_value_as_a_dash():
    # The browser draws an empty cell with the table's placeholder, "None" unless given.
    missing = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in [ROOT / "app.py", *ROOT.glob("pages/*.py"), *ROOT.glob("ui/**/*.py")]
        for line in _tables_without_placeholder(path.read_text("utf-8"))
    ]
    assert missing == []
