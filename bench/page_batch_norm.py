"""Page probe — batch norm (issue #9): the BN on/off comparison at three learning rates
(target < 6 s, shown with a progress bar) and a γ/β slider redraw of the linear-region chart
(target < 100 ms: BN forward on 2000 inputs + figure + JSON, what one slider move costs).
No reference."""

from __future__ import annotations

from bench.common import Row, alternate
from qa_core.labs.batch_norm import linear_region, training
from ui.topics.batch_norm.charts import linear_region_figure

NAME = "batch-norm page: BN on/off at 3 learning rates; γ/β redraw"


def _compare() -> training.BNComparison:
    """The page's default comparison (ReLU, 4 × 32, SGD, 20 epochs, lr 0.03 / 0.3 / 3)."""
    return training.compare_bn(training.DEFAULT_LRS, progress=lambda _: None)


def _redraw(gamma: float) -> str:
    """One γ-slider move: BN with the new γ, the figure (its labels included, as the page draws
    it) and its JSON (what Streamlit sends)."""
    result = linear_region.linear_region(gamma=gamma, beta=0.5)
    return linear_region_figure(result).to_json()


def run(repeats: int) -> list[Row]:
    med, last = alternate({"compare": _compare}, max(1, min(repeats, 3)))
    result = last["compare"]

    def when(epochs: int | None) -> str:
        return "never" if epochs is None else f"epoch {epochs}"

    epochs = ", ".join(
        f"lr {lr:g}: BN {when(result.run(lr, True).epochs_to_target)} vs "
        f"no BN {when(result.run(lr, False).epochs_to_target)}"
        for lr in result.lrs
    )
    gammas = iter([0.5 + 0.05 * i for i in range(1000)])
    _redraw(1.0)  # warm-up: imports and plotly's validator cache
    redraw, _ = alternate({"redraw": lambda: _redraw(next(gammas))}, max(repeats, 10))
    return [
        Row(
            "BN on/off comparison, 3 learning rates (6 runs)",
            med["compare"],
            limit_s=6.0,
            notes=(f"epochs to {result.target:.0%} test accuracy — {epochs}",),
        ),
        Row(
            "γ/β redraw of the linear-region chart",
            redraw["redraw"],
            limit_s=0.1,
            notes=("median of ≥ 10 redraws, BN forward + figure + JSON",),
        ),
    ]
