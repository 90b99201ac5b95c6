"""A static scan of the code for catalog keys: every key the code names exists, and keys
are never built from pieces except by `key_table` with its codes written out, there or
in a tuple of them (each key it makes is checked), and for the families listed here,
each of which is checked member by member against the codes, fields and criteria it
names."""

from __future__ import annotations

import ast
import re
from collections.abc import Mapping
from functools import cache
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


def _module(path: Path) -> str:
    """`ui/plans/labels.py` as `ui.plans.labels`, a package's `__init__.py` as the package."""
    parts = path.with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _written_out(nodes: list[ast.expr], module: str, trees: Mapping[str, ast.Module]):
    """The strings `nodes` are written as: string literals, and `*name` of a tuple of
    them (`_codes`); None when any is something else (a name, a call, an f-string)."""
    codes = []
    for node in nodes:
        if _literal(node):
            codes.append(node.value)
        elif isinstance(node, ast.Starred) and isinstance(node.value, ast.Name):
            named = _codes(node.value.id, module, trees)
            if named is None:
                return None
            codes += named
        else:
            return None
    return codes


def _codes(name: str, module: str, trees: Mapping[str, ast.Module]):
    """The strings that `name`, bound at the top of `module`, is written as: a tuple or
    list of string literals and `*name`s of such, followed through `from … import` into
    the modules of `trees`; None for anything else (`get_args(...)`, a comprehension, a
    module the scan does not read)."""
    tree = trees.get(module)
    for stmt in reversed(tree.body if tree else []):
        if isinstance(stmt, ast.ImportFrom) and stmt.module and not stmt.level:
            for alias in stmt.names:
                if (alias.asname or alias.name) == name:
                    return _codes(alias.name, stmt.module, trees)
        targets = stmt.targets if isinstance(stmt, ast.Assign) else []
        if isinstance(stmt, ast.AnnAssign) and stmt.value:
            targets = [stmt.target]
        if any(isinstance(target, ast.Name) and target.id == name for target in targets):
            value = stmt.value
            if isinstance(value, (ast.Tuple, ast.List)):
                return _written_out(value.elts, module, trees)
            return None
    return None


def _table_keys(tree: ast.AST, *, module: str, trees: Mapping[str, ast.Module]):
    """The keys the `key_table` calls of `module` make, (line, key): the prefix written
    as a string, the codes as strings or `*name` of a tuple of strings (`_codes`). A
    call written otherwise yields (line, None): keys the scan cannot check."""
    for call in _key_tables(tree):
        prefix = call.args[0] if call.args else None
        codes = _written_out(call.args[1:], module, trees)
        if prefix is None or not _literal(prefix) or call.keywords or codes is None:
            yield call.lineno, None
            continue
        for code in codes:
            yield call.lineno, f"{prefix.value}.{code}"


def _unknown_table_keys(path: Path, tree: ast.AST, trees: Mapping[str, ast.Module]):
    """`path:line key` of each key a `key_table` call makes that the catalog lacks."""
    made = _table_keys(tree, module=_module(path), trees=trees)
    return {f"{path}:{line} {key}" for line, key in made if key and key not in KEYS}


def _unnamed_tables(path: Path, tree: ast.AST, trees: Mapping[str, ast.Module]):
    """`path:line` of each `key_table` call whose keys the scan cannot name."""
    made = _table_keys(tree, module=_module(path), trees=trees)
    return {f"{path}:{line}" for line, key in made if key is None}


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


@cache
def _trees() -> dict[str, ast.Module]:
    """Every scanned module by its dotted name, for `_codes` to follow imports."""
    return {_module(path): tree for path, tree in _parsed()}


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
        missing |= _unknown_table_keys(path, tree, _trees())
    assert missing == set()


def test_the_scan_sees_the_key_tables():
    keys = {
        key
        for path, tree in _parsed()
        for _, key in _table_keys(tree, module=_module(path), trees=_trees())
    }
    # Written out (`kind.sales`), and from a tuple of another module that itself takes
    # in one of a third (`analytics.costs.DRIVERS` ends with `*DETAIL_DRIVERS`).
    assert {"plans.status.planned", "kind.sales", "profit.driver.delivery_method"} <= keys


def _sources(**modules: str) -> dict[str, ast.Module]:
    return {name: ast.parse(text) for name, text in modules.items()}


def test_a_key_table_key_missing_from_the_catalog_fails_the_scan():
    trees = _sources(
        m=(
            'STATUS = key_table("plans.status", "planned", "postponed")\n'
            'KINDS = locales.key_table("kind", "sales")\n'
        )
    )
    assert _unknown_table_keys(Path("m.py"), trees["m"], trees) == {"m.py:1 plans.status.postponed"}


def test_the_scan_follows_a_tuple_of_codes_into_the_module_that_writes_it():
    trees = _sources(
        codes='BASE = ("planned",)\nSTATUSES: tuple[str, ...] = (*BASE, "postponed")\n',
        m='from codes import STATUSES as S\nSTATUS = key_table("plans.status", *S, "done")\n',
    )
    made = list(_table_keys(trees["m"], module="m", trees=trees))
    assert made == [
        (2, "plans.status.planned"),
        (2, "plans.status.postponed"),
        (2, "plans.status.done"),
    ]
    assert _unknown_table_keys(Path("m.py"), trees["m"], trees) == {"m.py:2 plans.status.postponed"}


def test_key_tables_name_their_codes():
    loose = set()
    for path, tree in _parsed():
        loose |= _unnamed_tables(path, tree, _trees())
    assert loose == set(), "name the keys in a table: key_table's prefix and codes written out"


def test_a_key_table_of_codes_the_scan_cannot_name_fails_it():
    trees = _sources(
        codes="FROM_TYPE = get_args(Kind)\n",
        m=(
            "from codes import FROM_TYPE\n"
            'OURS = tuple(c for c in ("a", "b"))\n'
            'A = key_table("plans.status", *FROM_TYPE)\n'
            'B = key_table(PREFIX, "planned")\n'
            'C = key_table("plans.status", "planned", code)\n'
            'D = key_table("plans.status", *OURS)\n'
            'E = key_table(prefix="plans.status")\n'
            'F = key_table("plans.status", *ELSEWHERE)\n'
            'G = key_table("plans.status", "planned")\n'
        ),
    )
    assert _unnamed_tables(Path("m.py"), trees["m"], trees) == {
        "m.py:3",
        "m.py:4",
        "m.py:5",
        "m.py:6",
        "m.py:7",
        "m.py:8",
    }
    assert list(_table_keys(trees["m"], module="m", trees=trees))[-1] == (
        9,
        "plans.status.planned",
    )


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
