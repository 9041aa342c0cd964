"""The per-example normalisations LayerNorm, GroupNorm and RMSNorm (re-exported by
``qa_core.engine.layers``) and their arithmetic: statistics over groups of one row's features,
and their backward.

A row of n features is split into ``groups`` contiguous groups of k = n / groups features.
Centred (LayerNorm, GroupNorm): x̂ = (x − μ)/√(σ² + ε), μ and the biased σ² over the group.
Uncentred (RMSNorm, Zhang & Sennrich 2019): x̂ = x/√(mean(x²) + ε).
Backward, with g = ∂L/∂x̂ and r the group's √(σ² + ε) (or √(mean(x²) + ε)), means over the group:
    centred:   ∂L/∂x = (g − mean(g) − x̂·mean(g ⊙ x̂)) / r
    uncentred: ∂L/∂x = (g − x̂·mean(g ⊙ x̂)) / r
No statistic spans the batch, so a row's output never depends on the other rows.
"""

from __future__ import annotations

import numpy as np

from qa_core.engine import checks
from qa_core.engine.layer_base import Layer


def _grouped(a: np.ndarray, groups: int) -> np.ndarray:
    if a.ndim != 2:
        raise ValueError(f"x must be a 2-D array (batch, features), got shape {a.shape}")
    m, n = a.shape
    return a.reshape(m, groups, n // groups)


def normalise(
    x: np.ndarray, groups: int, eps: float, centred: bool = True
) -> tuple[np.ndarray, np.ndarray]:
    """(x̂ of x's shape, 1/r of shape (batch, groups, 1))."""
    xg = _grouped(np.asarray(x, dtype=np.float64), groups)
    d = xg - xg.mean(axis=-1, keepdims=True) if centred else xg
    inv = 1.0 / np.sqrt(np.mean(d * d, axis=-1, keepdims=True) + eps)
    return (d * inv).reshape(x.shape), inv


def backward(g: np.ndarray, xhat: np.ndarray, inv: np.ndarray, centred: bool = True) -> np.ndarray:
    """∂L/∂x from g = ∂L/∂x̂ and what ``normalise`` returned."""
    groups = inv.shape[1]
    gg, xh = _grouped(g, groups), _grouped(xhat, groups)
    dx = gg - xh * np.mean(gg * xh, axis=-1, keepdims=True)
    if centred:
        dx -= np.mean(gg, axis=-1, keepdims=True)
    dx *= inv
    return dx.reshape(g.shape)


class _RowNorm(Layer):
    """Per-example normalisation over groups of features (``qa_core.engine.norms``), then a
    per-feature scale γ (starts at 1) and, when ``shift``, shift β (starts at 0). The same in
    training and eval, no running statistics, exact for a batch of one."""

    centred = True
    shift = True

    def __init__(self, n_features: int, groups: int, eps: float) -> None:
        super().__init__()
        n = checks.integer("n_features", n_features, 1, 1_000_000)
        g = checks.integer("groups", groups, 1, n)
        if n % g:
            raise ValueError(
                f"groups must divide n_features = {n} (a divisor in [1, {n}]), got {g}"
            )
        if not (np.isfinite(eps) and eps > 0.0):
            raise ValueError(f"eps must be a finite number > 0, got {eps!r}")
        self.n_features, self.groups, self.eps = n, g, float(eps)
        self.params = {"gamma": np.ones(n)} | ({"beta": np.zeros(n)} if self.shift else {})
        self.grads = {k: np.zeros(n) for k in self.params}
        self._xhat: np.ndarray | None = None
        self._inv: np.ndarray | None = None

    def apply(self, x: np.ndarray) -> np.ndarray:
        """The output without touching any state (eval mode equals training mode here)."""
        y = normalise(x, self.groups, self.eps, self.centred)[0] * self.params["gamma"]
        return y + self.params["beta"] if self.shift else y

    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        self._xhat, self._inv = normalise(x, self.groups, self.eps, self.centred)
        y = self._xhat * self.params["gamma"]
        return y + self.params["beta"] if self.shift else y

    def backward(self, dy: np.ndarray) -> np.ndarray:
        np.einsum("ij,ij->j", dy, self._xhat, out=self.grads["gamma"])
        if self.shift:
            np.add.reduce(dy, axis=0, out=self.grads["beta"])
        return backward(dy * self.params["gamma"], self._xhat, self._inv, self.centred)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.n_features})"


class LayerNorm(_RowNorm):
    """Layer normalisation (Ba, Kiros & Hinton 2016): each example over all its features,
    biased variance, ε = 1e-5 (PyTorch's ``layer_norm``)."""

    def __init__(self, n_features: int, eps: float = 1e-5) -> None:
        super().__init__(n_features, 1, eps)


class GroupNorm(_RowNorm):
    """Group normalisation (Wu & He 2018): each example over ``groups`` contiguous groups of
    its features (PyTorch's ``group_norm`` on (N, C)); groups = 1 is LayerNorm."""

    def __init__(self, n_features: int, groups: int, eps: float = 1e-5) -> None:
        super().__init__(n_features, groups, eps)

    def __repr__(self) -> str:
        return f"GroupNorm({self.n_features}, groups={self.groups})"


class RMSNorm(_RowNorm):
    """RMS normalisation (Zhang & Sennrich 2019): y = x/√(mean(x²) + ε) ⊙ γ over each example's
    features: no centring, no shift (PyTorch's ``rms_norm``; ε = 1e-6 here)."""

    centred = False
    shift = False

    def __init__(self, n_features: int, eps: float = 1e-6) -> None:
        super().__init__(n_features, 1, eps)


#: The per-example normalisations, by the name ``TrainConfig.norm`` uses.
ROW_NORMS = {"layer": LayerNorm, "group": GroupNorm, "rms": RMSNorm}


__all__ = ["ROW_NORMS", "GroupNorm", "LayerNorm", "RMSNorm", "backward", "normalise"]
