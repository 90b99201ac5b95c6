"""An uploaded file on disk only while it is read: the one way the pages that take a file
(the import, the team's scores) hand it to the importer, which reads paths."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from analytics.workfiles import work_directory

__all__ = ["UPLOAD_TYPES", "upload_file"]

# The files an uploader takes: what the importer reads.
UPLOAD_TYPES = ["csv", "txt", "tsv", "xlsx", "xlsm", "xls", "parquet"]


@contextmanager
def upload_file(uploaded) -> Iterator[Path]:
    """The uploaded file in a private temporary folder for the length of the `with`
    block, which is removed afterwards, whatever happens: a customer's export stays on
    disk only while it is being read (the bytes themselves live in the upload widget)."""
    with work_directory("upload") as folder:
        path = Path(folder) / Path(uploaded.name).name
        path.write_bytes(uploaded.getbuffer())
        yield path
