"""Learning-rate schedules: plain functions of the epoch (0, 1, 2, ...) returning the learning
rate to use during that epoch, built by ``make(name, lr, epochs, ...)``.

- ``constant``: lr.
- ``step``: lr · γ^⌊epoch / step_size⌋ (PyTorch ``StepLR``; γ = 0.1).
- ``cosine``: lr_min + ½(lr − lr_min)(1 + cos(π·epoch/epochs)) (``CosineAnnealingLR``,
  Loshchilov & Hutter 2017), held at lr_min past ``epochs`` (PyTorch's formula would climb again).
- ``warmup_cosine``: lr·(epoch + 1)/warmup for the first ``warmup`` epochs (linear warm-up,
  Goyal et al. 2017), then the cosine over the remaining ``epochs − warmup``.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from qa_core.engine import checks

#: Schedule names accepted by ``make``.
SCHEDULES = ("constant", "step", "cosine", "warmup_cosine")

Schedule = Callable[[int], float]


def constant(epoch: int, lr: float) -> float:
    return lr


def step(epoch: int, lr: float, step_size: int, gamma: float = 0.1) -> float:
    """lr · γ^⌊epoch / step_size⌋."""
    return lr * gamma ** (epoch // step_size)


def cosine(epoch: int, lr: float, epochs: int, lr_min: float = 0.0) -> float:
    """Half a cosine from lr at epoch 0 to lr_min at ``epochs``, then lr_min."""
    progress = min(epoch, epochs) / epochs
    return lr_min + 0.5 * (lr - lr_min) * (1.0 + math.cos(math.pi * progress))


def warmup_cosine(epoch: int, lr: float, epochs: int, warmup: int, lr_min: float = 0.0) -> float:
    """Linear warm-up to lr over ``warmup`` epochs, then the cosine over the rest."""
    if epoch < warmup:
        return lr * (epoch + 1) / warmup
    return cosine(epoch - warmup, lr, max(epochs - warmup, 1), lr_min)


def make(
    name: str,
    lr: float,
    epochs: int,
    *,
    warmup: int = 0,
    step_size: int | None = None,
    gamma: float = 0.1,
    lr_min: float = 0.0,
) -> Schedule:
    """The schedule called ``name`` as a function of the epoch. ``step_size`` defaults to a
    third of ``epochs`` (at least 1); ``warmup`` is used by "warmup_cosine" only."""
    checks.choice("schedule", name, SCHEDULES)
    checks.real("lr", lr, 0.0, 1e3, low_open=True)
    checks.integer("epochs", epochs, 1)
    checks.integer("warmup", warmup, 0, epochs)
    checks.real("gamma", gamma, 0.0, 1.0, low_open=True)
    checks.real("lr_min", lr_min, 0.0, lr)
    if name == "constant":
        return lambda epoch: constant(epoch, lr)
    if name == "step":
        size = max(epochs // 3, 1) if step_size is None else step_size
        checks.integer("step_size", size, 1)
        return lambda epoch: step(epoch, lr, size, gamma)
    if name == "cosine":
        return lambda epoch: cosine(epoch, lr, epochs, lr_min)
    if warmup < 1:
        raise ValueError(f"warmup must be an integer in [1, {epochs}] for warmup_cosine, got 0")
    return lambda epoch: warmup_cosine(epoch, lr, epochs, warmup, lr_min)


__all__ = ["SCHEDULES", "Schedule", "constant", "cosine", "make", "step", "warmup_cosine"]
