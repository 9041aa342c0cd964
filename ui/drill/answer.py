"""A card's answer, drawn as its topic page draws it: the same Markdown and formulas (KaTeX), the
internal links carrying the reader's language, and each "Try it" pointer as a box with its
button. On the drill the button cannot open a tab of this page: it takes the reader to the
topic's page with that experiment open, its values set and scrolled into view (the pointer's
own callback, ui.jump.open_experiment, then a page switch at the top of the next run)."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from ui.content import QUIZ_ANCHOR
from ui.drill.deck import QUIZ, DeckCard
from ui.i18n import current_lang, t
from ui.jump import open_experiment
from ui.links import localise_links, question_params
from ui.pointers import DRILL_POINTER, split_body

GO_TO = "drill_go_to"  # session state: the page a pointer asked for


def _open_elsewhere(card: DeckCard, tab: str, settings: Mapping[str, object]) -> None:
    open_experiment(card.topic, tab, settings)
    st.session_state[GO_TO] = card.page


def follow_pointer() -> None:
    """At the top of the drill's run: go where a pointer's button asked (if one did)."""
    target = st.session_state.pop(GO_TO, None)
    if target:
        st.switch_page(target)


def render_answer(card: DeckCard) -> None:
    lang = current_lang()
    count = 0
    for part in split_body(card.body):
        if isinstance(part, str):
            st.markdown(localise_links(part, lang))
            continue
        count += 1
        with st.container(border=True, key=f"drill_pointer_{count}"):
            if part.before:
                st.markdown(localise_links(part.before, lang))
            st.button(
                f"{part.label} · {part.tab}",
                key=f"{DRILL_POINTER}{count}",
                icon=":material/science:",
                help=t("drill.try_it_help"),
                on_click=_open_elsewhere,
                args=(card, part.tab, part.settings),
            )
            st.markdown(localise_links(part.text, lang))
    target = card.id if card.kind != QUIZ else QUIZ_ANCHOR
    st.page_link(
        card.page,
        label=t("drill.open_on_page", topic=t(f"{card.topic}.nav_title")),
        icon=":material/menu_book:",
        query_params=question_params(target, lang),
    )
