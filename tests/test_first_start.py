"""First start: the database with the demo company is made before the server answers
(`python -m analytics prepare`, run by `make run` and `make workshop`), so the first
visitor does not wait for the demo company's import."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from analytics.demo_data import DEMO_DATASET, ensure_demo
from analytics.store import Store
from tests.paths import ROOT
from tests.processes import python


def _prepare(db: Path, *, demo: str = "on") -> subprocess.CompletedProcess:
    env = {**os.environ, "KUNDFOKUS_DEMO": demo}
    return python("-m", "analytics", "prepare", "--db", db, env=env, timeout=300)


def _imports(db: Path) -> list[tuple[str, str]]:
    store = Store(db)
    try:
        rows = store.query(
            "select d.name, i.kind from imports i join datasets d using (dataset_id) "
            "order by i.import_id"
        )
    finally:
        store.close()
    return list(rows.iter_rows())


def test_prepare_imports_the_demo_company_once(tmp_path):
    db = tmp_path / "kundfokus.duckdb"
    first = _prepare(db)
    assert first.returncode == 0, first.stderr
    assert "demo company" in first.stdout
    assert _imports(db) == [(DEMO_DATASET, "sales"), (DEMO_DATASET, "customers")]
    again = _prepare(db)
    assert again.returncode == 0, again.stderr
    assert "demo company" not in again.stdout
    assert len(_imports(db)) == 2
    # The app's own first-start check then finds it there and imports nothing.
    store = Store(db)
    try:
        assert ensure_demo(store) is False
    finally:
        store.close()
    assert len(_imports(db)) == 2


def test_prepare_without_the_demo_makes_an_empty_database(tmp_path):
    db = tmp_path / "kundfokus.duckdb"
    done = _prepare(db, demo="off")
    assert done.returncode == 0, done.stderr
    assert _imports(db) == []


def test_make_run_prepares_the_database_before_the_server():
    recipes: dict[str, list[str]] = {}
    target = None
    for line in (ROOT / "Makefile").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith(("\t", "#", " ")) and ":" in line:
            target = line.split(":", 1)[0]
        elif line.startswith("\t") and target:
            recipes.setdefault(target, []).append(line.strip())
    for name, server in (("run", "streamlit run app.py"), ("workshop", "-m ui.serve")):
        steps = recipes[name]
        prepare = next(i for i, s in enumerate(steps) if "-m analytics prepare" in s)
        serve = next(i for i, s in enumerate(steps) if server in s)
        assert prepare < serve, steps
