"""What the layers look like: each layer's pre-activations, how many sit where f′ is flat, and
the spread of the activations layer by layer."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from qa_core.engine import activations, checks, curves
from qa_core.labs.vanishing_gradients.probe import Probe, layer_grad_norms
from qa_core.labs.vanishing_gradients.sweeps import OK, OVERFLOW

# -- what the layers look like --------------------------------------------------------------


@dataclass(frozen=True)
class LayerSaturation:
    """One layer's pre-activations z_l against the activation's slope f′."""

    layer: int
    edges: np.ndarray  # histogram bin edges over the finite z values
    share: np.ndarray  # share of ALL values of z_l in each bin (sums to 1 − nonfinite)
    z: np.ndarray  # a grid over the same range …
    fprime: np.ndarray  # … and f′ on it
    flat_intervals: tuple[tuple[float, float], ...]  # where f′ < flat_below on the grid
    flat_below: float  # the slope counted as "flat": flat_ratio · max f′
    flat_share: float  # share of z_l with f′(z) < flat_below (their units pass back little)
    mean_fprime: float  # mean f′(z_l) over the finite values
    z_mean: float
    z_std: float
    nonfinite: float  # share of z_l that overflowed (inf/NaN)


def max_slope(activation: str, **params: float) -> float:
    """max f′ over z ∈ [−20, 20] (0.25 for sigmoid, 1 for tanh and ReLU)."""
    act = activations.get(activation, **params)
    return curves.curve(act, curves.grid(-20.0, 20.0, 8001)).max_df


def _forward(probe: Probe) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Pre-activations z_l and outputs h_l of every layer of the probe."""
    _, fwd = layer_grad_norms(probe, all_layers=False)
    return fwd["z"], fwd["h"]


def _mean_std(values: np.ndarray) -> tuple[float, float]:
    """Mean and standard deviation of finite values, computed on values / max|value| so that
    huge (but finite) numbers do not overflow in the sum of squares; NaN for no values."""
    if values.size == 0:
        return float("nan"), float("nan")
    scale = float(np.max(np.abs(values)))
    if scale == 0.0:
        return 0.0, 0.0
    scaled = values / scale
    return scale * float(scaled.mean()), scale * float(scaled.std())


def _layer_saturation(
    layer: int, z: np.ndarray, act: activations.Activation, flat_below: float, bins: int
) -> LayerSaturation:
    flat_z = z.reshape(-1)
    finite = flat_z[np.isfinite(flat_z)]
    n = flat_z.size
    lo, hi = (float(finite.min()), float(finite.max())) if finite.size else (-4.0, 4.0)
    lo, hi = min(lo, -4.0), max(hi, 4.0)  # keep the slope's peak at 0 in view
    counts, edges = np.histogram(finite, bins=bins, range=(lo, hi))
    grid = np.linspace(lo, hi, 801)
    fprime = act.derivative(grid)
    dz = act.derivative(finite)
    z_mean, z_std = _mean_std(finite)
    return LayerSaturation(
        layer=layer,
        edges=edges,
        share=counts / n,
        z=grid,
        fprime=fprime,
        flat_intervals=tuple(curves.saturated_intervals(grid, fprime, flat_below)),
        flat_below=flat_below,
        flat_share=float(np.sum(np.abs(dz) < flat_below) / n + (n - finite.size) / n),
        mean_fprime=float(dz.mean()) if finite.size else float("nan"),
        z_mean=z_mean,
        z_std=z_std,
        nonfinite=float((n - finite.size) / n),
    )


def saturation_profile(
    probe: Probe, flat_ratio: float = 0.1, bins: int = 60
) -> list[LayerSaturation]:
    """For every layer of a fresh probe: the histogram of its pre-activations and f′ beside it.

    A unit whose z sits where f′(z) < flat_ratio · max f′ passes back less than that share of
    the best-case gradient (for ReLU, z < 0 passes back nothing). Overflowed values count as
    flat (their f′ is 0 or undefined) and are reported in ``nonfinite``.
    """
    if not (np.isfinite(flat_ratio) and 0 < flat_ratio < 1):
        raise ValueError(f"flat_ratio must be in (0, 1), got {flat_ratio!r}")
    checks.integer("bins", bins, 5, 400)
    zs, _ = _forward(probe)
    act = activations.get(probe.activation)
    flat_below = flat_ratio * max_slope(probe.activation)
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):
        return [_layer_saturation(i + 1, z, act, flat_below, bins) for i, z in enumerate(zs)]


def saturation_summary(layers: Sequence[LayerSaturation]) -> pd.DataFrame:
    """One row per layer: layer, flat_share, mean_fprime, z_std, nonfinite."""
    return pd.DataFrame(
        {
            "layer": [s.layer for s in layers],
            "flat_share": [s.flat_share for s in layers],
            "mean_fprime": [s.mean_fprime for s in layers],
            "z_std": [s.z_std for s in layers],
            "nonfinite": [s.nonfinite for s in layers],
        }
    )


def overflowed(layers: Sequence[LayerSaturation]) -> bool:
    """Whether any layer's pre-activations overflowed (inf/NaN)."""
    return any(s.nonfinite > 0 for s in layers)


QUANTILES = (5, 25, 50, 75, 95)


def activation_stats(probe: Probe) -> pd.DataFrame:
    """Distribution of each layer's outputs h_l = f(z_l), pooled over batch and units.

    Columns: layer, mean, std, p5, p25, p50, p75, p95 (over the finite values), nonfinite
    (share of inf/NaN) and status ("overflow" when any value overflowed).
    """
    _, hs = _forward(probe)
    rows = []
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):
        for i, h in enumerate(hs):
            flat = h.reshape(-1)
            finite = flat[np.isfinite(flat)]
            qs = (
                np.percentile(finite, QUANTILES) if finite.size else np.full(len(QUANTILES), np.nan)
            )
            mean, sd = _mean_std(finite)
            nonfinite = float(1 - finite.size / flat.size)
            rows.append(
                {
                    "layer": i + 1,
                    "mean": mean,
                    "std": sd,
                    **{f"p{q}": float(v) for q, v in zip(QUANTILES, qs, strict=True)},
                    "nonfinite": nonfinite,
                    "status": OVERFLOW if nonfinite > 0 else OK,
                }
            )
    return pd.DataFrame(rows)
