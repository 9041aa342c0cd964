"""The home page's search box: each hit is the question (a link that opens its topic's page at
it, ``?q=<id>``, keeping the language: ui/links.py, ui/jump.py), its topic and a snippet."""

from __future__ import annotations

import streamlit as st

from ui.content import QUIZ_ANCHOR, ContentError, load_topic
from ui.i18n import current_lang, t
from ui.links import question_params
from ui.search.index import Doc, Index
from ui.search.snippet import plain_text, snippet
from ui.topics import TOPICS

SHOWN = 8  # hits drawn; the rest are counted
PAGES = {topic.id: topic.page_path for topic in TOPICS}


@st.cache_resource(show_spinner=False)
def language_index(lang: str) -> Index:
    """Every question and quiz of every built topic in ``lang`` (once a process and language)."""
    docs = []
    for topic in TOPICS:
        if not topic.built:
            continue
        try:
            text = load_topic(topic.id, lang)
        except ContentError:
            continue
        for kind, blocks in (("q", text.questions), ("quiz", text.quizzes)):
            docs += [Doc(topic.id, b.id, kind, b.heading, plain_text(b.body)) for b in blocks]
    return Index(docs)


def search_box() -> None:
    lang = current_lang()
    st.html(
        "<style>.st-key-home_search [data-testid='stPageLink-NavLink'] :is(span, div, p) "
        "{ white-space: normal; overflow: visible; text-overflow: clip; }"
        ".st-key-home_search [data-testid='stPageLink-NavLink'] { height: auto; }"
        ".st-key-home_search [data-testid='stPageLink-NavLink'] p { font-weight: 600; }</style>"
    )
    with st.container(key="home_search"):
        query = st.text_input(
            t("search.label"),
            key="home_search_query",
            placeholder=t("search.placeholder"),
            icon=":material/search:",
            max_chars=200,
        )
        if not query.strip():
            return
        hits = language_index(lang).search(query)
        if not hits:
            st.caption(t("search.none", query=query.strip()))
            return
        st.caption(t("search.count", n=len(hits)))
        for hit in hits[:SHOWN]:
            doc = hit.doc
            with st.container(border=True):
                st.page_link(
                    PAGES[doc.topic],
                    label=doc.heading,
                    icon=":material/help:" if doc.kind == "q" else ":material/quiz:",
                    query_params=question_params(doc.id if doc.kind == "q" else QUIZ_ANCHOR, lang),
                )
                kind = t("search.question") if doc.kind == "q" else t("common.check_yourself")
                where = f"{t(f'{doc.topic}.nav_title')} · {kind}"
                st.caption(f"{where} — {snippet(doc.text, hit.matched)}")
        if len(hits) > SHOWN:
            st.caption(t("search.more", n=len(hits) - SHOWN))
