"""Training with and without batch norm: the same network at several learning rates.

The batch-norm page's comparison. Every run uses the same data, the same seed and therefore
the same initial Dense weights (BatchNorm layers add no random draws), so the only difference
between a pair of runs is the BN layers (Ioffe & Szegedy 2015, §4.2: BN permits higher
learning rates and reaches a given accuracy in fewer steps). Santurkar et al. (2018) attribute
this to a smoother loss landscape rather than to less "internal covariate shift"; nothing here
measures the shift itself.

- ``lab_config``: the page's network (moons, ``depth`` hidden layers of ``width`` units,
  plain SGD, Xavier init for sigmoid/tanh, He init for ReLU-like activations);
  ``probe_config``: the same with the smaller defaults of the networks the batch and mode
  probes look inside (``batches``, ``modes``).
- ``compare_bn``: BN off/on × learning rates → histories, epochs to a target accuracy, the
  largest learning rate that still trains.
- ``interplay``: BN off/on × dropout off/on at one learning rate, and ``interplay_table``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from qa_core.engine import checks
from qa_core.engine.config import TrainConfig
from qa_core.engine.training import Run

Progress = Callable[[float], None]

#: Learning rates offered by the page (plain SGD), roughly ×√10 apart.
LR_LADDER: tuple[float, ...] = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
DEFAULT_LRS: tuple[float, ...] = (0.03, 0.3, 3.0)
DEFAULT_TARGET = 0.9
MAX_RUNS = 16
#: The probes' smaller network: 3 hidden layers of 16 units (``probe_config``).
PROBE_NETWORK: dict[str, object] = {"depth": 3, "width": 16}
#: The page's answers to "at the largest learning rate, which networks reach the target?"
OUTCOMES: tuple[str, ...] = ("bn_only", "plain_only", "both", "neither")


def _init_for(activation: str) -> str:
    """Xavier for saturating activations (Glorot & Bengio 2010), He for ReLU-like ones."""
    return "xavier" if activation in ("sigmoid", "tanh") else "he"


def lab_config(
    *,
    activation: str = "relu",
    depth: int = 4,
    width: int = 32,
    lr: float = 0.3,
    batch_norm: bool = False,
    dropout: float = 0.0,
    epochs: int = 20,
    batch_size: int = 32,
    optimizer: str = "sgd",
    bn_momentum: float = 0.1,
    n_samples: int = 400,
    seed: int = 0,
) -> TrainConfig:
    """The page's network as a validated TrainConfig (ValueError names a bad field)."""
    checks.integer("depth", depth, 1, 10)
    return TrainConfig(
        dataset="moons",
        n_samples=n_samples,
        noise=0.2,
        hidden=(width,) * depth,
        activation=activation,
        init=_init_for(activation),
        batch_norm=batch_norm,
        bn_momentum=bn_momentum,
        dropout=dropout,
        optimizer=optimizer,
        lr=lr,
        batch_size=batch_size,
        epochs=epochs,
        seed=seed,
    )


def probe_config(**settings: object) -> TrainConfig:
    """``lab_config`` with the probes' smaller network (``PROBE_NETWORK``) unless ``settings``
    name another ``depth`` or ``width``."""
    return lab_config(**{**PROBE_NETWORK, **settings})  # type: ignore[arg-type]


def _check_target(target: float) -> float:
    if not (np.isfinite(target) and 0.0 < target <= 1.0):
        raise ValueError(f"target accuracy must be in (0, 1], got {target!r}")
    return float(target)


def epochs_to_target(history: pd.DataFrame, target: float) -> int | None:
    """The first epoch whose test accuracy is ≥ ``target``, or None if none is."""
    _check_target(target)
    hit = history.loc[history["test_acc"] >= target, "epoch"]
    return int(hit.iloc[0]) if len(hit) else None


@dataclass(frozen=True, eq=False)
class TrainedRun:
    """One finished (or diverged) run of the comparison."""

    lr: float
    batch_norm: bool
    dropout: float
    history: pd.DataFrame  # EpochRecord.to_row per epoch
    diverged: str | None
    epochs_to_target: int | None

    @property
    def final_train_acc(self) -> float:
        return float(self.history["train_acc"].iloc[-1])

    @property
    def final_test_acc(self) -> float:
        return float(self.history["test_acc"].iloc[-1])

    @property
    def gap(self) -> float:
        """Final train minus test accuracy."""
        return self.final_train_acc - self.final_test_acc

    @property
    def trains(self) -> bool:
        """Did not diverge and reached the target accuracy."""
        return self.diverged is None and self.epochs_to_target is not None


def _train(config: TrainConfig, target: float, on_epoch: Callable[[int], None]) -> TrainedRun:
    run = Run(config)
    for record in run:
        on_epoch(record.epoch)
    history = pd.DataFrame([r.to_row() for r in run.records])
    return TrainedRun(
        lr=config.lr,
        batch_norm=config.batch_norm,
        dropout=config.dropout,
        history=history,
        diverged=run.diverged,
        epochs_to_target=epochs_to_target(history, target),
    )


def _train_all(
    configs: Sequence[TrainConfig], target: float, progress: Progress | None
) -> list[TrainedRun]:
    """Train each config in turn, reporting overall progress in [0, 1] after every epoch."""
    if not 1 <= len(configs) <= MAX_RUNS:
        raise ValueError(f"the number of runs must be in [1, {MAX_RUNS}], got {len(configs)}")
    total = sum(c.epochs for c in configs)
    done = 0
    runs = []
    for config in configs:

        def on_epoch(epoch: int, base: int = done) -> None:
            if progress is not None:
                progress((base + epoch) / total)

        runs.append(_train(config, target, on_epoch))
        done += config.epochs
    if progress is not None:
        progress(1.0)
    return runs


@dataclass(frozen=True, eq=False)
class BNComparison:
    """BN off/on at each learning rate; ``runs`` ordered lr by lr, BN off before BN on."""

    lrs: tuple[float, ...]
    target: float
    runs: tuple[TrainedRun, ...]

    def run(self, lr: float, batch_norm: bool) -> TrainedRun:
        return next(r for r in self.runs if r.lr == lr and r.batch_norm == batch_norm)

    def largest_lr_that_trains(self, batch_norm: bool) -> float | None:
        """The largest compared learning rate whose run reached the target without diverging."""
        ok = [r.lr for r in self.runs if r.batch_norm == batch_norm and r.trains]
        return max(ok) if ok else None

    def bn_faster(self) -> list[bool | None]:
        """Per learning rate: True if BN reached the target in fewer epochs than no-BN (a run
        that never reached it counts as slower), False if not, None if neither reached it."""
        verdicts: list[bool | None] = []
        for lr in self.lrs:
            off, on = self.run(lr, False).epochs_to_target, self.run(lr, True).epochs_to_target
            if off is None and on is None:
                verdicts.append(None)
            else:
                verdicts.append(on is not None and (off is None or on < off))
        return verdicts

    def bn_wins(self) -> int:
        """At how many learning rates BN reached the target in fewer epochs (``bn_faster``)."""
        return sum(1 for faster in self.bn_faster() if faster)

    def outcome(self) -> str:
        """Which networks train (``TrainedRun.trains``) at the largest learning rate: one of
        ``OUTCOMES``."""
        top = max(self.lrs)
        on, off = self.run(top, True).trains, self.run(top, False).trains
        if on and off:
            return "both"
        if on:
            return "bn_only"
        return "plain_only" if off else "neither"

    def table(self) -> pd.DataFrame:
        """One row per run: lr, batch_norm, epochs to target, final accuracies, diverged."""
        return pd.DataFrame(
            {
                "lr": [r.lr for r in self.runs],
                "batch_norm": [r.batch_norm for r in self.runs],
                "epochs_to_target": [r.epochs_to_target for r in self.runs],
                "final_train_acc": [r.final_train_acc for r in self.runs],
                "final_test_acc": [r.final_test_acc for r in self.runs],
                "diverged": [r.diverged is not None for r in self.runs],
            }
        )


def _check_lrs(lrs: Sequence[float]) -> tuple[float, ...]:
    values = tuple(float(lr) for lr in lrs)
    if not values:
        raise ValueError("lrs must name at least one learning rate, got none")
    if len(set(values)) != len(values):
        raise ValueError(f"lrs must be distinct, got {values!r}")
    return tuple(sorted(values))


def compare_bn(
    lrs: Sequence[float] = DEFAULT_LRS,
    *,
    target: float = DEFAULT_TARGET,
    progress: Progress | None = None,
    **network: object,
) -> BNComparison:
    """Train ``lab_config(**network)`` with BN off and on at every learning rate in ``lrs``.

    Same seed for every run. ``progress(fraction)`` is called after each epoch.
    """
    values = _check_lrs(lrs)
    target = _check_target(target)
    configs = [
        lab_config(**network, lr=lr, batch_norm=bn)  # type: ignore[arg-type]
        for lr in values
        for bn in (False, True)
    ]
    runs = _train_all(configs, target, progress)
    return BNComparison(lrs=values, target=target, runs=tuple(runs))


def interplay(
    lr: float = 0.3,
    dropout: float = 0.3,
    *,
    target: float = DEFAULT_TARGET,
    progress: Progress | None = None,
    **network: object,
) -> tuple[TrainedRun, ...]:
    """BN off/on × dropout off/on (``dropout`` > 0) at one learning rate: four runs, in the
    order (no BN, no dropout), (BN), (dropout), (BN + dropout)."""
    if not (np.isfinite(dropout) and 0.0 < dropout < 1.0):
        raise ValueError(f"dropout must be in (0, 1) for the interplay, got {dropout!r}")
    target = _check_target(target)
    network = {k: v for k, v in network.items() if k != "dropout"}
    configs = [
        lab_config(**network, lr=lr, batch_norm=bn, dropout=p)  # type: ignore[arg-type]
        for p in (0.0, dropout)
        for bn in (False, True)
    ]
    return tuple(_train_all(configs, target, progress))


def interplay_table(runs: Sequence[TrainedRun]) -> pd.DataFrame:
    """One row per run of ``interplay``: epochs to target (None: never), final accuracies and
    their gap."""
    return pd.DataFrame(
        {
            "epochs_to_target": pd.Series([r.epochs_to_target for r in runs], dtype=object),
            "final_train_acc": [r.final_train_acc for r in runs],
            "final_test_acc": [r.final_test_acc for r in runs],
            "gap": [r.gap for r in runs],
        }
    )


__all__ = [
    "DEFAULT_LRS",
    "DEFAULT_TARGET",
    "LR_LADDER",
    "OUTCOMES",
    "PROBE_NETWORK",
    "BNComparison",
    "TrainedRun",
    "compare_bn",
    "epochs_to_target",
    "interplay",
    "interplay_table",
    "lab_config",
    "probe_config",
]
