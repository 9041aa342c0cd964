"""Sparse activations: how many hidden outputs are exactly zero, per layer, before and after
training, and which units fire for which samples.

ReLU maps every negative pre-activation to an exact 0 (one-sided suppression), so with
zero-mean weights about half of a layer's outputs are 0 on any input at initialisation.
Sigmoid, tanh and the leaky variants essentially never output an exact 0. Glorot, Bordes &
Bengio (2011) argued that this sparsity helps; Xu et al. (2015) found a non-zero negative slope
consistently better, which suggests sparsity is not why ReLU works.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from qa_core.engine import checks
from qa_core.engine.config import TrainConfig
from qa_core.engine.training import Run

STAGES = ("init", "trained")
MAX_SHOWN = 400


def sparsity_config(
    activation: str = "relu",
    *,
    dataset: str = "moons",
    hidden: tuple[int, ...] = (32, 32, 32),
    epochs: int = 40,
    seed: int = 0,
    n_samples: int = 400,
    noise: float = 0.2,
) -> TrainConfig:
    """Adam (lr 0.01), He init, no regularisation: a network that trains well in few epochs."""
    return TrainConfig(
        dataset=dataset,
        n_samples=n_samples,
        noise=noise,
        hidden=tuple(hidden),
        activation=activation,
        optimizer="adam",
        lr=0.01,
        epochs=epochs,
        seed=seed,
    )


@dataclass(frozen=True, eq=False)
class SparsityResult:
    """``table``: one row per (stage, layer) with zero_fraction (share of outputs exactly 0 over
    training points × units), dead_fraction (units 0 on every point) and active_per_sample
    (mean share of units that fire, i.e. output ≠ 0, per sample). ``firing[stage][l]``: a
    boolean (n_shown, width) map, samples sorted by class (then by x1), units sorted by how
    often they fire.
    ``labels``: the shown samples' classes."""

    config: TrainConfig
    table: pd.DataFrame
    firing: dict[str, tuple[np.ndarray, ...]]
    labels: np.ndarray
    test_acc: float
    diverged: str | None


def _outputs(run: Run, x: np.ndarray) -> list[np.ndarray]:
    """Each hidden activation layer's output on ``x`` (eval mode)."""
    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        run.network.forward(x, training=False)
    return [ly.last_output.copy() for ly in run.network.activation_layers[: len(run.config.hidden)]]


def _shown_rows(points: np.ndarray, y: np.ndarray, n_shown: int) -> np.ndarray:
    """Indices of up to ``n_shown`` training points, evenly spread, sorted by class, then by
    their first coordinate (so neighbouring rows are neighbouring points)."""
    order = np.lexsort((points[:, 0], y))
    picks = np.linspace(0, len(order) - 1, min(n_shown, len(order))).round().astype(int)
    return order[np.unique(picks)]


def _stage_rows(stage: str, outputs: list[np.ndarray]) -> list[dict[str, object]]:
    rows = []
    for i, h in enumerate(outputs):
        zero = h == 0
        rows.append(
            {
                "stage": stage,
                "layer": i + 1,
                "zero_fraction": float(zero.mean()),
                "dead_fraction": float(zero.all(axis=0).mean()),
                "active_per_sample": float((~zero).mean()),
            }
        )
    return rows


def _firing_maps(outputs: list[np.ndarray], rows: np.ndarray) -> tuple[np.ndarray, ...]:
    maps = []
    for h in outputs:
        fires = h[rows] != 0
        unit_order = np.argsort(-fires.mean(axis=0), kind="stable")
        maps.append(fires[:, unit_order])
    return tuple(maps)


def sparsity_profile(
    config: TrainConfig,
    n_shown: int = 80,
    progress: Callable[[float], None] | None = None,
) -> SparsityResult:
    """Exact-zero statistics of every hidden layer at initialisation and after training."""
    checks.integer("n_shown", n_shown, 1, MAX_SHOWN)
    run = Run(config)
    x = run.data.inputs(run.data.x_train)
    y = run.data.y_train
    rows = _shown_rows(run.data.x_train, y, n_shown)
    before = _outputs(run, x)
    for record in run:
        if progress is not None:
            progress(record.epoch / config.epochs)
    after = _outputs(run, x)
    final = run.records[-1]
    return SparsityResult(
        config=config,
        table=pd.DataFrame(_stage_rows("init", before) + _stage_rows("trained", after)),
        firing={"init": _firing_maps(before, rows), "trained": _firing_maps(after, rows)},
        labels=y[rows],
        test_acc=float(final.test_acc) if final.test_acc is not None else float("nan"),
        diverged=run.diverged,
    )


@dataclass(frozen=True)
class Headline:
    """Three numbers of a profile: the share of layer 1's outputs exactly 0 at initialisation,
    and, after training, the mean share of units firing per sample and of dead units, averaged
    over the layers."""

    zero_at_init: float
    active_per_sample: float
    dead_units: float


def headline(result: SparsityResult) -> Headline:
    """The headline numbers of ``result``."""
    table = result.table
    init = table[table["stage"] == "init"]
    trained = table[table["stage"] == "trained"]
    return Headline(
        zero_at_init=float(init["zero_fraction"].iloc[0]),
        active_per_sample=float(trained["active_per_sample"].mean()),
        dead_units=float(trained["dead_fraction"].mean()),
    )


__all__ = [
    "STAGES",
    "Headline",
    "SparsityResult",
    "headline",
    "sparsity_config",
    "sparsity_profile",
]
