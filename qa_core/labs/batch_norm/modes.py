"""Train vs eval mode of batch norm: running statistics, and what tiny batches do.

- ``running_trace``: during training, one BN unit's batch mean/variance at every step next to
  its running estimates (μ̂ ← (1 − k)·μ̂ + k·μ_B, σ̂² ← (1 − k)·σ̂² + k·m/(m − 1)·σ²_B; PyTorch:
  k = 0.1) and the population values over the whole training set (what eval mode should use).
  With ``frozen=True`` no update is applied, so the input is stationary and the running
  estimates converge geometrically to the population ones.
- ``small_batch_sweep``: one BN network per batch size; how noisy the batch statistics are
  (std over batches of μ_B, relative to the population std: ≈ 1/√m), and the accuracy of
  train mode (each test batch of m normalised by its own statistics) vs eval mode (running
  statistics). With m = 2 every feature becomes ±1 in training, so the two modes disagree.

Batch size 1 is refused by ``TrainConfig`` (ValueError): a single value per feature has no
variance, x̂ would be 0 (Ioffe & Szegedy 2015; PyTorch raises too).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
import pandas as pd

from qa_core.engine import checks
from qa_core.engine.layers import BatchNorm, Dense
from qa_core.engine.network import Network
from qa_core.engine.training import Run, batch_bounds
from qa_core.labs.batch_norm.training import probe_config

Progress = Callable[[float], None]
DEFAULT_BATCH_SIZES: tuple[int, ...] = (2, 4, 8, 16, 64)


def _dense_output(net: Network, x: np.ndarray, layer: int, training: bool) -> np.ndarray:
    """Forward ``x`` up to the ``layer``-th Dense (1-based) and return its output.

    In training mode this updates the running statistics of the BN layers before it."""
    seen = 0
    for ly in net.layers:
        x = ly.forward(x, training)
        if isinstance(ly, Dense):
            seen += 1
            if seen == layer:
                return x
    raise ValueError(f"layer must be in [1, {seen}], got {layer!r}")


@contextmanager
def _kept_running_stats(net: Network) -> Iterator[None]:
    """Restore every BN layer's running mean/var afterwards (train-mode probes change them)."""
    saved = [(ly.running_mean.copy(), ly.running_var.copy()) for ly in net.batchnorm_layers]
    try:
        yield
    finally:
        for ly, (mean, var) in zip(net.batchnorm_layers, saved, strict=True):
            ly.running_mean[:] = mean
            ly.running_var[:] = var


def running_trace(
    *,
    layer: int = 1,
    unit: int = 1,
    epochs: int = 3,
    momentum: float = 0.1,
    frozen: bool = False,
    batch_size: int = 16,
    **network: object,
) -> pd.DataFrame:
    """Per training step: ``batch_mean``, ``batch_var`` (biased σ²_B, what BN divides by),
    ``running_mean``, ``running_var`` (after the step's update) and ``population_mean``,
    ``population_var`` (eval-mode inputs of that BN unit over all training points).
    ``network``: the rest of ``probe_config`` (activation, depth, width, lr, seed)."""
    config = probe_config(**network, batch_norm=True, bn_momentum=momentum, batch_size=batch_size)
    layer = checks.integer("layer", layer, 1, len(config.hidden))
    unit = checks.integer("unit", unit, 1, config.hidden[0]) - 1
    epochs = checks.integer("epochs", epochs, 1, 20)
    run = Run(config)
    net = run.network
    bn: BatchNorm = net.batchnorm_layers[layer - 1]
    x_all = run.data.inputs(run.data.x_train)
    y_all = run.data.y_train
    rng = np.random.default_rng([config.seed, 1])
    rows: list[dict[str, float]] = []
    step = 0
    with np.errstate(all="ignore"):
        for _ in range(epochs):
            order = rng.permutation(len(x_all))
            for start, stop in batch_bounds(len(x_all), batch_size):
                idx = order[start:stop]
                population = _dense_output(net, x_all, layer, training=False)[:, unit]
                out = x_all[idx]
                z = None
                for ly in net.layers:
                    if ly is bn:
                        z = out[:, unit].copy()
                    out = ly.forward(out, True)
                step += 1
                rows.append(
                    {
                        "step": step,
                        "batch_mean": float(z.mean()),
                        "batch_var": float(z.var()),
                        "running_mean": float(bn.running_mean[unit]),
                        "running_var": float(bn.running_var[unit]),
                        "population_mean": float(population.mean()),
                        "population_var": float(population.var()),
                    }
                )
                if frozen:
                    continue
                loss, dout = net.loss(out, y_all[idx])
                if not np.isfinite(loss):
                    break
                net.backward(dout, input_grad=False)
                run.optimizer.step([net.theta], [net.grad])
    return pd.DataFrame(rows)


@dataclass(frozen=True, eq=False)
class BatchSizeResult:
    """One batch size of the sweep. ``p_train``/``p_eval``: P(class 1) of every test point in
    train mode (batch statistics) and eval mode (running statistics)."""

    batch_size: int
    mean_noise: float  # std over batches of μ_B / population std, averaged over layer-1 units
    std_noise: float  # std over batches of σ_B / population std, likewise
    train_mode_acc: float
    eval_mode_acc: float
    p_train: np.ndarray
    p_eval: np.ndarray
    diverged: str | None

    @property
    def gap(self) -> float:
        """Eval-mode minus train-mode test accuracy."""
        return self.eval_mode_acc - self.train_mode_acc

    @property
    def disagreement(self) -> float:
        """Mean |P_train − P_eval| over the test points: how far the two modes' probabilities
        lie apart (0 when the batch statistics equal the running ones)."""
        return float(np.mean(np.abs(self.p_train - self.p_eval)))


def _stat_noise(z: np.ndarray, batch_size: int, rng: np.random.Generator) -> tuple[float, float]:
    """Spread of per-batch means and stds of the columns of z (rows split into batches)."""
    order = rng.permutation(len(z))
    bounds = [b for b in batch_bounds(len(z), batch_size) if b[1] - b[0] == batch_size]
    means = np.stack([z[order[a:b]].mean(axis=0) for a, b in bounds])
    stds = np.stack([z[order[a:b]].std(axis=0) for a, b in bounds])
    pop = z.std(axis=0)
    pop = np.where(pop > 0, pop, 1.0)
    return float(np.mean(means.std(axis=0) / pop)), float(np.mean(stds.std(axis=0) / pop))


def _train_mode_proba(net: Network, x: np.ndarray, batch_size: int, rng) -> np.ndarray:
    """P(class 1) with every batch of ``batch_size`` normalised by its own statistics."""
    order = rng.permutation(len(x))
    p = np.empty(len(x))
    with _kept_running_stats(net):
        for a, b in batch_bounds(len(x), batch_size):
            idx = order[a:b]
            out = net.forward(x[idx], training=True)
            e = np.exp(out - out.max(axis=1, keepdims=True))
            p[idx] = e[:, 1] / e.sum(axis=1)
    return p


def small_batch_sweep(
    batch_sizes: Sequence[int] = DEFAULT_BATCH_SIZES,
    *,
    epochs: int = 6,
    lr: float = 0.01,
    optimizer: str = "adam",
    progress: Progress | None = None,
    **network: object,
) -> tuple[BatchSizeResult, ...]:
    """Train one BN network per batch size (same seed, same epochs) and compare the modes.
    ``network``: the rest of ``probe_config`` (activation, depth, width, seed)."""
    sizes = tuple(int(m) for m in batch_sizes)
    if not 1 <= len(sizes) <= 8 or len(set(sizes)) != len(sizes):
        raise ValueError(f"batch_sizes must be 1 to 8 distinct sizes, got {batch_sizes!r}")
    configs = [
        probe_config(
            **network, lr=lr, optimizer=optimizer, batch_norm=True, batch_size=m, epochs=epochs
        )
        for m in sorted(sizes)
    ]
    work = [len(range(0, 320, c.batch_size)) * c.epochs for c in configs]  # steps, roughly
    total, done = float(sum(work)), 0.0
    results = []
    for config, steps in zip(configs, work, strict=True):
        run = Run(config)
        for record in run:
            if progress is not None:
                progress((done + steps * record.epoch / config.epochs) / total)
        done += steps
        net, data = run.network, run.data
        rng = np.random.default_rng([config.seed, config.batch_size])
        x_test = data.inputs(data.x_test)
        with np.errstate(all="ignore"):
            z1 = _dense_output(net, data.inputs(data.x_train), 1, training=False)
            mean_noise, std_noise = _stat_noise(z1, config.batch_size, rng)
            p_eval = net.predict_proba(x_test)[:, 1]
            p_train = _train_mode_proba(net, x_test, config.batch_size, rng)
        results.append(
            BatchSizeResult(
                batch_size=config.batch_size,
                mean_noise=mean_noise,
                std_noise=std_noise,
                train_mode_acc=float(np.mean((p_train > 0.5) == data.y_test)),
                eval_mode_acc=float(np.mean((p_eval > 0.5) == data.y_test)),
                p_train=p_train,
                p_eval=p_eval,
                diverged=run.diverged,
            )
        )
    if progress is not None:
        progress(1.0)
    return tuple(results)


def sweep_table(results: Sequence[BatchSizeResult]) -> pd.DataFrame:
    """One row per batch size: statistic noise, train/eval-mode accuracy, their gap and the
    mean |P_train − P_eval| (``disagreement``)."""
    return pd.DataFrame(
        {
            "batch_size": [r.batch_size for r in results],
            "mean_noise": [r.mean_noise for r in results],
            "std_noise": [r.std_noise for r in results],
            "train_mode_acc": [r.train_mode_acc for r in results],
            "eval_mode_acc": [r.eval_mode_acc for r in results],
            "gap": [r.gap for r in results],
            "disagreement": [r.disagreement for r in results],
        }
    )


__all__ = [
    "DEFAULT_BATCH_SIZES",
    "BatchSizeResult",
    "running_trace",
    "small_batch_sweep",
    "sweep_table",
]
