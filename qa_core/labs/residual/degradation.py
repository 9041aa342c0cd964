"""The degradation problem in miniature (He, Zhang, Ren & Sun 2016, Figure 1).

A deeper plain network can represent everything a shallower one can (let the extra layers be
the identity), yet trained the same way it ends with a HIGHER training error. It is not
overfitting (the training error is the one that is worse) and, with batch normalisation, not
vanishing gradients either: the solver simply fails to find the identity-like solution. The
same depths with skips put the identity at F = 0, and the deeper one trains at least as well.

Four runs on the "spiral" data, all with batch normalisation and ReLU: plain and residual, at a
shallow and a deep depth; the same budget, optimiser and seed. Training error per epoch.
"""

from __future__ import annotations

import pandas as pd

from qa_core.engine import checks
from qa_core.engine.training import Run
from qa_core.labs.residual.common import MAX_DEPTH, Progress, deep_config


def degradation_runs(
    shallow: int = 6,
    deep: int = 40,
    epochs: int = 40,
    seed: int = 0,
    progress: Progress | None = None,
) -> pd.DataFrame:
    """Columns net ("plain" | "residual"), depth, epoch, train_error, test_error, train_loss."""
    checks.integer("shallow", shallow, 1, MAX_DEPTH)
    checks.integer("deep", deep, 1, MAX_DEPTH)
    if deep <= shallow:
        raise ValueError(f"deep must be greater than shallow ({shallow}), got {deep}")
    checks.integer("epochs", epochs, 1, 200)
    rows = []
    plan = [(net, depth) for depth in (shallow, deep) for net in ("plain", "residual")]
    cost, done = 2 * (shallow + deep), 0
    for net, depth in plan:
        cfg = deep_config(
            depth, net == "residual", "relu", epochs=epochs, seed=seed, batch_norm=True
        )
        for record in Run(cfg):
            rows.append(
                (net, depth, record.epoch, 1.0 - record.train_acc, 1.0 - record.test_acc,
                 record.train_loss)
            )  # fmt: skip
        done += depth
        if progress is not None:
            progress(done / cost)
    return pd.DataFrame(
        rows, columns=["net", "depth", "epoch", "train_error", "test_error", "train_loss"]
    )
