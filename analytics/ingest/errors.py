"""The one error type of the importer: a code the UI translates, plus an English text."""

from __future__ import annotations

__all__ = ["IngestError"]


class IngestError(ValueError):
    """An import that cannot go on, with a stable `code` and the values for its message.

    `code` is a key of the interface texts (`error.<code>`); `params` fill its
    placeholders. `str(error)` is a complete English sentence for the command line.
    """

    def __init__(self, code: str, message: str, **params: object) -> None:
        super().__init__(message)
        self.code = code
        self.params = params
