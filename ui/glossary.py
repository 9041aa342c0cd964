"""The glossary: one Chinese and one English term per concept (``content/glossary.toml``), and
the questions whose text uses a term.

A term is looked for in prose only: ``strip_code_and_math`` first removes inline code, formulas,
link targets and HTML comments, so ``nn.Dropout(p)`` or ``$\\tanh$`` never count. English matches
ignore case; a term that begins or ends with a Latin letter or digit only matches as a whole word
(an English plural ``-s``/``-es`` allowed), so "gain" is not found in "again", "ReLU" not in
"PReLU", and "test mode" not in "test model". The words of a term may be joined by spaces or a
hyphen: "training mode" also finds the adjective "training-mode".
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ui.content import CONTENT_DIR, load_topic
from ui.i18n import LANGS
from ui.topics import TOPICS

GLOSSARY_PATH = CONTENT_DIR / "glossary.toml"
_REQUIRED = ("zh", "en", "zh_line", "en_line")
_OPTIONAL = ("zh_avoid", "en_avoid")

# What is not prose: HTML comments (the block markers), inline code, display and inline math,
# and the target of a Markdown link. Escaped dollars (\$) are not math.
_NOT_PROSE = re.compile(
    r"<!--.*?-->|`[^`\n]*`|\$\$.*?\$\$|(?<!\\)\$(?:\\.|[^$\\])*?(?<!\\)\$|\]\([^)\n]*\)",
    re.DOTALL,
)
_LATIN = re.compile(r"[A-Za-z0-9]")


@dataclass(frozen=True)
class Entry:
    """One concept: its term, its one-line definition and the variants to avoid, per language."""

    id: str
    zh: str
    en: str
    zh_line: str
    en_line: str
    zh_avoid: tuple[str, ...] = ()
    en_avoid: tuple[str, ...] = ()

    def term(self, lang: str) -> str:
        return getattr(self, _lang(lang))

    def line(self, lang: str) -> str:
        return getattr(self, f"{_lang(lang)}_line")

    def avoid(self, lang: str) -> tuple[str, ...]:
        return getattr(self, f"{_lang(lang)}_avoid")


class GlossaryError(ValueError):
    """The glossary file does not follow its format."""


def _lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}; got {lang!r}")
    return lang


def parse_glossary(text: str, source: str = "<glossary>") -> tuple[Entry, ...]:
    """The entries of a glossary TOML text, in file order; GlossaryError naming the entry."""
    try:
        tables = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise GlossaryError(f"{source}: {err}") from err
    entries = []
    for entry_id, table in tables.items():
        where = f"{source} [{entry_id}]"
        if not isinstance(table, dict):
            raise GlossaryError(f"{where}: must be a table")
        unknown = set(table) - set(_REQUIRED) - set(_OPTIONAL)
        if unknown:
            raise GlossaryError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
        for field in _REQUIRED:
            value = table.get(field)
            if not isinstance(value, str) or not value.strip():
                raise GlossaryError(f"{where}: {field} must be a non-empty string")
        for field in _OPTIONAL:
            value = table.get(field, [])
            if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
                raise GlossaryError(f"{where}: {field} must be a list of non-empty strings")
        fields = {field: table[field].strip() for field in _REQUIRED}
        avoided = {field: tuple(table.get(field, ())) for field in _OPTIONAL}
        entries.append(Entry(entry_id, **fields, **avoided))
    return tuple(entries)


@cache
def load_glossary(path: Path = GLOSSARY_PATH) -> tuple[Entry, ...]:
    """The glossary's entries in the order the glossary page shows them."""
    return parse_glossary(path.read_text(encoding="utf-8"), path.name)


def strip_code_and_math(text: str) -> str:
    """``text`` with inline code, formulas, link targets and HTML comments blanked out (each
    replaced by a space, so the words on either side stay apart)."""
    return _NOT_PROSE.sub(" ", text)


@cache
def term_pattern(term: str) -> re.Pattern[str]:
    """A case-insensitive pattern for ``term`` as a whole word (see the module's docstring)."""
    body = r"[\s-]+".join(re.escape(word) for word in term.split())
    if _LATIN.match(term[0]):
        body = rf"(?<![A-Za-z0-9]){body}"
    if _LATIN.match(term[-1]):
        body = rf"{body}(?:e?s)?(?![A-Za-z0-9])"
    return re.compile(body, re.IGNORECASE)


def find_term(text: str, term: str) -> list[str]:
    """Every place the prose of ``text`` uses ``term``, as the words found."""
    return [m.group() for m in term_pattern(term).finditer(strip_code_and_math(text))]


def questions_using(term: str, lang: str) -> tuple[tuple[str, str, str], ...]:
    """The topic questions (heading or answer) that use ``term`` in ``lang``, in teaching order,
    as ``(topic id, question id, heading)``."""
    found = []
    for topic in TOPICS:
        for block in load_topic(topic.id, _lang(lang)).questions:
            if find_term(f"{block.heading}\n{block.body}", term):
                found.append((topic.id, block.id, block.heading))
    return tuple(found)
