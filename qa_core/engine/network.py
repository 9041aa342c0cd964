"""A stack of layers trained as one: forward, backward, one flat parameter vector.

``Network`` copies every layer's params (and grads) into one flat float64 vector and rebinds
the layers' dicts to views of it, so an optimiser updates all parameters with a handful of
vector operations. The Dense weights come first and contiguously (``theta[:n_weights]``):
that block is what the L1/L2 penalties apply to.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from qa_core.engine import inference, losses
from qa_core.engine.layers import (
    ROW_NORMS,
    Activation,
    BatchNorm,
    Dense,
    Dropout,
    Layer,
    Residual,
    leaves,
)

_CHUNK = 2048  # rows per forward pass in predict_proba


class Network:
    """Layers applied in order. ``n_out`` outputs; ``task`` decides what ``predict_proba`` means.

    - classification with n_out ≥ 2: softmax over logits (loss: softmax cross-entropy);
    - classification with n_out = 1: sigmoid of the logit (loss: binary cross-entropy);
    - regression: the raw output (loss: MSE).

    ``label_smoothing`` ε (classification only) trains towards (1 − ε)·onehot + ε/C, as
    PyTorch's ``cross_entropy(label_smoothing=ε)``; a single logit is the two-class case, its
    target y·(1 − ε) + ε/2. It changes the loss only, so it may change between steps.
    """

    def __init__(
        self,
        layers: Sequence[Layer],
        task: str = "classification",
        label_smoothing: float = 0.0,
    ) -> None:
        if task not in ("classification", "regression"):
            raise ValueError(f"task must be 'classification' or 'regression', got {task!r}")
        self.layers: list[Layer] = list(layers)
        self.task = task
        self.label_smoothing = float(label_smoothing)
        flat = leaves(self.layers)  # a Residual block's inner layers, in forward order
        self.dense_layers = [ly for ly in flat if isinstance(ly, Dense)]
        self.activation_layers = [ly for ly in flat if isinstance(ly, Activation)]
        self.batchnorm_layers = [ly for ly in flat if isinstance(ly, BatchNorm)]
        self.dropout_layers = [ly for ly in flat if isinstance(ly, Dropout)]
        self.residual_blocks = [ly for ly in self.layers if isinstance(ly, Residual)]
        self.prelu_layers = [ly for ly in self.activation_layers if ly.name == "prelu"]
        self.n_out = self.dense_layers[-1].n_out if self.dense_layers else 0
        self._flatten()

    def _flatten(self) -> None:
        """Move all params/grads into flat vectors: Dense W first, then everything else."""
        slots = [(layer, "W") for layer in self.dense_layers]
        slots += [
            (layer, key)
            for layer in leaves(self.layers)
            for key in layer.params
            if not (isinstance(layer, Dense) and key == "W")
        ]
        sizes = [layer.params[key].size for layer, key in slots]
        offsets = np.concatenate([[0], np.cumsum(sizes)]).astype(int)
        self.theta = np.empty(int(offsets[-1]))
        self.grad = np.zeros(int(offsets[-1]))
        for (layer, key), start, stop in zip(slots, offsets[:-1], offsets[1:], strict=True):
            shape = layer.params[key].shape
            self.theta[start:stop] = layer.params[key].reshape(-1)
            layer.params[key] = self.theta[start:stop].reshape(shape)
            layer.grads[key] = self.grad[start:stop].reshape(shape)
        self.n_weights = int(offsets[len(self.dense_layers)])
        self._weight_starts = offsets[: len(self.dense_layers)]

    # -- passes ---------------------------------------------------------------------------

    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        """Output of the last layer (logits for classification)."""
        for layer in self.layers:
            x = layer.forward(x, training)
        return x

    def backward(self, dout: np.ndarray, input_grad: bool = True) -> np.ndarray | None:
        """Backpropagate ∂L/∂output through the stack, filling every layer's grads.

        Returns ∂L/∂input, or None with ``input_grad=False`` (skips the first layer's dx).
        """
        first = self.layers[0]
        for layer in reversed(self.layers[1:]):
            dout = layer.backward(dout)
        if isinstance(first, Dense):
            return first.backward(dout, input_grad=input_grad)
        return first.backward(dout)

    def loss(self, out: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray]:
        """The task's loss of ``out`` against ``y`` and ∂loss/∂out."""
        if self.task == "regression":
            return losses.mse(out, y)
        eps = self.label_smoothing
        if self.n_out == 1:
            target = np.asarray(y, dtype=np.float64)
            return losses.binary_cross_entropy(out, target * (1.0 - eps) + 0.5 * eps if eps else y)
        return losses.softmax_cross_entropy(out, y, eps)

    def predict_proba(self, x: np.ndarray) -> np.ndarray:
        """Eval-mode prediction: class probabilities (m, C) for classification (C = 2 for a
        single-logit net), the output (m,) for regression. Never touches training state.

        Fast path for grids: rows go through in cache-sized chunks, a BatchNorm is folded
        into the Dense layer before it (W·s, b·s + t — exact up to rounding) and Dropout is
        skipped. No layer state changes (``last_input`` etc. keep the last ``forward``).
        """
        x = np.asarray(x, dtype=np.float64)
        plan = [step for step, _ in inference.eval_plan(self.layers)]
        chunks = []
        for i in range(0, len(x), _CHUNK):
            h = x[i : i + _CHUNK]
            for step in plan:
                h = step(h)
            chunks.append(h)
        out = np.concatenate(chunks)
        if self.task == "regression":
            return out.reshape(-1)
        return inference.probabilities(out)

    def predict(self, x: np.ndarray) -> np.ndarray:
        """Class labels (classification) or outputs (regression), eval mode."""
        p = self.predict_proba(x)
        return p if self.task == "regression" else p.argmax(axis=1)

    # -- penalties and diagnostics ----------------------------------------------------------

    @property
    def weights(self) -> np.ndarray:
        """All Dense weights as one flat view (biases, γ, β and PReLU slopes excluded)."""
        return self.theta[: self.n_weights]

    def penalty(self, l1: float = 0.0, l2: float = 0.0) -> float:
        """l1·Σ|W| + (l2/2)·ΣW² over the Dense weights."""
        return losses.penalty(self.weights, l1, l2)

    def add_penalty_grad(self, l1: float = 0.0, l2: float = 0.0) -> None:
        """grad_W += l1·sign(W) + l2·W for every Dense weight, in place."""
        losses.add_penalty_grad(self.grad[: self.n_weights], self.weights, l1, l2)

    def grad_norms(self) -> np.ndarray:
        """‖∂L/∂W_l‖₂ (Frobenius) of each Dense layer's weights, from the last backward."""
        g = self.grad[: self.n_weights]
        return np.sqrt(np.add.reduceat(g * g, self._weight_starts))

    def weight_norms(self) -> np.ndarray:
        """‖W_l‖₂ (Frobenius) of each Dense layer's weights."""
        w = self.weights
        return np.sqrt(np.add.reduceat(w * w, self._weight_starts))

    def __repr__(self) -> str:
        return "Network(" + ", ".join(map(repr, self.layers)) + ")"


def build_mlp(
    n_in: int,
    hidden: Sequence[int],
    n_out: int,
    *,
    activation: str = "relu",
    activation_params: dict[str, float] | None = None,
    init: str = "he",
    std: float = 0.01,
    weight_scale: float = 1.0,
    batch_norm: bool = False,
    bn_momentum: float = 0.1,
    dropout: float = 0.0,
    always_dropout: bool = False,
    task: str = "classification",
    label_smoothing: float = 0.0,
    residual: bool = False,
    zero_init_residual: bool = False,
    rng: np.random.Generator,
    norm: str | None = None,
    norm_groups: int = 2,
) -> Network:
    """MLP: per hidden width, Dense → [BatchNorm] → Activation → [Dropout]; then Dense(n_out).

    BatchNorm sits before the activation (Ioffe & Szegedy 2015, §3.2), Dropout after it.
    ``always_dropout`` inserts Dropout layers even for p = 0 (identity, no random draws) so
    that p can be raised later without rebuilding. Each layer draws from ``rng`` in order.
    ``norm`` ("none", "batch", "layer", "group", "rms"; None: "batch" if ``batch_norm``) puts
    that normalisation where BatchNorm goes; "group" uses gcd(norm_groups, width) groups.

    ``residual``: the same layers in the same order (so the same weights for a seed), read as
    pre-activation units [BatchNorm] → Activation → [Dropout] → Dense (He et al. 2016,
    "Identity mappings"): the first hidden Dense is the stem, then hidden layers 2–3, 4–5, …
    become blocks x + F(x) of two such units wherever the block returns to its input's width
    (a layer left over, or one changing width, stays plain). ``zero_init_residual`` sets each
    block's last weights to 0, so every block starts as the identity (Goyal et al. 2017).
    """
    norm = norm if norm is not None else ("batch" if batch_norm else "none")
    params = dict(activation_params or {})
    units: list[list[Layer]] = [[]]  # units[i] ends with hidden Dense i; the last: the output
    width = n_in
    for h in hidden:
        units[-1].append(Dense(width, h, init=init, std=std, scale=weight_scale, rng=rng))
        if norm == "batch":
            units.append([BatchNorm(h, momentum=bn_momentum)])
        elif norm == "group":
            units.append([ROW_NORMS["group"](h, math.gcd(norm_groups, h))])
        elif norm in ROW_NORMS:
            units.append([ROW_NORMS[norm](h)])
        else:
            units.append([])
        units[-1].append(Activation(activation, rng=rng, **params))
        if dropout > 0.0 or always_dropout:
            units[-1].append(Dropout(dropout, rng=rng))
        width = h
    units[-1].append(Dense(width, n_out, init=init, std=std, scale=weight_scale, rng=rng))
    widths = [n_in, *hidden]
    layers: list[Layer] = list(units[0])
    i = 1
    while i < len(units):
        block = i + 1 < len(hidden) and residual and widths[i] == widths[i + 2]
        if not block:
            layers.extend(units[i])
            i += 1
            continue
        if zero_init_residual:
            units[i + 1][-1].params["W"][...] = 0.0
        layers.append(Residual(units[i] + units[i + 1]))
        i += 2
    return Network(layers, task=task, label_smoothing=label_smoothing)


__all__ = ["Network", "build_mlp"]
