"""The one error type of the importer: a code the UI translates, plus an English text."""

from __future__ import annotations

import errno
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["IngestError", "disk_space", "out_of_space", "printable"]

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


# A full disk (or quota, or file-size limit) as the system says it: by its number on an
# `OSError`, by its words in the messages of DuckDB and polars, which wrap it.
_NO_SPACE = (errno.ENOSPC, errno.EFBIG, errno.EDQUOT)
_NO_SPACE_WORDS = tuple(
    {os.strerror(code).lower() for code in _NO_SPACE}
    | {"no space left on device", "file too large", "disk quota exceeded"}
)


def out_of_space(exc: BaseException) -> bool:
    """Whether `exc` (or what it wraps) says that the disk is full."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, OSError) and current.errno in _NO_SPACE:
            return True
        if any(words in str(current).lower() for words in _NO_SPACE_WORDS):
            return True
        current = current.__cause__ or current.__context__
    return False


@contextmanager
def disk_space() -> Iterator[None]:
    """Turn a full disk anywhere in the block into `IngestError("disk_full")`; the
    block's own transaction has rolled back, so nothing was changed."""
    try:
        yield
    except IngestError:
        raise
    except Exception as exc:
        if not out_of_space(exc):
            raise
        raise IngestError(
            "disk_full",
            "The disk is full: there was not enough room to import the file, and nothing "
            "was changed. Free some space on the disk of the database and of the "
            "temporary folder, then import again.",
        ) from None
