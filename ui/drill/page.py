"""The drill page (面试练习 / Interview drill): one card at a time, answered in the head (or typed),
then shown, then graded Again / Hard / Good / Easy; the next card is chosen by ui/drill/queue.py
from the FSRS schedule (ui/drill/schedule.py) kept in the learner's browser
(ui/drill/progress.py)."""

from __future__ import annotations

from datetime import timedelta

import streamlit as st

from ui.drill import progress as store
from ui.drill.answer import follow_pointer, render_answer
from ui.drill.deck import QUIZ, DeckCard, deck
from ui.drill.queue import CRAM, DUE, MODES, new_today, next_card, next_due
from ui.drill.schedule import intervals, review, summary
from ui.drill.transfer import draw_transfer
from ui.i18n import current_lang, t
from ui.topics import TOPICS
from ui.widgets import option_names

CURRENT = "drill_current"  # session state: the key of the card on the screen
REVEALED = "drill_revealed"  # whether its answer is shown
DONE = "drill_done"  # keys graded Good or Easy in this sitting
LAST = "drill_last"  # the key graded last
GRADED = "drill_graded"  # how many grades this sitting
ATTEMPT = "drill_attempt"  # the text box's key
CHOSEN = "drill_topics_chosen"  # the chosen topic ids (the widget's key names its language)
GRADES = ((1, "drill.again"), (2, "drill.hard"), (3, "drill.good"), (4, "drill.easy"))
NEW_PER_DAY = 10


def span(delta: timedelta) -> str:
    """A wait as the grade buttons say it: minutes, hours or days."""
    minutes = max(1, round(delta.total_seconds() / 60))
    if minutes < 60:
        return t("drill.minutes", n=minutes)
    if minutes < 24 * 60:
        return t("drill.hours", n=round(minutes / 60))
    return t("drill.days", n=round(minutes / (24 * 60)))


def reset_sitting() -> None:
    for key in (CURRENT, REVEALED, DONE, LAST, GRADED):
        st.session_state.pop(key, None)


def _reveal(key: str) -> None:
    if st.session_state.get(CURRENT) == key:
        st.session_state[REVEALED] = True


def _grade(key: str, rating: int) -> None:
    """A grade button's callback (a click or its key, 1–4). A click that belongs to a card no
    longer on the screen (a key pressed twice quickly) does nothing."""
    state = st.session_state
    progress = store.current()
    if state.get(CURRENT) != key or not state.get(REVEALED) or progress is None:
        return
    store.put(key, review(key, progress.get(key), rating, store.now()))
    if rating >= 3:
        state[DONE] = {*state.get(DONE, ()), key}
    state[LAST] = key
    state[GRADED] = state.get(GRADED, 0) + 1
    state[CURRENT] = None
    state[REVEALED] = False
    state[ATTEMPT] = ""


def _keep_topics(widget: str) -> None:
    st.session_state[CHOSEN] = list(st.session_state[widget])


def choices() -> tuple[tuple[str, ...], int, str]:
    """The learner's choices: topics, new cards per day, due only or cram.

    A multiselect sends its choice back as the options' names, so after a language switch it
    would keep only the topics named alike in both ("Dropout"): the chosen ids are kept apart
    (``CHOSEN``) and each language has its own widget, which starts from them."""
    built = [topic.id for topic in TOPICS if topic.built]
    widget = f"drill_topics_{current_lang()}"
    with st.expander(t("drill.choices"), icon=":material/tune:"):
        topics = st.multiselect(
            t("drill.topics"),
            built,
            default=[topic for topic in st.session_state.get(CHOSEN, built) if topic in built],
            format_func={topic_id: t(f"{topic_id}.nav_title") for topic_id in built}.__getitem__,
            key=widget,
            on_change=_keep_topics,
            args=(widget,),
        )
        new_per_day = st.number_input(
            t("drill.new_per_day"),
            min_value=0,
            max_value=200,
            value=NEW_PER_DAY,
            step=1,
            key="drill_new_per_day",
            persist_state="session",
        )
        mode = st.segmented_control(
            t("drill.mode"),
            MODES,
            default=DUE,
            format_func=option_names("drill.mode_", MODES),
            required=True,
            key="drill_mode",
            persist_state="session",
        )
    return tuple(topics), int(new_per_day), mode if mode in MODES else DUE


def draw() -> None:
    follow_pointer()
    # A reading width for the card, and the grade buttons kept in view at the bottom of the
    # screen while a long answer scrolls past (on the page's own background, which the store's
    # script copies into --dlqa-bg in either theme).
    st.html(
        "<style>.st-key-drill_page { max-width: 54rem; }"
        "[data-testid='stLayoutWrapper']:has(> .st-key-drill_grades) { position: sticky; "
        "bottom: 0; z-index: 2; padding: 0.5rem 0; background: var(--dlqa-bg, transparent); }"
        "</style>"
    )
    with st.container(key="drill_page"):
        page()


def page() -> None:
    st.title(t("drill.title"))
    st.caption(t("drill.intro"))
    progress = store.sync("drill", keys=True)
    topics, new_per_day, mode = choices()
    if progress is None:
        st.info(t("drill.loading"), icon=":material/hourglass_top:")
        return
    if store.dropped():
        st.warning(t("drill.dropped", n=store.dropped()))
    if store.storage_refused():
        st.warning(t("drill.no_storage"))
    cards = deck(current_lang(), topics)
    if not topics:
        st.info(t("drill.no_topics"))
    else:
        draw_card(cards, progress, new_per_day, mode)
    draw_transfer(progress, on_change=reset_sitting)


def draw_card(cards: tuple[DeckCard, ...], progress, new_per_day: int, mode: str) -> None:
    state = st.session_state
    now = store.now()
    keys = [card.key for card in cards]
    new_left = max(0, new_per_day - new_today(progress, store.day_start(now)))
    done = state.get(DONE, set())
    seen, due, _ = summary(progress, keys, now)
    stats = t("drill.stats", due=due, new=len(keys) - seen, new_left=new_left)
    st.caption(f"{stats} · {t('drill.graded', n=state.get(GRADED, 0))}")
    key = state.get(CURRENT)
    if key not in keys or key in done:
        key = next_card(
            keys, progress, now, mode=mode, new_left=new_left, done=done, last=state.get(LAST)
        )
        state[CURRENT], state[REVEALED] = key, False
    if key is None:
        finished(keys, progress, mode)
        return
    card = cards[keys.index(key)]
    entry = progress.get(key)
    with st.container(border=True, key="drill_card"):
        kind = t("common.check_yourself") if card.kind == QUIZ else t("drill.question")
        seen_text = t("drill.seen", n=entry["reviews"]) if entry else t("drill.new_card")
        st.caption(f"{t(f'{card.topic}.nav_title')} · {kind} · {seen_text}")
        st.subheader(card.heading, anchor=False)
        st.text_area(
            t("drill.attempt"), key=ATTEMPT, placeholder=t("drill.attempt_hint"), height=90
        )
        if not state.get(REVEALED):
            st.button(
                t("drill.show"),
                key="drill_show",
                type="primary",
                icon=":material/visibility:",
                on_click=_reveal,
                args=(key,),
            )
            st.caption(t("drill.keys"))
            return
        st.divider()
        render_answer(card)
        st.divider()
        st.markdown(t("drill.grade_prompt"))
        waits = intervals(key, entry, now)
        row = st.container(horizontal=True, key="drill_grades")
        for rating, label in GRADES:
            row.button(
                f"{rating} · {t(label)} · {span(waits[rating])}",
                key=f"drill_grade_{rating}",
                help=t(f"{label}_help"),
                on_click=_grade,
                args=(key, rating),
                width="stretch",
            )


def finished(keys: list[str], progress, mode: str) -> None:
    """Nothing left to ask in this sitting: say when the next card falls due, and what else
    the learner can do."""
    st.success(t("drill.finished"), icon=":material/task_alt:")
    when = next_due(keys, progress)
    now = store.now()
    if when is not None and when > now:
        st.markdown(t("drill.next_due", wait=span(when - now)))
    st.caption(t("drill.finished_hint_cram" if mode == CRAM else "drill.finished_hint"))
