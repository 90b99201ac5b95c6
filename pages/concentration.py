"""Profitability versus size: the quadrant, the whale curve and the Pareto curve, with the
focus list highlighted."""

from __future__ import annotations

import streamlit as st

from analytics.concentration import (
    MARGIN_NONE,
    assign_quadrants,
    concentration_summary,
    pareto_curve,
    quadrant_cuts,
    quadrant_summary,
    whale_curve,
    whale_peak,
    with_margin,
)
from ui import concentration_view as view
from ui.data import (
    current_dataset,
    data_version,
    empty_state,
    load_customer_table,
    period_caption,
    period_control,
)
from ui.i18n import t
from ui.style import controls

st.title(t("conc.title"))
dataset = current_dataset()
if dataset is None:
    empty_state()
cols = st.columns([2, 1])
with cols[0]:
    period_spec = period_control(key="conc_period")
with cols[1]:
    top = view.top_control()
dataset_id, version = dataset["dataset_id"], data_version(dataset["dataset_id"])
table, period = load_customer_table(dataset_id, version, period_spec)
if table is None or table.is_empty():
    st.info(t("focus.empty"), icon=":material/info:")
    st.stop()
period_caption(period, customers=table.height)
groups = view.load_groups(dataset_id, version, period.start, period.end)
with controls(t("app.controls")):
    settings = view.margin_controls(table, groups)
frame = with_margin(
    table,
    assumed_margin=settings["assumed_margin"],
    group_margins=settings["group_margins"],
    groups=groups,
)
summary = concentration_summary(frame, top=top)
source = summary["margin_source"]
view.assumption_notice(frame, source, settings)
view.headline(summary, projector=bool(st.session_state.get("presentation")))
tiers = view.focus_customers(table, top=top, dataset_id=dataset_id)


@st.fragment
def quadrant() -> None:
    """Only this part reruns when the measure or a cut line changes."""
    st.subheader(view.with_assumed(t("conc.quad.title"), source))
    with controls(t("app.controls")):
        options = view.quadrant_controls()
    cuts = quadrant_cuts(frame, **options)
    if cuts["size"] is None:
        st.info(t("conc.quad.empty"), icon=":material/info:")
        return
    measure = options["measure"]
    assigned = assign_quadrants(
        frame, measure=measure, size_cut=cuts["size"], profit_cut=cuts["profit"]
    )
    points, cells, facts = view.quadrant_points(assigned, tiers, measure=measure)
    chart = view.quadrant_chart(points, cells, cuts=cuts, facts=facts, measure=measure)
    st.altair_chart(chart, width="stretch")
    view.focus_legend(points)
    st.caption(view.cut_caption(cuts, measure=measure, facts=facts))
    counts = quadrant_summary(assigned)
    st.markdown(view.quadrant_sentence(counts, points, top=top, source=source))
    view.quadrant_table(counts)
    view.export_buttons(chart, name="kvadrant", title=t("conc.quad.title"), source=source)


if source != MARGIN_NONE:
    quadrant()
    whale = whale_curve(frame)
    chart = view.whale_chart(whale, whale_peak(whale), tiers, frame)
    view.chart_section("whale", chart, view.whale_sentence(summary), name="valkurva", source=source)
n80 = summary["customers_for_80pct_revenue"]
chart = None
if n80 is not None:
    chart = view.pareto_chart(pareto_curve(frame), n80, tiers, frame)
view.chart_section("pareto", chart, view.pareto_sentence(summary), name="pareto")
