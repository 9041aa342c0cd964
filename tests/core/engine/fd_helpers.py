"""Central finite differences for the engine's gradient checks (float64)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

H = 1e-5
RTOL = 1e-6
ATOL = 1e-9


def numeric_grad(f: Callable[[], float], x: np.ndarray, h: float = H) -> np.ndarray:
    """∂f/∂x by (f(x + h e_i) − f(x − h e_i)) / 2h, perturbing ``x`` in place and restoring it."""
    grad = np.zeros_like(x)
    flat, gflat = x.reshape(-1), grad.reshape(-1)
    for i in range(flat.size):
        old = flat[i]
        flat[i] = old + h
        up = f()
        flat[i] = old - h
        down = f()
        flat[i] = old
        gflat[i] = (up - down) / (2 * h)
    return grad


def assert_grad_close(analytic: np.ndarray, numeric: np.ndarray) -> None:
    """Relative error < 1e-6 (with a tiny absolute floor for entries that are ~0)."""
    assert analytic.shape == numeric.shape
    assert np.any(numeric != 0), "a gradient check on an all-zero gradient proves nothing"
    np.testing.assert_allclose(analytic, numeric, rtol=RTOL, atol=ATOL)
