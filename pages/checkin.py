"""Weekly check-in: twenty minutes round the table on the projector. Each person's
commitments of last week ticked done or not, what is due this week and overdue, new
commitments for next week, and the scoreboard of the customers with a plan. A past
week's board is shown as it was recorded."""

from __future__ import annotations

from datetime import date

import streamlit as st

from analytics.board import board
from locales import t
from ui.checkin_view import live_board, recorded_board, week_picker
from ui.data import get_store, open_page
from ui.plans_view import by_input, flash

lang, dataset, money = open_page("checkin.title", empty_key="plans.empty")

cols = st.columns(2, vertical_alignment="bottom")
with cols[0]:
    week = week_picker(dataset["name"], today=date.today(), lang=lang)
with cols[1]:
    by = by_input("checkin_by", lang=lang)
flash("checkin")

shown = board(get_store(), dataset=dataset["name"], week=week)
if shown["recorded"]:
    recorded_board(shown, dataset["dataset_id"], money=money, lang=lang)
else:
    st.caption(t("checkin.intro", lang=lang))
    live_board(shown, dataset, by=by, money=money, lang=lang)
