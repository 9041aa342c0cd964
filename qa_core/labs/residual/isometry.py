"""Orthogonal initialisation and dynamical isometry (Saxe, McClelland & Ganguli 2014).

The input–output Jacobian of a deep net is J = D_L W_Lᵀ ⋯ D_1 W_1ᵀ (D_k = diag f′(z_k)).
Keeping each layer's variance right (Xavier, He) makes ‖J v‖ right ON AVERAGE, but the product
of independent Gaussian matrices spreads J's singular values further apart with every layer:
a few directions are amplified, most are crushed, and the gradient reaches the first layers
through a handful of directions. With orthogonal weights in a linear net every singular value
of J is exactly 1 — the signal keeps its norm in EVERY direction ("dynamical isometry"); with
tanh it stays close to that while the pre-activations are small.

The probe: ``depth`` square layers of ``width`` units, weights by each init times ``gain``
(1 for linear and tanh here), biases 0, one input x ~ N(0, I); J's singular values.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from qa_core.engine import activations, checks
from qa_core.engine.inits import init_weights

INITS = ("xavier", "he", "orthogonal")
ACTIVATIONS = ("linear", "tanh")


def jacobian_singular_values(
    init: str, activation: str, depth: int, width: int, gain: float, seed: int
) -> np.ndarray:
    """Singular values (descending) of ∂x_L/∂x_0 for one draw."""
    rng = np.random.default_rng(seed)
    h = rng.standard_normal(width)
    jac = np.eye(width)
    f = None if activation == "linear" else activations.get(activation)
    for _ in range(depth):
        w = init_weights(width, width, init, rng, scale=gain)
        z = h @ w
        slope = np.ones(width) if f is None else f.derivative(z)
        h = z if f is None else f.forward(z)
        jac = (jac @ w) * slope  # row vector convention: x_k = f(x_{k−1} W), J = Π W D
    return np.linalg.svd(jac, compute_uv=False)


def isometry_spectra(
    depth: int = 32,
    activation: str = "linear",
    width: int = 128,
    gain: float = 1.0,
    seed: int = 0,
) -> pd.DataFrame:
    """Columns init, rank (0…1, largest first), singular_value; one row per singular value."""
    checks.integer("depth", depth, 1, 200)
    checks.choice("activation", activation, ACTIVATIONS)
    checks.integer("width", width, 2, 512)
    checks.real("gain", gain, 0.1, 4.0)
    checks.integer("seed", seed, 0, 2**31 - 1)
    rows = []
    for init in INITS:
        with np.errstate(over="ignore", under="ignore", invalid="ignore"):
            values = jacobian_singular_values(init, activation, depth, width, gain, seed)
        ranks = np.arange(width) / max(width - 1, 1)
        rows += [(init, float(r), float(v)) for r, v in zip(ranks, values, strict=True)]
    return pd.DataFrame(rows, columns=["init", "rank", "singular_value"])


def spread(spectra: pd.DataFrame) -> pd.DataFrame:
    """Per init: the largest and smallest singular value and their ratio (condition number)."""
    g = spectra.groupby("init", sort=False)["singular_value"]
    out = pd.DataFrame({"largest": g.max(), "smallest": g.min()})
    out["condition"] = out["largest"] / out["smallest"]
    return out.reset_index()
