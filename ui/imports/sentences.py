"""The import page's texts in a language: the file's facts, the stages of an import, the
report's period and its rejected rows by reason, and the proposed data set's name."""

from __future__ import annotations

from analytics.ingest.pipeline import ImportReport, Preview
from locales import Markdown, key_table, t
from locales.formats import fmt_date, fmt_int

__all__ = [
    "KIND_CHOICES",
    "STAGE_KEYS",
    "file_facts",
    "new_name",
    "reasons_line",
    "report_period",
    "stage_text",
]

# What a file holds, as the page offers it, with the catalog key of the choice.
KIND_CHOICES: dict[str, str] = {
    "sales": "import.kind_sales",
    "customers": "import.kind_customers",
}
# The stages an import reports its progress in, with the catalog key of each.
STAGE_KEYS = key_table("import.stage", "reading", "checking", "parsing", "saving", "done")


def file_facts(preview: Preview, *, lang: str) -> Markdown:
    """`CSV · utf-8 · ';'`: the file's kind, encoding and delimiter (`–` when none)."""
    return t(
        "import.file_facts",
        lang=lang,
        kind=preview.kind.upper(),
        encoding=preview.encoding or "–",
        delimiter=repr(preview.delimiter) if preview.delimiter else "–",
    )


def stage_text(stage: str, *, lang: str) -> Markdown:
    """An import's stage in words (`Läser filen`); the code itself for an unknown one."""
    key = STAGE_KEYS.get(stage)
    return t(key, lang=lang) if key else Markdown(stage)


def report_period(report: ImportReport, *, lang: str) -> str:
    """The first and last invoice date of an import: `2024-01-05 – 2024-02-10`."""
    return f"{fmt_date(report.first_date, lang=lang)} – {fmt_date(report.last_date, lang=lang)}"


def reasons_line(report: ImportReport, *, lang: str) -> Markdown:
    """`Datum saknas: 2 · Belopp saknas: 1`: the rejected rows counted by reason."""
    return Markdown(" · ").join(
        Markdown(f"{t(f'reason.{r}', lang=lang)}: {fmt_int(n, lang=lang)}")
        for r, n in report.rejected_reasons.items()
    )


def new_name(name: str, taken: list[str]) -> str:
    """`name`, or `name (2)`, `name (3)` … the first that no data set has."""
    candidate, number = name, 1
    while candidate in taken:
        number += 1
        candidate = f"{name} ({number})"
    return candidate
