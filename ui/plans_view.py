"""The plan page's Streamlit sections: who edits, choosing the customer, creating and
archiving a plan, where we stand, the editors of contacts, goals and activities, the
quick form for an activity, archived rows and the history. They place what `ui.plans`
builds, in the language `lang` the page passes down.

Every edit is written at once (a cell left with Enter or Tab, a click): the editors
start afresh from the store after each write (`generation`), so what is shown is always
what is stored. A deleted row is archived and can be restored below the editors.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from functools import partial

import polars as pl
import streamlit as st

from analytics.plan_tables import activities, contacts, find_plan, goals, history, measurements
from analytics.plans import CHOICES, archive, batch, create_plan, restore, update
from analytics.targets import goal_progress, measured_until
from locales import t
from locales.formats import fmt_date
from ui.data import get_store, masked_customers
from ui.elements import column_labels
from ui.place import show_note, show_rows
from ui.plans.editors import (
    EditorColumn,
    activity_columns,
    activity_rows,
    contact_columns,
    contact_rows,
    editor_writes,
    goal_columns,
    goal_name,
    goal_rows,
)
from ui.plans.labels import CHOICE_KEYS, label, rag_cells
from ui.plans.sentences import not_measured_text, rules_text, stand_text
from ui.plans.tables import (
    HISTORY_COLUMNS,
    MEASUREMENT_COLUMNS,
    PROGRESS_COLUMNS,
    PROGRESS_DATES,
    archived_choices,
    history_rows,
    measurement_rows,
    progress_rows,
)
from ui.tables import localized, paged

__all__ = [
    "activity_form",
    "apply_writes",
    "archived_section",
    "bump",
    "by_input",
    "column_config",
    "editor",
    "flash",
    "generation",
    "history_section",
    "lit",
    "masked_names",
    "no_plan_section",
    "plan_sections",
    "say",
]


def generation(prefix: str) -> int:
    """How many writes the page has made: part of every editor's key, so that an editor
    starts afresh from the store after each write."""
    return int(st.session_state.get(f"{prefix}_gen", 0))


def bump(prefix: str) -> None:
    """After a write: editors and forms start afresh on the next run."""
    st.session_state[f"{prefix}_gen"] = generation(prefix) + 1


def say(prefix: str, kind: str, text: str) -> None:
    """A message (`success`, `error`) shown once, on the next run."""
    st.session_state[f"{prefix}_flash"] = (kind, text)


def flash(prefix: str) -> None:
    """Show the message a write left for this run, once."""
    message = st.session_state.pop(f"{prefix}_flash", None)
    if message is not None:
        show_note(*message)


def masked_names(rows: list[dict], dataset_id: int, *, lang: str) -> list[dict]:
    """Board rows with `customer_name` as the page may show it (the pseudonym while
    names are masked)."""
    if not rows:
        return rows
    frame = pl.DataFrame(
        {
            "customer_id": [r["customer_id"] for r in rows],
            "customer_name": [r.get("customer_name") for r in rows],
        },
        schema={"customer_id": pl.String, "customer_name": pl.String},
    )
    names = masked_customers(frame, dataset_id, lang=lang)["customer_name"].to_list()
    return [{**r, "customer_name": n} for r, n in zip(rows, names, strict=True)]


def lit(styler, columns: Sequence[str], *, lang: str):
    """`styler` with the cells of the light columns `columns` in their colour (the word
    stays: never colour alone)."""
    cells = rag_cells(lang=lang)
    present = [c for c in columns if c in styler.data.columns]
    return styler.map(lambda v: cells.get(v, ""), subset=present)


def by_input(key: str, *, lang: str) -> str:
    """Who is making the changes (kept in the history with each change)."""
    return st.text_input(
        t("plans.by", lang=lang), key=key, placeholder=t("plans.by_placeholder", lang=lang)
    ).strip()


def column_config(columns: Sequence[EditorColumn]) -> dict:
    """Streamlit's column settings for the builder's columns."""
    config = st.column_config
    made = {}
    for c in columns:
        if c.kind == "select":
            made[c.name] = config.SelectboxColumn(
                c.label,
                options=list(c.options),
                format_func=lambda v, words=c.words: words.get(v, str(v)),
                default=c.default,
            )
        elif c.kind == "date":
            made[c.name] = config.DateColumn(c.label, default=c.default, format="YYYY-MM-DD")
        elif c.kind == "number":
            made[c.name] = config.NumberColumn(c.label, default=c.default)
        elif c.kind == "check":
            made[c.name] = config.CheckboxColumn(c.label)
        elif c.kind == "readonly":
            made[c.name] = config.Column(c.label, disabled=True)
        elif c.kind == "readonly_date":
            made[c.name] = config.DateColumn(c.label, format="YYYY-MM-DD", disabled=True)
        else:
            made[c.name] = config.TextColumn(c.label, default=c.default)
    return made


def apply_writes(entity: str, writes, *, plan_id: int | None, by: str, prefix: str, lang) -> None:
    """Write an editor's changes in one go (all or none), then start the page afresh."""
    try:
        with batch(get_store(), by=by or None) as changes:
            for key, values in writes.updates:
                changes.update(entity, key, **values)
            for values in writes.added:
                extra = {"plan_id": plan_id} if plan_id is not None else {}
                changes.add(entity, **extra, **values)
            for key in writes.archived:
                changes.update(entity, key, action="archive", archived=True)
    except ValueError as exc:
        say(prefix, "error", t("plans.error.save", lang=lang, message=str(exc)))
    bump(prefix)
    st.rerun()


def editor(
    entity: str,
    rows: pl.DataFrame,
    ids: list,
    columns: Sequence[EditorColumn],
    *,
    plan_id: int | None,
    by: str,
    prefix: str,
    lang: str,
    num_rows: str = "dynamic",
) -> None:
    """An editable table of `rows` (stored ids `ids`, by position) whose edits are written
    at once; a new row waits until it is complete."""
    key = f"{prefix}_{entity}_{plan_id}_{generation(prefix)}"
    st.data_editor(
        rows,
        key=key,
        hide_index=True,
        width="stretch",
        num_rows=num_rows,
        column_config=column_config(columns),
        column_order=[c.name for c in columns],
        placeholder="–",
    )
    try:
        writes = editor_writes(ids, st.session_state.get(key), columns, entity=entity)
    except ValueError as exc:
        st.error(t("plans.error.save", lang=lang, message=str(exc)), icon=":material/error:")
        return
    if writes.waiting:
        st.caption(t("plans.waiting", lang=lang))
    elif writes:
        apply_writes(entity, writes, plan_id=plan_id, by=by, prefix=prefix, lang=lang)


def no_plan_section(dataset: str, customer_id: str, *, by: str, lang: str) -> None:
    """A customer without a plan (or with an archived one): create it, or restore it."""
    store = get_store()
    plan = find_plan(store, dataset=dataset, customer_id=customer_id)
    if plan is not None:
        st.info(t("plans.archived_plan", lang=lang), icon=":material/inventory_2:")
        if st.button(t("plans.restore_plan", lang=lang), key="plans_restore_plan"):
            restore(store, "plan", plan["plan_id"], by=by or None)
            bump("plans")
            st.rerun()
        return
    st.info(t("plans.no_plan", lang=lang), icon=":material/edit_note:")
    if st.button(t("plans.create_plan", lang=lang), type="primary", key="plans_create"):
        create_plan(store, dataset=dataset, customer_id=customer_id, by=by or None)
        say("plans", "success", t("plans.plan_created", lang=lang))
        bump("plans")
        st.rerun()


def _stand_form(plan: dict, *, by: str, lang: str) -> None:
    """Where we stand and where the customer is heading, saved with one button."""
    key = f"plans_stand_{plan['plan_id']}_{generation('plans')}"
    trust_options = [None, 1, 2, 3, 4, 5]
    choice_options = [None, *CHOICES]
    with st.form(key, border=False):
        cols = st.columns(3)
        started = cols[0].date_input(
            t("plans.col.started_on", lang=lang), plan["started_on"], key=f"{key}_started"
        )
        trust = cols[1].selectbox(
            t("plans.trust", lang=lang),
            trust_options,
            index=trust_options.index(plan["trust"]),
            format_func=lambda v: "–" if v is None else str(v),
            key=f"{key}_trust",
        )
        choice = cols[2].selectbox(
            t("plans.col.choice", lang=lang),
            choice_options,
            index=choice_options.index(plan["choice"]),
            format_func=lambda v: "–" if v is None else label(CHOICE_KEYS, v, lang=lang),
            key=f"{key}_choice",
        )
        direction = st.text_area(
            t("plans.direction", lang=lang), plan["direction"] or "", key=f"{key}_direction"
        )
        notes = st.text_area(
            t("plans.col.notes", lang=lang), plan["notes"] or "", key=f"{key}_notes"
        )
        saved = st.form_submit_button(t("plans.save", lang=lang), key=f"{key}_save")
    if saved:
        # Only the fields that differ from the stored plan are changed and logged.
        update(
            get_store(),
            "plan",
            plan["plan_id"],
            by=by or None,
            started_on=started,
            trust=trust,
            choice=choice,
            direction=direction,
            notes=notes,
        )
        say("plans", "success", t("plans.saved", lang=lang))
        bump("plans")
        st.rerun()


def _goals_section(plan: dict, live_goals, *, dataset: str, by: str, money: str, lang) -> None:
    """The plan's goals in a grid, then each against its actual with its light."""
    pid = plan["plan_id"]
    mine = pl.col("plan_id") == pid
    store = get_store()
    st.subheader(t("plans.goals", lang=lang))
    columns = goal_columns(currency=money, start=date.today(), lang=lang)
    editor(
        "goal",
        goal_rows(live_goals),
        live_goals["goal_id"].to_list(),
        columns,
        plan_id=pid,
        by=by,
        prefix="plans",
        lang=lang,
    )
    progress = goal_progress(store, dataset=dataset).filter(mine)
    if not progress.is_empty():
        rows = progress_rows(progress, lang=lang)
        rows = paged(rows, key="plans_progress", lang=lang)
        show_rows(
            lit(
                localized(
                    rows,
                    money=("target", "expected", "actual"),
                    texts=dict.fromkeys(PROGRESS_DATES, partial(fmt_date, lang=lang)),
                    lang=lang,
                ),
                ["status"],
                lang=lang,
            ),
            rows=rows.height,
            labels=column_labels(PROGRESS_COLUMNS, currency=money, lang=lang),
        )
        st.caption(rules_text(lang=lang))
    _measurements(live_goals, dataset=dataset, lang=lang)


def _measurements(live_goals, *, dataset: str, lang: str) -> None:
    """Every value entered for the plan's share-of-wallet and NPS goals, newest first."""
    measured = live_goals.filter(pl.col("kind").is_in(["share_of_wallet", "nps"]))
    if measured.is_empty():
        return
    words = {g["goal_id"]: goal_name(g, lang=lang) for g in measured.to_dicts()}
    rows = measurement_rows(measurements(get_store(), dataset=dataset), goals=words)
    if rows.is_empty():
        return
    with st.expander(t("plans.measurements", lang=lang, count=rows.height)):
        rows = paged(rows, key="plans_measurements", lang=lang)
        show_rows(rows, rows=rows.height, labels=column_labels(MEASUREMENT_COLUMNS, lang=lang))


def plan_sections(plan: dict, *, dataset: str, people: list[str], by: str, money: str, lang):
    """A plan: where we stand, contacts, goals against actuals, activities (grid and a
    quick form), archived rows, the history, and archiving the plan."""
    store = get_store()
    pid = plan["plan_id"]
    mine = pl.col("plan_id") == pid
    all_contacts = contacts(store, dataset=dataset, archived=True).filter(mine)
    all_goals = goals(store, dataset=dataset, archived=True).filter(mine)
    all_acts = activities(store, dataset=dataset, archived=True).filter(mine)
    live_goals = all_goals.filter(~pl.col("archived"))
    st.markdown(stand_text(plan, lang=lang))
    as_of = measured_until(store, dataset=dataset)
    if why := not_measured_text(plan["started_on"], as_of, lang=lang):
        st.caption(why)
    with st.expander(t("plans.stand", lang=lang), icon=":material/explore:"):
        _stand_form(plan, by=by, lang=lang)

    st.subheader(t("plans.contacts", lang=lang))
    shown = all_contacts.filter(~pl.col("archived"))
    editor(
        "contact",
        contact_rows(shown),
        shown["contact_id"].to_list(),
        contact_columns(lang=lang),
        plan_id=pid,
        by=by,
        prefix="plans",
        lang=lang,
    )

    _goals_section(plan, live_goals, dataset=dataset, by=by, money=money, lang=lang)
    st.subheader(t("plans.activities", lang=lang))
    if not people:
        st.caption(t("plans.no_team", lang=lang))
    goal_list = live_goals.to_dicts()
    acts = all_acts.filter(~pl.col("archived"))
    editor(
        "activity",
        activity_rows(acts),
        acts["activity_id"].to_list(),
        activity_columns(people=people, goals=goal_list, lang=lang),
        plan_id=pid,
        by=by,
        prefix="plans",
        lang=lang,
    )
    with st.expander(t("plans.quick_add", lang=lang), icon=":material/add_task:", expanded=True):
        activity_form(
            "plans_add",
            plans={pid: ""},
            people=people,
            goals=goal_list,
            due=date.today() + timedelta(days=7),
            by=by,
            prefix="plans",
            lang=lang,
        )
    archived_section(plan, all_contacts, all_goals, all_acts, by=by, lang=lang)
    history_section(pid, all_contacts, all_goals, all_acts, lang=lang)


def activity_form(
    key: str,
    *,
    plans: dict[int, str],
    people: list[str],
    due: date,
    by: str,
    prefix: str,
    lang: str,
    owner: str | None = None,
    goals: list[dict] | None = None,
) -> None:
    """A new activity from the keyboard: title, customer (`plans`: {plan_id: name}, asked
    only when there are several), owner (asked unless given), due date and the goal it
    serves; Enter adds it."""
    with st.form(f"{key}_{generation(prefix)}", clear_on_submit=True, border=False):
        cols = st.columns([3, 2, 2, 2] if owner is None else [3, 2, 2])
        title = cols[0].text_input(t("plans.col.title", lang=lang), key=f"{key}_title")
        plan_ids = list(plans)
        plan_id = (
            plan_ids[0]
            if len(plan_ids) == 1
            else cols[1].selectbox(
                t("plans.col.customer", lang=lang),
                plan_ids,
                format_func=plans.get,
                key=f"{key}_plan",
            )
        )
        rest = cols[1:] if len(plan_ids) == 1 else cols[2:]
        who = owner or (
            rest[0].selectbox(t("plans.col.owner", lang=lang), people or [None], key=f"{key}_owner")
        )
        when = rest[-1].date_input(t("plans.col.due", lang=lang), due, key=f"{key}_due")
        goal_words = {g["goal_id"]: goal_name(g, lang=lang) for g in goals or []}
        goal_id = None
        if goal_words:
            goal_id = st.selectbox(
                t("plans.col.goal", lang=lang),
                [None, *goal_words],
                format_func=lambda g: goal_words.get(g, "–"),
                key=f"{key}_goal",
            )
        added = st.form_submit_button(
            t("plans.add", lang=lang), icon=":material/add:", key=f"{key}_go"
        )
    if added:
        values = {"plan_id": plan_id, "title": title, "owner": who, "due": when, "goal_id": goal_id}
        _add_activity(values, by=by, prefix=prefix, lang=lang)


def _add_activity(values: dict, *, by: str, prefix: str, lang: str) -> None:
    """Store an activity from the quick form and start the page afresh with a message."""
    title = str(values["title"] or "").strip()
    if not title or values["plan_id"] is None:
        st.warning(t("plans.need_title", lang=lang), icon=":material/warning:")
        return
    try:
        with batch(get_store(), by=by or None) as changes:
            changes.add("activity", **values)
    except ValueError as exc:
        say(prefix, "error", t("plans.error.save", lang=lang, message=str(exc)))
    else:
        say(prefix, "success", t("plans.activity_added", lang=lang, title=title))
    bump(prefix)
    st.rerun()


def archived_section(plan, all_contacts, all_goals, all_acts, *, by: str, lang: str) -> None:
    """Archived contacts, goals and activities brought back; archiving the whole plan."""
    store = get_store()
    with st.expander(t("plans.archive_title", lang=lang), icon=":material/inventory_2:"):
        found = archived_choices(all_contacts, all_goals, all_acts, lang=lang)
        if found:
            cols = st.columns([3, 1], vertical_alignment="bottom")
            pick = cols[0].selectbox(
                t("plans.archived_pick", lang=lang),
                list(found),
                format_func=found.get,
                key="plans_archived_pick",
            )
            if cols[1].button(t("plans.restore", lang=lang), key="plans_restore"):
                restore(store, pick[0], pick[1], by=by or None)
                bump("plans")
                st.rerun()
        else:
            st.caption(t("plans.archived_none", lang=lang))
        confirm = st.checkbox(t("plans.archive_confirm", lang=lang), key="plans_archive_ok")
        if st.button(
            t("plans.archive_plan", lang=lang), disabled=not confirm, key="plans_archive_plan"
        ):
            archive(store, "plan", plan["plan_id"], by=by or None)
            bump("plans")
            st.rerun()


def history_section(plan_id: int, all_contacts, all_goals, all_acts, *, lang: str) -> None:
    """Every change of the plan, newest first: who, when, what."""
    names = {("plan", str(plan_id)): ""}
    for entity, frame, key, fld in (
        ("contact", all_contacts, "contact_id", "name"),
        ("goal", all_goals, "goal_id", "title"),
        ("activity", all_acts, "activity_id", "title"),
    ):
        names |= {(entity, str(k)): v or "" for k, v in frame.select(key, fld).iter_rows()}
    goal_words = {g["goal_id"]: goal_name(g, lang=lang) for g in all_goals.to_dicts()}
    with st.expander(t("plans.history", lang=lang), icon=":material/history:"):
        rows = history_rows(
            history(get_store(), plan_id=plan_id), names=names, goals=goal_words, lang=lang
        )
        rows = paged(rows, key="plans_history", lang=lang)
        show_rows(rows, rows=rows.height, labels=column_labels(HISTORY_COLUMNS, lang=lang))
