"""The linear-region argument for γ and β (Ioffe & Szegedy 2015, §3).

Normalising a sigmoid's input to mean 0, std 1 keeps most of it where σ is nearly linear:
σ(z) is within 0.019 of its tangent 0.5 + z/4 for |z| ≤ 1, and P(|z| ≤ 1) ≈ 68.3% for
z ~ N(0, 1). A learned scale γ and shift β (y = γ x̂ + β) move the inputs into the curved
parts again. γ = √(σ²_B + ε), β = μ_B undo the normalisation of THIS batch exactly (y = x);
fixed parameters cannot follow the statistics of the next batch, so in training mode the
identity is approximate (Ioffe & Szegedy write it with population moments, γ = √Var[x],
β = E[x]). In eval mode, with γ = √(σ̂² + ε), β = μ̂ of the running statistics, it is exact
for every input.

``linear_region`` pushes a batch of "original" inputs x through the engine's BatchNorm layer in
training mode with the given γ, β and reports where the outputs land on the sigmoid;
``share_answer`` names the page's answer nearest to a measured share.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from qa_core.engine import checks
from qa_core.engine.activations import get as get_activation
from qa_core.engine.layers import BatchNorm

DEFAULT_TOL = 0.02
N_POINTS = 2000
N_BINS = 60
_SIGMOID = get_activation("sigmoid")
#: The page's answers to "what share of the normalised inputs lands in the near-linear band?"
SHARE_ANSWERS: dict[str, float] = {"p30": 0.30, "p50": 0.50, "p70": 0.70, "p95": 0.95}


def sigmoid(z: np.ndarray) -> np.ndarray:
    """σ(z) = 1/(1 + e^(−z)), the engine's overflow-free version."""
    return _SIGMOID.forward(np.asarray(z, dtype=np.float64))


def tangent(z: np.ndarray) -> np.ndarray:
    """The tangent of σ at 0: σ(0) + σ′(0)·z = 0.5 + z/4."""
    return 0.5 + np.asarray(z, dtype=np.float64) / 4.0


def tangent_gap(z: np.ndarray) -> np.ndarray:
    """|σ(z) − (0.5 + z/4)|: 0 at z = 0, growing like |z|³/48 near 0 and like |z|/4 far out."""
    return np.abs(sigmoid(z) - tangent(z))


def _check_tol(tol: float) -> float:
    if not (np.isfinite(tol) and 0.0 < tol < 0.5):
        raise ValueError(f"tol must be in (0, 0.5), got {tol!r}")
    return float(tol)


def linear_half_width(tol: float = DEFAULT_TOL) -> float:
    """The z* > 0 with |σ(z*) − (0.5 + z*/4)| = tol: σ is within ``tol`` of its tangent
    exactly on |z| ≤ z* (the gap grows monotonically in |z|). Bisection to 1e-12."""
    tol = _check_tol(tol)
    lo, hi = 0.0, 4.0 * tol + 8.0  # the gap exceeds hi/4 − 1 ≥ tol there
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        if tangent_gap(np.array(mid)) < tol:
            lo = mid
        else:
            hi = mid
        if hi - lo < 1e-12:
            break
    return 0.5 * (lo + hi)


def normal_mass_within(half_width: float) -> float:
    """P(|z| ≤ a) for z ~ N(0, 1): erf(a/√2). For a = 1: 0.6827."""
    return math.erf(half_width / math.sqrt(2.0))


@dataclass(frozen=True, eq=False)
class LinearRegion:
    """Where a batch of BN outputs y = γ x̂ + β land on the sigmoid.

    ``x`` the original inputs, ``y`` the BN outputs (same order); ``batch_mean``/``batch_std``
    the batch's μ_B and √(σ²_B + ε); ``half_width`` z*; ``fraction_linear`` the share of y
    with |y| ≤ z*; ``linear_r2`` the R² of the best straight line through (y, σ(y)) — 1 means
    the layer acts linearly on this batch; ``max_restore_error`` max |y − x|;
    ``other_batch_error`` max |y′ − x′| on a second batch x′ of the same distribution,
    normalised in training mode by its own statistics with the same γ, β;
    ``eval_identity_error`` max |y′ − x′| in eval mode with running statistics μ̂ = μ_B,
    σ̂² = σ²_B and γ = √(σ̂² + ε), β = μ̂ (0 up to rounding: the eval-mode identity).
    """

    x: np.ndarray
    y: np.ndarray
    gamma: float
    beta: float
    batch_mean: float
    batch_std: float
    tol: float
    half_width: float
    fraction_linear: float
    linear_r2: float
    max_restore_error: float
    other_batch_error: float
    eval_identity_error: float
    edges: np.ndarray  # shared histogram bins of x and y
    counts_x: np.ndarray
    counts_y: np.ndarray


def original_inputs(mean: float, std: float, n: int = N_POINTS, seed: int = 0) -> np.ndarray:
    """A batch of n pre-activations x ~ N(mean, std²) from a seeded Generator."""
    if not (np.isfinite(mean) and abs(mean) <= 100.0):
        raise ValueError(f"mean must be in [-100, 100], got {mean!r}")
    if not (np.isfinite(std) and 0.0 < std <= 100.0):
        raise ValueError(f"std must be in (0, 100], got {std!r}")
    checks.integer("n", n, 2, 100_000)
    return np.random.default_rng(seed).normal(mean, std, n)


def share_answer(fraction: float) -> str:
    """The key of ``SHARE_ANSWERS`` nearest to ``fraction`` (the first of two equally near)."""
    return min(SHARE_ANSWERS, key=lambda k: abs(SHARE_ANSWERS[k] - fraction))


def _r2_of_line(u: np.ndarray, v: np.ndarray) -> float:
    """R² of the least-squares line v ≈ a + b·u (1.0 when v is constant or exactly linear)."""
    du, dv = u - u.mean(), v - v.mean()
    svv = float(dv @ dv)
    suu = float(du @ du)
    if svv == 0.0 or suu == 0.0:
        return 1.0
    return float((du @ dv) ** 2 / (suu * svv))


def linear_region(
    *,
    mean: float = 1.0,
    std: float = 2.0,
    gamma: float = 1.0,
    beta: float = 0.0,
    identity: bool = False,
    tol: float = DEFAULT_TOL,
    n: int = N_POINTS,
    seed: int = 0,
) -> LinearRegion:
    """Normalise x ~ N(mean, std²) with a training-mode BatchNorm, scale by γ, shift by β.

    ``identity=True`` ignores γ, β and sets γ = √(σ²_B + ε), β = μ_B of this batch: the
    output equals x on this batch only (see ``other_batch_error``).
    """
    if not (np.isfinite(gamma) and abs(gamma) <= 100.0):
        raise ValueError(f"gamma must be in [-100, 100], got {gamma!r}")
    if not (np.isfinite(beta) and abs(beta) <= 100.0):
        raise ValueError(f"beta must be in [-100, 100], got {beta!r}")
    tol = _check_tol(tol)
    x = original_inputs(mean, std, n, seed)
    layer = BatchNorm(1)
    mu, var = float(x.mean()), float(x.var())
    batch_std = math.sqrt(var + layer.eps)
    if identity:
        gamma, beta = batch_std, mu
    layer.params["gamma"][:] = gamma
    layer.params["beta"][:] = beta
    y = layer.forward(x[:, None], training=True)[:, 0]
    x2 = original_inputs(mean, std, n, seed + 1)  # a second batch, same distribution
    y2 = layer.forward(x2[:, None], training=True)[:, 0]
    frozen = BatchNorm(1)
    frozen.running_mean[:], frozen.running_var[:] = mu, var
    frozen.params["gamma"][:] = math.sqrt(var + frozen.eps)
    frozen.params["beta"][:] = mu
    y2_eval = frozen.forward(x2[:, None], training=False)[:, 0]
    z_star = linear_half_width(tol)
    lo = min(float(x.min()), float(y.min()), -z_star)
    hi = max(float(x.max()), float(y.max()), z_star)
    edges = np.linspace(lo, hi, N_BINS + 1)
    return LinearRegion(
        x=x,
        y=y,
        gamma=float(gamma),
        beta=float(beta),
        batch_mean=mu,
        batch_std=batch_std,
        tol=tol,
        half_width=z_star,
        fraction_linear=float(np.mean(np.abs(y) <= z_star)),
        linear_r2=_r2_of_line(y, sigmoid(y)),
        max_restore_error=float(np.max(np.abs(y - x))),
        other_batch_error=float(np.max(np.abs(y2 - x2))),
        eval_identity_error=float(np.max(np.abs(y2_eval - x2))),
        edges=edges,
        counts_x=np.histogram(x, bins=edges)[0],
        counts_y=np.histogram(y, bins=edges)[0],
    )


__all__ = [
    "DEFAULT_TOL",
    "SHARE_ANSWERS",
    "LinearRegion",
    "linear_half_width",
    "linear_region",
    "normal_mass_within",
    "original_inputs",
    "share_answer",
    "sigmoid",
    "tangent",
    "tangent_gap",
]
