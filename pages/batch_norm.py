"""Batch normalisation: per-batch statistics, the linear-region argument for γ and β, training
with and without BN, and train vs eval mode (issue #9)."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from qa_core.labs.batch_norm import batches, linear_region, modes, training
from ui.charts.batch_norm import (
    batches_figure,
    interplay_figure,
    linear_region_figure,
    modes_scatter_figure,
    running_figure,
    sweep_accuracy_figure,
    sweep_noise_figure,
    training_figure,
)
from ui.charts.common import activation_label
from ui.components.live_charts import show
from ui.content import render_topic
from ui.i18n import t
from ui.layout import KEEP_ACROSS_TABS, experiment_tabs, topic_layout
from ui.page_guard import run_through_app
from ui.run_cache import cached_with_progress
from ui.tables import PERCENT, show_table
from ui.widgets import predict_then_run, reveal_prediction, run_notice, show_bad_input

run_through_app()

ACTIVATIONS = ("relu", "sigmoid")
LAYERS = (1, 2, 3)

# Defaults of the two experiments that train several networks (shown on first load).
CMP_DEFAULT = ("relu", 4, training.DEFAULT_LRS, 20, training.DEFAULT_TARGET, 0.0)
SWEEP_SIZES = (1, 2, 4, 8, 16, 32, 64)
SWEEP_DEFAULT = modes.DEFAULT_BATCH_SIZES
PREDICT_LINEAR = ("p30", "p50", "p70", "p95")
PREDICT_TRAINING = ("bn_only", "plain_only", "both", "neither")


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


def _pct(value: float) -> str:
    return f"{100 * value:.1f}%"


def _epochs_text(epochs: int | None) -> str:
    return t("batch_norm.never") if epochs is None else str(epochs)


# -- 1. per-batch distributions -------------------------------------------------------------


@st.cache_data(show_spinner=False, max_entries=64)
def compute_snapshots(
    activation: str, layer: int, unit: int, batch_size: int, n_batches: int, warmup: int, lr: float
) -> batches.BatchSnapshots:
    return batches.batch_snapshots(
        activation=activation,
        layer=layer,
        unit=unit,
        batch_size=batch_size,
        n_batches=n_batches,
        warmup_epochs=warmup,
        lr=lr,
    )


def _batch_table(snap: batches.BatchSnapshots) -> pd.DataFrame:
    stats = snap.stats()
    names = {
        "batch": t("batch_norm.col_batch"),
        "plain_mean": t("batch_norm.col_plain_mean"),
        "plain_std": t("batch_norm.col_plain_std"),
        "bn_in_mean": t("batch_norm.col_in_mean"),
        "bn_in_std": t("batch_norm.col_in_std"),
        "bn_hat_mean": t("batch_norm.col_hat_mean"),
        "bn_hat_std": t("batch_norm.col_hat_std"),
        "bn_out_mean": t("batch_norm.col_out_mean"),
        "bn_out_std": t("batch_norm.col_out_std"),
    }
    return stats.rename(columns=names)


@st.fragment
def batches_experiment() -> None:
    st.markdown(t("batch_norm.batches_intro"))
    c1, c2, c3, c4 = st.columns(4)
    activation = activation_choice(c1, "bn_b_act")
    layer = layer_choice(c2, "bn_b_layer")
    unit = c3.number_input(
        t("batch_norm.unit"), 1, 16, 1, key="bn_b_unit", persist_state=KEEP_ACROSS_TABS
    )
    lr = c4.select_slider(
        t("batch_norm.lr"),
        (0.05, 0.5, 2.0, 10.0),
        value=0.5,
        key="bn_b_lr",
        persist_state=KEEP_ACROSS_TABS,
    )
    c5, c6, c7 = st.columns(3)
    batch_size = c5.select_slider(
        t("batch_norm.batch_size"),
        (16, 32, 64),
        value=64,
        key="bn_b_bs",
        persist_state=KEEP_ACROSS_TABS,
    )
    n_batches = c6.slider(
        t("batch_norm.n_batches"), 2, 5, 4, key="bn_b_n", persist_state=KEEP_ACROSS_TABS
    )
    warmup = c7.select_slider(
        t("batch_norm.warmup"), (0, 1, 5, 20), value=0, key="bn_b_warmup", persist_state=KEEP_ACROSS_TABS,
        help=t("batch_norm.warmup_help"),
    )  # fmt: skip
    try:
        snap = compute_snapshots(activation, layer, int(unit), batch_size, n_batches, warmup, lr)
    except ValueError as err:
        show_bad_input(err)
        return
    panels = {
        "plain": t("batch_norm.panel_plain"),
        "bn_in": t("batch_norm.panel_in"),
        "bn_out": t("batch_norm.panel_out"),
    }
    fig = batches_figure(
        snap,
        title=t("batch_norm.batches_title", layer=snap.layer, unit=snap.unit),
        panel_titles=panels,
        batch_label=t("batch_norm.batch_n"),
        x_title=t("batch_norm.preact"),
        y_title=t("batch_norm.count"),
    )
    show(fig, key="bn_fig_batches")
    st.caption(t("batch_norm.batches_caption", gamma=snap.gamma, beta=snap.beta))
    spread = snap.spread_of_means()
    m1, m2, m3 = st.columns(3)
    m1.metric(t("batch_norm.spread_plain"), f"{spread['plain']:.3g}")
    m2.metric(t("batch_norm.spread_hat"), f"{spread['bn_hat']:.1e}")
    m3.metric(t("batch_norm.spread_out"), f"{spread['bn_out']:.3g}")
    table = _batch_table(snap)
    show_table(table, dict.fromkeys(table.columns[1:], "%.3f"))


# -- 2. the linear-region argument ----------------------------------------------------------


def _linear_labels() -> dict[str, str]:
    keys = ("sigmoid", "tangent", "inside", "outside", "hist_x", "hist_y", "count", "x_title")
    return {k: t(f"batch_norm.lin_{k}") for k in keys}


def _nearest_option(value: float) -> str:
    centres = {"p30": 0.30, "p50": 0.50, "p70": 0.70, "p95": 0.95}
    return min(centres, key=lambda k: abs(centres[k] - value))


@st.fragment
def linear_experiment() -> None:
    st.markdown(t("batch_norm.linear_intro"))
    options = {k: t(f"batch_norm.predict_linear_{k}") for k in PREDICT_LINEAR}
    choice = predict_then_run(
        "bn_predict_linear", t("batch_norm.predict_linear_q"), list(options.values())
    )
    c1, c2 = st.columns(2)
    mean = c1.slider(
        t("batch_norm.orig_mean"),
        -4.0,
        4.0,
        1.0,
        0.1,
        key="bn_l_mean",
        persist_state=KEEP_ACROSS_TABS,
    )
    std = c2.slider(
        t("batch_norm.orig_std"), 0.2, 5.0, 2.0, 0.1, key="bn_l_std", persist_state=KEEP_ACROSS_TABS
    )
    identity = st.toggle(
        t("batch_norm.identity"), key="bn_l_identity", persist_state=KEEP_ACROSS_TABS
    )
    c3, c4 = st.columns(2)
    gamma = c3.slider(
        "γ",
        0.0,
        6.0,
        1.0,
        0.05,
        key="bn_l_gamma",
        persist_state=KEEP_ACROSS_TABS,
        disabled=identity,
    )
    beta = c4.slider(
        "β", -5.0, 5.0, 0.0, 0.1, key="bn_l_beta", persist_state=KEEP_ACROSS_TABS, disabled=identity
    )
    try:
        result = linear_region.linear_region(
            mean=mean, std=std, gamma=gamma, beta=beta, identity=identity
        )
    except ValueError as err:
        show_bad_input(err)
        return
    title = t("batch_norm.linear_title", gamma=result.gamma, beta=result.beta)
    show(linear_region_figure(result, title=title, labels=_linear_labels()), key="bn_fig_linear")
    m1, m2, m3 = st.columns(3)
    m1.metric(
        t("batch_norm.frac_linear"),
        _pct(result.fraction_linear),
        help=t("batch_norm.frac_linear_help", z=result.half_width, tol=result.tol),
    )
    m2.metric(t("batch_norm.r2"), f"{result.linear_r2:.4f}", help=t("batch_norm.r2_help"))
    m3.metric(
        t("batch_norm.restore_error"),
        f"{result.max_restore_error:.1e}",
        help=t("batch_norm.restore_help", mu=result.batch_mean, sigma=result.batch_std),
    )
    if identity:
        st.success(t("batch_norm.identity_note", err=result.max_restore_error))
    z_star = linear_region.linear_half_width()
    st.caption(
        t(
            "batch_norm.linear_facts",
            mass1=_pct(linear_region.normal_mass_within(1.0)),
            gap1=float(linear_region.tangent_gap(1.0)),
            z=z_star,
            mass=_pct(linear_region.normal_mass_within(z_star)),
        )
    )
    measured = linear_region.linear_region(mean=mean, std=std, gamma=1.0, beta=0.0)
    correct = options[_nearest_option(measured.fraction_linear)]
    reveal_prediction(
        choice,
        correct,
        t("batch_norm.predict_linear_why", frac=_pct(measured.fraction_linear)),
    )


# -- 3. training with and without BN ----------------------------------------------------------


def _compare(settings: tuple):
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

    return cached_with_progress(("bn_compare", *settings), compute, t("batch_norm.running"))


def _training_labels(y_title: str) -> dict[str, str]:
    return {
        "run": t("batch_norm.run_label"),
        "bn_on": t("batch_norm.bn_on"),
        "bn_off": t("batch_norm.bn_off"),
        "target": t("batch_norm.target_line"),
        "epoch": t("common.epoch"),
        "y_title": y_title,
    }


def _training_outcome(result: training.BNComparison) -> str:
    top = max(result.lrs)
    on, off = result.run(top, True).trains, result.run(top, False).trains
    if on and off:
        return "both"
    if on:
        return "bn_only"
    return "plain_only" if off else "neither"


def _training_verdict(result: training.BNComparison) -> None:
    lines = []
    for lr, faster in zip(result.lrs, result.bn_faster(), strict=True):
        on, off = result.run(lr, True), result.run(lr, False)
        key = {True: "faster_yes", False: "faster_no", None: "faster_none"}[faster]
        lines.append(
            "- "
            + t(
                f"batch_norm.{key}",
                lr=lr,
                on=_epochs_text(on.epochs_to_target),
                off=_epochs_text(off.epochs_to_target),
            )
        )
    wins = sum(1 for v in result.bn_faster() if v)
    head = t("batch_norm.verdict_head", wins=wins, n=len(result.lrs), target=_pct(result.target))
    if wins < len(result.lrs):
        head += " " + t("batch_norm.verdict_honest")
    st.markdown(head + "\n\n" + "\n".join(lines))
    off_lr = result.largest_lr_that_trains(False)
    on_lr = result.largest_lr_that_trains(True)
    m1, m2 = st.columns(2)
    m1.metric(t("batch_norm.largest_off"), "—" if off_lr is None else f"{off_lr:g}")
    m2.metric(t("batch_norm.largest_on"), "—" if on_lr is None else f"{on_lr:g}")


def _training_table(result: training.BNComparison) -> pd.DataFrame:
    table = result.table()
    table["batch_norm"] = [
        t("batch_norm.bn_on" if v else "batch_norm.bn_off") for v in table["batch_norm"]
    ]
    table["epochs_to_target"] = [
        _epochs_text(None if pd.isna(v) else int(v)) for v in table["epochs_to_target"]
    ]
    table["diverged"] = [t("batch_norm.yes" if v else "batch_norm.no") for v in table["diverged"]]
    return table.rename(
        columns={
            "lr": t("batch_norm.col_lr"),
            "batch_norm": "BN",
            "epochs_to_target": t("batch_norm.col_epochs_to_target"),
            "final_train_acc": t("batch_norm.col_train_acc"),
            "final_test_acc": t("batch_norm.col_test_acc"),
            "diverged": t("batch_norm.col_diverged"),
        }
    )


@st.fragment
def training_experiment() -> None:
    st.markdown(t("batch_norm.training_intro"))
    options = {k: t(f"batch_norm.predict_training_{k}") for k in PREDICT_TRAINING}
    choice = predict_then_run(
        "bn_predict_training", t("batch_norm.predict_training_q"), list(options.values())
    )
    c1, c2, c3 = st.columns(3)
    activation = activation_choice(c1, "bn_t_act")
    depth = c2.slider(
        t("batch_norm.depth"),
        2,
        6,
        CMP_DEFAULT[1],
        key="bn_t_depth",
        persist_state=KEEP_ACROSS_TABS,
    )
    epochs = c3.slider(
        t("batch_norm.epochs"),
        5,
        40,
        CMP_DEFAULT[3],
        5,
        key="bn_t_epochs",
        persist_state=KEEP_ACROSS_TABS,
    )
    lrs = st.multiselect(
        t("batch_norm.lrs"),
        training.LR_LADDER,
        default=list(CMP_DEFAULT[2]),
        max_selections=4,
        key="bn_t_lrs",
        persist_state=KEEP_ACROSS_TABS,
        help=t("batch_norm.lrs_help"),
    )
    c4, c5 = st.columns(2)
    target = c4.slider(
        t("batch_norm.target"),
        0.7,
        0.98,
        CMP_DEFAULT[4],
        0.01,
        key="bn_t_target",
        persist_state=KEEP_ACROSS_TABS,
    )
    dropout = c5.slider(
        t("batch_norm.dropout"),
        0.0,
        0.5,
        CMP_DEFAULT[5],
        0.05,
        key="bn_t_dropout",
        persist_state=KEEP_ACROSS_TABS,
    )
    settings = (activation, depth, tuple(sorted(lrs)), epochs, round(target, 2), dropout)
    if st.button(t("batch_norm.run"), key="bn_t_run", type="primary"):
        st.session_state["bn_t_active"] = settings
    active = st.session_state.get("bn_t_active", CMP_DEFAULT)
    if active != settings:
        st.info(t("batch_norm.press_run"), icon=":material/play_arrow:")
    try:
        result = _compare(active)
    except ValueError as err:
        show_bad_input(err)
        return
    for run in result.runs:
        if run.diverged:
            label = t("batch_norm.run_label").format(
                lr=run.lr, bn=t("batch_norm.bn_on" if run.batch_norm else "batch_norm.bn_off")
            )
            run_notice(run.diverged, None, label)
    log_y = st.toggle(
        t("batch_norm.log_y"), value=True, key="bn_t_log", persist_state=KEEP_ACROSS_TABS
    )
    show(
        training_figure(
            result.runs,
            title=t("batch_norm.loss_title"),
            labels=_training_labels(t("batch_norm.train_loss")),
            metric="train_loss",
            log_y=log_y,
        ),
        key="bn_fig_loss",
    )
    show(
        training_figure(
            result.runs,
            title=t("batch_norm.acc_title"),
            labels=_training_labels(t("batch_norm.test_acc")),
            metric="test_acc",
            target=result.target,
        ),
        key="bn_fig_acc",
    )
    _training_verdict(result)
    show_table(
        _training_table(result),
        {
            t("batch_norm.col_lr"): "%g",
            t("batch_norm.col_train_acc"): PERCENT,
            t("batch_norm.col_test_acc"): PERCENT,
        },
    )
    st.caption(t("batch_norm.training_note"))
    reveal_prediction(
        choice,
        options[_training_outcome(result)],
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
        key="bn_m_lr",
        persist_state=KEEP_ACROSS_TABS,
    )
    dropout = c2.slider(
        t("batch_norm.dropout"),
        0.1,
        0.6,
        0.3,
        0.05,
        key="bn_m_dropout",
        persist_state=KEEP_ACROSS_TABS,
    )
    activation = st.session_state.get("bn_t_act", CMP_DEFAULT[0])
    depth = st.session_state.get("bn_t_depth", CMP_DEFAULT[1])
    epochs = st.session_state.get("bn_t_epochs", CMP_DEFAULT[3])
    target = round(st.session_state.get("bn_t_target", CMP_DEFAULT[4]), 2)
    if st.button(t("batch_norm.run_mix"), key="bn_m_run"):
        st.session_state["bn_m_active"] = (activation, depth, epochs, target, lr, dropout)
    active = st.session_state.get("bn_m_active")
    if active is None:
        st.caption(t("batch_norm.mix_hint"))
        return
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
        runs = cached_with_progress(("bn_mix", *active), compute, t("batch_norm.running"))
    except ValueError as err:
        show_bad_input(err)
        return
    names = [t(f"batch_norm.mix_{k}") for k in ("none", "bn", "dropout", "both")]
    for run, name in zip(runs, names, strict=True):
        run_notice(run.diverged, None, name)
    labels = {
        "train": t("common.train"),
        "test": t("common.test"),
        "epoch": t("common.epoch"),
        "y_title": t("common.accuracy"),
    }
    title = t("batch_norm.mix_title", lr=lr, p=dropout, act=activation_label(activation))
    show(interplay_figure(runs, names, title=title, labels=labels), key="bn_fig_mix")
    table = pd.DataFrame(
        {
            t("batch_norm.col_setting"): names,
            t("batch_norm.col_epochs_to_target"): [_epochs_text(r.epochs_to_target) for r in runs],
            t("batch_norm.col_train_acc"): [r.final_train_acc for r in runs],
            t("batch_norm.col_test_acc"): [r.final_test_acc for r in runs],
            t("batch_norm.col_gap"): [r.final_train_acc - r.final_test_acc for r in runs],
        }
    )
    show_table(table, {t(f"batch_norm.col_{k}"): PERCENT for k in ("train_acc", "test_acc", "gap")})
    st.caption(t("batch_norm.mix_note"))


# -- 4. train vs eval mode ----------------------------------------------------------------------


@st.cache_data(show_spinner=False, max_entries=64)
def compute_trace(layer: int, batch_size: int, momentum: float, frozen: bool) -> pd.DataFrame:
    return modes.running_trace(layer=layer, batch_size=batch_size, momentum=momentum, frozen=frozen)


def _sweep(sizes: tuple[int, ...]):
    def compute(progress):
        return modes.small_batch_sweep(sizes, progress=progress)

    return cached_with_progress(("bn_sweep", *sizes), compute, t("batch_norm.running"))


def _sweep_table(results) -> pd.DataFrame:
    return modes.sweep_table(results).rename(
        columns={
            "batch_size": t("batch_norm.col_batch_size"),
            "mean_noise": t("batch_norm.col_mean_noise"),
            "std_noise": t("batch_norm.col_std_noise"),
            "train_mode_acc": t("batch_norm.col_train_mode"),
            "eval_mode_acc": t("batch_norm.col_eval_mode"),
            "gap": t("batch_norm.col_mode_gap"),
        }
    )


@st.fragment
def modes_experiment() -> None:
    st.markdown(t("batch_norm.modes_intro"))
    st.markdown(f"#### {t('batch_norm.running_heading')}")
    c1, c2, c3 = st.columns(3)
    layer = layer_choice(c1, "bn_r_layer")
    batch_size = c2.select_slider(
        t("batch_norm.batch_size"),
        (2, 4, 8, 16, 32, 64),
        value=16,
        key="bn_r_bs",
        persist_state=KEEP_ACROSS_TABS,
    )
    momentum = c3.select_slider(
        t("batch_norm.momentum"), (0.01, 0.03, 0.1, 0.3, 1.0), value=0.1, key="bn_r_momentum", persist_state=KEEP_ACROSS_TABS,
        help=t("batch_norm.momentum_help"),
    )  # fmt: skip
    frozen = st.toggle(
        t("batch_norm.frozen"),
        key="bn_r_frozen",
        persist_state=KEEP_ACROSS_TABS,
        help=t("batch_norm.frozen_help"),
    )
    try:
        trace = compute_trace(layer, batch_size, momentum, frozen)
    except ValueError as err:
        show_bad_input(err)
        return
    labels = {
        k: t(f"batch_norm.trace_{k}") for k in ("mean", "var", "batch", "running", "population")
    }
    labels["step"] = t("batch_norm.step")
    show(
        running_figure(trace, title=t("batch_norm.trace_title", layer=layer), labels=labels),
        key="bn_fig_running",
    )
    last = trace.iloc[-1]
    st.caption(
        t(
            "batch_norm.trace_caption",
            rm=last["running_mean"],
            pm=last["population_mean"],
            rv=last["running_var"],
            pv=last["population_var"],
            steps=int(last["step"]),
        )
    )

    st.markdown(f"#### {t('batch_norm.sweep_heading')}")
    st.markdown(t("batch_norm.sweep_intro"))
    sizes = st.multiselect(
        t("batch_norm.batch_sizes"),
        SWEEP_SIZES,
        default=list(SWEEP_DEFAULT),
        key="bn_s_sizes",
        persist_state=KEEP_ACROSS_TABS,
        help=t("batch_norm.batch_sizes_help"),
    )
    chosen = tuple(sorted(sizes))
    if st.button(t("batch_norm.run"), key="bn_s_run", type="primary"):
        st.session_state["bn_s_active"] = chosen
    active = st.session_state.get("bn_s_active", SWEEP_DEFAULT)
    if active != chosen:
        st.info(t("batch_norm.press_run"), icon=":material/play_arrow:")
    try:
        results = _sweep(active)
    except ValueError as err:
        show_bad_input(err)
        return
    labels = {
        "train_mode": t("batch_norm.train_mode"),
        "eval_mode": t("batch_norm.eval_mode"),
        "batch_size": t("batch_norm.batch_size"),
        "accuracy": t("batch_norm.test_acc"),
        "mean_noise": t("batch_norm.mean_noise"),
        "std_noise": t("batch_norm.std_noise"),
        "noise": t("batch_norm.noise"),
    }
    show(
        sweep_accuracy_figure(results, title=t("batch_norm.sweep_acc_title"), labels=labels),
        key="bn_fig_sweep_acc",
    )
    show(
        sweep_noise_figure(results, title=t("batch_norm.sweep_noise_title"), labels=labels),
        key="bn_fig_sweep_noise",
    )
    show_table(
        _sweep_table(results),
        {
            t("batch_norm.col_mean_noise"): "%.3f",
            t("batch_norm.col_std_noise"): "%.3f",
            t("batch_norm.col_train_mode"): PERCENT,
            t("batch_norm.col_eval_mode"): PERCENT,
            t("batch_norm.col_mode_gap"): PERCENT,
        },
    )
    by_size = {r.batch_size: r for r in results}
    m = st.selectbox(
        t("batch_norm.scatter_size"),
        list(by_size),
        index=0,
        key="bn_s_scatter",
        persist_state=KEEP_ACROSS_TABS,
    )
    picked = by_size.get(m, results[0])
    scatter_labels = {
        "diagonal": t("batch_norm.diagonal"),
        "points": t("batch_norm.test_points"),
        "x_title": t("batch_norm.p_train"),
        "y_title": t("batch_norm.p_eval"),
    }
    show(
        modes_scatter_figure(
            picked, title=t("batch_norm.scatter_title", m=picked.batch_size), labels=scatter_labels
        ),
        key="bn_fig_scatter",
    )
    st.caption(t("batch_norm.sweep_note"))


st.title(t("batch_norm.title"))
text_column, lab_column = topic_layout()
with text_column:
    render_topic("batch_norm")
with lab_column:
    experiment_tabs(
        "batch_norm",
        [
            (t("batch_norm.exp_batches"), batches_experiment),
            (t("batch_norm.exp_linear"), linear_experiment),
            (t("batch_norm.exp_training"), lambda: (training_experiment(), interplay_experiment())),
            (t("batch_norm.exp_modes"), modes_experiment),
        ],
    )
