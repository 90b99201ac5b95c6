"""Who may see what: the facilitator everything, workshop participants only the workshop.

Kundfokus listens on localhost only (`.streamlit/config.toml`). Reaching it from other
devices is a deliberate act: `make workshop` (`python -m ui.serve`) starts the server on
every network address, and only with a workshop passcode set. In that mode a browser on
the server's own machine is the facilitator; any other device must give the passcode
(compared with `hmac.compare_digest`) and then sees only the page to join a workshop.

The passcode comes from `KUNDFOKUS_WORKSHOP_PASSCODE`, else `workshop_passcode` in
`.streamlit/secrets.toml`.
"""

from __future__ import annotations

import hmac
import os
import tomllib
from pathlib import Path

import streamlit as st

from locales import t
from ui.i18n import session_lang

__all__ = [
    "MIN_PASSCODE",
    "PASSCODE_ENV",
    "WORKSHOP_ENV",
    "WORKSHOP_URL_ENV",
    "client_address",
    "gate",
    "is_participant",
    "passcode",
    "passcode_matches",
    "workshop_mode",
]

WORKSHOP_ENV = "KUNDFOKUS_WORKSHOP"  # "1": the server listens beyond localhost
WORKSHOP_URL_ENV = "KUNDFOKUS_WORKSHOP_URL"  # the address participants open
PASSCODE_ENV = "KUNDFOKUS_WORKSHOP_PASSCODE"
SECRETS_FILE = Path(__file__).resolve().parent.parent / ".streamlit" / "secrets.toml"
MIN_PASSCODE = 6
_LOCAL = {"127.0.0.1", "::1", "localhost"}
# Session key: this browser session has given the right passcode.
_PASSED_KEY = "gate_passed"


def passcode() -> str | None:
    """The workshop passcode (environment first, then secrets.toml), or None."""
    value = os.environ.get(PASSCODE_ENV, "").strip()
    if value:
        return value
    if SECRETS_FILE.is_file():
        try:
            secrets = tomllib.loads(SECRETS_FILE.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError):
            return None
        value = str(secrets.get("workshop_passcode", "")).strip()
        return value or None
    return None


def passcode_matches(given: str, expected: str | None) -> bool:
    """True when `given` is the passcode; constant-time, False without a passcode."""
    if not expected:
        return False
    return hmac.compare_digest(given.strip().encode("utf-8"), expected.encode("utf-8"))


def workshop_mode() -> bool:
    """The server was started for a workshop (listening beyond localhost)."""
    return os.environ.get(WORKSHOP_ENV, "") == "1"


def is_participant() -> bool:
    """In workshop mode, a browser on another device (it sees only the workshop pages)."""
    if not workshop_mode():
        return False
    address = client_address()
    return address is not None and address not in _LOCAL


def client_address() -> str | None:
    """The address the browser connects from; None on the server's own machine
    (Streamlit gives no address for 127.0.0.1 and ::1)."""
    return st.context.ip_address


def gate() -> None:
    """Stop the script for a participant until the passcode has been given."""
    if not is_participant() or st.session_state.get(_PASSED_KEY):
        return
    expected = passcode()
    lang = session_lang()
    st.title(t("gate.title", lang=lang))
    if not expected or len(expected) < MIN_PASSCODE:
        st.error(t("gate.not_set", lang=lang), icon=":material/lock:")
        st.stop()
    with st.form("gate_form"):
        given = st.text_input(t("gate.passcode", lang=lang), type="password", key="gate_passcode")
        sent = st.form_submit_button(t("gate.submit", lang=lang), type="primary")
    if sent:
        if passcode_matches(given, expected):
            st.session_state[_PASSED_KEY] = True
            st.rerun()
        st.error(t("gate.wrong", lang=lang), icon=":material/lock:")
    st.stop()
