"""Per-batch distributions: one unit's pre-activations over consecutive training mini-batches.

Two copies of the probes' network (``training.probe_config``) with the same seed — one without
batch norm, one with — are trained for ``warmup_epochs``; then both take ``n_batches`` more
SGD steps on the SAME consecutive mini-batches, and before each update we record, for one
unit of one hidden layer:

- no BN: the Dense output z = xW + b (the activation's input);
- BN, before: the Dense output, what the BatchNorm layer receives;
- BN, normalised: x̂ = (z − μ_B)/√(σ²_B + ε) with the batch's own μ_B, σ²_B (biased);
- BN, after: y = γ x̂ + β, what the activation receives (Ioffe & Szegedy 2015, Alg. 1).

Each batch's values differ because the batch holds other examples AND because the weights
moved in the previous step; x̂ has mean 0 and std 1 in every batch whatever z did.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from qa_core.engine import checks
from qa_core.engine.layers import BatchNorm, Dense
from qa_core.engine.training import Run
from qa_core.labs.batch_norm.training import probe_config

#: Names of the recorded series, in display order.
SERIES = ("plain", "bn_in", "bn_hat", "bn_out")
N_BINS = 24


@dataclass(frozen=True, eq=False)
class BatchSnapshots:
    """Recorded values ``values[series]`` of shape (n_batches, batch_size), their histograms
    (shared bins per series: ``edges[series]`` (N_BINS + 1,), ``counts[series]``
    (n_batches, N_BINS)), and the BN unit's γ, β at the last recorded step."""

    layer: int
    unit: int
    values: dict[str, np.ndarray]
    edges: dict[str, np.ndarray]
    counts: dict[str, np.ndarray]
    gamma: float
    beta: float

    @property
    def n_batches(self) -> int:
        return self.values["plain"].shape[0]

    def stats(self) -> pd.DataFrame:
        """Per batch (1-based) and series: mean and std (biased, as BN computes it)."""
        data: dict[str, object] = {"batch": np.arange(1, self.n_batches + 1)}
        for name in SERIES:
            data[f"{name}_mean"] = self.values[name].mean(axis=1)
            data[f"{name}_std"] = self.values[name].std(axis=1)
        return pd.DataFrame(data)

    def spread_of_means(self) -> dict[str, float]:
        """How much the batch mean wanders: the std, over batches, of each batch's mean."""
        return {name: float(self.values[name].mean(axis=1).std()) for name in SERIES}


def _record_step(run: Run, x: np.ndarray, y: np.ndarray, layer: int, unit: int) -> dict:
    """One training step on (x, y); returns the chosen unit's values seen on the way."""
    net = run.network
    seen: dict[str, np.ndarray] = {}
    dense_seen = bn_seen = 0
    h = x
    for ly in net.layers:
        out = ly.forward(h, True)
        if isinstance(ly, Dense):
            dense_seen += 1
            if dense_seen == layer:
                seen["z"] = out[:, unit].copy()
        elif isinstance(ly, BatchNorm):
            bn_seen += 1
            if bn_seen == layer:
                seen["y"] = out[:, unit].copy()
                seen["gamma"] = float(ly.params["gamma"][unit])
                seen["beta"] = float(ly.params["beta"][unit])
                seen["eps"] = ly.eps
        h = out
    loss, dout = net.loss(h, y)
    if np.isfinite(loss):
        net.backward(dout, input_grad=False)
        run.optimizer.step([net.theta], [net.grad])
    return seen


def _histograms(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    lo, hi = float(values.min()), float(values.max())
    if not hi > lo:
        lo, hi = lo - 0.5, hi + 0.5
    edges = np.linspace(lo, hi, N_BINS + 1)
    counts = np.stack([np.histogram(row, bins=edges)[0] for row in values])
    return edges, counts


def batch_snapshots(
    *,
    layer: int = 2,
    unit: int = 1,
    n_batches: int = 5,
    warmup_epochs: int = 0,
    lr: float = 0.5,
    batch_size: int = 64,
    **network: object,
) -> BatchSnapshots:
    """Record ``n_batches`` consecutive training batches of ``layer``'s ``unit`` (1-based).
    ``network``: the rest of ``probe_config`` (activation, depth, width, seed)."""
    configs = [
        probe_config(**network, lr=lr, batch_size=batch_size, batch_norm=bn) for bn in (False, True)
    ]
    hidden = configs[0].hidden
    layer = checks.integer("layer", layer, 1, len(hidden))
    unit = checks.integer("unit", unit, 1, hidden[0])
    n_batches = checks.integer("n_batches", n_batches, 1, 12)
    checks.integer("warmup_epochs", warmup_epochs, 0, 50)
    plain, normed = (Run(config) for config in configs)
    for _ in range(warmup_epochs):
        for run, name in ((plain, "without"), (normed, "with")):
            if run.step().diverged:
                raise ValueError(
                    f"the network {name} BN diverged during warm-up at lr {lr!r} "
                    f"({run.diverged}); lower the learning rate"
                )
    x_all = plain.data.inputs(plain.data.x_train)
    y_all = plain.data.y_train
    if n_batches * batch_size > len(x_all):
        raise ValueError(
            f"n_batches × batch_size must be at most {len(x_all)} training points, got "
            f"{n_batches} × {batch_size}"
        )
    order = np.random.default_rng([plain.config.seed, warmup_epochs]).permutation(len(x_all))
    values: dict[str, list[np.ndarray]] = {name: [] for name in SERIES}
    gamma = beta = np.nan
    with np.errstate(all="ignore"):
        for k in range(n_batches):
            rows = order[k * batch_size : (k + 1) * batch_size]
            a = _record_step(plain, x_all[rows], y_all[rows], layer, unit - 1)
            b = _record_step(normed, x_all[rows], y_all[rows], layer, unit - 1)
            z = b["z"]
            xhat = (z - z.mean()) / np.sqrt(z.var() + b["eps"])
            values["plain"].append(a["z"])
            values["bn_in"].append(z)
            values["bn_hat"].append(xhat)
            values["bn_out"].append(b["y"])
            gamma, beta = b["gamma"], b["beta"]
    arrays = {name: np.stack(rows) for name, rows in values.items()}
    if not all(np.all(np.isfinite(v)) for v in arrays.values()):
        raise ValueError(f"lr {lr!r} made the pre-activations non-finite; lower the learning rate")
    edges, counts = {}, {}
    for name, v in arrays.items():
        edges[name], counts[name] = _histograms(v)
    return BatchSnapshots(layer, unit, arrays, edges, counts, float(gamma), float(beta))


__all__ = ["N_BINS", "SERIES", "BatchSnapshots", "batch_snapshots"]
