"""Optimisers that update parameter arrays in place from their gradients, following
``torch.optim``'s update rules and defaults step for step.

``make(name, lr, **hyper)`` builds one of ``OPTIMIZERS``; its keywords are ``momentum``,
``beta1``, ``beta2``, ``eps``, ``alpha`` and ``weight_decay`` (each optimiser takes the ones
listed in ``DEFAULTS[name]``; any other raises ValueError). ``step(params, grads)`` takes two
equal-length lists of arrays (a network passes one flat vector each) and never changes the
gradients. ``lr`` is a plain attribute: change it between steps (a schedule does, once per
epoch) and the next step uses it, keeping the optimiser's state. ``reset()`` forgets the state
(velocities, moments).

``weight_decay`` λ is added to the gradient (g ← g + λw, i.e. L2 regularisation) by every
optimiser but ``adamw``, which shrinks the weights directly (w ← w − lr·λ·w, Loshchilov &
Hutter 2019), as PyTorch does.
"""

from __future__ import annotations

import numpy as np

from qa_core.engine.adaptive import Adagrad, Adam, AdamW, RMSprop
from qa_core.engine.optim_base import (
    DEFAULT_LR,
    DEFAULTS,
    OPTIMIZERS,
    Optimizer,
    _in_unit,
)


class SGD(Optimizer):
    """Stochastic gradient descent, as ``torch.optim.SGD`` (dampening 0):
    g ← g + λw;  with momentum μ > 0: b ← μ·b + g (b = g at the first step), and the step
    direction is b, or g + μ·b with Nesterov (Sutskever et al. 2013);  w ← w − lr·direction."""

    name = "sgd"

    def __init__(
        self,
        lr: float,
        momentum: float = 0.0,
        weight_decay: float = 0.0,
        nesterov: bool = False,
    ) -> None:
        super().__init__(lr, weight_decay)
        self.momentum = _in_unit("momentum", momentum)
        self.nesterov = bool(nesterov)
        self._b: list[np.ndarray] | None = None

    def reset(self) -> None:
        super().reset()
        self._b = None

    def step(self, params: list[np.ndarray], grads: list[np.ndarray]) -> None:
        self.t += 1
        mu = self.momentum
        if mu == 0.0:
            for w, g in zip(params, grads, strict=True):
                w -= self._lr * self._coupled(w, g)
            return
        if self._b is None:
            self._b = [np.zeros_like(w) for w in params]
        for w, g, b in zip(params, grads, self._b, strict=True):
            d = self._coupled(w, g)
            b *= mu
            b += d
            if self.nesterov:
                w -= self._lr * (d + mu * b)
            else:
                w -= self._lr * b


class Momentum(SGD):
    """Heavy-ball momentum in PyTorch's form (Polyak 1964; Sutskever et al. 2013):
    b ← μ·b + g,  w ← w − lr·b  (μ = 0.9)."""

    name = "momentum"

    def __init__(self, lr: float, momentum: float = 0.9, weight_decay: float = 0.0) -> None:
        super().__init__(lr, momentum, weight_decay)


class Nesterov(SGD):
    """Nesterov momentum as PyTorch's ``SGD(nesterov=True)``: b ← μ·b + g,
    w ← w − lr·(g + μ·b), the gradient taken one velocity step ahead (μ = 0.9)."""

    name = "nesterov"

    def __init__(self, lr: float, momentum: float = 0.9, weight_decay: float = 0.0) -> None:
        super().__init__(lr, momentum, weight_decay, nesterov=True)


CLASSES: dict[str, type[Optimizer]] = {
    "sgd": SGD,
    "momentum": Momentum,
    "nesterov": Nesterov,
    "adagrad": Adagrad,
    "rmsprop": RMSprop,
    "adam": Adam,
    "adamw": AdamW,
}


def make(name: str, lr: float, **hyper: float) -> Optimizer:
    """The optimiser called ``name`` (one of ``OPTIMIZERS``) with learning rate ``lr`` and any
    of its keywords (``DEFAULTS[name]``; Adam and AdamW also take ``bias_correction``).

    >>> make("rmsprop", 0.01, alpha=0.9).hyper
    {'alpha': 0.9, 'eps': 1e-08, 'momentum': 0.0, 'weight_decay': 0.0}
    """
    if name not in CLASSES:
        raise ValueError(f"optimizer must be one of {', '.join(OPTIMIZERS)}; got {name!r}")
    allowed = set(DEFAULTS[name]) | ({"bias_correction"} if name in ("adam", "adamw") else set())
    unknown = sorted(set(hyper) - allowed)
    if unknown:
        raise ValueError(
            f"{name} takes no {', '.join(unknown)}; its keywords are {', '.join(sorted(allowed))}"
        )
    return CLASSES[name](lr, **hyper)


def clip_by_global_norm(grads: list[np.ndarray], max_norm: float) -> float:
    """Scale all gradients by min(1, max_norm/‖g‖) where ‖g‖ is the norm of all of them
    together (Pascanu et al. 2013). Returns ‖g‖ before clipping."""
    total = float(np.sqrt(sum(float(np.vdot(g, g)) for g in grads)))
    if total > max_norm:
        k = max_norm / total
        for g in grads:
            g *= k
    return total


__all__ = [
    "CLASSES",
    "DEFAULTS",
    "DEFAULT_LR",
    "OPTIMIZERS",
    "SGD",
    "Adagrad",
    "Adam",
    "AdamW",
    "Momentum",
    "Nesterov",
    "Optimizer",
    "RMSprop",
    "clip_by_global_norm",
    "make",
]
