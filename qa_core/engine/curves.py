"""Curves and checks for the activation explorer: f, f′, saturated zones, finite differences."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from qa_core.engine import activations

Z_LIMIT = 1e4  # the range the activations are guaranteed stable on
MAX_POINTS = 20_001


@dataclass(frozen=True)
class Curve:
    name: str
    z: np.ndarray
    f: np.ndarray
    df: np.ndarray
    argmax_df: float  # where f′ is largest on the grid
    max_df: float


def grid(z_min: float, z_max: float, n: int = 801) -> np.ndarray:
    """An evenly spaced z grid; ValueError naming the bad bound or count."""
    for label, value in (("z_min", z_min), ("z_max", z_max)):
        if not np.isfinite(value) or abs(value) > Z_LIMIT:
            raise ValueError(f"{label} must be in [-{Z_LIMIT:g}, {Z_LIMIT:g}], got {value!r}")
    if z_min >= z_max:
        raise ValueError(f"z_min must be < z_max, got z_min={z_min!r}, z_max={z_max!r}")
    if not 2 <= n <= MAX_POINTS:
        raise ValueError(f"n must be in [2, {MAX_POINTS}], got {n!r}")
    return np.linspace(z_min, z_max, int(n))


def curve(act: activations.Activation, z: np.ndarray) -> Curve:
    """f and f′ of one activation on a grid, with the largest derivative located."""
    f = act.forward(z)
    df = act.derivative(z)
    i = int(np.argmax(df))
    return Curve(act.name, z, f, df, float(z[i]), float(df[i]))


def saturated_intervals(
    z: np.ndarray, df: np.ndarray, threshold: float
) -> list[tuple[float, float]]:
    """Maximal runs of the grid where |f′(z)| < threshold, as (start, end) pairs."""
    if not threshold > 0:
        raise ValueError(f"threshold must be > 0, got {threshold!r}")
    low = np.abs(df) < threshold
    if not low.any():
        return []
    edges = np.diff(low.astype(np.int8))
    starts = np.flatnonzero(edges == 1) + 1
    ends = np.flatnonzero(edges == -1)
    if low[0]:
        starts = np.r_[0, starts]
    if low[-1]:
        ends = np.r_[ends, len(low) - 1]
    return [(float(z[s]), float(z[e])) for s, e in zip(starts, ends, strict=True)]


def saturated_fraction(df: np.ndarray, threshold: float) -> float:
    """Share of the grid where |f′| < threshold."""
    return float(np.mean(np.abs(df) < threshold))


def rrelu_band(act: activations.RReLU, z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The envelope of RReLU's training-time outputs: slopes ``lower`` and ``upper`` for z ≤ 0."""
    return activations.leaky(z, act.lower), activations.leaky(z, act.upper)


def rrelu_training_draw(act: activations.RReLU, z: np.ndarray, seed: int) -> np.ndarray:
    """One training-mode pass: every element gets its own random slope."""
    slopes = act.sample_slopes(z.shape, np.random.default_rng(seed))
    return activations.leaky(z, slopes)


@dataclass(frozen=True)
class TanhIdentity:
    z: np.ndarray
    tanh: np.ndarray
    via_sigmoid: np.ndarray  # 2σ(2z) − 1
    sigmoid: np.ndarray
    shifted_sigmoid: np.ndarray  # σ(z) − ½: what a mere shift would give
    max_gap: float  # max |tanh − (2σ(2z) − 1)|: rounding only


def tanh_from_sigmoid(z: np.ndarray) -> TanhIdentity:
    """tanh(z) = 2σ(2z) − 1: scale the input by 2, the output by 2, then shift by −1."""
    sigmoid = activations.get("sigmoid")
    direct = np.tanh(z)
    via_sigmoid = 2.0 * sigmoid.forward(2.0 * z) - 1.0
    s = sigmoid.forward(z)
    gap = float(np.max(np.abs(direct - via_sigmoid)))
    return TanhIdentity(z, direct, via_sigmoid, s, s - 0.5, gap)


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
