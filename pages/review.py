"""Quarterly review: per customer with a plan the goals against the actuals for the
quarter, the activities done and the movement in tier and rank since a decision — the
wins to celebrate first; the review as an Excel file; rolling the plans forward."""

from __future__ import annotations

from datetime import date

import streamlit as st

from locales import t
from ui.data import open_page
from ui.plans_view import by_input, flash
from ui.review_view import choices, load_review, review_sections, roll_section

lang, dataset, money = open_page("review.title", empty_key="plans.empty")

quarter, decision = choices(dataset["name"], today=date.today(), lang=lang)
st.caption(t("review.intro", lang=lang))
flash("review")
review = load_review(dataset, quarter, decision, lang=lang)
review_sections(review, money=money, lang=lang)

st.divider()
by = by_input("review_by", lang=lang)
names = {c["customer_id"]: c["customer_name"] or c["customer_id"] for c in review["customers"]}
roll_section(dataset, quarter, names, by=by, money=money, lang=lang)
