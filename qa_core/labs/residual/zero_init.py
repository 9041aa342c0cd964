"""Zero-initialising the last layer of every residual block (Goyal et al. 2017 zero the last
batch-norm γ of each block; Fixup, Zhang, Dauphin & Ma 2019, zero the last weights).

With F's last weights at 0 every block starts as the identity, x + F(x) = x, so a net of any
depth starts out as shallow as its stem and head, and the variance of the signal does not grow
from block to block. Without it each block adds a branch about as large as its input: the
signal's variance roughly doubles per block in a ReLU net (He init keeps Var[F(x)] ≈ Var[x]),
and the first steps are spent undoing that. The zeroed weights still get a gradient (aᵀdy,
a the branch's inner activations), so the blocks leave the identity from the first step on.

The runs: a deep residual ReLU MLP on the "spiral" data, without batch normalisation, once
with and once without the zero start; the same weights otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from qa_core.engine import checks
from qa_core.engine.layers import Residual
from qa_core.engine.training import Run
from qa_core.labs.residual.common import MAX_DEPTH, Progress, check_activation, deep_config

STARTS = ("zero", "default")


@dataclass(frozen=True)
class ZeroInitResult:
    """``curves``: columns start ("zero" | "default"), epoch, train_loss (epoch 0 = the start);
    ``blocks``: columns start, block (1 = nearest the input), ratio = ‖F(x)‖/‖x‖ at the
    start on the training inputs; ``diverged``: start → the run's divergence message or None."""

    curves: pd.DataFrame
    blocks: pd.DataFrame
    diverged: dict[str, str | None]


def branch_ratios(run: Run) -> list[float]:
    """‖F(x)‖/‖x‖ of every block on the training inputs (eval mode, weights as they are)."""
    h = run.data.inputs(run.data.x_train)
    ratios = []
    with np.errstate(over="ignore", invalid="ignore"):
        for layer in run.network.layers:
            if isinstance(layer, Residual):
                branch = h
                for inner in layer.layers:
                    branch = inner.forward(branch, training=False)
                ratios.append(float(np.linalg.norm(branch) / max(np.linalg.norm(h), 1e-300)))
                h = h + branch
            else:
                h = layer.forward(h, training=False)
    return ratios


def zero_init_runs(
    depth: int = 31,
    activation: str = "relu",
    epochs: int = 40,
    seed: int = 0,
    progress: Progress | None = None,
) -> ZeroInitResult:
    """Train the same residual net from both starts (see the module doc)."""
    checks.integer("depth", depth, 3, MAX_DEPTH)
    check_activation(activation)
    checks.integer("epochs", epochs, 1, 200)
    curves, blocks, diverged = [], [], {}
    for index, start in enumerate(STARTS):
        cfg = deep_config(
            depth, True, activation, epochs=epochs, seed=seed, zero_init_residual=start == "zero"
        )
        run = Run(cfg)
        blocks += [(start, k + 1, r) for k, r in enumerate(branch_ratios(run))]
        curves.append((start, 0, run.initial_train_loss))
        for record in run:
            curves.append((start, record.epoch, record.train_loss))
        diverged[start] = run.diverged
        if progress is not None:
            progress((index + 1) / len(STARTS))
    return ZeroInitResult(
        curves=pd.DataFrame(curves, columns=["start", "epoch", "train_loss"]),
        blocks=pd.DataFrame(blocks, columns=["start", "block", "ratio"]),
        diverged=diverged,
    )
