"""Gradient norms at initialisation: the sweep over depth and the per-layer profile, with the
page's choices (activations, initialisations) and each value's status (ok, overflow, zero)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from qa_core.engine import activations, checks
from qa_core.engine.layers import INITS
from qa_core.labs.vanishing_gradients import probe

#: The four activations the page compares by default (same seed, same weights' draws).
PAGE_ACTIVATIONS: tuple[str, ...] = ("sigmoid", "tanh", "relu", "leaky_relu")
#: Init choices of the page: "matched" picks per activation (see ``matched_init``).
INIT_CHOICES: tuple[str, ...] = ("matched", *(i for i in INITS if i != "zeros"))
SIGMOID_MAX_SLOPE = 0.25  # σ′(0) = σ(0)(1 − σ(0)) = 1/4, the largest σ′ anywhere
N_CLASSES = 10  # the probe's read-out width (probe.layer_grad_norms' default)

OK, OVERFLOW, ZERO = "ok", "overflow", "zero"

Progress = Callable[[float], None]


def matched_init(activation: str) -> str:
    """The init made for the activation: Xavier for sigmoid/tanh (Glorot & Bengio 2010),
    He for the ReLU family and the other non-saturating ones (He et al. 2015)."""
    if activation not in activations.names():
        raise ValueError(
            f"activation must be one of {', '.join(activations.names())}; got {activation!r}"
        )
    return "xavier" if activation in ("sigmoid", "tanh") else "he"


def resolve_init(activation: str, init: str) -> str:
    """``init`` itself, or the matched one for ``init == "matched"``."""
    if init == "matched":
        return matched_init(activation)
    if init not in INITS:
        raise ValueError(f"init must be one of {', '.join(INIT_CHOICES)}; got {init!r}")
    return init


def status(values: Sequence[float] | np.ndarray) -> np.ndarray:
    """Per value: "overflow" (inf/NaN), "zero" (exactly 0: underflow or no path) or "ok"."""
    v = np.asarray(values, dtype=np.float64)
    out = np.full(v.shape, OK, dtype=object)
    out[v == 0] = ZERO
    out[~np.isfinite(v)] = OVERFLOW
    return out


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


def probe_kwargs(
    activation: str, init: str, width: int, batch: int, std: float, weight_scale: float,
    input_scale: float, seed: int,
) -> dict:  # fmt: skip
    return {
        "activation": activation,
        "init": resolve_init(activation, init),
        "width": width,
        "batch": batch,
        "std": std,
        "weight_scale": weight_scale,
        "input_scale": input_scale,
        "seed": seed,
    }


def sweep(
    activation: str,
    init: str = "matched",
    max_depth: int = 50,
    width: int = 256,
    batch: int = 256,
    std: float = 1.0,
    weight_scale: float = 1.0,
    input_scale: float = 1.0,
    seed: int = 0,
    depths: Sequence[int] | None = None,
) -> pd.DataFrame:
    """‖∂L/∂W_1‖_F of the depth-L probe for L on ``depths`` (default ``depth_grid(max_depth)``).

    Columns: depth, grad_norm, status. Nested networks (one deep stack, see
    ``qa_core.gradients``), so the same seed gives the same first layers at every depth.
    """
    chosen = depth_grid(max_depth) if depths is None else tuple(depths)
    kwargs = probe_kwargs(activation, init, width, batch, std, weight_scale, input_scale, seed)
    df = probe.depth_sweep(chosen, **kwargs)
    return pd.DataFrame(
        {
            "depth": df["depth"].to_numpy(),
            "grad_norm": df["grad_norm_first"].to_numpy(),
            "status": status(df["grad_norm_first"]),
        }
    )


def layer_profile(
    activation: str,
    depth: int = 20,
    init: str = "matched",
    width: int = 256,
    batch: int = 256,
    std: float = 1.0,
    weight_scale: float = 1.0,
    input_scale: float = 1.0,
    seed: int = 0,
) -> pd.DataFrame:
    """‖∂L/∂W_l‖_F for every layer l = 1 (next to the input) … depth of one fresh probe.

    Columns: layer, grad_norm, status.
    """
    kwargs = probe_kwargs(activation, init, width, batch, std, weight_scale, input_scale, seed)
    norms, _ = probe.layer_grad_norms([depth], **kwargs)
    return norm_frame(norms[depth])


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
