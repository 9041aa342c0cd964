"""The ReLU page's experiments, one per tab: its measured cost, non-saturation, sparsity, dying
units (ui/topics/relu/dying.py) and the fixes, Leaky ReLU, PReLU and RReLU, side by side
(ui/topics/relu/variants.py)."""

from __future__ import annotations

import streamlit as st

from qa_core.labs.relu import saturation, sparsity, timing
from ui.charts.activations import derivatives_figure
from ui.charts.common import activation_label
from ui.components.live_charts import show
from ui.i18n import current_lang, t
from ui.layout import KEEP_ACROSS_TABS, Tab
from ui.links import lang_params
from ui.run_cache import cached_with_progress
from ui.tables import Column, show_columns, show_table
from ui.topics import topic_by_id
from ui.topics.relu.charts import firing_figure, sparsity_figure, timing_figure
from ui.topics.relu.controls import gate, pct
from ui.topics.relu.dying import dying_experiment
from ui.topics.relu.variants import variants_experiment
from ui.widgets import option_names, presses, run_notice, show_bad_input

TIMING_NS = (10_000, 30_000, 100_000, 300_000, 1_000_000, 3_000_000, 10_000_000)
SPARSITY_ACTS = ("relu", "leaky_relu", "tanh", "sigmoid")
SPARSITY_DATA = ("moons", "circles", "xor")


def tabs() -> list[Tab]:
    return [
        (t("relu.exp_timing"), timing_experiment),
        (t("relu.exp_saturation"), saturation_experiment),
        (t("relu.exp_sparsity"), sparsity_experiment),
        (t("relu.exp_dying"), dying_experiment),
        (t("relu.exp_variants"), variants_experiment),
    ]


# -- 1. cheap to compute ------------------------------------------------------------------------


@st.fragment
def timing_experiment() -> None:
    st.markdown(t("relu.timing_intro"))
    left, mid = st.columns([3, 2])
    n = left.select_slider(
        t("relu.timing_n"), TIMING_NS, value=1_000_000, format_func=lambda v: f"{v:,}",
        key="relu_time_n", persist_state=KEEP_ACROSS_TABS,
    )  # fmt: skip
    repeats = mid.slider(
        t("relu.timing_repeats"), 3, 15, 5, key="relu_time_repeats", persist_state=KEEP_ACROSS_TABS
    )
    kernels = st.radio(
        t("relu.timing_kernels"),
        timing.KERNELS,
        format_func=option_names("relu.kernels_", timing.KERNELS),
        horizontal=True,
        help=t("relu.kernels_help"),
        key="relu_time_kernels",
        persist_state=KEEP_ACROSS_TABS,
    )
    n, repeats, kernels = gate("relu_time", (int(n), int(repeats), kernels), t("relu.timing_run"))
    press = presses("relu_time")  # every press measures afresh

    def compute(progress):
        return timing.time_activations(n=n, repeats=repeats, kernels=kernels, progress=progress)

    try:
        table = cached_with_progress(
            ("relu_timing", n, repeats, kernels, press), compute, t("relu.timing_running")
        )
    except ValueError as err:
        show_bad_input(err)
        return
    show(timing_figure(table, n=n, kernels=kernels), key="relu_time_fig")
    headline = timing.headline(table)
    st.markdown(
        t(
            "relu.timing_result",
            sig=headline.sigmoid,
            tanh=headline.tanh,
            leaky=headline.leaky_relu,
            relu_ns=headline.relu_ns,
        )
    )
    show_columns(
        table.assign(name=[activation_label(a) for a in table["activation"]]),
        [
            Column("name", "relu.col_activation"),
            Column("median_ms", "relu.col_median_ms", "%.3f"),
            Column("ns_per_element", "relu.col_ns", "%.2f"),
            Column("ratio_to_relu", "relu.col_ratio", "×%.2f"),
        ],
    )
    with st.expander(t("relu.timing_explain_title"), expanded=True):
        st.markdown(t("relu.timing_explain"))


# -- 2. non-saturating ----------------------------------------------------------------------------


@st.cache_data(show_spinner=False, max_entries=32)
def derivative_curves(z_min: float, z_max: float):
    return saturation.derivative_curves(z_min, z_max)


@st.cache_data(show_spinner=False)
def derivative_table():
    return saturation.derivative_table()


@st.fragment
def saturation_experiment() -> None:
    st.markdown(t("relu.saturation_intro"))
    left, right = st.columns([2, 1], vertical_alignment="bottom")
    z_min, z_max = left.slider(
        t("relu.saturation_z"), -50.0, 50.0, (-10.0, 10.0), 1.0, key="relu_sat_z",
        persist_state=KEEP_ACROSS_TABS,
    )  # fmt: skip
    log_y = right.toggle(
        t("relu.saturation_log"), key="relu_sat_log", persist_state=KEEP_ACROSS_TABS
    )
    try:
        results = derivative_curves(z_min, z_max)
    except ValueError as err:
        show_bad_input(err)
        return
    threshold = saturation.THRESHOLD
    fig = derivatives_figure(
        results,
        saturation.saturated(results, threshold),
        title=t("relu.saturation_title"),
        threshold=threshold,
        threshold_label=t("relu.saturation_threshold", value=threshold),
        max_label=t("relu.saturation_max"),
        log_y=log_y,
    )
    show(fig, key="relu_sat_fig")
    st.markdown(f"**{t('relu.saturation_table')}**")
    table = derivative_table()
    shown = table.assign(activation=[activation_label(a) for a in table["activation"]])
    shown = shown.rename(columns={"activation": t("relu.col_activation")})
    show_table(shown, dict.fromkeys(shown.columns[1:], "%.2e"))
    st.markdown(t("relu.saturation_chain"))
    vanishing = topic_by_id("vanishing_gradients")
    if vanishing.built:
        st.page_link(
            vanishing.page_path,
            label=t("relu.saturation_link"),
            icon=":material/trending_down:",
            query_params=lang_params(current_lang()),
        )
    else:
        st.caption(t("relu.saturation_link_soon"))


# -- 3. sparsity --------------------------------------------------------------------------------


def sparsity_result(activation: str, dataset: str) -> sparsity.SparsityResult:
    config = sparsity.sparsity_config(activation, dataset=dataset)

    def compute(progress):
        return sparsity.sparsity_profile(config, progress=progress)

    return cached_with_progress(("relu_sparsity", config), compute)


@st.fragment
def sparsity_experiment() -> None:
    st.markdown(t("relu.sparsity_intro"))
    left, right = st.columns(2)
    activation = left.selectbox(
        t("relu.sparsity_act"), SPARSITY_ACTS, format_func=activation_label,
        key="relu_sparse_act", persist_state=KEEP_ACROSS_TABS,
    )  # fmt: skip
    dataset = right.selectbox(
        t("relu.sparsity_data"), SPARSITY_DATA,
        format_func=option_names("relu.ds_", SPARSITY_DATA),
        key="relu_sparse_data", persist_state=KEEP_ACROSS_TABS,
    )  # fmt: skip
    try:
        result = sparsity_result(activation, dataset)
    except ValueError as err:
        show_bad_input(err)
        return
    run_notice(result.diverged, None, activation_label(activation))
    show(sparsity_figure(result.table), key="relu_sparse_fig")
    headline = sparsity.headline(result)
    c1, c2, c3 = st.columns(3)
    c1.metric(
        t("relu.sparsity_metrics_zero"),
        pct(headline.zero_at_init),
        help=t("relu.sparsity_metrics_zero_help"),
    )
    c2.metric(
        t("relu.sparsity_metrics_active"),
        pct(headline.active_per_sample),
        help=t("relu.sparsity_metrics_active_help"),
    )
    c3.metric(
        t("relu.sparsity_metrics_dead"),
        pct(headline.dead_units),
        help=t("relu.sparsity_metrics_dead_help"),
    )
    if activation == "relu":
        st.caption(t("relu.sparsity_note_relu"))
    else:
        st.caption(t("relu.sparsity_note_dense", act=activation_label(activation)))
    left, right = st.columns(2)
    layers = {i: t("relu.layer_short", i=i) for i in range(1, len(result.firing["trained"]) + 1)}
    layer = left.selectbox(
        t("relu.sparsity_layer"), tuple(layers), format_func=layers.__getitem__,
        key="relu_sparse_layer", persist_state=KEEP_ACROSS_TABS,
    )  # fmt: skip
    stage = right.radio(
        t("relu.sparsity_stage"), sparsity.STAGES, index=1,
        format_func=option_names("relu.stage_", sparsity.STAGES), horizontal=True,
        key="relu_sparse_stage", persist_state=KEEP_ACROSS_TABS,
    )  # fmt: skip
    show(
        firing_figure(result.firing[stage][layer - 1], result.labels, layer=layer, stage=stage),
        key="relu_sparse_map",
    )
    st.info(t("relu.sparsity_caveat"), icon=":material/lightbulb:")
