"""A topic page's script: jumps to a question or to the experiments, and scrollable formulas.

A Streamlit v2 component (no iframe: its JavaScript runs in the page itself) that draws
nothing. ``page_script.js`` does two things:

- a jump (ui/jump.py): ``{"to": "question", "id": …}`` scrolls the Q&A column to that
  question's heading (and, where the columns stack on a phone, the page to the column), then
  writes ``#<id>`` into the address; ``{"to": "experiments"}`` scrolls the page to the
  experiments' tabs unless they are already in the upper part of the screen, and moves the
  keyboard focus to the open tab. Both re-align for a moment while the page settles (fonts,
  formulas) and stop as soon as the reader scrolls, types or clicks;
- display formulas wider than their column already scroll sideways (Streamlit's own style),
  but their scroll bar is hidden until hovered and a keyboard cannot reach them: each one that
  overflows is marked ``data-qa-scrolls`` (styled in ui/layout.py: a visible thin bar) and given
  ``tabindex=0`` (axe-core's scrollable-region-focusable rule), again whenever the page changes
  or the column is resized.
"""

from __future__ import annotations

import functools
from pathlib import Path

import streamlit as st

NAME = "qa_page_script"
KEY = "qa_page_script"  # its element's class is st-key-qa_page_script (hidden by ui/layout.py)
COMPONENT_JS = Path(__file__).with_name("page_script.js")


@functools.cache
def _component():
    """The registered component (once a process)."""
    return st.components.v2.component(NAME, js=COMPONENT_JS.read_text(encoding="utf-8"))


def page_script(jump: dict | None) -> None:
    """Mount (or update) the page's script with this run's jump (None: no jump)."""
    _component()(data={"jump": jump}, key=KEY)
