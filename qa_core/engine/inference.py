"""Eval-mode passes through a network's layers, without touching any layer's state: as a plan
of steps (Dropout skipped, BatchNorm on its running statistics), and logits turned into class
probabilities. ``Network.predict_proba``, the playground's unit maps and the dropout lab's
thinned networks all go through here."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

import numpy as np

from qa_core.engine import losses
from qa_core.engine.layers import ROW_NORMS, Activation, BatchNorm, Dense, Dropout, Layer, Residual

Step = Callable[[np.ndarray], np.ndarray]


def _affine(x: np.ndarray, w: np.ndarray, b: np.ndarray) -> np.ndarray:
    y = x @ w
    y += b
    return y


def _scale_shift(x: np.ndarray, scale: np.ndarray, shift: np.ndarray) -> np.ndarray:
    return x * scale + shift


def _skip(x: np.ndarray, steps: list[Step]) -> np.ndarray:
    h = x
    for step in steps:
        h = step(h)
    return x + h


def eval_plan(layers: Sequence[Layer], *, fold_batch_norm: bool = True) -> list[tuple[Step, bool]]:
    """The eval-mode forward as steps, each with whether its output is a layer's units (an
    activation's). With ``fold_batch_norm`` a BatchNorm is folded into the Dense before it
    (W·s, b·s + t: exact up to rounding, one product fewer); otherwise it is its own step."""
    plan: list[tuple[Step, bool]] = []
    kept = [layer for layer in layers if not isinstance(layer, Dropout)]
    i = 0
    while i < len(kept):
        layer = kept[i]
        if isinstance(layer, Dense):
            w, b = layer.params["W"], layer.params["b"]
            bn = kept[i + 1] if i + 1 < len(kept) else None
            if fold_batch_norm and isinstance(bn, BatchNorm):
                scale, shift = bn.eval_affine()
                w, b = w * scale, b * scale + shift
                i += 1
            plan.append((partial(_affine, w=w, b=b), False))
        elif isinstance(layer, BatchNorm):
            scale, shift = layer.eval_affine()
            plan.append((partial(_scale_shift, scale=scale, shift=shift), False))
        elif isinstance(layer, Activation):
            plan.append((layer.apply, True))
        elif isinstance(layer, tuple(ROW_NORMS.values())):  # LayerNorm, GroupNorm, RMSNorm
            plan.append((layer.apply, False))
        elif isinstance(layer, Residual):  # x + F(x), F's own plan (its units not reported)
            steps = [step for step, _ in eval_plan(layer.layers, fold_batch_norm=fold_batch_norm)]
            plan.append((partial(_skip, steps=steps), False))
        else:
            plan.append((partial(layer.forward, training=False), False))
        i += 1
    return plan


def probabilities(logits: np.ndarray) -> np.ndarray:
    """Class probabilities from logits (..., C): softmax, or [1 − σ(z), σ(z)] for one logit."""
    if logits.shape[-1] == 1:
        p1 = 0.5 * (1.0 + np.tanh(0.5 * logits[..., 0]))  # σ(z), no overflow
        return np.stack([1.0 - p1, p1], axis=-1)
    flat = logits.reshape(-1, logits.shape[-1])
    return losses.softmax(flat).reshape(logits.shape)


def forward_units(layers: Sequence[Layer], x: np.ndarray) -> tuple[list[np.ndarray], np.ndarray]:
    """Eval-mode pass keeping each hidden layer's units: (outputs of every activation, the
    network's raw output), a Residual block's inner activations included, in forward order.
    BatchNorm is applied as x·s + t, not folded, so each unit is exactly what the layer
    computes."""
    hidden: list[np.ndarray] = []
    return hidden, _units(layers, x, hidden)


def _units(layers: Sequence[Layer], h: np.ndarray, hidden: list[np.ndarray]) -> np.ndarray:
    for layer in layers:
        if isinstance(layer, Residual):
            h = h + _units(layer.layers, h, hidden)
            continue
        for step, is_units in eval_plan([layer], fold_batch_norm=False):
            h = step(h)
            if is_units:
                hidden.append(h)
    return h
