"""The optimisers page's experiments, one per tab: optimisers racing on a 2-D surface, Adam with
and without bias correction, and (ui/topics/optimizers/training_tabs.py) L2 against AdamW's
decay, learning-rate schedules with the range test, and batch size."""

from __future__ import annotations

import numpy as np
import streamlit as st

from qa_core.engine.optim import OPTIMIZERS
from qa_core.labs.optimizers import bias, race, surfaces
from ui.components.live_charts import show
from ui.i18n import t
from ui.layout import KEEP_ACROSS_TABS, Tab
from ui.topics.optimizers.charts import (
    bias_moments_figure,
    bias_step_figure,
    name,
    path_figure,
    race_loss_figure,
)
from ui.topics.optimizers.training_tabs import (
    batch_experiment,
    decay_experiment,
    schedule_experiment,
)
from ui.widgets import option_names, show_bad_input

LRS = (0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.026, 0.035, 0.038, 0.05, 0.1, 0.2, 0.3, 0.5, 1.0)
STEPS = (20, 50, 100, 150, 200, 300, 500, 1000)
BETA2S = (0.9, 0.99, 0.999, 0.9999)
MOMENTA = (0.0, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 0.99)
DEFAULT_NAMES = ["sgd", "momentum", "adam"]


def tabs() -> list[Tab]:
    return [
        (t("optimizers.exp_race"), race_experiment),
        (t("optimizers.exp_bias"), bias_experiment),
        (t("optimizers.exp_decay"), decay_experiment),
        (t("optimizers.exp_schedule"), schedule_experiment),
        (t("optimizers.exp_batch"), batch_experiment),
    ]


# -- 1. the race on a surface ----------------------------------------------------------------


@st.cache_data(show_spinner=False, max_entries=8)
def cached_grid(surface_name: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return surfaces.grid(surface_name, 90)


@st.cache_data(show_spinner=False, max_entries=64)
def cached_race(
    surface_name: str,
    names: tuple[str, ...],
    lr: float,
    alr: float,
    steps: int,
    mu: float,
    noise: float,
) -> race.Race:
    return race.race(surface_name, names, lr, steps, adaptive_lr=alr, momentum=mu, noise=noise)


def _surface_defaults() -> None:
    """A new surface brings its own learning rates and number of steps."""
    s = surfaces.SURFACES[st.session_state["optimizers_surface"]]
    st.session_state["optimizers_lr"] = s.lr
    st.session_state["optimizers_alr"] = s.adaptive_lr
    st.session_state["optimizers_steps"] = s.steps
    st.session_state["optimizers_upto"] = s.steps


def _defaults() -> None:
    """Session-state defaults for the widgets a pointer may set (ui/pointers.py)."""
    s = surfaces.SURFACES["ravine"]
    for key, value in (("optimizers_surface", "ravine"), ("optimizers_names", DEFAULT_NAMES),
                       ("optimizers_lr", s.lr), ("optimizers_alr", s.adaptive_lr),
                       ("optimizers_steps", s.steps), ("optimizers_noise", 0.0),
                       ("optimizers_mu", 0.9)):  # fmt: skip
        st.session_state.setdefault(key, value)


@st.fragment
def race_experiment() -> None:
    st.markdown(t("optimizers.race_intro"))
    _defaults()
    names_of = list(surfaces.SURFACES)
    left, right = st.columns(2)
    surface_name = left.selectbox(
        t("optimizers.surface"), names_of, format_func=option_names("optimizers.surface_", names_of),
        key="optimizers_surface", on_change=_surface_defaults, persist_state=KEEP_ACROSS_TABS,
    )  # fmt: skip
    names = right.multiselect(
        t("optimizers.names"), OPTIMIZERS, format_func=option_names("optimizers.opt_", OPTIMIZERS),
        key="optimizers_names", persist_state=KEEP_ACROSS_TABS,
    )  # fmt: skip
    c1, c2 = st.columns(2)
    lr = c1.select_slider(t("optimizers.lr"), LRS, key="optimizers_lr", help=t("optimizers.lr_help"),
                          persist_state=KEEP_ACROSS_TABS)  # fmt: skip
    alr = c2.select_slider(t("optimizers.alr"), LRS, key="optimizers_alr",
                           help=t("optimizers.alr_help"), persist_state=KEEP_ACROSS_TABS)  # fmt: skip
    c3, c4, c5 = st.columns(3)
    steps = c3.select_slider(t("optimizers.steps"), STEPS, key="optimizers_steps",
                             persist_state=KEEP_ACROSS_TABS)  # fmt: skip
    mu = c4.select_slider(t("optimizers.mu"), MOMENTA, key="optimizers_mu",
                          help=t("optimizers.mu_help"), persist_state=KEEP_ACROSS_TABS)  # fmt: skip
    noise = c5.slider(t("optimizers.noise"), 0.0, 2.0, step=0.1, key="optimizers_noise",
                      help=t("optimizers.noise_help"), persist_state=KEEP_ACROSS_TABS)  # fmt: skip
    s = surfaces.SURFACES.get(surface_name, surfaces.SURFACES["ravine"])
    if not names:
        st.info(t("optimizers.pick_one"), icon=":material/info:")
        return
    try:
        result = cached_race(surface_name, tuple(names), float(lr), float(alr), int(steps),
                             float(mu), float(noise))  # fmt: skip
        grid = cached_grid(surface_name)
    except ValueError as err:
        show_bad_input(err)
        return
    shown = st.session_state.get("optimizers_upto")
    if shown is None or shown > steps:
        st.session_state["optimizers_upto"] = int(steps)
    upto = st.slider(t("optimizers.upto"), 0, int(steps), key="optimizers_upto",
                     help=t("optimizers.upto_help"), persist_state=KEEP_ACROSS_TABS)  # fmt: skip
    show(path_figure(grid, result.paths, int(upto), s.minima, s.window), key="optimizers_path")
    f_min = min(float(s.f(mx, my)) for mx, my in s.minima)
    for optimizer, at in result.diverged.items():
        st.warning(t("optimizers.diverged", name=name(optimizer), step=at),
                   icon=":material/warning:")  # fmt: skip
    final = result.final().set_index("optimizer")
    cols = st.columns(min(len(names), 4))
    for i, optimizer in enumerate(names):
        gap = float(final.loc[optimizer, "loss"]) - f_min
        cols[i % len(cols)].metric(name(optimizer), f"{max(gap, 0.0):.3g}",
                                   help=t("optimizers.gap_help"))  # fmt: skip
    show(race_loss_figure(result.paths, f_min, int(upto)), key="optimizers_race_loss")
    st.caption(t(f"optimizers.surface_note_{surface_name}"))


# -- 2. Adam's bias correction -------------------------------------------------------------------


@st.cache_data(show_spinner=False, max_entries=32)
def cached_bias(beta1: float, beta2: float, steps: int, mean: float, std: float):
    return bias.bias_correction(beta1, beta2, steps, mean, std)


@st.fragment
def bias_experiment() -> None:
    st.markdown(t("optimizers.bias_intro"))
    c1, c2 = st.columns(2)
    beta1 = c1.slider(t("optimizers.beta1"), 0.0, 0.99, 0.9, 0.01, key="optimizers_beta1",
                      persist_state=KEEP_ACROSS_TABS)  # fmt: skip
    beta2 = c2.select_slider(t("optimizers.beta2"), BETA2S, value=0.999, key="optimizers_beta2",
                             persist_state=KEEP_ACROSS_TABS)  # fmt: skip
    c3, c4, c5 = st.columns(3)
    steps = c3.select_slider(t("optimizers.steps"), (20, 50, 100, 200, 500), value=50,
                             key="optimizers_bias_steps", persist_state=KEEP_ACROSS_TABS)  # fmt: skip
    mean = c4.slider(t("optimizers.grad_mean"), -2.0, 2.0, 1.0, 0.1, key="optimizers_bias_mean",
                     persist_state=KEEP_ACROSS_TABS)  # fmt: skip
    std = c5.slider(t("optimizers.grad_std"), 0.0, 3.0, 0.5, 0.1, key="optimizers_bias_std",
                    persist_state=KEEP_ACROSS_TABS)  # fmt: skip
    try:
        table = cached_bias(float(beta1), float(beta2), int(steps), float(mean), float(std))
    except ValueError as err:
        show_bad_input(err)
        return
    show(bias_step_figure(table), key="optimizers_bias_steps_fig")
    first, last = table.iloc[0], table.iloc[-1]
    m1, m2, m3 = st.columns(3)
    m1.metric(
        t("optimizers.bias_m_first"), f"{first['step_raw']:.2f} / {first['step_corrected']:.2f}"
    )
    m2.metric(t("optimizers.bias_m_peak"), f"{table['factor'].max():.2f}",
              help=t("optimizers.bias_m_peak_help", step=int(table['factor'].idxmax()) + 1))  # fmt: skip
    ratio = abs(last["w_raw"]) / max(abs(last["w_corrected"]), 1e-12)
    m3.metric(t("optimizers.bias_m_travel", steps=int(steps)), f"{ratio:.1f}×")
    show(bias_moments_figure(table), key="optimizers_bias_moments_fig")
