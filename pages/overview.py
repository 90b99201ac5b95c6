"""Overview: which data set is loaded, its period, customers, revenue and margin coverage."""

from __future__ import annotations

import streamlit as st

from ui.charts import monthly_revenue_chart
from ui.data import current_dataset, data_version, empty_state, load_monthly, load_summary
from ui.i18n import fmt_date, fmt_int, fmt_money, fmt_pct, t

st.title(t("overview.title"))
dataset = current_dataset()
if dataset is None:
    empty_state()

if dataset["is_demo"]:
    st.info(
        t("demo.notice", name=dataset["name"].removeprefix("Demo: ")), icon=":material/science:"
    )
version = data_version(dataset["dataset_id"])
summary = load_summary(dataset["dataset_id"], version)
st.markdown(t("overview.dataset", name=dataset["name"]))
if not summary["lines"]:
    empty_state()

margin = summary["gross_margin"]
revenue = summary["revenue"]
st.markdown(
    f"{t('overview.period')}: **{fmt_date(summary['first_date'])} – "
    f"{fmt_date(summary['last_date'])}**"
)
cols = st.columns(4)
cols[0].metric(t("overview.customers"), fmt_int(summary["customers"]))
cols[1].metric(t("overview.revenue"), fmt_money(revenue, compact=True))
if margin is None:
    cols[2].metric(t("overview.margin"), "–", help=t("overview.margin_unknown"))
else:
    cols[2].metric(
        t("overview.margin"),
        fmt_money(margin, compact=True),
        delta=t("overview.margin_pct", pct=fmt_pct(margin / revenue if revenue else None)),
        delta_color="off",
        delta_arrow="off",
    )
cols[3].metric(
    t("overview.coverage"), fmt_pct(summary["margin_coverage"]), help=t("overview.coverage_help")
)
st.caption(
    f"{t('overview.lines')}: {fmt_int(summary['lines'])} · "
    f"{t('overview.imports')}: {fmt_int(summary['imports'])}"
)

st.subheader(t("overview.monthly"))
st.altair_chart(
    monthly_revenue_chart(load_monthly(dataset["dataset_id"], version)), width="stretch"
)

st.subheader(t("overview.next"))
st.page_link("pages/focus_list.py", label=t("overview.next_focus"), icon=":material/star:")
st.page_link("pages/import_data.py", label=t("overview.next_import"), icon=":material/upload_file:")
