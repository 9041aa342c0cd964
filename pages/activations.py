"""Activation-function explorer: f and f′ side by side, saturation, tanh = 2σ(2z) − 1, FD check."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from qa_core.engine import activations, curves
from qa_core.labs.activations import derivative_check, tanh_identity
from ui.charts.activations import derivatives_figure, functions_figure, identity_figure
from ui.charts.common import activation_label
from ui.components.live_charts import show, show_live
from ui.content import render_topic
from ui.i18n import t
from ui.layout import KEEP_ACROSS_TABS, experiment_tabs, topic_layout
from ui.page_guard import run_through_app
from ui.tables import show_table
from ui.widgets import show_bad_input

run_through_app()

THRESHOLDS = (0.1, 0.05, 0.01, 1e-3, 1e-4, 1e-5)
DEFAULT_CHOICE = ["sigmoid", "tanh", "relu"]


@st.cache_data(show_spinner=False, max_entries=64)
def compute_curves(specs: tuple[tuple[str, tuple], ...], z_min: float, z_max: float):
    """f and f′ for each (name, params) on one grid; cached by plain values."""
    z = curves.grid(z_min, z_max)
    return [curves.curve(activations.get(name, **dict(params)), z) for name, params in specs]


def activation_params() -> dict[str, dict[str, float]]:
    """The three tunable activations' parameters, from their sliders."""
    with st.expander(t("activations.params")):
        alpha = st.slider(
            t("activations.alpha"),
            0.0,
            0.5,
            0.01,
            0.01,
            key="act_alpha",
            persist_state=KEEP_ACROSS_TABS,
        )
        a = st.slider(
            t("activations.prelu_a"),
            0.0,
            1.0,
            0.25,
            0.01,
            key="act_prelu_a",
            persist_state=KEEP_ACROSS_TABS,
        )
        lower, upper = st.slider(
            t("activations.rrelu_bounds"),
            0.0,
            0.99,
            (0.125, 0.333),
            0.001,
            format="%.3f",
            key="act_rrelu_bounds",
            persist_state=KEEP_ACROSS_TABS,
        )
    return {
        "leaky_relu": {"alpha": alpha},
        "prelu": {"a": a},
        "rrelu": {"lower": lower, "upper": upper},
    }


@st.fragment
def plot_experiment() -> None:
    st.markdown(t("activations.intro"))
    names = st.multiselect(
        t("activations.choose"),
        activations.names(),
        default=DEFAULT_CHOICE,
        format_func=activation_label,
        help=t("activations.choose_help"),
        key="act_names",
        persist_state=KEEP_ACROSS_TABS,
    )
    params = activation_params()
    left, right = st.columns([2, 1], vertical_alignment="bottom")
    threshold = left.select_slider(
        t("activations.threshold"),
        THRESHOLDS,
        value=0.01,
        help=t("activations.threshold_help"),
        key="act_threshold",
        persist_state=KEEP_ACROSS_TABS,
    )
    log_y = right.toggle(t("activations.log_y"), key="act_log_y", persist_state=KEEP_ACROSS_TABS)
    if not names:
        st.info(t("activations.need_one"))
        return
    if "rrelu" in names:
        rrelu = activations.get("rrelu", **params["rrelu"])
        st.caption(t("activations.rrelu_note", **params["rrelu"], mean=rrelu.eval_slope))
    curve_panel(names, params, threshold, log_y)
    with st.expander(t("activations.formula")):
        for name in names:
            act = activations.get(name, **params.get(name, {}))
            st.markdown(f"**{activation_label(name)}**")
            st.latex(act.latex)
            st.latex(act.latex_derivative)


@st.fragment
def curve_panel(
    names: list[str], params: dict[str, dict[str, float]], threshold: float, log_y: bool
) -> None:
    """The range of z with what it redraws: f, f′ and their summary, all in one live-charts
    frame. A fragment inside the explorer's, so that a move of the range (the slider people
    drag most) reruns and redraws only these two elements."""
    z_min, z_max = st.slider(
        t("activations.z_range"),
        -50.0,
        50.0,
        (-6.0, 6.0),
        0.5,
        key="act_z",
        persist_state=KEEP_ACROSS_TABS,
    )
    specs = tuple((name, tuple(params.get(name, {}).items())) for name in names)
    try:
        results = compute_curves(specs, z_min, z_max)
    except ValueError as err:
        show_bad_input(err)
        return

    band = draw = None
    if "rrelu" in names:
        rrelu = activations.get("rrelu", **params["rrelu"])
        z = results[0].z
        band = (z, *curves.rrelu_band(rrelu, z))
        draw = (z[::8], curves.rrelu_training_draw(rrelu, z[::8], seed=0))
    intervals = {c.name: curves.saturated_intervals(c.z, c.df, threshold) for c in results}

    functions = functions_figure(
        results,
        title=t("activations.f_title"),
        band=band,
        draw=draw,
        band_label=t("activations.band_label"),
        draw_label=t("activations.draw_label"),
    )
    derivatives = derivatives_figure(
        results,
        intervals,
        title=t("activations.df_title"),
        threshold=threshold,
        threshold_label=t("activations.threshold_label", value=threshold),
        max_label=t("activations.max_label"),
        log_y=log_y,
    )
    summary = pd.DataFrame(
        {
            t("activations.col_activation"): [activation_label(c.name) for c in results],
            t("activations.col_max"): [f"{c.max_df:.4g}" for c in results],
            t("activations.col_argmax"): [f"{c.argmax_df:.3g}" for c in results],
            t("activations.col_saturated"): [
                f"{curves.saturated_fraction(c.df, threshold):.1%}" for c in results
            ],
        }
    )
    show_live([functions, derivatives], key="act_live", table=summary)


@st.fragment
def identity_experiment() -> None:
    st.markdown(t("activations.identity_caption"))
    z_min, z_max = st.slider(
        t("activations.z_range"),
        -20.0,
        20.0,
        (-5.0, 5.0),
        0.5,
        key="act_identity_z",
        persist_state=KEEP_ACROSS_TABS,
    )
    try:
        identity = tanh_identity.tanh_from_sigmoid(curves.grid(z_min, z_max))
    except ValueError as err:
        show_bad_input(err)
        return
    labels = {k: t(f"activations.identity_{k}") for k in ("tanh", "via", "sigmoid", "shift")}
    show(
        identity_figure(identity, title=t("activations.identity_title"), labels=labels),
        key="act_fig_identity",
    )
    st.metric(
        t("activations.identity_gap"),
        f"{identity.max_gap:.1e}",
        help=t("activations.identity_gap_help"),
    )


@st.fragment
def check_experiment() -> None:
    st.markdown(t("activations.check_caption"))
    left, right = st.columns(2)
    name = left.selectbox(
        t("activations.check_act"),
        activations.names(),
        format_func=activation_label,
        key="act_check_name",
        persist_state=KEEP_ACROSS_TABS,
    )
    h = right.select_slider(
        t("activations.check_h"),
        (1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7),
        value=1e-5,
        format_func=lambda v: f"{v:.0e}",
        key="act_check_h",
        persist_state=KEEP_ACROSS_TABS,
    )
    table = derivative_check.derivative_check(
        activations.get(name), derivative_check.check_points(-4.0, 4.0), h=h
    )
    st.metric(t("activations.check_max"), f"{table['abs_error'].max():.2e}")
    shown = table.drop(columns="activation").rename(
        columns={
            "z": t("activations.col_z"),
            "analytic": t("activations.col_analytic"),
            "finite_difference": t("activations.col_numeric"),
            "abs_error": t("activations.col_abs_error"),
            "rel_error": t("activations.col_rel_error"),
        }
    )
    show_table(
        shown,
        {
            t("activations.col_z"): "%.2f",
            t("activations.col_analytic"): "%.6f",
            t("activations.col_numeric"): "%.6f",
            t("activations.col_abs_error"): "%.2e",
            t("activations.col_rel_error"): "%.2e",
        },
    )


st.title(t("activations.title"))
text_column, lab_column = topic_layout()
with text_column:
    render_topic("activations")
with lab_column:
    experiment_tabs(
        "activations",
        [
            (t("activations.exp_plot"), plot_experiment),
            (t("activations.exp_identity"), identity_experiment),
            (t("activations.exp_check"), check_experiment),
        ],
    )
