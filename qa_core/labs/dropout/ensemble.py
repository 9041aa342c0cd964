"""Is a dropout net an ensemble? Weight scaling vs Monte-Carlo averages of thinned networks.

A trained dropout net can predict in two ways (Srivastava et al. 2014, §7.5):

- weight scaling — one deterministic pass in eval mode. With inverted dropout (this code's
  convention, p = drop probability, kept units scaled by 1/(1 − p) in training) eval mode is
  exactly the paper's weight-scaling rule: no unit is dropped and nothing is rescaled.
- Monte-Carlo averaging — sample k thinned networks (one Bernoulli keep mask per hidden unit
  and network, r ~ Bernoulli(1 − p), kept units scaled by 1/(1 − p)), run each, and average
  their class probabilities: P̂_k(y | x) = (1/k) Σ_i P(y | x, r⁽ⁱ⁾). As k → ∞ this tends to the
  mean over the 2^N thinned networks, each weighted by the probability of its mask
  ((1 − p)^kept · p^dropped; the uniform mean only at p = 0.5), which the eval pass only
  approximates.

The paper found that about k = 50 samples matched weight scaling on MNIST. ``compare`` trains a
network with dropout and measures, on its test set, accuracy and log-loss against k.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from qa_core.engine import checks, inference
from qa_core.engine.config import TrainConfig
from qa_core.engine.layers import Dropout
from qa_core.engine.network import Network
from qa_core.engine.training import Run
from qa_core.labs.dropout.masks import n_subnetworks

MAX_K = 1000
PASS_CHUNK = 10  # thinned networks evaluated per block (bounds memory, paces the progress bar)
EPS = 1e-12  # probabilities are clipped to [EPS, 1] inside the log-loss
ACC_TOLERANCE = 0.005  # "matches" weight scaling: accuracy within half a percentage point …
LOSS_TOLERANCE = 0.01  # … or log-loss within 1 % of it

Progress = Callable[[float], None]


def thinned_probabilities(
    network: Network,
    x: np.ndarray,
    k: int,
    rng: np.random.Generator,
    progress: Progress | None = None,
) -> np.ndarray:
    """Class probabilities of k sampled thinned networks on inputs x: (k, n, C).

    Thinned network i keeps hidden unit j when r⁽ⁱ⁾_j = 1, for every input alike (a real
    sub-network, not fresh noise per input). The keep masks come from the engine's Dropout
    layers run in training mode with the explicit Generator ``rng`` — all masks are drawn
    before any pass, so the result does not depend on PASS_CHUNK; the network's own state
    (its layers' generators, weights, BatchNorm statistics) is left alone. Every other layer
    runs in eval mode (BatchNorm with its running statistics).
    """
    k = checks.integer("k", k, 1, MAX_K)
    if network.task != "classification":
        raise ValueError(f"network must be a classifier, got task {network.task!r}")
    x = np.asarray(x, dtype=np.float64)
    if x.ndim != 2 or x.shape[1] != network.dense_layers[0].n_in or len(x) == 0:
        raise ValueError(
            f"x must have shape (n, {network.dense_layers[0].n_in}) with n ≥ 1, got {x.shape}"
        )
    n = len(x)
    masks = {}
    width = x.shape[1]
    for index, layer in enumerate(network.layers):
        if isinstance(layer, Dropout):
            masks[index] = Dropout(layer.p, rng=rng).forward(np.ones((k, width)), training=True)
        if hasattr(layer, "n_out"):
            width = layer.n_out
    blocks = []
    for start in range(0, k, PASS_CHUNK):
        stop = min(start + PASS_CHUNK, k)
        m = stop - start
        h = np.broadcast_to(x, (m, n, x.shape[1])).reshape(m * n, -1)
        for index, layer in enumerate(network.layers):
            if index in masks:
                h = (h.reshape(m, n, -1) * masks[index][start:stop, None, :]).reshape(m * n, -1)
            else:  # Dense, Activation, BatchNorm: eval mode
                h = layer.forward(h, training=False)
        blocks.append(inference.probabilities(h.reshape(m, n, -1)))
        if progress is not None:
            progress(stop / k)
    return np.concatenate(blocks)


def log_loss(proba: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Mean −log P(true class) over the last-but-one axis: (..., n, C) → (...)."""
    y = np.asarray(y, dtype=np.int64)
    picked = proba[..., np.arange(len(y)), y]
    return -np.log(np.clip(picked, EPS, 1.0)).mean(axis=-1)


def accuracy(proba: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Fraction of points whose most probable class is the true one: (..., n, C) → (...)."""
    return (proba.argmax(axis=-1) == y).mean(axis=-1)


def running_means(proba: np.ndarray) -> np.ndarray:
    """P̂_k = (1/k) Σ_{i ≤ k} P⁽ⁱ⁾ for k = 1…K: (K, n, C) → (K, n, C)."""
    return np.cumsum(proba, axis=0) / np.arange(1, len(proba) + 1)[:, None, None]


def first_k_staying(ok: np.ndarray) -> int | None:
    """The smallest k (1-based) from which ``ok`` holds for every larger k; None if never."""
    ok = np.asarray(ok, dtype=bool)
    if not ok[-1]:
        return None
    bad = np.flatnonzero(~ok)
    return int(bad[-1]) + 2 if bad.size else 1


@dataclass(frozen=True, eq=False)
class EnsembleComparison:
    """Weight scaling vs Monte-Carlo averages on one trained dropout net's test set.

    ``curves`` has one row per k = 1…K: mc_acc, mc_loss (the average of the first k thinned
    networks), single_acc, single_loss (the k-th thinned network alone) and mc_gap, the mean
    over test points of |P̂_k(class 1) − P_eval(class 1)|.
    """

    config: TrainConfig
    history: pd.DataFrame  # the training run, one row per epoch
    curves: pd.DataFrame
    eval_acc: float
    eval_loss: float
    n_test: int
    n_units: int  # droppable hidden units
    diverged: str | None
    stopped: str | None

    @property
    def k_max(self) -> int:
        return len(self.curves)

    @property
    def n_subnetworks(self) -> int:
        return n_subnetworks(self.n_units)

    @property
    def k_match_acc(self) -> int | None:
        """First k from which the MC accuracy stays within ACC_TOLERANCE below weight scaling."""
        return first_k_staying(self.curves["mc_acc"].to_numpy() >= self.eval_acc - ACC_TOLERANCE)

    @property
    def k_match_loss(self) -> int | None:
        """First k from which the MC log-loss stays within LOSS_TOLERANCE (relative) of it."""
        limit = self.eval_loss * (1.0 + LOSS_TOLERANCE)
        return first_k_staying(self.curves["mc_loss"].to_numpy() <= limit)


#: The answers of "how many thinned networks until the average matches weight scaling?".
K_ANSWERS: tuple[str, ...] = ("10", "50", "100", "never")


def k_answer(k: int | None) -> str:
    """The answer of ``K_ANSWERS`` a measured k falls in (None: never within the k tried)."""
    if k is None:
        return "never"
    return "10" if k <= 10 else "50" if k <= 50 else "100"


def ensemble_config(
    dataset: str = "moons",
    p: float = 0.5,
    width: int = 64,
    epochs: int = 60,
    seed: int = 0,
    n_test: int = 1000,
    n_train: int = 500,
    noise: float = 0.3,
) -> TrainConfig:
    """The dropout net trained for the comparison: two hidden layers of ``width``, ReLU,
    Adam, no BatchNorm (so a thinned pass differs from eval mode only in its masks)."""
    for name, value in (("n_test", n_test), ("n_train", n_train)):
        checks.integer(name, value, 2)
    total = n_test + n_train
    return TrainConfig(
        dataset=dataset,
        n_samples=total,
        noise=noise,
        test_fraction=n_test / total,
        hidden=(width, width),
        dropout=p,
        epochs=epochs,
        batch_size=64,
        seed=seed,
    )


def compare(
    config: TrainConfig,
    k_max: int = 100,
    mc_seed: int = 1,
    progress: Progress | None = None,
    train_share: float = 0.6,
) -> EnsembleComparison:
    """Train ``config`` (it should use dropout), then compare on its test set: weight scaling
    (eval mode), Monte-Carlo averages over k = 1…k_max thinned networks, and each thinned
    network alone. ``progress(f)`` runs from 0 to ``train_share`` while training, then to 1.
    """
    k_max = checks.integer("k", k_max, 1, MAX_K)
    if config.resolved_task != "classification":
        raise ValueError(f"dataset must be a classification set, got {config.dataset!r}")
    if not config.dropout > 0.0:
        raise ValueError(f"dropout must be > 0 for this comparison, got {config.dropout!r}")
    run = Run(config)
    for record in run:
        if progress is not None:
            progress(train_share * record.epoch / config.epochs)
    history = pd.DataFrame([r.to_row() for r in run.records or [run.evaluate()]])
    x = run.data.inputs(run.data.x_test)
    y = run.data.y_test
    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        eval_p = run.network.predict_proba(x)
        share = (lambda f: progress(train_share + (1 - train_share) * f)) if progress else None
        thinned = thinned_probabilities(
            run.network, x, k_max, np.random.default_rng(mc_seed), share
        )
        mc = running_means(thinned)
        curves = pd.DataFrame(
            {
                "k": np.arange(1, k_max + 1),
                "mc_acc": accuracy(mc, y),
                "mc_loss": log_loss(mc, y),
                "single_acc": accuracy(thinned, y),
                "single_loss": log_loss(thinned, y),
                "mc_gap": np.abs(mc[..., 1] - eval_p[:, 1]).mean(axis=1),
            }
        )
    return EnsembleComparison(
        config=config,
        history=history,
        curves=curves,
        eval_acc=float(accuracy(eval_p, y)),
        eval_loss=float(log_loss(eval_p, y)),
        n_test=len(y),
        n_units=int(sum(config.hidden)),
        diverged=run.diverged,
        stopped=run.stopped,
    )


__all__ = [
    "K_ANSWERS",
    "EnsembleComparison",
    "accuracy",
    "compare",
    "ensemble_config",
    "first_k_staying",
    "k_answer",
    "log_loss",
    "running_means",
    "thinned_probabilities",
]
