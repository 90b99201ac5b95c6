"""The import page's Streamlit sections: upload, preview, mapping editor, report and
history. They place what `ui.imports` builds, in the language `lang` the page passes."""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path

import polars as pl
import streamlit as st

from analytics.export import to_csv_bytes
from analytics.ingest.errors import IngestError
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
from locales import plain, t
from locales.formats import MISSING, fmt_date, fmt_int, fmt_money
from ui.data import PENDING_DATASET_KEY, get_store
from ui.i18n import error_text, warning_text
from ui.imports.sentences import (
    KIND_CHOICES,
    file_facts,
    new_name,
    reasons_line,
    report_period,
    stage_text,
)
from ui.imports.tables import (
    history_labels,
    history_table,
    preview_decimals,
    preview_labels,
    preview_table,
    rejected_labels,
    rejected_table,
)
from ui.place import offer_file
from ui.tables import localized, table_height
from ui.upload import UPLOAD_TYPES, upload_file

__all__ = [
    "REPORT_KEY",
    "cached_preview",
    "dataset_name_control",
    "file_section",
    "render_history",
    "render_report",
    "sheet_choice",
    "upload_controls",
]

_DATASET_KEY = "imp_dataset"  # the text box with the target data set's name
_DATASET_FOR_KEY = "imp_dataset_for"  # the (file, kind) that name was proposed for
REPORT_KEY = "imp_report"  # the last import's report, shown until the next import


def upload_controls(*, lang: str):
    """What the file holds (sales or a customer master) and the uploader; returns
    `(kind, uploaded file or None)`."""
    kind = st.radio(
        t("import.kind", lang=lang),
        list(KIND_CHOICES),
        format_func=lambda k: t(KIND_CHOICES[k], lang=lang),
        horizontal=True,
        key="imp_kind",
    )
    uploaded = st.file_uploader(
        t("import.upload", lang=lang),
        type=UPLOAD_TYPES,
        help=t("import.upload_help", lang=lang),
        key="imp_file",
    )
    return kind, uploaded


def dataset_name_control(
    uploaded, *, kind: str, dataset: dict | None, names: list[str], lang: str
) -> str:
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
            stem = Path(uploaded.name).stem.strip()
            st.session_state[_DATASET_KEY] = new_name(
                stem or plain("import.default_dataset", lang=lang), names
            )
    value = st.text_input(
        t("import.dataset", lang=lang), help=t("import.dataset_help", lang=lang), key=_DATASET_KEY
    )
    return value.strip()


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
    preview: Preview | IngestError, path: Path, uploaded, *, kind: str, lang: str
) -> tuple[Preview | IngestError, str | None, bool]:
    """For a workbook with several sheets: pick one, or stack all with the same header.

    Returns the preview for that choice, the sheet to read (None when all are stacked or
    the file has no sheets) and whether all sheets are stacked.
    """
    if isinstance(preview, IngestError) or len(preview.available_sheets) <= 1:
        return preview, None, False
    cols = st.columns(2, vertical_alignment="bottom")
    sheet = cols[0].selectbox(
        t("import.sheet", lang=lang),
        preview.available_sheets,
        index=preview.available_sheets.index(preview.sheets[0]),
        key="imp_sheet",
    )
    all_sheets = cols[1].checkbox(t("import.all_sheets", lang=lang), key="imp_all_sheets")
    chosen = None if all_sheets else sheet
    return (
        cached_preview(path, uploaded, sheet=chosen, all_sheets=all_sheets, kind=kind),
        chosen,
        all_sheets,
    )


def chosen_mapping(
    headers: list[str],
    proposed: dict[str, str],
    *,
    labels: dict[str, str],
    key: str,
    lang: str,
    notes: list[dict] | None = None,
) -> dict[str, str]:
    """One select box per field of `labels` ({field: label}), preset from `proposed`;
    returns `{field: header}`.

    Below them, what the automatic mapping guessed or inferred (and why), for as long as
    the user keeps that column for the field.
    """
    options = [None, *headers]
    mapping: dict[str, str] = {}
    columns = st.columns(3)
    for index, (fld, text) in enumerate(labels.items()):
        current = proposed.get(fld)
        choice = columns[index % 3].selectbox(
            text,
            options=options,
            index=options.index(current) if current in options else 0,
            format_func=lambda h: t("import.not_used", lang=lang) if h is None else h,
            key=f"{key}_{fld}",
        )
        if choice is not None:
            mapping[fld] = choice
    for note in notes or []:
        fld = note.get("field")
        if fld is None:
            st.info(warning_text(note, lang=lang), icon=":material/inventory:")
        elif mapping.get(fld) == note.get("column"):
            st.warning(warning_text(note, lang=lang), icon=":material/help:")
    return mapping


def profile_form(headers: list[str], mapping: dict[str, str], *, key: str, lang: str) -> None:
    """Save the mapping under a name, for the next file with the same headers."""
    cols = st.columns([3, 2], vertical_alignment="bottom")
    name = cols[0].text_input(t("import.profile_name", lang=lang), key=f"{key}_profile_name")
    if cols[1].button(t("import.save_profile", lang=lang), key=f"{key}_profile_save"):
        try:
            save_profile(get_store(), name, headers, mapping)
        except IngestError as exc:
            st.error(error_text(exc, lang=lang))
        else:
            _preview.clear()
            st.success(t("import.profile_saved", lang=lang, name=name.strip()))


def currency_choice(preview: Preview, *, dataset: str, lang: str) -> str | None:
    """The currency of amounts the file does not label: what the file states wins, then
    the data set's own; only a file that says nothing, loaded into a new data set, offers
    a choice (default SEK). Returns the chosen code, or None when it is not a choice."""
    if preview.currency is not None:
        st.caption(t("import.currency_from_file", lang=lang, currency=preview.currency))
        return None
    known = get_store().dataset_currency(dataset)
    if known is not None:
        st.caption(t("import.currency_of_dataset", lang=lang, dataset=dataset, currency=known))
        return None
    return st.selectbox(
        t("import.currency", lang=lang),
        CURRENCIES,
        index=CURRENCIES.index(DEFAULT_CURRENCY),
        help=t("import.currency_help", lang=lang),
        key="imp_currency",
    )


def run_import(
    path: Path,
    name: str,
    *,
    kind: str,
    dataset: str,
    options: dict,
    lang: str,
) -> ImportReport | None:
    """Import with a progress bar; show a translated error and return None on failure.
    `options`: `mapping`, `sheet`, `all_sheets`, and for sales `replace_overlap` and
    `currency`."""
    bar = st.progress(0.0, text=t("import.progress", lang=lang, name=name))

    def progress(fraction: float, stage: str) -> None:
        bar.progress(min(max(fraction, 0.0), 1.0), text=stage_text(stage, lang=lang))

    store = get_store()
    try:
        if kind == "sales":
            report = import_sales(
                store, path, dataset=dataset, name=name, progress=progress, **options
            )
        else:
            report = import_customers(
                store,
                path,
                dataset=dataset,
                name=name,
                mapping=options["mapping"],
                sheet=options["sheet"],
            )
    except IngestError as exc:
        bar.empty()
        st.error(error_text(exc, lang=lang), icon=":material/error:")
        return None
    bar.empty()
    return report


def render_preview(preview: Preview, *, lang: str) -> None:
    """The first rows as they will be read, with the reason a row would be rejected."""
    st.markdown(f"**{t('import.preview', lang=lang)}**")
    st.caption(file_facts(preview, lang=lang))
    rows = preview_table(preview.rows, lang=lang)
    st.dataframe(
        localized(rows, numbers=preview_decimals(rows.columns), lang=lang),
        hide_index=True,
        width="stretch",
        height=table_height(rows.height),
        column_config=preview_labels(rows.columns, lang=lang),
        placeholder=MISSING,
    )


def file_section(uploaded, *, kind: str, dataset: dict | None, names: list[str], lang: str) -> None:
    """An uploaded file: the data set to load it into, then, read from a temporary copy,
    its sheet, preview, column mapping, options and the import button."""
    target = dataset_name_control(uploaded, kind=kind, dataset=dataset, names=names, lang=lang)
    # The file is on disk only while this run reads it.
    with upload_file(uploaded) as path:
        preview = cached_preview(path, uploaded, kind=kind)
        preview, sheet, all_sheets = sheet_choice(preview, path, uploaded, kind=kind, lang=lang)
        if isinstance(preview, IngestError):
            st.error(error_text(preview, lang=lang), icon=":material/error:")
            return
        reading = {"sheet": sheet, "all_sheets": all_sheets}
        _mapping_section(
            path, uploaded, preview, kind=kind, target=target, reading=reading, lang=lang
        )


def _mapping_section(
    path: Path,
    uploaded,
    preview: Preview,
    *,
    kind: str,
    target: str,
    reading: dict,
    lang: str,
) -> None:
    """The column mapping, the preview as mapped, the mapping profile, the import's
    options and the button that imports; `reading` is the sheet choice."""
    st.subheader(t("import.mapping", lang=lang))
    st.caption(t("import.mapping_help", lang=lang))
    if preview.profile:
        text = t("import.mapping_profile", lang=lang, name=preview.profile)
        st.info(text, icon=":material/bookmark:")
    form_key = f"imp_map_{uploaded.file_id}_{kind}"
    fields = SALES_FIELDS if kind == "sales" else MASTER_FIELDS
    labels = {fld: t(f"field.{fld}", lang=lang) for fld in fields}
    mapping = chosen_mapping(
        preview.headers, preview.mapping, labels=labels, key=form_key, lang=lang,
        notes=preview.notes,
    )  # fmt: skip
    checked = cached_preview(path, uploaded, mapping=mapping, kind=kind, **reading)
    problem = checked if isinstance(checked, IngestError) else checked.problem
    if problem is not None:
        st.error(error_text(problem, lang=lang), icon=":material/error:")
    else:
        render_preview(checked, lang=lang)
    profile_form(preview.headers, mapping, key=form_key, lang=lang)
    options = {"mapping": mapping, **reading}
    if kind == "sales":
        options["replace_overlap"] = st.checkbox(
            t("import.replace_overlap", lang=lang),
            help=t("import.replace_help", lang=lang),
            key="imp_replace",
        )
        options["currency"] = (
            currency_choice(checked, dataset=target, lang=lang) if problem is None else None
        )
    go = st.button(
        t("import.go", lang=lang),
        type="primary",
        disabled=problem is not None or not target,
        key="imp_go",
    )
    if go:
        report = run_import(
            path, uploaded.name, kind=kind, dataset=target, options=options, lang=lang
        )
        if report is not None:
            st.session_state[REPORT_KEY] = report
            st.session_state[PENDING_DATASET_KEY] = target
            st.rerun()


def render_report(report: ImportReport, *, lang: str) -> None:
    """The import report: counts, amounts that reconcile, warnings and rejected rows."""
    st.subheader(t("import.report", lang=lang))
    st.success(t("import.done", lang=lang, name=report.file_name), icon=":material/check_circle:")
    cols = st.columns(4)
    counts = {
        "import.rows_read": report.rows_read,
        "import.rows_loaded": report.rows_loaded,
        "import.rows_rejected": report.rows_rejected,
        "import.customers": report.customers,
    }
    for col, (key, count) in zip(cols, counts.items(), strict=True):
        col.metric(t(key, lang=lang), fmt_int(count, lang=lang))
    if report.kind == "sales":
        _report_amounts(report, lang=lang)
    for warning in report.warnings:
        st.warning(warning_text(warning, lang=lang), icon=":material/warning:")
    st.markdown(f"**{t('import.rejected', lang=lang)}**")
    if not report.rows_rejected:
        st.caption(t("import.rejected_none", lang=lang))
        return
    st.markdown(reasons_line(report, lang=lang))
    table = rejected_table(get_store().rejected_rows(report.import_id), lang=lang)
    st.dataframe(
        localized(table.head(1000), numbers={"revenue": 2}, lang=lang),
        hide_index=True,
        width="stretch",
        height=table_height(min(table.height, 1000)),
        column_config=rejected_labels(currency=report.currency, lang=lang),
        placeholder=MISSING,
    )
    offer_file(
        st,
        t("import.download_rejected", lang=lang),
        to_csv_bytes(table.with_columns(pl.lit(report.currency).alias("currency"))),
        file_name=f"avvisade_rader_{report.import_id}.csv",
    )


def _report_amounts(report: ImportReport, *, lang: str) -> None:
    """A sales import's amounts loaded and rejected, which add up to the file's total, in
    the import's currency, and its period."""

    def money(value) -> str:
        return fmt_money(value, currency=report.currency, lang=lang)

    total = report.revenue_loaded + report.revenue_rejected
    cols = st.columns(4)
    cols[0].metric(t("import.revenue_loaded", lang=lang), money(report.revenue_loaded))
    cols[1].metric(t("import.revenue_rejected", lang=lang), money(report.revenue_rejected))
    cols[2].metric(t("import.revenue_total", lang=lang), money(total))
    cols[3].metric(t("import.period", lang=lang), report_period(report, lang=lang))
    st.caption(t("import.reconciles", lang=lang, total=money(total)))


def render_history(dataset_id: int | None, *, currency: str, lang: str) -> None:
    """The data set's imports, newest first, and deleting one import."""
    st.subheader(t("import.history", lang=lang))
    history = None if dataset_id is None else get_store().imports(dataset_id)
    if history is None or history.is_empty():
        st.caption(t("import.history_empty", lang=lang))
        return
    shown = history_table(history, lang=lang)
    labels = history_labels(currency=currency, lang=lang)
    st.dataframe(
        localized(
            shown,
            numbers={"rows_loaded": 0, "rows_rejected": 0},
            money=("revenue_loaded",),
            # Dates in the language's form; the cells stay dates, so they sort as dates.
            texts=dict.fromkeys(("first_date", "last_date"), partial(fmt_date, lang=lang)),
            lang=lang,
        ),
        hide_index=True,
        width="stretch",
        height=table_height(shown.height),
        column_config={name: st.column_config.Column(labels[name]) for name in shown.columns},
        placeholder=MISSING,
    )
    with st.expander(t("import.delete", lang=lang), icon=":material/delete:"):
        _delete_import(history, lang=lang)


def _delete_import(history: pl.DataFrame, *, lang: str) -> None:
    """Pick one of the data set's imports and, once confirmed, delete it (its lines go)."""
    files = dict(zip(history["import_id"], history["file_name"], strict=True))
    pick = st.selectbox(
        t("import.delete_pick", lang=lang),
        options=list(files),
        format_func=lambda i: f"{i} · {files[i]}",
        key="imp_delete_pick",
    )
    confirm = st.checkbox(t("import.delete_confirm", lang=lang), key="imp_delete_confirm")
    if st.button(t("import.delete", lang=lang), disabled=not confirm, key="imp_delete_go"):
        get_store().delete_import(int(pick))
        st.session_state.pop(REPORT_KEY, None)
        st.toast(t("import.deleted", lang=lang, file=files[pick]))
        st.rerun()
