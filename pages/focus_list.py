"""Focus list: weight the value criteria and watch who our important customers are."""

from __future__ import annotations

import streamlit as st

from analytics.scoring import score_customers, tier_summary
from locales import t
from ui.data import (
    data_version,
    load_customer_table,
    masking,
    open_page,
    period_caption,
    period_control,
)
from ui.focus_view import (
    export_buttons,
    focus_table,
    tier_table,
    weight_set_controls,
    weight_sliders,
)
from ui.place import control_row, controls_beside
from ui.workshop.stability import stability_panel

lang, dataset, money = open_page("focus.title")
dataset_id = dataset["dataset_id"]

cols = control_row(t("app.controls", lang=lang), [2, 1])
period_spec = period_control(key="focus_period", lang=lang, container=cols[0])
top = cols[1].number_input(
    t("focus.top", lang=lang), min_value=5, max_value=500, value=20, step=5, key="focus_top"
)
table, period = load_customer_table(dataset_id, data_version(dataset_id), period_spec)
if table is None or table.is_empty():
    st.info(t("focus.empty", lang=lang), icon=":material/info:")
    st.stop()
period_caption(period, customers=table.height, lang=lang)


@st.fragment
def live_list() -> None:
    """Only this part reruns when a slider moves: sliders, list, tiers and exports."""
    left, right = controls_beside(
        t("focus.weights", lang=lang), [1, 3.2], heading=True, gap="medium"
    )
    with left:
        weights = weight_sliders(dataset_id, currency=money, lang=lang)
    with right:
        try:
            scored = score_customers(table, weights=weights)
        except ValueError:
            st.warning(t("focus.all_zero", lang=lang), icon=":material/warning:")
            return
        masked = masking()
        tier_table(tier_summary(scored), currency=money, lang=lang)
        st.subheader(t("focus.list", lang=lang, top=int(top)))
        focus_table(scored, top=int(top), masked=masked, currency=money, lang=lang)
        export_buttons(
            scored, weights, top=int(top), period=period, masked=masked, currency=money, lang=lang
        )
        with st.expander(t("focus.sets", lang=lang), icon=":material/bookmarks:"):
            weight_set_controls(table, weights, top=int(top), dataset_id=dataset_id, lang=lang)
        with st.expander(t("stab.focus", lang=lang), icon=":material/balance:"):
            # Sampling is not free on a large data set: only when asked for.
            if st.toggle(t("stab.show", lang=lang), key="focus_stab_on"):
                stability_panel(
                    table, weights, key=f"{data_version(dataset_id)}-{period_spec}",
                    prefix="focus", lang=lang,
                )  # fmt: skip


live_list()
