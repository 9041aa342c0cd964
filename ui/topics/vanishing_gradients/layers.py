"""The per-layer experiment: the gradient norm of every layer of fresh probes, and on request
of the same probes after a few training steps."""

from __future__ import annotations

import streamlit as st

from qa_core.labs.vanishing_gradients import sweeps, training_steps
from qa_core.labs.vanishing_gradients.probe import Probe
from ui.charts.common import activation_label
from ui.components.live_charts import show
from ui.i18n import t
from ui.layout import KEEP_ACROSS_TABS
from ui.run_cache import Progress, cached_with_progress, result_cache
from ui.tables import Column, show_columns
from ui.topics.vanishing_gradients.charts import layers_figure
from ui.topics.vanishing_gradients.controls import (
    activations_choice,
    depth_slider,
    init_controls,
    overflow_notices,
    plain_std,
    profile_data,
    scale_slider,
    width_slider,
)
from ui.widgets import show_bad_input

STEPS = (0, 1, 5, 10, 25, 50)
LRS = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0)
SUMMARY = (
    Column("activation", "vanishing_gradients.col_activation"),
    Column("first", "vanishing_gradients.col_first", "%.3g"),
    Column("last", "vanishing_gradients.col_last", "%.3g"),
    Column("ratio", "vanishing_gradients.col_ratio", "%.3g"),
)


def trained_bundle(
    probes: dict[str, Probe], steps: int, lr: float
) -> dict[str, training_steps.TrainedProfile] | None:
    """Per-layer norms after ``steps`` SGD steps for each probe, or None until the learner
    asks for the run (it takes seconds); each probe is cached on its own."""
    keys = {
        name: ("vanishing_gradients_trained", probe, steps, lr) for name, probe in probes.items()
    }
    cache = result_cache()
    if any(cache.get(k) is None for k in keys.values()) and not st.button(
        t("vanishing_gradients.train_button", steps=steps), key="vanishing_gradients_layer_train"
    ):
        st.caption(t("vanishing_gradients.train_hint"))
        return None

    def compute(progress: Progress) -> dict:
        out = {}
        for i, (name, probe) in enumerate(probes.items()):
            hit = cache.get(keys[name])
            if hit is None:
                hit = training_steps.trained_profile(
                    probe, steps, lr, progress=lambda f, i=i: progress((i + f) / len(probes))
                )
                cache.put(keys[name], hit)
            out[name] = hit
        return out

    return cached_with_progress(
        ("vanishing_gradients_trained_bundle", tuple(probes.values()), steps, lr),
        compute,
        t("vanishing_gradients.train_running", steps=steps),
    )


def training_notes(trained: dict[str, training_steps.TrainedProfile], steps: int) -> None:
    """Per activation: where its training diverged, or its loss before and after."""
    for name, result in trained.items():
        if result.diverged_at is not None:
            st.warning(
                t(
                    "vanishing_gradients.train_diverged",
                    act=activation_label(name),
                    step=result.diverged_at,
                ),
                icon=":material/warning:",
            )
        else:
            st.caption(
                t(
                    "vanishing_gradients.train_loss",
                    act=activation_label(name),
                    before=f"{result.losses[0]:.4g}",
                    after=f"{result.losses[-1]:.4g}",
                    steps=steps,
                )
            )


@st.fragment
def layer_experiment() -> None:
    st.markdown(t("vanishing_gradients.layers_intro"))
    left, right = st.columns([3, 2])
    names = activations_choice(left, "vanishing_gradients_layer_acts")
    depth = depth_slider(right, "vanishing_gradients_layer_depth", 20)
    init, std = init_controls("vanishing_gradients_layer")
    a, b, c, d = st.columns(4)
    width = width_slider(a, "vanishing_gradients_layer_width")
    weight_scale = scale_slider(b, "vanishing_gradients_layer_scale")
    steps = c.select_slider(
        t("vanishing_gradients.steps"), STEPS, value=0, help=t("vanishing_gradients.steps_help"),
        key="vanishing_gradients_layer_steps", persist_state=KEEP_ACROSS_TABS,
    )  # fmt: skip
    lr = d.select_slider(
        t("vanishing_gradients.lr"), LRS, value=0.1, format_func=lambda v: f"{v:g}",
        disabled=steps == 0, key="vanishing_gradients_layer_lr", persist_state=KEEP_ACROSS_TABS,
    )  # fmt: skip
    if not names:
        st.info(t("vanishing_gradients.need_one"))
        return
    std = plain_std(init, std)
    probes = {
        name: Probe(name, depth, init, width=width, std=std, weight_scale=weight_scale)
        for name in names
    }
    try:
        profiles = {name: profile_data(probe) for name, probe in probes.items()}
        trained = trained_bundle(probes, steps, lr) if steps > 0 else None
    except ValueError as err:
        show_bad_input(err)
        return
    figure = layers_figure(profiles, trained, depth=depth, init=init, std=std, steps=steps)
    show(figure, key="vanishing_gradients_fig_layers")
    summary = sweeps.profile_summary(profiles)
    shown = summary.assign(activation=[activation_label(n) for n in summary["name"]])
    show_columns(shown, SUMMARY)
    trained_norms = [result.norms for result in (trained or {}).values()]
    overflow_notices([*profiles.values(), *trained_norms])
    if trained is not None:
        training_notes(trained, steps)
