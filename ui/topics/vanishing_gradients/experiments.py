"""The vanishing-gradient page's experiments, one per tab: saturation up close, the depth sweep
(``sweep``), per-layer gradient norms (``layers``) and per-layer activation statistics, all on
freshly initialised deep probe networks (qa_core.labs.vanishing_gradients)."""

from __future__ import annotations

import streamlit as st

from qa_core.labs.vanishing_gradients import saturation, sweeps
from qa_core.labs.vanishing_gradients.probe import Probe, matched_init
from ui.components.live_charts import show
from ui.i18n import t
from ui.layout import KEEP_ACROSS_TABS, Tab
from ui.topics.vanishing_gradients.controls import (
    activation_choice,
    depth_slider,
    init_controls,
    plain_std,
    saturation_data,
    scale_slider,
    stats_data,
    std_slider,
    width_slider,
)
from ui.topics.vanishing_gradients.layers import layer_experiment
from ui.topics.vanishing_gradients.saturation_charts import (
    flat_share_figure,
    saturation_figure,
    spread_figure,
    stats_figure,
)
from ui.topics.vanishing_gradients.sweep import sweep_experiment
from ui.widgets import show_bad_input

INPUT_SCALES = (0.01, 0.1, 0.5, 1.0, 2.0, 5.0, 10.0, 100.0, 1000.0)
FLAT_RATIOS = (0.01, 0.05, 0.1, 0.25, 0.5)


def tabs() -> list[Tab]:
    return [
        (t("vanishing_gradients.exp_saturation"), saturation_experiment),
        (t("vanishing_gradients.exp_sweep"), sweep_experiment),
        (t("vanishing_gradients.exp_layers"), layer_experiment),
        (t("vanishing_gradients.exp_stats"), stats_experiment),
    ]


# -- 1. saturation up close -----------------------------------------------------------------


@st.fragment
def saturation_experiment() -> None:
    st.markdown(t("vanishing_gradients.saturation_intro"))
    left, mid, right = st.columns(3)
    activation = activation_choice(left, "vanishing_gradients_sat_act", "sigmoid")
    depth = depth_slider(mid, "vanishing_gradients_sat_depth", 10)
    picked = st.session_state.get("vanishing_gradients_sat_layer")  # kept across depths (and tabs)
    if picked is not None and picked > depth:  # keep the layer inside the network
        st.session_state["vanishing_gradients_sat_layer"] = depth
    layer = right.slider(
        t("vanishing_gradients.layer_pick"),
        1,
        depth,
        depth if picked is None else None,  # the last layer at first (not both: Streamlit warns)
        key="vanishing_gradients_sat_layer",
        persist_state=KEEP_ACROSS_TABS,
    )
    init, std = init_controls("vanishing_gradients_sat", default="normal")
    left, mid, right, last = st.columns(4)
    width = width_slider(left, "vanishing_gradients_sat_width")
    weight_scale = scale_slider(mid, "vanishing_gradients_sat_scale")
    input_scale = right.select_slider(
        t("vanishing_gradients.input_scale"), INPUT_SCALES, value=1.0,
        format_func=lambda v: f"{v:g}", key="vanishing_gradients_sat_input", persist_state=KEEP_ACROSS_TABS,
    )  # fmt: skip
    flat_ratio = last.select_slider(
        t("vanishing_gradients.flat_ratio"), FLAT_RATIOS, value=0.1,
        format_func=lambda v: f"{v:.0%}", help=t("vanishing_gradients.flat_ratio_help"),
        key="vanishing_gradients_sat_flat", persist_state=KEEP_ACROSS_TABS,
    )  # fmt: skip
    probe = Probe(
        activation, depth, init, width=width, std=plain_std(init, std),
        weight_scale=weight_scale, input_scale=input_scale,
    )  # fmt: skip
    try:
        layers, summary = saturation_data(probe, flat_ratio)
    except ValueError as err:
        show_bad_input(err)
        return
    chosen = layers[layer - 1]
    show(
        saturation_figure(chosen, activation=activation, depth=depth),
        key="vanishing_gradients_fig_sat",
    )
    a, b, c = st.columns(3)
    a.metric(
        t("vanishing_gradients.flat_metric"),
        f"{chosen.flat_share:.0%}",
        help=t("vanishing_gradients.flat_metric_help", ratio=f"{flat_ratio:.0%}"),
    )
    b.metric(t("vanishing_gradients.mean_fprime_metric"), f"{chosen.mean_fprime:.3g}")
    c.metric(t("vanishing_gradients.z_std_metric"), f"{chosen.z_std:.3g}")
    if saturation.overflowed(layers):
        st.warning(t("vanishing_gradients.sat_overflow_notice"), icon=":material/warning:")
    show(flat_share_figure(summary, selected=layer), key="vanishing_gradients_fig_flat")


# -- 4. activation statistics per layer -----------------------------------------------------


@st.fragment
def stats_experiment() -> None:
    st.markdown(t("vanishing_gradients.stats_intro"))
    a, b, c, d = st.columns(4)
    activation = activation_choice(a, "vanishing_gradients_stats_act", "tanh")
    depth = depth_slider(b, "vanishing_gradients_stats_depth", 20)
    bad_std = std_slider(c, "vanishing_gradients_stats_std")
    gain = scale_slider(d, "vanishing_gradients_stats_gain", "good_gain")
    try:
        init = matched_init(activation)
        good = stats_data(Probe(activation, depth, "matched", weight_scale=gain))
        bad = stats_data(Probe(activation, depth, "normal", std=bad_std))
    except ValueError as err:
        show_bad_input(err)
        return
    panels = {"init": init, "gain": gain, "bad_std": bad_std}
    show(
        stats_figure(good, bad, activation=activation, **panels),
        key="vanishing_gradients_fig_stats",
    )
    st.caption(t("vanishing_gradients.stats_caption"))
    show(spread_figure(good, bad, **panels), key="vanishing_gradients_fig_spread")
    if sweeps.OVERFLOW in sweeps.marked([good, bad]):
        st.warning(t("vanishing_gradients.stats_overflow"), icon=":material/warning:")
