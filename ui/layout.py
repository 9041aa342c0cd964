"""The shared layout of a topic page: the Q&A text beside the experiments."""

from __future__ import annotations

import streamlit as st

from ui.i18n import t

TEXT_HEIGHT = 900  # px: the Q&A column scrolls on its own, so it stays beside the charts


def topic_layout():
    """Two columns: the Q&A text (scrolling by itself) and the experiments."""
    text_column, lab_column = st.columns([5, 7], gap="large")
    with text_column:
        st.caption(t("common.qa_heading"))
        text = st.container(height=TEXT_HEIGHT, border=False)
    with lab_column:
        st.caption(t("common.experiments_heading"))
    return text, lab_column
