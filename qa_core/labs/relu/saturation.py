"""Non-saturation: the derivatives of sigmoid, tanh and ReLU side by side, where each is nearly
flat, and their values at a few points.

Sigmoid and tanh flatten out on both sides (f′ → 0 as |z| grows); ReLU's derivative is exactly
1 for every z > 0, however large, so an active ReLU never shrinks the gradient it passes back.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from qa_core.engine import activations, curves

#: The activations compared, in display order.
COMPARED = ("sigmoid", "tanh", "relu")
#: |f′(z)| below this counts as saturated.
THRESHOLD = 0.01
#: The points of the derivative table.
POINTS = (-5.0, -1.0, 1.0, 5.0, 10.0, 20.0)
GRID_N = 1601

Intervals = list[tuple[float, float]]


def derivative_curves(z_min: float, z_max: float, n: int = GRID_N) -> list[curves.Curve]:
    """f and f′ of the compared activations on an even grid over [z_min, z_max]; ValueError
    names a bad bound."""
    z = curves.grid(z_min, z_max, n)
    return [curves.curve(activations.get(name), z) for name in COMPARED]


def saturated(results: list[curves.Curve], threshold: float = THRESHOLD) -> dict[str, Intervals]:
    """Per activation, the stretches of its grid where |f′(z)| < ``threshold``."""
    return {c.name: curves.saturated_intervals(c.z, c.df, threshold) for c in results}


def derivative_points(points: tuple[float, ...] = POINTS) -> list[curves.Curve]:
    """f and f′ of the compared activations at ``points`` only."""
    z = np.array(points)
    return [curves.curve(activations.get(name), z) for name in COMPARED]


def derivative_table(points: tuple[float, ...] = POINTS) -> pd.DataFrame:
    """One row per compared activation: ``activation``, then f′ at each point, in columns
    named ``f′(<z>)``."""
    shown = derivative_points(points)
    return pd.DataFrame(
        {"activation": [c.name for c in shown]}
        | {f"f′({z:g})": [float(c.df[i]) for c in shown] for i, z in enumerate(points)}
    )


__all__ = [
    "COMPARED",
    "POINTS",
    "THRESHOLD",
    "derivative_curves",
    "derivative_points",
    "derivative_table",
    "saturated",
]
