"""∂L/∂z for one example at a sigmoid output, under cross-entropy and under MSE.

With p = σ(z) and a target y ∈ {0, 1}:

- cross-entropy (binary, from the logit): L = −y log p − (1 − y) log(1 − p), ∂L/∂z = p − y;
- MSE on the probability: L = (p − y)², ∂L/∂z = 2(p − y)·σ′(z) = 2(p − y)·p(1 − p).

The σ′ factor cancels in the first and stays in the second, so the MSE gradient vanishes where
the unit is saturated, in particular where it is confidently wrong. Both are computed with the
engine's losses (one example, m = 1) and its sigmoid, so the page shows what training uses.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from qa_core.engine import activations, checks, losses

Z_MAX = 30.0  # σ′(30) ≈ 9.4e-14: still representable, so |∂L/∂z| > 0 on a log axis
N_POINTS = 601


def _check_target(y: object) -> None:
    if isinstance(y, bool) or y not in (0, 1):
        raise ValueError(f"y must be 0 or 1, got {y!r}")


def per_example(z: np.ndarray, y: int) -> dict[str, np.ndarray]:
    """Loss and ∂L/∂z of each logit in ``z`` as a one-example batch, for both losses."""
    sigmoid = activations.get("sigmoid")
    target = np.full(z.shape, float(y))
    p = sigmoid.forward(z)
    m = z.size
    # the engine averages over the batch: undo the 1/m to get each example's own gradient
    ce_loss = np.maximum(z, 0.0) - z * target + np.log1p(np.exp(-np.abs(z)))
    _, ce_grad = losses.binary_cross_entropy(z, target)
    _, mse_dp = losses.mse(p, target)
    return {
        "p": p,
        "ce_loss": ce_loss,
        "ce_grad": ce_grad * m,
        "mse_loss": (p - target) ** 2,
        "mse_grad": mse_dp * m * sigmoid.derivative(z),
    }


def gradient_curves(y: int, z_max: float = 10.0, n: int = N_POINTS) -> pd.DataFrame:
    """Columns z, p, ce_loss, ce_grad, mse_loss, mse_grad over z ∈ [−z_max, z_max]."""
    _check_target(y)
    checks.real("z_max", z_max, 1.0, Z_MAX)
    checks.integer("n", n, 3, 10_001)
    z = np.linspace(-z_max, z_max, n)
    return pd.DataFrame({"z": z, **per_example(z, y)})


@dataclass(frozen=True)
class PointReading:
    """Both gradients at one logit: the values, their ratio, and whether the unit is wrong."""

    z: float
    y: int
    p: float
    ce_grad: float
    mse_grad: float

    @property
    def ratio(self) -> float:
        """|∂L_CE/∂z| / |∂L_MSE/∂z| (inf where the MSE gradient underflows to 0)."""
        if self.mse_grad == 0.0:
            return float("inf") if self.ce_grad else 1.0
        return abs(self.ce_grad) / abs(self.mse_grad)

    @property
    def wrong(self) -> bool:
        """The prediction is on the wrong side of 0.5."""
        return (self.p >= 0.5) != (self.y == 1)

    @property
    def confidently_wrong(self) -> bool:
        """Wrong with probability at least 0.9 on the wrong class (|z| ≥ ln 9 ≈ 2.2)."""
        return self.wrong and abs(self.p - self.y) >= 0.9


def reading(z: float, y: int) -> PointReading:
    """Both gradients at the logit ``z`` for the target ``y``."""
    _check_target(y)
    checks.real("z", z, -Z_MAX, Z_MAX)
    values = per_example(np.array([float(z)]), y)
    return PointReading(float(z), y, float(values["p"][0]), float(values["ce_grad"][0]),
                        float(values["mse_grad"][0]))  # fmt: skip
