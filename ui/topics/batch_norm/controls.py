"""Controls and small formats that several of the batch-norm page's experiments share."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence

import pandas as pd

from ui.charts.common import activation_label
from ui.i18n import t
from ui.layout import KEEP_ACROSS_TABS
from ui.widgets import Prediction, option_names, predict_then_run, run_gate

ACTIVATIONS = ("relu", "sigmoid")
LAYERS = (1, 2, 3)


def _layer_labels() -> Callable[[int], str]:
    """format_func for layer numbers, with the run's language fixed in the closure (AppTest
    calls format functions again outside the script run)."""
    template = t("common.layer")
    return lambda i: template.format(i=i)


def activation_choice(where, key: str) -> str:
    return where.selectbox(
        t("batch_norm.activation"),
        ACTIVATIONS,
        format_func=activation_label,
        key=key,
        persist_state=KEEP_ACROSS_TABS,
    )


def layer_choice(where, key: str) -> int:
    return where.selectbox(
        t("batch_norm.layer"),
        LAYERS,
        index=1,
        format_func=_layer_labels(),
        key=key,
        persist_state=KEEP_ACROSS_TABS,
    )


def gate(key: str, current: tuple, default: tuple) -> Hashable:
    """The settings of the last press of Run (``default`` before the first): the experiments
    that train several networks wait for it."""
    return run_gate(key, current, t("batch_norm.run"), default=default)


def predict(key: str, name: str, answers: Sequence[str], **settings) -> Prediction:
    """Ask ``batch_norm.predict_<name>_q`` (formatted with ``settings``, the question's
    context) before the run, offering the ``answers`` (their names:
    ``batch_norm.predict_<name>_<answer>``); ``runs`` (in ``settings``) are the Run gates an
    answer presses (ui.widgets.predict_then_run)."""
    runs = settings.pop("runs", ())
    return predict_then_run(
        key,
        t(f"batch_norm.predict_{name}_q", **settings),
        answers,
        option_names(f"batch_norm.predict_{name}_", answers),
        context=tuple(sorted(settings.items())) or None,
        runs=runs,
    )


def pct(value: float) -> str:
    return f"{100 * value:.1f}%"


def epochs_text(epochs: object) -> str:
    """Epochs to the target as shown: a number, or "never" for a run that did not reach it
    (None, or NaN in a column of numbers)."""
    return t("batch_norm.never") if pd.isna(epochs) else str(int(epochs))
