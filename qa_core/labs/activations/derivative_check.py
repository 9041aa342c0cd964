"""The explorer's derivative check: each analytic f′ against a central finite difference."""

from __future__ import annotations

import numpy as np
import pandas as pd

from qa_core.engine import activations


def check_points(z_min: float, z_max: float, n: int = 9) -> np.ndarray:
    """Sample points for the derivative check, nudged off the kink at 0."""
    points = np.linspace(z_min, z_max, n)
    return np.where(np.abs(points) < 1e-3, 1e-3, points)


def derivative_check(
    act: activations.Activation, points: np.ndarray, h: float = 1e-5
) -> pd.DataFrame:
    """Analytic f′ against the central difference (f(z+h) − f(z−h)) / 2h, error O(h²)."""
    if not 0 < h <= 0.1:
        raise ValueError(f"h must be in (0, 0.1], got {h!r}")
    analytic = act.derivative(points)
    numeric = (act.forward(points + h) - act.forward(points - h)) / (2.0 * h)
    error = np.abs(analytic - numeric)
    return pd.DataFrame(
        {
            "activation": act.name,
            "z": points,
            "analytic": analytic,
            "finite_difference": numeric,
            "abs_error": error,
            "rel_error": error / np.maximum(np.abs(numeric), 1e-12),
        }
    )
