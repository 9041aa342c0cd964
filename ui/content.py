"""Loads the Q&A text from content/<lang>/<topic>.md and renders it.

A topic file is a title line, then blocks that each start with a marker comment:
``<!-- q: <id>; seed: A1, A2 -->`` and one ``## question`` heading, or
``<!-- quiz: <id> -->`` and one ``### question`` heading; the answer follows.
The markers are stripped before rendering; the seed ids let tests check coverage. Internal
links get the reader's language (ui/links.py), "Try it" pointers become buttons (ui/pointers.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import streamlit as st

from ui.i18n import LANGS, current_lang, t
from ui.links import localise_links
from ui.pointers import render_body
from ui.topics import ROOT, topic_by_id

CONTENT_DIR = ROOT / "content"

_MARKER = re.compile(
    r"^<!-- (?P<kind>q|quiz): (?P<id>[a-z0-9-]+)(?:; seed: (?P<seeds>[A-Z0-9, ]+))? -->\n"
    r"(?P<hashes>#{2,3}) (?P<heading>.+)$",
    re.MULTILINE,
)


@dataclass(frozen=True)
class Block:
    id: str
    heading: str
    body: str
    seeds: tuple[str, ...] = ()


@dataclass(frozen=True)
class TopicText:
    title: str
    intro: str
    questions: tuple[Block, ...]
    quizzes: tuple[Block, ...]


class ContentError(ValueError):
    """A content file is missing or does not follow the block format."""


def parse_topic(text: str, source: str = "<text>") -> TopicText:
    """Split a topic file into its title, intro, question blocks and quiz blocks."""
    first, _, rest = text.partition("\n")
    if not first.startswith("# "):
        raise ContentError(f"{source}: the first line must be '# <title>'")
    matches = list(_MARKER.finditer(rest))
    questions: list[Block] = []
    quizzes: list[Block] = []
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(rest)
        expected = "##" if m["kind"] == "q" else "###"
        if m["hashes"] != expected:
            raise ContentError(f"{source}: block {m['id']!r} needs a '{expected} ' heading")
        seeds = tuple(s.strip() for s in (m["seeds"] or "").split(",") if s.strip())
        block = Block(m["id"], m["heading"].strip(), rest[m.end() : end].strip(), seeds)
        (questions if m["kind"] == "q" else quizzes).append(block)
    intro = rest[: matches[0].start()] if matches else rest
    return TopicText(first[2:].strip(), intro.strip(), tuple(questions), tuple(quizzes))


_MATH = re.compile(r"\$\$(.+?)\$\$|\$(.+?)\$", re.S)


def formulas(text: str) -> set[str]:
    """The formulas of a text, written comparably across languages: each $…$ or $$…$$ without
    white space, trailing punctuation or the words inside \text{…} (which are the language's)."""
    found = set()
    for match in _MATH.finditer(text):
        formula = re.sub(r"\\text\{[^}]*\}", r"\\text{}", match.group(1) or match.group(2))
        found.add(re.sub(r"\s+", "", formula).rstrip(".,;"))
    return found


def content_path(topic_id: str, lang: str):
    """The file for a registered topic in a known language; never a path from user input."""
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}; got {lang!r}")
    return CONTENT_DIR / lang / f"{topic_by_id(topic_id).id}.md"


@st.cache_data(show_spinner=False)
def load_topic(topic_id: str, lang: str) -> TopicText:
    """Parse a topic's file; ContentError naming the file if it is missing or malformed."""
    path = content_path(topic_id, lang)
    if not path.is_file():
        raise ContentError(f"content file missing: content/{lang}/{path.name}")
    return parse_topic(path.read_text(encoding="utf-8"), f"content/{lang}/{path.name}")


def _topic_or_error(topic_id: str) -> TopicText | None:
    try:
        return load_topic(topic_id, current_lang())
    except ContentError as err:
        st.error(t("common.content_missing", detail=str(err)))
        return None


def render_question(topic_id: str, question_id: str) -> None:
    """One question as a heading and its answer."""
    topic = _topic_or_error(topic_id)
    if topic is None:
        return
    for block in topic.questions:
        if block.id == question_id:
            _render_question(topic_id, block)
            return
    st.error(t("common.question_missing", topic=topic_id, question=question_id))


def _render_question(topic_id: str, block: Block) -> None:
    """The question as a heading whose anchor is its id (``#dying``, the same in both languages:
    Streamlit's own anchors keep only a heading's Latin words, so Chinese headings would share
    them), then the answer, its "Try it" pointers as buttons (ui/pointers.py)."""
    st.header(block.heading, anchor=block.id)
    render_body(topic_id, block.id, block.body)


def render_quizzes(topic_id: str) -> None:
    """The topic's "check yourself" questions, each answer folded away."""
    topic = _topic_or_error(topic_id)
    if topic is None or not topic.quizzes:
        return
    st.header(t("common.check_yourself"), anchor="check-yourself")
    for block in topic.quizzes:
        st.markdown(f"**{block.heading}**")
        with st.expander(t("common.show_answer")):
            render_body(topic_id, block.id, block.body)


def render_topic(topic_id: str) -> tuple[str, ...]:
    """The whole topic: intro, every question with its answer, then the quizzes. Returns the
    ids of the questions shown (none if the text could not be loaded)."""
    topic = _topic_or_error(topic_id)
    if topic is None:
        return ()
    if topic.intro:
        st.markdown(localise_links(topic.intro, current_lang()))
    for block in topic.questions:
        _render_question(topic_id, block)
    render_quizzes(topic_id)
    return tuple(block.id for block in topic.questions)
