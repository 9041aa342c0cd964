"""What the explorer shows beside f and f′: where each f′ is flat (below a threshold), each
curve's summary, and RReLU's training-time band with one random training pass."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from qa_core.engine import activations, curves
from qa_core.engine.curves import Curve

DRAW_EVERY = 8  # one training pass is drawn as a dot on every 8th point of the grid
DRAW_SEED = 0


def saturated_zones(results: Sequence[Curve], threshold: float) -> dict[str, list[tuple]]:
    """Per curve (by name), the runs of its grid where |f′| < threshold, as (start, end)."""
    return {c.name: curves.saturated_intervals(c.z, c.df, threshold) for c in results}


def summary(results: Sequence[Curve], threshold: float) -> pd.DataFrame:
    """One row per curve: name, max_df (the largest f′ on the grid), argmax_df (where it is)
    and saturated (the share of the grid where |f′| < threshold)."""
    return pd.DataFrame(
        {
            "name": [c.name for c in results],
            "max_df": [c.max_df for c in results],
            "argmax_df": [c.argmax_df for c in results],
            "saturated": [curves.saturated_fraction(c.df, threshold) for c in results],
        }
    )


def rrelu_overlay(
    rrelu: activations.RReLU, z: np.ndarray
) -> tuple[tuple[np.ndarray, np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
    """RReLU in training: its band (z, slope-``lower`` line, slope-``upper`` line) on the grid
    ``z``, and one training pass (z, f) with a random slope per point, on every
    ``DRAW_EVERY``-th point (the same pass on every call)."""
    band = (z, *curves.rrelu_band(rrelu, z))
    sparse = z[::DRAW_EVERY]
    return band, (sparse, curves.rrelu_training_draw(rrelu, sparse, seed=DRAW_SEED))
