"""Widgets of the import page: upload, preview, mapping editor, report and history."""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import polars as pl
import streamlit as st

from analytics.export import to_csv_bytes
from analytics.ingest.errors import IngestError
from analytics.ingest.mapping import DATE_FIELDS, NUMBER_FIELDS
from analytics.ingest.pipeline import (
    ImportReport,
    Preview,
    import_customers,
    import_sales,
    preview_file,
    save_profile,
)
from analytics.ingest.synonyms import MASTER_FIELDS, SALES_FIELDS
from analytics.money import CURRENCIES, DEFAULT_CURRENCY
from ui.data import get_store
from ui.i18n import (
    currency,
    error_text,
    fmt_date,
    fmt_int,
    fmt_money,
    plain,
    t,
    texts,
    warning_text,
)
from ui.tables import localized, table_height

__all__ = [
    "cached_preview",
    "chosen_mapping",
    "currency_choice",
    "dataset_name_control",
    "profile_form",
    "render_history",
    "render_preview",
    "render_report",
    "run_import",
    "sheet_choice",
    "upload_file",
]

_DATASET_KEY = "imp_dataset"  # the text box with the target data set's name
_DATASET_FOR_KEY = "imp_dataset_for"  # the (file, kind) that name was proposed for


@contextmanager
def upload_file(uploaded) -> Iterator[Path]:
    """The uploaded file in a private temporary folder for the length of the `with`
    block, which is removed afterwards, whatever happens: a customer's export stays on
    disk only while it is being read (the bytes themselves live in the upload widget)."""
    folder = Path(tempfile.mkdtemp(prefix="kundfokus-upload-"))
    try:
        path = folder / Path(uploaded.name).name
        path.write_bytes(uploaded.getbuffer())
        yield path
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def dataset_name_control(uploaded, *, kind: str, dataset: dict | None, names: list[str]) -> str:
    """The data set to load into. A sales export proposes a new data set named after the
    file (`forsaljning_2024.csv` → `forsaljning_2024`, `… (2)` when that name is taken),
    so that unrelated exports are not merged by accident; a customer master file proposes
    the data set chosen in the sidebar, whose customers it describes. Typing the name of
    an existing data set loads into that one."""
    proposed_for = f"{uploaded.file_id}:{kind}"
    if st.session_state.get(_DATASET_FOR_KEY) != proposed_for:
        st.session_state[_DATASET_FOR_KEY] = proposed_for
        if kind == "customers" and dataset and not dataset["is_demo"]:
            st.session_state[_DATASET_KEY] = dataset["name"]
        else:
            st.session_state[_DATASET_KEY] = _new_name(
                Path(uploaded.name).stem.strip() or plain("import.default_dataset"), names
            )
    value = st.text_input(t("import.dataset"), help=t("import.dataset_help"), key=_DATASET_KEY)
    return value.strip()


def _new_name(name: str, taken: list[str]) -> str:
    """`name`, or `name (2)`, `name (3)` … the first that no data set has."""
    candidate, number = name, 1
    while candidate in taken:
        number += 1
        candidate = f"{name} ({number})"
    return candidate


@st.cache_resource(show_spinner=False, max_entries=16)
def _preview(
    file_id: str,
    name: str,
    _path: Path,
    *,
    mapping_key: str | None,
    sheet: str | None,
    all_sheets: bool,
    kind: str,
) -> Preview | IngestError:
    del file_id  # the cache key; the temporary path changes from run to run
    mapping = json.loads(mapping_key) if mapping_key is not None else None
    try:
        return preview_file(
            _path,
            store=get_store(),
            name=name,
            mapping=mapping,
            sheet=sheet,
            all_sheets=all_sheets,
            kind=kind,
        )
    except IngestError as exc:
        return exc


def cached_preview(
    path: Path,
    uploaded,
    *,
    mapping: dict[str, str] | None = None,
    sheet: str | None = None,
    all_sheets: bool = False,
    kind: str = "sales",
) -> Preview | IngestError:
    """The preview of an uploaded file (read from `path`, its temporary copy), or the
    error that stops it, cached per upload and choice."""
    key = json.dumps(mapping, sort_keys=True) if mapping is not None else None
    return _preview(
        uploaded.file_id,
        uploaded.name,
        path,
        mapping_key=key,
        sheet=sheet,
        all_sheets=all_sheets,
        kind=kind,
    )


def sheet_choice(
    preview: Preview | IngestError, path: Path, uploaded, *, kind: str
) -> tuple[Preview | IngestError, str | None, bool]:
    """For a workbook with several sheets: pick one, or stack all with the same header.

    Returns the preview for that choice, the sheet to read (None when all are stacked or
    the file has no sheets) and whether all sheets are stacked.
    """
    if isinstance(preview, IngestError) or len(preview.available_sheets) <= 1:
        return preview, None, False
    cols = st.columns(2, vertical_alignment="bottom")
    sheet = cols[0].selectbox(
        t("import.sheet"),
        preview.available_sheets,
        index=preview.available_sheets.index(preview.sheets[0]),
        key="imp_sheet",
    )
    all_sheets = cols[1].checkbox(t("import.all_sheets"), key="imp_all_sheets")
    chosen = None if all_sheets else sheet
    return (
        cached_preview(path, uploaded, sheet=chosen, all_sheets=all_sheets, kind=kind),
        chosen,
        all_sheets,
    )


def chosen_mapping(preview: Preview, *, key: str, kind: str) -> dict[str, str]:
    """One select box per field, preset from the preview; returns `{field: header}`.

    Below them, what the automatic mapping guessed or inferred (and why), for as long as
    the user keeps that column for the field.
    """
    fields = SALES_FIELDS if kind == "sales" else MASTER_FIELDS
    options = [None, *preview.headers]
    mapping: dict[str, str] = {}
    columns = st.columns(3)
    for index, fld in enumerate(fields):
        current = preview.mapping.get(fld)
        choice = columns[index % 3].selectbox(
            t(f"field.{fld}"),
            options=options,
            index=options.index(current) if current in options else 0,
            format_func=lambda h: t("import.not_used") if h is None else h,
            key=f"{key}_{fld}",
        )
        if choice is not None:
            mapping[fld] = choice
    for note in preview.notes:
        fld = note.get("field")
        if fld is None:
            st.info(warning_text(note), icon=":material/inventory:")
        elif mapping.get(fld) == note.get("column"):
            st.warning(warning_text(note), icon=":material/help:")
    return mapping


def profile_form(preview: Preview, mapping: dict[str, str], *, key: str) -> None:
    """Save the mapping under a name, for the next export with the same headers."""
    cols = st.columns([3, 2], vertical_alignment="bottom")
    name = cols[0].text_input(t("import.profile_name"), key=f"{key}_profile_name")
    if cols[1].button(t("import.save_profile"), key=f"{key}_profile_save"):
        try:
            save_profile(get_store(), name, preview.headers, mapping)
        except IngestError as exc:
            st.error(error_text(exc))
        else:
            _preview.clear()
            st.success(t("import.profile_saved", name=name.strip()))


def currency_choice(preview: Preview, *, dataset: str) -> str | None:
    """The currency of amounts the file does not label: what the file states wins, then
    the data set's own; only a file that says nothing, loaded into a new data set, offers
    a choice (default SEK). Returns the chosen code, or None when it is not a choice."""
    if preview.currency is not None:
        st.caption(t("import.currency_from_file", currency=preview.currency))
        return None
    known = get_store().dataset_currency(dataset)
    if known is not None:
        st.caption(t("import.currency_of_dataset", dataset=dataset, currency=known))
        return None
    return st.selectbox(
        t("import.currency"),
        CURRENCIES,
        index=CURRENCIES.index(DEFAULT_CURRENCY),
        help=t("import.currency_help"),
        key="imp_currency",
    )


def run_import(
    path: Path,
    name: str,
    *,
    kind: str,
    dataset: str,
    mapping: dict[str, str],
    sheet: str | None,
    all_sheets: bool,
    replace_overlap: bool,
    currency: str | None = None,
) -> ImportReport | None:
    """Import with a progress bar; show a translated error and return None on failure."""
    bar = st.progress(0.0, text=t("import.progress", name=name))

    def progress(fraction: float, stage: str) -> None:
        bar.progress(min(max(fraction, 0.0), 1.0), text=t(f"import.stage.{stage}"))

    try:
        if kind == "sales":
            report = import_sales(
                get_store(),
                path,
                dataset=dataset,
                name=name,
                mapping=mapping,
                sheet=sheet,
                all_sheets=all_sheets,
                replace_overlap=replace_overlap,
                progress=progress,
                currency=currency,
            )
        else:
            report = import_customers(
                get_store(), path, dataset=dataset, name=name, mapping=mapping, sheet=sheet
            )
    except IngestError as exc:
        bar.empty()
        st.error(error_text(exc), icon=":material/error:")
        return None
    bar.empty()
    return report


def render_preview(preview: Preview) -> None:
    """The first rows as they will be read, with the reason a row would be rejected."""
    st.markdown(f"**{t('import.preview')}**")
    facts = t(
        "import.file_facts",
        kind=preview.kind.upper(),
        encoding=preview.encoding or "–",
        delimiter=repr(preview.delimiter) if preview.delimiter else "–",
    )
    st.caption(facts)
    rows = preview_table(preview.rows)
    numbers = {c: 0 if c == "quantity" else 2 for c in rows.columns if c in NUMBER_FIELDS}
    st.dataframe(
        localized(rows, numbers=numbers, missing=""),
        hide_index=True,
        width="stretch",
        height=table_height(rows.height),
        column_config={c: t(f"field.{c}") for c in rows.columns},
    )


def preview_table(rows: pl.DataFrame) -> pl.DataFrame:
    """The parsed rows as the preview shows them: the reject reason in words (empty for a
    row that loads), dates as dates in the chosen language, empty text cells empty.
    Number columns stay numbers, for `ui.tables.localized`."""
    shown = []
    for column in rows.columns:
        values = rows[column]
        if column == "reason":
            shown.append(texts(values, _reason, name=column))
        elif column in DATE_FIELDS or values.dtype in (pl.Date, pl.Datetime):
            shown.append(texts(values, lambda d: "" if d is None else fmt_date(d), name=column))
        elif values.dtype == pl.String:
            shown.append(values.fill_null(""))
        else:
            shown.append(values)
    return pl.DataFrame(shown)


def _rejected_table(import_id: int) -> pl.DataFrame:
    rows = get_store().rejected_rows(import_id)
    return rows.with_columns(texts(rows["reason"], _reason, name="reason"))


def _reason(code: object) -> str:
    """A reject reason in words, for a table cell; empty for no reason."""
    return "" if code is None else plain(f"reason.{code}")


def render_report(report: ImportReport) -> None:
    """The import report: counts, amounts that reconcile, warnings and rejected rows."""
    st.subheader(t("import.report"))
    st.success(t("import.done", name=report.file_name), icon=":material/check_circle:")
    cols = st.columns(4)
    cols[0].metric(t("import.rows_read"), fmt_int(report.rows_read))
    cols[1].metric(t("import.rows_loaded"), fmt_int(report.rows_loaded))
    cols[2].metric(t("import.rows_rejected"), fmt_int(report.rows_rejected))
    cols[3].metric(t("import.customers"), fmt_int(report.customers))
    if report.kind == "sales":
        cols = st.columns(4)
        code = report.currency
        cols[0].metric(t("import.revenue_loaded"), fmt_money(report.revenue_loaded, code))
        cols[1].metric(t("import.revenue_rejected"), fmt_money(report.revenue_rejected, code))
        total = report.revenue_loaded + report.revenue_rejected
        cols[2].metric(t("import.revenue_total"), fmt_money(total, code))
        cols[3].metric(
            t("import.period"), f"{fmt_date(report.first_date)} – {fmt_date(report.last_date)}"
        )
        st.caption(t("import.reconciles", total=fmt_money(total, code)))
    for warning in report.warnings:
        st.warning(warning_text(warning), icon=":material/warning:")
    st.markdown(f"**{t('import.rejected')}**")
    if not report.rows_rejected:
        st.caption(t("import.rejected_none"))
        return
    st.markdown(
        " · ".join(f"{t(f'reason.{r}')}: {fmt_int(n)}" for r, n in report.rejected_reasons.items())
    )
    table = _rejected_table(report.import_id)
    st.dataframe(
        localized(table.head(1000), numbers={"revenue": 2}),
        hide_index=True,
        width="stretch",
        height=table_height(min(table.height, 1000)),
        column_config={
            "line_no": t("col.line_no"),
            "sheet": t("col.sheet"),
            "reason": t("col.reason"),
            "revenue": f"{t('col.revenue')} ({report.currency})",
            "raw": t("col.raw"),
        },
    )
    st.download_button(
        t("import.download_rejected"),
        data=to_csv_bytes(table.with_columns(pl.lit(report.currency).alias("currency"))),
        file_name=f"avvisade_rader_{report.import_id}.csv",
        mime="text/csv",
        icon=":material/download:",
    )


def render_history(dataset_id: int | None) -> None:
    """The data set's imports, newest first, and deleting one import."""
    st.subheader(t("import.history"))
    if dataset_id is None:
        st.caption(t("import.history_empty"))
        return
    history = get_store().imports(dataset_id)
    if history.is_empty():
        st.caption(t("import.history_empty"))
        return
    shown = history.select(
        "import_id",
        texts(history["kind"], lambda k: t(f"kind.{k}"), name="kind"),
        "file_name",
        pl.col("imported_at").dt.strftime("%Y-%m-%d %H:%M"),
        "rows_loaded",
        "rows_rejected",
        "revenue_loaded",
        "first_date",
        "last_date",
    )
    st.dataframe(
        localized(
            shown,
            numbers={"rows_loaded": 0, "rows_rejected": 0},
            money=("revenue_loaded",),
        ),
        hide_index=True,
        width="stretch",
        height=table_height(shown.height),
        column_config={
            name: st.column_config.Column(
                # The amount names its currency (`Belopp inläst (SEK)`).
                f"{plain(f'col.{name}')} ({currency()})"
                if name == "revenue_loaded"
                else plain(f"col.{name}")
            )
            for name in shown.columns
        },
    )
    with st.expander(t("import.delete"), icon=":material/delete:"):
        files = dict(zip(history["import_id"], history["file_name"], strict=True))
        pick = st.selectbox(
            t("import.delete_pick"),
            options=list(files),
            format_func=lambda i: f"{i} · {files[i]}",
            key="imp_delete_pick",
        )
        confirm = st.checkbox(t("import.delete_confirm"), key="imp_delete_confirm")
        if st.button(t("import.delete"), disabled=not confirm, key="imp_delete_go"):
            get_store().delete_import(int(pick))
            st.session_state.pop("imp_report", None)
            st.toast(t("import.deleted", file=files[pick]))
            st.rerun()
