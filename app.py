"""Kundfokus: entry point. Page config, the router and the shared sidebar."""

from __future__ import annotations

import streamlit as st

from locales import t
from ui.access import gate, is_participant
from ui.busy import require_store
from ui.data import (
    DATASET_KEY,
    MASK_KEY,
    PENDING_DATASET_KEY,
    current_dataset,
    datasets,
    get_store,
)
from ui.guide import guide_sidebar
from ui.i18n import language_switch, session_lang
from ui.style import SHOW_CONTROLS_KEY, apply_style, presenting

st.set_page_config(page_title="Kundfokus", page_icon="🎯", layout="wide")

if "lang" not in st.session_state:
    st.session_state["lang"] = "sv"
lang = session_lang()

join_page = st.Page(
    "pages/join.py", title=t("join.nav", lang=lang), icon=":material/how_to_reg:", url_path="join"
)
if is_participant():
    # Another device in a workshop: the passcode first, then only the workshop (and the
    # language).
    with st.sidebar:
        language_switch(lang=lang)
    apply_style(presentation=False)
    gate()
    join = st.navigation([join_page], position="hidden")
    require_store(lang=lang)
    join.run()
    st.stop()

pages = [
    st.Page(
        "pages/overview.py",
        title=t("nav.overview", lang=lang),
        icon=":material/dashboard:",
        default=True,
    ),
    st.Page(
        "pages/focus_list.py",
        title=t("nav.focus", lang=lang),
        icon=":material/star:",
        url_path="focus",
    ),
    st.Page(
        "pages/concentration.py",
        title=t("conc.nav", lang=lang),
        icon=":material/scatter_plot:",
        url_path="concentration",
    ),
    st.Page(
        "pages/cost_to_serve.py",
        title=t("profit.nav", lang=lang),
        icon=":material/local_shipping:",
        url_path="cost",
    ),
    st.Page(
        "pages/team_assessment.py",
        title=t("team.nav", lang=lang),
        icon=":material/groups:",
        url_path="team",
    ),
    st.Page(
        "pages/health_check.py",
        title=t("health.nav", lang=lang),
        icon=":material/checklist:",
        url_path="health",
    ),
    st.Page(
        "pages/customer.py",
        title=t("customer.nav", lang=lang),
        icon=":material/person:",
        url_path="customer",
    ),
    st.Page(
        "pages/retention.py",
        title=t("ret.nav", lang=lang),
        icon=":material/autorenew:",
        url_path="retention",
    ),
    st.Page(
        "pages/workshop.py",
        title=t("ws.nav", lang=lang),
        icon=":material/groups_3:",
        url_path="workshop",
    ),
    st.Page(
        "pages/decisions.py",
        title=t("dec.nav", lang=lang),
        icon=":material/gavel:",
        url_path="decisions",
    ),
    st.Page(
        "pages/plans.py",
        title=t("plans.nav", lang=lang),
        icon=":material/assignment:",
        url_path="plans",
    ),
    st.Page(
        "pages/checkin.py",
        title=t("checkin.nav", lang=lang),
        icon=":material/event_available:",
        url_path="checkin",
    ),
    st.Page(
        "pages/review.py",
        title=t("review.nav", lang=lang),
        icon=":material/emoji_events:",
        url_path="review",
    ),
    join_page,
    st.Page(
        "pages/import_data.py",
        title=t("nav.import", lang=lang),
        icon=":material/upload_file:",
        url_path="import",
    ),
]
# Every page stays in view: with more than twelve, Streamlit would fold the rest
# behind "View more".
page = st.navigation(pages, expanded=True)

with st.spinner(t("demo.loading", lang=lang)):
    # While another process holds the database: a page that says so and retries.
    require_store(lang=lang)

with st.sidebar:
    st.markdown(f"### {t('app.title', lang=lang)}")
    st.caption(t("app.tagline", lang=lang))
    table = datasets()
    pending = st.session_state.pop(PENDING_DATASET_KEY, None)
    if pending is not None:
        st.session_state[DATASET_KEY] = get_store().dataset_id(pending)
    if table.is_empty():
        st.caption(t("sidebar.no_dataset", lang=lang))
    else:
        names = dict(zip(table["dataset_id"], table["name"], strict=True))
        demo = dict(zip(table["dataset_id"], table["is_demo"], strict=True))
        chosen = current_dataset()
        if st.session_state.get(DATASET_KEY) not in names:
            st.session_state[DATASET_KEY] = chosen["dataset_id"]
        st.selectbox(
            t("sidebar.dataset", lang=lang),
            options=list(names),
            format_func=lambda i: (
                f"{names[i]} · {t('sidebar.demo_badge', lang=lang)}" if demo[i] else names[i]
            ),
            key=DATASET_KEY,
        )
    language_switch(lang=lang)
    st.toggle(
        t("sidebar.presentation", lang=lang),
        key="presentation",
        help=t("sidebar.presentation_help", lang=lang),
    )
    if presenting():
        st.toggle(
            t("sidebar.show_controls", lang=lang),
            key=SHOW_CONTROLS_KEY,
            help=t("sidebar.show_controls_help", lang=lang),
        )
    st.toggle(
        t("sidebar.mask_names", lang=lang),
        key=MASK_KEY,
        help=t("sidebar.mask_names_help", lang=lang),
    )
    guide_sidebar(here=page.url_path, lang=lang)

apply_style(presentation=bool(st.session_state.get("presentation")))

page.run()
