"""The depth-sweep experiment: the first layer's gradient norm against depth, with a good and a
bad init, after a predict-then-run question about a 20-layer sigmoid network."""

from __future__ import annotations

import streamlit as st

from qa_core.labs.vanishing_gradients import sweeps
from qa_core.labs.vanishing_gradients.probe import Probe
from ui.components.live_charts import show
from ui.i18n import t
from ui.layout import KEEP_ACROSS_TABS
from ui.topics.vanishing_gradients.charts import sweep_figure
from ui.topics.vanishing_gradients.controls import (
    activations_choice,
    bundle,
    overflow_notices,
    profile_data,
    scale_slider,
    std_slider,
    sweep_data,
    width_slider,
)
from ui.widgets import (
    Prediction,
    option_names,
    predict_then_run,
    reveal_prediction,
    show_bad_input,
)

SWEEP_MAX_DEPTH = 50  # sweeps always run to 50 (nested nets): "D" only chooses what is shown
SHOWN_DEPTHS = tuple(d for d in sweeps.depth_grid(SWEEP_MAX_DEPTH) if d >= 5)
PREDICT_DEPTH = 20
BATCHES = (32, 64, 128, 256)


def reveal(prediction: Prediction, width: int, batch: int) -> None:
    """The measured first/last ratio of a 20-layer sigmoid net with Xavier init."""
    try:
        # "matched" is Xavier for sigmoid: the same cache entry as the per-layer chart's default
        profile = profile_data(Probe("sigmoid", PREDICT_DEPTH, "matched", width=width, batch=batch))
    except ValueError as err:
        show_bad_input(err)
        return
    answer = sweeps.ratio_answer(profile)
    if answer.bucket is None:
        st.warning(t("vanishing_gradients.predict_undefined"))
        return
    explanation = t(
        "vanishing_gradients.predict_explain",
        first=f"{answer.first:.2e}",
        last=f"{answer.last:.2e}",
        ratio=f"{answer.ratio:.1e}",
        ceiling=f"{answer.ceiling:.1e}",
        width=width,
        batch=batch,
    )
    reveal_prediction(prediction, answer.bucket, explanation)


def sweep_panels(
    names: list[str], max_depth: int, width: int, batch: int, bad_std: float, weight_scale: float
) -> bool:
    """The sweep with the good init, then with N(0, bad_std²): one chart each, the depths up to
    ``max_depth`` shown. False when a setting was refused (the error is shown instead)."""
    shown_frames = []
    for i, (init, std) in enumerate((("matched", 1.0), ("normal", bad_std))):
        # One panel at a time: the good-init sweep is drawn before the bad one is computed.
        probes = [
            Probe(name, SWEEP_MAX_DEPTH, init, width=width, batch=batch, std=std,
                  weight_scale=weight_scale)
            for name in names
        ]  # fmt: skip
        try:
            frames = bundle(
                "vanishing_gradients_sweeps",
                probes,
                sweep_data,
                t("vanishing_gradients.sweep_running", n=len(probes)),
            )
        except ValueError as err:
            show_bad_input(err)
            return False
        shown = {probe.activation: df[df["depth"] <= max_depth] for probe, df in frames.items()}
        ceiling = sweeps.sigmoid_ceiling_line(shown)
        show(
            sweep_figure(shown, init=init, std=std, ceiling=ceiling),
            key=f"vanishing_gradients_fig_sweep_{i}",
        )
        shown_frames += shown.values()
    st.caption(t("vanishing_gradients.sweep_caption"))
    overflow_notices(shown_frames)
    return True


@st.fragment
def sweep_experiment() -> None:
    prediction = predict_then_run(
        "vanishing_gradients_predict",
        t("vanishing_gradients.predict_question"),
        sweeps.RATIO_BUCKETS,
        option_names("vanishing_gradients.predict_", sweeps.RATIO_BUCKETS),
    )
    st.markdown(t("vanishing_gradients.sweep_intro"))
    left, right = st.columns([3, 2])
    names = activations_choice(left, "vanishing_gradients_sweep_acts")
    max_depth = right.select_slider(
        t("vanishing_gradients.max_depth"), SHOWN_DEPTHS, value=50, key="vanishing_gradients_sweep_depth",
        persist_state=KEEP_ACROSS_TABS,
    )  # fmt: skip
    a, b, c, d = st.columns(4)
    width = width_slider(a, "vanishing_gradients_sweep_width")
    batch = b.select_slider(
        t("vanishing_gradients.batch"), BATCHES, value=256, key="vanishing_gradients_sweep_batch",
        persist_state=KEEP_ACROSS_TABS,
    )  # fmt: skip
    bad_std = std_slider(c, "vanishing_gradients_sweep_std")
    weight_scale = scale_slider(d, "vanishing_gradients_sweep_scale")
    if not prediction.ready:  # the sweeps answer the question: they wait for it
        return
    if not names:
        st.info(t("vanishing_gradients.need_one"))
    elif not sweep_panels(names, max_depth, width, batch, bad_std, weight_scale):
        return
    reveal(prediction, width, batch)
