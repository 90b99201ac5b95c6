"""The product's texts: one catalog per language, and the one way to fill them in.

Each language is a TOML file beside this module (`sv.toml`, `en.toml`): a `[meta]` table
with the language's `name` and Babel `locale`, then one table per page or part whose keys
are read as `<table>.<key>` (`[conc]` `"metric.n80"` is `conc.metric.n80`). Adding a
language is adding a file: `LANGUAGES` lists every catalog found, and a test checks that
each has every key with the same `{placeholders}` as Swedish.

`t(key, lang=...)` returns `Markdown` for elements that render Markdown: every string
parameter is escaped (`md()`), so a customer named `![x](http://host/p.png)` shows as
those characters. `plain(key, lang=...)` fills in as it is, for places that show
characters (table cells, chart labels, tooltips, files). `trusted()` marks Markdown the
code wrote itself. The language is always passed: only `ui.i18n.lang()` reads it from
the session, at the page boundary. A table of codes and the keys of their words is
`key_table("plans.status", "planned", "done")`: the codes written out, there or in a
tuple of them (`*GOAL_KINDS`), never a key put together at run time, so the key-scan test
checks each one.

Catalogs are TOML rather than gettext: `tomllib` is in the standard library, the files
need no compile step, keys stay the short structured names the code and the key-scan
test use, and a translator edits one readable file.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Iterable
from functools import cache
from pathlib import Path

__all__ = [
    "CATALOGS_ENV",
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "OPTIONAL",
    "Markdown",
    "babel_locale",
    "catalog",
    "has_text",
    "key_table",
    "md",
    "plain",
    "t",
    "trusted",
]

_HERE = Path(__file__).parent
DEFAULT_LANGUAGE = "sv"
# A folder of further catalogs (`da.toml`, `nb.toml`): a language added without touching
# the code. A catalog there with the code of a shipped one replaces it.
CATALOGS_ENV = "KUNDFOKUS_CATALOGS"
# Keys a catalog may leave out: a word for one currency (`kr` for SEK in Swedish), else
# the currency's code is written.
OPTIONAL = re.compile(r"^format\.money\.unit(\.[kM])?\.[A-Z]{3}$")


def _load(path: Path) -> dict[str, str]:
    """A catalog file as a flat `{"table.key": text}`, its `[meta]` as `meta.<key>`."""
    with path.open("rb") as handle:
        tables = tomllib.load(handle)
    flat: dict[str, str] = {}
    for table, entries in tables.items():
        for key, text in entries.items():
            flat[f"{table}.{key}"] = text
    return flat


def _folders() -> list[Path]:
    extra = os.environ.get(CATALOGS_ENV)
    return [_HERE, *([Path(extra)] if extra else [])]


@cache
def _catalogs() -> dict[str, dict[str, str]]:
    found = {
        path.stem: _load(path)
        for folder in _folders()
        for path in sorted(folder.glob("[a-z][a-z].toml"))
    }
    # Swedish first: it is the default and the reference every other catalog must match.
    return dict(sorted(found.items(), key=lambda item: item[0] != DEFAULT_LANGUAGE))


LANGUAGES: dict[str, str] = {code: texts["meta.name"] for code, texts in _catalogs().items()}


def catalog(lang: str) -> dict[str, str]:
    """Every text of language `lang` by key (the default language's for an unknown one)."""
    catalogs = _catalogs()
    return catalogs.get(lang, catalogs[DEFAULT_LANGUAGE])


def babel_locale(lang: str) -> str:
    """The Babel locale of language `lang` (`sv_SE`, `en_GB`) from its catalog's meta."""
    return catalog(lang)["meta.locale"]


def has_text(key: str, *, lang: str) -> bool:
    """Whether language `lang` has a text for `key` (for codes that may lack one)."""
    return key in catalog(lang)


def key_table(prefix: str, *codes: str) -> dict[str, str]:
    """A table of codes and the catalog keys of their words, in the order given:
    `key_table("plans.status", "planned", "done")` is
    `{"planned": "plans.status.planned", "done": "plans.status.done"}`. The codes are
    written out where it is called or in a tuple of strings it is given (`*GOAL_KINDS`),
    so the key-scan test checks every key it makes."""
    return {code: f"{prefix}.{code}" for code in codes}


class Markdown(str):
    """Text that a Markdown-rendering element may show as it is: the product's own texts
    (`t()`, `trusted()`) and data escaped by `md()`. `join` escapes the parts that are not
    `Markdown` yet, so pieces can be put together without escaping anything twice."""

    __slots__ = ()

    def join(self, parts: Iterable[object]) -> Markdown:
        return Markdown(str.join(self, (md(p) for p in parts)))


# Characters that start Markdown or Streamlit constructs anywhere in a line: escapes,
# code, emphasis, links and images, autolinks and HTML, entities, strikethrough, tables,
# LaTeX, and Streamlit's `:material/...:` icons, `:red[...]` colours and emoji shortcodes.
_INLINE = re.compile(r"([\\`*_\[\]<>!&~|$:])")
# ... and those that do so only at the start of a line: headings, quotes, lists, rules.
_LINE_START = re.compile(r"^(\s*)(#|[-+=](?=\s|$|[-+=])|\d+[.)](?=\s|$))")
# GitHub's autolinks turn `http://…`, `www.…` and `a@b.c` into links even when escaped;
# an invisible WORD JOINER inside the pattern keeps them text.
_WORD_JOINER = "\u2060"
_AUTOLINKS = (
    (re.compile(r"(?<=:)(?=//)"), _WORD_JOINER),
    # Streamlit draws `:material/home:` as an icon and `:smile:` as an emoji even with
    # the colons escaped; a joiner after a colon that a letter follows keeps them text.
    (re.compile(r"(?<=:)(?=[^\W\d_])"), _WORD_JOINER),
    (re.compile(r"(?i)(?<=www)(?=\.)"), _WORD_JOINER),
    (re.compile(r"(?=@)"), _WORD_JOINER),
)


def md(value: object) -> Markdown:
    """`value` as Markdown that renders as exactly its characters, on one line.

    `![x](http://h/p.png)` becomes `\\!\\[x\\](http:⁠//h/p.png)`: no image, no link, no
    LaTeX, no heading or list. Line breaks become spaces. `Markdown` passes unchanged.
    """
    if isinstance(value, Markdown):
        return value
    text = " ".join(str(value).splitlines())
    for pattern, joiner in _AUTOLINKS:
        text = pattern.sub(joiner, text)
    text = _INLINE.sub(r"\\\1", text)
    text = _LINE_START.sub(lambda m: f"{m[1]}\\{m[2]}" if len(m[2]) == 1 else _number(m), text)
    return Markdown(text)


def _number(match: re.Match) -> str:
    """`12.` at the start of a line (an ordered list) as `12\\.`."""
    return f"{match[1]}{match[2][:-1]}\\{match[2][-1]}"


def trusted(text: str) -> Markdown:
    """The explicit opt-out: `text` is Markdown the code wrote itself (bold, headings)
    and contains no data, or only data already passed through `md()`."""
    return Markdown(text)


def _text(key: str, lang: str) -> str:
    return catalog(lang).get(key) or catalog(DEFAULT_LANGUAGE).get(key) or key


def t(key: str, *, lang: str, **params: object) -> Markdown:
    """The text for `key` in language `lang` with `{placeholders}` filled, for an element
    that renders Markdown: every string parameter is escaped with `md()` (a `Markdown`
    one, such as another `t()`, is taken as it is); numbers are put in as they are."""
    escaped = {k: md(v) if isinstance(v, str) else v for k, v in params.items()}
    return Markdown(_fill(_text(key, lang), escaped))


def plain(key: str, *, lang: str, **params: object) -> str:
    """The text for `key` in language `lang` with `{placeholders}` filled as they are, for
    places that show characters rather than Markdown: table cells, chart titles, labels
    and tooltips, select box options, downloads, slides."""
    return _fill(_text(key, lang), params)


def _fill(text: str, params: dict[str, object]) -> str:
    if not params:
        return text
    try:
        return text.format(**params)
    except (KeyError, IndexError, ValueError):
        # The key-scan test proves every placeholder; a stray brace in data must not crash.
        return text
