"""Training mode against eval mode: one probe example placed in many different batches.

Every norm gets 8 features, γ = 1, β = 0. BatchNorm first sees ``warmup`` batches of N(0, 1)
data in training mode, so its running statistics are those of the data it was trained on. Then
the probe x₀ (fixed) is put into ``n_batches`` batches whose other m − 1 rows are drawn from
N(``shift``, 1): in training mode BatchNorm normalises x₀ with each batch's own mean and variance,
so its output moves from batch to batch; in eval mode it uses the running statistics and does
not. LayerNorm, GroupNorm (2 groups) and RMSNorm use x₀'s own features only: the same output in
every batch and in both modes. Nothing here changes BatchNorm's running statistics after the
warm-up (each probe goes through a copy).

A batch of one: the engine's BatchNorm normalises it with the running statistics even in
training mode (no variance to use); PyTorch raises instead.
"""

from __future__ import annotations

import copy

import numpy as np
import pandas as pd

from qa_core.engine import checks
from qa_core.engine.layers import BatchNorm, GroupNorm, LayerNorm, RMSNorm

MODE_NORMS: tuple[str, ...] = ("batch", "layer", "group", "rms")
FEATURES = 8
MAX_BATCH, MAX_BATCHES, MAX_SHIFT = 64, 50, 5.0


def _layers() -> dict[str, object]:
    return {
        "batch": BatchNorm(FEATURES),
        "layer": LayerNorm(FEATURES),
        "group": GroupNorm(FEATURES, 2),
        "rms": RMSNorm(FEATURES),
    }


def probe_outputs(
    batch_size: int = 4,
    n_batches: int = 20,
    shift: float = 0.0,
    seed: int = 0,
    warmup: int = 100,
) -> pd.DataFrame:
    """One row per (norm, mode, batch): the probe's first normalised feature ``y0``."""
    m = checks.integer("batch_size", batch_size, 1, MAX_BATCH)
    n_batches = checks.integer("n_batches", n_batches, 1, MAX_BATCHES)
    shift = checks.real("shift", shift, -MAX_SHIFT, MAX_SHIFT)
    seed = checks.integer("seed", seed, 0, 2**32 - 1)
    warmup = checks.integer("warmup", warmup, 0, 10_000)
    rng = np.random.default_rng(seed)
    layers = _layers()
    for _ in range(warmup):
        layers["batch"].forward(rng.standard_normal((32, FEATURES)), training=True)
    probe = rng.standard_normal(FEATURES)
    rows = []
    for b in range(n_batches):
        batch = np.vstack([probe, shift + rng.standard_normal((m - 1, FEATURES))])
        for name, layer in layers.items():
            for mode, training in (("train", True), ("eval", False)):
                y = copy.deepcopy(layer).forward(batch, training=training)
                rows.append({"norm": name, "mode": mode, "batch": b, "y0": float(y[0, 0])})
    return pd.DataFrame(rows)


def spread(frame: pd.DataFrame) -> pd.DataFrame:
    """Per norm and mode: the probe's output range (max − min) over the batches."""
    g = frame.groupby(["norm", "mode"], sort=False)["y0"]
    return (g.max() - g.min()).rename("range").reset_index()


__all__ = ["MODE_NORMS", "probe_outputs", "spread"]
