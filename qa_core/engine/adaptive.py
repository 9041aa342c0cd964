"""The adaptive optimisers (see qa_core.engine.optim): AdaGrad, RMSProp, Adam and AdamW, each
as its ``torch.optim`` namesake, one step size per weight from its past gradients."""

from __future__ import annotations

import numpy as np

from qa_core.engine.optim_base import Optimizer, _in_unit, _positive


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
