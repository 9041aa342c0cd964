"""An activation sampled on a grid of z: f and f′, its saturated zones, RReLU's band of slopes."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

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
