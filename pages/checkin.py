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
from ui.data import current_dataset, empty_state, get_store
from ui.i18n import session_currency, session_lang
from ui.plans_view import by_input, flash

lang = session_lang()
st.title(t("checkin.title", lang=lang))
dataset = current_dataset()
if dataset is None:
    empty_state("plans.empty", lang=lang)
money = session_currency()

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
