"""Named cost models, saved per data set: the controller's table of unit costs.

A data set may keep several named models (to compare "today" with "web ordering") and
mark one as the model in use; without one in use the defaults of `CostModel` apply.
Unit costs are stored as exact decimal text, so a saved model loads back unchanged.
"""

from __future__ import annotations

import json

from analytics.costs import COST_KEYS, CostModel, model_as_dict, model_from_dict
from analytics.store import Store

__all__ = [
    "cost_models",
    "delete_cost_model",
    "load_cost_model",
    "model_in_use",
    "parse_costs",
    "save_cost_model",
    "use_cost_model",
]


def save_cost_model(
    store: Store, *, dataset_id: int, name: str, model: CostModel, in_use: bool = False
) -> None:
    """Save `model` under `name` for the data set (replacing a model of that name);
    `in_use` also makes it the data set's model in use."""
    name = name.strip()
    if not name:
        msg = "A cost model needs a name."
        raise ValueError(msg)
    with store.transaction() as cur:
        was = cur.execute(
            "select in_use from cost_models where dataset_id = ? and name = ?",
            [dataset_id, name],
        ).fetchall()
        cur.execute("delete from cost_models where dataset_id = ? and name = ?", [dataset_id, name])
        if in_use:
            cur.execute("update cost_models set in_use = false where dataset_id = ?", [dataset_id])
        cur.execute(
            "insert into cost_models (dataset_id, name, costs, in_use) values (?, ?, ?, ?)",
            [dataset_id, name, json.dumps(model_as_dict(model)), in_use or bool(was and was[0][0])],
        )


def cost_models(store: Store, *, dataset_id: int) -> dict[str, CostModel]:
    """The data set's saved models by name, in name order."""
    rows = store.query(
        "select name, costs from cost_models where dataset_id = ? order by name", [dataset_id]
    )
    return {name: _loaded(costs) for name, costs in rows.iter_rows()}


def load_cost_model(store: Store, *, dataset_id: int, name: str) -> CostModel | None:
    """The model saved as `name` for the data set, or None."""
    raw = store.scalar(
        "select costs from cost_models where dataset_id = ? and name = ?", [dataset_id, name]
    )
    return None if raw is None else _loaded(raw)


def model_in_use(store: Store, *, dataset_id: int) -> tuple[str | None, CostModel]:
    """The data set's model in use with its name, or (None, the defaults)."""
    rows = store.query(
        "select name, costs from cost_models where dataset_id = ? and in_use", [dataset_id]
    )
    if rows.is_empty():
        return None, CostModel()
    name, costs = rows.row(0)
    return name, _loaded(costs)


def use_cost_model(store: Store, *, dataset_id: int, name: str | None) -> None:
    """Make the saved model `name` the data set's model in use (None: the defaults)."""
    with store.transaction() as cur:
        if name is not None:
            found = cur.execute(
                "select count(*) from cost_models where dataset_id = ? and name = ?",
                [dataset_id, name],
            ).fetchall()[0][0]
            if not found:
                msg = f"No cost model called {name!r}."
                raise ValueError(msg)
        cur.execute("update cost_models set in_use = false where dataset_id = ?", [dataset_id])
        if name is not None:
            cur.execute(
                "update cost_models set in_use = true where dataset_id = ? and name = ?",
                [dataset_id, name],
            )


def delete_cost_model(store: Store, *, dataset_id: int, name: str) -> None:
    """Remove a saved model (the defaults apply when it was the one in use)."""
    with store.transaction() as cur:
        cur.execute("delete from cost_models where dataset_id = ? and name = ?", [dataset_id, name])


def parse_costs(text: str, *, base: CostModel) -> CostModel:
    """`base` with the unit costs of `order=100,line=0` changed; the others keep their
    values. Raises ValueError naming a bad key or value."""
    changes: dict[str, str] = {}
    for part in text.split(","):
        if not part.strip():
            continue
        key, sep, value = part.partition("=")
        key = key.strip()
        if not sep or not value.strip():
            msg = f"Expected key=cost, got {part.strip()!r} (keys: {', '.join(COST_KEYS)})."
            raise ValueError(msg)
        changes[key] = value.strip()
    return model_from_dict(changes, base=base)


def _loaded(raw: str) -> CostModel:
    """A model from its stored JSON; keys the model no longer has are left out."""
    costs = {k: v for k, v in json.loads(raw).items() if k in COST_KEYS}
    return model_from_dict(costs)
