"""`Store.replace_row`: the one way a record kept once per key (an answer, a call, a
weight set, an override) is written again or removed."""

from __future__ import annotations

import pytest


def _answers(store) -> list[tuple]:
    return store.query(
        "select dataset_id, question, answer, note from health_answers order by 1, 2"
    ).rows()


def test_a_row_is_replaced_not_added(store):
    store.replace_row("health_answers", {"dataset_id": 1, "question": 3}, {"answer": "no"})
    store.replace_row("health_answers", {"dataset_id": 1, "question": 4}, {"answer": "yes"})
    store.replace_row(
        "health_answers", {"dataset_id": 1, "question": 3}, {"answer": "partly", "note": "x"}
    )
    assert _answers(store) == [(1, 3, "partly", "x"), (1, 4, "yes", "")]


def test_none_removes_only_that_row(store):
    store.replace_row("health_answers", {"dataset_id": 1, "question": 3}, {"answer": "no"})
    store.replace_row("health_answers", {"dataset_id": 2, "question": 3}, {"answer": "no"})
    store.replace_row("health_answers", {"dataset_id": 1, "question": 3}, None)
    assert _answers(store) == [(2, 3, "no", "")]


@pytest.mark.parametrize(
    ("table", "key"),
    [("health_answers; drop table imports", {"question": 1}), ("health_answers", {"1=1 or": 1})],
)
def test_names_that_are_not_identifiers_are_refused(store, table, key):
    with pytest.raises(ValueError, match="Not a table"):
        store.replace_row(table, key, None)
    assert store.scalar("select count(*) from imports") == 0
