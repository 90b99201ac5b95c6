"""A static scan of the code for catalog keys: every key the code names exists, and keys
are never built from pieces except by `key_table` with the codes written out (each key
it makes is checked) and for the families listed here, each of which is checked member
by member against the codes, fields and criteria it names."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from analytics.scoring import CRITERIA
from locales import catalog, key_table

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted(
    [
        ROOT / "app.py",
        *ROOT.glob("pages/*.py"),
        *ROOT.glob("ui/**/*.py"),
        *ROOT.glob("analytics/**/*.py"),
        *ROOT.glob("locales/*.py"),
    ]
)
KEYS = set(catalog("sv"))
TABLES = {key.split(".")[0] for key in KEYS}
# Key families built at run time from a code: the test named beside each proves that
# every member exists.
FAMILIES = {
    "error.": "test_i18n.test_every_import_error_has_a_message",
    "warning.": "test_i18n.test_every_import_warning_has_a_message",
    "field.": "test_i18n.test_every_field_and_reason_has_a_label",
    "reason.": "test_i18n.test_every_field_and_reason_has_a_label",
    "criterion.": "test_every_criterion_has_a_name",
}
_KEY = re.compile(r"^([a-z_]+)\.[\w.]+$")
_TEMPLATE = re.compile(r"^([a-z_]+)\.[\w.]*\{\w+\}[\w.{}]*$")


def _key_tables(tree: ast.AST):
    """The calls of `key_table(...)` in a module."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            if name == "key_table":
                yield node


def _literal(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _table_keys(tree: ast.AST):
    """The keys `key_table` calls with written-out arguments make: (line, key)."""
    for call in _key_tables(tree):
        if call.args and not call.keywords and all(_literal(arg) for arg in call.args):
            prefix, *codes = (arg.value for arg in call.args)
            for code in codes:
                yield call.lineno, f"{prefix}.{code}"


def _unnamed_tables(tree: ast.AST):
    """The lines of `key_table` calls whose prefix or codes are not written out (a
    name, `*codes`, an f-string): keys the scan cannot check."""
    for call in _key_tables(tree):
        if not call.args or call.keywords or not all(_literal(arg) for arg in call.args):
            yield call.lineno


def _unknown_table_keys(path: Path, tree: ast.AST) -> set[str]:
    return {f"{path}:{line} {key}" for line, key in _table_keys(tree) if key not in KEYS}


def _strings(tree: ast.AST):
    """The string literals of a module, without the pieces of f-strings (see
    `_built_keys`), the prefixes of `key_table` calls (see `_table_keys`) and file
    names (`app.py`)."""
    pieces = {
        id(part)
        for node in ast.walk(tree)
        if isinstance(node, ast.JoinedStr)
        for part in node.values
    }
    pieces |= {id(call.args[0]) for call in _key_tables(tree) if call.args}
    for node in ast.walk(tree):
        text = node.value if isinstance(node, ast.Constant) else None
        if isinstance(text, str) and id(node) not in pieces and not text.endswith(".py"):
            yield node


def _parsed():
    for path in SOURCES:
        yield path.relative_to(ROOT), ast.parse(path.read_text("utf-8"))


def test_the_scan_sees_the_code():
    names = {str(path) for path, _ in _parsed()}
    assert {"app.py", "analytics/deck/__init__.py", "ui/i18n.py"} <= names


def test_every_key_named_in_the_code_exists():
    missing = set()
    for path, tree in _parsed():
        for node in _strings(tree):
            match = _KEY.match(node.value)
            if match and match[1] in TABLES and node.value not in KEYS:
                missing.add(f"{path}:{node.lineno} {node.value}")
    assert missing == set()


def test_key_table_names_each_code_with_its_key():
    # In the order given: a table of columns is also their order on the screen.
    assert list(key_table("plans.status", "planned", "done", "cancelled").items()) == [
        ("planned", "plans.status.planned"),
        ("done", "plans.status.done"),
        ("cancelled", "plans.status.cancelled"),
    ]
    assert key_table("kind", "sales") == {"sales": "kind.sales"}
    assert key_table("plans.status") == {}


def test_every_key_a_key_table_makes_exists():
    missing = set()
    for path, tree in _parsed():
        missing |= _unknown_table_keys(path, tree)
    assert missing == set()


def test_the_scan_sees_the_key_tables():
    keys = {key for _, tree in _parsed() for _, key in _table_keys(tree)}
    assert {"plans.status.planned", "kind.sales", "profit.driver.delivery_method"} <= keys


def test_a_key_table_key_missing_from_the_catalog_fails_the_scan():
    tree = ast.parse(
        'STATUS = key_table("plans.status", "planned", "postponed")\n'
        'KINDS = locales.key_table("kind", "sales")\n'
    )
    assert _unknown_table_keys(Path("x.py"), tree) == {"x.py:1 plans.status.postponed"}


def test_key_tables_write_out_their_codes():
    loose = set()
    for path, tree in _parsed():
        loose |= {f"{path}:{line}" for line in _unnamed_tables(tree)}
    assert loose == set(), "name the keys in a table: key_table's prefix and codes as strings"


def test_a_key_table_of_names_fails_the_scan():
    tree = ast.parse(
        'A = key_table("plans.status", *CODES)\n'
        'B = key_table(PREFIX, "planned")\n'
        'C = key_table("plans.status", "planned", code)\n'
        'D = key_table("plans.status", "planned")\n'
        'E = key_table(prefix="plans.status")\n'
    )
    assert sorted(_unnamed_tables(tree)) == [1, 2, 3, 5]
    assert list(_table_keys(tree)) == [(4, "plans.status.planned")]


def test_a_key_table_prefix_is_not_taken_for_a_key():
    tree = ast.parse('A = key_table("plans.status", "planned")\nB = "plans.status"\n')
    assert [node.lineno for node in _strings(tree) if node.value == "plans.status"] == [2]


def test_every_key_template_matches_a_key():
    unmatched = set()
    for path, tree in _parsed():
        for node in _strings(tree):
            match = _TEMPLATE.match(node.value)
            if match and match[1] in TABLES:
                pattern = re.compile(re.sub(r"\\\{\w+\\\}", r"\\w+", re.escape(node.value)))
                if not any(pattern.fullmatch(key) for key in KEYS):
                    unmatched.add(f"{path}:{node.lineno} {node.value}")
    assert unmatched == set()


def _built_keys(tree: ast.AST):
    """The f-string first arguments of `t(...)`/`plain(...)` calls: (line, static prefix)."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        name = getattr(node.func, "id", getattr(node.func, "attr", ""))
        first = node.args[0]
        if name in {"t", "plain"} and isinstance(first, ast.JoinedStr):
            head = first.values[0]
            prefix = head.value if isinstance(head, ast.Constant) else ""
            yield node.lineno, prefix


def test_keys_are_built_only_for_checked_families():
    loose = set()
    for path, tree in _parsed():
        for line, prefix in _built_keys(tree):
            if not any(prefix == family for family in FAMILIES):
                loose.add(f"{path}:{line} {prefix}…")
    assert loose == set(), "name the keys in a table instead of building them"


@pytest.mark.parametrize("criterion", [c.key for c in CRITERIA])
def test_every_criterion_has_a_name(criterion):
    assert f"criterion.{criterion}" in KEYS
