"""Dying ReLU, provoked and measured: ReLU against Leaky ReLU, PReLU and RReLU on one setting.

A hidden unit j of layer l computes z_j = w_jᵀ h + b_j. Under ReLU its local derivative is
[z_j > 0], so if z_j ≤ 0 on every training input, ∂L/∂w_j = Σ_n δ_n·0·h_n = 0 and ∂L/∂b_j = 0:
plain SGD never moves it again and it is **dead**. For a first-layer unit the inputs h = x
never change, so a dead first-layer unit stays dead for good. Leaky ReLU, PReLU and RReLU
replace the 0 by a slope α, a or r > 0, so such a unit still gets a gradient.

Two things provoke dead units here: a large SGD learning rate (one oversized step throws w, b
where z ≤ 0 for all data) and a **negative bias shift** (subtract a constant from every hidden
Dense bias right after initialisation).

Per epoch this module records, besides the engine's ``EpochRecord`` (``dead_<l>`` = output
exactly 0 on every training point, ``prelu_<l>`` = PReLU's slope):

- ``inactive_<l>``: fraction of units whose pre-activation z ≤ 0 on every training point. For
  ReLU this *is* the dead fraction; for the leaky variants such units are alive (gradient
  ×α), and can come back.
- ``revived_<l>``: cumulative count of returns: units inactive at the end of one epoch and
  active at the end of the next.
- ``ever_<l>``: how many units have had z ≤ 0 on every training point at some epoch so far.
- ``moved_<l>``: the largest |change| of the incoming weights and bias, during the epoch, of
  the units that were inactive when the epoch began (NaN if there were none). Exactly 0 for
  dead ReLU units of the first layer under plain SGD without weight decay.

A run that diverges stops there, and the network of its last epoch is broken (non-finite or
exploded weights): in that epoch's row every measurement of the units (dead, inactive,
moved, PReLU's slope) and the accuracies are NaN, and the counts (revived, ever) keep their
values from before. A table or a sentence then says "diverged at epoch k", never "0 % dead".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from qa_core.engine.config import TrainConfig
from qa_core.engine.training import EpochRecord, Run

#: The four activations compared, in display order.
VARIANTS = ("relu", "leaky_relu", "prelu", "rrelu")
MAX_SHIFT = 10.0

Progress = Callable[[float], None]


def dying_config(
    activation: str = "relu",
    *,
    lr: float = 0.2,
    epochs: int = 30,
    seed: int = 0,
    alpha: float = 0.01,
    hidden: tuple[int, ...] = (32, 32),
    dataset: str = "moons",
    n_samples: int = 400,
    noise: float = 0.2,
    batch_size: int = 32,
) -> TrainConfig:
    """Plain SGD, no weight decay, He init: the setting of the experiment. ``alpha`` is Leaky
    ReLU's slope (ignored for the others); PReLU starts at a = 0.25 (He et al. 2015) and RReLU
    uses PyTorch's U(1/8, 1/3). Validated by TrainConfig (ValueError names the field)."""
    params = {"alpha": alpha} if activation == "leaky_relu" else {}
    return TrainConfig(
        dataset=dataset,
        n_samples=n_samples,
        noise=noise,
        hidden=tuple(hidden),
        activation=activation,
        activation_params=params,
        init="he",
        optimizer="sgd",
        lr=lr,
        l1=0.0,
        l2=0.0,
        batch_size=batch_size,
        epochs=epochs,
        seed=seed,
    )


def _check_shift(shift: float) -> float:
    value = float(shift)
    if not (np.isfinite(value) and 0.0 <= value <= MAX_SHIFT):
        raise ValueError(f"bias_shift must be in [0, {MAX_SHIFT:g}], got {shift!r}")
    return value


def shift_hidden_biases(run: Run, shift: float) -> None:
    """b ← b − shift for every hidden Dense layer (not the output layer), in place.

    The biases are views into the network's flat parameter vector, so the update must be
    in place for the optimiser to see it."""
    shift = _check_shift(shift)
    for layer in run.network.dense_layers[:-1]:
        layer.params["b"] -= shift


def _hidden(run: Run):
    """The hidden activation layers, input side first."""
    return run.network.activation_layers[: len(run.config.hidden)]


def pre_activations(run: Run) -> list[np.ndarray]:
    """Each hidden layer's pre-activations z (n_train, width) on the original training points,
    from one eval-mode forward pass (no random draws: the run is not disturbed)."""
    x = run.data.inputs(run.data.x_train)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        run.network.forward(x, training=False)
    return [layer.last_input for layer in _hidden(run)]


def inactive_units(run: Run) -> list[np.ndarray]:
    """Per hidden layer, a boolean per unit: z ≤ 0 on every training point (dead under ReLU)."""
    with np.errstate(invalid="ignore"):
        return [~np.any(z > 0, axis=0) for z in pre_activations(run)]


def unit_gradient_norms(run: Run, layer: int = 0) -> np.ndarray:
    """Full-batch ‖(∂L/∂w_j, ∂L/∂b_j)‖₂ for every unit j of hidden layer ``layer``, in eval mode
    on the original training points (RReLU at its mean slope). Overwrites the network's grads,
    which the next training step recomputes anyway."""
    if not 0 <= layer < len(run.config.hidden):
        raise ValueError(f"layer must be in [0, {len(run.config.hidden) - 1}], got {layer!r}")
    net = run.network
    x = run.data.inputs(run.data.x_train)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        out = net.forward(x, training=False)
        _, dout = net.loss(out, run.data.y_train)
        net.backward(dout, input_grad=False)
        dense = net.dense_layers[layer]
        return np.sqrt(np.sum(dense.grads["W"] ** 2, axis=0) + dense.grads["b"] ** 2)


def _unit_params(run: Run) -> list[np.ndarray]:
    """A copy of every hidden unit's incoming weights and bias: (n_in + 1, width) per layer."""
    return [
        np.vstack([d.params["W"], d.params["b"][None, :]])
        for d in run.network.dense_layers[: len(run.config.hidden)]
    ]


@dataclass(frozen=True, eq=False)
class DyingResult:
    """One activation's run: ``history`` has one row per epoch from 0 (after the bias shift,
    before training) with the engine's columns plus inactive_/revived_/moved_<l>."""

    activation: str
    config: TrainConfig
    bias_shift: float
    history: pd.DataFrame
    diverged: str | None

    @property
    def final(self) -> pd.Series:
        return self.history.iloc[-1]

    @property
    def diverged_epoch(self) -> int | None:
        return int(self.history["epoch"].iloc[-1]) if self.diverged else None

    def columns(self, prefix: str) -> list[str]:
        """The numbered per-layer columns ``<prefix>_0``, ``<prefix>_1``, …"""
        return [f"{prefix}_{i}" for i in range(len(self.config.hidden))]


def _row(
    record: EpochRecord,
    inactive: list[np.ndarray],
    ever: list[np.ndarray],
    revived: list[int],
    moved: list[float],
) -> dict[str, object]:
    row = record.to_row()
    for i, mask in enumerate(inactive):
        row[f"inactive_{i}"] = float(np.mean(mask))
        row[f"ever_{i}"] = int(np.sum(ever[i]))
        row[f"revived_{i}"] = revived[i]
        row[f"moved_{i}"] = moved[i]
    return row


#: Columns of a row that measure the network itself: meaningless once it has diverged.
_MEASURED = ("dead", "inactive", "moved", "prelu")


def _diverged_row(record: EpochRecord, ever: list[np.ndarray], revived: list[int]) -> dict:
    """The row of the epoch a run diverged: the losses that say why, NaN for every
    measurement of the broken network, the counts as they were before it broke."""
    depth = len(ever)
    row = _row(record, [np.ones(1, bool)] * depth, ever, revived, [np.nan] * depth)
    for key in list(row):
        if key.rsplit("_", 1)[0] in _MEASURED or key in ("train_acc", "test_acc"):
            row[key] = np.nan
    return row


def run_dying(
    config: TrainConfig,
    bias_shift: float = 0.0,
    on_epoch: Callable[[EpochRecord], None] | None = None,
) -> DyingResult:
    """Build a Run, shift its hidden biases down by ``bias_shift``, record epoch 0, then step to
    the end (or divergence), measuring inactive / revived / moved units after every epoch."""
    shift = _check_shift(bias_shift)
    run = Run(config)
    shift_hidden_biases(run, shift)
    depth = len(config.hidden)
    inactive = inactive_units(run)
    ever = [mask.copy() for mask in inactive]
    revived = [0] * depth
    rows = [_row(run.evaluate(), inactive, ever, revived, [np.nan] * depth)]
    while not run.done:
        before = _unit_params(run)
        record = run.step()
        if run.diverged:
            rows.append(_diverged_row(record, ever, revived))
            if on_epoch is not None:
                on_epoch(record)
            break
        after = _unit_params(run)
        moved = []
        with np.errstate(invalid="ignore", over="ignore"):
            for mask, old, new in zip(inactive, before, after, strict=True):
                change = np.abs(new[:, mask] - old[:, mask])
                moved.append(float(change.max()) if change.size else np.nan)
        now = inactive_units(run)
        for i, (was, now_i) in enumerate(zip(inactive, now, strict=True)):
            revived[i] += int(np.sum(was & ~now_i))
            ever[i] |= now_i
        inactive = now
        rows.append(_row(record, inactive, ever, revived, moved))
        if on_epoch is not None:
            on_epoch(record)
    return DyingResult(
        activation=config.activation,
        config=config,
        bias_shift=shift,
        history=pd.DataFrame(rows),
        diverged=run.diverged,
    )


def compare_dying(
    *,
    lr: float = 0.2,
    bias_shift: float = 1.5,
    epochs: int = 30,
    seed: int = 0,
    alpha: float = 0.01,
    activations: Sequence[str] = VARIANTS,
    progress: Progress | None = None,
    **config_kwargs: object,
) -> dict[str, DyingResult]:
    """The same setting (data, seed, learning rate, shift) for each activation, side by side.

    All configs are validated before any training starts. ``progress(fraction)`` after every
    epoch of every run."""
    configs = {
        name: dying_config(name, lr=lr, epochs=epochs, seed=seed, alpha=alpha, **config_kwargs)
        for name in activations
    }
    if not configs:
        raise ValueError("activations must name at least one activation")
    _check_shift(bias_shift)
    total = len(configs) * epochs
    done = 0

    def tick(_record: EpochRecord) -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done / total)

    results = {name: run_dying(cfg, bias_shift, tick) for name, cfg in configs.items()}
    if progress is not None:
        progress(1.0)
    return results


def summary_table(results: dict[str, DyingResult]) -> pd.DataFrame:
    """One row per activation: final dead / inactive fraction per layer, units revived, largest
    move of an inactive unit, final test accuracy, the epoch it diverged at (or None). A run
    that diverged has NaN for every measurement (its network is broken): only the epoch and
    the counts from before are left."""
    rows = []
    for name, result in results.items():
        final = result.final
        history = result.history
        row: dict[str, object] = {"activation": name}
        for i in range(len(result.config.hidden)):
            row[f"dead_{i}"] = float(final[f"dead_{i}"])
            row[f"inactive_{i}"] = float(final[f"inactive_{i}"])
            row[f"revived_{i}"] = int(final[f"revived_{i}"])
            row[f"moved_{i}"] = largest_move(history, i)
        row["test_acc"] = float(final["test_acc"])
        row["diverged_epoch"] = result.diverged_epoch
        rows.append(row)
    return pd.DataFrame(rows)


def largest_move(history: pd.DataFrame, layer: int) -> float:
    """The largest change, over the training epochs, of the incoming weights and bias of a unit
    of ``layer`` that was inactive when its epoch began (NaN if no unit ever was, or if the run
    diverged before any such epoch)."""
    moved = history[f"moved_{layer}"].iloc[1:].to_numpy(dtype=float)
    return float(np.nanmax(moved)) if np.any(np.isfinite(moved)) else np.nan


@dataclass(frozen=True)
class FirstLayerDeaths:
    """ReLU's first layer over a run: how many units were ever inactive on every training
    point, how many of those came back, and the largest move of such a unit's parameters."""

    ever: int
    revived: int
    largest_move: float


#: The answers to "how many dead first-layer units come back?", as the page offers them.
REVIVAL_ANSWERS = ("most", "some", "none")


def first_layer_deaths(result: DyingResult) -> FirstLayerDeaths:
    """The first layer's deaths in ``result``; ``largest_move`` is 0 if no unit ever died."""
    moved = largest_move(result.history, 0)
    return FirstLayerDeaths(
        ever=int(result.final["ever_0"]),
        revived=int(result.final["revived_0"]),
        largest_move=0.0 if np.isnan(moved) else moved,
    )


def revival_answer(deaths: FirstLayerDeaths) -> str | None:
    """Which of ``REVIVAL_ANSWERS`` the run measured: "none" if no dead unit came back, "some"
    if fewer than half did, "most" otherwise; None if no unit died (nothing to come back)."""
    if deaths.ever == 0:
        return None
    if deaths.revived == 0:
        return "none"
    return "some" if deaths.revived / deaths.ever < 0.5 else "most"


def variants_never_dead(results: dict[str, DyingResult]) -> bool:
    """True if no leaky variant (every activation but ReLU) diverged and none had a dead unit
    in any layer at any epoch (a diverged run's network says nothing about dead units)."""
    return all(
        not result.diverged and result.history[result.columns("dead")].to_numpy().max() == 0
        for name, result in results.items()
        if name != "relu"
    )


__all__ = [
    "REVIVAL_ANSWERS",
    "VARIANTS",
    "DyingResult",
    "FirstLayerDeaths",
    "compare_dying",
    "dying_config",
    "first_layer_deaths",
    "inactive_units",
    "largest_move",
    "pre_activations",
    "revival_answer",
    "run_dying",
    "shift_hidden_biases",
    "summary_table",
    "unit_gradient_norms",
    "variants_never_dead",
]
