"""Softmax against independent sigmoids on the same logits.

A softmax head turns C logits into one distribution: the probabilities compete (raising one
lowers the others) and sum to 1, so it models "exactly one class" (multi-class). Independent
sigmoids give each class its own yes/no probability σ(z_k): any number of them may be near 1,
so they model "any subset of labels" (multi-label), trained with one binary cross-entropy per
class. Adding a constant to every logit leaves the softmax unchanged and moves every sigmoid.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from qa_core.engine import activations, checks, losses

MAX_LOGIT = 10.0


def head_probabilities(logits: tuple[float, ...], shift: float = 0.0) -> pd.DataFrame:
    """Per class: its logit (plus ``shift``), the softmax probability and the sigmoid one."""
    if not 2 <= len(logits) <= 10:
        raise ValueError(f"logits must hold 2 to 10 values, got {len(logits)}")
    for i, value in enumerate(logits):
        checks.real(f"logit {i + 1}", value, -MAX_LOGIT, MAX_LOGIT)
    checks.real("shift", shift, -MAX_LOGIT, MAX_LOGIT)
    z = np.asarray(logits, dtype=np.float64) + shift
    return pd.DataFrame(
        {
            "class": np.arange(1, len(z) + 1),
            "logit": z,
            "softmax": losses.softmax(z[None, :])[0],
            "sigmoid": activations.get("sigmoid").forward(z),
        }
    )


def head_losses(table: pd.DataFrame, labels: tuple[int, ...]) -> tuple[float | None, float]:
    """The losses of the two heads for a set of true classes (1-based): softmax cross-entropy
    (None unless exactly one class is true) and the sum of per-class binary cross-entropies."""
    z = table["logit"].to_numpy()
    n = len(z)
    if not all(1 <= k <= n for k in labels):
        raise ValueError(f"labels must be classes 1 … {n}, got {labels!r}")
    target = np.zeros(n)
    target[[k - 1 for k in labels]] = 1.0
    bce = losses.binary_cross_entropy(z, target)[0] * n  # the engine averages: undo it
    if len(labels) != 1:
        return None, bce
    return losses.softmax_cross_entropy(z[None, :], np.array([labels[0] - 1]))[0], bce
