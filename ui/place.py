"""Put the builders' plain values on the page: metric tiles and tables (`ui.elements`),
and where a page's controls go (folded away in presentation mode, see `ui.style`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import polars as pl
import streamlit as st

from locales.formats import MISSING
from ui.elements import Column, Figure, Table
from ui.style import controls, controls_folded
from ui.tables import MAX_TABLE_ROWS, localized, table_height

__all__ = [
    "FILE_TYPES",
    "control_row",
    "controls_beside",
    "offer_file",
    "show_figure",
    "show_figures",
    "show_note",
    "show_ranked",
    "show_rows",
    "show_table",
]

_CONFIGS = {
    "text": st.column_config.TextColumn,
    "number": st.column_config.NumberColumn,
    "date": st.column_config.DateColumn,
}


# A file offered for download, by its name's ending: its MIME type and the button's icon.
FILE_TYPES: dict[str, tuple[str, str]] = {
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ":material/table_view:",
    ),
    "pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ":material/slideshow:",
    ),
    "csv": ("text/csv", ":material/download:"),
    "png": ("image/png", ":material/image:"),
    "svg": ("image/svg+xml", ":material/draw:"),
}


def offer_file(
    container: object,
    label: str,
    data: object,
    *,
    file_name: str,
    key: str | None = None,
    kind: str | None = None,
    icon: str | None = None,
    help_text: str | None = None,
    rerun: bool = True,
) -> None:
    """A download button in `container` for `data` (bytes, text, or a function that
    builds them only when clicked), its type and icon from `file_name`'s ending or from
    `kind` (a translated name may end otherwise; `icon` names another icon);
    `rerun=False` leaves the page as it is on the click."""
    mime, default_icon = FILE_TYPES[kind or file_name.rsplit(".", 1)[-1]]
    container.download_button(
        label,
        data=data,
        file_name=file_name,
        mime=mime,
        icon=icon or default_icon,
        on_click="rerun" if rerun else "ignore",
        help=help_text,
        key=key,
    )


# A note's kind: the element that shows it and its icon.
_NOTES = {
    "info": (st.info, ":material/info:"),
    "warning": (st.warning, ":material/warning:"),
    "success": (st.success, ":material/check_circle:"),
    "error": (st.error, ":material/error:"),
}


def show_note(kind: str, text: str) -> None:
    """`text` as a note of `kind` (`info`, `warning`, `success`, `error`) with its icon."""
    show, icon = _NOTES[kind]
    show(text, icon=icon)


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
    columns = {name: _config(column) for name, column in table.columns.items()}
    show_rows(table.styler, rows=table.rows, labels=columns)


def show_rows(
    data: object,
    *,
    rows: int,
    labels: Mapping[str, object] | None = None,
    order: Sequence[str] | None = None,
    max_rows: int = MAX_TABLE_ROWS,
) -> None:
    """`data` (a frame or a Styler of `rows` rows) across the page without its index, every
    row shown up to `max_rows` (see `ui.tables.table_height`); `labels` is the
    column configuration (a header text or a `st.column_config` column per name), `order`
    the columns shown (all by default). An unknown value shows as `–`. A long table pages
    on a projector when its rows go through `ui.tables.paged` first."""
    st.dataframe(
        data,
        hide_index=True,
        width="stretch",
        height=table_height(rows, max_rows=max_rows),
        column_config=labels,
        column_order=order,
        # The browser draws a null cell as this text whatever the Styler's text for it
        # (else "None").
        placeholder=MISSING,
    )


def show_ranked(
    frame: pl.DataFrame,
    labels: Mapping[str, str],
    *,
    lang: str,
    narrow: int = 50,
    widths: Mapping[str, int | str] | None = None,
    order: Sequence[str] | None = None,
) -> None:
    """A ranked customer list across the page (see `show_rows`): the `rank` (a whole
    number) and `tier` columns `narrow` pixels wide, the customer number (when `labels`
    has one) small, the `score` with one decimal, an excluded customer's missing rank and
    tier as `–`; `labels` is the header text per column, `widths` other columns' widths
    (pixels, or `small`/`medium`/`large`), `order` the columns shown (all by default)."""
    columns: dict[str, object] = {
        **labels,
        **{
            name: (
                st.column_config.NumberColumn
                if frame.schema[name].is_numeric()
                else st.column_config.TextColumn
            )(labels[name], width=width)
            for name, width in (widths or {}).items()
            if name in labels
        },
        "rank": st.column_config.NumberColumn(labels["rank"], width=narrow),
        "tier": st.column_config.TextColumn(labels["tier"], width=narrow),
    }
    if "customer_id" in labels:
        columns["customer_id"] = st.column_config.TextColumn(labels["customer_id"], width="small")
    data = localized(frame, numbers={"score": 1, "rank": 0}, lang=lang)
    show_rows(data, rows=frame.height, labels=columns, order=order)


def control_row(label: str, spec: int | Sequence[float]) -> list:
    """Columns (`spec` as for `st.columns`) for a row of a page's controls (the period,
    how many customers): where they stand at a desk, and in a closed expander titled
    `label` in presentation mode unless "show controls" is on (`ui.style.controls`)."""
    return controls(label).columns(spec, vertical_alignment="bottom")


def controls_beside(
    label: str, spec: Sequence[float], *, heading: bool = False, gap: str = "large"
) -> tuple[object, object]:
    """(controls, main): at a desk a column of sliders left of the main part (widths
    `spec`, with `label` as its heading when `heading`); in presentation mode the sliders
    in a closed expander titled `label` and the main part across the page below it."""
    if controls_folded():
        return controls(label), st.container()
    left, right = st.columns(spec, gap=gap)
    if heading:
        left.markdown(f"#### {label}")
    return left, right
