"""Weight initialisations: the standard deviation each one aims at, and the draw itself.

``Dense`` and the labs call ``init_weights(n_in, n_out, init, rng)``; a weight matrix has shape
(n_in, n_out), so y = x W (PyTorch stores the transpose, (n_out, n_in)).
"""

from __future__ import annotations

import numpy as np

#: Weight initialisations understood by ``Dense`` and ``init_weights``.
INITS = (
    "he",
    "xavier",
    "xavier_uniform",
    "lecun",
    "normal",
    "zeros",
    "orthogonal",
    "constant",
)


def init_std(init: str, n_in: int, n_out: int, std: float = 0.01) -> float:
    """Standard deviation of a weight for each initialisation.

    - he:     √(2/n_in)               (He et al. 2015, §2.2, for ReLU)
    - xavier: √(2/(n_in+n_out))       (Glorot & Bengio 2010, §4.2.1; normal form)
    - xavier_uniform: same variance, drawn from U(±√6/√(n_in+n_out))
    - lecun:  √(1/n_in)               (LeCun et al. 1998, Efficient BackProp)
    - normal: the given ``std``
    - zeros:  0 (every unit identical: the symmetry the random inits break)
    - orthogonal: √(1/max(n_in, n_out)), the root mean square of an entry of a matrix with
      orthonormal rows or columns (Saxe, McClelland & Ganguli 2014)
    - constant: 0 (every weight equals ``std``: no spread at all, the symmetry again)
    """
    if init == "he":
        return float(np.sqrt(2.0 / n_in))
    if init in ("xavier", "xavier_uniform"):
        return float(np.sqrt(2.0 / (n_in + n_out)))
    if init == "lecun":
        return float(np.sqrt(1.0 / n_in))
    if init == "normal":
        return float(std)
    if init in ("zeros", "constant"):
        return 0.0
    if init == "orthogonal":
        return float(np.sqrt(1.0 / max(n_in, n_out)))
    raise ValueError(f"init must be one of {', '.join(INITS)}; got {init!r}")


def orthogonal(n_in: int, n_out: int, rng: np.random.Generator) -> np.ndarray:
    """A (n_in, n_out) matrix with orthonormal columns (n_in ≥ n_out) or rows (n_in < n_out),
    uniformly distributed (Haar): the Q of A = QR for Gaussian A, each column's sign set so
    that R's diagonal is positive (Mezzadri 2007) — what ``torch.nn.init.orthogonal_`` does.
    Square: WᵀW = I, so every singular value of W is 1 (Saxe et al. 2014)."""
    tall = n_in >= n_out
    q = haar_q(rng.standard_normal((n_in, n_out) if tall else (n_out, n_in)))
    return q if tall else q.T


def haar_q(a: np.ndarray) -> np.ndarray:
    """Q of the reduced QR of a tall Gaussian ``a``, each column times the sign of R's diagonal
    entry, so Q is uniform over matrices with orthonormal columns."""
    q, r = np.linalg.qr(a)
    return q * np.where(np.diag(r) < 0, -1.0, 1.0)


def init_weights(
    n_in: int,
    n_out: int,
    init: str,
    rng: np.random.Generator,
    std: float = 0.01,
    scale: float = 1.0,
) -> np.ndarray:
    """A (n_in, n_out) weight matrix drawn by ``init``, multiplied by ``scale`` (the gain).
    "constant" fills it with ``std`` (PyTorch's ``constant_``), "orthogonal" draws as
    ``orthogonal``; neither of those two nor "zeros" uses a random number beyond its own."""
    if init == "constant":
        return np.full((n_in, n_out), float(std) * scale)
    if init == "orthogonal":
        return orthogonal(n_in, n_out, rng) * scale
    s = init_std(init, n_in, n_out, std) * scale
    if init == "xavier_uniform":
        bound = np.sqrt(3.0) * s  # U(−b, b) has std b/√3
        return rng.uniform(-bound, bound, size=(n_in, n_out))
    if init == "zeros":
        return np.zeros((n_in, n_out))
    return rng.standard_normal((n_in, n_out)) * s


__all__ = ["INITS", "haar_q", "init_std", "init_weights", "orthogonal"]
