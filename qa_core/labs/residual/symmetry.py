"""Symmetry breaking: a network whose weights all start equal keeps its hidden units equal.

With every weight of a layer the same number c (and the biases 0), every hidden unit computes
the same function of the input, so backpropagation hands every unit the same gradient and the
same update: after any number of steps they are still copies of one unit, and a layer of width
n is no richer than a layer of width 1. A random start (He, Xavier, orthogonal) makes them
differ from the first step. Biases may start at 0 because the weights already break the tie.

The run: ``hidden`` = two layers of ``width`` units on the "moons" data, Adam, full batches of
64. Each epoch records the weight from input x1 to every unit of the first hidden layer.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from qa_core.engine import checks
from qa_core.engine.config import TrainConfig
from qa_core.engine.training import Run
from qa_core.labs.residual.common import ACTIVATIONS, Progress

INITS = ("constant", "he", "xavier", "orthogonal")


@dataclass(frozen=True)
class SymmetryResult:
    """``traces``: columns epoch, unit, weight (x1 → unit, first hidden layer), epoch 0 being the
    start; ``losses``: columns epoch, train_loss, train_acc; ``distinct``: how many different
    units the first hidden layer holds at the end (units whose incoming weights and bias agree
    to 1e-9 relative count once)."""

    traces: pd.DataFrame
    losses: pd.DataFrame
    distinct: int
    width: int


def distinct_units(w: np.ndarray, b: np.ndarray, rtol: float = 1e-9) -> int:
    """The number of different columns of [W; b] (a unit's incoming weights and its bias)."""
    cols = np.vstack([w, b]).T
    scale = max(float(np.abs(cols).max()), 1e-300)
    kept: list[np.ndarray] = []
    for col in cols:
        if not any(np.abs(col - k).max() <= rtol * scale for k in kept):
            kept.append(col)
    return len(kept)


def symmetry_run(
    init: str = "constant",
    value: float = 0.5,
    activation: str = "tanh",
    width: int = 8,
    epochs: int = 60,
    seed: int = 0,
    progress: Progress | None = None,
) -> SymmetryResult:
    """Train the two-layer net from ``init`` ("constant": every weight = ``value``)."""
    checks.choice("init", init, INITS)
    checks.real("value", value, 0.0, 2.0, low_open=True)
    checks.choice("activation", activation, ACTIVATIONS)
    checks.integer("width", width, 2, 32)
    checks.integer("epochs", epochs, 1, 300)
    checks.integer("seed", seed, 0, 2**31 - 1)
    cfg = TrainConfig(
        dataset="moons", n_samples=400, noise=0.15, hidden=(width, width),
        activation=activation, init=init, init_std=value, optimizer="adam", lr=0.02,
        batch_size=64, epochs=epochs, seed=seed,
    )  # fmt: skip
    run = Run(cfg)
    first = run.network.dense_layers[0]
    traces = [(0, j, float(w)) for j, w in enumerate(first.params["W"][0])]
    losses = []
    for record in run:
        traces += [(record.epoch, j, float(w)) for j, w in enumerate(first.params["W"][0])]
        losses.append((record.epoch, record.train_loss, record.train_acc))
        if progress is not None and record.epoch % 10 == 0:
            progress(record.epoch / epochs)
    return SymmetryResult(
        traces=pd.DataFrame(traces, columns=["epoch", "unit", "weight"]),
        losses=pd.DataFrame(losses, columns=["epoch", "train_loss", "train_acc"]),
        distinct=distinct_units(first.params["W"], first.params["b"]),
        width=width,
    )
