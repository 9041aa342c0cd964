"""Two-dimensional loss surfaces for racing optimisers, each a formula and its gradient side by
side, with a start point, a plotting window and a learning rate that suits it.

- ``ravine``: f = ½(x² + κ·y²) with κ = 50, an ill-conditioned quadratic (condition number 50):
  steep across the ravine (y), shallow along it (x); plain gradient descent zig-zags across.
- ``rosenbrock``: f = (1 − x)² + 100(y − x²)² (Rosenbrock 1960), a curved valley, minimum (1, 1).
- ``saddle``: f = ½x² + ¼y⁴ − ½y², a saddle point at the origin and two minima at (0, ±1); a
  start almost on the ridge (y = 1e-3) creeps away from it at first.
- ``wells``: f = ½(x² + y²)/4 − 2·e^{−((x−1.5)² + (y−1)²)} − 3·e^{−((x+1.5)² + (y+1)²)/0.5}, a
  broad bowl with two wells, the deeper one farther from the start: several minima.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from qa_core.engine import checks

KAPPA = 50.0


@dataclass(frozen=True)
class Surface:
    """f(x, y) and its gradient (elementwise on arrays), the default start, the window
    (x_min, x_max, y_min, y_max), learning rates that suit it (for the SGD family and for
    the adaptive optimisers, whose steps are about lr whatever the gradient's size) and a
    number of steps."""

    name: str
    f: Callable[[np.ndarray, np.ndarray], np.ndarray]
    grad: Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]
    start: tuple[float, float]
    window: tuple[float, float, float, float]
    lr: float
    adaptive_lr: float
    steps: int
    minima: tuple[tuple[float, float], ...]


def _ravine_f(x, y):
    return 0.5 * (x * x + KAPPA * y * y)


def _ravine_g(x, y):
    return x, KAPPA * y


def _rosen_f(x, y):
    return (1.0 - x) ** 2 + 100.0 * (y - x * x) ** 2


def _rosen_g(x, y):
    return -2.0 * (1.0 - x) - 400.0 * x * (y - x * x), 200.0 * (y - x * x)


def _saddle_f(x, y):
    return 0.5 * x * x + 0.25 * y**4 - 0.5 * y * y


def _saddle_g(x, y):
    return x, y**3 - y


def _wells_parts(x, y):
    a = 2.0 * np.exp(-((x - 1.5) ** 2 + (y - 1.0) ** 2))
    b = 3.0 * np.exp(-((x + 1.5) ** 2 + (y + 1.0) ** 2) / 0.5)
    return a, b


def _wells_f(x, y):
    a, b = _wells_parts(x, y)
    return (x * x + y * y) / 8.0 - a - b


def _wells_g(x, y):
    a, b = _wells_parts(x, y)
    gx = x / 4.0 + 2.0 * (x - 1.5) * a + 4.0 * (x + 1.5) * b
    gy = y / 4.0 + 2.0 * (y - 1.0) * a + 4.0 * (y + 1.0) * b
    return gx, gy


SURFACES: dict[str, Surface] = {
    "ravine": Surface("ravine", _ravine_f, _ravine_g, (-4.0, 1.0), (-5, 5, -1.5, 1.5),
                      0.026, 0.1, 150, ((0.0, 0.0),)),
    "rosenbrock": Surface("rosenbrock", _rosen_f, _rosen_g, (-1.2, 1.0), (-2, 2, -1, 3),
                          0.002, 0.1, 500, ((1.0, 1.0),)),
    "saddle": Surface("saddle", _saddle_f, _saddle_g, (-2.0, 1e-3), (-2.5, 2.5, -1.6, 1.6),
                      0.1, 0.05, 100, ((0.0, 1.0), (0.0, -1.0))),
    "wells": Surface("wells", _wells_f, _wells_g, (2.5, 2.5), (-3.5, 3.5, -3, 3),
                     0.1, 0.1, 100, ((1.41, 0.94), (-1.47, -0.98))),
}  # fmt: skip


def surface(name: str) -> Surface:
    """The surface called ``name``; ValueError naming the choices otherwise."""
    checks.choice("surface", name, list(SURFACES))
    return SURFACES[name]


def grid(name: str, n: int = 80) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """x (n,), y (n,) and f on the grid (n, n) (rows are y), for a contour plot."""
    n = checks.integer("n", n, 10, 400)
    s = surface(name)
    x = np.linspace(s.window[0], s.window[1], n)
    y = np.linspace(s.window[2], s.window[3], n)
    xx, yy = np.meshgrid(x, y)
    return x, y, s.f(xx, yy)


__all__ = ["KAPPA", "SURFACES", "Surface", "grid", "surface"]
