"""The "🔬 Try it · <tab>" pointers of the Q&A text, drawn as buttons that open their experiment.

In the Markdown a pointer is one blockquote line; the tab is named by its label (a test checks
it is one of the page's):

    > 🔬 **Try it · Function and derivative** — select sigmoid and follow the derivative curve…

A pointer may also name values to set, in a comment at the end of the line that the reader never
sees: a TOML inline table of widget keys (of this topic) and values, the same in both languages
(tests/app/test_content.py)::

    > 🔬 **Try it · …** — select sigmoid … <!-- set: activations_names = ["sigmoid"] -->

A widget a pointer sets takes its default from session state rather than its own ``value=``
(Streamlit warns about a widget given both).

On the page a pointer is a bordered box: its label as a button (key ``<topic>_try_<question
id>``), then its text. The button's callback (ui.jump.open_experiment, run before the script)
opens the tab, sets the values and leaves a jump for the run, which brings the experiments into
view: beside the text on a wide screen, far below it on a phone. A button rather than a link
with a query parameter, because a link would load the page anew (a new session: every value
the reader set would be lost) or, as a Markdown link, open a new browser tab. Blockquote lines
just before a pointer (a playground preset's link) go into its box, above the button.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

import streamlit as st

from ui.i18n import current_lang, t
from ui.jump import open_experiment
from ui.links import localise_links
from ui.topics import TOPICS

POINTER = re.compile(
    r"^> 🔬 \*\*(?P<label>[^*]+?) · (?P<tab>[^*]+?)\*\* — (?P<text>.*?)"
    r"(?:\s*<!-- set: (?P<settings>.+?) -->)?\s*$"
)
QUOTE = re.compile(r"^>\s?")


def pointer_key(topic_id: str, name: str) -> str:
    """The key of a pointer's button: ``<topic>_try_<question id>`` (``…_2`` for a second)."""
    return f"{topic_id}_try_{name}"


def is_pointer_key(key: str | None) -> bool:
    return bool(key) and any(key.startswith(f"{topic.id}_try_") for topic in TOPICS)


@dataclass(frozen=True)
class Pointer:
    label: str  # "Try it" / "动手试试"
    tab: str  # the label of the experiment's tab
    text: str  # what to do there (Markdown)
    settings: Mapping[str, object] = field(default_factory=dict)  # widget key → value
    before: str = ""  # blockquote lines just before it (Markdown), shown above the button


def parse_settings(text: str | None) -> dict[str, object]:
    """``key = value, …`` (a TOML inline table's inside) as a dict; ValueError if malformed."""
    if not text:
        return {}
    try:
        return tomllib.loads(f"set = {{ {text} }}")["set"]
    except tomllib.TOMLDecodeError as err:
        raise ValueError(f"bad pointer settings {text!r}: {err}") from err


def split_body(body: str) -> Iterator[str | Pointer]:
    """An answer as Markdown chunks and the pointers between them, in order."""
    lines: list[str] = []
    for line in body.split("\n"):
        match = POINTER.match(line)
        if match is None:
            lines.append(line)
            continue
        quoted: list[str] = []  # the blockquote lines right above the pointer join its box
        while lines and lines[-1].startswith(">"):
            quoted.insert(0, QUOTE.sub("", lines.pop()).removesuffix("\\").rstrip())
        if "\n".join(lines).strip():
            yield "\n".join(lines).strip()
        lines = []
        yield Pointer(
            match["label"],
            match["tab"],
            match["text"],
            parse_settings(match["settings"]),
            "  \n".join(quoted),
        )
    if "\n".join(lines).strip():
        yield "\n".join(lines).strip()


def render_body(topic_id: str, block_id: str, body: str) -> None:
    """An answer's text with each pointer as a box holding its button."""
    lang = current_lang()
    count = 0
    for part in split_body(body):
        if isinstance(part, str):
            st.markdown(localise_links(part, lang))
            continue
        count += 1
        name = block_id if count == 1 else f"{block_id}_{count}"
        with st.container(border=True, key=f"{topic_id}_pointer_{name}"):
            if part.before:
                st.markdown(localise_links(part.before, lang))
            st.button(
                f"{part.label} · {part.tab}",
                key=pointer_key(topic_id, name),
                icon=":material/science:",
                help=t("common.try_it_help"),
                on_click=open_experiment,
                args=(topic_id, part.tab, part.settings),
            )
            st.markdown(localise_links(part.text, lang))
