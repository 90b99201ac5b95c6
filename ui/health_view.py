"""The health check's Streamlit sections: the "9 av 14" summary, one card per question
with its figure and sentence (or the team's answer), the next steps and the downloads.
They place what `ui.health` builds, in the language `lang` the page passes down.

The team's answers are saved the moment they change (a widget's `on_change`), so nothing
is lost when the facilitator moves on. Session keys carry the prefix `health_`.
"""

from __future__ import annotations

from collections.abc import Callable

import polars as pl
import streamlit as st

from analytics.decision import decision_names
from analytics.deck import DeckOptions, build_deck
from analytics.export import workshop_pack
from analytics.healthcheck import (
    ANSWERS,
    CALLS,
    save_team_answer,
    save_unprofitable_call,
    unprofitable_customers,
)
from analytics.masking import pseudonyms
from analytics.metrics import Period, customer_metrics
from analytics.scoring import score_customers
from locales import plain, t
from locales.formats import MISSING, fmt_date
from ui.data import get_store, masked_customers
from ui.focus_view import stored_weights
from ui.health.sentences import (
    answer_label,
    figure_sentence,
    missing_text,
    next_steps_text,
    question_heading,
    summary_texts,
)
from ui.health.tables import CALL_KEYS, CALL_LABELS, calls_frame, tier_frame
from ui.place import offer_file
from ui.tables import localized, table_height

__all__ = [
    "answer_key",
    "calls_key",
    "calls_section",
    "deck_button",
    "next_steps",
    "note_key",
    "pack_button",
    "question_card",
    "summary_header",
]


def answer_key(dataset_id: int, number: int) -> str:
    """The session key of the team's answer to question `number` of a data set."""
    return f"health_answer_{dataset_id}_{number}"


def note_key(dataset_id: int, number: int) -> str:
    """The session key of the team's note to question `number` of a data set."""
    return f"health_note_{dataset_id}_{number}"


def calls_key(dataset_id: int) -> str:
    """The session key of question 4's table of calls of a data set."""
    return f"health_calls_{dataset_id}"


def summary_header(questions: list[dict], *, lang: str) -> None:
    """The big "9 av 14", the other counts and when the team last answered."""
    summary = summary_texts(questions, lang=lang)
    cols = st.columns([1, 3])
    cols[0].metric(t("health.score", lang=lang), summary.score)
    with cols[1]:
        st.markdown(summary.counts)
        if summary.last is not None:
            st.caption(summary.last)


def _tier_table(tiers: dict, *, lang: str) -> None:
    """Question 3's figures per tier: customers, potential assessed, mean, growth."""
    frame = tier_frame(tiers, lang=lang)
    counts = dict.fromkeys(
        (plain("health.col.customers", lang=lang), plain("health.col.assessed", lang=lang)), 0
    )
    st.dataframe(
        localized(frame, numbers=counts, lang=lang),
        hide_index=True,
        height=table_height(frame.height),
        placeholder=MISSING,
    )


def _save(dataset_id: int, number: int) -> None:
    """Keep the answer and note of question `number` as the widgets now hold them."""
    answer = st.session_state.get(answer_key(dataset_id, number))
    note = st.session_state.get(note_key(dataset_id, number)) or ""
    save_team_answer(
        get_store(),
        dataset_id=dataset_id,
        number=number,
        answer=answer if answer in ANSWERS else None,
        note=note,
    )


def question_card(
    item: dict,
    *,
    dataset_id: int,
    currency: str,
    lang: str,
    controls: bool = True,
    period: Period | None = None,
) -> None:
    """One question: its text, the answer as a coloured badge, the data's sentence (or
    what is missing), and, where the data does not answer, the team's answer and note
    (widgets when `controls`, else the answer as text). Question 4 with unprofitable
    customers in `period` lists them with the team's call on each."""
    number = item["number"]
    with st.container(border=True):
        st.markdown(question_heading(item, lang=lang))
        sentence = figure_sentence(item, currency=currency, lang=lang)
        if sentence is not None:
            st.markdown(sentence)
            if number == 3:
                _tier_table(item["value"], lang=lang)
            if number == 4 and item["value"] and period is not None:
                calls_section(dataset_id, period, currency=currency, lang=lang, controls=controls)
            return
        if (missing := missing_text(number, lang=lang)) is not None:
            st.caption(missing)
        if controls:
            _answer_controls(item, dataset_id=dataset_id, lang=lang)
        elif item["note"]:
            st.caption(t("health.note_shown", lang=lang, note=item["note"]))


def _answer_controls(item: dict, *, dataset_id: int, lang: str) -> None:
    """The team's answer and note to a question the data does not answer, saved as they
    change."""
    number = item["number"]
    if answer_key(dataset_id, number) not in st.session_state:
        st.session_state[answer_key(dataset_id, number)] = item["answer"]
        st.session_state[note_key(dataset_id, number)] = item["note"] or ""
    cols = st.columns([2, 3])
    cols[0].segmented_control(
        t("health.team_answer", lang=lang),
        ANSWERS,
        format_func=lambda a: answer_label(a, lang=lang),
        key=answer_key(dataset_id, number),
        on_change=_save,
        args=(dataset_id, number),
    )
    cols[1].text_input(
        t("health.note", lang=lang),
        key=note_key(dataset_id, number),
        help=t("health.note_help", lang=lang),
        on_change=_save,
        args=(dataset_id, number),
    )
    if item["answered_at"] is not None:
        st.caption(t("health.answered", lang=lang, date=fmt_date(item["answered_at"], lang=lang)))


def _save_calls(dataset_id: int, customers: list[str], calls: list, notes: list[str]) -> None:
    """Keep each edited row of question 4's table whose call or note now differs from
    the stored one (`calls`, `notes`, by position): read after every run, so an edit is
    kept at once and kept only once."""
    edits = (st.session_state.get(calls_key(dataset_id)) or {}).get("edited_rows", {})
    for index, change in edits.items():
        row = int(index)
        call = change.get("call", calls[row])
        call = call if call in CALLS else None
        note = (change.get("note", notes[row]) or "").strip()
        if call is None and calls[row] is None:
            continue  # a note waits for its call
        if (call, note) != (calls[row], notes[row]):
            save_unprofitable_call(
                get_store(),
                dataset_id=dataset_id,
                customer_id=customers[row],
                call=call,
                note=note,
            )


def calls_section(
    dataset_id: int, period: Period, *, currency: str, lang: str, controls: bool = True
) -> None:
    """Question 4, customer by customer: 4a end the relationship or 4b it pays off over
    time, with a note; edited in a table and kept at once (read-only without
    `controls`). Names are masked while masking is on."""
    store = get_store()
    table = customer_metrics(store, dataset_id=dataset_id, period=period)
    customers = masked_customers(
        unprofitable_customers(store, dataset_id=dataset_id, table=table), dataset_id, lang=lang
    )
    frame = calls_frame(customers, currency=currency, lang=lang)
    words = {code: plain(key, lang=lang) for code, key in CALL_KEYS.items()}
    config = st.column_config
    columns = {name: plain(key, lang=lang) for name, key in CALL_LABELS.items()}
    st.markdown(t("health.calls.title", lang=lang))
    if not controls:
        shown = frame.with_columns(pl.col("call").replace_strict(words, default="–"))
        st.dataframe(
            shown,
            hide_index=True,
            height=table_height(shown.height),
            column_config=columns,
            placeholder=MISSING,
        )
        return
    st.data_editor(
        frame,
        key=calls_key(dataset_id),
        hide_index=True,
        width="stretch",
        height=table_height(frame.height),
        disabled=["customer", "revenue", "gross_margin"],
        column_config={
            **columns,
            "call": config.SelectboxColumn(
                columns["call"], options=list(CALLS), format_func=lambda v: words.get(v, v)
            ),
            "note": config.TextColumn(columns["note"]),
        },
        placeholder=MISSING,
    )
    _save_calls(
        dataset_id,
        customers["customer_id"].to_list(),
        frame["call"].to_list(),
        frame["note"].to_list(),
    )
    st.caption(t("health.calls.help", lang=lang))


def next_steps(questions: list[dict], *, lang: str) -> None:
    """What to do next for each question answered no."""
    st.subheader(t("health.next", lang=lang))
    steps = next_steps_text(questions, lang=lang)
    st.markdown(t("health.next_none", lang=lang) if steps is None else steps)


# The page's two files: the catalog keys of the button, the file's name and the help,
# and the file's type.
_FILES: dict[str, tuple[str, str, str, str]] = {
    "deck": ("health.deck", "health.deck_file", "health.deck_help", "pptx"),
    "pack": ("health.pack", "health.pack_file", "health.pack_help", "xlsx"),
}


def _offer(name: str, build: Callable[[], bytes], *, container: object, lang: str) -> None:
    """The button of file `name`, built only when clicked; the page stays as it is."""
    label, file_name, help_key, kind = _FILES[name]
    offer_file(
        container,
        t(label, lang=lang),
        build,
        file_name=plain(file_name, lang=lang),
        key=f"health_{name}",
        kind=kind,
        help_text=t(help_key, lang=lang),
        rerun=False,
    )


def deck_button(dataset_id: int, period: Period, *, masked: bool, lang: str, container=st) -> None:
    """Download the strategy day's deck in the chosen language, with the focus list's
    weights and the page's period; names masked while masking is on. Where the team has
    saved a decision about the data set, the newest is chosen for the deck's decision
    slide (another one, or none, can be). The file is built only when clicked."""
    store = get_store()
    names = decision_names(store, dataset_id=dataset_id)
    decision = None
    if names:
        decision = container.selectbox(
            t("health.deck_decision", lang=lang),
            [None, *names],
            index=1,
            format_func=lambda name: name or plain("health.deck_no_decision", lang=lang),
            key="health_deck_decision",
            help=t("health.deck_decision_help", lang=lang),
        )
    options = DeckOptions(
        language=lang,
        mask_names=masked,
        weights=stored_weights(dataset_id)[0],
        decision=decision,
    )

    def build() -> bytes:
        data, _facts = build_deck(store, dataset_id=dataset_id, period=period, options=options)
        return data

    _offer("deck", build, container=container, lang=lang)


def pack_button(
    dataset_id: int,
    period: Period,
    questions: list[dict],
    *,
    masked: bool,
    lang: str,
    container=st,
) -> None:
    """Download the workshop pack (Excel): the whole scored list, the weights and the
    health check; names masked while masking is on. Built only when clicked."""
    store = get_store()
    weights = stored_weights(dataset_id)[0]

    def build() -> bytes:
        table = customer_metrics(store, dataset_id=dataset_id, period=period)
        scored = score_customers(table, weights=weights)
        codes = pseudonyms(store, dataset_id=dataset_id) if masked else None
        return workshop_pack(
            scored,
            weights=weights,
            questions=questions,
            currency=store.currency(dataset_id),
            language=lang,
            codes=codes,
        )

    _offer("pack", build, container=container, lang=lang)
