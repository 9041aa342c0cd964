"""Small widgets every topic page uses: option names, the Run gate, predict-then-run (with the
session's tally), error and divergence notices."""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import streamlit as st

from ui.i18n import LANGS, current_lang, lookup, t
from ui.layout import KEEP_ACROSS_TABS
from ui.run_cache import forget_cancelled

TALLY = "predictions_tally"  # session state: {(question key, round): answered right?}


def show_bad_input(err: ValueError) -> None:
    """A core ValueError as a clear, localised message; the page keeps working."""
    st.error(t("common.bad_input", detail=str(err)), icon=":material/error:")


def option_names(prefix: str, options: Iterable[Hashable]) -> Callable[[Hashable], str]:
    """A ``format_func`` naming each option id ``t(prefix + str(id))``. The names are looked up
    now, in this run's language: AppTest formats options outside the run, where the language
    is unknown, so a format_func must not call ``t()`` itself."""
    return {option: t(f"{prefix}{option}") for option in options}.__getitem__


def segmented_choice(where, label: str, options, prefix: str, key: str, default=None, **extra):
    """A segmented control over ``options`` shown by their ``prefix`` names (ids kept, so a
    language switch keeps the choice), one always chosen, kept across the page's tabs."""
    return where.segmented_control(
        label, options, default=options[0] if default is None else default,
        format_func=option_names(prefix, options), required=True, key=key,
        persist_state=KEEP_ACROSS_TABS, **extra,
    )  # fmt: skip


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


# -- the Run gate ----------------------------------------------------------------------------


def apply_run(key: str, current: Hashable) -> None:
    """What a press of ``run_gate(key, …)``'s button does: ``current`` becomes the settings
    shown, and the press is counted (a cancelled run may start again)."""
    st.session_state[f"{key}_applied"] = current
    st.session_state[f"{key}_presses"] = presses(key) + 1
    forget_cancelled()


def run_gate(key: str, current: Hashable, label: str, default: Hashable | None = None) -> Hashable:
    """The settings of the last press of the Run button ``label``: ``default`` (or ``current``)
    before the first. Expensive experiments show results for these, so moving a widget does
    not start a run; while the widgets differ from them, every page says so in the same words
    (``common.settings_changed``, naming the button).

    ``presses(key)`` counts the presses, for an experiment that measures afresh each time."""
    applied = f"{key}_applied"
    if applied not in st.session_state:
        st.session_state[applied] = current if default is None else default
    if st.button(label, key=f"{key}_run", type="primary"):  # this run's widgets, not the last's
        apply_run(key, current)
    if st.session_state[applied] != current:
        st.info(t("common.settings_changed", button=label), icon=":material/play_arrow:")
    return st.session_state[applied]


def presses(key: str) -> int:
    """How often the Run button of ``run_gate(key, …)`` has been pressed."""
    return st.session_state.get(f"{key}_presses", 0)


# -- predict, then run ---------------------------------------------------------------------


@dataclass(frozen=True)
class Prediction:
    """The learner's answer to a predict-then-run question: an option id, or None."""

    key: str
    choice: Hashable | None
    skipped: bool
    names: Callable[[Hashable], str]

    @property
    def ready(self) -> bool:
        """Whether the results may show: the learner answered or chose to skip."""
        return self.choice is not None or self.skipped


def _round(key: str) -> int:
    return st.session_state.get(f"{key}_round", 0)


def _answered(key: str, context: Hashable, runs: tuple[tuple[str, Hashable], ...]) -> None:
    """An answer belongs to the settings it was given for; it runs them (``runs``: the Run
    gates to press, with the settings the question described)."""
    st.session_state[f"{key}_context"] = context
    for gate, current in runs:
        apply_run(gate, current)


def _skip(key: str) -> None:
    st.session_state[f"{key}_skipped"] = True


def _ask_again(key: str) -> None:
    st.session_state[key] = None
    st.session_state[f"{key}_skipped"] = False
    st.session_state[f"{key}_round"] = _round(key) + 1


def predict_then_run(
    key: str,
    question: str,
    options: Sequence[Hashable],
    names: Callable[[Hashable], str],
    *,
    context: Hashable = None,
    runs: Sequence[tuple[str, Hashable]] = (),
) -> Prediction:
    """Ask the learner to commit to a prediction before the experiment's result is shown.

    ``options`` are ids, named by ``names`` (``option_names``), so an answer survives a
    language switch. The page draws its results only once ``Prediction.ready`` (answered, or
    skipped with the Skip button) and reveals the measured answer with ``reveal_prediction``.
    ``context`` is what the question says about the settings (formatted into it): when it
    changes, the answer is withdrawn and the question asked anew. Answering presses the Run
    gates in ``runs`` (``(gate key, current settings)``), so the run is the one predicted.
    An answer is final (shown as text, the radio gone); "Predict again" withdraws it (and a
    skip)."""
    ss = st.session_state
    if ss.get(key) is not None and (
        ss.get(key) not in options or ss.get(f"{key}_context") != context
    ):
        _ask_again(key)
    choice = ss.get(key)
    skipped = choice is None and bool(ss.get(f"{key}_skipped"))
    with st.container(border=True, key=f"{key}_box"):
        st.markdown(f"**{t('common.predict_heading')}** · {question}")
        if choice is None and not skipped:
            st.radio(
                t("common.your_prediction"),
                options,
                index=None,
                format_func=names,
                key=key,
                horizontal=True,
                on_change=_answered,
                args=(key, context, tuple(runs)),
                persist_state=KEEP_ACROSS_TABS,  # kept while another experiment's tab is open
            )
            row = st.container(horizontal=True, vertical_alignment="center")
            row.caption(t("common.predict_first"))
            row.button(t("common.predict_skip"), key=f"{key}_skip", on_click=_skip, args=(key,))
        else:  # final: the answer (named in this run's language) or the skip, until asked again
            said = t("common.predict_skipped_short") if skipped else f"**{names(choice)}**"
            row = st.container(horizontal=True, vertical_alignment="center")
            row.markdown(f"{t('common.your_prediction')}: {said}")
            row.button(
                t("common.predict_again"), key=f"{key}_again", on_click=_ask_again, args=(key,),
                icon=":material/replay:", type="tertiary",
            )  # fmt: skip
    return Prediction(key, choice, skipped, names)


def reveal_prediction(prediction: Prediction, correct: Hashable, explanation: str) -> None:
    """Compare the learner's prediction with what the run measured (``correct``, an option id),
    and count it in the session's tally once per question asked."""
    if not prediction.ready:
        return
    answer = prediction.names(correct)
    with st.expander(t("common.predict_reveal"), expanded=True):
        if prediction.choice is None:
            st.markdown(f":material/skip_next: {t('common.predict_skipped', answer=answer)}")
        elif prediction.choice == correct:
            st.success(t("common.predict_right", answer=answer))
        else:
            choice = prediction.names(prediction.choice)
            st.warning(t("common.predict_wrong", choice=choice, answer=answer))
        st.markdown(explanation)
    if prediction.choice is not None:
        tally = st.session_state.setdefault(TALLY, {})
        tally.setdefault((prediction.key, _round(prediction.key)), prediction.choice == correct)


def prediction_tally() -> tuple[int, int]:
    """Predictions revealed this session, and how many were right."""
    tally = st.session_state.get(TALLY, {})
    return len(tally), sum(tally.values())


# -- notices ---------------------------------------------------------------------------------


def _epoch_numbers(reason: str) -> list[str]:
    return re.findall(r"epoch (\d+)", reason)


def either(items: Sequence[str]) -> str:
    """ "a, b or c" in the page's language."""
    if len(items) <= 1:
        return "".join(items)
    return t("common.list_sep").join(items[:-1]) + t("common.list_or") + items[-1]


def advice(name: str, **values: object) -> str:
    """One thing to try after a divergence (``common.advice_<name>``), for ``run_notice``."""
    return t(f"common.advice_{name}", **values)


def run_notice(
    diverged: str | None, stopped: str | None, label: str = "", tries: Sequence[str] = ()
) -> None:
    """Say why a run ended early: divergence (with ``tries``, what this page offers and is not
    already set: ``advice(...)`` phrases) or early stopping.

    The core's reasons are English sentences; the notice is rebuilt from their epoch numbers
    so a Chinese page stays Chinese (English pages also get the core's detail).
    """
    prefix = f"{label}: " if label else ""
    if diverged:
        epochs = _epoch_numbers(diverged) or ["?"]
        text = t("common.diverged", epoch=epochs[0])
        if current_lang() == "en":
            text += f" ({diverged})"
        if tries:
            text += t("common.diverged_try", tries=either(tries))
        st.warning(prefix + text, icon=":material/warning:")
    elif stopped:
        epochs = [*_epoch_numbers(stopped), "?", "?"]
        st.info(
            prefix + t("common.stopped", epoch=epochs[0], best=epochs[1]), icon=":material/timer:"
        )
