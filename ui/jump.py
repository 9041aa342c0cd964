"""Taking the reader to a place on a topic page: the question a link names, or the experiment a
"Try it" pointer opens.

Streamlit runs no page JavaScript from Python, and a rerun leaves the page scrolled where it
was. So a jump is asked for in one of two ways and carried out by ui/components/page_script, a
tiny component (no iframe, nothing drawn) at the end of every topic page:

- by the URL, ``?q=<question id>`` (ui/links.py): the home page's and the glossary's links to
  a question. ``st.page_link`` cannot carry a ``#fragment``, and the page's own heading
  anchors would only be followed on a fresh load, not on a move inside the app. The parameter
  is dropped from the URL once read, so later reruns stay where the reader scrolled; the
  component writes the question's anchor (``#<question id>``) into the address instead, which
  a reload or a shared link follows;
- by a pointer's button (ui/pointers.py), whose callback runs before the script: it opens the
  tab, sets the values the pointer names and leaves a jump in session state for this run.

Each jump carries a fresh token, so the component acts on it once: the next rerun sends none.
"""

from __future__ import annotations

import secrets
from collections.abc import Collection, Mapping

import streamlit as st

from ui.components.page_script import page_script
from ui.links import QUESTION_PARAM

JUMP_KEY = "qa_jump"  # session state: the jump the next run of the page makes


def tabs_key(topic: str) -> str:
    """The session-state key of a topic's experiment tabs: it holds the open tab's label."""
    return f"{topic}_tab"


def open_experiment(topic: str, tab: str, settings: Mapping[str, object]) -> None:
    """A pointer button's callback: open the experiment tab labelled ``tab``, give the widgets
    in ``settings`` (key → value) those values, and bring the experiments into view."""
    st.session_state[tabs_key(topic)] = tab
    for key, value in settings.items():
        st.session_state[key] = value
    show_experiments()


def show_experiments() -> None:
    """A button's callback: bring the experiments into view (a phone's way from the text)."""
    st.session_state[JUMP_KEY] = {"to": "experiments", "token": secrets.token_hex(4)}


def question_from_url(question_ids: Collection[str]) -> None:
    """Read ``?q=`` once: a question of this page is jumped to; anything else is ignored."""
    asked = st.query_params.get(QUESTION_PARAM)
    if asked is None:
        return
    del st.query_params[QUESTION_PARAM]
    if asked in question_ids:
        st.session_state[JUMP_KEY] = {"to": "question", "id": asked, "token": secrets.token_hex(4)}


def make_jump() -> None:
    """Draw the page's script component with this run's jump, if any (then it is spent)."""
    page_script(st.session_state.pop(JUMP_KEY, None))
