"""The activation explorer's experiments, one per tab: f and f′ side by side with their
saturated zones, tanh = 2σ(2z) − 1, and each analytic f′ against a finite difference."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from qa_core.engine import activations, curves
from qa_core.labs.activations import derivative_check, explorer, tanh_identity
from ui.charts.common import activation_label
from ui.components.live_charts import show, show_live
from ui.i18n import t
from ui.layout import KEEP_ACROSS_TABS, Tab
from ui.tables import Column, show_columns
from ui.topics.activations.charts import curve_figures, identity_figure
from ui.widgets import show_bad_input

THRESHOLDS = (0.1, 0.05, 0.01, 1e-3, 1e-4, 1e-5)
DEFAULT_CHOICE = ["sigmoid", "tanh", "relu"]
CHECK_STEPS = (1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7)
CHECK_COLUMNS = (
    Column("z", "activations.col_z", "%.2f"),
    Column("analytic", "activations.col_analytic", "%.6f"),
    Column("finite_difference", "activations.col_numeric", "%.6f"),
    Column("abs_error", "activations.col_abs_error", "%.2e"),
    Column("rel_error", "activations.col_rel_error", "%.2e"),
)


# The widgets a "Try it" pointer of the Q&A text sets (ui/pointers.py) start from session state
# rather than from their own default: Streamlit warns about a widget given both.
START_VALUES = {
    "activations_names": DEFAULT_CHOICE,
    "activations_threshold": 0.01,
    "activations_check_h": 1e-5,
}


def start_values() -> None:
    for key, value in START_VALUES.items():
        if key not in st.session_state:
            st.session_state[key] = list(value) if isinstance(value, list) else value


def tabs() -> list[Tab]:
    return [
        (t("activations.exp_plot"), plot_experiment),
        (t("activations.exp_identity"), identity_experiment),
        (t("activations.exp_check"), check_experiment),
    ]


@st.cache_data(show_spinner=False, max_entries=64)
def compute_curves(specs: tuple[tuple[str, tuple], ...], z_min: float, z_max: float):
    """f and f′ for each (name, params) on one grid; cached by plain values."""
    z = curves.grid(z_min, z_max)
    return [curves.curve(activations.get(name, **dict(params)), z) for name, params in specs]


def activation_params() -> dict[str, dict[str, float]]:
    """The three tunable activations' parameters, from their sliders."""
    with st.expander(t("activations.params")):
        alpha = st.slider(
            t("activations.alpha"), 0.0, 0.5, 0.01, 0.01, key="activations_alpha",
            persist_state=KEEP_ACROSS_TABS,
        )  # fmt: skip
        a = st.slider(
            t("activations.prelu_a"), 0.0, 1.0, 0.25, 0.01, key="activations_prelu_a",
            persist_state=KEEP_ACROSS_TABS,
        )  # fmt: skip
        lower, upper = st.slider(
            t("activations.rrelu_bounds"), 0.0, 0.99, (0.125, 0.333), 0.001, format="%.3f",
            key="activations_rrelu_bounds", persist_state=KEEP_ACROSS_TABS,
        )  # fmt: skip
    return {
        "leaky_relu": {"alpha": alpha},
        "prelu": {"a": a},
        "rrelu": {"lower": lower, "upper": upper},
    }


# -- 1. f and f′ ------------------------------------------------------------------------------


@st.fragment
def plot_experiment() -> None:
    st.markdown(t("activations.intro"))
    start_values()
    names = st.multiselect(
        t("activations.choose"), activations.names(), format_func=activation_label,
        help=t("activations.choose_help"), key="activations_names", persist_state=KEEP_ACROSS_TABS,
    )  # fmt: skip
    params = activation_params()
    left, right = st.columns([2, 1], vertical_alignment="bottom")
    threshold = left.select_slider(
        t("activations.threshold"), THRESHOLDS, help=t("activations.threshold_help"),
        key="activations_threshold", persist_state=KEEP_ACROSS_TABS,
    )  # fmt: skip
    log_y = right.toggle(
        t("activations.log_y"), key="activations_log_y", persist_state=KEEP_ACROSS_TABS
    )
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
        t("activations.z_range"), -50.0, 50.0, (-6.0, 6.0), 0.5, key="activations_z",
        persist_state=KEEP_ACROSS_TABS,
    )  # fmt: skip
    specs = tuple((name, tuple(params.get(name, {}).items())) for name in names)
    try:
        results = compute_curves(specs, z_min, z_max)
    except ValueError as err:
        show_bad_input(err)
        return
    band = draw = None
    if "rrelu" in names:
        rrelu = activations.get("rrelu", **params["rrelu"])
        band, draw = explorer.rrelu_overlay(rrelu, results[0].z)
    zones = explorer.saturated_zones(results, threshold)
    figures = curve_figures(results, zones, threshold=threshold, log_y=log_y, band=band, draw=draw)
    summary = explorer.summary(results, threshold)
    table = pd.DataFrame(
        {
            t("activations.col_activation"): [activation_label(n) for n in summary["name"]],
            t("activations.col_max"): [f"{v:.4g}" for v in summary["max_df"]],
            t("activations.col_argmax"): [f"{v:.3g}" for v in summary["argmax_df"]],
            t("activations.col_saturated"): [f"{v:.1%}" for v in summary["saturated"]],
        }
    )
    show_live(figures, key="activations_live", table=table)


# -- 2. tanh from sigmoid ---------------------------------------------------------------------


@st.fragment
def identity_experiment() -> None:
    st.markdown(t("activations.identity_caption"))
    z_min, z_max = st.slider(
        t("activations.z_range"), -20.0, 20.0, (-5.0, 5.0), 0.5, key="activations_identity_z",
        persist_state=KEEP_ACROSS_TABS,
    )  # fmt: skip
    try:
        identity = tanh_identity.tanh_from_sigmoid(curves.grid(z_min, z_max))
    except ValueError as err:
        show_bad_input(err)
        return
    show(identity_figure(identity), key="activations_fig_identity")
    st.metric(
        t("activations.identity_gap"),
        f"{identity.max_gap:.1e}",
        help=t("activations.identity_gap_help"),
    )


# -- 3. the derivative check ------------------------------------------------------------------


@st.fragment
def check_experiment() -> None:
    st.markdown(t("activations.check_caption"))
    start_values()
    left, right = st.columns(2)
    name = left.selectbox(
        t("activations.check_act"), activations.names(), format_func=activation_label,
        key="activations_check_name", persist_state=KEEP_ACROSS_TABS,
    )  # fmt: skip
    h = right.select_slider(
        t("activations.check_h"), CHECK_STEPS, format_func=lambda v: f"{v:.0e}",
        key="activations_check_h", persist_state=KEEP_ACROSS_TABS,
    )  # fmt: skip
    table = derivative_check.derivative_check(
        activations.get(name), derivative_check.check_points(), h=h
    )
    st.metric(t("activations.check_max"), f"{table['abs_error'].max():.2e}")
    show_columns(table, CHECK_COLUMNS)
