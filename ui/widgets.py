"""Small widgets every topic page uses: predict-then-run, error and divergence notices."""

from __future__ import annotations

import re
from collections.abc import Sequence

import streamlit as st

from ui.i18n import current_lang, t
from ui.layout import KEEP


def show_bad_input(err: ValueError) -> None:
    """A core ValueError as a clear, localised message; the page keeps working."""
    st.error(t("common.bad_input", detail=str(err)), icon=":material/error:")


def predict_then_run(key: str, question: str, options: Sequence[str]) -> str | None:
    """Ask the learner to commit to a prediction before the experiment's result is shown.

    Returns the chosen option (or None). The page reveals the measured answer with
    ``reveal_prediction`` once its experiment has run.
    """
    with st.container(border=True):
        st.markdown(f"**{t('common.predict_heading')}** · {question}")
        return st.radio(
            t("common.your_prediction"),
            options,
            index=None,
            key=key,
            horizontal=True,
            persist_state=KEEP,  # the answer stays while another experiment's tab is open
        )


def reveal_prediction(choice: str | None, correct: str, explanation: str) -> None:
    """Compare the learner's prediction with what the run measured."""
    if choice is None:
        st.caption(t("common.predict_first"))
        return
    with st.expander(t("common.predict_reveal"), expanded=True):
        if choice == correct:
            st.success(t("common.predict_right", answer=correct))
        else:
            st.warning(t("common.predict_wrong", choice=choice, answer=correct))
        st.markdown(explanation)


def _epoch_numbers(reason: str) -> list[str]:
    return re.findall(r"epoch (\d+)", reason)


def run_notice(diverged: str | None, stopped: str | None, label: str = "") -> None:
    """Say why a run ended early: divergence (with what to try) or early stopping.

    The core's reasons are English sentences; the notice is rebuilt from their epoch numbers
    so a Chinese page stays Chinese (English pages also get the core's detail).
    """
    prefix = f"{label}: " if label else ""
    if diverged:
        epochs = _epoch_numbers(diverged) or ["?"]
        text = t("common.diverged", epoch=epochs[0])
        if current_lang() == "en":
            text += f" ({diverged})"
        st.warning(prefix + text, icon=":material/warning:")
    elif stopped:
        epochs = [*_epoch_numbers(stopped), "?", "?"]
        st.info(
            prefix + t("common.stopped", epoch=epochs[0], best=epochs[1]), icon=":material/timer:"
        )
