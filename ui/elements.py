"""What a section shows, as plain values: a metric tile's figure and a table's columns.

Builders (`ui/<page>/figures.py`, `tables.py`) return these without touching Streamlit, so
a test reads their texts directly; `ui.place` puts them on the page.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Literal

from pandas.io.formats.style import Styler

from locales import plain

__all__ = ["Column", "ColumnKind", "Figure", "Table", "column_labels", "money_labels"]

ColumnKind = Literal["text", "number", "date"]


@dataclass(frozen=True)
class Figure:
    """A metric tile: its label, the value shown, a note under it (`delta`, shown without
    arrow or colour: information, not a change) and a help text."""

    label: str
    value: str
    delta: str | None = None
    help: str | None = None


@dataclass(frozen=True)
class Column:
    """A table column's header, its kind (numbers align right) and a help text."""

    label: str
    kind: ColumnKind = "text"
    help: str | None = None


@dataclass(frozen=True)
class Table:
    """A table to show: the styled frame (numbers as text in the language, see
    `ui.tables.localized`), its columns by name and its number of rows."""

    styler: Styler
    rows: int
    columns: dict[str, Column] = field(default_factory=dict)


def column_labels(columns: Mapping[str, str], *, lang: str, **params: object) -> dict[str, str]:
    """`{column: header}` in language `lang` for a table of `{column: catalog key}`;
    `params` (a `currency`) fill the headers that name them."""
    return {column: plain(key, lang=lang, **params) for column, key in columns.items()}


def money_labels(
    columns: Mapping[str, str], amounts: Collection[str], *, currency: str, lang: str
) -> dict[str, str]:
    """`column_labels` of `columns` in `lang`, the headers of the `amounts` columns naming
    their `currency` (`Omsättning (SEK)`)."""
    labels = column_labels(columns, lang=lang)
    return labels | {column: f"{labels[column]} ({currency})" for column in amounts}
