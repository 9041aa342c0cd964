"""Small widgets every topic page uses: option names, the Run gate, predict-then-run, error and
divergence notices."""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence

import streamlit as st

from ui.i18n import LANGS, current_lang, lookup, t
from ui.layout import KEEP_ACROSS_TABS


def show_bad_input(err: ValueError) -> None:
    """A core ValueError as a clear, localised message; the page keeps working."""
    st.error(t("common.bad_input", detail=str(err)), icon=":material/error:")


def option_names(prefix: str, options: Iterable[Hashable]) -> Callable[[Hashable], str]:
    """A ``format_func`` naming each option id ``t(prefix + str(id))``. The names are looked up
    now, in this run's language: AppTest formats options outside the run, where the language
    is unknown, so a format_func must not call ``t()`` itself."""
    return {option: t(f"{prefix}{option}") for option in options}.__getitem__


def option_labels(prefix: str, options: Iterable[Hashable]) -> dict[Hashable, tuple[str, ...]]:
    """Each option id with its names (``option_names``) in every language."""
    return {
        option: tuple(lookup(f"{prefix}{option}", lang) for lang in LANGS) for option in options
    }


def restore_choice(key: str, labels: Mapping[Hashable, Iterable[str]]) -> None:
    """Give the choice widget ``key`` its option id back if it holds one of the option's names.

    For a widget in a fragment that reruns on a timer (the playground's live view): a timed
    rerun the browser sent before it had drawn a language switch carries the widget's old
    label (ui.i18n.resend_choices relabels it on the switch's own run), which no option of the
    new language matches; the widget would fall back to its default. Call before the widget."""
    value = st.session_state.get(key)
    if value is None or value in labels:
        return
    for option, names in labels.items():
        if value in names:
            st.session_state[key] = option
            return


def run_gate(
    key: str, current: Hashable, label: str, changed: str, default: Hashable | None = None
) -> Hashable:
    """The settings of the last press of the Run button ``label``: ``default`` (or ``current``)
    before the first. Expensive experiments show results for these, so moving a widget does
    not start a run; while the widgets differ from them, ``changed`` says so.

    ``presses(key)`` counts the presses, for an experiment that measures afresh each time."""
    applied = f"{key}_applied"
    if applied not in st.session_state:
        st.session_state[applied] = current if default is None else default
    if st.button(label, key=f"{key}_run", type="primary"):
        st.session_state[applied] = current
        st.session_state[f"{key}_presses"] = presses(key) + 1
    if st.session_state[applied] != current:
        st.info(changed, icon=":material/play_arrow:")
    return st.session_state[applied]


def presses(key: str) -> int:
    """How often the Run button of ``run_gate(key, …)`` has been pressed."""
    return st.session_state.get(f"{key}_presses", 0)


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
            persist_state=KEEP_ACROSS_TABS,  # the answer stays while another experiment's tab is open
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
