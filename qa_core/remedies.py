"""Overfitting on purpose, then the remedies side by side against the same baseline.

The set-up (``overfit_config``) is a small noisy training set, a large held-out test set, a wide
MLP and many epochs: the baseline's training loss keeps falling while its test loss turns up.
Each remedy is ONE change to that baseline (``remedy_config``), run with the same seed, so the
same data and the same initial weights: any difference in the generalisation gap is the
remedy's. ``plan_runs`` adds an optional run with every chosen remedy at once.

- data augmentation: ``copies`` jittered copies x + N(0, σ²) of every training point, the label
  unchanged, so (1 + copies)·n rows per epoch (box units for σ, like the plots);
- L1 / L2: λ·Σ|w| and (λ/2)·Σw² on the Dense weights (biases, γ, β are not penalised);
- dropout: drop probability p after every hidden activation (inverted dropout; Srivastava et al.
  2014 call 1 − p the retain probability);
- ensemble: K members with seeds s, s+1, …, s+K−1 on the same data, as
  ``qa_core.training.train_ensemble``; the ensemble predicts the MEAN of the members'
  probabilities, p̄(x) = (1/K) Σ_k p_k(x), and its loss and accuracy are those of p̄;
- early stopping: stop after ``patience`` epochs without a lower test loss (Prechelt 1998);
  the weights of the last epoch are kept, so the table shows where it stopped;
- batch norm: BatchNorm before every hidden activation (Ioffe & Szegedy 2015 note a mild
  regularising effect from the mini-batch statistics).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from qa_core.engine.config import TrainConfig
from qa_core.engine.data import BOX, DATASETS
from qa_core.engine.network import Network
from qa_core.engine.summary import GRID_N, RunSummary, summarise
from qa_core.engine.training import Run

#: Remedy ids in display order.
REMEDIES: tuple[str, ...] = (
    "augment",
    "l1",
    "l2",
    "ensemble",
    "dropout",
    "early_stop",
    "batch_norm",
)
#: The four remedies of the seed, switched on by default.
DEFAULT_REMEDIES: tuple[str, ...] = ("augment", "l2", "ensemble", "dropout")
BASELINE = "baseline"
COMBINED = "combined"
#: Held-out test points: many more than training points, so test metrics are reliable.
TEST_SIZE = 500
#: |w| below this counts as "near zero" in the weight statistics.
NEAR_ZERO = 1e-2
#: An ensemble is evaluated at about this many epochs of its run (see run_remedy).
ENSEMBLE_EVAL_POINTS = 100
#: Members' own decision surfaces are not drawn: a 2×2 grid keeps their summaries cheap.
MEMBER_GRID_N = 2
_EPS = 1e-12  # floor for log-probabilities
_MIN_ROWS = 64  # smallest block in the ensemble's own evaluation (see _network_proba)
_SINGLE_THREAD_MNK = 2**18  # OpenBLAS: SMP_THRESHOLD_MIN 65536 × GEMM_MULTITHREAD_THRESHOLD 4


@dataclass(frozen=True)
class Strengths:
    """How strong each remedy is when it is switched on (plain values: a cache key)."""

    augment_copies: int = 5
    augment_sigma: float = 1.0
    l1: float = 1e-3
    l2: float = 1e-2
    ensemble_k: int = 5
    dropout: float = 0.5
    patience: int = 20

    def __post_init__(self) -> None:
        # Validate once through TrainConfig's own checks, which name the bad field.
        TrainConfig(
            augment_copies=self.augment_copies,
            augment_sigma=self.augment_sigma,
            l1=self.l1,
            l2=self.l2,
            dropout=self.dropout,
            early_stopping_patience=self.patience,
        )
        k = self.ensemble_k
        if isinstance(k, bool) or not isinstance(k, int) or not 2 <= k <= 20:
            raise ValueError(f"ensemble_k must be an integer in [2, 20], got {k!r}")


@dataclass(frozen=True)
class RunSpec:
    """One run of the comparison: its id, its config and its number of ensemble members."""

    id: str
    config: TrainConfig
    k: int = 1

    @property
    def epochs_total(self) -> int:
        """Epochs of work at most (for a progress bar): k runs of config.epochs."""
        return self.k * self.config.epochs


@dataclass(frozen=True, eq=False)
class RemedyResult:
    """A finished run (or ensemble) of the comparison.

    ``summary`` is a RunSummary of the run; for an ensemble its history holds the ENSEMBLE's
    per-epoch loss and accuracy (from the mean probabilities) and its surface is the mean
    probability surface. ``members`` are the members' own summaries (empty for single runs).
    ``weights`` are every Dense layer's weights (of member 1 for an ensemble).
    """

    id: str
    summary: RunSummary
    members: tuple[RunSummary, ...] = ()
    weights: tuple[np.ndarray, ...] = ()

    @property
    def is_ensemble(self) -> bool:
        return bool(self.members)


def overfit_config(
    *,
    dataset: str = "moons",
    n_train: int = 60,
    noise: float = 0.3,
    width: int = 16,
    depth: int = 3,
    epochs: int = 200,
    lr: float = 0.01,
    optimizer: str = "adam",
    batch_size: int = 32,
    seed: int = 0,
    n_test: int = TEST_SIZE,
) -> TrainConfig:
    """The baseline: ``n_train`` training and ``n_test`` test points, ``depth`` hidden layers of
    ``width`` ReLU units. Defaults overfit moons (noise 0.3): 3 × 16 units are 593 parameters
    for 60 points; train accuracy → 1 while the test loss passes its minimum within the first
    few dozen epochs and then climbs to several times that minimum.

    Why 16 units and not 64: every epoch evaluates all train + test rows at once, and a
    product of 560 rows × 16 × 16 stays below OpenBLAS's multithreading threshold (m·n·k ≤
    262 144), whereas × 64 × 64 goes threaded — many times slower on a busy two-core machine
    — while overfitting just as clearly.

    ``n_samples = n_train + n_test`` and ``test_fraction = n_test / n_samples``, so the split
    is exact. ValueError names a bad value.
    """
    for name, value, low in (("n_train", n_train, 2), ("n_test", n_test, 1), ("depth", depth, 1)):
        if isinstance(value, bool) or not isinstance(value, int) or value < low:
            raise ValueError(f"{name} must be an integer >= {low}, got {value!r}")
    if DATASETS.get(dataset) != "classification":
        names = [k for k, v in DATASETS.items() if v == "classification"]
        raise ValueError(f"dataset must be one of {', '.join(names)}; got {dataset!r}")
    n_samples = n_train + n_test
    return TrainConfig(
        dataset=dataset,
        n_samples=n_samples,
        noise=noise,
        test_fraction=n_test / n_samples,
        hidden=(width,) * depth,
        activation="relu",
        optimizer=optimizer,
        lr=lr,
        batch_size=batch_size,
        epochs=epochs,
        seed=seed,
    )


def remedy_config(base: TrainConfig, remedy: str, strengths: Strengths) -> TrainConfig:
    """``base`` with one remedy switched on (an ensemble's members use ``base`` unchanged)."""
    changes: dict[str, dict[str, object]] = {
        "augment": {
            "augment_copies": strengths.augment_copies,
            "augment_sigma": strengths.augment_sigma,
        },
        "l1": {"l1": strengths.l1},
        "l2": {"l2": strengths.l2},
        "ensemble": {},
        "dropout": {"dropout": strengths.dropout},
        "early_stop": {"early_stopping_patience": strengths.patience},
        "batch_norm": {"batch_norm": True},
    }
    if remedy not in changes:
        raise ValueError(f"remedy must be one of {', '.join(REMEDIES)}; got {remedy!r}")
    return dataclasses.replace(base, **changes[remedy])


def combined_config(
    base: TrainConfig, remedies: Sequence[str], strengths: Strengths
) -> TrainConfig:
    """``base`` with every chosen remedy applied at once."""
    config = base
    for remedy in remedies:
        config = remedy_config(config, remedy, strengths)
    return config


def plan_runs(
    base: TrainConfig,
    remedies: Sequence[str],
    strengths: Strengths,
    *,
    combined: bool = False,
) -> list[RunSpec]:
    """The baseline, then each chosen remedy ALONE (one change against the baseline, so its
    effect can be read off), then, if ``combined`` and at least two remedies are chosen, one
    run with all of them together (an ensemble of K such members if the ensemble is chosen)."""
    unknown = [r for r in remedies if r not in REMEDIES]
    if unknown:
        raise ValueError(f"remedies must be from {', '.join(REMEDIES)}; got {unknown!r}")
    chosen = [r for r in REMEDIES if r in remedies]
    specs = [RunSpec(BASELINE, base)]
    for remedy in chosen:
        k = strengths.ensemble_k if remedy == "ensemble" else 1
        specs.append(RunSpec(remedy, remedy_config(base, remedy, strengths), k))
    if combined and len(chosen) >= 2:
        k = strengths.ensemble_k if "ensemble" in chosen else 1
        specs.append(RunSpec(COMBINED, combined_config(base, chosen, strengths), k))
    return specs


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
    busy two-core machine a threaded product of a few hundred rows can wait many
    milliseconds for a second core (measured: 560 rows × 64 units in one block took 5–15×
    longer than in 64-row blocks under load), and the ensemble is evaluated many times per run.
    """
    rows = _block_rows(network)
    parts = [network.predict_proba(inputs[i : i + rows]) for i in range(0, len(inputs), rows)]
    return np.concatenate(parts)


def _mean_network_proba(runs: Sequence[Run], inputs: np.ndarray) -> np.ndarray:
    """Mean probabilities of the members for already scaled inputs (the members share data,
    hence the input scaling); a diverged member's NaNs count as 0.5."""
    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        probs = np.stack([_network_proba(r.network, inputs) for r in runs])
    probs = np.nan_to_num(probs, nan=0.5, posinf=1.0, neginf=0.0)
    return probs.mean(axis=0)


def mean_proba(runs: Sequence[Run], points: np.ndarray) -> np.ndarray:
    """p̄(x) = (1/K) Σ_k p_k(x): the members' mean class probabilities (n, 2) at box points,
    as ``Ensemble.predict_proba``; a diverged member's NaNs count as 0.5."""
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
    same grid as ``Run.grid``; data, config and first-layer weights are member 1's."""
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
        diverged=next((r.diverged for r in runs if r.diverged), None),
        stopped=runs[0].stopped if all(r.stopped for r in runs) else None,
    )


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
    training and test points) is evaluated after epoch 1, every ``ENSEMBLE_EVAL_POINTS``-th
    part of the run and at the end, so its history has at most about that many rows.
    """
    report = _throttled(progress)
    if spec.k == 1:
        run = Run(spec.config)
        for record in run:
            report(record.epoch / spec.config.epochs)
        return RemedyResult(spec.id, summarise(run, grid_n), weights=_dense_weights(run))
    runs = [Run(c) for c in member_configs(spec.config, spec.k)]
    data = runs[0].data
    n_train = len(data.x_train)
    inputs = data.inputs(np.concatenate([data.x_train, data.x_test]))
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
            train_loss, train_acc = proba_metrics(proba[:n_train], data.y_train)
            test_loss, test_acc = proba_metrics(proba[n_train:], data.y_test)
            rows.append(
                {
                    "epoch": epoch,
                    "train_loss": train_loss,
                    "test_loss": test_loss,
                    "train_acc": train_acc,
                    "test_acc": test_acc,
                    "members_active": sum(not r.done for r in runs),
                }
            )
        report(done / total if not finished else 1.0)
    members = tuple(summarise(r, MEMBER_GRID_N) for r in runs)
    summary = _ensemble_summary(runs, members[0], rows, grid_n)
    return RemedyResult(spec.id, summary, members=members, weights=_dense_weights(runs[0]))


# -- tables -------------------------------------------------------------------------------------


def underfit_threshold(y_train: np.ndarray, margin: float = 0.1) -> float:
    """Training accuracy below which a run counts as underfitting:
    min(majority-class share + margin, 1 − margin). The cap keeps a (tiny, one-sided) training
    set whose majority share is near 1 from flagging every run."""
    y = np.asarray(y_train)
    majority = float(np.bincount(y).max() / len(y))
    return min(majority + margin, 1.0 - margin)


def is_underfit(summary: RunSummary, margin: float = 0.1) -> bool:
    """True when the final training accuracy is within ``margin`` of always guessing the
    majority class: the remedy (or its strength) has stopped the network from fitting at all."""
    acc = summary.final["train_acc"]
    if acc is None or not np.isfinite(acc):
        return False
    return float(acc) < underfit_threshold(summary.y_train, margin)


def results_table(results: Sequence[RemedyResult]) -> pd.DataFrame:
    """One row per run: final train/test accuracy, the gap train − test accuracy, its change
    against the baseline, final and best test loss, the epoch of the best test loss, epochs
    run, rows trained per epoch and the state (ok / stopped / diverged / underfit)."""
    rows = []
    base_gap = next((r.summary.gap for r in results if r.id == BASELINE), np.nan)
    for r in results:
        s = r.summary
        h = s.history
        state = "ok"
        if s.diverged:
            state = "diverged"
        elif is_underfit(s):
            state = "underfit"
        elif s.stopped:
            state = "stopped"
        rows.append(
            {
                "run": r.id,
                "train_acc": float(s.final["train_acc"]),
                "test_acc": float(s.final["test_acc"]),
                "gap": s.gap,
                "gap_change": s.gap - base_gap,
                "test_loss": float(s.final["test_loss"]),
                "best_test_loss": float(h["test_loss"].min()),
                "best_epoch": s.best_epoch,
                "epochs_run": int(h["epoch"].iloc[-1]),
                "rows_per_epoch": s.n_fit,
                "members": len(r.members) or 1,
                "state": state,
            }
        )
    return pd.DataFrame(rows)


def history_table(results: Sequence[RemedyResult]) -> pd.DataFrame:
    """Every run's per-epoch history in long form (a ``run`` column first), for download.
    Ensemble members appear as ``ensemble/member_1`` … after the ensemble's own rows."""
    frames = []
    for r in results:
        frames.append(r.summary.history.assign(run=r.id))
        for i, m in enumerate(r.members, start=1):
            frames.append(m.history.assign(run=f"{r.id}/member_{i}"))
    table = pd.concat(frames, ignore_index=True)
    return table[["run", *[c for c in table.columns if c != "run"]]]


def member_table(result: RemedyResult) -> pd.DataFrame:
    """An ensemble's members and the ensemble itself: final train/test accuracy and test loss.
    The ensemble row uses the mean probabilities, not the mean of the members' numbers."""
    rows = []
    for i, m in enumerate(result.members, start=1):
        rows.append(
            {
                "member": str(i),
                "seed": m.config.seed,
                "train_acc": float(m.final["train_acc"]),
                "test_acc": float(m.final["test_acc"]),
                "test_loss": float(m.final["test_loss"]),
            }
        )
    s = result.summary
    rows.append(
        {
            "member": "ensemble",
            "seed": s.config.seed,
            "train_acc": float(s.final["train_acc"]),
            "test_acc": float(s.final["test_acc"]),
            "test_loss": float(s.final["test_loss"]),
        }
    )
    return pd.DataFrame(rows)


def best_remedy(table: pd.DataFrame) -> str | None:
    """The remedy (not the baseline or the combined run) with the smallest gap, or None.
    Diverged runs are skipped; ties go to the earlier remedy."""
    candidates = table[(table["run"].isin(REMEDIES)) & (table["state"] != "diverged")]
    if candidates.empty:
        return None
    return str(candidates.loc[candidates["gap"].idxmin(), "run"])


def weight_stats(weights: dict[str, np.ndarray], near_zero: float = NEAR_ZERO) -> pd.DataFrame:
    """Per run: the number of weights, the share with |w| < near_zero, mean |w|, max |w| and
    the Frobenius norm ‖W‖₂."""
    if not near_zero > 0:
        raise ValueError(f"near_zero must be > 0, got {near_zero!r}")
    rows = []
    for name, w in weights.items():
        a = np.abs(np.asarray(w, dtype=np.float64).ravel())
        rows.append(
            {
                "run": name,
                "n": a.size,
                "near_zero": float(np.mean(a < near_zero)),
                "mean_abs": float(a.mean()),
                "max_abs": float(a.max()),
                "norm": float(np.sqrt(np.sum(a * a))),
            }
        )
    return pd.DataFrame(rows)


__all__ = [
    "BASELINE",
    "COMBINED",
    "DEFAULT_REMEDIES",
    "ENSEMBLE_EVAL_POINTS",
    "MEMBER_GRID_N",
    "NEAR_ZERO",
    "REMEDIES",
    "TEST_SIZE",
    "RemedyResult",
    "RunSpec",
    "Strengths",
    "best_remedy",
    "combined_config",
    "history_table",
    "is_underfit",
    "mean_proba",
    "member_configs",
    "member_table",
    "overfit_config",
    "plan_runs",
    "proba_metrics",
    "remedy_config",
    "results_table",
    "run_remedy",
    "underfit_threshold",
    "weight_stats",
]
