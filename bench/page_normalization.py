"""Page probes — the normalisation family: each experiment at its page defaults, computed and
drawn (figures built with their labels and serialised as the chart component gets them). The
batch-size sweep (4 norms × batch sizes 2, 4, 8, 32, 10 epochs: 16 networks) must take ≤ 5 s, as
issue 29 asks (the page shows a progress bar meanwhile); the learning-rate ladder (5 norms × 7
rates) ≤ 5 s too; the cheap ones ≤ 1 s. No reference."""

from __future__ import annotations

from bench.common import Row, alternate, blas_threads
from qa_core.engine.config import NORMS
from qa_core.labs.normalization import axes, modes, placement, stability, sweep
from ui.components.live_charts import figure_json
from ui.topics.normalization import charts

NAME = "normalization page: five experiments at their defaults"


def the_axes() -> int:
    figs = [charts.axes_figure(axes.view(kind, 4, 6, 2, 3)) for kind in axes.KINDS]
    return sum(len(figure_json(f)) for f in figs)


def batch_sweep():
    frame = sweep.batch_size_sweep(sweep.SWEEP_NORMS, sweep.BATCH_SIZES, 10)
    figure_json(charts.sweep_figure(frame, "test_acc"))
    figure_json(charts.sweep_figure(frame, "gap"))
    return frame


def train_eval():
    frame = modes.probe_outputs(4, 20, 0.0)
    figure_json(charts.modes_figure(frame))
    return modes.spread(frame)


def lr_ladder():
    frame = stability.lr_sweep(NORMS, stability.LR_LADDER, 6, 10)
    figure_json(charts.lr_figure(frame, stability.TARGET))
    return stability.largest(frame)


def pre_post():
    frame = placement.compare(12, 16, 0)
    figure_json(charts.placement_figure(frame, True))
    return frame


def run(repeats: int) -> list[Row]:
    the_axes(), train_eval()  # warm-up: imports and the label lookups
    with blas_threads(1) as threads:
        med, last = alternate(
            {"axes": the_axes, "sweep": batch_sweep, "modes": train_eval, "lr": lr_ladder,
             "place": pre_post},
            max(1, repeats),
        )  # fmt: skip
    frame = last["sweep"].set_index(["norm", "batch_size"])
    sweep_note = (f"BatchNorm test accuracy {frame.loc[('batch', 2), 'test_acc']:.0%} at batch 2, "
                  f"{frame.loc[('batch', 32), 'test_acc']:.0%} at 32; {threads}")  # fmt: skip
    best = last["lr"].set_index("norm")["largest_training"]
    lr_note = "largest rate that trains: " + ", ".join(f"{n} {v:g}" for n, v in best.items())
    spread = last["modes"].set_index(["norm", "mode"])["range"]
    return [
        Row("normalization: the axes, 5 heatmaps", med["axes"], limit_s=1.0),
        Row("normalization: batch-size sweep, 16 networks", med["sweep"], limit_s=5.0,
            notes=(sweep_note,)),
        Row("normalization: train vs eval, 20 batches", med["modes"], limit_s=1.0,
            notes=(f"BatchNorm training-mode range {spread[('batch', 'train')]:.3f}",)),
        Row("normalization: learning-rate ladder, 35 networks", med["lr"], limit_s=5.0,
            notes=(lr_note,)),
        Row("normalization: pre- vs post-norm, 2 × 12 blocks", med["place"], limit_s=1.0),
    ]  # fmt: skip
