"""The weekly check-in's Streamlit sections: the week, the timer, each person's
commitments with a check box to tick them done, new commitments for next week, the
scoreboard, and a past week's board as it was recorded. They place what `ui.checkin`
builds, in the language `lang` the page passes down."""

from __future__ import annotations

import time
from datetime import date, timedelta

import polars as pl
import streamlit as st

from analytics.board import Board, parse_week, recorded_weeks, week_of
from analytics.plan_tables import activities, plans, team
from analytics.plans import update
from locales import t
from locales.formats import fmt_date
from ui.checkin import tables as checkin
from ui.data import get_store
from ui.elements import column_labels
from ui.place import show_rows
from ui.plans.sentences import not_measured_board_text, person_rules_text, rules_text
from ui.plans_view import activity_form, lit, masked_names
from ui.tables import localized, paged

__all__ = [
    "live_board",
    "recorded_board",
    "scoreboard_section",
    "week_picker",
]

_TIMER_PERSON = "checkin_timer_person"  # whose turn it is (None: the timer is off)
_TIMER_START = "checkin_timer_start"  # when that turn started (seconds since 1970)
_TIMER_KEY = "checkin_timer"  # the clock's own name (a fragment's key)
_MONEY = (
    "target_revenue",
    "expected_revenue",
    "actual_revenue",
    "target_margin",
    "actual_margin",
    "revenue_12m",
)


def week_picker(dataset: str, *, today: date, lang: str) -> str:
    """The ISO week of the board: this week by default, the weeks around it and every
    week whose board is recorded."""
    options = checkin.week_options(today, recorded_weeks(get_store(), dataset=dataset))
    return st.selectbox(
        t("checkin.week", lang=lang),
        options,
        index=options.index(week_of(today)),
        format_func=lambda w: checkin.week_label(w, lang=lang),
        key="checkin_week",
    )


def _start(person: str) -> None:
    st.session_state[_TIMER_PERSON] = person
    st.session_state[_TIMER_START] = time.time()


def _stop() -> None:
    st.session_state[_TIMER_PERSON] = None


def _timer(budget: int, *, lang: str) -> None:
    """Whose turn it is and the time spent against each person's share of the meeting,
    counting every second while a turn runs (only this part reruns). The clock is known
    by its key, not by where it stands on the page: a message appearing above it does not
    make it another clock."""
    running = st.session_state.get(_TIMER_PERSON) is not None

    @st.fragment(run_every=1 if running else None, key=_TIMER_KEY)
    def clock() -> None:
        person = st.session_state.get(_TIMER_PERSON)
        if person is None and running:
            st.rerun()  # stopped: the whole page again, so the clock stops ticking
        if person is None:
            st.caption(
                t(
                    "checkin.timer_off",
                    lang=lang,
                    minutes=budget // 60,
                    seconds=f"{budget % 60:02d}",
                )
            )
            return
        reading, over = checkin.timer_text(
            time.time() - st.session_state.get(_TIMER_START, 0), budget
        )
        cols = st.columns([3, 1], vertical_alignment="center")
        text = t("checkin.timer", lang=lang, person=person, time=reading)
        (cols[0].error if over else cols[0].info)(text, icon=":material/timer:")
        cols[1].button(t("checkin.timer_stop", lang=lang), on_click=_stop, key="checkin_stop")

    clock()


def _tick(activity_id: int, key: str, by: str) -> None:
    """A commitment's box was clicked: done, or back to planned."""
    done = bool(st.session_state.get(key))
    update(
        get_store(), "activity", activity_id, status="done" if done else "planned", by=by or None
    )


def _commitments(frame: pl.DataFrame, *, by: str, lang: str) -> None:
    if frame.is_empty():
        st.caption("–")
    for row in frame.iter_rows(named=True):
        key = f"checkin_done_{row['activity_id']}"
        st.session_state[key] = row["status"] == "done"  # what is stored, every run
        st.checkbox(
            checkin.commitment_text(row, lang=lang),
            key=key,
            on_change=_tick,
            args=(row["activity_id"], key, by),
        )


def _person(owner, lists, stats, *, plan_names, monday, by, lang) -> None:
    """One person's commitments: last week's, this week's and overdue ones to tick, next
    week's, and a form for new ones."""
    name = owner or t("checkin.no_owner", lang=lang)
    with st.container(border=True):
        cols = st.columns([4, 1], vertical_alignment="center")
        cols[0].markdown(f"#### {checkin.person_heading(stats, name, lang=lang)}")
        if owner is not None:
            cols[1].button(
                t("checkin.timer_start", lang=lang),
                on_click=_start,
                args=(owner,),
                key=f"checkin_start_{owner}",
                icon=":material/timer:",
            )
        left, right = st.columns(2, gap="large")
        for column, names in (
            (left, ("last_week", "overdue")),
            (right, ("this_week", "next_week")),
        ):
            with column:
                for list_name in names:
                    st.markdown(f"**{t(checkin.LIST_KEYS[list_name], lang=lang)}**")
                    _commitments(lists[list_name], by=by, lang=lang)
        if owner is not None and plan_names:
            with st.expander(t("checkin.new", lang=lang), icon=":material/add_task:"):
                activity_form(
                    f"checkin_add_{owner}_{monday}",
                    plans=plan_names,
                    people=[owner],
                    owner=owner,
                    due=monday + timedelta(days=11),
                    by=by,
                    prefix="checkin",
                    lang=lang,
                )


def live_board(board: Board, dataset: dict, *, by: str, money: str, lang: str) -> None:
    """This (or a coming) week: everyone's commitments, then the scoreboard."""
    store = get_store()
    name, dataset_id = dataset["name"], dataset["dataset_id"]
    monday, _sunday = parse_week(board["week"])
    listed = plans(store, dataset=name)
    shown = pl.DataFrame(
        masked_names(
            listed.select("customer_id", "customer_name").to_dicts(), dataset_id, lang=lang
        ),
        schema={"customer_id": pl.String, "customer_name": pl.String},
    )
    acts = activities(store, dataset=name).join(shown, on="customer_id", how="left")
    plan_names = dict(
        zip(listed["plan_id"].to_list(), shown["customer_name"].to_list(), strict=True)
    )
    members = team(store)["person"].to_list()
    people = [*members, *sorted(set(acts["owner"].drop_nulls()) - set(members))]
    stats = {p["person"]: p for p in board["people"]}
    _timer(checkin.speaking_time(len(people)), lang=lang)
    if not people:
        st.info(t("checkin.no_people", lang=lang), icon=":material/groups:")
    for owner in people:
        _person(
            owner,
            checkin.person_lists(acts, owner=owner, monday=monday),
            stats.get(owner),
            plan_names=plan_names,
            monday=monday,
            by=by,
            lang=lang,
        )
    unowned = checkin.person_lists(acts, owner=None, monday=monday)
    if any(not f.is_empty() for f in unowned.values()):
        _person(None, unowned, None, plan_names=plan_names, monday=monday, by=by, lang=lang)
    scoreboard_section(board, dataset_id, money=money, lang=lang)


def scoreboard_section(board: Board, dataset_id: int, *, money: str, lang: str) -> None:
    """The scoreboard: per customer with a plan its targets against the actuals, and per
    person done against promised, each with the rules of its lights."""
    st.subheader(t("checkin.scoreboard", lang=lang))
    if board["as_of"]:
        as_of = fmt_date(date.fromisoformat(board["as_of"]), lang=lang)
        st.caption(t("plans.board.as_of", lang=lang, date=as_of))
    named = masked_names(board["scoreboard"], dataset_id, lang=lang)
    if why := not_measured_board_text(named, lang=lang):
        st.caption(why)
    rows = checkin.scoreboard_rows(named, lang=lang)
    if rows.is_empty():
        st.caption(t("checkin.no_plans", lang=lang))
    else:
        rows = paged(rows, key="checkin_scoreboard", lang=lang)
        show_rows(
            lit(
                localized(rows, money=_MONEY, lang=lang),
                ["status", "revenue_status", "margin_status"],
                lang=lang,
            ),
            rows=rows.height,
            labels=column_labels(checkin.SCOREBOARD_COLUMNS, currency=money, lang=lang),
        )
    st.caption(rules_text(lang=lang))
    people = checkin.people_rows(board["people"], lang=lang)
    if not people.is_empty():
        st.markdown(f"**{t('checkin.people', lang=lang)}**")
        people = paged(people, key="checkin_people", lang=lang)
        show_rows(
            lit(localized(people, lang=lang), ["status"], lang=lang),
            rows=people.height,
            labels=column_labels(checkin.PEOPLE_COLUMNS, lang=lang),
        )
        st.caption(person_rules_text(lang=lang))


def recorded_board(board: Board, dataset_id: int, *, money: str, lang: str) -> None:
    """A past week's board as it stood when the week ended, unchanged."""
    st.info(t("plans.board.recorded", lang=lang, week=board["week"]), icon=":material/lock:")
    for section, key in (
        ("due", "plans.section.due"),
        ("overdue", "plans.section.overdue"),
        ("done", "plans.section.done"),
    ):
        st.markdown(f"**{t(key, lang=lang)}**")
        rows = checkin.board_rows(masked_names(board[section], dataset_id, lang=lang), lang=lang)
        if rows.is_empty():
            st.caption("–")
            continue
        rows = paged(rows, key=f"checkin_{section}", lang=lang)
        show_rows(rows, rows=rows.height, labels=column_labels(checkin.BOARD_COLUMNS, lang=lang))
    scoreboard_section(board, dataset_id, money=money, lang=lang)
