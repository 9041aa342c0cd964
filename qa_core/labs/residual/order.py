"""Where batch norm and the activation sit in a block (He, Zhang, Ren & Sun 2016, "Identity
mappings in deep residual networks").

- "post" (the original ResNet): x_{l+1} = f(x_l + BN(W₂ f(BN(W₁ x_l)))) — the activation
  comes AFTER the addition, so the skip path is not clean: going down one block, the gradient
  is multiplied by f′ as well as by I + ∂F/∂x (for sigmoid, f′ ≤ 1/4 per block).
- "pre" (full pre-activation): x_{l+1} = x_l + W₂ f(BN(W₁ f(BN(x_l)))) — BN and f move into
  the branch, the skip path is the identity all the way, and ∂x_L/∂x_l = I + Σ(branch terms).

Both nets: a Dense stem to ``width`` units, ``blocks`` blocks, then (pre) BN → f → Dense or
(post) Dense to the two logits; the same weights from the same seed. Trained on the "spiral"
data with Adam (lr 0.01, batches of 64).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from qa_core.engine import checks, optim
from qa_core.engine.data import make_dataset
from qa_core.engine.layers import Activation, BatchNorm, Dense, Layer, Residual
from qa_core.engine.network import Network, build_mlp
from qa_core.engine.training import batch_bounds
from qa_core.labs.residual.common import MATCHED_INIT, Progress, check_activation

ORDERS = ("post", "pre")
MAX_BLOCKS = 24


def build(order: str, blocks: int, width: int, activation: str, batch_norm: bool, seed: int):
    """The network of ``order`` (see the module doc), weights drawn from ``seed``."""
    rng, init = np.random.default_rng(seed), MATCHED_INIT[activation]
    if order == "pre":
        hidden = (width,) * (1 + 2 * blocks)
        return build_mlp(
            2, hidden, 2, activation=activation, init=init, batch_norm=batch_norm,
            residual=True, rng=rng,
        )  # fmt: skip

    def bn() -> list[Layer]:
        return [BatchNorm(width)] if batch_norm else []

    layers: list[Layer] = [Dense(2, width, init=init, rng=rng), *bn(), Activation(activation)]
    for _ in range(blocks):
        first = Dense(width, width, init=init, rng=rng)
        second = Dense(width, width, init=init, rng=rng)
        layers += [Residual([first, *bn(), Activation(activation), second, *bn()])]
        layers += [Activation(activation)]
    layers.append(Dense(width, 2, init=init, rng=rng))
    return Network(layers)


@dataclass(frozen=True)
class OrderResult:
    """``grads``: columns order, layer (1 = the stem), grad_norm (‖∂L/∂W‖ at the start, one
    full-batch backward); ``curves``: columns order, epoch, train_loss (epoch 0 = the start)."""

    grads: pd.DataFrame
    curves: pd.DataFrame


def order_runs(
    blocks: int = 12,
    activation: str = "sigmoid",
    batch_norm: bool = False,
    width: int = 16,
    epochs: int = 30,
    seed: int = 0,
    progress: Progress | None = None,
) -> OrderResult:
    """Both orders: gradients at the start and a training run each."""
    checks.integer("blocks", blocks, 1, MAX_BLOCKS)
    check_activation(activation)
    checks.integer("width", width, 2, 64)
    checks.integer("epochs", epochs, 1, 200)
    data = make_dataset("spiral", n_samples=400, noise=0.1, test_fraction=0.25, seed=seed)
    x, y = data.inputs(data.x_train), data.y_train
    grads, curves = [], []
    for index, order in enumerate(ORDERS):
        net = build(order, blocks, width, activation, batch_norm, seed)
        with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
            _, dout = net.loss(net.forward(x, training=True), y)
            net.backward(dout, input_grad=False)
            grads += [(order, k + 1, float(g)) for k, g in enumerate(net.grad_norms())]
            curves.append((order, 0, float(net.loss(net.forward(x), y)[0])))
            rng, opt = np.random.default_rng(seed), optim.make("adam", 0.01)
            for epoch in range(1, epochs + 1):
                perm = rng.permutation(len(x))
                for start, stop in batch_bounds(len(x), 64):
                    rows = perm[start:stop]
                    _, dout = net.loss(net.forward(x[rows], training=True), y[rows])
                    net.backward(dout, input_grad=False)
                    opt.step([net.theta], [net.grad])
                curves.append((order, epoch, float(net.loss(net.forward(x), y)[0])))
        if progress is not None:
            progress((index + 1) / len(ORDERS))
    return OrderResult(
        grads=pd.DataFrame(grads, columns=["order", "layer", "grad_norm"]),
        curves=pd.DataFrame(curves, columns=["order", "epoch", "train_loss"]),
    )
