"""The playground page: TensorFlow Playground's lab plus dropout, batch norm, optimisers and
diagnostics.

One ``LiveRun`` per browser session lives in st.session_state (never in a shared cache). The
settings are widgets (settings.py); ``playground_state`` keeps the canonical ``PlaygroundState`` so
widget values survive page changes. The URL mirrors the state (url.py): on a visit whose URL
carries playground keys that this session did not write itself (a shared link, a preset link),
they are decoded — bad values are reported and replaced by defaults — and every run writes the
state back. Playing is a fragment that reruns every keys.TICK_S seconds, trains a few epochs and
redraws (live_view.py).
"""

from __future__ import annotations

import streamlit as st

from qa_core.labs import playground as pg
from qa_core.labs.playground.session import LiveRun
from ui.i18n import t
from ui.topics.playground.controls import control_bar, preset_bar
from ui.topics.playground.export import export
from ui.topics.playground.keys import PLAYING, REBUILD, RUN, STATE, TICK_S
from ui.topics.playground.live_view import live_view
from ui.topics.playground.messages import show_applied, show_messages
from ui.topics.playground.phone import phone_layout
from ui.topics.playground.settings import (
    data_settings,
    fill_missing_widgets,
    network_settings,
    state_from_widgets,
    training_settings,
)
from ui.topics.playground.url import read_url, url_notices, write_url
from ui.widgets import show_bad_input

ss = st.session_state  # Streamlit's proxy: each access reads the running session's state


def follow_settings(state: pg.PlaygroundState) -> LiveRun | None:
    """Bring the session's run in line with ``state`` and say what happened."""
    run: LiveRun | None = ss.get(RUN)
    rebuild = ss.pop(REBUILD, False)
    try:
        if run is None or rebuild:
            if run is None:
                run = LiveRun(state)
            else:
                run.rebuild(state)
            ss[RUN] = run
            return run
        applied = run.apply(state)
    except ValueError as err:
        show_bad_input(err)
        st.caption(t("playground.bad_state"))
        return run
    show_applied(applied, run)
    return run


def draw() -> None:
    """The whole page: presets, controls, settings, the live view, the export."""
    if STATE not in ss:
        ss[STATE] = pg.DEFAULT
    ss.setdefault(PLAYING, False)
    ss.setdefault("playground_speed", pg.DEFAULT_SPEED)
    read_url()
    fill_missing_widgets()
    url_messages = url_notices()

    phone_layout()
    st.title(t("playground.title"))
    st.markdown(t("playground.intro"))
    with st.container(key="playground_presets"):
        preset_bar()
    show_messages(url_messages, from_url=True)

    # filled once the settings have said what the run is
    control_slot = st.container(key="playground_controls")
    with st.container(key="playground_training"):
        training_settings()
    body = st.container(key="playground_body")
    data_col, main_col = body.columns([1.15, 4.85], gap="medium")
    with data_col, st.container(key="playground_data"):
        data_settings()
    with main_col:
        with st.container(key="playground_network"):
            network_settings()
        wanted, fixes = pg.validate(state_from_widgets())
        show_messages(fixes, from_url=False)
        live_run = follow_settings(wanted)
        ss[STATE] = wanted
        write_url(wanted)
        with control_slot:
            control_bar(live_run)
        if live_run is not None:
            interval = TICK_S if ss.get(PLAYING) else None
            with st.container(key="playground_live"):
                st.fragment(live_view, run_every=interval)()
    if live_run is not None:
        with st.container(key="playground_share"):
            export(live_run)
