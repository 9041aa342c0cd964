"""The shared layout of a topic page: the Q&A text beside the experiments, one tab each."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence

import streamlit as st

from ui.content import QUIZ_ANCHOR, render_topic
from ui.i18n import t
from ui.jump import make_jump, question_from_url, show_experiments, tabs_key
from ui.page_guard import run_through_app
from ui.run_cache import cancel_button

Tab = tuple[str, Callable[[], None]]  # (label, draw)


def topic_page(topic_id: str) -> None:
    """A topic's whole page, from ``ui/topics/<id>/experiments.py``: its title, its Q&A text
    beside its experiments, one tab each. ``experiments.tabs()`` draws whatever sits above the
    tabs (a note, a shared set-up form) and returns the tabs as ``(label, draw)``."""
    run_through_app()
    experiments = importlib.import_module(f"ui.topics.{topic_id}.experiments")
    st.title(t(f"{topic_id}.title"))
    text_column, lab_column = topic_layout(topic_id)
    with text_column:
        questions = render_topic(topic_id)
    question_from_url((*questions, QUIZ_ANCHOR))
    with lab_column:
        cancel_button(topic_id)  # outside every fragment, so that its click stops a run
        tabs = experiments.tabs()
        make_jump()  # before the tabs: a first visit's slow experiment must not hold it back
        if tabs:
            experiment_tabs(topic_id, tabs)


TEXT_HEIGHT = 900  # px: the Q&A column scrolls on its own, so it stays beside the charts


def topic_layout(topic_id: str):
    """Two columns: the Q&A text (scrolling by itself) and the experiments.

    The experiments column is several screens long; the Q&A column sticks below the toolbar
    while it scrolls past, so the text stays in view beside whichever chart is, and it is never
    taller than the window.
    """
    st.html(
        "<style>"
        '[data-testid="stLayoutWrapper"]:has(> .st-key-qa_column) '
        "{ position: sticky; top: 3.75rem; }"
        ".st-key-qa_text { max-height: calc(100vh - 7rem); }"
        # the question headings: h2 under the page's h1, at the size of Markdown's ####
        ".st-key-qa_text h2 { font-size: 1.5rem; padding: 1rem 0 0.25rem; }"
        # a formula or table wider than the column scrolls; ui/components/page_script marks it
        "[data-qa-scrolls] { scrollbar-color: rgba(128, 128, 128, 0.7) "
        "transparent; padding: 0.375rem 0 0.5rem; }"
        "[data-qa-scrolls]:focus-visible { outline: 2px solid; "
        "outline-offset: -2px; }"
        ".st-key-qa_page_script { display: none; }"
        "[class*='_to_lab'] { display: none; }"
        # A phone stacks the columns: the text scrolls with the page, not in a box of its own,
        # and a button at its top takes the reader to the experiments below it.
        "@media (max-width: 640px) {"  # where Streamlit stacks columns
        ' [data-testid="stLayoutWrapper"]:has(> .st-key-qa_column) { position: static; }'
        " .st-key-qa_text { height: auto !important; max-height: none;"
        " overflow: visible !important; }"
        ' [data-testid="stLayoutWrapper"]:has(> .st-key-qa_text) { height: auto !important; }'
        " [class*='_to_lab'] { display: block; } }"
        "</style>"
    )
    text_column, lab_column = st.columns([5, 7], gap="large")
    with text_column, st.container(key="qa_column"):
        st.button(
            t("common.jump_to_experiments"),
            key=f"{topic_id}_to_lab",
            on_click=show_experiments,
            type="tertiary",
        )
        st.caption(t("common.qa_heading"))
        text = st.container(height=TEXT_HEIGHT, border=False, key="qa_text")
    with lab_column:
        st.caption(t("common.experiments_heading"))
        lab = st.container(key="qa_lab")
    return text, lab


# Widgets inside an experiment tab pass this as persist_state, so their values survive while
# another tab is open (a widget that is not drawn in a run otherwise loses its value).
KEEP_ACROSS_TABS = "page"


def experiment_tabs(topic: str, experiments: Sequence[Tab]) -> None:
    """One tab per experiment, ``(label, draw)``, keyed ``tabs_key(topic)``; only the open tab's
    experiment runs and is sent to the browser, so a first visit draws one experiment, not all.

    The labels are part of the tabs' identity, so a language switch would make them new tabs,
    open at the first: the open tab's place is kept (``<key>_index``) to reopen it.
    """
    labels = [label for label, _ in experiments]
    key = tabs_key(topic)
    shown = st.session_state.get(key)
    if shown is not None and shown not in labels:  # the same tab in the other language
        st.session_state[key] = labels[st.session_state.get(f"{key}_index", 0)]
    tabs = st.tabs(labels, key=key, on_change="rerun")
    for index, (tab, (_, draw)) in enumerate(zip(tabs, experiments, strict=True)):
        if tab.open:
            st.session_state[f"{key}_index"] = index
            with tab:
                draw()
