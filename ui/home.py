"""The home page: what the app teaches, and every question of every topic linking to its place on
the topic's page (``?q=<question id>``, ui/links.py; the page scrolls to it, ui/jump.py)."""

import streamlit as st

from ui.content import ContentError, load_topic
from ui.i18n import current_lang, t
from ui.links import lang_params, question_params
from ui.topics import PLAYGROUND, TOPICS
from ui.widgets import prediction_tally


def tally() -> None:
    """The learner's predictions this session (ui.widgets.predict_then_run), and how many
    were right."""
    made, right = prediction_tally()
    text = t("home.tally", made=made, right=right) if made else t("home.tally_none")
    st.markdown(f":material/psychology: {text}")


def draw() -> None:
    st.title(t("common.app_title"))
    st.caption(t("common.app_tagline"))
    st.markdown(t("home.intro"))
    st.info(t("home.how_to"), icon=":material/translate:")
    tally()

    lang = current_lang()
    # A page link shows its label on one line, cut short with an ellipsis: questions wrap instead.
    st.html(
        "<style>.st-key-home_topics [data-testid='stPageLink-NavLink'] :is(span, div, p) "
        "{ white-space: normal; overflow: visible; text-overflow: clip; }"
        ".st-key-home_topics [data-testid='stPageLink-NavLink'] { height: auto; "
        "align-items: flex-start; }"
        ".st-key-home_topics [data-testid='stPageLink-NavLink'] > span:first-child "
        "{ margin-top: 0.3rem; }</style>"
    )
    columns = st.container(key="home_topics").columns(2)
    for i, topic in enumerate(TOPICS):
        with columns[i % 2].container(border=True):
            try:
                questions = load_topic(topic.id, lang).questions
            except ContentError as err:
                st.error(t("common.content_missing", detail=str(err)))
                continue
            st.subheader(t(f"{topic.id}.nav_title"))
            st.caption(t("home.questions_count", n=len(questions)))
            if not topic.built:
                st.caption(f":material/schedule: {t('home.coming_soon')}")
                st.markdown("\n".join(f"- {q.heading}" for q in questions))
                continue
            for q in questions:
                st.page_link(
                    topic.page_path,
                    label=q.heading,
                    icon=":material/help:",
                    query_params=question_params(q.id, lang),
                )

    with st.container(border=True):
        st.subheader(t("playground.nav_title"))
        st.markdown(t("home.playground_blurb"))
        if PLAYGROUND.built:
            st.page_link(
                PLAYGROUND.page_path,
                label=t("playground.nav_title"),
                icon=PLAYGROUND.icon,
                query_params=lang_params(lang),
            )
        else:
            st.caption(f":material/schedule: {t('home.coming_soon')}")
