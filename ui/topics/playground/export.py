"""The playground's export: a run's history, its set-up and a script that replays it."""

from __future__ import annotations

import streamlit as st

from qa_core.labs.playground.session import LiveRun
from ui.i18n import t
from ui.topics.playground.keys import PLAYING


def export(run: LiveRun) -> None:
    """An expander filled only once opened: its highlighted script and buttons would cost
    every first visit otherwise."""
    box = st.expander(
        t("playground.export"),
        icon=":material/ios_share:",
        key="playground_export",
        on_change="rerun",
    )
    if not box.open:
        return
    with box:
        st.caption(t("playground.share_caption"))
        cols = st.columns(3)
        cols[0].download_button(t("playground.download_history"), data=run.history_csv,
                                file_name="playground_history.csv", mime="text/csv",
                                on_click="ignore", key="playground_dl_history",
                                icon=":material/download:")  # fmt: skip
        cols[1].download_button(t("playground.download_config"), data=run.config_csv,
                                file_name="playground_config.csv", mime="text/csv",
                                on_click="ignore", key="playground_dl_config",
                                icon=":material/download:")  # fmt: skip
        cols[2].download_button(t("playground.download_script"), data=run.script,
                                file_name="playground_run.py", mime="text/x-python",
                                on_click="ignore", key="playground_dl_script",
                                icon=":material/code:")  # fmt: skip
        if st.session_state.get(PLAYING):
            st.caption(t("playground.script_playing"))
        else:
            st.caption(t("playground.script_caption", epoch=run.epoch))
            st.code(run.script(), language="python")
