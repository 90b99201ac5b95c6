"""Widgets of the health check page: the "9 av 14" summary, one card per question with its
figure and sentence (or the team's answer), and the next steps.

The team's answers are saved the moment they change (a widget's `on_change`), so nothing
is lost when the facilitator moves on. Session keys carry the prefix `health_`.
"""

from __future__ import annotations

import polars as pl
import streamlit as st

from analytics.deck import DeckOptions, build_deck
from analytics.export import workshop_pack
from analytics.healthcheck import ANSWERS, health_summary, latest_answer, save_team_answer
from analytics.masking import pseudonyms
from analytics.metrics import Period, customer_metrics
from analytics.scoring import score_customers
from locales import has_text
from ui.data import get_store
from ui.focus_view import stored_weights
from ui.i18n import (
    Markdown,
    fmt_date,
    fmt_int,
    fmt_money,
    fmt_number,
    fmt_pct,
    lang,
    plain,
    t,
    texts,
)
from ui.tables import localized, table_height

__all__ = [
    "DECK_MIME",
    "PACK_MIME",
    "answer_key",
    "deck_button",
    "figure_sentence",
    "next_steps",
    "note_key",
    "pack_button",
    "question_card",
    "summary_header",
]

DECK_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
PACK_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_BADGE = {"yes": "green", "partly": "orange", "no": "red", None: "gray"}


def answer_key(dataset_id: int, number: int) -> str:
    """The session key of the team's answer to question `number` of a data set."""
    return f"health_answer_{dataset_id}_{number}"


def note_key(dataset_id: int, number: int) -> str:
    """The session key of the team's note to question `number` of a data set."""
    return f"health_note_{dataset_id}_{number}"


def summary_header(questions: list[dict]) -> dict:
    """The big "9 av 14", the other counts and when the team last answered."""
    summary = health_summary(questions)
    cols = st.columns([1, 3])
    cols[0].metric(
        t("health.score"),
        plain("health.score_value", yes=summary["yes"], total=summary["total"]),
    )
    with cols[1]:
        st.markdown(
            t(
                "health.counts",
                partly=fmt_int(summary["partly"]),
                no=fmt_int(summary["no"]),
                unknown=fmt_int(summary["unknown"]),
            )
        )
        latest = latest_answer(questions)
        if latest is not None:
            st.caption(t("health.last_answer", date=fmt_date(latest)))
    return summary


def figure_sentence(item: dict) -> Markdown | None:
    """The data's answer to a question in one sentence, from its figures (None when the
    data does not answer it)."""
    if item["source"] != "data":
        return None
    number, facts, value = item["number"], item["facts"], item["value"]
    if number == 1:
        return t("health.fig.1", active=fmt_int(facts["active"]), total=fmt_int(facts["total"]))
    if number == 2:
        return t(
            "health.fig.2",
            count=fmt_int(value),
            customers=fmt_int(facts["customers"]),
            share=fmt_pct(facts["share"]),
        )
    if number == 3:
        a_tier = value["A"]
        if not any(tier["assessed"] for tier in value.values()):
            return t("health.fig.3.none")
        return t(
            "health.fig.3",
            assessed=fmt_int(a_tier["assessed"]),
            customers=fmt_int(a_tier["customers"]),
        )
    if number == 4:
        if not value:
            return t("health.fig.4.none")
        return t(
            "health.fig.4",
            count=fmt_int(value),
            share=fmt_pct(facts["share"]),
            margin=fmt_money(facts["margin"], compact=True),
        )
    if number in (6, 7):
        return t(
            f"health.fig.{number}",
            customers=fmt_int(facts["customers"]),
            coverage=fmt_pct(facts["coverage"]),
            mean=fmt_number(value, 1 if number == 6 else 0),
        )
    return None


def _tier_table(tiers: dict) -> None:
    """Question 3's figures per tier: customers, potential assessed, mean, growth."""
    potential = [v["potential"] for v in tiers.values()]
    growth = [v["growth"] for v in tiers.values()]
    frame = pl.DataFrame(
        {
            plain("health.col.tier"): list(tiers),
            plain("health.col.customers"): [v["customers"] for v in tiers.values()],
            plain("health.col.assessed"): [v["assessed"] for v in tiers.values()],
        }
    ).with_columns(
        texts(potential, lambda v: fmt_number(v, 1), name=plain("health.col.potential")),
        texts(growth, lambda v: fmt_number(v, 0), name=plain("health.col.growth")),
    )
    st.dataframe(
        localized(
            frame, numbers={plain("health.col.customers"): 0, plain("health.col.assessed"): 0}
        ),
        hide_index=True,
        height=table_height(frame.height),
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


def question_card(item: dict, *, dataset_id: int, controls: bool = True) -> None:
    """One question: its text, the answer as a coloured badge, the data's sentence (or
    what is missing), and, where the data does not answer, the team's answer and note
    (widgets when `controls`, else the answer as text)."""
    number, answer = item["number"], item["answer"]
    with st.container(border=True):
        label = t(f"health.answer.{answer or 'unknown'}")
        source = t(f"health.source.{item['source']}")
        st.markdown(
            Markdown(
                f"**{number}.** {t(f'health.q.{number}')}  \n"
                f":{_BADGE[answer]}-badge[{label}] {source}"
            )
        )
        sentence = figure_sentence(item)
        if sentence is not None:
            st.markdown(sentence)
            if number == 3:
                _tier_table(item["value"])
            return
        if has_text(f"health.missing.{number}", lang="sv"):
            st.caption(t(f"health.missing.{number}"))
        if not controls:
            if item["note"]:
                st.caption(t("health.note_shown", note=item["note"]))
            return
        if answer_key(dataset_id, number) not in st.session_state:
            st.session_state[answer_key(dataset_id, number)] = answer
            st.session_state[note_key(dataset_id, number)] = item["note"] or ""
        cols = st.columns([2, 3])
        cols[0].segmented_control(
            t("health.team_answer"),
            ANSWERS,
            format_func=lambda a: plain(f"health.answer.{a}"),
            key=answer_key(dataset_id, number),
            on_change=_save,
            args=(dataset_id, number),
        )
        cols[1].text_input(
            t("health.note"),
            key=note_key(dataset_id, number),
            help=t("health.note_help"),
            on_change=_save,
            args=(dataset_id, number),
        )
        if item["answered_at"] is not None:
            st.caption(t("health.answered", date=fmt_date(item["answered_at"])))


def next_steps(questions: list[dict]) -> None:
    """What to do next for each question answered no."""
    st.subheader(t("health.next"))
    steps = [item["number"] for item in questions if item["answer"] == "no"]
    if not steps:
        st.markdown(t("health.next_none"))
        return
    st.markdown(
        Markdown("\n".join(f"- **{n}.** {t(f'health.step.{n}')}" for n in steps)),
    )


def deck_button(dataset_id: int, period: Period, *, masked: bool, container=st) -> None:
    """Download the strategy day's deck in the chosen language, with the focus list's
    weights and the page's period; names masked while masking is on. The file is built
    only when the button is clicked."""
    store, language = get_store(), lang()
    options = DeckOptions(
        language=language, mask_names=masked, weights=stored_weights(dataset_id)[0]
    )

    def build() -> bytes:
        data, _facts = build_deck(store, dataset_id=dataset_id, period=period, options=options)
        return data

    container.download_button(
        t("health.deck"),
        data=build,
        file_name=plain("health.deck_file"),
        mime=DECK_MIME,
        icon=":material/slideshow:",
        on_click="ignore",
        help=t("health.deck_help"),
        key="health_deck",
    )


def pack_button(
    dataset_id: int, period: Period, questions: list[dict], *, masked: bool, container=st
) -> None:
    """Download the workshop pack (Excel): the whole scored list, the weights and the
    health check; names masked while masking is on. Built only when clicked."""
    store, language = get_store(), lang()
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
            language=language,
            codes=codes,
        )

    container.download_button(
        t("health.pack"),
        data=build,
        file_name=plain("health.pack_file"),
        mime=PACK_MIME,
        icon=":material/table_view:",
        on_click="ignore",
        help=t("health.pack_help"),
        key="health_pack",
    )
