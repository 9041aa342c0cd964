"""Gradient norms at initialisation: the sweep over depth and the per-layer profile, with the
page's choices of activations and each value's status (ok, overflow, zero)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from qa_core.engine import checks
from qa_core.labs.vanishing_gradients.probe import Probe, layer_grad_norms

#: The four activations the page compares by default (same seed, same weights' draws).
PAGE_ACTIVATIONS: tuple[str, ...] = ("sigmoid", "tanh", "relu", "leaky_relu")
SIGMOID_MAX_SLOPE = 0.25  # σ′(0) = σ(0)(1 − σ(0)) = 1/4, the largest σ′ anywhere

OK, OVERFLOW, ZERO = "ok", "overflow", "zero"


def status(values: Sequence[float] | np.ndarray) -> np.ndarray:
    """Per value: "overflow" (inf/NaN), "zero" (exactly 0: underflow or no path) or "ok"."""
    v = np.asarray(values, dtype=np.float64)
    out = np.full(v.shape, OK, dtype=object)
    out[v == 0] = ZERO
    out[~np.isfinite(v)] = OVERFLOW
    return out


def marked(frames: Iterable[pd.DataFrame]) -> frozenset[str]:
    """The markers a chart of ``frames`` carries: OVERFLOW and/or ZERO when any value of a
    frame's "status" column has that status."""
    return frozenset(s for frame in frames for s in frame["status"].unique() if s != OK)


#: Depths a sweep measures (those up to its maximum, plus the maximum itself).
GRID: tuple[int, ...] = (1, 2, 3, 4, 5, 6, 8, 10, 13, 16, 20, 25, 30, 40, 50, 60, 70, 80, 90, 100)


def depth_grid(max_depth: int) -> tuple[int, ...]:
    """Depths measured by a sweep up to ``max_depth``: every depth to 6, then roughly 25 %
    apart (8, 10, 13, 16, 20, 25, 30, 40, 50, …), and ``max_depth`` itself. A nested sweep
    costs Σ depths backward steps: 233 for this grid up to 50 instead of 1275 for every depth,
    while on a log axis the curve (close to a straight line) loses nothing."""
    max_depth = checks.integer("max_depth", max_depth, 1, 100)
    return tuple(sorted({*(d for d in GRID if d < max_depth), max_depth}))


def sigmoid_ceiling(depths: Sequence[int], anchor: float) -> np.ndarray:
    """anchor · 0.25^(L−1): how a gradient that is ``anchor`` at depth 1 would shrink if every
    extra sigmoid layer passed back its best slope 1/4 and the weights neither grew nor shrank
    it (∏σ′ ≤ 0.25^L)."""
    if not (np.isfinite(anchor) and anchor > 0):
        raise ValueError(f"anchor must be a finite number > 0, got {anchor!r}")
    d = np.asarray(depths, dtype=np.float64)
    if d.size == 0 or np.any(d < 1):
        raise ValueError(f"depths must be ≥ 1, got {list(depths)!r}")
    return anchor * SIGMOID_MAX_SLOPE ** (d - 1)


def sigmoid_ceiling_line(
    frames: Mapping[str, pd.DataFrame],
) -> tuple[pd.Series, np.ndarray] | None:
    """The ceiling drawn beside a sweep of several activations: (depths, ``sigmoid_ceiling``)
    anchored on the sigmoid sweep's first depth; None without a sigmoid sweep or when its first
    norm is not "ok" (then there is nothing to anchor it on)."""
    frame = frames.get("sigmoid")
    if frame is None or frame["status"].iloc[0] != OK:
        return None
    depths = frame["depth"]
    return depths, sigmoid_ceiling(depths, float(frame["grad_norm"].iloc[0]))


def sweep(probe: Probe, depths: Sequence[int] | None = None) -> pd.DataFrame:
    """‖∂L/∂W_1‖_F of the depth-L probe for L on ``depths`` (default
    ``depth_grid(probe.depth)``).

    Columns: depth, grad_norm, status. Nested networks (one deep stack, see ``probe``), so the
    same seed gives the same first layers at every depth.
    """
    chosen = depth_grid(probe.depth) if depths is None else tuple(depths)
    norms, _ = layer_grad_norms(probe, chosen, all_layers=False)
    measured = sorted(norms)
    first = np.array([float(norms[d][0]) for d in measured])
    return pd.DataFrame({"depth": np.array(measured), "grad_norm": first, "status": status(first)})


def layer_profile(probe: Probe) -> pd.DataFrame:
    """‖∂L/∂W_l‖_F for every layer l = 1 (next to the input) … depth of one fresh probe.

    Columns: layer, grad_norm, status.
    """
    norms, _ = layer_grad_norms(probe)
    return norm_frame(norms[probe.depth])


def norm_frame(norms: np.ndarray) -> pd.DataFrame:
    return pd.DataFrame(
        {"layer": np.arange(1, len(norms) + 1), "grad_norm": norms, "status": status(norms)}
    )


def first_last_ratio(profile: pd.DataFrame) -> float:
    """‖∂L/∂W_1‖ / ‖∂L/∂W_L‖ of a ``layer_profile``; NaN when either is not a finite
    positive number (then there is nothing meaningful to compare)."""
    first, last = float(profile["grad_norm"].iloc[0]), float(profile["grad_norm"].iloc[-1])
    if not (np.isfinite(first) and np.isfinite(last) and first > 0 and last > 0):
        return float("nan")
    return first / last


def profile_summary(profiles: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per ``layer_profile``: name, first (‖∂L/∂W_1‖), last (‖∂L/∂W_L‖) and
    ratio = first / last (NaN when either overflowed or is 0)."""
    return pd.DataFrame(
        {
            "name": list(profiles),
            "first": [float(p["grad_norm"].iloc[0]) for p in profiles.values()],
            "last": [float(p["grad_norm"].iloc[-1]) for p in profiles.values()],
            "ratio": [first_last_ratio(p) for p in profiles.values()],
        }
    )


#: Answers of the predict-then-run question, by the measured first/last ratio r.
RATIO_BUCKETS: tuple[str, ...] = ("larger", "same", "smaller", "much_smaller")


def ratio_bucket(ratio: float) -> str | None:
    """ "larger" (r > 10), "same" (0.1 ≤ r ≤ 10), "smaller" (1e-6 ≤ r < 0.1),
    "much_smaller" (r < 1e-6); None for NaN."""
    if not np.isfinite(ratio) or ratio <= 0:
        return None
    if ratio > 10:
        return "larger"
    if ratio >= 0.1:
        return "same"
    if ratio >= 1e-6:
        return "smaller"
    return "much_smaller"


@dataclass(frozen=True)
class RatioAnswer:
    """The predict-then-run question measured on a ``layer_profile``."""

    first: float  # ‖∂L/∂W_1‖
    last: float  # ‖∂L/∂W_L‖
    ratio: float  # first / last; NaN when either is not a finite positive number
    bucket: str | None  # the answer among RATIO_BUCKETS; None for a NaN ratio
    ceiling: float  # 0.25^(L−1): the most the sigmoid slopes alone let through


def ratio_answer(profile: pd.DataFrame) -> RatioAnswer:
    """The first/last ratio of ``profile``, its answer and the sigmoid ceiling of its depth."""
    ratio = first_last_ratio(profile)
    return RatioAnswer(
        first=float(profile["grad_norm"].iloc[0]),
        last=float(profile["grad_norm"].iloc[-1]),
        ratio=ratio,
        bucket=ratio_bucket(ratio),
        ceiling=float(sigmoid_ceiling([len(profile)], 1.0)[0]),
    )
