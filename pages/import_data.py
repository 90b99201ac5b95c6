"""Import: upload an export, check the preview and mapping, load it, read the report."""

from __future__ import annotations

import streamlit as st

from analytics.ingest.errors import IngestError
from ui.data import PENDING_DATASET_KEY, current_dataset, datasets
from ui.i18n import error_text, t
from ui.import_view import (
    cached_preview,
    chosen_mapping,
    currency_choice,
    dataset_name_control,
    profile_form,
    render_history,
    render_preview,
    render_report,
    run_import,
    sheet_choice,
    upload_file,
)

st.title(t("import.title"))
st.markdown(t("import.intro"))
dataset = current_dataset()

kind = st.radio(
    t("import.kind"),
    ["sales", "customers"],
    format_func=lambda k: t(f"import.kind_{k}"),
    horizontal=True,
    key="imp_kind",
)
uploaded = st.file_uploader(
    t("import.upload"),
    type=["csv", "txt", "tsv", "xlsx", "xlsm", "xls", "parquet"],
    help=t("import.upload_help"),
    key="imp_file",
)

if uploaded is not None:
    target = dataset_name_control(
        uploaded, kind=kind, dataset=dataset, names=datasets()["name"].to_list()
    )
    # The file is on disk only while this run reads it.
    with upload_file(uploaded) as path:
        preview = cached_preview(path, uploaded, kind=kind)
        preview, sheet, all_sheets = sheet_choice(preview, path, uploaded, kind=kind)
        if isinstance(preview, IngestError):
            st.error(error_text(preview), icon=":material/error:")
        else:
            st.subheader(t("import.mapping"))
            st.caption(t("import.mapping_help"))
            if preview.profile:
                st.info(
                    t("import.mapping_profile", name=preview.profile), icon=":material/bookmark:"
                )
            form_key = f"imp_map_{uploaded.file_id}_{kind}"
            mapping = chosen_mapping(preview, key=form_key, kind=kind)
            checked = cached_preview(
                path, uploaded, mapping=mapping, sheet=sheet, all_sheets=all_sheets, kind=kind
            )
            problem = checked if isinstance(checked, IngestError) else checked.problem
            if problem is not None:
                st.error(error_text(problem), icon=":material/error:")
            else:
                render_preview(checked)
            profile_form(preview, mapping, key=form_key)
            replace = kind == "sales" and st.checkbox(
                t("import.replace_overlap"), help=t("import.replace_help"), key="imp_replace"
            )
            chosen_currency = (
                currency_choice(checked, dataset=target)
                if kind == "sales" and problem is None
                else None
            )
            if st.button(
                t("import.go"),
                type="primary",
                disabled=problem is not None or not target,
                key="imp_go",
            ):
                report = run_import(
                    path,
                    uploaded.name,
                    kind=kind,
                    dataset=target,
                    mapping=mapping,
                    sheet=sheet,
                    all_sheets=all_sheets,
                    replace_overlap=replace,
                    currency=chosen_currency,
                )
                if report is not None:
                    st.session_state["imp_report"] = report
                    st.session_state[PENDING_DATASET_KEY] = target
                    st.rerun()

report = st.session_state.get("imp_report")
if report is not None:
    render_report(report)
render_history(dataset["dataset_id"] if dataset else None)
