"""The app's own CSS, in one place: tiles and controls sized from their content, and the
larger type of presentation mode; and presentation mode's folded controls (`controls`).

Streamlit cuts a metric's value, label and delta and a segmented control's options with
"…" when their column is narrower than the text (a 1400 px screen with the sidebar open,
a projector's larger type). A figure cut to "5,7 M…" is worse than none, so here they
wrap instead, and a tile's value shrinks a little with its column before it wraps.
"""

from __future__ import annotations

import streamlit as st

__all__ = [
    "BASE_CSS",
    "PRESENTATION_CSS",
    "PRESENTATION_FONT_PX",
    "PRESENTATION_KEY",
    "SHOW_CONTROLS_KEY",
    "apply_style",
    "controls",
    "controls_folded",
    "presenting",
]

# The sidebar's toggles: presentation mode, and in it "show controls".
PRESENTATION_KEY = "presentation"
SHOW_CONTROLS_KEY = "show_controls"

# Text that Streamlit would end in "…": wrap it at spaces, inside a word only if the word
# alone is wider than its box.
_WRAP = "white-space:normal;overflow:visible;text-overflow:clip;overflow-wrap:break-word"

BASE_CSS = (
    # Metric tiles: label, value and delta wrap; the value's type follows the tile's
    # width (between 1.25rem and Streamlit's 2.25rem) so that a value mostly stays on one line.
    "[data-testid=stMetric]{container-type:inline-size}"
    "[data-testid=stMetric] [data-testid=stMarkdownContainer],"
    f"[data-testid=stMetric] [data-testid=stMarkdownContainer] p{{{_WRAP}}}"
    "[data-testid=stMetricValue]{font-size:clamp(1.25rem,20cqi,2.25rem);line-height:1.2}"
    "[data-testid=stMetricLabel]{height:auto;min-height:1.5rem}"
    # Segmented controls: every option shows its whole text, a long one on two lines
    # inside its button; options that do not fit beside each other in a narrow column go
    # on to a second row (Streamlit would scroll them out of sight).
    "[data-testid=stButtonGroup] div:has(> button){flex-wrap:wrap}"
    "[data-testid=stButtonGroup] button,"
    "[data-testid=stButtonGroup] button [data-testid=stMarkdownContainer],"
    f"[data-testid=stButtonGroup] button p{{{_WRAP}}}"
    "[data-testid=stButtonGroup] button{height:auto;min-height:2.5rem}"
    # Buttons (and download buttons): a label wider than its column wraps inside.
    "[data-testid^=stBaseButton],"
    "[data-testid^=stBaseButton] [data-testid=stMarkdownContainer],"
    f"[data-testid^=stBaseButton] p{{{_WRAP}}}"
    "[data-testid^=stBaseButton]{height:auto;max-width:100%}"
    # Check boxes (the weekly board's commitments): a long label wraps instead of "…".
    "[data-testid=stCheckbox] label,"
    "[data-testid=stCheckbox] [data-testid=stMarkdownContainer],"
    f"[data-testid=stCheckbox] p{{{_WRAP}}}"
)

# A projector needs larger type and no chrome around the content.
PRESENTATION_FONT_PX = 22
PRESENTATION_CSS = (
    f"html{{font-size:{PRESENTATION_FONT_PX}px}}[data-testid=stHeader]{{display:none}}"
    "[data-testid=stMainBlockContainer]{padding-top:1rem}"
)


def apply_style(*, presentation: bool) -> None:
    """Add the app's CSS to the page, with presentation mode's larger type when on."""
    css = BASE_CSS + (PRESENTATION_CSS if presentation else "")
    st.html(f"<style>{css}</style>")


def presenting() -> bool:
    """Whether presentation mode is on (the sidebar's toggle)."""
    return bool(st.session_state.get(PRESENTATION_KEY))


def controls_folded() -> bool:
    """In presentation mode the controls are folded away unless "show controls" is on."""
    return presenting() and not st.session_state.get(SHOW_CONTROLS_KEY)


def controls(label: str):
    """Where a page draws its sliders and choices: a closed expander titled `label` while
    they are folded away (the picture and its sentence stay; the values stay as set),
    else the current place on the page."""
    if controls_folded():
        return st.expander(label, icon=":material/tune:")
    return st.container()
