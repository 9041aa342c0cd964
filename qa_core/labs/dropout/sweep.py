"""When dropout helps and when it hurts: paired runs with and without it, and sweeps over p.

- ``overfitting_pair``: the same small noisy data set, the same seed (so the same initial
  weights and batch order), trained once without dropout and once with drop probability p.
  A wide net on few noisy points overfits; dropout narrows the train/test gap
  (Srivastava et al. 2014, §6).
- ``p_sweep``: final train/test accuracy and loss for every (width, p). A narrow net, or too
  large a p, underfits: training accuracy falls together with test accuracy (Appendix A.1
  advises at least n/(1 − p) units when n are right without dropout and p is dropped).

p is the drop probability throughout (PyTorch's convention, see qa_core.labs.dropout.masks).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from qa_core.engine.config import TrainConfig
from qa_core.engine.summary import RunSummary, run_to_end
from qa_core.engine.training import Run

Progress = Callable[[float], None]
MAX_SWEEP_RUNS = 40


#: Few noisy points (half held out), a wide two-layer ReLU net, Adam, long training: it overfits.
OVERFIT = TrainConfig(n_samples=100, noise=0.35, test_fraction=0.5, hidden=(64, 64), epochs=200,
                      batch_size=32)  # fmt: skip
#: Enough clean-ish data that a wide net does not overfit much: what is left is capacity.
SWEEP = TrainConfig(n_samples=300, noise=0.2, test_fraction=0.5, hidden=(8, 8), epochs=40,
                    batch_size=32)  # fmt: skip


def overfitting_pair(
    config: TrainConfig, p: float, progress: Progress | None = None
) -> tuple[RunSummary, RunSummary]:
    """(without dropout, with drop probability p): ``config`` with dropout 0 and with p."""
    plain = dataclasses.replace(config, dropout=0.0)
    dropped = dataclasses.replace(config, dropout=p)  # validates p
    summaries = []
    for i, cfg in enumerate((plain, dropped)):

        def on_epoch(record, i=i, cfg=cfg) -> None:
            if progress is not None:
                progress((i + record.epoch / cfg.epochs) / 2)

        summaries.append(run_to_end(cfg, on_epoch))
    return summaries[0], summaries[1]


def p_sweep(
    config: TrainConfig,
    widths: Sequence[int],
    p_values: Sequence[float],
    progress: Progress | None = None,
) -> pd.DataFrame:
    """Train ``config`` for every width (all hidden layers that wide) and drop probability p.

    Columns: width, p, train_acc, test_acc, train_loss, test_loss (the last epoch, eval mode),
    diverged (None or the reason).
    """
    widths = list(widths)
    p_values = list(p_values)
    n_runs = len(widths) * len(p_values)
    if not 1 <= n_runs <= MAX_SWEEP_RUNS:
        raise ValueError(f"widths × p_values must give 1 to {MAX_SWEEP_RUNS} runs, got {n_runs}")
    depth = len(config.hidden)
    configs = [
        dataclasses.replace(config, hidden=(w,) * depth, dropout=float(p))
        for w in widths
        for p in p_values
    ]  # validates every width and p before any training
    rows = []
    for i, cfg in enumerate(configs):
        run = Run(cfg)
        for record in run:
            if progress is not None:
                progress((i + record.epoch / cfg.epochs) / n_runs)
        last = run.records[-1]
        rows.append(
            {
                "width": cfg.hidden[0],
                "p": cfg.dropout,
                "train_acc": last.train_acc,
                "test_acc": last.test_acc,
                "train_loss": last.train_loss,
                "test_loss": last.test_loss,
                "diverged": run.diverged,
            }
        )
    return pd.DataFrame(rows)


def underfit_onset(table: pd.DataFrame, tolerance: float = 0.05) -> pd.DataFrame:
    """Per width, the smallest p whose training accuracy is more than ``tolerance`` below the
    same width's accuracy at the smallest p in the sweep (no / least dropout): the point where
    dropout starts to cost fitting power. Columns: width, p, train_acc, baseline_acc; widths
    that never drop that far are left out.
    """
    rows = []
    for width, group in table.sort_values("p").groupby("width", sort=True):
        baseline = float(group["train_acc"].iloc[0])
        worse = group[group["train_acc"] < baseline - tolerance]
        if len(worse):
            first = worse.iloc[0]
            rows.append(
                {
                    "width": int(width),
                    "p": float(first["p"]),
                    "train_acc": float(first["train_acc"]),
                    "baseline_acc": baseline,
                }
            )
    return pd.DataFrame(rows, columns=["width", "p", "train_acc", "baseline_acc"])


def p_grid(step: float = 0.1, top: float = 0.8) -> tuple[float, ...]:
    """0, step, 2·step, …, top (rounded, so the values are clean cache keys)."""
    if not (0.0 < step <= top < 1.0):
        raise ValueError(f"step must be in (0, top] and top < 1, got step={step!r}, top={top!r}")
    n = round(top / step)
    return tuple(float(np.round(i * step, 6)) for i in range(n + 1))


__all__ = [
    "OVERFIT",
    "SWEEP",
    "overfitting_pair",
    "p_grid",
    "p_sweep",
    "underfit_onset",
]
