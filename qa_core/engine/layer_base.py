"""The interface every layer implements: ``forward(x, training)``, ``backward(dy)``, ``params``
and ``grads`` (the layers are in ``qa_core.engine.layers`` and ``qa_core.engine.norms``; both
import this base, and ``layers`` re-exports it)."""

from __future__ import annotations

import numpy as np


class Layer:
    """Base class: ``params``/``grads`` are empty for parameter-free layers."""

    def __init__(self) -> None:
        self.params: dict[str, np.ndarray] = {}
        self.grads: dict[str, np.ndarray] = {}

    def forward(self, x: np.ndarray, training: bool) -> np.ndarray:
        raise NotImplementedError

    def backward(self, dy: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


__all__ = ["Layer"]
