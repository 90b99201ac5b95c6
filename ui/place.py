"""Put the builders' plain values on the page: metric tiles and tables (`ui.elements`)."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from ui.elements import Column, Figure, Table
from ui.tables import table_height

__all__ = ["show_figure", "show_figures", "show_table"]

_CONFIGS = {
    "text": st.column_config.TextColumn,
    "number": st.column_config.NumberColumn,
    "date": st.column_config.DateColumn,
}


def show_figure(container: object, figure: Figure) -> None:
    """`figure` as a metric tile in `container` (a column); its note has neither arrow
    nor colour."""
    container.metric(
        figure.label,
        figure.value,
        delta=figure.delta,
        delta_color="off",
        delta_arrow="off",
        help=figure.help,
    )


def show_figures(containers: Sequence[object], figures: Sequence[Figure]) -> None:
    """Each figure in the container at the same place."""
    for container, figure in zip(containers, figures, strict=True):
        show_figure(container, figure)


def _config(column: Column) -> object:
    return _CONFIGS[column.kind](column.label, help=column.help)


def show_table(table: Table) -> None:
    """`table` across the page without its index, every row shown up to the page's
    limit (see `ui.tables.table_height`)."""
    st.dataframe(
        table.styler,
        hide_index=True,
        width="stretch",
        height=table_height(table.rows),
        column_config={name: _config(column) for name, column in table.columns.items()},
    )
