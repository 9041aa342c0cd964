"""A finished training run, reduced to what pages draw: history, data, decision surface, weights."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from qa_core.engine.config import TrainConfig
from qa_core.engine.training import EpochRecord, Run

GRID_N = 100  # decision-surface resolution: 100×100 is smooth enough for small maps


@dataclass(frozen=True, eq=False)
class RunSummary:
    """Everything a page shows of one run; arrays are read-only so a cached copy stays intact."""

    config: TrainConfig
    history: pd.DataFrame  # one row per epoch (EpochRecord.to_row)
    x_train: np.ndarray  # box coordinates of the original training points
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    axis: np.ndarray  # grid axis over the box
    surface: np.ndarray  # P(class 1) (or the output for regression) on axis × axis
    first_weights: np.ndarray  # the first Dense layer's weights after training
    n_fit: int  # rows trained on per epoch (with augmentation)
    diverged: str | None
    stopped: str | None
    x_val: np.ndarray  # the validation points (no rows without a validation split)
    y_val: np.ndarray

    @property
    def final(self) -> pd.Series:
        return self.history.iloc[-1]

    @property
    def has_validation(self) -> bool:
        """True when the run held out a validation split (its history has val_loss)."""
        return "val_loss" in self.history.columns

    @property
    def best_epoch(self) -> int:
        """The epoch with the lowest validation loss, or, without a validation split, the
        lowest test loss (a reading of the curves, not a choice made by the run)."""
        column = "val_loss" if self.has_validation else "test_loss"
        return int(self.history.loc[self.history[column].idxmin(), "epoch"])

    @property
    def gap(self) -> float:
        """Generalisation gap at the end: train accuracy − test accuracy (the one definition
        the pages use)."""
        return float(self.final["train_acc"] - self.final["test_acc"])


def _frozen(array: np.ndarray) -> np.ndarray:
    array = np.array(array, copy=True)
    array.setflags(write=False)
    return array


def summarise(run: Run, grid_n: int = GRID_N) -> RunSummary:
    """Reduce a (finished or diverged) run to a RunSummary."""
    records = run.records or [run.evaluate()]
    history = pd.DataFrame([r.to_row() for r in records])
    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        axis, surface = run.grid(grid_n)
    return RunSummary(
        config=run.config,
        history=history,
        x_train=_frozen(run.data.x_train),
        y_train=_frozen(run.data.y_train),
        x_test=_frozen(run.data.x_test),
        y_test=_frozen(run.data.y_test),
        axis=_frozen(axis),
        surface=_frozen(np.nan_to_num(surface, nan=0.5)),
        first_weights=_frozen(run.network.dense_layers[0].params["W"]),
        n_fit=run.n_fit,
        diverged=run.diverged,
        stopped=run.stopped,
        x_val=_frozen(run.data.x_val),
        y_val=_frozen(run.data.y_val),
    )


def run_to_end(
    config: TrainConfig,
    on_epoch: Callable[[EpochRecord], None] | None = None,
    grid_n: int = GRID_N,
) -> RunSummary:
    """Train ``config`` until it finishes, diverges or stops early; call ``on_epoch`` after each
    epoch (for a progress bar); return the summary."""
    run = Run(config)
    for record in run:
        if on_epoch is not None:
            on_epoch(record)
    return summarise(run, grid_n)
