"""Learning-rate schedules on the same run, and the learning-rate range test.

``schedule_runs``: one network, one start, trained with each schedule of
``qa_core.engine.schedules`` (constant, step, cosine, warm-up + cosine) at the same peak rate.
``range_test`` (Smith 2017, "Cyclical learning rates"): train for one sweep of mini-batches
while the rate grows geometrically from ``lr_min`` to ``lr_max``, record the loss at each rate
and stop once it passes 4× the best seen. A good rate sits below the minimum of that curve,
where the loss still falls fast; the rule of thumb used here is a tenth of the rate at the
minimum of the smoothed loss.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from qa_core.engine import checks, optim, schedules
from qa_core.engine.config import TrainConfig
from qa_core.engine.training import Run

BASE = {"dataset": "spiral", "n_samples": 600, "noise": 0.1, "hidden": (32, 32),
        "batch_size": 32}  # fmt: skip
SMOOTHING = 0.9  # exponential moving average of the range test's loss, bias-corrected
STOP_FACTOR = 4.0


def schedule_runs(
    optimizer: str = "momentum",
    lr: float = 0.1,
    epochs: int = 80,
    warmup: int = 5,
    seed: int = 0,
) -> pd.DataFrame:
    """One row per schedule and epoch: schedule, epoch, lr, train_loss, test_loss, test_acc,
    diverged (None or the reason)."""
    checks.choice("optimizer", optimizer, optim.OPTIMIZERS)
    epochs = checks.integer("epochs", epochs, 2, 400)
    warmup = checks.integer("warmup", warmup, 1, epochs - 1)
    frames = []
    for name in schedules.SCHEDULES:
        config = TrainConfig(
            **BASE,
            optimizer=optimizer,
            lr=lr,
            epochs=epochs,
            seed=seed,
            schedule=name,
            warmup_epochs=warmup if name == "warmup_cosine" else 0,
        )
        run = Run(config)
        records = []
        while not run.done:
            records.append(run.step())
        frames.append(
            pd.DataFrame(
                {
                    "schedule": name,
                    "epoch": [r.epoch for r in records],
                    "lr": [r.lr for r in records],
                    "train_loss": [r.train_loss for r in records],
                    "test_loss": [r.test_loss for r in records],
                    "test_acc": [r.test_acc for r in records],
                    "diverged": [r.diverged for r in records],
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def range_test(
    optimizer: str = "momentum",
    lr_min: float = 1e-4,
    lr_max: float = 10.0,
    steps: int = 150,
    seed: int = 0,
) -> tuple[pd.DataFrame, float | None]:
    """Rows of step, lr, loss (the mini-batch's) and smoothed; and the suggested rate (a tenth
    of the rate at the smoothed minimum; None if the loss never fell)."""
    checks.choice("optimizer", optimizer, optim.OPTIMIZERS)
    checks.real("lr_min", lr_min, 1e-8, 1.0)
    checks.real("lr_max", lr_max, lr_min, 100.0, low_open=True)
    steps = checks.integer("steps", steps, 10, 1000)
    run = Run(TrainConfig(**BASE, optimizer=optimizer, lr=lr_min, seed=seed))
    net, data, rng = run.network, run.data, np.random.default_rng(seed)
    x, y = data.inputs(data.x_train), data.y_train
    size = BASE["batch_size"]
    rates = lr_min * (lr_max / lr_min) ** (np.arange(steps) / (steps - 1))
    rows, avg, best = [], 0.0, np.inf
    with np.errstate(all="ignore"):
        for k, rate in enumerate(rates):
            idx = rng.choice(len(x), size, replace=False)
            out = net.forward(x[idx], True)
            loss, dout = net.loss(out, y[idx])
            if not np.isfinite(loss):
                break
            avg = SMOOTHING * avg + (1 - SMOOTHING) * loss
            smooth = avg / (1 - SMOOTHING ** (k + 1))
            rows.append(
                {"step": k + 1, "lr": float(rate), "loss": float(loss), "smoothed": float(smooth)}
            )
            if smooth > STOP_FACTOR * best:
                break
            best = min(best, smooth)
            net.backward(dout, input_grad=False)
            run.optimizer.lr = float(rate)
            run.optimizer.step([net.theta], [net.grad])
    table = pd.DataFrame(rows)
    if table.empty:
        return table, None
    low = int(table["smoothed"].idxmin())
    fell = table["smoothed"].iloc[low] < table["smoothed"].iloc[0]
    return table, float(table["lr"].iloc[low] / 10) if fell else None


__all__ = ["BASE", "range_test", "schedule_runs"]
