"""Optimisers that update parameter arrays in place from their gradients, following
``torch.optim``'s update rules and defaults step for step.

``make(name, lr, **hyper)`` builds one of ``OPTIMIZERS``; its keywords are ``momentum``,
``beta1``, ``beta2``, ``eps``, ``alpha`` and ``weight_decay`` (each optimiser takes the ones
listed in ``DEFAULTS[name]``; any other raises ValueError). ``step(params, grads)`` takes two
equal-length lists of arrays (a network passes one flat vector each) and never changes the
gradients. ``lr`` is a plain attribute: change it between steps (a schedule does, once per
epoch) and the next step uses it, keeping the optimiser's state. ``reset()`` forgets the state
(velocities, moments).

``weight_decay`` λ is added to the gradient (g ← g + λw, i.e. L2 regularisation) by every
optimiser but ``adamw``, which shrinks the weights directly (w ← w − lr·λ·w, Loshchilov &
Hutter 2019), as PyTorch does.
"""

from __future__ import annotations

import numpy as np

#: Optimiser names accepted by ``make``.
OPTIMIZERS = ("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw")

#: Every optimiser's keywords and their defaults (PyTorch's, except that "momentum" and
#: "nesterov" are SGD with momentum 0.9 rather than PyTorch's 0).
DEFAULTS: dict[str, dict[str, float]] = {
    "sgd": {"momentum": 0.0, "weight_decay": 0.0},
    "momentum": {"momentum": 0.9, "weight_decay": 0.0},
    "nesterov": {"momentum": 0.9, "weight_decay": 0.0},
    "adagrad": {"eps": 1e-10, "weight_decay": 0.0},
    "rmsprop": {"alpha": 0.99, "eps": 1e-8, "momentum": 0.0, "weight_decay": 0.0},
    "adam": {"beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weight_decay": 0.0},
    "adamw": {"beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weight_decay": 0.01},
}

#: PyTorch's default learning rates (information for pages and scripts; ``make`` needs one).
DEFAULT_LR: dict[str, float] = {
    "sgd": 1e-3,
    "momentum": 1e-3,
    "nesterov": 1e-3,
    "adagrad": 1e-2,
    "rmsprop": 1e-2,
    "adam": 1e-3,
    "adamw": 1e-3,
}


def _check_lr(lr: float) -> float:
    try:
        lr = float(lr)
    except (TypeError, ValueError):
        raise ValueError(f"lr must be a finite number > 0, got {lr!r}") from None
    if not (np.isfinite(lr) and lr > 0.0):
        raise ValueError(f"lr must be a finite number > 0, got {lr!r}")
    return lr


def _in_unit(name: str, value: float) -> float:
    """``value`` in [0, 1) (momenta, betas, alpha)."""
    if isinstance(value, bool) or not (
        isinstance(value, int | float | np.floating) and np.isfinite(value) and 0 <= value < 1
    ):
        raise ValueError(f"{name} must be in [0, 1), got {value!r}")
    return float(value)


def _positive(name: str, value: float) -> float:
    if isinstance(value, bool) or not (
        isinstance(value, int | float | np.floating) and np.isfinite(value) and value > 0
    ):
        raise ValueError(f"{name} must be a finite number > 0, got {value!r}")
    return float(value)


def _decay(value: float) -> float:
    if isinstance(value, bool) or not (
        isinstance(value, int | float | np.floating) and np.isfinite(value) and 0 <= value <= 10
    ):
        raise ValueError(f"weight_decay must be in [0, 10], got {value!r}")
    return float(value)


class Optimizer:
    """Base class: holds ``lr``, the step count ``t`` and per-array state."""

    name = ""

    def __init__(self, lr: float, weight_decay: float = 0.0) -> None:
        self.lr = _check_lr(lr)
        self.weight_decay = _decay(weight_decay)
        self.t = 0
        #: None (decay every entry) or an array of 0s and 1s broadcast against each parameter
        #: array: entries with 0 get no weight decay (PyTorch: a parameter group with
        #: weight_decay 0, the usual choice for biases and normalisation parameters).
        self.decay_mask: np.ndarray | None = None

    @property
    def lr(self) -> float:
        return self._lr

    @lr.setter
    def lr(self, value: float) -> None:
        self._lr = _check_lr(value)

    @property
    def hyper(self) -> dict[str, float]:
        """The keywords ``make`` would need to rebuild this optimiser."""
        return {key: getattr(self, key) for key in DEFAULTS[self.name]}

    def reset(self) -> None:
        self.t = 0

    def _decayed(self, w: np.ndarray) -> np.ndarray:
        """λw, with ``decay_mask`` applied."""
        return self.weight_decay * (w if self.decay_mask is None else w * self.decay_mask)

    def _coupled(self, w: np.ndarray, g: np.ndarray) -> np.ndarray:
        """g + λw (L2 regularisation through the gradient), a new array when λ > 0."""
        return g + self._decayed(w) if self.weight_decay else g

    def step(self, params: list[np.ndarray], grads: list[np.ndarray]) -> None:
        raise NotImplementedError


class SGD(Optimizer):
    """Stochastic gradient descent, as ``torch.optim.SGD`` (dampening 0):
    g ← g + λw;  with momentum μ > 0: b ← μ·b + g (b = g at the first step), and the step
    direction is b, or g + μ·b with Nesterov (Sutskever et al. 2013);  w ← w − lr·direction."""

    name = "sgd"

    def __init__(
        self,
        lr: float,
        momentum: float = 0.0,
        weight_decay: float = 0.0,
        nesterov: bool = False,
    ) -> None:
        super().__init__(lr, weight_decay)
        self.momentum = _in_unit("momentum", momentum)
        self.nesterov = bool(nesterov)
        self._b: list[np.ndarray] | None = None

    def reset(self) -> None:
        super().reset()
        self._b = None

    def step(self, params: list[np.ndarray], grads: list[np.ndarray]) -> None:
        self.t += 1
        mu = self.momentum
        if mu == 0.0:
            for w, g in zip(params, grads, strict=True):
                w -= self._lr * self._coupled(w, g)
            return
        if self._b is None:
            self._b = [np.zeros_like(w) for w in params]
        for w, g, b in zip(params, grads, self._b, strict=True):
            d = self._coupled(w, g)
            b *= mu
            b += d
            if self.nesterov:
                w -= self._lr * (d + mu * b)
            else:
                w -= self._lr * b


class Momentum(SGD):
    """Heavy-ball momentum in PyTorch's form (Polyak 1964; Sutskever et al. 2013):
    b ← μ·b + g,  w ← w − lr·b  (μ = 0.9)."""

    name = "momentum"

    def __init__(self, lr: float, momentum: float = 0.9, weight_decay: float = 0.0) -> None:
        super().__init__(lr, momentum, weight_decay)


class Nesterov(SGD):
    """Nesterov momentum as PyTorch's ``SGD(nesterov=True)``: b ← μ·b + g,
    w ← w − lr·(g + μ·b), the gradient taken one velocity step ahead (μ = 0.9)."""

    name = "nesterov"

    def __init__(self, lr: float, momentum: float = 0.9, weight_decay: float = 0.0) -> None:
        super().__init__(lr, momentum, weight_decay, nesterov=True)


class Adagrad(Optimizer):
    """AdaGrad (Duchi, Hazan & Singer 2011) as ``torch.optim.Adagrad`` (lr_decay 0,
    initial accumulator 0, ε = 1e-10):  s ← s + g²,  w ← w − lr·g/(√s + ε).
    s only grows, so every weight's step shrinks like 1/√t under a steady gradient."""

    name = "adagrad"

    def __init__(self, lr: float = 1e-2, eps: float = 1e-10, weight_decay: float = 0.0) -> None:
        super().__init__(lr, weight_decay)
        self.eps = _positive("eps", eps)
        self._s: list[np.ndarray] | None = None

    def reset(self) -> None:
        super().reset()
        self._s = None

    def step(self, params: list[np.ndarray], grads: list[np.ndarray]) -> None:
        if self._s is None:
            self._s = [np.zeros_like(w) for w in params]
        self.t += 1
        for w, g, s in zip(params, grads, self._s, strict=True):
            d = self._coupled(w, g)
            s += d * d
            w -= self._lr * d / (np.sqrt(s) + self.eps)


class RMSprop(Optimizer):
    """RMSProp (Tieleman & Hinton 2012) as ``torch.optim.RMSprop`` (α = 0.99, ε = 1e-8, not
    centred):  v ← α·v + (1−α)·g²,  w ← w − lr·g/(√v + ε); with momentum μ > 0,
    b ← μ·b + g/(√v + ε) and w ← w − lr·b."""

    name = "rmsprop"

    def __init__(
        self,
        lr: float = 1e-2,
        alpha: float = 0.99,
        eps: float = 1e-8,
        momentum: float = 0.0,
        weight_decay: float = 0.0,
    ) -> None:
        super().__init__(lr, weight_decay)
        self.alpha = _in_unit("alpha", alpha)
        self.eps = _positive("eps", eps)
        self.momentum = _in_unit("momentum", momentum)
        self._state: list[tuple[np.ndarray, np.ndarray]] | None = None

    def reset(self) -> None:
        super().reset()
        self._state = None

    def step(self, params: list[np.ndarray], grads: list[np.ndarray]) -> None:
        if self._state is None:
            self._state = [(np.zeros_like(w), np.zeros_like(w)) for w in params]
        self.t += 1
        a, mu = self.alpha, self.momentum
        for w, g, (v, b) in zip(params, grads, self._state, strict=True):
            d = self._coupled(w, g)
            v *= a
            v += (1.0 - a) * d * d
            scaled = d / (np.sqrt(v) + self.eps)
            if mu:
                b *= mu
                b += scaled
                w -= self._lr * b
            else:
                w -= self._lr * scaled


class Adam(Optimizer):
    """Adam (Kingma & Ba 2015, Algorithm 1; defaults β1 = 0.9, β2 = 0.999, ε = 1e-8).

    g ← g + λw (coupled L2, PyTorch's ``weight_decay``),
    m ← β1·m + (1−β1)·g,  v ← β2·v + (1−β2)·g²,
    w ← w − lr/(1−β1^t) · m / (√v/√(1−β2^t) + ε)   (PyTorch's placement of ε).
    ``bias_correction=False`` drops both 1−β^t factors (for teaching; not a PyTorch option).
    """

    name = "adam"
    decoupled = False

    def __init__(
        self,
        lr: float = 1e-3,
        beta1: float = 0.9,
        beta2: float = 0.999,
        eps: float = 1e-8,
        weight_decay: float = 0.0,
        bias_correction: bool = True,
    ) -> None:
        super().__init__(lr, weight_decay)
        self.beta1 = _in_unit("beta1", beta1)
        self.beta2 = _in_unit("beta2", beta2)
        self.eps = _positive("eps", eps)
        self.bias_correction = bool(bias_correction)
        self._state: list[tuple[np.ndarray, np.ndarray, np.ndarray]] | None = None

    def reset(self) -> None:
        super().reset()
        self._state = None

    def moments(self) -> list[tuple[np.ndarray, np.ndarray]]:
        """Copies of (m, v) per parameter array, before bias correction ([] before a step)."""
        return [(m.copy(), v.copy()) for m, v, _ in self._state or []]

    def v_hat(self) -> list[np.ndarray]:
        """v̂ = v/(1 − β2^t) per parameter array (v itself without bias correction)."""
        bc2 = 1.0 - self.beta2**self.t if self.bias_correction and self.t else 1.0
        return [v / bc2 for _, v in self.moments()]

    def step(self, params: list[np.ndarray], grads: list[np.ndarray]) -> None:
        if self._state is None:
            self._state = [(np.zeros_like(w), np.zeros_like(w), np.empty_like(w)) for w in params]
        self.t += 1
        b1, b2 = self.beta1, self.beta2
        if self.bias_correction:
            bc1, sqrt_bc2 = 1.0 - b1**self.t, np.sqrt(1.0 - b2**self.t)
        else:
            bc1 = sqrt_bc2 = 1.0
        for w, g, (m, v, tmp) in zip(params, grads, self._state, strict=True):
            if self.decoupled:
                if self.weight_decay:
                    w -= self._lr * self._decayed(w)
            else:
                g = self._coupled(w, g)
            m *= b1
            np.multiply(g, 1.0 - b1, out=tmp)
            m += tmp
            v *= b2
            np.multiply(g, g, out=tmp)
            tmp *= 1.0 - b2
            v += tmp
            # lr/bc1 · m/(√v/√bc2 + ε) = (lr·√bc2/bc1) · m/(√v + ε·√bc2): one pass fewer
            np.sqrt(v, out=tmp)
            tmp += self.eps * sqrt_bc2
            np.divide(m, tmp, out=tmp)
            tmp *= self._lr * sqrt_bc2 / bc1
            w -= tmp


class AdamW(Adam):
    """AdamW (Loshchilov & Hutter 2019) as ``torch.optim.AdamW`` (weight_decay 0.01):
    w ← w − lr·λ·w first, then the Adam step on the raw gradient. The decay does not pass
    through 1/√v̂, so every weight shrinks by the same factor 1 − lr·λ per step."""

    name = "adamw"
    decoupled = True

    def __init__(
        self,
        lr: float = 1e-3,
        beta1: float = 0.9,
        beta2: float = 0.999,
        eps: float = 1e-8,
        weight_decay: float = 0.01,
        bias_correction: bool = True,
    ) -> None:
        super().__init__(lr, beta1, beta2, eps, weight_decay, bias_correction)


CLASSES: dict[str, type[Optimizer]] = {
    "sgd": SGD,
    "momentum": Momentum,
    "nesterov": Nesterov,
    "adagrad": Adagrad,
    "rmsprop": RMSprop,
    "adam": Adam,
    "adamw": AdamW,
}


def make(name: str, lr: float, **hyper: float) -> Optimizer:
    """The optimiser called ``name`` (one of ``OPTIMIZERS``) with learning rate ``lr`` and any
    of its keywords (``DEFAULTS[name]``; Adam and AdamW also take ``bias_correction``).

    >>> make("rmsprop", 0.01, alpha=0.9).hyper
    {'alpha': 0.9, 'eps': 1e-08, 'momentum': 0.0, 'weight_decay': 0.0}
    """
    if name not in CLASSES:
        raise ValueError(f"optimizer must be one of {', '.join(OPTIMIZERS)}; got {name!r}")
    allowed = set(DEFAULTS[name]) | ({"bias_correction"} if name in ("adam", "adamw") else set())
    unknown = sorted(set(hyper) - allowed)
    if unknown:
        raise ValueError(
            f"{name} takes no {', '.join(unknown)}; its keywords are {', '.join(sorted(allowed))}"
        )
    return CLASSES[name](lr, **hyper)


def clip_by_global_norm(grads: list[np.ndarray], max_norm: float) -> float:
    """Scale all gradients by min(1, max_norm/‖g‖) where ‖g‖ is the norm of all of them
    together (Pascanu et al. 2013). Returns ‖g‖ before clipping."""
    total = float(np.sqrt(sum(float(np.vdot(g, g)) for g in grads)))
    if total > max_norm:
        k = max_norm / total
        for g in grads:
            g *= k
    return total


__all__ = [
    "CLASSES",
    "DEFAULTS",
    "DEFAULT_LR",
    "OPTIMIZERS",
    "SGD",
    "Adagrad",
    "Adam",
    "AdamW",
    "Momentum",
    "Nesterov",
    "Optimizer",
    "RMSprop",
    "clip_by_global_norm",
    "make",
]
