"""An answer as plain text, and the snippet of it a search hit shows.

The plain text keeps inline formulas (``$…$``, rendered by KaTeX in the snippet) and puts "…"
for display formulas; Markdown's marks, links' targets, comments and the "Try it" pointers'
set-up are dropped. A snippet is a window of it around the first match, never cutting a formula
in two, with the matched words in bold (outside formulas).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ui.search.index import term_spans

_COMMENT = re.compile(r"<!--.*?-->", re.S)
_DISPLAY = re.compile(r"\$\$.+?\$\$", re.S)
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARKS = re.compile(r"\*\*|__|`|^\s*(?:>|#+|[-*] |\d+\. )\s*", re.M)
_INLINE = re.compile(r"\$[^$]+?\$")
BEFORE, AFTER = 50, 150  # characters of context around the first match (Latin script)


def plain_text(markdown: str) -> str:
    text = _COMMENT.sub(" ", markdown)
    text = _DISPLAY.sub(" … ", text)
    text = _LINK.sub(r"\1", text)
    text = _MARKS.sub("", text)
    text = text.replace("🔬", "").replace("|", " ")
    return " ".join(text.split())


def _formulas(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _INLINE.finditer(text)]


def _outside(position: int, formulas: list[tuple[int, int]], toward_end: bool) -> int:
    """``position`` moved out of any formula it falls inside (to its start or end)."""
    for start, end in formulas:
        if start < position < end:
            return end if toward_end else start
    return position


def snippet(text: str, terms: Iterable[str]) -> str:
    """A window of ``text`` around its first match of ``terms`` (or its start), Markdown."""
    spans = term_spans(text, terms)
    formulas = _formulas(text)
    spans = [s for s in spans if _outside(s[0], formulas, False) == s[0]]
    dense = sum("\u3400" <= ch <= "\u9fff" for ch in text) > len(text) / 3
    before, after = (BEFORE // 2, AFTER // 2) if dense else (BEFORE, AFTER)
    first = spans[0][0] if spans else 0
    start = _outside(max(0, first - before), formulas, False)
    end = _outside(min(len(text), first + after), formulas, True)
    # whole words at both ends: up to a space, or in Chinese up to a Latin word's edge
    cut = str.isspace if not dense else (lambda ch: not (ch.isascii() and ch.isalnum()))
    while start > 0 and not cut(text[start - 1]):
        start -= 1
    while end < len(text) and not cut(text[end]):
        end += 1
    start, end = _outside(start, formulas, False), _outside(end, formulas, True)
    pieces, at = [], start
    for s, e in spans:
        if s < start or e > end or s < at:
            continue
        pieces += [text[at:s], f"**{text[s:e]}**"]
        at = e
    pieces.append(text[at:end])
    return ("… " if start > 0 else "") + "".join(pieces).strip() + (" …" if end < len(text) else "")
