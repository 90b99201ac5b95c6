"""Read the quotes of a delimited text file leniently, so that one bad line costs a line.

Real exports hold `"` where no CSV reader expects one: `חברה בע"מ` or `24" skärm` in an
unquoted field, `"24" skärm"` with the inner quote not doubled. A strict reader (polars)
then refuses the whole file or joins lines. `repair_quotes` copies the data lines to a
file that a strict reader reads as a person would, line by line:

- a line that is well-formed CSV stays as it is (checked a block at a time, at C speed);
- otherwise a `"` only opens a quoted field at the start of a field, and only closes it
  before a delimiter or the end of the line (`""` inside is one `"`); every other `"` is
  text;
- a quoted field still open at the end of the line is either a field over several lines
  (kept when closing it gives a row exactly as wide as the header) or a stray quote (kept
  as text when splitting at every delimiter gives a row exactly as wide as the header);
- a line that fits none of these cannot be split: it is written as a marked row
  (`UNSPLIT_MARK`, the line's text, its line number) for the importer to reject.
"""

from __future__ import annotations

import csv
from collections import deque
from pathlib import Path

import polars as pl

__all__ = ["UNSPLIT_MARK", "quotes_regular", "repair_quotes"]

# First field of a row standing for a line that could not be split. Control characters
# keep it apart from any real value (a line that holds exactly this is rejected too).
UNSPLIT_MARK = "\x1e\x1funsplit\x1f\x1e"
# How many following lines a quoted field may span before its line counts as unsplit.
MAX_FIELD_LINES = 50
_BLOCK_CHARS = 4 * 1024 * 1024


def _well_formed(delimiter: str) -> str:
    """A regular expression (for polars) matching one well-formed line without its end:
    fields either quoted (`""` inside for a quote) or free of quotes. A quoted field over
    several lines is not taken as well-formed here: only the slow path bounds how far it
    may run.
    """
    outside = "\\|" if delimiter == "|" else delimiter
    field = f'(?:"(?:[^"\\n]|"")*"|[^"{delimiter}\\n]*)'
    return f"^{field}(?:{outside}{field})*$"


def _split(text: str, delimiter: str) -> tuple[list[str], bool]:
    """The fields of one record and whether every quoted field in it was closed.

    `text` is the record without its final line end (it may hold line ends of a field
    over several lines).
    """
    fields: list[str] = []
    i, n = 0, len(text)
    while True:
        if i < n and text[i] == '"':
            parts: list[str] = []
            j = i + 1
            while True:
                k = text.find('"', j)
                if k < 0:
                    fields.append("".join(parts) + text[j:])
                    return fields, False
                parts.append(text[j:k])
                if text.startswith('""', k):
                    parts.append('"')
                    j = k + 2
                elif k + 1 == n or text[k + 1] == delimiter:
                    fields.append("".join(parts))
                    i = k + 1
                    break
                else:  # a quote inside the text
                    parts.append('"')
                    j = k + 1
            if i >= n:
                return fields, True
            i += 1  # the delimiter
        else:
            k = text.find(delimiter, i)
            if k < 0:
                fields.append(text[i:])
                return fields, True
            fields.append(text[i:k])
            i = k + 1


class _Repairer:
    """Decides the lines of the slow path; `pending` holds lines not yet decided."""

    def __init__(self, out, delimiter: str, width: int, line_no: int) -> None:
        self.out = out
        self.delimiter = delimiter
        self.width = width
        self.pattern = _well_formed(delimiter)
        self.writer = csv.writer(
            out, delimiter=delimiter, quotechar='"', lineterminator="\n", doublequote=True
        )
        # Lines not written yet, with whether each is well-formed on its own; the first
        # is a line whose quoted field may go on in the lines that follow.
        self.pending: deque[tuple[str, bool]] = deque()
        # The file's line number of the first line not written yet.
        self.line_no = line_no
        self.unsplit = 0

    def block(self, text: str, *, final: bool) -> None:
        """Write a block of whole lines (each ending in `\\n`, except perhaps at the end of
        the file), keeping back a line whose quoted field may go on in the next block.
        """
        if not self.pending and '"' not in text:
            self.out.write(text)
            self.line_no += text.count("\n")
            return
        lines = text.split("\n")
        if lines[-1] == "":
            lines.pop()
        good = pl.Series(lines, dtype=pl.String).str.contains(self.pattern)
        if not self.pending and good.all():
            self.out.write(text)
            self.line_no += len(lines)
            return
        self.pending.extend(zip(lines, good.to_list(), strict=True))
        while self.pending:
            if self.pending[0][1]:
                self.out.write(self.pending.popleft()[0] + "\n")
                self.line_no += 1
            elif final or len(self.pending) > MAX_FIELD_LINES:
                self.line_no += self._one()
            else:
                break  # wait for the lines that may close its field

    def _one(self) -> int:
        """Write the first pending line, which is not well-formed (with the lines a field
        of it spans); returns how many lines it took.
        """
        line, _good = self.pending.popleft()
        fields, closed = _split(line, self.delimiter)
        if closed:
            self.writer.writerow(fields)
            return 1
        literal = line.split(self.delimiter)
        if len(literal) == self.width:
            self.writer.writerow(literal)
            return 1
        text = line
        for used in range(1, min(MAX_FIELD_LINES, len(self.pending)) + 1):
            text += "\n" + self.pending[used - 1][0]
            fields, closed = _split(text, self.delimiter)
            if closed:
                if len(fields) == self.width:
                    for _ in range(used):
                        self.pending.popleft()
                    self.writer.writerow(fields)
                    return 1 + used
                break
        self.writer.writerow([UNSPLIT_MARK, line, str(self.line_no)])
        self.unsplit += 1
        return 1


def quotes_regular(source: Path, *, delimiter: str) -> bool:
    """Whether every line of `source` (UTF-8, `\\n` line ends) is well-formed on its own,
    so that a strict reader reads it as `repair_quotes` would write it: then no copy is
    needed. Read by polars, only the lines holding a `"` tested.
    """
    line = pl.col("line")
    odd = line.str.contains('"', literal=True) & ~line.str.contains(_well_formed(delimiter))
    found = pl.scan_lines(source).select(odd.any()).collect(engine="streaming")
    return not found.item()


def repair_quotes(
    source: Path, target: Path, *, delimiter: str, width: int, skip_lines: int
) -> int:
    """Copy the data lines of `source` to `target` so that a strict CSV reader splits
    them as described in the module's text; returns how many lines could not be split.

    `source` is UTF-8 with `\\n` line ends; its first `skip_lines` lines (title lines and
    the header) are left out. `width` is the header's number of fields. Rows that stand
    for an unsplit line have `UNSPLIT_MARK` as first field, the line's text second and its
    line number in the file third.
    """
    with (
        source.open(encoding="utf-8", newline="") as src,
        target.open("w", encoding="utf-8", newline="") as dst,
    ):
        for _ in range(skip_lines):
            src.readline()
        repairer = _Repairer(dst, delimiter, width, line_no=skip_lines + 1)
        carry = ""
        while True:
            block = src.read(_BLOCK_CHARS)
            final = not block
            data = carry + block
            cut = len(data) if final else data.rfind("\n") + 1
            if cut == 0 and not final:
                carry = data  # a line longer than a block
                continue
            text, carry = data[:cut], data[cut:]
            if text or repairer.pending:
                repairer.block(text, final=final)
            if final:
                break
    return repairer.unsplit
