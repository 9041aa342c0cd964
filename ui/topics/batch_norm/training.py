"""The batch-norm page's training tab: the same network with and without BN at several
learning rates (behind a Run gate), then BN × dropout at one learning rate on that network."""

from __future__ import annotations

from typing import NamedTuple

import streamlit as st

from qa_core.labs.batch_norm import training
from ui.components.live_charts import show
from ui.i18n import t
from ui.layout import KEEP_ACROSS_TABS
from ui.run_cache import cached_with_progress, forget_cancelled
from ui.tables import PERCENT, Column, show_columns
from ui.topics.batch_norm.controls import activation_choice, epochs_text, gate, pct, predict
from ui.topics.batch_norm.training_charts import (
    interplay_figure,
    mix_names,
    run_name,
    training_figure,
)
from ui.widgets import advice, reveal_prediction, run_notice, show_bad_input


class Comparison(NamedTuple):
    """The settings of a BN on/off comparison, as the Run gate keeps them."""

    activation: str
    depth: int
    lrs: tuple[float, ...]
    epochs: int
    target: float
    dropout: float


# Shown on a first visit, before any Run.
CMP_DEFAULT = Comparison("relu", 4, training.DEFAULT_LRS, 20, training.DEFAULT_TARGET, 0.0)
FASTER = {True: "faster_yes", False: "faster_no", None: "faster_none"}  # bn_faster → text key
ACCURACY_COLUMNS = (
    Column("epochs_to_target", "batch_norm.col_epochs_to_target"),
    Column("final_train_acc", "batch_norm.col_train_acc", PERCENT),
    Column("final_test_acc", "batch_norm.col_test_acc", PERCENT),
)


def training_tab() -> None:
    training_experiment()
    interplay_experiment()


def _compare(settings: Comparison) -> training.BNComparison:
    activation, depth, lrs, epochs, target, dropout = settings

    def compute(progress):
        return training.compare_bn(
            lrs,
            target=target,
            progress=progress,
            activation=activation,
            depth=depth,
            epochs=epochs,
            dropout=dropout,
        )

    return cached_with_progress(("batch_norm_compare", *settings), compute, t("batch_norm.running"))


def _verdict(result: training.BNComparison) -> None:
    lines = [
        "- "
        + t(
            f"batch_norm.{FASTER[faster]}",
            lr=lr,
            on=epochs_text(result.run(lr, True).epochs_to_target),
            off=epochs_text(result.run(lr, False).epochs_to_target),
        )
        for lr, faster in zip(result.lrs, result.bn_faster(), strict=True)
    ]
    wins = result.bn_wins()
    head = t("batch_norm.verdict_head", wins=wins, n=len(result.lrs), target=pct(result.target))
    if wins < len(result.lrs):
        head += " " + t("batch_norm.verdict_honest")
    st.markdown(head + "\n\n" + "\n".join(lines))
    off_lr = result.largest_lr_that_trains(False)
    on_lr = result.largest_lr_that_trains(True)
    m1, m2 = st.columns(2)
    m1.metric(t("batch_norm.largest_off"), "—" if off_lr is None else f"{off_lr:g}")
    m2.metric(t("batch_norm.largest_on"), "—" if on_lr is None else f"{on_lr:g}")


def _show_runs(result: training.BNComparison) -> None:
    table = result.table()
    table["batch_norm"] = [
        t("batch_norm.bn_on" if v else "batch_norm.bn_off") for v in table["batch_norm"]
    ]
    table["epochs_to_target"] = [epochs_text(v) for v in table["epochs_to_target"]]
    table["diverged"] = [t("batch_norm.yes" if v else "batch_norm.no") for v in table["diverged"]]
    show_columns(
        table,
        [
            Column("lr", "batch_norm.col_lr", "%g"),
            Column("batch_norm", "batch_norm.col_bn"),
            *ACCURACY_COLUMNS,
            Column("diverged", "batch_norm.col_diverged"),
        ],
    )


@st.fragment
def training_experiment() -> None:
    st.markdown(t("batch_norm.training_intro"))
    ask = st.container()  # the question sits above the settings it is formatted from
    c1, c2, c3 = st.columns(3)
    activation = activation_choice(c1, "batch_norm_t_act")
    depth = c2.slider(
        t("batch_norm.depth"),
        2,
        6,
        CMP_DEFAULT.depth,
        key="batch_norm_t_depth",
        persist_state=KEEP_ACROSS_TABS,
    )
    epochs = c3.slider(
        t("batch_norm.epochs"),
        5,
        40,
        CMP_DEFAULT.epochs,
        5,
        key="batch_norm_t_epochs",
        persist_state=KEEP_ACROSS_TABS,
    )
    lrs = st.multiselect(
        t("batch_norm.lrs"),
        training.LR_LADDER,
        default=list(CMP_DEFAULT.lrs),
        max_selections=4,
        key="batch_norm_t_lrs",
        persist_state=KEEP_ACROSS_TABS,
        help=t("batch_norm.lrs_help"),
    )
    c4, c5 = st.columns(2)
    target = c4.slider(
        t("batch_norm.target"),
        0.7,
        0.98,
        CMP_DEFAULT.target,
        0.01,
        key="batch_norm_t_target",
        persist_state=KEEP_ACROSS_TABS,
    )
    dropout = c5.slider(
        t("batch_norm.dropout"),
        0.0,
        0.5,
        CMP_DEFAULT.dropout,
        0.05,
        key="batch_norm_t_dropout",
        persist_state=KEEP_ACROSS_TABS,
    )
    settings = Comparison(activation, depth, tuple(sorted(lrs)), epochs, round(target, 2), dropout)
    applied = gate("batch_norm_t", settings, CMP_DEFAULT)
    with ask:
        prediction = predict(
            "batch_norm_predict_training", "training", training.OUTCOMES,
            lr=max(settings.lrs, default=0.0), depth=depth, epochs=epochs, target=settings.target,
            runs=(("batch_norm_t", settings),),
        )  # fmt: skip
    if not prediction.ready:  # the curves and the table answer the question: they wait for it
        return
    try:
        result = _compare(applied)
    except ValueError as err:
        show_bad_input(err)
        return
    for run in result.runs:
        if run.diverged:
            run_notice(run.diverged, None, run_name(run), (advice("lr"),))
    log_y = st.toggle(
        t("batch_norm.log_y"), value=True, key="batch_norm_t_log", persist_state=KEEP_ACROSS_TABS
    )
    show(training_figure(result.runs, metric="train_loss", log_y=log_y), key="batch_norm_fig_loss")
    show(
        training_figure(result.runs, metric="test_acc", target=result.target),
        key="batch_norm_fig_acc",
    )
    _verdict(result)
    _show_runs(result)
    st.caption(t("batch_norm.training_note"))
    reveal_prediction(
        prediction,
        result.outcome(),
        t("batch_norm.predict_training_why", lr=max(result.lrs)),
    )


@st.fragment
def interplay_experiment() -> None:
    st.markdown(f"#### {t('batch_norm.mix_heading')}")
    st.markdown(t("batch_norm.mix_intro"))
    c1, c2 = st.columns(2)
    lr = c1.select_slider(
        t("batch_norm.lr"),
        training.LR_LADDER,
        value=0.3,
        key="batch_norm_m_lr",
        persist_state=KEEP_ACROSS_TABS,
    )
    dropout = c2.slider(
        t("batch_norm.dropout"),
        0.1,
        0.6,
        0.3,
        0.05,
        key="batch_norm_m_dropout",
        persist_state=KEEP_ACROSS_TABS,
    )
    # the network of the comparison above, as its widgets are set now
    activation = st.session_state.get("batch_norm_t_act", CMP_DEFAULT.activation)
    depth = st.session_state.get("batch_norm_t_depth", CMP_DEFAULT.depth)
    epochs = st.session_state.get("batch_norm_t_epochs", CMP_DEFAULT.epochs)
    target = round(st.session_state.get("batch_norm_t_target", CMP_DEFAULT.target), 2)
    current = (activation, depth, epochs, target, lr, dropout)
    if st.button(t("batch_norm.run_mix"), key="batch_norm_m_run"):
        st.session_state["batch_norm_m_active"] = current
        forget_cancelled()
    active = st.session_state.get("batch_norm_m_active")
    if active is None:  # nothing is trained before the first press
        st.caption(t("batch_norm.mix_hint"))
        return
    if active != current:  # as every Run gate says it (ui.widgets.run_gate)
        st.info(
            t("common.settings_changed", button=t("batch_norm.run_mix")),
            icon=":material/play_arrow:",
        )
    activation, depth, epochs, target, lr, dropout = active

    def compute(progress):
        return training.interplay(
            lr,
            dropout,
            target=target,
            progress=progress,
            activation=activation,
            depth=depth,
            epochs=epochs,
        )

    try:
        runs = cached_with_progress(("batch_norm_mix", *active), compute, t("batch_norm.running"))
    except ValueError as err:
        show_bad_input(err)
        return
    names = mix_names()
    for run, name in zip(runs, names, strict=True):
        run_notice(run.diverged, None, name, (advice("lr"),))
    figure = interplay_figure(runs, lr=lr, dropout=dropout, activation=activation)
    show(figure, key="batch_norm_fig_mix")
    table = training.interplay_table(runs)
    table["setting"] = names
    table["epochs_to_target"] = [epochs_text(v) for v in table["epochs_to_target"]]
    show_columns(
        table,
        [
            Column("setting", "batch_norm.col_setting"),
            *ACCURACY_COLUMNS,
            Column("gap", "batch_norm.col_gap", PERCENT),
        ],
    )
    st.caption(t("batch_norm.mix_note"))
