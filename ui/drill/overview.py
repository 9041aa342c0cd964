"""The drill on the home page, from the progress kept in the learner's browser: a line with the
whole deck's counts and the way to the drill, and in each topic's box how many of its cards
the learner has seen, how many are due and how many are mastered."""

from __future__ import annotations

import streamlit as st

from ui.drill import progress as store
from ui.drill.deck import deck
from ui.drill.schedule import summary
from ui.drill.store import Progress
from ui.i18n import current_lang, t
from ui.links import lang_params

DRILL_PAGE = "pages/drill.py"


def drill_overview() -> Progress | None:
    """The drill's box; returns the progress (None while the browser has not sent it)."""
    lang = current_lang()
    progress = store.sync("home")
    keys = [card.key for card in deck(lang)]
    with st.container(border=True, key="home_drill"):
        if progress is None:
            line = t("drill.loading")
        elif not any(key in progress for key in keys):
            line = t("drill.home_none", n=len(keys))
        else:
            seen, due, mastered = summary(progress, keys, store.now())
            counts = t("drill.home_counts", seen=seen, total=len(keys), due=due, mastered=mastered)
            line = f"{counts} {t('drill.mastered_note')}"
        st.markdown(f":material/exercise: **{t('drill.nav_title')}** · {line}")
        st.page_link(
            DRILL_PAGE,
            label=t("drill.home_start"),
            icon=":material/arrow_forward:",
            query_params=lang_params(lang),
        )
    return progress


def topic_progress(progress: Progress | None, topic_id: str) -> None:
    """A topic's drill counts, once the learner has drilled any card."""
    if not progress:
        return
    keys = [card.key for card in deck(current_lang(), (topic_id,))]
    seen, due, mastered = summary(progress, keys, store.now())
    text = t("drill.topic_counts", seen=seen, total=len(keys), due=due, mastered=mastered)
    st.caption(f":material/exercise: {text}")
