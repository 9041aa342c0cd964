"""Page probes — Dropout: the ensemble comparison (train a 2×64 dropout net, then 100
Monte-Carlo passes over 1000 test points; target < 4 s) and one mask redraw (draw the masks,
lay out the diagram, build and serialise the Plotly figure; target < 100 ms). The other two
experiments are timed for information (no target in the issue)."""

from __future__ import annotations

import plotly.io
import plotly.tools

from bench.common import Row, alternate, blas_threads
from qa_core.labs.dropout import ensemble, masks, sweep
from ui.topics.dropout.charts import network_figure

NAME = "dropout page"


def ensemble_comparison() -> ensemble.EnsembleComparison:
    """The page's default: moons, p = 0.5, 2×64, 60 epochs, 500 train / 1000 test, k ≤ 100."""
    config = ensemble.ensemble_config()
    return ensemble.compare(config, k_max=100, mc_seed=1, progress=lambda f: None)


def mask_redraw(n: int = 57) -> str:
    """Mask n of the default diagram (2 hidden layers × 5 units), as the page redraws it."""
    widths = (5, 5)
    draws = masks.sample_masks(widths, 0.5, n, seed=8)
    diagram = masks.network_diagram(2, widths, 2, draws.shown)
    fig = network_figure(diagram, draws)  # its labels included, as the page draws it
    # what st.plotly_chart does with it: re-validate, then serialise without validation
    return plotly.io.to_json(
        plotly.tools.return_figure_from_figure_or_data(fig, validate_figure=True), validate=False
    )


def overfitting_pair() -> object:
    config = sweep.OVERFIT
    return sweep.overfitting_pair(config, 0.5)


def underfit_sweep() -> object:
    return sweep.p_sweep(sweep.SWEEP, (4, 64), sweep.p_grid(0.2))


def run(repeats: int) -> list[Row]:
    with blas_threads(1) as threads:
        slow, last = alternate(
            {"ensemble": ensemble_comparison, "overfit": overfitting_pair, "sweep": underfit_sweep},
            max(repeats, 1),
        )
        fast, _ = alternate({"mask": mask_redraw}, max(repeats, 20))
    result = last["ensemble"]
    note = (
        f"{threads}; weight scaling {result.eval_acc:.1%}, MC k=100 "
        f"{result.curves['mc_acc'].iloc[-1]:.1%}, k to match acc/loss "
        f"{result.k_match_acc}/{result.k_match_loss}"
    )
    return [
        Row(
            "dropout: train + 100 MC passes, 1000 pts", slow["ensemble"], limit_s=4.0, notes=(note,)
        ),
        Row("dropout: mask redraw + figure", fast["mask"], limit_s=0.1, notes=("median of ≥ 20",)),
        Row("dropout: overfitting pair (2 runs)", slow["overfit"], notes=("no target; info",)),
        Row("dropout: p sweep, 2 widths × 5 p", slow["sweep"], notes=("no target; info",)),
    ]
