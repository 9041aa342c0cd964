"""Activation functions and their derivatives, each formula beside its code.

Every activation has ``forward(z)`` and ``derivative(z)`` (elementwise, float64) and
a LaTeX formula for the pages. All are numerically stable for |z| up to 1e4 and
beyond: no overflow, no invalid values, no NaN.

Conventions (stated once, used everywhere):
- The derivative of a kink at z = 0 (ReLU, its leaky relatives and SELU) is taken
  from the left, i.e. ReLU'(0) = 0, as d2l and PyTorch do.
- RReLU follows PyTorch: slope ~ U(lower, upper) per element when training,
  fixed at (lower + upper) / 2 in eval. Xu et al. (2015) instead draw a divisor
  from U(3, 8) and use 1/5.5 at test; the page explains both.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import ClassVar

import numpy as np


def _as_float(z: np.ndarray | float) -> np.ndarray:
    return np.asarray(z, dtype=np.float64)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    """σ(z) without overflow: uses e = exp(−|z|) ≤ 1 on both sides."""
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _sigmoid_prime(z: np.ndarray) -> np.ndarray:
    """σ'(z) = e / (1 + e)² with e = exp(−|z|): exact in the tails, no 1 − σ cancellation."""
    e = np.exp(-np.abs(z))
    return e / (1.0 + e) ** 2


def _sech2(z: np.ndarray) -> np.ndarray:
    """sech²(z) = 4e / (1 + e)² with e = exp(−2|z|), stable for any z."""
    e = np.exp(-2.0 * np.abs(z))
    return 4.0 * e / (1.0 + e) ** 2


def _check_range(name: str, value: float, low: float, high: float, *, high_open: bool) -> float:
    value = float(value)
    ok = np.isfinite(value) and low <= value and (value < high if high_open else value <= high)
    if not ok:
        bracket = ")" if high_open else "]"
        raise ValueError(f"{name} must be in [{low:g}, {high:g}{bracket}, got {value!r}")
    return value


@dataclass(frozen=True)
class Activation:
    """Base: subclasses define ``forward`` and ``derivative``."""

    name: ClassVar[str] = ""
    latex: ClassVar[str] = ""
    latex_derivative: ClassVar[str] = ""

    def forward(self, z: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def derivative(self, z: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    @property
    def params(self) -> dict[str, float]:
        """The activation's own parameters (alpha, a, lower, upper...)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True)
class Sigmoid(Activation):
    r"""σ(z) = 1 / (1 + e^{−z});  σ'(z) = σ(z)(1 − σ(z)), at most 1/4 (at z = 0)."""

    name: ClassVar[str] = "sigmoid"
    latex: ClassVar[str] = r"\sigma(z)=\dfrac{1}{1+e^{-z}}"
    latex_derivative: ClassVar[str] = r"\sigma'(z)=\sigma(z)\,\bigl(1-\sigma(z)\bigr)"

    def forward(self, z):
        return _sigmoid(_as_float(z))

    def derivative(self, z):
        return _sigmoid_prime(_as_float(z))


@dataclass(frozen=True)
class Tanh(Activation):
    r"""tanh(z) = (e^z − e^{−z}) / (e^z + e^{−z}) = 2σ(2z) − 1;  tanh'(z) = 1 − tanh²(z), at most 1."""

    name: ClassVar[str] = "tanh"
    latex: ClassVar[str] = r"\tanh(z)=\dfrac{e^{z}-e^{-z}}{e^{z}+e^{-z}}"
    latex_derivative: ClassVar[str] = r"\tanh'(z)=1-\tanh^{2}(z)"

    def forward(self, z):
        return np.tanh(_as_float(z))

    def derivative(self, z):
        # 1 − tanh² loses everything to cancellation once tanh rounds to ±1; sech² does not.
        return _sech2(_as_float(z))


@dataclass(frozen=True)
class ReLU(Activation):
    r"""ReLU(z) = max(0, z);  ReLU'(z) = 1 if z > 0 else 0 (0 at the kink by convention)."""

    name: ClassVar[str] = "relu"
    latex: ClassVar[str] = r"\operatorname{ReLU}(z)=\max(0,\,z)"
    latex_derivative: ClassVar[str] = (
        r"\operatorname{ReLU}'(z)=\begin{cases}1 & z>0\\ 0 & z\le 0\end{cases}"
    )

    def forward(self, z):
        return np.maximum(_as_float(z), 0.0)

    def derivative(self, z):
        return (_as_float(z) > 0).astype(np.float64)


def leaky(z: np.ndarray, slope: np.ndarray | float) -> np.ndarray:
    """z for z > 0, slope·z otherwise; ``slope`` may be a scalar or an array of z's shape."""
    z = _as_float(z)
    return np.where(z > 0, z, slope * z)


def leaky_derivative(z: np.ndarray, slope: np.ndarray | float) -> np.ndarray:
    """1 for z > 0, slope otherwise (left derivative at 0)."""
    z = _as_float(z)
    return np.where(z > 0, 1.0, slope * np.ones_like(z))


@dataclass(frozen=True)
class LeakyReLU(Activation):
    r"""f(z) = z if z > 0 else αz, α fixed by hand; Maas, Hannun & Ng (2013) use α = 0.01."""

    alpha: float = 0.01
    name: ClassVar[str] = "leaky_relu"
    latex: ClassVar[str] = r"f(z)=\begin{cases}z & z>0\\ \alpha z & z\le 0\end{cases}"
    latex_derivative: ClassVar[str] = r"f'(z)=\begin{cases}1 & z>0\\ \alpha & z\le 0\end{cases}"

    def __post_init__(self):
        object.__setattr__(
            self, "alpha", _check_range("alpha", self.alpha, 0.0, 1.0, high_open=True)
        )

    def forward(self, z):
        return leaky(z, self.alpha)

    def derivative(self, z):
        return leaky_derivative(z, self.alpha)


@dataclass(frozen=True)
class PReLU(Activation):
    r"""f(z) = max(0, z) + a·min(0, z) with a learned; He et al. (2015, §2.1) start at a = 0.25.

    ∂f/∂a = min(0, z). He et al. train a without weight decay, which would pull it to 0.
    """

    a: float = 0.25
    name: ClassVar[str] = "prelu"
    latex: ClassVar[str] = r"f(z)=\max(0,z)+a\,\min(0,z)"
    latex_derivative: ClassVar[str] = (
        r"\dfrac{\partial f}{\partial z}=\begin{cases}1 & z>0\\ a & z\le 0\end{cases},"
        r"\quad \dfrac{\partial f}{\partial a}=\min(0,z)"
    )

    def __post_init__(self):
        object.__setattr__(self, "a", _check_range("a", self.a, -10.0, 10.0, high_open=False))

    def forward(self, z):
        return leaky(z, self.a)

    def derivative(self, z):
        return leaky_derivative(z, self.a)

    @staticmethod
    def derivative_a(z: np.ndarray) -> np.ndarray:
        """∂f/∂a = min(0, z): the gradient that trains the slope."""
        return np.minimum(_as_float(z), 0.0)


@dataclass(frozen=True)
class RReLU(Activation):
    r"""Randomized leaky ReLU (Xu, Wang, Chen & Li 2015, §2.4), PyTorch's parameterisation.

    Training: f(z) = z if z > 0 else r·z with r ~ U(lower, upper) drawn per element.
    Eval:     r fixed at (lower + upper) / 2 (11/48 ≈ 0.229 for the defaults 1/8, 1/3).
    ``forward``/``derivative`` are the eval function; ``sample_slopes`` gives training slopes.
    """

    lower: float = 1.0 / 8.0
    upper: float = 1.0 / 3.0
    name: ClassVar[str] = "rrelu"
    latex: ClassVar[str] = (
        r"f(z)=\begin{cases}z & z>0\\ r z & z\le 0\end{cases},\;"
        r"r\sim U(l,u)\ \text{(train)},\ r=\tfrac{l+u}{2}\ \text{(eval)}"
    )
    latex_derivative: ClassVar[str] = r"f'(z)=\begin{cases}1 & z>0\\ r & z\le 0\end{cases}"

    def __post_init__(self):
        lower = _check_range("lower", self.lower, 0.0, 1.0, high_open=True)
        upper = _check_range("upper", self.upper, 0.0, 1.0, high_open=True)
        if lower > upper:
            raise ValueError(f"lower must be <= upper, got lower={lower!r} > upper={upper!r}")
        object.__setattr__(self, "lower", lower)
        object.__setattr__(self, "upper", upper)

    @property
    def eval_slope(self) -> float:
        return 0.5 * (self.lower + self.upper)

    def sample_slopes(self, shape: tuple[int, ...], rng: np.random.Generator) -> np.ndarray:
        """One training-time slope per element, r ~ U(lower, upper)."""
        return rng.uniform(self.lower, self.upper, size=shape)

    def forward(self, z):
        return leaky(z, self.eval_slope)

    def derivative(self, z):
        return leaky_derivative(z, self.eval_slope)


@dataclass(frozen=True)
class ELU(Activation):
    r"""f(z) = z if z > 0 else α(e^z − 1) (Clevert, Unterthiner & Hochreiter 2016)."""

    alpha: float = 1.0
    name: ClassVar[str] = "elu"
    latex: ClassVar[str] = r"f(z)=\begin{cases}z & z>0\\ \alpha\,(e^{z}-1) & z\le 0\end{cases}"
    latex_derivative: ClassVar[str] = (
        r"f'(z)=\begin{cases}1 & z>0\\ \alpha e^{z} & z\le 0\end{cases}"
    )

    def __post_init__(self):
        object.__setattr__(
            self, "alpha", _check_range("alpha", self.alpha, 0.0, 10.0, high_open=False)
        )

    def forward(self, z):
        z = _as_float(z)
        return np.where(z > 0, z, self.alpha * np.expm1(np.minimum(z, 0.0)))

    def derivative(self, z):
        z = _as_float(z)
        return np.where(z > 0, 1.0, self.alpha * np.exp(np.minimum(z, 0.0)))


@dataclass(frozen=True)
class Softplus(Activation):
    r"""f(z) = ln(1 + e^z), a smooth ReLU (Dugas et al. 2001);  f'(z) = σ(z)."""

    name: ClassVar[str] = "softplus"
    latex: ClassVar[str] = r"f(z)=\ln\bigl(1+e^{z}\bigr)"
    latex_derivative: ClassVar[str] = r"f'(z)=\sigma(z)"

    def forward(self, z):
        return np.logaddexp(0.0, _as_float(z))

    def derivative(self, z):
        return _sigmoid(_as_float(z))


#: SELU's constants (Klambauer et al. 2017), to the digits PyTorch uses.
SELU_ALPHA = 1.6732632423543772848170429916717
SELU_LAMBDA = 1.0507009873554804934193349852946


@dataclass(frozen=True)
class SELU(Activation):
    r"""SELU, a scaled ELU (Klambauer, Unterthiner, Mayr & Hochreiter 2017, "Self-normalizing
    neural networks"): f(z) = λz if z > 0 else λα(e^z − 1), λ ≈ 1.0507, α ≈ 1.6733.

    λ and α are fixed, not tuned: with LeCun-normal weights (Var[W] = 1/n_in), inputs of mean 0
    and variance 1 give outputs of mean 0 and variance 1, a stable fixed point, so activations
    keep normalising themselves from layer to layer.
    f'(z) = λ for z > 0, λαe^z otherwise: a kink at 0 (λ ≈ 1.051 on the right, λα ≈ 1.758 on
    the left), where the left derivative is taken, as for the ReLU family.
    """

    name: ClassVar[str] = "selu"
    latex: ClassVar[str] = (
        r"f(z)=\lambda\begin{cases}z & z>0\\ \alpha\,(e^{z}-1) & z\le 0\end{cases},\;"
        r"\lambda\approx1.0507,\ \alpha\approx1.6733"
    )
    latex_derivative: ClassVar[str] = (
        r"f'(z)=\begin{cases}\lambda & z>0\\ \lambda\alpha e^{z} & z\le 0\end{cases}"
    )

    def forward(self, z):
        z = _as_float(z)
        return SELU_LAMBDA * np.where(z > 0, z, SELU_ALPHA * np.expm1(np.minimum(z, 0.0)))

    def derivative(self, z):
        z = _as_float(z)
        return SELU_LAMBDA * np.where(z > 0, 1.0, SELU_ALPHA * np.exp(np.minimum(z, 0.0)))


_GELU_K = np.sqrt(2.0 / np.pi)
_GELU_C = 0.044715


@dataclass(frozen=True)
class GELU(Activation):
    r"""GELU, tanh form (Hendrycks & Gimpel 2016; PyTorch ``approximate="tanh"``).

    f(z) = ½ z (1 + tanh u),  u = √(2/π)(z + 0.044715 z³).
    NumPy has no erf, so the tanh form (within 1e-3 of z·Φ(z)) is used exactly,
    and the derivative is that of this formula.
    """

    name: ClassVar[str] = "gelu"
    latex: ClassVar[str] = (
        r"f(z)=\tfrac12 z\bigl(1+\tanh u\bigr),\ u=\sqrt{2/\pi}\,\bigl(z+0.044715z^{3}\bigr)"
    )
    latex_derivative: ClassVar[str] = (
        r"f'(z)=\tfrac12\bigl(1+\tanh u\bigr)+\tfrac12 z\,\operatorname{sech}^{2}u\;"
        r"\sqrt{2/\pi}\,\bigl(1+3\cdot0.044715z^{2}\bigr)"
    )

    def forward(self, z):
        z = _as_float(z)
        u = _GELU_K * (z + _GELU_C * z**3)
        return 0.5 * z * (1.0 + np.tanh(u))

    def derivative(self, z):
        z = _as_float(z)
        u = _GELU_K * (z + _GELU_C * z**3)
        du = _GELU_K * (1.0 + 3.0 * _GELU_C * z**2)
        # sech²(u) is exactly 0 far out, so z·du (large) never meets inf.
        return 0.5 * (1.0 + np.tanh(u)) + 0.5 * z * _sech2(u) * du


@dataclass(frozen=True)
class SiLU(Activation):
    r"""SiLU / swish: f(z) = z σ(z) (Elfwing et al. 2018; Ramachandran et al. 2017);
    f'(z) = σ(z) + z σ'(z)."""

    name: ClassVar[str] = "silu"
    latex: ClassVar[str] = r"f(z)=z\,\sigma(z)"
    latex_derivative: ClassVar[str] = r"f'(z)=\sigma(z)+z\,\sigma(z)\bigl(1-\sigma(z)\bigr)"

    def forward(self, z):
        z = _as_float(z)
        return z * _sigmoid(z)

    def derivative(self, z):
        z = _as_float(z)
        return _sigmoid(z) + z * _sigmoid_prime(z)


_REGISTRY: dict[str, type[Activation]] = {
    cls.name: cls
    for cls in (Sigmoid, Tanh, ReLU, LeakyReLU, PReLU, RReLU, ELU, SELU, Softplus, GELU, SiLU)
}

#: Activations whose f' never falls below a positive floor for z < 0 (piecewise linear).
LEAKY_FAMILY = ("leaky_relu", "prelu", "rrelu")


def names() -> tuple[str, ...]:
    """Every registered activation name, in teaching order."""
    return tuple(_REGISTRY)


def get(name: str, **params: float) -> Activation:
    """The activation called ``name`` with its parameters, e.g. ``get("leaky_relu", alpha=0.01)``.

    Raises ValueError for an unknown name, an unknown parameter or a value out of range.
    """
    cls = _REGISTRY.get(name)
    if cls is None:
        raise ValueError(f"activation must be one of {', '.join(_REGISTRY)}; got {name!r}")
    allowed = {f.name for f in fields(cls)}
    unknown = set(params) - allowed
    if unknown:
        allowed_text = ", ".join(sorted(allowed)) or "none"
        raise ValueError(
            f"unknown parameter(s) {', '.join(sorted(unknown))} for {name}; allowed: {allowed_text}"
        )
    return cls(**params)


__all__ = [
    "LEAKY_FAMILY",
    "SELU_ALPHA",
    "SELU_LAMBDA",
    "Activation",
    "get",
    "leaky",
    "leaky_derivative",
    "names",
]
