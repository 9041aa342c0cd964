"""Page probes — residual connections and initialisation: each experiment at its page defaults,
computed and drawn (figures built with their labels and serialised as the chart component gets
them), with a progress callback as the page passes one (the page shows it as a progress bar).
The depth sweep (10 networks, up to 50 layers) must take ≤ 3 s, as must the other training
comparisons; the Jacobian spectra and the symmetry run ≤ 1 s. No reference."""

from __future__ import annotations

from bench.common import Row, alternate, blas_threads
from qa_core.labs.residual import degradation, depth, isometry, order, symmetry, zero_init
from ui.components.live_charts import figure_json
from ui.topics.residual import charts

NAME = "residual page: six experiments at their defaults"


class Ticks:
    """A progress callback that counts its calls and keeps the last fraction."""

    def __init__(self) -> None:
        self.calls, self.last = 0, 0.0

    def __call__(self, fraction: float) -> None:
        self.calls, self.last = self.calls + 1, fraction


def sweep() -> tuple[depth.SweepResult, Ticks]:
    ticks = Ticks()
    result = depth.depth_sweep(progress=ticks)
    figure_json(charts.grad_layers_figure(result.layers, "net", "gradients"))
    figure_json(charts.depth_loss_figure(result.final))
    return result, ticks


def symmetric() -> symmetry.SymmetryResult:
    result = symmetry.symmetry_run()
    figure_json(charts.traces_figure(result.traces))
    return result


def degrade():
    runs = degradation.degradation_runs()
    figure_json(charts.degradation_figure(runs))
    return runs


def orders() -> order.OrderResult:
    result = order.order_runs()
    figure_json(charts.grad_layers_figure(result.grads, "order", "gradients"))
    figure_json(charts.loss_curves_figure(result.curves, "order", "loss"))
    return result


def zero() -> zero_init.ZeroInitResult:
    result = zero_init.zero_init_runs()
    figure_json(charts.loss_curves_figure(result.curves, "start", "loss", log_y=True))
    figure_json(charts.ratio_figure(result.blocks))
    return result


def spectra():
    table = isometry.isometry_spectra()
    figure_json(charts.spectrum_figure(table))
    return isometry.spread(table)


def run(repeats: int) -> list[Row]:
    symmetric(), spectra()  # warm-up: imports and plotly's validator cache
    with blas_threads(1) as threads:
        med, last = alternate(
            {"sweep": sweep, "symmetry": symmetric, "degradation": degrade, "order": orders,
             "zero": zero, "isometry": spectra},
            max(1, repeats),
        )  # fmt: skip
    result, ticks = last["sweep"]
    final = result.final.set_index(["net", "depth"])["train_loss"]
    sweep_note = (f"loss at 50 layers: plain {final['plain', 50]:.3f}, residual "
                  f"{final['residual', 50]:.3f}; progress called {ticks.calls}× up to "
                  f"{ticks.last:.0%}; {threads}")  # fmt: skip
    runs = last["degradation"]
    end = runs[runs["epoch"] == runs["epoch"].max()].set_index(["net", "depth"])["train_error"]
    deg_note = f"train error plain 6/40: {end['plain', 6]:.0%}/{end['plain', 40]:.0%}"
    progress_ok = ticks.calls >= 1 and ticks.last == 1.0
    return [
        Row("residual: depth sweep, 10 nets up to 50 layers", med["sweep"], limit_s=3.0,
            notes=(sweep_note,)),
        Row("residual: depth sweep reports progress to 100%", 0.0, ok=progress_ok),
        Row("residual: symmetry run, 60 epochs", med["symmetry"], limit_s=1.0,
            notes=(f"{last['symmetry'].distinct} distinct unit(s) of 8",)),
        Row("residual: degradation, 4 runs × 40 epochs", med["degradation"], limit_s=3.0,
            notes=(deg_note,)),
        Row("residual: block order, 2 × 12 blocks", med["order"], limit_s=3.0),
        Row("residual: zero-initialised last layer, 2 × 31 layers", med["zero"], limit_s=3.0),
        Row("residual: Jacobian spectra, 3 × 32 layers of 128", med["isometry"], limit_s=1.0),
    ]  # fmt: skip
