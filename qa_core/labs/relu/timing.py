"""How long an activation takes: forward pass plus derivative on N elements, median of repeats.

Two sets of kernels are timed:

- ``"minimal"``: the plainest vectorised NumPy a textbook would write, e.g.
  sigmoid s = 1/(1 + e^(−z)), s′ = s(1 − s); ReLU max(0, z), [z > 0].
- ``"engine"``: this app's ``qa_core.engine.activations`` (overflow-safe sigmoid via e^(−|z|) and
  ``np.where``, sech² for tanh′, …), i.e. what the training engine really runs.

RReLU is timed in training mode (a fresh random slope per element, drawn from a Generator made
from ``seed``), since that is where it differs from Leaky ReLU; in eval it *is* a Leaky ReLU.
Each repeat runs every activation once, in a rotating order, so that machine load hits all of
them alike; the median is reported. Wall-clock time of NumPy on this CPU: it includes
allocation of temporaries and memory traffic, not FLOPs, GPU kernels or fused layers.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from qa_core.engine import activations, checks

#: Activations the timing knows, in display order.
TIMED = ("sigmoid", "tanh", "relu", "leaky_relu", "prelu", "rrelu")
KERNELS = ("minimal", "engine")
MIN_N, MAX_N = 1_000, 10_000_000
MAX_REPEATS = 50

Kernel = Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]]


def _minimal_kernel(name: str, rng: np.random.Generator) -> Kernel:
    """(f(z), f′(z)) the plain way; default parameters (α = 0.01, a = 0.25, r ~ U(1/8, 1/3))."""
    if name == "sigmoid":

        def kernel(z):
            s = 1.0 / (1.0 + np.exp(-z))
            return s, s * (1.0 - s)

    elif name == "tanh":

        def kernel(z):
            t = np.tanh(z)
            return t, 1.0 - t * t

    elif name == "relu":

        def kernel(z):
            return np.maximum(z, 0.0), (z > 0).astype(np.float64)

    elif name in ("leaky_relu", "prelu"):
        slope = 0.01 if name == "leaky_relu" else 0.25

        def kernel(z):
            return np.maximum(z, slope * z), np.where(z > 0, 1.0, slope)

    elif name == "rrelu":
        act = activations.get("rrelu")

        def kernel(z):
            r = rng.uniform(act.lower, act.upper, size=z.shape)
            positive = z > 0
            return np.where(positive, z, r * z), np.where(positive, 1.0, r)

    else:
        raise ValueError(f"activation must be one of {', '.join(TIMED)}; got {name!r}")
    return kernel


def _engine_kernel(name: str, rng: np.random.Generator) -> Kernel:
    """(f(z), f′(z)) through qa_core.engine.activations; RReLU with training-mode random slopes."""
    if name not in TIMED:
        raise ValueError(f"activation must be one of {', '.join(TIMED)}; got {name!r}")
    act = activations.get(name)
    if name == "rrelu":

        def kernel(z):
            r = act.sample_slopes(z.shape, rng)
            return activations.leaky(z, r), activations.leaky_derivative(z, r)

        return kernel
    return lambda z: (act.forward(z), act.derivative(z))


def kernel(name: str, kernels: str = "minimal", seed: int = 0) -> Kernel:
    """The timed function for ``name``: z ↦ (f(z), f′(z))."""
    if kernels not in KERNELS:
        raise ValueError(f"kernels must be one of {', '.join(KERNELS)}; got {kernels!r}")
    rng = np.random.default_rng(seed)
    return (_minimal_kernel if kernels == "minimal" else _engine_kernel)(name, rng)


def _check(names: tuple[str, ...], n: int, repeats: int) -> tuple[str, ...]:
    checks.integer("n", n, MIN_N, MAX_N)
    checks.integer("repeats", repeats, 1, MAX_REPEATS)
    unknown = [name for name in names if name not in TIMED]
    if unknown:
        raise ValueError(f"activation must be one of {', '.join(TIMED)}; got {unknown[0]!r}")
    # ReLU is the yardstick: always timed, and the order is the display order.
    return tuple(name for name in TIMED if name in names or name == "relu")


def time_activations(
    names: tuple[str, ...] = TIMED,
    n: int = 1_000_000,
    repeats: int = 5,
    kernels: str = "minimal",
    seed: int = 0,
    progress: Callable[[float], None] | None = None,
) -> pd.DataFrame:
    """Median wall-clock seconds of forward + derivative on ``n`` elements, per activation.

    z ~ N(0, 2²) from ``seed``. Every kernel runs once untimed first (warm-up), then
    ``repeats`` timed rounds in rotating order. Columns: activation, median_s, min_s, max_s,
    median_ms (the median in milliseconds), ns_per_element (median / n · 1e9), ratio_to_relu
    (median / ReLU's median), n, repeats, kernels. ReLU is always included. ``progress(fraction)`` is called after each round.
    """
    order = _check(tuple(names), n, repeats)
    fns = {name: kernel(name, kernels, seed) for name in order}
    z = np.random.default_rng(seed).standard_normal(int(n)) * 2.0
    times: dict[str, list[float]] = {name: [] for name in order}
    with np.errstate(over="ignore", under="ignore"):
        for fn in fns.values():
            fn(z[:MIN_N])
        for i in range(repeats):
            shift = i % len(order)
            for name in order[shift:] + order[:shift]:
                start = time.perf_counter()
                fns[name](z)
                times[name].append(time.perf_counter() - start)
            if progress is not None:
                progress((i + 1) / repeats)
    medians = {name: statistics.median(ts) for name, ts in times.items()}
    relu = medians["relu"]
    return pd.DataFrame(
        {
            "activation": list(order),
            "median_s": [medians[name] for name in order],
            "min_s": [min(times[name]) for name in order],
            "max_s": [max(times[name]) for name in order],
            "median_ms": [medians[name] * 1e3 for name in order],
            "ns_per_element": [medians[name] / n * 1e9 for name in order],
            "ratio_to_relu": [medians[name] / relu for name in order],
            "n": int(n),
            "repeats": int(repeats),
            "kernels": kernels,
        }
    )


@dataclass(frozen=True)
class Headline:
    """What the timing says in one sentence: three activations' times as multiples of ReLU's,
    and ReLU's own time per element."""

    sigmoid: float
    tanh: float
    leaky_relu: float
    relu_ns: float


def headline(table: pd.DataFrame) -> Headline:
    """The headline of a ``time_activations`` table that timed sigmoid, tanh and Leaky ReLU."""
    rows = table.set_index("activation")
    missing = [name for name in ("sigmoid", "tanh", "leaky_relu") if name not in rows.index]
    if missing:
        raise ValueError(f"the table must time sigmoid, tanh and leaky_relu; missing {missing}")
    ratio = rows["ratio_to_relu"]
    return Headline(
        sigmoid=float(ratio["sigmoid"]),
        tanh=float(ratio["tanh"]),
        leaky_relu=float(ratio["leaky_relu"]),
        relu_ns=float(rows.loc["relu", "ns_per_element"]),
    )


__all__ = [
    "KERNELS",
    "MAX_N",
    "MIN_N",
    "TIMED",
    "Headline",
    "headline",
    "kernel",
    "time_activations",
]
