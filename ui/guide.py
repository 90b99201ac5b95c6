"""The strategy day's guided sequence: the facilitator steps through prepared views, one
idea per screen — health check, concentration, whale curve, quadrant, focus list,
retention scenario, decision — with Previous and Next in the sidebar.

The sequence is data (`STEPS`). A page that holds several ideas asks `shows(section)`
for each of them: with the guide off every section shows; with it on, only the step's.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from locales import t

__all__ = ["GUIDE_KEY", "STEPS", "STEP_KEY", "Step", "guide_sidebar", "guiding", "shows"]

GUIDE_KEY = "guide"
STEP_KEY = "guide_step"
# The step travels in the page link's query (`?step=3`): a link is an ordinary page
# change, which keeps every widget's state, where a scripted switch would not.
_QUERY = "step"


@dataclass(frozen=True)
class Step:
    """One screen of the day: the page (its file and its `url_path` in `app.py`), the
    section of it (None: the whole page) and the catalog key of its title."""

    page: str
    url_path: str
    section: str | None
    title: str


STEPS: tuple[Step, ...] = (
    Step("pages/health_check.py", "health", None, "guide.step.health"),
    Step("pages/concentration.py", "concentration", "pareto", "guide.step.pareto"),
    Step("pages/concentration.py", "concentration", "whale", "guide.step.whale"),
    Step("pages/concentration.py", "concentration", "quadrant", "guide.step.quadrant"),
    Step("pages/focus_list.py", "focus", None, "guide.step.focus"),
    Step("pages/retention.py", "retention", "scenario", "guide.step.retention"),
    Step("pages/decisions.py", "decisions", None, "guide.step.decision"),
)


def guiding() -> bool:
    """Whether the guided sequence is on (the sidebar's toggle)."""
    return bool(st.session_state.get(GUIDE_KEY))


def _step() -> int:
    """The current step: the link's `?step=`, else the last one shown."""
    text = st.query_params.get(_QUERY)
    if text is not None and text.isdigit() and int(text) < len(STEPS):
        st.session_state[STEP_KEY] = int(text)
    value = st.session_state.get(STEP_KEY, 0)
    return value if isinstance(value, int) and 0 <= value < len(STEPS) else 0


def shows(section: str) -> bool:
    """Whether the page shows its part `section` now: always without the guide; with it,
    only the current step's section (a page without sections in `STEPS` shows all)."""
    if not guiding():
        return True
    current = STEPS[_step()]
    return current.section is None or current.section == section


def _go(index: int) -> None:
    st.query_params[_QUERY] = str(index)
    st.session_state[STEP_KEY] = index


def _link(index: int, label: str, *, here: str) -> None:
    """A link to step `index`; on this page already, a button (a link to the page one is
    on does not rerun it)."""
    if STEPS[index].url_path == here:
        st.button(label, key=f"guide_to_{index}", on_click=_go, args=(index,), width="stretch")
    else:
        st.page_link(
            STEPS[index].page, label=label, query_params={_QUERY: str(index)}, width="stretch"
        )


def guide_sidebar(*, here: str, lang: str) -> None:
    """The toggle, then the step's number and title with links to the previous and the
    next step (in the sidebar); on another page than the step's (`here`, the current
    page's `url_path`), a link back to the step."""
    st.toggle(t("guide.toggle", lang=lang), key=GUIDE_KEY, help=t("guide.toggle_help", lang=lang))
    if not guiding():
        return
    index = _step()
    step = STEPS[index]
    st.markdown(
        t(
            "guide.where",
            lang=lang,
            number=index + 1,
            total=len(STEPS),
            title=t(step.title, lang=lang),
        )
    )
    if step.url_path != here:
        _link(index, t("guide.open", lang=lang), here=here)
    if index > 0:
        _link(index - 1, t("guide.previous", lang=lang), here=here)
    if index < len(STEPS) - 1:
        _link(index + 1, t("guide.next", lang=lang), here=here)
