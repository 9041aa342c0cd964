"""Label smoothing on a toy task: accuracy, confidence and calibration for ε = 0 … 0.3.

Each run trains the same network (same seed, same data, same batches) with the targets
(1 − ε)·onehot + ε/C (Szegedy et al. 2016; PyTorch's ``label_smoothing``). On the held-out
points we measure accuracy, the mean confidence (the largest predicted probability) and the
expected calibration error (ECE, Guo et al. 2017 style): the points are grouped by confidence
into ``N_BINS`` equal bins over [0.5, 1] (two classes: confidence is never below 0.5), and

    ECE = Σ_b (n_b / n) · |accuracy_b − confidence_b|.

A wide net trained long on few noisy points becomes overconfident (confidence > accuracy);
smoothing caps the target at 1 − ε/2, which pulls confidence down (Müller, Kornblith & Hinton
2019); too much and it undershoots (confidence < accuracy). The test loss reported is the plain
negative log-likelihood, whatever ε the run trained with.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from qa_core.engine import checks
from qa_core.engine.config import TrainConfig
from qa_core.engine.training import Run

Progress = Callable[[float], None]
N_BINS = 10
EPSILONS: tuple[float, ...] = (0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3)
MAX_EPSILON = 0.3

#: Noisy moons, 300 training and 700 test points, a wide two-layer net trained long with Adam:
#: without smoothing it ends up overconfident on the test points.
TASK = TrainConfig(dataset="moons", n_samples=1000, noise=0.35, test_fraction=0.7,
                   hidden=(32, 32), optimizer="adam", lr=0.01, batch_size=64, epochs=150,
                   seed=0)  # fmt: skip


@dataclass(frozen=True)
class SmoothingSweep:
    """One row per ε (``scores``) and the reliability bins of every run (``bins``)."""

    scores: pd.DataFrame  # epsilon, acc, confidence, ece, nll, train_loss, floor, max_target
    bins: pd.DataFrame  # epsilon, bin, low, high, count, acc, confidence
    diverged: tuple[str, ...]


def target_entropy(epsilon: float, n_classes: int = 2) -> float:
    """H(q) of the smoothed target: the lowest training loss a run with ε can reach."""
    q = np.full(n_classes, epsilon / n_classes)
    q[0] += 1.0 - epsilon
    q = q[q > 0]
    return float(-np.sum(q * np.log(q))) + 0.0  # -0.0 for ε = 0 reads as 0


def reliability(
    probs: np.ndarray, labels: np.ndarray, n_bins: int = N_BINS
) -> tuple[pd.DataFrame, float]:
    """Bins of confidence over [1/C, 1] (count, accuracy, mean confidence) and the ECE."""
    checks.integer("n_bins", n_bins, 1, 100)
    confidence = probs.max(axis=1)
    correct = probs.argmax(axis=1) == labels
    low = 1.0 / probs.shape[1]
    edges = np.linspace(low, 1.0, n_bins + 1)
    index = np.clip(np.searchsorted(edges, confidence, side="right") - 1, 0, n_bins - 1)
    count = np.bincount(index, minlength=n_bins)
    hits = np.bincount(index, weights=correct.astype(float), minlength=n_bins)
    conf_sum = np.bincount(index, weights=confidence, minlength=n_bins)
    with np.errstate(invalid="ignore", divide="ignore"):
        acc, conf = hits / count, conf_sum / count
    ece = float(np.sum(np.abs(hits - conf_sum)) / len(labels))
    table = pd.DataFrame({"bin": np.arange(n_bins), "low": edges[:-1], "high": edges[1:],
                          "count": count, "acc": acc, "confidence": conf})  # fmt: skip
    return table, ece


def smoothing_sweep(
    epsilons: Sequence[float] = EPSILONS,
    config: TrainConfig = TASK,
    progress: Progress | None = None,
) -> SmoothingSweep:
    """Train ``config`` once per ε and score each run on its test points."""
    if not 1 <= len(epsilons) <= 20:
        raise ValueError(f"epsilons must hold 1 to 20 values, got {len(epsilons)}")
    for eps in epsilons:
        checks.real("epsilon", eps, 0.0, 1.0)
    rows, bins, diverged = [], [], []
    for i, eps in enumerate(epsilons):
        run = Run(dataclasses.replace(config, label_smoothing=float(eps)))
        for record in run:
            if progress is not None:
                progress((i + record.epoch / config.epochs) / len(epsilons))
        if run.diverged:
            diverged.append(f"ε = {eps:g}: {run.diverged}")
            continue
        probs = run.predict_proba(run.data.x_test)
        labels = run.data.y_test
        table, ece = reliability(probs, labels)
        table.insert(0, "epsilon", float(eps))
        bins.append(table)
        p_true = np.clip(probs[np.arange(len(labels)), labels], 1e-300, 1.0)
        rows.append({
            "epsilon": float(eps),
            "acc": float(np.mean(probs.argmax(axis=1) == labels)),
            "confidence": float(probs.max(axis=1).mean()),
            "ece": ece,
            "nll": float(-np.log(p_true).mean()),
            "train_loss": run.records[-1].train_loss,
            "floor": target_entropy(float(eps), probs.shape[1]),
            "max_target": 1.0 - float(eps) + float(eps) / probs.shape[1],
        })  # fmt: skip
    return SmoothingSweep(
        scores=pd.DataFrame(rows),
        bins=pd.concat(bins, ignore_index=True) if bins else pd.DataFrame(),
        diverged=tuple(diverged),
    )
