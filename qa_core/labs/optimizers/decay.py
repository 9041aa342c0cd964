"""L2 regularisation against decoupled weight decay under Adam (Loshchilov & Hutter 2019), on
one small network trained three ways from the same start: Adam without any decay, Adam with L2
(``weight_decay`` added to the gradient, PyTorch's Adam) and AdamW (the weights shrunk directly).
Decay reaches the Dense weights only, never biases (qa_core.engine.training).

Per step, the L2 term λw is divided by √v̂ + ε like the rest of the gradient, so the weight
effectively decays with coefficient λ/(√v̂ + ε) (lr times that share of it goes per step): a
weight with large past gradients (large √v̂) is regularised less. AdamW removes lr·λ of every
weight whatever its gradients. ``effective`` reports that coefficient for each weight at the
end of training, beside its √v̂.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from qa_core.engine import checks
from qa_core.engine.config import TrainConfig
from qa_core.engine.training import Run

RUNS = ("adam", "adam_l2", "adamw")
BASE = {"dataset": "moons", "n_samples": 300, "noise": 0.35, "test_fraction": 0.5,
        "hidden": (64, 64), "optimizer": "adam", "batch_size": 32}  # fmt: skip
MAX_POINTS = 600  # weights shown in the scatter, evenly spaced over the network


@dataclass(frozen=True)
class DecayResult:
    """``history``: run, epoch, train_loss, test_loss, test_acc; ``norms``: run, layer (1-based),
    weight_norm at the end; ``effective``: run, layer, rms_grad (√v̂), rate (the decay
    coefficient the weight effectively received: λ/(√v̂ + ε) for Adam + L2, λ for AdamW, so
    that lr·rate of the weight goes per step) for up to MAX_POINTS weights; ``summary``: per run
    the final test accuracy, total weight norm and the median and spread (90th/10th
    percentile) of rate."""

    history: pd.DataFrame
    norms: pd.DataFrame
    effective: pd.DataFrame
    summary: pd.DataFrame


def compare_decay(
    l2: float = 0.001,
    decay: float = 0.5,
    lr: float = 0.01,
    epochs: int = 150,
    seed: int = 0,
) -> DecayResult:
    """Train the three runs (Adam; Adam + L2 with λ = ``l2``; AdamW with λ = ``decay``)."""
    checks.real("l2", l2, 0.0, 1.0)
    checks.real("decay", decay, 0.0, 10.0)
    checks.real("lr", lr, 0.0, 0.1, low_open=True)
    epochs = checks.integer("epochs", epochs, 1, 500)
    configs = {
        "adam": TrainConfig(**BASE, lr=lr, epochs=epochs, seed=seed),
        "adam_l2": TrainConfig(**BASE, lr=lr, epochs=epochs, seed=seed, weight_decay=l2),
        "adamw": TrainConfig(
            **{**BASE, "optimizer": "adamw"}, lr=lr, epochs=epochs, seed=seed, weight_decay=decay
        ),
    }
    history, norms, effective, summary = [], [], [], []
    for name, config in configs.items():
        run = Run(config)
        records = [run.step() for _ in range(epochs)]
        history.append(
            pd.DataFrame(
                {
                    "run": name,
                    "epoch": [r.epoch for r in records],
                    "train_loss": [r.train_loss for r in records],
                    "test_loss": [r.test_loss for r in records],
                    "test_acc": [r.test_acc for r in records],
                }
            )
        )
        last = records[-1]
        for i, n in enumerate(last.weight_norms, start=1):
            norms.append({"run": name, "layer": i, "weight_norm": n})
        rms, rate, layer = _rates(run, name, config)
        pick = np.linspace(0, len(rms) - 1, min(MAX_POINTS, len(rms))).astype(int)
        effective.append(
            pd.DataFrame(
                {"run": name, "layer": layer[pick], "rms_grad": rms[pick], "rate": rate[pick]}
            )
        )
        lo, mid, hi = np.percentile(rate, [10, 50, 90])
        summary.append(
            {
                "run": name,
                "test_acc": last.test_acc,
                "weight_norm": float(np.sqrt(np.sum(np.square(last.weight_norms)))),
                "rate_median": float(mid),
                "rate_spread": float(hi / lo) if lo > 0 else float("nan"),
                "diverged": last.diverged,
            }
        )
    return DecayResult(
        pd.concat(history, ignore_index=True),
        pd.DataFrame(norms),
        pd.concat(effective, ignore_index=True),
        pd.DataFrame(summary),
    )


def _rates(run: Run, name: str, config: TrainConfig) -> tuple[np.ndarray, ...]:
    """Per Dense weight: √v̂, the effective decay coefficient, and its layer."""
    net, opt = run.network, run.optimizer
    n = net.n_weights
    rms = np.sqrt(opt.v_hat()[0][:n])
    lam = opt.weight_decay
    rate = np.full(n, lam) if name == "adamw" else lam / (rms + opt.eps)
    sizes = [ly.params["W"].size for ly in net.dense_layers]
    layer = np.repeat(np.arange(1, len(sizes) + 1), sizes)
    return rms, rate, layer


__all__ = ["BASE", "RUNS", "DecayResult", "compare_decay"]
