"""The ReLU page's dying-ReLU experiment: ReLU, Leaky ReLU, PReLU and RReLU trained side by side
with plain SGD, dead units provoked by a large learning rate or a negative bias shift."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from qa_core.labs.relu.dying import (
    REVIVAL_ANSWERS,
    DyingResult,
    compare_dying,
    first_layer_deaths,
    revival_answer,
    summary_table,
    variants_never_dead,
)
from ui.charts.common import activation_label
from ui.charts.training import per_layer_figure
from ui.components.live_charts import show
from ui.i18n import t
from ui.layout import KEEP_ACROSS_TABS
from ui.run_cache import cached_with_progress
from ui.tables import show_table
from ui.topics.relu.charts import accuracy_lines_figure, layer_lines_figure
from ui.topics.relu.controls import gate, pct
from ui.widgets import (
    Prediction,
    advice,
    option_names,
    predict_then_run,
    reveal_prediction,
    run_notice,
    show_bad_input,
)

LRS = (0.01, 0.03, 0.1, 0.2, 0.3, 0.5, 1.0, 2.0, 4.0, 8.0)
ALPHAS = (0.01, 0.05, 0.1, 0.2, 0.3)
DEFAULT = {"lr": 0.2, "shift": 1.5, "alpha": 0.01, "epochs": 30, "seed": 0}
MEASURES = ("dead", "inactive")
SMALL_ALPHA = 0.01  # at or below it, a note says Leaky ReLU's weak leak may look like ReLU


def dying_results(settings: tuple) -> dict[str, DyingResult]:
    lr, shift, alpha, epochs, seed = settings

    def compute(progress):
        return compare_dying(
            lr=lr, bias_shift=shift, alpha=alpha, epochs=epochs, seed=seed, progress=progress
        )

    return cached_with_progress(("relu_dying", *settings), compute, t("relu.dying_running"))


def final_table(results: dict[str, DyingResult]) -> pd.DataFrame:
    """The summary at the end of training, one row per activation, as it is shown. A run that
    diverged shows "—" in every measured cell (its network is broken) and its epoch."""
    summary = summary_table(results)
    n_layers = len(next(iter(results.values())).config.hidden)
    broken = [e is not None and np.isfinite(e) for e in summary["diverged_epoch"]]
    shown = {t("relu.col_activation"): [activation_label(a) for a in summary["activation"]]}
    for i in range(n_layers):
        layer = t("relu.layer_short", i=i + 1)
        shown[t("relu.col_dead", layer=layer)] = [pct(v) for v in summary[f"dead_{i}"]]
        shown[t("relu.col_inactive", layer=layer)] = [pct(v) for v in summary[f"inactive_{i}"]]
        shown[t("relu.col_revived", layer=layer)] = [
            "—" if b else str(int(v)) for b, v in zip(broken, summary[f"revived_{i}"], strict=True)
        ]
        shown[t("relu.col_moved", layer=layer)] = [
            "—" if b or not np.isfinite(v) else f"{v:.3g}"
            for b, v in zip(broken, summary[f"moved_{i}"], strict=True)
        ]
    shown[t("relu.col_test_acc")] = [pct(v) for v in summary["test_acc"]]
    shown[t("relu.col_diverged")] = [
        "—" if e is None or not np.isfinite(e) else str(int(e)) for e in summary["diverged_epoch"]
    ]
    return pd.DataFrame(shown)


def settings_widgets() -> tuple[float, float, float, int, int]:
    """The learning rate, bias shift, Leaky ReLU's α, epochs and seed the widgets show."""
    c1, c2, c3 = st.columns(3)
    lr = c1.select_slider(
        t("relu.dying_lr"), LRS, value=DEFAULT["lr"], key="relu_dying_lr",
        persist_state=KEEP_ACROSS_TABS,
    )  # fmt: skip
    shift = c2.slider(
        t("relu.dying_shift"), 0.0, 4.0, DEFAULT["shift"], 0.25, key="relu_dying_shift",
        persist_state=KEEP_ACROSS_TABS,
    )  # fmt: skip
    alpha = c3.select_slider(
        t("relu.dying_alpha"), ALPHAS, value=DEFAULT["alpha"], key="relu_dying_alpha",
        persist_state=KEEP_ACROSS_TABS,
    )  # fmt: skip
    c4, c5 = st.columns(2)
    epochs = c4.slider(
        t("relu.epochs"), 5, 60, DEFAULT["epochs"], 5, key="relu_dying_epochs",
        persist_state=KEEP_ACROSS_TABS,
    )  # fmt: skip
    seed = c5.number_input(
        t("relu.seed"), 0, 999, DEFAULT["seed"], 1, key="relu_dying_seed",
        persist_state=KEEP_ACROSS_TABS,
    )  # fmt: skip
    return float(lr), float(shift), float(alpha), int(epochs), int(seed)


def verdict(results: dict[str, DyingResult], prediction: Prediction) -> None:
    """What happened to ReLU's first layer, and the prediction revealed against it."""
    relu = results["relu"]
    deaths = first_layer_deaths(relu)
    answer = revival_answer(deaths)
    if answer is None:
        st.info(t("relu.dying_verdict_none"))
        return
    variant_dead = t("relu.list_sep").join(
        t("relu.variant_diverged", name=activation_label(n), epoch=results[n].diverged_epoch)
        if results[n].diverged
        else f"{activation_label(n)} {pct(float(results[n].final['dead_0']))}"
        for n in results
        if n != "relu"
    )
    st.markdown(
        t(
            "relu.dying_verdict_dead",
            dead=deaths.ever,
            width=relu.config.hidden[0],
            moved=deaths.largest_move,
            variant_dead=variant_dead,
        )
    )
    reveal_prediction(prediction, answer, t("relu.dying_reveal_none"))


@st.fragment
def dying_experiment() -> None:
    st.markdown(t("relu.dying_intro"))
    ask = st.container()  # the question sits above the settings it is formatted from
    current = settings_widgets()
    settings = gate("relu_dying", current, t("relu.dying_run"))
    lr, shift, _, epochs, _ = current
    with ask:
        prediction = predict_then_run(
            "relu_dying_predict",
            t("relu.dying_question", lr=lr, shift=shift, epochs=epochs),
            REVIVAL_ANSWERS,
            option_names("relu.dying_opt_", REVIVAL_ANSWERS),
            context=(lr, shift, epochs),  # what the question says: a change asks it anew
            runs=(("relu_dying", current),),
        )
    if not prediction.ready:  # every chart below answers the question: they wait for it
        return
    try:
        results = dying_results(settings)
    except ValueError as err:
        show_bad_input(err)
        return
    for name, result in results.items():
        run_notice(result.diverged, None, activation_label(name), (advice("lr"),))
    diverged = {name: r.diverged_epoch for name, r in results.items()}
    histories = {name: r.history for name, r in results.items()}
    n_layers = len(results["relu"].config.hidden)
    measure = st.radio(
        t("relu.dying_measure"), MEASURES, format_func=option_names("relu.measure_", MEASURES),
        help=t("relu.measure_help"), key="relu_dying_measure", persist_state=KEEP_ACROSS_TABS,
    )  # fmt: skip
    show(layer_lines_figure(histories, measure, n_layers, diverged=diverged), key="relu_dying_fig")
    if measure == "dead" and variants_never_dead(results):
        st.caption(t("relu.variants_zero"))
    left, right = st.columns(2)
    with left:
        show(accuracy_lines_figure(histories, diverged=diverged), key="relu_dying_acc")
    with right:
        prelu = results["prelu"]
        show(
            per_layer_figure(
                prelu.history, "prelu", title=t("relu.slope_title"), y_title=t("relu.slope_y")
            ),
            key="relu_dying_slope",
        )
        if prelu.diverged:
            st.caption(t("relu.prelu_diverged"))
    st.markdown(f"**{t('relu.dying_table')}**")
    show_table(final_table(results))
    st.caption(t("relu.dying_table_help"))
    verdict(results, prediction)
    if settings[2] <= SMALL_ALPHA:
        st.caption(t("relu.dying_leaky_note"))
