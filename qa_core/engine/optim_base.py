"""What every optimiser shares (see qa_core.engine.optim): names, PyTorch's defaults, argument
checks and the ``Optimizer`` base class (``lr``, step count, weight decay and its mask)."""

from __future__ import annotations

import numpy as np

#: Optimiser names accepted by ``make``.
OPTIMIZERS = ("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw")

#: Every optimiser's keywords and their defaults (PyTorch's, except that "momentum" and
#: "nesterov" are SGD with momentum 0.9 rather than PyTorch's 0).
DEFAULTS: dict[str, dict[str, float]] = {
    "sgd": {"momentum": 0.0, "weight_decay": 0.0},
    "momentum": {"momentum": 0.9, "weight_decay": 0.0},
    "nesterov": {"momentum": 0.9, "weight_decay": 0.0},
    "adagrad": {"eps": 1e-10, "weight_decay": 0.0},
    "rmsprop": {"alpha": 0.99, "eps": 1e-8, "momentum": 0.0, "weight_decay": 0.0},
    "adam": {"beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weight_decay": 0.0},
    "adamw": {"beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weight_decay": 0.01},
}

#: PyTorch's default learning rates (for pages and scripts; ``make`` needs one).
DEFAULT_LR: dict[str, float] = {
    "sgd": 1e-3,
    "momentum": 1e-3,
    "nesterov": 1e-3,
    "adagrad": 1e-2,
    "rmsprop": 1e-2,
    "adam": 1e-3,
    "adamw": 1e-3,
}


def _check_lr(lr: float) -> float:
    try:
        lr = float(lr)
    except (TypeError, ValueError):
        raise ValueError(f"lr must be a finite number > 0, got {lr!r}") from None
    if not (np.isfinite(lr) and lr > 0.0):
        raise ValueError(f"lr must be a finite number > 0, got {lr!r}")
    return lr


def _in_unit(name: str, value: float) -> float:
    """``value`` in [0, 1) (momenta, betas, alpha)."""
    if isinstance(value, bool) or not (
        isinstance(value, int | float | np.floating) and np.isfinite(value) and 0 <= value < 1
    ):
        raise ValueError(f"{name} must be in [0, 1), got {value!r}")
    return float(value)


def _positive(name: str, value: float) -> float:
    if isinstance(value, bool) or not (
        isinstance(value, int | float | np.floating) and np.isfinite(value) and value > 0
    ):
        raise ValueError(f"{name} must be a finite number > 0, got {value!r}")
    return float(value)


def _decay(value: float) -> float:
    if isinstance(value, bool) or not (
        isinstance(value, int | float | np.floating) and np.isfinite(value) and 0 <= value <= 10
    ):
        raise ValueError(f"weight_decay must be in [0, 10], got {value!r}")
    return float(value)


class Optimizer:
    """Base class: holds ``lr``, the step count ``t`` and per-array state."""

    name = ""

    def __init__(self, lr: float, weight_decay: float = 0.0) -> None:
        self.lr = _check_lr(lr)
        self.weight_decay = _decay(weight_decay)
        self.t = 0
        #: None (decay every entry) or an array of 0s and 1s broadcast against each parameter
        #: array: entries with 0 get no weight decay (PyTorch: a parameter group with
        #: weight_decay 0, the usual choice for biases and normalisation parameters).
        self.decay_mask: np.ndarray | None = None

    @property
    def lr(self) -> float:
        return self._lr

    @lr.setter
    def lr(self, value: float) -> None:
        self._lr = _check_lr(value)

    @property
    def hyper(self) -> dict[str, float]:
        """The keywords ``make`` would need to rebuild this optimiser."""
        return {key: getattr(self, key) for key in DEFAULTS[self.name]}

    def reset(self) -> None:
        self.t = 0

    def decay_first(self, n: int, size: int) -> Optimizer:
        """Limit weight decay to the first ``n`` of ``size`` entries (returns self)."""
        if self.weight_decay:
            self.decay_mask = (np.arange(size) < n).astype(np.float64)
        return self

    def _decayed(self, w: np.ndarray) -> np.ndarray:
        """λw, with ``decay_mask`` applied."""
        return self.weight_decay * (w if self.decay_mask is None else w * self.decay_mask)

    def _coupled(self, w: np.ndarray, g: np.ndarray) -> np.ndarray:
        """g + λw (L2 regularisation through the gradient), a new array when λ > 0."""
        return g + self._decayed(w) if self.weight_decay else g

    def step(self, params: list[np.ndarray], grads: list[np.ndarray]) -> None:
        raise NotImplementedError
