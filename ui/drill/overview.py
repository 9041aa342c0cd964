"""Home's drill box: per topic, how many of its cards the learner has seen, how many are due and
how many are mastered, from the progress kept in their browser; and the way to the drill."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui.drill import progress as store
from ui.drill.deck import deck
from ui.drill.schedule import summary
from ui.i18n import current_lang, t
from ui.links import lang_params
from ui.tables import show_table
from ui.topics import TOPICS

DRILL_PAGE = "pages/drill.py"


def drill_overview() -> None:
    lang = current_lang()
    progress = store.sync("home")
    cards = deck(lang)
    with st.container(border=True, key="home_drill"):
        st.subheader(t("drill.nav_title"), anchor=False)
        if progress is None:
            st.caption(t("drill.loading"))
        elif not any(card.key in progress for card in cards):
            st.markdown(t("drill.home_none", n=len(cards)))
        else:
            now = store.now()
            rows = []
            for topic in TOPICS:
                keys = [card.key for card in cards if card.topic == topic.id]
                if keys:
                    seen, due, mastered = summary(progress, keys, now)
                    rows.append(
                        (t(f"{topic.id}.nav_title"), f"{seen} / {len(keys)}", due, mastered)
                    )
            columns = [
                t("drill.col_topic"),
                t("drill.col_seen"),
                t("drill.col_due"),
                t("drill.col_mastered"),
            ]
            show_table(pd.DataFrame(rows, columns=columns))
            st.caption(t("drill.mastered_note"))
        st.page_link(
            DRILL_PAGE,
            label=t("drill.home_start"),
            icon=":material/exercise:",
            query_params=lang_params(lang),
        )
