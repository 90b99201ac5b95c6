"""The one error type of the importer: a code the UI translates, plus an English text."""

from __future__ import annotations

import re

__all__ = ["IngestError", "printable"]

# Control characters (C0, DEL, C1) and the invisible marks that reorder text: a file
# name, header or value holding them must not steer a terminal (ANSI escapes, BEL) or
# disguise a message. Tab and line ends become a space; the others a visible escape.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_SPACES = {"\t", "\n", "\r"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _SPACES:
        return " "
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """`text` safe to show in a message: control characters as visible escapes
    (`\\x1b`, `\\u202e`), tab and line ends as spaces; everything else unchanged.
    """
    return _CONTROL.sub(_escape, text)


class IngestError(ValueError):
    """An import that cannot go on, with a stable `code` and the values for its message.

    `code` is a key of the interface texts (`error.<code>`); `params` fill its
    placeholders. `str(error)` is a complete English sentence for the command line. Text
    in the message and the parameters comes from files (names, headers, values), so it is
    made `printable` here, once for every message built from it.
    """

    def __init__(self, code: str, message: str, **params: object) -> None:
        super().__init__(printable(message))
        self.code = code
        self.params = {k: printable(v) if isinstance(v, str) else v for k, v in params.items()}
