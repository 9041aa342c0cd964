"""The overfitting set-up and one config per remedy: each remedy is one change to the baseline."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from qa_core.engine import checks
from qa_core.engine.config import TrainConfig
from qa_core.engine.data import DATASETS
from qa_core.engine.summary import RunSummary

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
#: Held-out test points: many more than training points, so test metrics are reliable. The
#: test set is only reported: nothing is chosen by it.
TEST_SIZE = 500
#: Validation points: what early stopping and every "best epoch" watch. Fixed apart from the
#: training points so that every run, whatever its remedy, trains on the same points.
VAL_SIZE = 100
#: |w| below this counts as "near zero" in the weight statistics.
NEAR_ZERO = 1e-2
#: An ensemble is evaluated at about this many epochs of its run (see run_remedy).
ENSEMBLE_EVAL_POINTS = 100
#: Members' own decision surfaces are not drawn: a 2×2 grid keeps their summaries cheap.
MEMBER_GRID_N = 2


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
        # Validate once through TrainConfig's own checks, which name the bad field (with a
        # validation split, which early stopping needs, as every run of the comparison has).
        TrainConfig(
            augment_copies=self.augment_copies,
            augment_sigma=self.augment_sigma,
            l1=self.l1,
            l2=self.l2,
            dropout=self.dropout,
            early_stopping_patience=self.patience,
            validation_fraction=0.1,
        )
        k = self.ensemble_k
        checks.integer("ensemble_k", k, 2, 20)


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
    n_val: int = VAL_SIZE,
) -> TrainConfig:
    """The baseline: ``n_train`` training, ``n_val`` validation and ``n_test`` test points,
    ``depth`` hidden layers of ``width`` ReLU units. Defaults overfit moons (noise 0.3): 3 × 16
    units are 593 parameters for 60 points; train accuracy → 1 while the validation and test
    losses pass their minimum within the first few dozen epochs and then climb.

    Why 16 units and not 64: every epoch evaluates all train + validation + test rows at once,
    and a product of 660 rows × 16 × 16 stays below OpenBLAS's multithreading threshold (m·n·k
    ≤ 262 144), whereas × 64 × 64 goes threaded — many times slower on a busy two-core machine
    — while overfitting just as clearly.

    ``n_samples = n_train + n_val + n_test``, ``test_fraction = n_test / n_samples`` and
    ``validation_fraction = n_val / n_samples``, so the split is exact. ValueError names a bad
    value.
    """
    for name, value, low in (
        ("n_train", n_train, 2),
        ("n_test", n_test, 1),
        ("n_val", n_val, 1),
        ("depth", depth, 1),
    ):
        checks.integer(name, value, low)
    if DATASETS.get(dataset) != "classification":
        names = [k for k, v in DATASETS.items() if v == "classification"]
        raise ValueError(f"dataset must be one of {', '.join(names)}; got {dataset!r}")
    n_samples = n_train + n_val + n_test
    return TrainConfig(
        dataset=dataset,
        n_samples=n_samples,
        noise=noise,
        test_fraction=n_test / n_samples,
        validation_fraction=n_val / n_samples,
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
