"""The quarterly review's Streamlit sections: the quarter and the decision to compare
with, the wins first, each customer's goals and activities, the Excel file, and rolling
the plans forward. They place what `ui.review` builds, in the language `lang` the page
passes down."""

from __future__ import annotations

from datetime import date

import polars as pl
import streamlit as st

from analytics.decision import decisions
from analytics.review import parse_quarter, quarterly_review, roll_forward
from analytics.targets import goal_progress
from locales import t
from locales.formats import fmt_int
from ui.data import get_store
from ui.place import offer_file, show_rows
from ui.plans_view import lit, masked_names, say
from ui.review.tables import (
    customer_rows,
    done_rows,
    goal_rows,
    labels,
    on_screen,
    quarter_label,
    quarter_of,
    quarter_options,
    review_workbook,
    roll_rows,
    win_rows,
)
from ui.tables import localized, paged

__all__ = ["choices", "load_review", "review_sections", "roll_section"]


def choices(dataset: str, *, today: date, lang: str) -> tuple[str, str | None]:
    """The quarter (this one by default) and a saved decision of the data set to measure
    tier and rank movement against (none by default)."""
    cols = st.columns(2)
    options = quarter_options(today)
    quarter = cols[0].selectbox(
        t("review.quarter", lang=lang),
        options,
        index=options.index(quarter_of(today)),
        format_func=lambda q: quarter_label(q, lang=lang),
        key="review_quarter",
    )
    saved = decisions(get_store()).filter(pl.col("dataset_name") == dataset)["name"].to_list()
    decision = cols[1].selectbox(
        t("review.decision", lang=lang),
        [None, *saved],
        format_func=lambda d: t("review.no_decision", lang=lang) if d is None else d,
        key="review_decision",
    )
    return quarter, decision


def load_review(dataset: dict, quarter: str, decision: str | None, *, lang: str) -> dict:
    """The review with customer names as the page may show them."""
    review = quarterly_review(
        get_store(), dataset=dataset["name"], quarter=quarter, decision=decision
    )
    dataset_id = dataset["dataset_id"]
    review["wins"] = masked_names(review["wins"], dataset_id, lang=lang)
    review["customers"] = masked_names(review["customers"], dataset_id, lang=lang)
    return review


def _table(frame: pl.DataFrame, *, key: str, money: str, lang: str, amounts=()) -> None:
    """`frame` on the screen, paging on a projector (`key`: its page number)."""
    shown = paged(on_screen(frame, lang=lang), key=key, lang=lang)
    show_rows(
        lit(localized(shown, money=amounts, lang=lang), ["status"], lang=lang),
        rows=shown.height,
        labels=labels(shown.columns, currency=money, lang=lang),
    )


def review_sections(review: dict, *, money: str, lang: str) -> None:
    """Wins first, then each customer's line, the goals against the actuals and the
    activities done; the Excel file."""
    st.subheader(t("review.wins", lang=lang, count=fmt_int(len(review["wins"]), lang=lang)))
    wins = win_rows(review, lang=lang)
    if wins.is_empty():
        st.caption(t("review.no_wins", lang=lang))
    else:
        for row in wins.iter_rows(named=True):
            st.success(t("review.win_line", lang=lang, **row), icon=":material/celebration:")
    st.subheader(t("review.customers", lang=lang))
    if not review["customers"]:
        st.caption(t("checkin.no_plans", lang=lang))
        return
    _table(customer_rows(review), key="review_customers", money=money, lang=lang)
    st.subheader(t("review.goals", lang=lang))
    goals = goal_rows(review, lang=lang)
    _table(goals, key="review_goals", money=money, lang=lang, amounts=("target", "actual"))
    st.caption(t("review.goals_note", lang=lang))
    st.subheader(t("review.done", lang=lang))
    _table(done_rows(review), key="review_done", money=money, lang=lang)
    offer_file(
        st,
        t("review.download", lang=lang),
        review_workbook(review, currency=money, lang=lang),
        file_name=f"kvartalsgenomgang_{review['quarter']}.xlsx",
        key="review_download",
        icon=":material/download:",
    )


def roll_section(dataset: dict, quarter: str, names: dict[str, str], *, by: str, money, lang):
    """Rolling the plans forward: the goals that end by the quarter's last day are closed
    (achieved or missed), each gets its successor for the next period and their open
    activities move onto it — after a confirmation."""
    _, end = parse_quarter(quarter)
    progress = goal_progress(get_store(), dataset=dataset["name"], include_closed=False)
    ending = roll_rows(progress, names, end=end, lang=lang)
    with st.expander(t("review.roll", lang=lang), icon=":material/fast_forward:"):
        st.caption(t("review.roll_intro", lang=lang))
        if ending.is_empty():
            st.caption(t("review.roll_none", lang=lang))
            return
        _table(ending, key="review_ending", money=money, lang=lang, amounts=("target",))
        sure = st.checkbox(
            t("review.roll_confirm", lang=lang, count=fmt_int(ending.height, lang=lang)),
            key="review_roll_ok",
        )
        if st.button(
            t("review.roll_go", lang=lang), type="primary", disabled=not sure, key="review_roll_go"
        ):
            done = roll_forward(
                get_store(), dataset=dataset["name"], quarter=quarter, by=by or None
            )
            say(
                "review",
                "success",
                t(
                    "review.rolled",
                    lang=lang,
                    closed=fmt_int(len(done["closed"]), lang=lang),
                    created=fmt_int(len(done["created"]), lang=lang),
                    carried=fmt_int(len(done["carried"]), lang=lang),
                ),
            )
            st.session_state.pop("review_roll_ok", None)
            st.rerun()
