"""Customer plans: where we stand with a customer, where it is heading, the people we
meet, our goals against the actuals and the activities that serve them; the team list,
plans for the A customers at once, and account plans imported from a file."""

from __future__ import annotations

import polars as pl
import streamlit as st

from analytics.plan_tables import find_plan, team
from locales import t
from ui.data import get_store, masking, open_page
from ui.plans_start_view import import_section, pick_customer, start_section, team_section
from ui.plans_view import by_input, flash, no_plan_section, plan_sections

lang, dataset, money = open_page("plans.title", empty_key="plans.empty")
store = get_store()

st.caption(t("plans.intro", lang=lang))
by = by_input("plans_by", lang=lang)
flash("plans")
people = team(store).filter(~pl.col("archived"))["person"].to_list()

plan_tab, team_tab, start_tab, import_tab = st.tabs(
    [
        t("plans.tab.plan", lang=lang),
        t("plans.tab.team", lang=lang),
        t("plans.tab.start", lang=lang),
        t("plans.tab.import", lang=lang),
    ]
)
with plan_tab:
    customer_id = pick_customer(dataset, masked=masking(), lang=lang)
    if customer_id is None:
        st.info(t("plans.no_customers", lang=lang), icon=":material/info:")
    else:
        plan = find_plan(store, dataset=dataset["name"], customer_id=customer_id)
        if plan is None or plan["archived"]:
            no_plan_section(dataset["name"], customer_id, by=by, lang=lang)
        else:
            plan_sections(
                plan, dataset=dataset["name"], people=people, by=by, money=money, lang=lang
            )
with team_tab:
    team_section(by=by, lang=lang)
with start_tab:
    start_section(dataset, by=by, lang=lang)
with import_tab:
    import_section(dataset, by=by, currency=money, lang=lang)
