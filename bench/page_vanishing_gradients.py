"""Page probe — vanishing gradients: the depth sweep as the page runs it by default (D = 50,
width 256, batch 256; sigmoid, tanh, ReLU, Leaky ReLU with the good init, i.e. Xavier/He),
including building and serialising its Plotly figure; target < 2 s. The second panel (the same
sweep with the bad init N(0, 1)) and the per-layer chart's four profiles are timed for
information. CPU seconds are reported too, since the machine is shared."""

from __future__ import annotations

import time

import plotly.io
import plotly.tools

from bench.common import Row, alternate, blas_threads
from qa_core.labs.vanishing_gradients import sweeps
from qa_core.labs.vanishing_gradients.probe import Probe
from ui.topics.vanishing_gradients.charts import sweep_figure

NAME = "vanishing-gradient page"
WIDTH = BATCH = 256
MAX_DEPTH = 50


def sweep_panel(init: str = "matched", std: float = 1.0) -> str:
    """Four activations' sweeps and their figure, serialised as st.plotly_chart does (the
    figure looks up its labels with t(): outside Streamlit, in the default language)."""
    frames = {
        name: sweeps.sweep(Probe(name, MAX_DEPTH, init, width=WIDTH, batch=BATCH, std=std))
        for name in sweeps.PAGE_ACTIVATIONS
    }
    ceiling = sweeps.sigmoid_ceiling_line(frames)
    fig = sweep_figure(frames, init=init, std=std, ceiling=ceiling)
    return plotly.io.to_json(
        plotly.tools.return_figure_from_figure_or_data(fig, validate_figure=True), validate=False
    )


def bad_panel() -> str:
    return sweep_panel("normal", 1.0)


def layer_profiles() -> None:
    for name in sweeps.PAGE_ACTIVATIONS:
        sweeps.layer_profile(Probe(name, 20, "matched", width=WIDTH, batch=BATCH))


def cpu_seconds(fn) -> float:
    start = time.process_time()
    fn()
    return time.process_time() - start


def run(repeats: int) -> list[Row]:
    with blas_threads(2) as threads:
        med, _ = alternate(
            {"good": sweep_panel, "bad": bad_panel, "profiles": layer_profiles}, max(repeats, 1)
        )
        cpu = cpu_seconds(sweep_panel)
    grid = sweeps.depth_grid(MAX_DEPTH)
    return [
        Row(
            "vanishing: depth sweep D=50, 4 activations (good init)",
            med["good"],
            limit_s=2.0,
            notes=(
                f"depths {grid[0]}…{grid[-1]} ({len(grid)} points, nested nets), width 256, "
                f"batch 256, figure built and serialised; {cpu:.2f} CPU s in one extra run",
                threads,
            ),
        ),
        Row(
            "vanishing: same sweep, bad init N(0,1)",
            med["bad"],
            notes=("the page's second panel, drawn after the first",),
        ),
        Row("vanishing: per-layer norms, depth 20, 4 activations", med["profiles"]),
    ]
