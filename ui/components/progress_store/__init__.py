"""The learner's drill progress in their own browser: ``localStorage["dlqa.progress"]``.

A Streamlit v2 component (no iframe: its JavaScript runs in the page itself; nothing fetched
from anywhere) that draws nothing. ``progress_store.js``:

- **reads**: when the session has no copy of the progress yet (``want``), it reads the key and
  sends the text back as the trigger value ``loaded`` (``{"text": …, "ok": …}``; ``ok`` is false
  where the browser refuses storage). It does so once per session id, and again whenever
  another tab of the app changes the key (the ``storage`` event), so two tabs stay in step;
- **writes**: every run sends the session's whole progress with a revision (``sid``, ``rev``);
  a revision not yet written is written (an empty progress removes the key). A run the browser
  skips is made good by the next one, which carries the same or newer progress;
- **keys** (the drill page): Space presses "Show answer", 1–4 press Again / Hard / Good / Easy,
  as in Anki, unless the reader is typing (a text box, a select) or holds a modifier key. The
  keys press the page's own buttons (``.st-key-drill_show``, ``.st-key-drill_grade_<n>``), so a
  key does exactly what a click does.

The progress never goes to the server beyond the session's memory: the server only relays
what the browser sent, and writes nothing to disk.
"""

from __future__ import annotations

import functools
from pathlib import Path

import streamlit as st

NAME = "qa_progress_store"
COMPONENT_JS = Path(__file__).with_name("progress_store.js")
# Its element holds nothing to see: hidden, so it leaves no gap in the page. (Two lines: a
# one-line string with [ or * would be taken for a file name.)
CSS = "[class*='st-key-'][class*='_progress_store'] {\n  display: none;\n}"


@functools.cache
def _component():
    """The registered component (once a process)."""
    return st.components.v2.component(
        NAME, css=CSS, js=COMPONENT_JS.read_text(encoding="utf-8"), isolate_styles=False
    )


def _ignore() -> None:
    """The trigger needs a callback to be registered; the page reads the value itself."""


def progress_store(
    key: str, *, want: bool, sid: str, rev: int, text: str | None, keys: bool = False
) -> dict | None:
    """Mount (or update) the store under ``key`` (``<page>_progress_store``). Returns what the
    browser sent in this run (``{"text": str | None, "ok": bool}``), or None."""
    data = {"want": want, "sid": sid, "rev": rev, "text": text, "keys": keys}
    result = _component()(data=data, key=key, on_loaded_change=_ignore)
    return result.get("loaded")
