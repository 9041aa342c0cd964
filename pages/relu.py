"""ReLU and its variants: measured cost, non-saturation, sparsity, dying units, and the fixes
(Leaky ReLU, PReLU, RReLU) side by side."""

from __future__ import annotations

import time
from collections.abc import Hashable

import numpy as np
import pandas as pd
import streamlit as st

from qa_core.engine import activations, curves
from qa_core.labs.relu import dying, sparsity, timing, variants
from ui.charts.activations import derivatives_figure
from ui.charts.common import activation_label
from ui.charts.relu import (
    accuracy_lines_figure,
    firing_figure,
    layer_lines_figure,
    slopes_figure,
    sparsity_figure,
    timing_figure,
    variants_accuracy_figure,
    variants_functions_figure,
)
from ui.charts.training import per_layer_figure
from ui.components.live_charts import show
from ui.content import render_topic
from ui.i18n import t
from ui.layout import KEEP_ACROSS_TABS, experiment_tabs, topic_layout
from ui.page_guard import run_through_app
from ui.run_cache import cached_with_progress
from ui.tables import show_table
from ui.topics import topic_by_id
from ui.widgets import predict_then_run, reveal_prediction, run_notice, show_bad_input

run_through_app()

TIMING_NS = (10_000, 30_000, 100_000, 300_000, 1_000_000, 3_000_000, 10_000_000)
SATURATION_POINTS = (-5.0, -1.0, 1.0, 5.0, 10.0, 20.0)
SPARSITY_ACTS = ("relu", "leaky_relu", "tanh", "sigmoid")
SPARSITY_DATA = ("moons", "circles", "xor")
DYING_LRS = (0.01, 0.03, 0.1, 0.2, 0.3, 0.5, 1.0, 2.0, 4.0, 8.0)
DYING_ALPHAS = (0.01, 0.05, 0.1, 0.2, 0.3)
DYING_DEFAULT = {"lr": 0.2, "shift": 1.5, "alpha": 0.01, "epochs": 30, "seed": 0}
VARIANT_NOISES = (0.2, 0.35, 0.5)
VARIANT_EPOCHS = 60


# Widgets' format_func must not call t() lazily: AppTest formats options outside the script run,
# where the session's language is unknown. Labels are looked up in dicts built during the run.


def applied_settings(key: str, current: Hashable, label: str) -> Hashable:
    """Settings of the last button press: the defaults at first, ``current`` once pressed.

    Expensive experiments show results for these, so moving a widget does not start a run.
    """
    state = f"{key}_applied"
    if state not in st.session_state:
        st.session_state[state] = current
    if st.button(label, key=f"{key}_run", type="primary"):
        st.session_state[state] = current
        st.session_state[f"{key}_nonce"] = time.time_ns()  # a fresh measurement per press
    if st.session_state[state] != current:
        st.caption(t("relu.run_changed"))
    return st.session_state[state]


def _pct(value: float) -> str:
    return "—" if value is None or not np.isfinite(value) else f"{value:.0%}"


# -- 1. cheap to compute ------------------------------------------------------------------------


def _kernel_label(kernels: str) -> str:
    return t(f"relu.kernels_{kernels}")


@st.fragment
def timing_experiment() -> None:
    st.markdown(t("relu.timing_intro"))
    left, mid = st.columns([3, 2])
    n = left.select_slider(
        t("relu.timing_n"),
        TIMING_NS,
        value=1_000_000,
        format_func=lambda v: f"{v:,}",
        key="relu_time_n",
        persist_state=KEEP_ACROSS_TABS,
    )
    repeats = mid.slider(
        t("relu.timing_repeats"), 3, 15, 5, key="relu_time_repeats", persist_state=KEEP_ACROSS_TABS
    )
    kernels = st.radio(
        t("relu.timing_kernels"),
        timing.KERNELS,
        format_func={k: _kernel_label(k) for k in timing.KERNELS}.__getitem__,
        horizontal=True,
        help=t("relu.kernels_help"),
        key="relu_time_kernels",
        persist_state=KEEP_ACROSS_TABS,
    )
    n, repeats, kernels = applied_settings(
        "relu_time", (int(n), int(repeats), kernels), t("relu.timing_run")
    )
    nonce = st.session_state.get("relu_time_nonce", 0)  # every press measures afresh

    def compute(progress):
        return timing.time_activations(n=n, repeats=repeats, kernels=kernels, progress=progress)

    try:
        table = cached_with_progress(
            ("relu_timing", n, repeats, kernels, nonce), compute, t("relu.timing_running")
        )
    except ValueError as err:
        show_bad_input(err)
        return
    fig = timing_figure(
        table,
        title=t("relu.timing_title", n=f"{n:,}", kernels=_kernel_label(kernels)),
        y_title=t("relu.timing_y"),
        ratio_label=t("relu.timing_ratio"),
    )
    show(fig, key="relu_time_fig")
    ratio = dict(zip(table["activation"], table["ratio_to_relu"], strict=True))
    relu_ns = float(table.loc[table["activation"] == "relu", "ns_per_element"].iloc[0])
    st.markdown(
        t(
            "relu.timing_result",
            sig=ratio["sigmoid"],
            tanh=ratio["tanh"],
            leaky=ratio["leaky_relu"],
            relu_ns=relu_ns,
        )
    )
    shown = pd.DataFrame(
        {
            t("relu.col_activation"): [activation_label(a) for a in table["activation"]],
            t("relu.col_median_ms"): table["median_s"] * 1e3,
            t("relu.col_ns"): table["ns_per_element"],
            t("relu.col_ratio"): table["ratio_to_relu"],
        }
    )
    show_table(
        shown,
        {t("relu.col_median_ms"): "%.3f", t("relu.col_ns"): "%.2f", t("relu.col_ratio"): "×%.2f"},
    )
    with st.expander(t("relu.timing_explain_title"), expanded=True):
        st.markdown(t("relu.timing_explain"))


# -- 2. non-saturating ----------------------------------------------------------------------------


@st.cache_data(show_spinner=False, max_entries=32)
def saturation_curves(z_min: float, z_max: float):
    z = curves.grid(z_min, z_max, 1601)
    return [curves.curve(activations.get(name), z) for name in ("sigmoid", "tanh", "relu")]


@st.cache_data(show_spinner=False)
def saturation_points() -> list[curves.Curve]:
    z = np.array(SATURATION_POINTS)
    return [curves.curve(activations.get(name), z) for name in ("sigmoid", "tanh", "relu")]


@st.fragment
def saturation_experiment() -> None:
    st.markdown(t("relu.saturation_intro"))
    left, right = st.columns([2, 1], vertical_alignment="bottom")
    z_min, z_max = left.slider(
        t("relu.saturation_z"),
        -50.0,
        50.0,
        (-10.0, 10.0),
        1.0,
        key="relu_sat_z",
        persist_state=KEEP_ACROSS_TABS,
    )
    log_y = right.toggle(
        t("relu.saturation_log"), key="relu_sat_log", persist_state=KEEP_ACROSS_TABS
    )
    try:
        results = saturation_curves(z_min, z_max)
    except ValueError as err:
        show_bad_input(err)
        return
    threshold = 0.01
    intervals = {c.name: curves.saturated_intervals(c.z, c.df, threshold) for c in results}
    fig = derivatives_figure(
        results,
        intervals,
        title=t("relu.saturation_title"),
        threshold=threshold,
        threshold_label=t("relu.saturation_threshold", value=threshold),
        max_label=t("relu.saturation_max"),
        log_y=log_y,
    )
    show(fig, key="relu_sat_fig")
    st.markdown(f"**{t('relu.saturation_table')}**")
    points = saturation_points()
    table = pd.DataFrame(
        {t("relu.col_activation"): [activation_label(c.name) for c in points]}
        | {f"f′({z:g})": [float(c.df[i]) for c in points] for i, z in enumerate(SATURATION_POINTS)}
    )
    show_table(table, dict.fromkeys(table.columns[1:], "%.2e"))
    st.markdown(t("relu.saturation_chain"))
    if topic_by_id("vanishing_gradients").built:
        st.page_link(
            topic_by_id("vanishing_gradients").page_path,
            label=t("relu.saturation_link"),
            icon=":material/trending_down:",
        )
    else:
        st.caption(t("relu.saturation_link_soon"))


# -- 3. sparsity --------------------------------------------------------------------------------


def _sparsity(activation: str, dataset: str) -> sparsity.SparsityResult:
    config = sparsity.sparsity_config(activation, dataset=dataset)

    def compute(progress):
        return sparsity.sparsity_profile(config, progress=progress)

    return cached_with_progress(("relu_sparsity", config), compute)


@st.fragment
def sparsity_experiment() -> None:
    st.markdown(t("relu.sparsity_intro"))
    left, right = st.columns(2)
    activation = left.selectbox(
        t("relu.sparsity_act"),
        SPARSITY_ACTS,
        format_func=activation_label,
        key="relu_sparse_act",
        persist_state=KEEP_ACROSS_TABS,
    )
    dataset = right.selectbox(
        t("relu.sparsity_data"),
        SPARSITY_DATA,
        format_func={d: t(f"relu.ds_{d}") for d in SPARSITY_DATA}.__getitem__,
        key="relu_sparse_data",
        persist_state=KEEP_ACROSS_TABS,
    )
    try:
        result = _sparsity(activation, dataset)
    except ValueError as err:
        show_bad_input(err)
        return
    run_notice(result.diverged, None, activation_label(activation))
    stages = {s: t(f"relu.stage_{s}") for s in sparsity.STAGES}
    table = result.table
    show(
        sparsity_figure(
            table,
            title=t("relu.sparsity_title"),
            stage_labels=stages,
            layer_label=t("relu.layer_short"),
            y_title=t("relu.sparsity_y"),
        ),
        key="relu_sparse_fig",
    )
    trained = table[table["stage"] == "trained"]
    init = table[table["stage"] == "init"]
    c1, c2, c3 = st.columns(3)
    c1.metric(
        t("relu.sparsity_metrics_zero"),
        _pct(float(init["zero_fraction"].iloc[0])),
        help=t("relu.sparsity_metrics_zero_help"),
    )
    c2.metric(
        t("relu.sparsity_metrics_active"),
        _pct(float(trained["active_per_sample"].mean())),
        help=t("relu.sparsity_metrics_active_help"),
    )
    c3.metric(
        t("relu.sparsity_metrics_dead"),
        _pct(float(trained["dead_fraction"].mean())),
        help=t("relu.sparsity_metrics_dead_help"),
    )
    if activation == "relu":
        st.caption(t("relu.sparsity_note_relu"))
    else:
        st.caption(t("relu.sparsity_note_dense", act=activation_label(activation)))
    left, right = st.columns(2)
    layers = {i: t("relu.layer_short", i=i) for i in range(1, len(result.firing["trained"]) + 1)}
    layer = left.selectbox(
        t("relu.sparsity_layer"),
        tuple(layers),
        format_func=layers.__getitem__,
        key="relu_sparse_layer",
        persist_state=KEEP_ACROSS_TABS,
    )
    stage = right.radio(
        t("relu.sparsity_stage"),
        sparsity.STAGES,
        index=1,
        format_func=stages.__getitem__,
        horizontal=True,
        key="relu_sparse_stage",
        persist_state=KEEP_ACROSS_TABS,
    )
    show(
        firing_figure(
            result.firing[stage][layer - 1],
            result.labels,
            title=t("relu.firing_title", i=layer, stage=stages[stage]),
            x_title=t("relu.firing_unit"),
            y_title=t("relu.firing_sample"),
            on_label=t("relu.firing_on"),
            off_label=t("relu.firing_off"),
            class_label=t("relu.firing_class"),
        ),
        key="relu_sparse_map",
    )
    st.info(t("relu.sparsity_caveat"), icon=":material/lightbulb:")


# -- 4. dying ReLU ------------------------------------------------------------------------------


def _dying(settings: tuple) -> dict[str, dying.DyingResult]:
    lr, shift, alpha, epochs, seed = settings

    def compute(progress):
        return dying.compare_dying(
            lr=lr, bias_shift=shift, alpha=alpha, epochs=epochs, seed=seed, progress=progress
        )

    return cached_with_progress(("relu_dying", *settings), compute, t("relu.dying_running"))


def _dying_table(results: dict[str, dying.DyingResult]) -> pd.DataFrame:
    summary = dying.summary_table(results)
    n_layers = len(next(iter(results.values())).config.hidden)
    shown = {t("relu.col_activation"): [activation_label(a) for a in summary["activation"]]}
    for i in range(n_layers):
        layer = t("relu.layer_short", i=i + 1)
        shown[t("relu.col_dead", layer=layer)] = [_pct(v) for v in summary[f"dead_{i}"]]
        shown[t("relu.col_inactive", layer=layer)] = [_pct(v) for v in summary[f"inactive_{i}"]]
        shown[t("relu.col_revived", layer=layer)] = summary[f"revived_{i}"].tolist()
        shown[t("relu.col_moved", layer=layer)] = [
            "—" if not np.isfinite(v) else f"{v:.3g}" for v in summary[f"moved_{i}"]
        ]
    shown[t("relu.col_test_acc")] = [_pct(v) for v in summary["test_acc"]]
    shown[t("relu.col_diverged")] = [
        "—" if e is None or not np.isfinite(e) else str(int(e)) for e in summary["diverged_epoch"]
    ]
    return pd.DataFrame(shown)


def _first_layer_deaths(relu: dying.DyingResult) -> tuple[int, int, float]:
    """(units ever dead in layer 1, units that came back, largest move of a dead unit)."""
    ever = int(relu.final["ever_0"])
    moved = relu.history["moved_0"].iloc[1:].to_numpy(dtype=float)
    largest = float(np.nanmax(moved)) if np.any(np.isfinite(moved)) else 0.0
    return ever, int(relu.final["revived_0"]), largest


@st.fragment
def dying_experiment() -> None:
    st.markdown(t("relu.dying_intro"))
    options = {key: t(f"relu.dying_opt_{key}") for key in ("most", "some", "none")}
    choice = predict_then_run(
        "relu_dying_predict", t("relu.dying_question"), list(options.values())
    )
    c1, c2, c3 = st.columns(3)
    lr = c1.select_slider(
        t("relu.dying_lr"),
        DYING_LRS,
        value=DYING_DEFAULT["lr"],
        key="relu_dying_lr",
        persist_state=KEEP_ACROSS_TABS,
    )
    shift = c2.slider(
        t("relu.dying_shift"),
        0.0,
        4.0,
        DYING_DEFAULT["shift"],
        0.25,
        key="relu_dying_shift",
        persist_state=KEEP_ACROSS_TABS,
    )
    alpha = c3.select_slider(
        t("relu.dying_alpha"),
        DYING_ALPHAS,
        value=DYING_DEFAULT["alpha"],
        key="relu_dying_alpha",
        persist_state=KEEP_ACROSS_TABS,
    )
    c4, c5 = st.columns(2)
    epochs = c4.slider(
        t("relu.epochs"),
        5,
        60,
        DYING_DEFAULT["epochs"],
        5,
        key="relu_dying_epochs",
        persist_state=KEEP_ACROSS_TABS,
    )
    seed = c5.number_input(
        t("relu.seed"),
        0,
        999,
        DYING_DEFAULT["seed"],
        1,
        key="relu_dying_seed",
        persist_state=KEEP_ACROSS_TABS,
    )
    current = (float(lr), float(shift), float(alpha), int(epochs), int(seed))
    settings = applied_settings("relu_dying", current, t("relu.dying_run"))
    try:
        results = _dying(settings)
    except ValueError as err:
        show_bad_input(err)
        return
    for name, result in results.items():
        run_notice(result.diverged, None, activation_label(name))
    diverged = {name: r.diverged_epoch for name, r in results.items()}
    histories = {name: r.history for name, r in results.items()}
    n_layers = len(results["relu"].config.hidden)
    measure = st.radio(
        t("relu.dying_measure"),
        ("dead", "inactive"),
        format_func={m: t(f"relu.measure_{m}") for m in ("dead", "inactive")}.__getitem__,
        help=t("relu.measure_help"),
        key="relu_dying_measure",
        persist_state=KEEP_ACROSS_TABS,
    )
    show(
        layer_lines_figure(
            histories,
            measure,
            n_layers,
            title=t(f"relu.{measure}_title"),
            x_title=t("common.epoch"),
            y_title=t("relu.fraction"),
            layer_label=t("relu.layer_short"),
            diverged=diverged,
            diverged_text=t("relu.diverged_mark"),
        ),
        key="relu_dying_fig",
    )
    variants = [n for n in results if n != "relu"]
    if measure == "dead" and all(
        results[n].history[results[n].columns("dead")].to_numpy().max() == 0 for n in variants
    ):
        st.caption(t("relu.variants_zero"))
    left, right = st.columns(2)
    with left:
        show(
            accuracy_lines_figure(
                histories,
                title=t("relu.acc_title"),
                x_title=t("common.epoch"),
                y_title=t("common.accuracy"),
                diverged=diverged,
                diverged_text=t("relu.diverged_mark"),
            ),
            key="relu_dying_acc",
        )
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
    show_table(_dying_table(results))
    st.caption(t("relu.dying_table_help"))
    ever, back, moved = _first_layer_deaths(results["relu"])
    if ever:
        variant_dead = ", ".join(
            f"{activation_label(n)} {_pct(float(results[n].final['dead_0']))}"
            for n in results
            if n != "relu"
        )
        st.markdown(
            t(
                "relu.dying_verdict_dead",
                dead=ever,
                width=results["relu"].config.hidden[0],
                moved=moved,
                variant_dead=variant_dead,
            )
        )
        share = back / ever
        measured = options["none"] if back == 0 else options["some" if share < 0.5 else "most"]
        reveal_prediction(choice, measured, t("relu.dying_reveal_none"))
    else:
        st.info(t("relu.dying_verdict_none"))
    if settings[2] <= 0.01:
        st.caption(t("relu.dying_leaky_note"))


# -- 5. the variants side by side --------------------------------------------------------------


def _variants(settings: tuple) -> variants.VariantComparison:
    alpha, lower, upper, noise, seeds = settings

    def compute(progress):
        return variants.compare_variants(
            alpha=alpha,
            lower=lower,
            upper=upper,
            noise=noise,
            seeds=seeds,
            epochs=VARIANT_EPOCHS,
            progress=progress,
        )

    return cached_with_progress(
        ("relu_variants", *settings, VARIANT_EPOCHS), compute, t("relu.variants_running")
    )


def _verdict(comparison: variants.VariantComparison) -> str:
    diff, se = comparison.paired_difference("rrelu", "relu")
    diff_leaky, se_leaky = comparison.paired_difference("rrelu", "leaky_relu")
    if comparison.seeds < 2:
        conclusion = t("relu.verdict_one_seed")
    elif se > 0 and diff > 2 * se:
        conclusion = t("relu.verdict_clear_better")
    elif se > 0 and diff < -2 * se:
        conclusion = t("relu.verdict_clear_worse")
    else:
        conclusion = t("relu.verdict_unclear")
    return t(
        "relu.variants_verdict",
        diff=diff,
        se=se,
        diff_leaky=diff_leaky,
        se_leaky=se_leaky,
        conclusion=conclusion,
    )


@st.fragment
def variants_experiment() -> None:
    st.markdown(t("relu.variants_intro"))
    left, right = st.columns(2)
    alpha = left.slider(
        t("relu.variants_alpha"),
        0.0,
        0.5,
        0.01,
        0.01,
        key="relu_var_alpha",
        persist_state=KEEP_ACROSS_TABS,
    )
    lower, upper = right.slider(
        t("relu.variants_bounds"),
        0.0,
        0.99,
        (0.125, 0.333),
        0.001,
        format="%.3f",
        key="relu_var_bounds",
        persist_state=KEEP_ACROSS_TABS,
    )
    left, right = st.columns(2)
    noise = left.select_slider(
        t("relu.variants_noise"),
        VARIANT_NOISES,
        value=0.35,
        key="relu_var_noise",
        persist_state=KEEP_ACROSS_TABS,
    )
    seeds = right.slider(
        t("relu.variants_seeds"), 1, 6, 3, key="relu_var_seeds", persist_state=KEEP_ACROSS_TABS
    )
    current = (float(alpha), float(lower), float(upper), float(noise), int(seeds))
    settings = applied_settings("relu_var", current, t("relu.variants_run"))
    try:
        comparison = _variants(settings)
    except ValueError as err:
        show_bad_input(err)
        return
    for row in comparison.runs.itertuples():
        if row.diverged:
            run_notice(row.diverged, None, f"{activation_label(row.activation)} · {row.seed}")
    slopes = comparison.learned_slopes()
    prelu_a = float(np.clip(slopes[0], -10, 10)) if np.isfinite(slopes[0]) else 0.25
    try:
        shapes = variants.variant_curves(alpha=alpha, prelu_a=prelu_a, lower=lower, upper=upper)
    except ValueError as err:
        show_bad_input(err)
        return
    names = {
        "leaky_relu": t("relu.name_leaky", alpha=alpha),
        "prelu": t("relu.name_prelu", a=slopes[0]),
        "rrelu": t("relu.name_rrelu", r=shapes.rrelu_eval_slope),
    }
    show(
        variants_functions_figure(
            shapes.curves,
            shapes.band,
            shapes.draw,
            title=t("relu.functions_title"),
            names=names,
            band_label=t("relu.band_label"),
            draw_label=t("relu.draw_label"),
        ),
        key="relu_var_functions",
    )
    st.caption(t("relu.variants_setup", noise=settings[3], epochs=VARIANT_EPOCHS))
    summary = comparison.summary()
    show(
        variants_accuracy_figure(
            summary,
            comparison.runs,
            title=t("relu.variants_acc_title", seeds=comparison.seeds),
            y_title=t("common.accuracy"),
            split_labels={"train": t("common.train"), "test": t("common.test")},
            seed_label=t("relu.seed_dot"),
        ),
        key="relu_var_acc",
    )
    st.markdown(_verdict(comparison))
    gaps = dict(zip(summary["activation"], summary["gap_mean"], strict=True))
    st.caption(
        t(
            "relu.variants_gap_note",
            gap_relu=gaps["relu"],
            gap_leaky=gaps["leaky_relu"],
            gap_prelu=gaps["prelu"],
            gap_rrelu=gaps["rrelu"],
        )
    )
    show(
        slopes_figure(
            comparison.slopes,
            title=t("relu.slopes_title"),
            x_title=t("common.epoch"),
            y_title=t("relu.slope_y"),
            layer_label=t("relu.layer_short"),
            seed_label=t("relu.seed_label"),
            init_label=t("relu.init_label"),
        ),
        key="relu_var_slopes",
    )
    st.markdown(t("relu.variants_slope_note", a1=slopes[0], a2=slopes[-1]))
    table = pd.DataFrame(
        {
            t("relu.col_activation"): [activation_label(a) for a in summary["activation"]],
            t("relu.col_train"): [_pct(v) for v in summary["train_mean"]],
            t("relu.col_test"): [f"{v:.1%}" for v in summary["test_mean"]],
            t("relu.col_test_std"): [f"{v:.1%}" for v in summary["test_std"].fillna(0.0)],
            t("relu.col_gap"): [f"{v:+.1%}" for v in summary["gap_mean"]],
        }
    )
    show_table(table)


st.title(t("relu.title"))
text_column, lab_column = topic_layout()
with text_column:
    render_topic("relu")
with lab_column:
    experiment_tabs(
        "relu",
        [
            (t("relu.exp_timing"), timing_experiment),
            (t("relu.exp_saturation"), saturation_experiment),
            (t("relu.exp_sparsity"), sparsity_experiment),
            (t("relu.exp_dying"), dying_experiment),
            (t("relu.exp_variants"), variants_experiment),
        ],
    )
