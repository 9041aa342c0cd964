"""One sigmoid output unit trained from a confidently wrong start, once with MSE on its
probability and once with cross-entropy: the same data, the same start, the same optimiser.

The unit is the output layer alone (logistic regression on the two standardised inputs of the
"blobs" data): z = w·x + b, p = σ(z). The start points w against the two classes' means and is
scaled so that the median |z| over the training points is ``start_logit``, every point on the
wrong side: a saturated, confidently wrong output. Cross-entropy's ∂L/∂z = p − y is then about
±1 per point; MSE's 2(p − y)σ′(z) is about 2e^{−|z|}, so its steps are thousands of times
shorter until a few border points drag the boundary across. Full-batch training, so the two
runs differ only in the loss.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from qa_core.engine import activations, checks, losses, optim
from qa_core.engine.data import make_dataset
from qa_core.engine.network import build_mlp

Progress = Callable[[float], None]
LOSSES = ("mse", "ce")
OPTIMIZERS = ("sgd", "adam")
DATASET, N_SAMPLES, NOISE = "blobs", 400, 0.3  # 200 training points, slightly overlapping
CONFIDENT = 0.9  # a point is confidently wrong when it gives its own class less than 0.1
REACHED = 0.9  # the accuracy an escape must reach


@dataclass(frozen=True)
class EscapeResult:
    """Per-epoch history of both runs (columns loss_name, epoch, loss, acc, grad: the median
    |∂L/∂z| of one example, confident_wrong: the share of points giving their own class less
    than 0.1) and what the start looked like."""

    history: pd.DataFrame
    start_wrong: float  # share of training points on the wrong side at the start
    start_confident_wrong: float  # share with p(own class) < 0.1 at the start
    start_median_logit: float

    def epochs_to(self, loss_name: str, accuracy: float = REACHED) -> int | None:
        """The first epoch at which the run's training accuracy reached ``accuracy``."""
        rows = self.history[self.history["loss_name"] == loss_name]
        hit = rows[rows["acc"] >= accuracy]
        return int(hit["epoch"].iloc[0]) if len(hit) else None


def training_data(seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """The standardised training inputs (n, 2) and labels (n,) the two runs share."""
    data = make_dataset(DATASET, n_samples=N_SAMPLES, noise=NOISE, test_fraction=0.5, seed=seed)
    return data.inputs(data.x_train), data.y_train.astype(np.float64)


def wrong_start(x: np.ndarray, y: np.ndarray, start_logit: float) -> tuple[np.ndarray, float]:
    """(w, b) with every point's z of the wrong sign, median |z| = ``start_logit`` (0: w = 0)."""
    direction = x[y == 1].mean(axis=0) - x[y == 0].mean(axis=0)
    projection = x @ direction
    centre = 0.5 * (projection[y == 1].mean() + projection[y == 0].mean())
    z = -(projection - centre)  # the wrong side for every point of a separable set
    scale = start_logit / np.median(np.abs(z)) if start_logit > 0 else 0.0
    return -scale * direction, float(scale * centre)


def loss_and_grad(name: str, z: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray]:
    """The batch loss and ∂L/∂z: binary cross-entropy from the logit, or MSE on σ(z) by the
    chain rule (∂L/∂z = ∂L/∂p · σ′(z))."""
    if name == "ce":
        return losses.binary_cross_entropy(z, y)
    sigmoid = activations.get("sigmoid")
    loss, grad_p = losses.mse(sigmoid.forward(z), y)
    return loss, grad_p * sigmoid.derivative(z)


def race(
    start_logit: float = 6.0,
    lr: float = 1.0,
    epochs: int = 200,
    optimizer: str = "sgd",
    seed: int = 0,
    progress: Progress | None = None,
) -> EscapeResult:
    """Train the unit from the wrong start once per loss (``LOSSES``), full batch."""
    checks.real("start_logit", start_logit, 0.0, 20.0)
    checks.real("lr", lr, 0.0, 10.0, low_open=True)
    checks.integer("epochs", epochs, 1, 2000)
    checks.choice("optimizer", optimizer, OPTIMIZERS)
    checks.integer("seed", seed, 0, 2**31 - 1)
    x, y = training_data(seed)
    w0, b0 = wrong_start(x, y, start_logit)
    z0 = x @ w0 + b0
    wrong0 = (z0 > 0) != (y == 1)
    rows = []
    for index, name in enumerate(LOSSES):
        net = build_mlp(2, (), 1, init="zeros", rng=np.random.default_rng(seed))
        dense = net.dense_layers[0]
        dense.params["W"][:, 0] = w0
        dense.params["b"][:] = b0
        opt = optim.make(optimizer, lr)
        with np.errstate(over="ignore", under="ignore"):
            for epoch in range(epochs + 1):
                z = net.forward(x, training=True)
                loss, grad = loss_and_grad(name, z, y)
                p = 1.0 / (1.0 + np.exp(-z[:, 0]))
                own = np.where(y == 1, p, 1.0 - p)
                rows.append(
                    {"loss_name": name, "epoch": epoch, "loss": loss,
                     "acc": float(np.mean(own > 0.5)),
                     "grad": float(np.median(np.abs(grad))) * len(y),  # a typical example
                     "confident_wrong": float(np.mean(own < 1.0 - CONFIDENT))}
                )  # fmt: skip
                if epoch == epochs:
                    break
                net.backward(grad, input_grad=False)
                opt.step([net.theta], [net.grad])
                if progress is not None and epoch % 50 == 0:
                    progress((index + epoch / epochs) / len(LOSSES))
    confident0 = np.mean(wrong0 & (np.abs(z0) >= np.log(CONFIDENT / (1 - CONFIDENT))))
    return EscapeResult(
        history=pd.DataFrame(rows),
        start_wrong=float(np.mean(wrong0)),
        start_confident_wrong=float(confident0),
        start_median_logit=float(np.median(np.abs(z0))),
    )
