"""Layers of a multilayer perceptron: each a forward pass and its backward pass, side by side.

Every layer has ``forward(x, training) -> y``, ``backward(dy) -> dx`` and two dicts with the
same keys: ``params`` (the learnable arrays) and ``grads`` (∂loss/∂param, written in place by
``backward``). Arrays are float64, a batch is a 2-D array of shape (batch, features), and all
work is vectorised over the batch.

Backward passes write into ``grads[k][...]`` and read ``params[k]`` on every call, so a network
may rebind both dicts to views of one flat buffer (see ``qa_core.engine.network``).
"""

from __future__ import annotations

import numpy as np

from qa_core.engine import activations, checks
from qa_core.engine.inits import INITS, init_std, init_weights
from qa_core.engine.layer_base import Layer
from qa_core.engine.norms import ROW_NORMS, GroupNorm, LayerNorm, RMSNorm


def _default_rng(rng: np.random.Generator | None) -> np.random.Generator:
    """A fixed-seed Generator when none is given, so a bare layer is still reproducible."""
    return rng if rng is not None else np.random.default_rng(0)


class Dense(Layer):
    """Affine map y = x W + b, W of shape (n_in, n_out), b = 0 initially.

    Backward: ∂L/∂W = xᵀ dy, ∂L/∂b = Σ_batch dy, ∂L/∂x = dy Wᵀ.
    ``scale`` multiplies the initial weights (a knob for the vanishing-gradient page).
    """

    def __init__(
        self,
        n_in: int,
        n_out: int,
        init: str = "he",
        std: float = 0.01,
        scale: float = 1.0,
        rng: np.random.Generator | None = None,
    ) -> None:
        super().__init__()
        self.n_in = checks.integer("n_in", n_in, 1, 1_000_000)
        self.n_out = checks.integer("n_out", n_out, 1, 1_000_000)
        if init not in INITS:
            raise ValueError(f"init must be one of {', '.join(INITS)}; got {init!r}")
        if not (np.isfinite(std) and std > 0):
            raise ValueError(f"std must be a finite number > 0, got {std!r}")
        if not (np.isfinite(scale) and scale >= 0):
            raise ValueError(f"scale must be a finite number >= 0, got {scale!r}")
        self.init = init
        w = init_weights(n_in, n_out, init, _default_rng(rng), std=std, scale=scale)
        self.params = {"W": w, "b": np.zeros(n_out)}
        self.grads = {"W": np.zeros_like(w), "b": np.zeros(n_out)}
        self.last_input: np.ndarray | None = None

    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        self.last_input = x
        y = x @ self.params["W"]
        y += self.params["b"]
        return y

    def backward(self, dy: np.ndarray, input_grad: bool = True) -> np.ndarray | None:
        """Fill grads; return ∂L/∂x (None when ``input_grad`` is False, saving one matmul)."""
        np.matmul(self.last_input.T, dy, out=self.grads["W"])
        np.add.reduce(dy, axis=0, out=self.grads["b"])
        return dy @ self.params["W"].T if input_grad else None

    def __repr__(self) -> str:
        return f"Dense({self.n_in}, {self.n_out}, init={self.init!r})"


class Activation(Layer):
    """An elementwise activation from ``qa_core.engine.activations``: y = f(z), ∂L/∂z = dy ⊙ f′(z).

    - prelu: the slope ``a`` is a learnable param, shape (num_parameters,): one shared slope
      (PyTorch's default, He et al. 2015) or one per feature. ∂L/∂a = Σ dy ⊙ min(0, z).
    - rrelu: in training a slope r ~ U(lower, upper) per element from ``rng``; in eval the
      fixed mean slope (lower + upper)/2 (PyTorch's convention; Xu et al. 2015).

    The last forward's input (pre-activation) and output stay in ``last_input``/``last_output``.
    """

    def __init__(
        self,
        name: str,
        rng: np.random.Generator | None = None,
        num_parameters: int = 1,
        **params: float,
    ) -> None:
        super().__init__()
        self.fn = activations.get(name, **params)
        self.name = name
        self.rng = _default_rng(rng)
        if name == "prelu":
            n = checks.integer("num_parameters", num_parameters, 1, 1_000_000)
            self.params = {"a": np.full(n, float(self.fn.a))}
            self.grads = {"a": np.zeros(n)}
        self.last_input: np.ndarray | None = None
        self.last_output: np.ndarray | None = None
        self._slopes: np.ndarray | None = None  # RReLU's training slopes of the last forward

    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        self.last_input = x
        self._slopes = None
        if self.name == "prelu":
            y = activations.leaky(x, self.params["a"])
        elif self.name == "rrelu" and training:
            self._slopes = self.fn.sample_slopes(x.shape, self.rng)
            y = activations.leaky(x, self._slopes)
        else:
            y = self.fn.forward(x)
        self.last_output = y
        return y

    def apply(self, x: np.ndarray) -> np.ndarray:
        """Eval-mode output without touching any state (PReLU uses its learned slope)."""
        if self.name == "prelu":
            return activations.leaky(x, self.params["a"])
        return self.fn.forward(x)

    def backward(self, dy: np.ndarray) -> np.ndarray:
        z = self.last_input
        if self.name == "prelu":
            a = self.params["a"]
            neg = activations.PReLU.derivative_a(z) * dy  # ∂L/∂a per element
            if a.shape[0] == 1:
                self.grads["a"][0] = neg.sum()
            else:
                np.sum(neg, axis=0, out=self.grads["a"])
            return dy * activations.leaky_derivative(z, a)
        if self._slopes is not None:
            return dy * activations.leaky_derivative(z, self._slopes)
        return dy * self.fn.derivative(z)

    def __repr__(self) -> str:
        return f"Activation({self.name!r})"


class Dropout(Layer):
    """Inverted dropout (PyTorch's convention): p is the DROP probability.

    Training: keep ~ Bernoulli(1 − p) per element, y = x ⊙ keep / (1 − p), so E[y] = x.
    Eval: y = x. A dropped unit passes no gradient: ∂L/∂x = dy ⊙ keep / (1 − p).
    (Srivastava et al. 2014 call 1 − p the retain probability p and scale weights at test.)
    ``fixed_mask`` (a 0/1 keep array), when set, replaces the random draw — for tests.
    """

    def __init__(self, p: float, rng: np.random.Generator | None = None) -> None:
        super().__init__()
        self.p = p
        self.rng = _default_rng(rng)
        self.fixed_mask: np.ndarray | None = None
        self.mask: np.ndarray | None = None  # keep / (1 − p) of the last training forward

    @property
    def p(self) -> float:
        return self._p

    @p.setter
    def p(self, value: float) -> None:
        value = float(value)
        if not (np.isfinite(value) and 0.0 <= value < 1.0):
            raise ValueError(f"dropout must be in [0, 1), got {value!r}")
        self._p = value

    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        if not training or (self._p == 0.0 and self.fixed_mask is None):
            self.mask = None
            return x
        scale = 1.0 / (1.0 - self._p)
        if self.fixed_mask is not None:
            mask = np.asarray(self.fixed_mask, dtype=np.float64) * scale
        else:
            mask = np.empty(x.shape)
            # float32 uniforms: half the cost of float64, ample resolution for a coin flip
            np.greater_equal(self.rng.random(x.shape, dtype=np.float32), self._p, out=mask)
            mask *= scale  # keep / (1 − p)
        self.mask = mask
        return x * mask

    def backward(self, dy: np.ndarray) -> np.ndarray:
        return dy if self.mask is None else dy * self.mask

    def __repr__(self) -> str:
        return f"Dropout(p={self._p})"


class BatchNorm(Layer):
    """Batch normalisation (Ioffe & Szegedy 2015), per feature over the batch.

    Training: μ = mean, σ² = biased variance (1/m), x̂ = (x − μ)/√(σ² + ε), y = γ x̂ + β;
    running stats: new = (1 − momentum)·old + momentum·batch, with the UNBIASED variance
    σ²·m/(m − 1) (PyTorch: momentum 0.1, ε = 1e-5). Eval: x̂ uses the running statistics.
    Backward (training): ∂L/∂x = γ/(m√(σ²+ε)) · (m·dy − Σdy − x̂ Σ(dy ⊙ x̂)).

    A training batch of ONE sample has no variance: it is normalised with the running
    statistics (as in eval) and leaves them unchanged, so it never yields NaN. (PyTorch raises
    instead; ``qa_core.engine.training`` never produces such a batch.)
    """

    def __init__(self, n_features: int, momentum: float = 0.1, eps: float = 1e-5) -> None:
        super().__init__()
        n = checks.integer("n_features", n_features, 1, 1_000_000)
        if not (np.isfinite(momentum) and 0.0 < momentum <= 1.0):
            raise ValueError(f"momentum must be in (0, 1], got {momentum!r}")
        if not (np.isfinite(eps) and eps > 0.0):
            raise ValueError(f"eps must be a finite number > 0, got {eps!r}")
        self.n_features = n
        self.momentum = float(momentum)
        self.eps = float(eps)
        self.params = {"gamma": np.ones(n), "beta": np.zeros(n)}
        self.grads = {"gamma": np.zeros(n), "beta": np.zeros(n)}
        self.running_mean = np.zeros(n)
        self.running_var = np.ones(n)
        self._x: np.ndarray | None = None  # input of an eval-mode forward
        self._xhat: np.ndarray | None = None  # x̂ of a batch-statistics forward
        self._inv_std: np.ndarray | None = None
        self._batch_stats = False

    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        m = x.shape[0]
        self._batch_stats = training and m > 1
        gamma, beta = self.params["gamma"], self.params["beta"]
        if not self._batch_stats:  # running statistics: a fixed affine map y = x·s + t
            self._x = x
            self._inv_std = 1.0 / np.sqrt(self.running_var + self.eps)
            scale, shift = self.eval_affine()
            y = x * scale
            y += shift
            return y
        mu = np.add.reduce(x, axis=0)
        mu *= 1.0 / m
        xhat = x - mu
        var = np.einsum("ij,ij->j", xhat, xhat) / m  # biased batch variance
        inv_std = 1.0 / np.sqrt(var + self.eps)
        xhat *= inv_std
        k = self.momentum
        self.running_mean *= 1.0 - k
        self.running_mean += k * mu
        self.running_var *= 1.0 - k
        self.running_var += (k * m / (m - 1)) * var
        self._xhat, self._inv_std = xhat, inv_std
        y = xhat * gamma
        y += beta
        return y

    def eval_affine(self) -> tuple[np.ndarray, np.ndarray]:
        """Eval mode as y = x·s + t: s = γ/√(running_var + ε), t = β − running_mean·s."""
        scale = self.params["gamma"] / np.sqrt(self.running_var + self.eps)
        return scale, self.params["beta"] - self.running_mean * scale

    def backward(self, dy: np.ndarray) -> np.ndarray:
        gamma = self.params["gamma"]
        dgamma, dbeta = self.grads["gamma"], self.grads["beta"]
        if not self._batch_stats:  # fixed statistics: x̂ = (x − running_mean)·inv_std
            xhat = (self._x - self.running_mean) * self._inv_std
            np.einsum("ij,ij->j", dy, xhat, out=dgamma)
            np.add.reduce(dy, axis=0, out=dbeta)
            return dy * (gamma * self._inv_std)
        xhat = self._xhat
        np.einsum("ij,ij->j", dy, xhat, out=dgamma)
        np.add.reduce(dy, axis=0, out=dbeta)
        m = dy.shape[0]
        dx = xhat * dgamma
        dx += dbeta
        dx *= -1.0 / m
        dx += dy
        dx *= gamma * self._inv_std
        return dx

    def __repr__(self) -> str:
        return f"BatchNorm({self.n_features})"


class Residual(Layer):
    """A skip connection around a block of layers: y = x + F(x), F the layers in order.

    The block must keep the width (F(x) has x's shape). Backward: ∂L/∂x = dy + (∂F/∂x)ᵀ dy —
    the Jacobian is I + ∂F/∂x (He et al. 2016), so the gradient reaches x through the identity
    even where F's own Jacobian is tiny. The inner layers' ``grads`` are filled; the block's own
    ``params``/``grads`` stay empty (``leaves`` lists the inner layers for a network).
    """

    def __init__(self, layers: list[Layer]) -> None:
        super().__init__()
        if not layers or not all(isinstance(ly, Layer) for ly in layers):
            raise ValueError(f"layers must be a non-empty list of layers, got {layers!r}")
        self.layers = list(layers)

    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        h = x
        for layer in self.layers:
            h = layer.forward(h, training)
        if h.shape != x.shape:
            raise ValueError(f"the block must keep the shape {x.shape}, its output is {h.shape}")
        return x + h

    def backward(self, dy: np.ndarray) -> np.ndarray:
        d = dy
        for layer in reversed(self.layers):
            d = layer.backward(d)
        return dy + d

    def __repr__(self) -> str:
        return "Residual([" + ", ".join(map(repr, self.layers)) + "])"


def leaves(layers: list[Layer]) -> list[Layer]:
    """The layers in forward order with every ``Residual`` opened up into its inner layers."""
    out: list[Layer] = []
    for layer in layers:
        out.extend(leaves(layer.layers) if isinstance(layer, Residual) else [layer])
    return out


__all__ = [
    "INITS",
    "ROW_NORMS",
    "Activation",
    "BatchNorm",
    "Dense",
    "Dropout",
    "GroupNorm",
    "Layer",
    "LayerNorm",
    "RMSNorm",
    "Residual",
    "init_std",
    "init_weights",
    "leaves",
]
