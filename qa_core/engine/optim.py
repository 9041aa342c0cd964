"""Optimisers that update parameter arrays in place from their gradients.

``step(params, grads)`` takes two equal-length lists of arrays (a network passes one flat
vector each). ``lr`` is a plain attribute: change it between steps and the next step uses it,
keeping the optimiser's state. ``reset()`` forgets the state (velocities, moments).
"""

from __future__ import annotations

import numpy as np

#: Optimiser names accepted by ``make``.
OPTIMIZERS = ("sgd", "momentum", "adam")


def _check_lr(lr: float) -> float:
    lr = float(lr)
    if not (np.isfinite(lr) and lr > 0.0):
        raise ValueError(f"lr must be a finite number > 0, got {lr!r}")
    return lr


class Optimizer:
    """Base class: holds ``lr`` and per-array state."""

    name = ""

    def __init__(self, lr: float) -> None:
        self.lr = _check_lr(lr)
        self.t = 0

    @property
    def lr(self) -> float:
        return self._lr

    @lr.setter
    def lr(self, value: float) -> None:
        self._lr = _check_lr(value)

    def reset(self) -> None:
        self.t = 0

    def step(self, params: list[np.ndarray], grads: list[np.ndarray]) -> None:
        raise NotImplementedError


class SGD(Optimizer):
    """Plain gradient descent: w ← w − lr·g."""

    name = "sgd"

    def step(self, params: list[np.ndarray], grads: list[np.ndarray]) -> None:
        self.t += 1
        for w, g in zip(params, grads, strict=True):
            w -= self._lr * g


class Momentum(Optimizer):
    """Heavy-ball momentum in PyTorch's form (Polyak 1964; Sutskever et al. 2013):
    v ← μ·v + g,  w ← w − lr·v  (μ = 0.9)."""

    name = "momentum"

    def __init__(self, lr: float, momentum: float = 0.9) -> None:
        super().__init__(lr)
        if not (np.isfinite(momentum) and 0.0 <= momentum < 1.0):
            raise ValueError(f"momentum must be in [0, 1), got {momentum!r}")
        self.momentum = float(momentum)
        self._v: list[np.ndarray] | None = None

    def reset(self) -> None:
        super().reset()
        self._v = None

    def step(self, params: list[np.ndarray], grads: list[np.ndarray]) -> None:
        if self._v is None:
            self._v = [np.zeros_like(w) for w in params]
        self.t += 1
        for w, g, v in zip(params, grads, self._v, strict=True):
            v *= self.momentum
            v += g
            w -= self._lr * v


class Adam(Optimizer):
    """Adam (Kingma & Ba 2015, Algorithm 1; defaults β1 = 0.9, β2 = 0.999, ε = 1e-8).

    m ← β1·m + (1−β1)·g,  v ← β2·v + (1−β2)·g²,
    w ← w − lr/(1−β1^t) · m / (√v/√(1−β2^t) + ε)   (PyTorch's placement of ε).
    """

    name = "adam"

    def __init__(
        self, lr: float = 1e-3, beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-8
    ) -> None:
        super().__init__(lr)
        for label, b in (("beta1", beta1), ("beta2", beta2)):
            if not (np.isfinite(b) and 0.0 <= b < 1.0):
                raise ValueError(f"{label} must be in [0, 1), got {b!r}")
        if not (np.isfinite(eps) and eps > 0):
            raise ValueError(f"eps must be a finite number > 0, got {eps!r}")
        self.beta1, self.beta2, self.eps = float(beta1), float(beta2), float(eps)
        self._state: list[tuple[np.ndarray, np.ndarray, np.ndarray]] | None = None

    def reset(self) -> None:
        super().reset()
        self._state = None

    def step(self, params: list[np.ndarray], grads: list[np.ndarray]) -> None:
        if self._state is None:
            self._state = [(np.zeros_like(w), np.zeros_like(w), np.empty_like(w)) for w in params]
        self.t += 1
        b1, b2 = self.beta1, self.beta2
        bc1 = 1.0 - b1**self.t
        sqrt_bc2 = np.sqrt(1.0 - b2**self.t)
        for w, g, (m, v, tmp) in zip(params, grads, self._state, strict=True):
            m *= b1
            np.multiply(g, 1.0 - b1, out=tmp)
            m += tmp
            v *= b2
            np.multiply(g, g, out=tmp)
            tmp *= 1.0 - b2
            v += tmp
            # lr/bc1 · m/(√v/√bc2 + ε) = (lr·√bc2/bc1) · m/(√v + ε·√bc2): one pass fewer
            np.sqrt(v, out=tmp)
            tmp += self.eps * sqrt_bc2
            np.divide(m, tmp, out=tmp)
            tmp *= self._lr * sqrt_bc2 / bc1
            w -= tmp


def make(name: str, lr: float, momentum: float = 0.9) -> Optimizer:
    """The optimiser called ``name`` ("sgd" | "momentum" | "adam") with learning rate ``lr``."""
    if name == "sgd":
        return SGD(lr)
    if name == "momentum":
        return Momentum(lr, momentum)
    if name == "adam":
        return Adam(lr)
    raise ValueError(f"optimizer must be one of {', '.join(OPTIMIZERS)}; got {name!r}")


def clip_by_global_norm(grads: list[np.ndarray], max_norm: float) -> float:
    """Scale all gradients by min(1, max_norm/‖g‖) where ‖g‖ is the norm of all of them
    together (Pascanu et al. 2013). Returns ‖g‖ before clipping."""
    total = float(np.sqrt(sum(float(np.vdot(g, g)) for g in grads)))
    if total > max_norm:
        k = max_norm / total
        for g in grads:
            g *= k
    return total


__all__ = ["OPTIMIZERS", "SGD", "Adam", "Momentum", "Optimizer", "clip_by_global_norm", "make"]
