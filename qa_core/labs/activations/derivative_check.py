"""The explorer's derivative check: each analytic f′ against a central finite difference.

A central difference whose interval [z − h, z + h] straddles a kink averages the two one-sided
slopes (0.5 for ReLU at z = 0, whose code returns 0 there), so it checks nothing. The sample
points therefore keep farther than ``MAX_STEP`` — the largest h ``derivative_check`` accepts —
from every kink.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from qa_core.engine import activations, checks

#: The largest step h ``derivative_check`` accepts.
MAX_STEP = 0.1
#: Where the registered activations have a kink: z = 0 (the ReLU family and SELU).
KINKS: tuple[float, ...] = (0.0,)


def kink_clearance(points: np.ndarray) -> float:
    """The smallest distance from a point to a kink."""
    points = np.asarray(points, dtype=np.float64).reshape(-1, 1)
    return float(np.min(np.abs(points - np.asarray(KINKS))))


def check_points(z_min: float = -4.0, z_max: float = 4.0, n: int = 8) -> np.ndarray:
    """The midpoints of ``n`` equal cells of [z_min, z_max]: on [−4, 4] with n = 8 they are
    ±0.5, ±1.5, ±2.5, ±3.5, each at least 0.5 from the kink at 0.

    ValueError (naming the parameter) for a bad range or n, or when a point would lie within
    ``MAX_STEP`` of a kink (e.g. an odd n on a range symmetric about 0 puts one on it)."""
    z_min = checks.real("z_min", z_min, -50.0, 50.0)
    z_max = checks.real("z_max", z_max, -50.0, 50.0)
    if not z_min < z_max:
        raise ValueError(f"z_min must be < z_max, got {z_min!r} >= {z_max!r}")
    n = checks.integer("n", n, 1, 1000)
    cell = (z_max - z_min) / n
    points = z_min + cell * (np.arange(n) + 0.5)
    if kink_clearance(points) <= MAX_STEP:
        raise ValueError(
            f"n must leave every point more than {MAX_STEP:g} from a kink at "
            f"{', '.join(f'{k:g}' for k in KINKS)}; with n={n} on [{z_min:g}, {z_max:g}] one "
            f"lies {kink_clearance(points):.3g} away"
        )
    return points


def derivative_check(
    act: activations.Activation, points: np.ndarray, h: float = 1e-5
) -> pd.DataFrame:
    """Analytic f′ against the central difference (f(z+h) − f(z−h)) / 2h, error O(h²)."""
    h = checks.real("h", h, 0.0, MAX_STEP, low_open=True)
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
