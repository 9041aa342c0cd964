"""The glossary page (术语表 / Glossary): every term in the reader's language, its name in the
other language, one line, and links to the questions that use it."""

from __future__ import annotations

import streamlit as st

from ui.glossary import load_glossary, questions_using
from ui.i18n import LANGS, current_lang, t
from ui.links import question_url


def matches(entry, query: str) -> bool:
    """Whether a filter text occurs in either term or either line (case-insensitive)."""
    query = query.strip().casefold()
    fields = (entry.zh, entry.en, entry.zh_line, entry.en_line)
    return not query or any(query in field.casefold() for field in fields)


def question_links(term: str, lang: str) -> str:
    """Markdown links to the questions using ``term``; each link keeps the language and opens
    its topic's page at the question."""
    return " · ".join(
        f"[{heading}]({question_url(topic_id, question_id, lang)})"
        for topic_id, question_id, heading in questions_using(term, lang)
    )


def draw() -> None:
    lang = current_lang()
    other = next(code for code in LANGS if code != lang)
    st.title(t("common.glossary_title"))
    st.markdown(t("common.glossary_intro"))
    query = st.text_input(
        t("common.glossary_filter"), key="glossary_filter", placeholder=t("common.glossary_hint")
    )
    entries = [entry for entry in load_glossary() if matches(entry, query)]
    st.caption(t("common.glossary_count", n=len(entries)))
    for entry in entries:
        with st.container(border=True):
            st.markdown(f"**{entry.term(lang)}** · {entry.term(other)}")
            st.markdown(entry.line(lang))
            links = question_links(entry.term(lang), lang)
            if links:
                st.caption(t("common.glossary_used_in", links=links))
