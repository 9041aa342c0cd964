"""The playground's buttons: the lesson presets, and Play / Step / +50 / Reset / New data with
the speed of play.

A button acts in its callback, which runs before the script. A click may reach the server
twice (while playing, the browser sends it with the fragment's timed rerun and again with the
click's own rerun), so every callback is written to act once: it carries the value the button
was drawn with rather than toggling or counting up."""

from __future__ import annotations

import time

import streamlit as st

from qa_core.labs import playground as pg
from qa_core.labs.playground.session import LiveRun
from ui.i18n import t
from ui.topics.playground.keys import (
    CARRY,
    FAST_FORWARD,
    LAST_TICK,
    LESSON,
    PLAYING,
    REBUILD,
    RUN,
    STEP_TOKEN,
    TICK_S,
)
from ui.topics.playground.settings import show_state

ss = st.session_state  # Streamlit's proxy: each access reads the running session's state


# -- callbacks -----------------------------------------------------------------------------


def load_preset(preset_id: str) -> None:
    show_state(pg.PRESETS[preset_id].state)
    ss[LESSON] = preset_id
    ss[PLAYING] = False
    ss[REBUILD] = True


def close_lesson() -> None:
    ss[LESSON] = None


def set_playing(playing: bool) -> None:
    """Play or Pause as the button said when clicked: a click that reaches the server twice
    (a rerun request and a fragment's timed rerun can both carry it) must not undo itself."""
    ss[PLAYING] = playing
    ss[LAST_TICK] = None


def step_run(n: int, token: int) -> None:
    """Train ``n`` epochs once per click: ``token`` is the count the button was drawn with, so a
    second delivery of the same click finds it spent."""
    if token != ss.get(STEP_TOKEN, 0):
        return
    ss[STEP_TOKEN] = token + 1
    run = ss.get(RUN)
    if run is not None:
        run.step(n)
    ss[PLAYING] = False


def reset_run() -> None:
    run = ss.get(RUN)
    if run is not None:
        run.reset()
    ss[PLAYING] = False


def new_data(shown_seed: int) -> None:
    """The seed after the one the button was drawn with (a repeated click lands on the same)."""
    ss["playground_seed"] = pg.next_seed(shown_seed)


def epochs_due() -> int:
    """Epochs to train in this redraw so the run keeps ``playground_speed`` epochs per second of wall
    time, however often the browser manages to redraw (qa_core: pace.epochs_due)."""
    now = time.monotonic()
    elapsed = pg.elapsed_s(ss.get(LAST_TICK), now, TICK_S)
    ss[LAST_TICK] = now
    n, carry = pg.epochs_due(
        ss.get("playground_speed", pg.DEFAULT_SPEED), elapsed, ss.get(CARRY, 0.0)
    )
    ss[CARRY] = carry
    return n


# -- the bars --------------------------------------------------------------------------------


def preset_bar() -> None:
    """A button per lesson preset, and the open lesson's text."""
    st.markdown(f"**{t('playground.presets')}**")
    columns = st.columns(len(pg.PRESETS))
    for column, preset_id in zip(columns, pg.PRESETS, strict=True):
        column.button(
            t(f"playground.preset_{preset_id}"),
            key=f"playground_preset_{preset_id}",
            on_click=load_preset,
            args=(preset_id,),
            width="stretch",
        )
    lesson = ss.get(LESSON)
    if lesson in pg.PRESETS:
        with st.container(border=True):
            st.markdown(f"**{t(f'playground.preset_{lesson}')}**")
            st.markdown(t(f"playground.lesson_{lesson}", epochs=pg.PRESETS[lesson].epochs))
            st.button(t("playground.lesson_close"), key="playground_lesson_close", on_click=close_lesson,
                      type="tertiary")  # fmt: skip


def control_bar(run: LiveRun | None) -> None:
    """Play / Pause, Step, +50, Reset, New data and the speed; nothing trains once the run has
    diverged or reached the epoch cap."""
    playing = bool(ss.get(PLAYING))
    cols = st.columns([1.1, 1, 1.1, 1, 1.1, 2.2], vertical_alignment="bottom")
    stuck = run is None or bool(run.diverged) or run.at_limit
    token = ss.get(STEP_TOKEN, 0)
    cols[0].button(
        t("playground.pause") if playing else t("playground.play"),
        key="playground_play",
        icon=":material/pause:" if playing else ":material/play_arrow:",
        type="primary",
        on_click=set_playing,
        args=(not playing,),
        disabled=stuck and not playing,
        width="stretch",
    )
    cols[1].button(t("playground.step"), key="playground_step", icon=":material/skip_next:",
                   help=t("playground.step_help"), on_click=step_run, args=(1, token),
                   disabled=stuck, width="stretch")  # fmt: skip
    cols[2].button(t("playground.fast_forward", n=FAST_FORWARD), key="playground_fast",
                   icon=":material/fast_forward:",
                   help=t("playground.fast_forward_help", n=FAST_FORWARD),
                   on_click=step_run, args=(FAST_FORWARD, token), disabled=stuck,
                   width="stretch")  # fmt: skip
    cols[3].button(t("playground.reset"), key="playground_reset", icon=":material/restart_alt:",
                   help=t("playground.reset_help"), on_click=reset_run,
                   width="stretch")  # fmt: skip
    cols[4].button(t("playground.regenerate"), key="playground_regenerate", icon=":material/casino:",
                   help=t("playground.regenerate_help"), on_click=new_data,
                   args=(int(ss.get("playground_seed", 0)),),
                   width="stretch")  # fmt: skip
    cols[5].select_slider(t("playground.speed"), pg.SPEEDS, key="playground_speed",
                          help=t("playground.speed_help"))  # fmt: skip
