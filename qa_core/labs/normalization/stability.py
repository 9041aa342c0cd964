"""The largest learning rate each norm tolerates: one deep, narrow network (moons, ``depth``
hidden layers of 16 ReLU units, plain SGD, batches of 16) per norm and learning rate, same data
and seed. A run "trains" when it has not diverged and reaches the target test accuracy; it
"stays finite" when it has not diverged (the engine's divergence check: a non-finite or
exploding loss or weight). Normalising each layer's input keeps the forward pass bounded, so
normalised networks stay finite at rates that blow up the plain one (Ioffe & Szegedy 2015,
§3.3); whether they still learn there is a separate question the table answers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pandas as pd

from qa_core.engine import checks
from qa_core.engine.config import NORMS, TrainConfig
from qa_core.engine.training import Run

Progress = Callable[[float], None]
LR_LADDER: tuple[float, ...] = (0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0)
TARGET = 0.85


def stability_config(norm: str, lr: float, depth: int = 6, epochs: int = 10, seed: int = 0):
    return TrainConfig(
        dataset="moons",
        n_samples=300,
        noise=0.2,
        hidden=(16,) * depth,
        norm=norm,
        norm_groups=4,
        optimizer="sgd",
        lr=lr,
        batch_size=16,
        epochs=epochs,
        seed=seed,
    )


def lr_sweep(
    norms: Sequence[str] = NORMS,
    lrs: Sequence[float] = LR_LADDER,
    depth: int = 6,
    epochs: int = 10,
    seed: int = 0,
    progress: Progress | None = None,
) -> pd.DataFrame:
    """One row per (norm, lr): final train loss, test accuracy, diverged, trains."""
    if not norms or len(set(norms)) != len(norms):
        raise ValueError(f"norms must be distinct names from {', '.join(NORMS)}; got {norms!r}")
    for norm in norms:
        checks.choice("norm", norm, NORMS)
    if not lrs or any(lr not in LR_LADDER for lr in lrs):
        raise ValueError(f"lrs must be values from {', '.join(map(str, LR_LADDER))}; got {lrs!r}")
    depth = checks.integer("depth", depth, 1, 10)
    epochs = checks.integer("epochs", epochs, 1, 40)
    seed = checks.integer("seed", seed, 0, 2**32 - 1)
    rows, total = [], len(norms) * len(lrs)
    for norm in norms:
        for lr in sorted(lrs):
            run = Run(stability_config(norm, lr, depth, epochs, seed))
            while not run.done:
                run.step()
            last = run.records[-1]
            diverged = run.diverged is not None
            acc = last.test_acc
            rows.append(
                {
                    "norm": norm,
                    "lr": lr,
                    "train_loss": last.train_loss,
                    "test_acc": acc,
                    "diverged": diverged,
                    "trains": (not diverged) and acc is not None and acc >= TARGET,
                }
            )
            if progress is not None:
                progress(len(rows) / total)
    return pd.DataFrame(rows)


def largest(frame: pd.DataFrame) -> pd.DataFrame:
    """Per norm: the largest rate that trains and the largest that stays finite (None: none)."""
    out = []
    for norm, part in frame.groupby("norm", sort=False):
        trains = part.loc[part["trains"], "lr"]
        finite = part.loc[~part["diverged"], "lr"]
        out.append(
            {
                "norm": norm,
                "largest_training": float(trains.max()) if len(trains) else None,
                "largest_finite": float(finite.max()) if len(finite) else None,
            }
        )
    return pd.DataFrame(out)


__all__ = ["LR_LADDER", "TARGET", "largest", "lr_sweep", "stability_config"]
