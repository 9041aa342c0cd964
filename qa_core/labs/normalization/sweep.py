"""Batch size against normalisation: the same network trained with each norm at batch sizes
2, 4, 8 and 32 (same data, same seed, so the same initial Dense weights).

BatchNorm estimates each feature's mean and variance from the batch: with m = 2 both values of
a feature become ±1 (up to ε), the statistics are noisy and the running averages eval mode uses
differ from any one batch's. LayerNorm, GroupNorm and RMSNorm use one example's own features, so
the batch size changes only the gradient noise, never what the layer computes.

``gap``: the test set fed in batches of the training batch size in training mode (each batch
normalised by its own statistics) minus eval mode; exactly 0 for the per-example norms. The
network is copied for this, so its running statistics stay as training left them.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from qa_core.engine import checks
from qa_core.engine.config import NORMS, TrainConfig
from qa_core.engine.training import Run, batch_bounds

Progress = Callable[[float], None]
SWEEP_NORMS: tuple[str, ...] = ("batch", "layer", "group", "rms")
BATCH_SIZES: tuple[int, ...] = (2, 4, 8, 32)
MAX_EPOCHS = 40


def sweep_config(norm: str, batch_size: int, epochs: int = 10, seed: int = 0) -> TrainConfig:
    """Circles, 300 points, two hidden layers of 16 ReLU units, plain SGD at 0.1, GroupNorm with
    4 groups of 4 units."""
    return TrainConfig(
        dataset="circles",
        n_samples=300,
        noise=0.2,
        hidden=(16, 16),
        norm=norm,
        norm_groups=4,
        optimizer="sgd",
        lr=0.1,
        batch_size=batch_size,
        epochs=epochs,
        seed=seed,
    )


def _train_mode_accuracy(run: Run, batch_size: int) -> float:
    """Accuracy on the test set fed in training-mode batches of ``batch_size``."""
    net = copy.deepcopy(run.network)
    x, y = run.data.inputs(run.data.x_test), run.data.y_test
    hits = 0
    for start, stop in batch_bounds(len(x), batch_size):
        hits += int(
            np.sum(net.forward(x[start:stop], training=True).argmax(axis=1) == y[start:stop])
        )
    return hits / len(x)


def batch_size_sweep(
    norms: Sequence[str] = SWEEP_NORMS,
    batch_sizes: Sequence[int] = BATCH_SIZES,
    epochs: int = 10,
    seed: int = 0,
    progress: Progress | None = None,
) -> pd.DataFrame:
    """One row per (norm, batch size): test accuracy (eval mode), training-mode accuracy, gap,
    final training loss. ``progress(fraction)`` after each run."""
    if not norms or len(set(norms)) != len(norms):
        raise ValueError(f"norms must be distinct names from {', '.join(NORMS)}; got {norms!r}")
    for norm in norms:
        checks.choice("norm", norm, NORMS)
    if not batch_sizes or len(set(batch_sizes)) != len(batch_sizes):
        raise ValueError(f"batch_sizes must be distinct integers in [2, 64], got {batch_sizes!r}")
    for m in batch_sizes:
        checks.integer("batch size", m, 2, 64)
    epochs = checks.integer("epochs", epochs, 1, MAX_EPOCHS)
    seed = checks.integer("seed", seed, 0, 2**32 - 1)
    rows = []
    total, done = len(norms) * len(batch_sizes), 0
    for norm in norms:
        for m in sorted(batch_sizes):
            run = Run(sweep_config(norm, m, epochs, seed))
            while not run.done:
                run.step()
            last = run.records[-1]
            train_mode = _train_mode_accuracy(run, m)
            rows.append(
                {
                    "norm": norm,
                    "batch_size": m,
                    "test_acc": last.test_acc,
                    "train_mode_acc": train_mode,
                    "gap": train_mode - last.test_acc,
                    "train_loss": last.train_loss,
                    "diverged": run.diverged is not None,
                }
            )
            done += 1
            if progress is not None:
                progress(done / total)
    return pd.DataFrame(rows)


def largest_drop(frame: pd.DataFrame) -> str:
    """The norm whose test accuracy falls most from the largest batch size to the smallest
    (the first in the frame's order on a tie): the page's predict-then-run answer."""
    drops = {}
    for norm, part in frame.groupby("norm", sort=False):
        ordered = part.sort_values("batch_size")["test_acc"].to_numpy()
        drops[norm] = float(ordered[-1] - ordered[0])
    return max(drops, key=drops.__getitem__)


__all__ = [
    "BATCH_SIZES",
    "MAX_EPOCHS",
    "SWEEP_NORMS",
    "batch_size_sweep",
    "largest_drop",
    "sweep_config",
]
