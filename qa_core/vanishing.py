"""The vanishing-gradient lab: saturation, per-layer gradient norms, depth sweeps, statistics.

Everything here measures the probe network of ``qa_core.gradients`` (read its module doc): a
stack of ``depth`` square Dense layers (no bias at init) with activation f, input
x ~ N(0, input_scale²), a linear read-out and softmax cross-entropy against random labels.
Backpropagation multiplies the error by one factor per layer,

    δ_{k−1} = (δ_k ⊙ f′(z_k)) W_kᵀ,     ∂L/∂W_k = h_{k−1}ᵀ (δ_k ⊙ f′(z_k)),

so the first layer's gradient carries the product of every f′ below the loss. For sigmoid
0 < σ′ ≤ 1/4, hence the activation part of that product is at most 0.25^L (the "ceiling";
the weights enter too and can offset or overwhelm it). Initialisations:
Xavier/Glorot (Glorot & Bengio 2010) Var[W] = 2/(n_in + n_out); He/Kaiming (He et al. 2015)
Var[W] = 2/n_in; "normal" draws N(0, std²) whatever the width — the classic bad start.

Non-finite numbers are expected, not errors: huge weights make the forward pass or the norm's
sum of squares exceed float64 (≈1.8e308; a Frobenius norm computed as √Σg² overflows once it
passes ≈1e154), and tiny factors underflow to exactly 0. Every result carries a status per
value — "ok", "overflow" (inf or NaN) or "zero" — so a page can mark them instead of failing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from qa_core import gradients
from qa_core.engine import activations, curves, optim
from qa_core.engine.layers import INITS, Activation, Dense, init_weights
from qa_core.engine.network import Network

#: The four activations the page compares by default (same seed, same weights' draws).
PAGE_ACTIVATIONS: tuple[str, ...] = ("sigmoid", "tanh", "relu", "leaky_relu")
#: Init choices of the page: "matched" picks per activation (see ``matched_init``).
INIT_CHOICES: tuple[str, ...] = ("matched", *(i for i in INITS if i != "zeros"))
SIGMOID_MAX_SLOPE = 0.25  # σ′(0) = σ(0)(1 − σ(0)) = 1/4, the largest σ′ anywhere
N_CLASSES = 10  # the probe's read-out width (gradients.layer_grad_norms' default)

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
    if isinstance(max_depth, bool) or not isinstance(max_depth, int | np.integer):
        raise ValueError(f"max_depth must be an integer in [1, 100], got {max_depth!r}")
    if not 1 <= max_depth <= 100:
        raise ValueError(f"max_depth must be in [1, 100], got {max_depth!r}")
    return tuple(sorted({*(d for d in GRID if d < max_depth), int(max_depth)}))


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


def _probe_kwargs(
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
    kwargs = _probe_kwargs(activation, init, width, batch, std, weight_scale, input_scale, seed)
    df = gradients.depth_sweep(chosen, **kwargs)
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
    kwargs = _probe_kwargs(activation, init, width, batch, std, weight_scale, input_scale, seed)
    norms, _ = gradients.layer_grad_norms([depth], **kwargs)
    return _norm_frame(norms[depth])


def _norm_frame(norms: np.ndarray) -> pd.DataFrame:
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


# -- after k training steps ---------------------------------------------------------------


@dataclass(frozen=True)
class TrainedProfile:
    """Per-layer gradient norms after ``steps`` SGD steps on the probe's own batch."""

    norms: pd.DataFrame  # layer, grad_norm, status (measured after the last step)
    losses: np.ndarray  # the loss before each step and after the last (steps + 1 values)
    diverged_at: int | None  # the step whose loss was no longer finite, if any


def probe_network(
    activation: str,
    depth: int = 20,
    init: str = "matched",
    width: int = 256,
    batch: int = 256,
    std: float = 1.0,
    weight_scale: float = 1.0,
    input_scale: float = 1.0,
    seed: int = 0,
) -> tuple[Network, np.ndarray, np.ndarray]:
    """The probe of ``gradients.layer_grad_norms`` as an engine ``Network`` (same draws from
    the same Generator, in the same order), with its input batch and labels."""
    kwargs = _probe_kwargs(activation, init, width, batch, std, weight_scale, input_scale, seed)
    # A dry run of the engine's probe checks every argument with the engine's own messages
    # (it costs one forward and backward pass, a fraction of any training run).
    gradients.layer_grad_norms([depth], **kwargs, all_layers=False)
    init = kwargs["init"]
    rng = np.random.default_rng(seed)
    x = input_scale * rng.standard_normal((batch, width))
    labels = rng.integers(0, N_CLASSES, batch)
    readout = init_weights(width, N_CLASSES, init, rng, std=std)
    layers = []
    for _ in range(depth):
        dense = Dense(width, width, init="zeros")
        dense.params["W"][:] = init_weights(width, width, init, rng, std=std, scale=weight_scale)
        layers += [dense, Activation(activation)]
    head = Dense(width, N_CLASSES, init="zeros")
    head.params["W"][:] = readout
    return Network([*layers, head]), x, labels


def trained_profile(
    activation: str,
    depth: int = 20,
    init: str = "matched",
    width: int = 256,
    batch: int = 256,
    std: float = 1.0,
    weight_scale: float = 1.0,
    input_scale: float = 1.0,
    seed: int = 0,
    steps: int = 10,
    lr: float = 0.1,
    progress: Progress | None = None,
) -> TrainedProfile:
    """Train the probe for ``steps`` full-batch SGD steps (w ← w − lr·∂L/∂w, biases too) on its
    own batch and random labels, then measure ‖∂L/∂W_l‖_F per layer. ``steps = 0`` gives the
    fresh network's profile. Stops early (``diverged_at``) once the loss is not finite."""
    if isinstance(steps, bool) or not isinstance(steps, int | np.integer) or not 0 <= steps <= 500:
        raise ValueError(f"steps must be an integer in [0, 500], got {steps!r}")
    opt = optim.make("sgd", lr)
    net, x, labels = probe_network(
        activation, depth, init, width, batch, std, weight_scale, input_scale, seed
    )
    losses: list[float] = []
    diverged_at: int | None = None
    with np.errstate(over="ignore", under="ignore", invalid="ignore", divide="ignore"):
        for step in range(steps + 1):
            loss, dout = net.loss(net.forward(x, training=True), labels)
            losses.append(float(loss))
            net.backward(dout, input_grad=False)
            if not np.isfinite(loss):
                diverged_at = step
                break
            if step < steps:
                opt.step([net.theta], [net.grad])
            if progress is not None:
                progress((step + 1) / (steps + 1))
        norms = net.grad_norms()[:-1]  # drop the read-out
    return TrainedProfile(_norm_frame(norms), np.asarray(losses), diverged_at)


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


def _forward(
    activation: str, depth: int, init: str, width: int, batch: int, std: float,
    weight_scale: float, input_scale: float, seed: int,
) -> tuple[list[np.ndarray], list[np.ndarray]]:  # fmt: skip
    """Pre-activations z_l and outputs h_l of every layer of the probe."""
    kwargs = _probe_kwargs(activation, init, width, batch, std, weight_scale, input_scale, seed)
    _, fwd = gradients.layer_grad_norms([depth], **kwargs, all_layers=False)
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
    activation: str,
    depth: int = 10,
    init: str = "normal",
    width: int = 256,
    batch: int = 256,
    std: float = 1.0,
    weight_scale: float = 1.0,
    input_scale: float = 1.0,
    seed: int = 0,
    flat_ratio: float = 0.1,
    bins: int = 60,
) -> list[LayerSaturation]:
    """For every layer of a fresh probe: the histogram of its pre-activations and f′ beside it.

    A unit whose z sits where f′(z) < flat_ratio · max f′ passes back less than that share of
    the best-case gradient (for ReLU, z < 0 passes back nothing). Overflowed values count as
    flat (their f′ is 0 or undefined) and are reported in ``nonfinite``.
    """
    if not (np.isfinite(flat_ratio) and 0 < flat_ratio < 1):
        raise ValueError(f"flat_ratio must be in (0, 1), got {flat_ratio!r}")
    if isinstance(bins, bool) or not isinstance(bins, int | np.integer) or not 5 <= bins <= 400:
        raise ValueError(f"bins must be an integer in [5, 400], got {bins!r}")
    zs, _ = _forward(activation, depth, init, width, batch, std, weight_scale, input_scale, seed)
    act = activations.get(activation)
    flat_below = flat_ratio * max_slope(activation)
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


QUANTILES = (5, 25, 50, 75, 95)


def activation_stats(
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
    """Distribution of each layer's outputs h_l = f(z_l), pooled over batch and units.

    Columns: layer, mean, std, p5, p25, p50, p75, p95 (over the finite values), nonfinite
    (share of inf/NaN) and status ("overflow" when any value overflowed).
    """
    _, hs = _forward(activation, depth, init, width, batch, std, weight_scale, input_scale, seed)
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


__all__ = [
    "INIT_CHOICES",
    "PAGE_ACTIVATIONS",
    "RATIO_BUCKETS",
    "LayerSaturation",
    "TrainedProfile",
    "activation_stats",
    "depth_grid",
    "first_last_ratio",
    "layer_profile",
    "matched_init",
    "max_slope",
    "probe_network",
    "profile_summary",
    "ratio_bucket",
    "resolve_init",
    "saturation_profile",
    "saturation_summary",
    "sigmoid_ceiling",
    "status",
    "sweep",
    "trained_profile",
]
