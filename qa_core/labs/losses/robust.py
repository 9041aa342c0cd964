"""A straight line fitted under MSE, MAE and Huber, with outliers: how far each loss lets a few
bad points pull the fit, read from the gradient each loss gives a point.

Data: ``N_POINTS`` points on y = 1.5·x + 0.5 with Gaussian noise (std 0.3), x ∈ [−2, 2]; the
``n_outliers`` points with the largest x get +``offset`` added to y (a sensor glitch on one side).

Each line ŷ = a·x + b is the exact minimiser of its loss, found without step sizes:
MSE by least squares; MAE by trying every line through two points (an L1 line fit always has
an optimum through two of the data points); Huber by iteratively reweighted least squares
(weights min(1, δ/|r|)) to convergence. The page's tests check each is a minimum with the
engine's own gradients (qa_core.engine.losses).

The gradient of each loss with respect to one prediction, as a function of its residual
r = ŷ − y: MSE 2r (grows without bound), MAE sign(r) (the same pull from every point), Huber
clip(r, −δ, δ) (like MSE/2 inside δ, like δ·MAE outside).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from qa_core.engine import checks, losses

LOSSES = ("mse", "mae", "huber")
N_POINTS = 30
TRUE_SLOPE, TRUE_INTERCEPT, NOISE = 1.5, 0.5, 0.3
MAX_OUTLIERS = 8
MAX_OFFSET = 30.0
DELTA_RANGE = (0.05, 10.0)


@dataclass(frozen=True)
class RobustFit:
    """The data, which points are outliers, and the fitted (slope, intercept) of each loss."""

    x: np.ndarray
    y: np.ndarray
    outlier: np.ndarray  # bool
    lines: dict[str, tuple[float, float]]
    delta: float

    def residuals(self, loss: str) -> np.ndarray:
        a, b = self.lines[loss]
        return a * self.x + b - self.y

    def table(self) -> pd.DataFrame:
        """Per loss: slope, intercept, and the fitted line's error against the true line
        (the mean |ŷ − y_true| over the x range, the inliers' scale of error)."""
        grid = np.linspace(-2.0, 2.0, 201)
        true = TRUE_SLOPE * grid + TRUE_INTERCEPT
        rows = []
        for name in LOSSES:
            a, b = self.lines[name]
            rows.append({"loss": name, "slope": a, "intercept": b,
                         "line_error": float(np.mean(np.abs(a * grid + b - true)))})  # fmt: skip
        return pd.DataFrame(rows)


def make_data(n_outliers: int, offset: float, seed: int = 0):
    """x, y and the outlier mask (the ``n_outliers`` largest x, shifted up by ``offset``)."""
    checks.integer("n_outliers", n_outliers, 0, MAX_OUTLIERS)
    checks.real("offset", offset, -MAX_OFFSET, MAX_OFFSET)
    rng = np.random.default_rng(seed)
    x = np.sort(rng.uniform(-2.0, 2.0, N_POINTS))
    y = TRUE_SLOPE * x + TRUE_INTERCEPT + NOISE * rng.standard_normal(N_POINTS)
    outlier = np.zeros(N_POINTS, dtype=bool)
    if n_outliers:
        outlier[-n_outliers:] = True
    y = y + offset * outlier
    return x, y, outlier


def fit_mse(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Least squares: the line with Σ r_i = 0 and Σ r_i·x_i = 0."""
    design = np.column_stack([x, np.ones_like(x)])
    (a, b), *_ = np.linalg.lstsq(design, y, rcond=None)
    return float(a), float(b)


def fit_mae(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """The least-absolute-deviations line: the best of all lines through two data points
    (ties broken by the first found; x values must not all be equal)."""
    i, j = np.triu_indices(len(x), k=1)
    dx = x[j] - x[i]
    ok = np.abs(dx) > 1e-12
    i, j, dx = i[ok], j[ok], dx[ok]
    a = (y[j] - y[i]) / dx
    b = y[i] - a * x[i]
    cost = np.abs(a[:, None] * x[None, :] + b[:, None] - y[None, :]).sum(axis=1)
    best = int(np.argmin(cost))
    return float(a[best]), float(b[best])


def fit_huber(
    x: np.ndarray, y: np.ndarray, delta: float, iterations: int = 500
) -> tuple[float, float]:
    """Huber's line by iteratively reweighted least squares, starting from the MAE line;
    each step solves Σ w_i r_i (x_i, 1) = 0 with w_i = min(1, δ/|r_i|) (the weights make
    w_i·r_i equal the Huber gradient clip(r_i, −δ, δ)), until the line stops moving."""
    a, b = fit_mae(x, y)
    design = np.column_stack([x, np.ones_like(x)])
    for _ in range(iterations):
        r = np.abs(a * x + b - y)
        w = np.minimum(1.0, delta / np.maximum(r, 1e-300))
        lhs = design.T @ (w[:, None] * design)
        new_a, new_b = np.linalg.solve(lhs, design.T @ (w * y))
        if abs(new_a - a) + abs(new_b - b) < 1e-13:
            a, b = new_a, new_b
            break
        a, b = new_a, new_b
    return float(a), float(b)


def fit_lines(n_outliers: int = 3, offset: float = 10.0, delta: float = 1.0,
              seed: int = 0) -> RobustFit:  # fmt: skip
    """The data and the three fitted lines."""
    checks.real("delta", delta, *DELTA_RANGE)
    x, y, outlier = make_data(n_outliers, offset, seed)
    lines = {"mse": fit_mse(x, y), "mae": fit_mae(x, y), "huber": fit_huber(x, y, delta)}
    return RobustFit(x, y, outlier, lines, float(delta))


def loss_gradient(loss: str, pred: np.ndarray, y: np.ndarray, delta: float = 1.0) -> np.ndarray:
    """∂L/∂ŷ_i of each point, per point (the engine's batch-mean gradient times m)."""
    checks.choice("loss", loss, LOSSES)
    if loss == "mse":
        _, grad = losses.mse(pred, y)
    elif loss == "mae":
        _, grad = losses.mae(pred, y)
    else:
        _, grad = losses.huber(pred, y, delta)
    return grad * len(y)


def gradient_curves(delta: float, r_max: float) -> pd.DataFrame:
    """∂ℓ/∂ŷ against the residual r ∈ [−r_max, r_max] for each loss (the curves behind the
    points' pulls)."""
    checks.real("delta", delta, *DELTA_RANGE)
    checks.real("r_max", r_max, 0.1, 1e3)
    r = np.linspace(-r_max, r_max, 801)
    zeros = np.zeros_like(r)
    return pd.DataFrame({"r": r, **{name: loss_gradient(name, r, zeros, delta) for name in LOSSES}})
