"""A static scan of the code for catalog keys: every key the code names exists, and keys
are never built from pieces except for the families listed here, each of which is
checked member by member against the codes, fields and criteria it names."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from analytics.scoring import CRITERIA
from locales import catalog

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


def _strings(tree: ast.AST):
    """The string literals of a module, without the pieces of f-strings (see
    `_built_keys`) and file names (`app.py`)."""
    pieces = {
        id(part)
        for node in ast.walk(tree)
        if isinstance(node, ast.JoinedStr)
        for part in node.values
    }
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
