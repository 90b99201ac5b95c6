"""Overview: which data set is loaded, its period, customers, revenue and margin coverage."""

from __future__ import annotations

import streamlit as st

from locales import t
from locales.formats import fmt_date, fmt_int, fmt_money, fmt_pct
from ui.charts import monthly_revenue_chart
from ui.data import data_version, empty_state, load_monthly, load_summary, open_page

lang, dataset, money = open_page("overview.title")

if dataset["is_demo"]:
    st.info(
        t("demo.notice", lang=lang, name=dataset["name"].removeprefix("Demo: ")),
        icon=":material/science:",
    )
version = data_version(dataset["dataset_id"])
summary = load_summary(dataset["dataset_id"], version)
st.markdown(t("overview.dataset", lang=lang, name=dataset["name"]))
if not summary["lines"]:
    empty_state(lang=lang)

margin = summary["gross_margin"]
revenue = summary["revenue"]
st.markdown(
    f"{t('overview.period', lang=lang)}: **{fmt_date(summary['first_date'], lang=lang)} – "
    f"{fmt_date(summary['last_date'], lang=lang)}**"
)
cols = st.columns(4)
cols[0].metric(t("overview.customers", lang=lang), fmt_int(summary["customers"], lang=lang))
cols[1].metric(
    t("overview.revenue", lang=lang), fmt_money(revenue, currency=money, lang=lang, compact=True)
)
if margin is None:
    cols[2].metric(
        t("overview.margin", lang=lang), "–", help=t("overview.margin_unknown", lang=lang)
    )
else:
    cols[2].metric(
        t("overview.margin", lang=lang),
        fmt_money(margin, currency=money, lang=lang, compact=True),
        delta=t(
            "overview.margin_pct",
            lang=lang,
            pct=fmt_pct(margin / revenue if revenue else None, lang=lang),
        ),
        delta_color="off",
        delta_arrow="off",
    )
cols[3].metric(
    t("overview.coverage", lang=lang),
    fmt_pct(summary["margin_coverage"], lang=lang),
    help=t("overview.coverage_help", lang=lang),
)
st.caption(
    f"{t('overview.lines', lang=lang)}: {fmt_int(summary['lines'], lang=lang)} · "
    f"{t('overview.imports', lang=lang)}: {fmt_int(summary['imports'], lang=lang)}"
)

st.subheader(t("overview.monthly", lang=lang))
st.altair_chart(
    monthly_revenue_chart(load_monthly(dataset["dataset_id"], version), currency=money, lang=lang),
    width="stretch",
)

st.subheader(t("overview.next", lang=lang))
st.page_link(
    "pages/focus_list.py", label=t("overview.next_focus", lang=lang), icon=":material/star:"
)
st.page_link(
    "pages/import_data.py",
    label=t("overview.next_import", lang=lang),
    icon=":material/upload_file:",
)
