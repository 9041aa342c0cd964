"""Losses (each returns the mean loss and its gradient) and the weight penalties.

Every loss averages over the batch of m samples, so its gradient carries the factor 1/m.
All are stable for huge inputs (logits of ±1e4 give finite losses and gradients).
"""

from __future__ import annotations

import numpy as np

from qa_core.engine import checks


def _rows(ufunc: np.ufunc, z: np.ndarray) -> np.ndarray:
    """ufunc reduced along each row, shape (m, 1). For few classes, combining whole columns is
    several times faster than NumPy's reduction along short rows (a loop over classes)."""
    if z.shape[1] > 8:
        return ufunc.reduce(z, axis=1, keepdims=True)
    out = z[:, :1].copy()
    for j in range(1, z.shape[1]):
        ufunc(out, z[:, j : j + 1], out=out)
    return out


def log_softmax(logits: np.ndarray) -> np.ndarray:
    """log softmax(z)_k = z_k − max z − log Σ_j exp(z_j − max z): no overflow."""
    shifted = logits - _rows(np.maximum, logits)
    shifted -= np.log(_rows(np.add, np.exp(shifted)))
    return shifted


def softmax(logits: np.ndarray) -> np.ndarray:
    """softmax(z)_k = exp(z_k − max z) / Σ_j exp(z_j − max z)."""
    e = np.exp(logits - _rows(np.maximum, logits))
    e /= _rows(np.add, e)
    return e


def softmax_cross_entropy(
    logits: np.ndarray, y: np.ndarray, label_smoothing: float = 0.0
) -> tuple[float, np.ndarray]:
    """PyTorch's ``cross_entropy(logits, y, label_smoothing=ε)``: the target of row i is
    q_i = (1 − ε)·onehot(y_i) + ε/C (Szegedy et al. 2016), and

    L = −(1/m) Σ_i Σ_k q_ik · log softmax(z_i)_k;   ∂L/∂z = (softmax(z) − q) / m.

    ``logits`` (m, C), ``y`` integer labels (m,), ``label_smoothing`` ε in [0, 1].
    """
    if label_smoothing:
        checks.real("label_smoothing", label_smoothing, 0.0, 1.0)
    m, n_classes = logits.shape
    rows = np.arange(m)
    shifted = logits - _rows(np.maximum, logits)
    grad = np.exp(shifted)
    total = _rows(np.add, grad)
    log_total = np.log(total[:, 0])
    nll = np.add.reduce(log_total - shifted[rows, y])  # Σ_i −log p_{i, y_i}
    grad *= 1.0 / (m * total)  # softmax / m
    if label_smoothing:
        eps = float(label_smoothing)
        # Σ_k −log p_ik = C·log Σ_j e^{shifted_ij} − Σ_k shifted_ik
        uniform = np.add.reduce(n_classes * log_total - _rows(np.add, shifted)[:, 0])
        loss = ((1.0 - eps) * float(nll) + eps / n_classes * float(uniform)) / m
        grad -= eps / (n_classes * m)
        grad[rows, y] -= (1.0 - eps) / m
        return loss, grad
    grad[rows, y] -= 1.0 / m
    return float(nll) / m, grad


def binary_cross_entropy(logits: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray]:
    """BCE from logits: L = (1/m) Σ max(z,0) − z·y + log(1 + e^{−|z|});  ∂L/∂z = (σ(z) − y)/m.

    ``logits`` (m,) or (m, 1), ``y`` in {0, 1} (or any target in [0, 1]) of the same length.
    """
    z = logits.reshape(-1)
    t = np.asarray(y, dtype=np.float64).reshape(-1)
    m = z.shape[0]
    e = np.exp(-np.abs(z))
    loss = float((np.maximum(z, 0.0) - z * t + np.log1p(e)).sum()) / m
    sig = np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    return loss, ((sig - t) / m).reshape(logits.shape)


def mse(pred: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray]:
    """L = (1/m) Σ_i (ŷ_i − y_i)²  (PyTorch's MSELoss);  ∂L/∂ŷ = 2(ŷ − y)/m.

    ``pred`` (m,) or (m, 1); ``y`` (m,).
    """
    diff = pred.reshape(-1) - np.asarray(y, dtype=np.float64).reshape(-1)
    m = diff.shape[0]
    loss = float(diff @ diff) / m
    return loss, (diff * (2.0 / m)).reshape(pred.shape)


def mae(pred: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray]:
    """L = (1/m) Σ_i |ŷ_i − y_i|  (PyTorch's L1Loss);  ∂L/∂ŷ = sign(ŷ − y)/m (0 where equal,
    as PyTorch's subgradient).

    ``pred`` (m,) or (m, 1); ``y`` (m,).
    """
    diff = pred.reshape(-1) - np.asarray(y, dtype=np.float64).reshape(-1)
    m = diff.shape[0]
    loss = float(np.abs(diff).sum()) / m
    return loss, (np.sign(diff) / m).reshape(pred.shape)


def huber(pred: np.ndarray, y: np.ndarray, delta: float = 1.0) -> tuple[float, np.ndarray]:
    """PyTorch's ``huber_loss`` (Huber 1964), with d = ŷ − y:

    ℓ(d) = ½d² if |d| < δ, else δ(|d| − ½δ);   L = (1/m) Σ ℓ(d_i);   ∂L/∂ŷ = clip(d, −δ, δ)/m.

    Quadratic near 0 (like MSE/2), linear in the tails (like δ·MAE), so an outlier pulls with
    a force of at most δ. ``delta`` > 0.
    """
    checks.real("delta", delta, 0.0, 1e6, low_open=True)
    diff = pred.reshape(-1) - np.asarray(y, dtype=np.float64).reshape(-1)
    m = diff.shape[0]
    size = np.abs(diff)
    inside = size < delta
    each = np.where(inside, 0.5 * diff * diff, delta * (size - 0.5 * delta))
    return float(each.sum()) / m, (np.clip(diff, -delta, delta) / m).reshape(pred.shape)


def penalty(weights: np.ndarray, l1: float = 0.0, l2: float = 0.0) -> float:
    """R(W) = l1·Σ|w| + (l2/2)·Σw².

    The ½ makes ∂R/∂w = l1·sign(w) + l2·w, so l2 acts like PyTorch's ``weight_decay``
    with SGD. Applied to Dense weights only — never biases, BN γ/β or PReLU slopes
    (He et al. 2015 train a without decay).
    """
    w = weights.reshape(-1)
    total = 0.0
    if l1:
        total += l1 * float(np.abs(w).sum())
    if l2:
        total += 0.5 * l2 * float(w @ w)
    return total


def add_penalty_grad(
    grad: np.ndarray, weights: np.ndarray, l1: float = 0.0, l2: float = 0.0
) -> None:
    """grad += l1·sign(w) + l2·w, in place (same shapes)."""
    if l1:
        grad += l1 * np.sign(weights)
    if l2:
        grad += l2 * weights


__all__ = [
    "add_penalty_grad",
    "binary_cross_entropy",
    "huber",
    "log_softmax",
    "mae",
    "mse",
    "penalty",
    "softmax",
    "softmax_cross_entropy",
]
