"""Plain against residual networks as they get deeper: the gradient each layer gets at the
start, and the training loss after a fixed budget.

Both networks are ``build_mlp`` MLPs of the same depth, width, activation and weights (the same
seed draws the same matrices); the residual one only adds the skips x + F(x) around pairs of
hidden layers (pre-activation blocks). In a plain net the gradient reaching layer k is a
product of one Jacobian per layer above it — diag(f′)·Wᵀ — and shrinks (or grows)
geometrically; through a block it is multiplied by I + ∂F/∂x, whose identity term carries it
down unchanged however small ∂F/∂x is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from qa_core.engine import checks
from qa_core.engine.training import Run
from qa_core.labs.residual.common import MAX_DEPTH, Progress, deep_config

DEFAULT_DEPTHS = (3, 6, 11, 21, 50)
NETS = ("plain", "residual")


@dataclass(frozen=True)
class SweepResult:
    """``layers``: columns net, layer (1 = nearest the input), grad_norm: ‖∂L/∂W‖ of every
    Dense layer at initialisation for the deepest network; ``final``: columns net, depth,
    train_loss, train_acc, diverged after the budget."""

    layers: pd.DataFrame
    final: pd.DataFrame
    depth: int


def initial_grad_norms(config_kwargs: dict) -> np.ndarray:
    """‖∂L/∂W_l‖ per Dense layer of a fresh network, one full-batch backward on the training
    set (training mode: batch statistics where there is batch norm)."""
    run = Run(deep_config(**config_kwargs))
    net = run.network
    x = run.data.inputs(run.data.x_train)
    _, dout = net.loss(net.forward(x, training=True), run.data.y_train)
    net.backward(dout, input_grad=False)
    return net.grad_norms()


def check_depths(depths: Sequence[int]) -> list[int]:
    values = sorted({int(d) for d in depths})
    if not values:
        raise ValueError(f"depths must hold at least one depth in [1, {MAX_DEPTH}], got none")
    for d in values:
        checks.integer("depth", d, 1, MAX_DEPTH)
    return values


def depth_sweep(
    depths: Sequence[int] = DEFAULT_DEPTHS,
    activation: str = "sigmoid",
    batch_norm: bool = False,
    width: int = 16,
    epochs: int = 30,
    seed: int = 0,
    progress: Progress | None = None,
) -> SweepResult:
    """Train plain and residual nets of each depth for ``epochs``; gradients at the deepest."""
    values = check_depths(depths)
    checks.integer("width", width, 2, 64)
    checks.integer("epochs", epochs, 1, 200)
    base = {"activation": activation, "width": width, "epochs": epochs, "seed": seed}
    base["batch_norm"] = bool(batch_norm)
    deepest = values[-1]
    layers = []
    for net in NETS:
        norms = initial_grad_norms({**base, "depth": deepest, "residual": net == "residual"})
        layers += [(net, k + 1, float(g)) for k, g in enumerate(norms)]
    final = []
    cost = sum(values) * len(NETS)
    done = 0
    for depth in values:
        for net in NETS:
            run = Run(deep_config(depth=depth, residual=net == "residual", **base))
            *_, record = run  # train to the end; the last epoch's record
            final.append(
                (net, depth, record.train_loss, record.train_acc, record.diverged is not None)
            )
            done += depth
            if progress is not None:
                progress(done / cost)
    return SweepResult(
        layers=pd.DataFrame(layers, columns=["net", "layer", "grad_norm"]),
        final=pd.DataFrame(final, columns=["net", "depth", "train_loss", "train_acc", "diverged"]),
        depth=deepest,
    )
