"""The residual page's experiments, one per tab: symmetry, the depth sweep, degradation, the
order inside a block, the zero-initialised last layer and orthogonal initialisation."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from qa_core.labs.residual import degradation, depth, isometry, order, symmetry, zero_init
from qa_core.labs.residual.common import ACTIVATIONS
from ui.charts.common import activation_label
from ui.components.live_charts import show
from ui.i18n import t
from ui.layout import KEEP_ACROSS_TABS, Tab
from ui.run_cache import cached_with_progress
from ui.tables import show_table
from ui.topics.residual.charts import (
    degradation_figure,
    depth_loss_figure,
    grad_layers_figure,
    loss_curves_figure,
    ratio_figure,
    spectrum_figure,
    traces_figure,
)
from ui.widgets import run_gate, segmented_choice, show_bad_input

WIDTHS = (2, 4, 8, 16, 32)
DEPTH_CHOICES = (1, 2, 3, 6, 11, 21, 35, 50)
EPOCHS = (10, 20, 30, 40, 60, 80)


def tabs() -> list[Tab]:
    return [
        (t("residual.exp_symmetry"), symmetry_experiment),
        (t("residual.exp_degradation"), degradation_experiment),
        (t("residual.exp_depth"), depth_experiment),
        (t("residual.exp_order"), order_experiment),
        (t("residual.exp_zero"), zero_experiment),
        (t("residual.exp_isometry"), isometry_experiment),
    ]


def _activation(where, key: str, default: str) -> str:
    return where.segmented_control(
        t("residual.activation"), ACTIVATIONS, default=default, format_func=activation_label,
        required=True, key=key, persist_state=KEEP_ACROSS_TABS,
    )  # fmt: skip


def _epochs(where, key: str, default: int) -> int:
    return where.select_slider(
        t("residual.epochs"), EPOCHS, value=default, key=key, persist_state=KEEP_ACROSS_TABS
    )


# -- 1. symmetry ----------------------------------------------------------------------------


@st.cache_data(show_spinner=False, max_entries=64)
def cached_symmetry(init: str, value: float, activation: str, width: int):
    return symmetry.symmetry_run(init, value, activation, width)


@st.fragment
def symmetry_experiment() -> None:
    st.markdown(t("residual.sym_intro"))
    init = segmented_choice(
        st, t("residual.init"), symmetry.INITS, "residual.init_", "residual_sym_init"
    )
    activation = _activation(st, "residual_sym_act", "tanh")
    c3, c4 = st.columns(2)
    value = c3.slider(
        t("residual.sym_value"), 0.05, 2.0, 0.5, 0.05, help=t("residual.sym_value_help"),
        disabled=init != "constant", key="residual_sym_value", persist_state=KEEP_ACROSS_TABS,
    )  # fmt: skip
    width = c4.select_slider(
        t("residual.width"), WIDTHS, value=8, key="residual_sym_width",
        persist_state=KEEP_ACROSS_TABS,
    )  # fmt: skip
    try:
        result = cached_symmetry(init, float(value), activation, int(width))
    except ValueError as err:
        show_bad_input(err)
        return
    show(traces_figure(result.traces), key="residual_sym_fig")
    left, right = st.columns(2)
    left.metric(t("residual.sym_distinct"), f"{result.distinct} / {result.width}")
    last = result.losses.iloc[-1]
    right.metric(t("residual.sym_final"), f"{last['train_loss']:.3f} · {last['train_acc']:.0%}")
    if result.distinct == 1:
        st.warning(t("residual.sym_tied", width=result.width), icon=":material/link:")
    else:
        st.info(t("residual.sym_broken", n=result.distinct), icon=":material/call_split:")


# -- 2. degradation -------------------------------------------------------------------------


@st.fragment
def degradation_experiment() -> None:
    st.markdown(t("residual.deg_intro"))
    c1, c2, c3 = st.columns(3)
    shallow = c1.slider(t("residual.deg_shallow"), 1, 20, 6, key="residual_deg_shallow",
                        persist_state=KEEP_ACROSS_TABS)  # fmt: skip
    deep = c2.slider(t("residual.deg_deep"), 2, depth.MAX_DEPTH, 40, key="residual_deg_deep",
                     persist_state=KEEP_ACROSS_TABS)  # fmt: skip
    epochs = _epochs(c3, "residual_deg_epochs", 40)
    settings = (int(shallow), int(deep), int(epochs))
    shown = run_gate("residual_deg", settings, t("residual.run"))

    def compute(progress):
        return degradation.degradation_runs(*shown, progress=progress)

    try:
        runs = cached_with_progress(("residual_deg", *shown), compute, t("residual.running"))
    except ValueError as err:
        show_bad_input(err)
        return
    show(degradation_figure(runs), key="residual_deg_fig")
    last = runs[runs["epoch"] == runs["epoch"].max()]
    table = pd.DataFrame({
        t("residual.col_net"): [t(f"residual.name_{n}") for n in last["net"]],
        t("residual.col_depth"): last["depth"].to_numpy(),
        t("residual.train_error"): last["train_error"].to_numpy(),
        t("residual.test_error"): last["test_error"].to_numpy(),
    })  # fmt: skip
    show_table(table, {t("residual.train_error"): "percent", t("residual.test_error"): "percent"})
    err = last.set_index(["net", "depth"])["train_error"]
    if err["plain", shown[1]] > err["plain", shown[0]] + 0.02:
        st.warning(t("residual.deg_seen", deep=shown[1], shallow=shown[0]),
                   icon=":material/trending_up:")  # fmt: skip
    else:
        st.info(t("residual.deg_not_seen", deep=shown[1], shallow=shown[0]),
                icon=":material/info:")  # fmt: skip


# -- 3. depth sweep -------------------------------------------------------------------------


@st.fragment
def depth_experiment() -> None:
    st.markdown(t("residual.depth_intro"))
    c1, c2 = st.columns(2)
    activation = _activation(c1, "residual_depth_act", "sigmoid")
    batch_norm = c2.toggle(t("residual.batch_norm"), value=False, key="residual_depth_bn",
                           persist_state=KEEP_ACROSS_TABS)  # fmt: skip
    c3, c4 = st.columns([2, 1])
    depths = c3.multiselect(
        t("residual.depths"), DEPTH_CHOICES, default=list(depth.DEFAULT_DEPTHS),
        key="residual_depth_depths", persist_state=KEEP_ACROSS_TABS,
    )  # fmt: skip
    epochs = _epochs(c4, "residual_depth_epochs", 30)
    settings = (activation, bool(batch_norm), tuple(sorted(depths)), int(epochs))
    shown = run_gate("residual_depth", settings, t("residual.run"))

    def compute(progress):
        act, bn, values, n = shown
        return depth.depth_sweep(values, act, bn, epochs=n, progress=progress)

    try:
        result = cached_with_progress(("residual_depth", *shown), compute, t("residual.running"))
    except ValueError as err:
        show_bad_input(err)
        return
    title = t("residual.depth_grad_title", depth=result.depth)
    show(grad_layers_figure(result.layers, "net", title), key="residual_depth_grads")
    g = result.layers.pivot(index="layer", columns="net", values="grad_norm")
    left, right = st.columns(2)
    left.metric(
        t("residual.first_layer", net=t("residual.name_plain")), f"{g['plain'].iloc[0]:.2g}"
    )
    right.metric(t("residual.first_layer", net=t("residual.name_residual")),
                 f"{g['residual'].iloc[0]:.2g}")  # fmt: skip
    show(depth_loss_figure(result.final), key="residual_depth_loss")
    if result.depth < 3:
        st.info(t("residual.depth_no_blocks"), icon=":material/info:")


# -- 4. the order inside a block ------------------------------------------------------------


@st.fragment
def order_experiment() -> None:
    st.markdown(t("residual.order_intro"))
    c1, c2 = st.columns(2)
    activation = _activation(c1, "residual_order_act", "sigmoid")
    blocks = st.slider(t("residual.blocks"), 1, order.MAX_BLOCKS, 12, key="residual_order_blocks",
                       persist_state=KEEP_ACROSS_TABS)  # fmt: skip
    batch_norm = c2.toggle(t("residual.batch_norm"), value=False, key="residual_order_bn",
                           persist_state=KEEP_ACROSS_TABS)  # fmt: skip
    settings = (int(blocks), activation, bool(batch_norm))

    def compute(progress):
        return order.order_runs(*settings, progress=progress)

    try:
        result = cached_with_progress(("residual_order", *settings), compute, t("residual.running"))
    except ValueError as err:
        show_bad_input(err)
        return
    show(grad_layers_figure(result.grads, "order", t("residual.order_grad_title")),
         key="residual_order_grads")  # fmt: skip
    g = result.grads.pivot(index="layer", columns="order", values="grad_norm")
    left, right = st.columns(2)
    left.metric(t("residual.first_layer", net=t("residual.name_post")), f"{g['post'].iloc[0]:.2g}")
    right.metric(t("residual.first_layer", net=t("residual.name_pre")), f"{g['pre'].iloc[0]:.2g}")
    show(loss_curves_figure(result.curves, "order", t("residual.order_loss_title")),
         key="residual_order_loss")  # fmt: skip


# -- 5. the zero-initialised last layer -----------------------------------------------------


@st.fragment
def zero_experiment() -> None:
    st.markdown(t("residual.zero_intro"))
    activation = _activation(st, "residual_zero_act", "relu")
    c1, c2 = st.columns(2)
    n_layers = c1.slider(t("residual.zero_depth"), 3, depth.MAX_DEPTH, 31, 2,
                         key="residual_zero_depth", persist_state=KEEP_ACROSS_TABS)  # fmt: skip
    epochs = _epochs(c2, "residual_zero_epochs", 40)
    settings = (int(n_layers), activation, int(epochs))

    def compute(progress):
        return zero_init.zero_init_runs(*settings, progress=progress)

    try:
        result = cached_with_progress(("residual_zero", *settings), compute, t("residual.running"))
    except ValueError as err:
        show_bad_input(err)
        return
    log_y = st.toggle(t("residual.log_loss"), value=True, key="residual_zero_log",
                      persist_state=KEEP_ACROSS_TABS)  # fmt: skip
    show(loss_curves_figure(result.curves, "start", t("residual.zero_loss_title"), log_y=log_y),
         key="residual_zero_loss")  # fmt: skip
    start = result.curves[result.curves["epoch"] == 0].set_index("start")["train_loss"]
    left, right = st.columns(2)
    left.metric(t("residual.start_loss", name=t("residual.name_zero")), f"{start['zero']:.3g}")
    right.metric(t("residual.start_loss", name=t("residual.name_default")),
                 f"{start['default']:.3g}")  # fmt: skip
    for name, reason in result.diverged.items():
        if reason:
            st.error(t("residual.diverged", name=t(f"residual.name_{name}"), reason=reason),
                     icon=":material/error:")  # fmt: skip
    show(ratio_figure(result.blocks), key="residual_zero_ratio")


# -- 6. orthogonal initialisation -----------------------------------------------------------


@st.cache_data(show_spinner=False, max_entries=64)
def cached_spectra(n_layers: int, activation: str, width: int, gain: float) -> pd.DataFrame:
    return isometry.isometry_spectra(n_layers, activation, width, gain)


@st.fragment
def isometry_experiment() -> None:
    st.markdown(t("residual.iso_intro"))
    c1, c2 = st.columns(2)
    n_layers = c1.slider(t("residual.iso_depth"), 1, 200, 32, key="residual_iso_depth",
                         persist_state=KEEP_ACROSS_TABS)  # fmt: skip
    activation = segmented_choice(c2, t("residual.activation"), isometry.ACTIVATIONS,
                            "residual.act_", "residual_iso_act")  # fmt: skip
    c3, c4 = st.columns(2)
    width = c3.select_slider(t("residual.width"), (16, 32, 64, 128, 256), value=128,
                             key="residual_iso_width", persist_state=KEEP_ACROSS_TABS)  # fmt: skip
    gain = c4.slider(t("residual.iso_gain"), 0.5, 2.0, 1.0, 0.05, help=t("residual.iso_gain_help"),
                     key="residual_iso_gain", persist_state=KEEP_ACROSS_TABS)  # fmt: skip
    try:
        spectra = cached_spectra(int(n_layers), activation, int(width), float(gain))
    except ValueError as err:
        show_bad_input(err)
        return
    show(spectrum_figure(spectra), key="residual_iso_fig")
    table = isometry.spread(spectra)
    inside = spectra.groupby("init", sort=False)["singular_value"].apply(
        lambda v: float(((v >= 0.5) & (v <= 2.0)).mean())
    )
    shown = pd.DataFrame({
        t("residual.init"): [t(f"residual.init_{i}") for i in table["init"]],
        t("residual.col_largest"): table["largest"].to_numpy(),
        t("residual.col_smallest"): table["smallest"].to_numpy(),
        t("residual.col_inside"): inside.to_numpy(),
    })  # fmt: skip
    show_table(shown, {t("residual.col_largest"): "%.3g", t("residual.col_smallest"): "%.3g",
                       t("residual.col_inside"): "percent"})  # fmt: skip
