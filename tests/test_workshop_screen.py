"""AppTest of the facilitator's consensus list and discussion queue as drawn: ranks as
whole numbers, an excluded customer's missing rank and tier as a dash, and columns that
fit a 1400 px screen and a projector.

The cases of tests/test_workshop_pages.py: five customers, top 2, Anna weights revenue
only, Bo revenue 1 and margin 3; consensus C5, C4, C3, C2, C1. Excluding C5 leaves C4
(rank 1, tier A) and C3 (rank 2, tier B: 20 % of four customers is one A, 30 % one B).
"""

from __future__ import annotations

import json

import pyarrow as pa
import pytest

from analytics.workshop import set_override
from tests.apptest import store_with
from tests.test_workshop_pages import SALES, _facilitator, _with_store, _workshop

DASH = "–"


@pytest.fixture
def excluded(tmp_path):
    """The workshop's database with C5 excluded."""
    db = store_with(tmp_path, SALES, dataset="Testbolaget")

    def make(store):
        made = _workshop(store, {"revenue": 1, "gross_margin": 3})
        set_override(store, made["workshop_id"], "C5", kind="exclude", reason="Säljs")

    _with_store(db, make)
    return db


def _table(at, column: str):
    (table,) = [d for d in at.dataframe if column in d.value.columns]
    return table


def _shown(table) -> dict[str, list]:
    """The text a table shows (its Styler's display values), column by column."""
    values = table.proto.arrow_data.styler.display_values
    frame = pa.ipc.open_stream(values).read_all().to_pandas()
    return {column: frame[column].tolist() for column in frame.columns}


def _in_columns(at, table) -> bool:
    """Whether `table` is drawn inside `st.columns` (side by side with something)."""

    def walk(node, inside: bool) -> bool | None:
        if node is table:
            return inside
        for child in (getattr(node, "children", None) or {}).values():
            found = walk(child, inside or node.type == "column")
            if found is not None:
                return found
        return None

    return bool(walk(at.main, False))


def test_an_excluded_customer_has_dashes_and_ranks_are_whole(excluded, monkeypatch):
    at = _facilitator(excluded, monkeypatch)
    listed = _table(at, "agreement")
    shown = _shown(listed)
    assert shown["customer_id"] == ["C4", "C3", "C5"]
    assert shown["rank"] == ["1", "2", DASH]
    assert shown["tier"] == ["A", "B", DASH]
    assert shown["override"] == ["", "", "Utesluten"]
    # The browser draws a null cell as the table's placeholder, whatever its text says.
    assert listed.proto.placeholder == DASH
    queue = _table(at, "not_in_top_of")
    assert _shown(queue)["rank"] == ["1", "3", "4", DASH]
    assert queue.proto.placeholder == DASH


def test_the_list_and_the_queue_fit_a_1400_px_screen(excluded, monkeypatch):
    at = _facilitator(excluded, monkeypatch)
    listed, queue = _table(at, "agreement"), _table(at, "not_in_top_of")
    # Each across the page, one under the other (side by side neither fitted).
    assert not _in_columns(at, listed)
    assert not _in_columns(at, queue)
    config = json.loads(listed.proto.columns)
    widths = {c: config[c].get("width") for c in listed.proto.column_order}
    # 50 + 50 + 75 (small) + 200 + 60 + 75 + 90 + 160 = 760 px of the page's ~880; whose
    # top lists, the longest text, last with the rest.
    assert widths == {
        "rank": 50, "tier": 50, "customer_id": "small", "customer_name": 200, "score": 60,
        "agreement": 75, "override": 90, "reason": 160, "who": None,
    }  # fmt: skip
    assert list(listed.proto.column_order)[-1] == "who"


def test_a_projector_shows_the_list_without_numbers_and_whose_lists(excluded, monkeypatch):
    at = _facilitator(excluded, monkeypatch, session={"presentation": True})
    listed = _table(at, "agreement")
    assert list(listed.proto.column_order) == [
        "rank", "tier", "customer_name", "score", "agreement", "override", "reason"
    ]  # fmt: skip
    # The columns left out stay in the data: a desk shows them.
    assert {"customer_id", "who"} <= set(listed.value.columns)
