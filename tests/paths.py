"""Where the tests find the project and its shipped demo export."""

from __future__ import annotations

from pathlib import Path

__all__ = ["DEMO", "ROOT"]

ROOT = Path(__file__).resolve().parents[1]
# The demo company's sales export, as `make run` ships it.
DEMO = ROOT / "data" / "demo_forsaljning.csv"
