"""Running a remedy: one run, or an ensemble of runs whose mean prediction is evaluated."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from qa_core.engine.config import TrainConfig
from qa_core.engine.data import BOX
from qa_core.engine.network import Network
from qa_core.engine.summary import GRID_N, RunSummary, summarise
from qa_core.engine.training import Run
from qa_core.labs.overfitting.configs import (
    ENSEMBLE_EVAL_POINTS,
    MEMBER_GRID_N,
    RemedyResult,
    RunSpec,
)

_EPS = 1e-12  # floor for log-probabilities
_MIN_ROWS = 64  # smallest block in the ensemble's own evaluation (see _network_proba)
_SINGLE_THREAD_MNK = 2**18  # OpenBLAS: SMP_THRESHOLD_MIN 65536 × GEMM_MULTITHREAD_THRESHOLD 4
# -- running ------------------------------------------------------------------------------------


def member_configs(config: TrainConfig, k: int) -> list[TrainConfig]:
    """The members of a K-ensemble, seeded as ``train_ensemble`` seeds them: seed + i, data
    from the first member's seed, so every member sees the same data."""
    data_seed = config.seed if config.data_seed is None else config.data_seed
    return [
        dataclasses.replace(config, seed=config.seed + i, data_seed=data_seed) for i in range(k)
    ]


def _block_rows(network: Network) -> int:
    """Rows per block such that rows × (largest weight matrix size) ≤ 262 144 = 2^18, the
    size m·n·k below which OpenBLAS multiplies on the calling thread (never fewer than 64)."""
    largest = max(layer.params["W"].size for layer in network.dense_layers)
    return max(_MIN_ROWS, _SINGLE_THREAD_MNK // largest)


def _network_proba(network: Network, inputs: np.ndarray) -> np.ndarray:
    """Eval-mode probabilities for network inputs, in blocks of ``_block_rows`` rows.

    Small blocks keep every matrix product below OpenBLAS's multithreading threshold: on a
    busy two-core machine a threaded product of a few hundred rows can wait for a second core
    (bench/README.md), and the ensemble is evaluated many times per run.
    """
    rows = _block_rows(network)
    parts = [network.predict_proba(inputs[i : i + rows]) for i in range(0, len(inputs), rows)]
    return np.concatenate(parts)


def _mean_network_proba(runs: Sequence[Run], inputs: np.ndarray) -> np.ndarray:
    """Mean probabilities of the members for already scaled inputs (the members share data,
    hence the input scaling). A member that has diverged is left out (its weights are
    meaningless); if every member has, every probability is 0.5."""
    alive = [r for r in runs if not r.diverged]
    if not alive:
        return np.full((len(inputs), 2), 0.5)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        probs = np.stack([_network_proba(r.network, inputs) for r in alive])
    probs = np.nan_to_num(probs, nan=0.5, posinf=1.0, neginf=0.0)
    return probs.mean(axis=0)


def mean_proba(runs: Sequence[Run], points: np.ndarray) -> np.ndarray:
    """p̄(x) = (1/K) Σ_k p_k(x): the members' mean class probabilities (n, 2) at box points,
    as ``Ensemble.predict_proba``, over the members that have not diverged."""
    return _mean_network_proba(runs, runs[0].data.inputs(np.asarray(points, dtype=np.float64)))


def proba_metrics(proba: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Cross-entropy −mean log p̄[y] (floored at 1e−12) and accuracy of probabilities."""
    picked = np.clip(proba[np.arange(len(y)), y], _EPS, 1.0)
    return float(-np.mean(np.log(picked))), float(np.mean(proba.argmax(axis=1) == y))


def _dense_weights(run: Run) -> tuple[np.ndarray, ...]:
    out = []
    for layer in run.network.dense_layers:
        w = np.array(layer.params["W"], copy=True)
        w.setflags(write=False)
        out.append(w)
    return tuple(out)


def _ensemble_summary(
    runs: Sequence[Run], first: RunSummary, rows: list[dict], grid_n: int
) -> RunSummary:
    """A RunSummary of the ensemble: its own history and the mean-probability surface on the
    same grid as ``Run.grid``; data, config and first-layer weights are member 1's.

    The ensemble as a whole has diverged only if every member has, and has stopped early
    only if every member has (each member stops on its own validation loss); the members'
    own reasons stay in their summaries (``RemedyResult.members``)."""
    axis = np.linspace(-BOX, BOX, grid_n)
    x1, x2 = np.meshgrid(axis, axis)
    surface = mean_proba(runs, np.column_stack([x1.ravel(), x2.ravel()]))[:, 1]
    surface = surface.reshape(grid_n, grid_n)
    surface.setflags(write=False)
    axis.setflags(write=False)
    return dataclasses.replace(
        first,
        history=pd.DataFrame(rows),
        axis=axis,
        surface=surface,
        diverged=_every(runs, "diverged"),
        stopped=_every(runs, "stopped"),
    )


def _every(runs: Sequence[Run], what: str) -> str | None:
    """ "every member <what> (members i at epoch e, …)" when every member has ``what``
    (diverged / stopped), else None."""
    if not all(getattr(r, what) for r in runs):
        return None
    where = ", ".join(f"member {i} at epoch {r.epoch}" for i, r in enumerate(runs, start=1))
    return f"every member {what} ({where})"


def _throttled(progress: Callable[[float], None] | None) -> Callable[[float], None]:
    """``progress`` called at most once per percent (a page redraws its bar on every call)."""
    last = [-1.0]

    def report(fraction: float) -> None:
        if progress is not None and (fraction - last[0] >= 0.01 or fraction >= 1.0):
            last[0] = fraction
            progress(fraction)

    return report


def run_remedy(
    spec: RunSpec,
    progress: Callable[[float], None] | None = None,
    grid_n: int = GRID_N,
) -> RemedyResult:
    """Train one run of the comparison to the end; call ``progress(fraction)`` as it goes.

    An ensemble's K members train in lock-step; the ensemble (mean probabilities over the
    training, validation and test points, of the members that have not diverged) is
    evaluated after epoch 1, every ``ENSEMBLE_EVAL_POINTS``-th part of the run and at the end,
    so its history has at most about that many rows.
    """
    report = _throttled(progress)
    if spec.k == 1:
        run = Run(spec.config)
        for record in run:
            report(record.epoch / spec.config.epochs)
        return RemedyResult(spec.id, summarise(run, grid_n), weights=_dense_weights(run))
    runs = [Run(c) for c in member_configs(spec.config, spec.k)]
    data = runs[0].data
    n_train, n_val = len(data.x_train), len(data.x_val)
    inputs = data.inputs(np.concatenate([data.x_train, data.x_val, data.x_test]))
    stride = max(1, -(-spec.config.epochs // ENSEMBLE_EVAL_POINTS))
    rows: list[dict] = []
    total, done, epoch = spec.epochs_total, 0, 0
    while not all(r.done for r in runs):
        epoch += 1
        for r in runs:
            if not r.done:
                r.step()
                done += 1
        finished = all(r.done for r in runs)
        if epoch == 1 or epoch % stride == 0 or finished:
            proba = _mean_network_proba(runs, inputs)
            v = n_train + n_val
            train_loss, train_acc = proba_metrics(proba[:n_train], data.y_train)
            test_loss, test_acc = proba_metrics(proba[v:], data.y_test)
            row = {
                "epoch": epoch,
                "train_loss": train_loss,
                "test_loss": test_loss,
                "train_acc": train_acc,
                "test_acc": test_acc,
            }
            if n_val:
                row["val_loss"], row["val_acc"] = proba_metrics(proba[n_train:v], data.y_val)
            row["members_active"] = sum(not r.done for r in runs)
            row["members_diverged"] = sum(bool(r.diverged) for r in runs)
            rows.append(row)
        report(done / total if not finished else 1.0)
    members = tuple(summarise(r, MEMBER_GRID_N) for r in runs)
    summary = _ensemble_summary(runs, members[0], rows, grid_n)
    return RemedyResult(spec.id, summary, members=members, weights=_dense_weights(runs[0]))
