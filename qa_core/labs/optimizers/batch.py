"""Batch size: how noisy a mini-batch gradient is, and the linear scaling rule.

``gradient_noise``: at one point of training (the network after ``epochs`` epochs of Adam), the
full-batch gradient g of the training loss and, for each batch size B, ``samples`` mini-batch
gradients g_B drawn without replacement. Their mean squared distance E‖g_B − g‖² is compared
with the exact value for sampling without replacement,
(N − B)/(B(N − 1)) · S², where S² = (1/N)Σ‖g_i − g‖² is the spread of the per-example
gradients g_i: about S²/B for small batches, 0 at B = N (the whole set: batch gradient descent).

``linear_scaling`` (Goyal et al. 2017): train the same network for the same number of epochs
with batch B·k for k = 1, 2, 4, …, once with the learning rate scaled to lr·k (the rule) and
once left at lr. Scaling keeps the runs close while k is small (k steps of size lr ≈ one step
of size k·lr when the gradient barely changes across them); for large k that approximation
fails and, without warm-up, the large rate can diverge at the start.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from qa_core.engine import checks
from qa_core.engine.config import TrainConfig
from qa_core.engine.training import Run

BASE = {"dataset": "moons", "n_samples": 500, "noise": 0.25, "test_fraction": 0.2,
        "hidden": (16, 16)}  # fmt: skip
BATCH_SIZES = (1, 2, 4, 8, 16, 32, 64, 128, 256, 400)


def _gradient(run: Run, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    net = run.network
    out = net.forward(x, True)
    _, dout = net.loss(out, y)
    net.backward(dout, input_grad=False)
    return net.grad.copy()


def gradient_noise(samples: int = 100, epochs: int = 5, seed: int = 0) -> pd.DataFrame:
    """Per batch size: batch, measured (E‖g_B − g‖² over ``samples`` draws), exact (the
    formula above), ratio measured/exact, and full (‖g‖², the signal it is compared with)."""
    samples = checks.integer("samples", samples, 10, 1000)
    epochs = checks.integer("epochs", epochs, 0, 100)
    run = Run(TrainConfig(**BASE, optimizer="adam", lr=0.01, epochs=max(epochs, 1), seed=seed))
    for _ in range(epochs):
        run.step()
    x, y = run.data.inputs(run.data.x_train), run.data.y_train
    n = len(x)
    full = _gradient(run, x, y)
    per_example = np.stack([_gradient(run, x[i : i + 1], y[i : i + 1]) for i in range(n)])
    spread = float(np.mean(np.sum((per_example - full) ** 2, axis=1)))
    rng = np.random.default_rng(seed + 1)
    rows = []
    for b in (b for b in BATCH_SIZES if b <= n):
        draws = [per_example[rng.choice(n, b, replace=False)].mean(axis=0) for _ in range(samples)]
        measured = float(np.mean(np.sum((np.array(draws) - full) ** 2, axis=1)))
        exact = (n - b) / (b * (n - 1)) * spread
        rows.append({"batch": b, "measured": measured, "exact": exact, "full": float(full @ full)})
    return pd.DataFrame(rows)


def linear_scaling(
    base_batch: int = 8,
    base_lr: float = 0.1,
    factors: tuple[int, ...] = (1, 2, 4, 8, 16, 32),
    epochs: int = 30,
    optimizer: str = "sgd",
    seed: int = 0,
) -> pd.DataFrame:
    """One row per factor k, rule (True: lr·k, False: lr) and epoch: k, batch, lr, rule,
    epoch, train_loss, test_acc, diverged."""
    base_batch = checks.integer("base_batch", base_batch, 1, 64)
    checks.real("base_lr", base_lr, 0.0, 1.0, low_open=True)
    epochs = checks.integer("epochs", epochs, 1, 200)
    if not factors or any(isinstance(k, bool) or not isinstance(k, int) or k < 1 for k in factors):
        raise ValueError(f"factors must be positive integers, got {factors!r}")
    frames = []
    for k in factors:
        for rule in (True, False):
            lr = base_lr * k if rule else base_lr
            checks.real("base_lr × factor", lr, 0.0, 100.0, low_open=True)
            config = TrainConfig(
                **BASE,
                optimizer=optimizer,
                lr=lr,
                epochs=epochs,
                batch_size=base_batch * k,
                seed=seed,
            )
            run = Run(config)
            records = []
            while not run.done:
                records.append(run.step())
            frames.append(
                pd.DataFrame(
                    {
                        "k": k,
                        "batch": base_batch * k,
                        "lr": lr,
                        "rule": rule,
                        "epoch": [r.epoch for r in records],
                        "train_loss": [r.train_loss for r in records],
                        "test_acc": [r.test_acc for r in records],
                        "diverged": [r.diverged for r in records],
                    }
                )
            )
    return pd.concat(frames, ignore_index=True)


__all__ = ["BASE", "BATCH_SIZES", "gradient_noise", "linear_scaling"]
