"""How many threads NumPy's bundled OpenBLAS may use.

The app serves many small matrix products to many sessions on few cores; a multithreaded BLAS
then only adds contention (measured here: 3–5× slower than one thread under load). The app
sets one thread at start; the benchmarks set the same count on both sides of a comparison.
"""

from __future__ import annotations

import ctypes
import functools
import glob
import os

import numpy as np


@functools.cache
def openblas() -> ctypes.CDLL | None:
    """NumPy's bundled OpenBLAS (the scipy-openblas wheel build), or None if not found."""
    pattern = os.path.join(os.path.dirname(np.__file__), "..", "numpy.libs", "*openblas*")
    for path in glob.glob(pattern):
        lib = ctypes.CDLL(path)
        if hasattr(lib, "scipy_openblas_set_num_threads64_"):
            return lib
    return None


def get_threads() -> int | None:
    lib = openblas()
    return int(lib.scipy_openblas_get_num_threads64_()) if lib else None


def set_threads(n: int) -> bool:
    """Limit OpenBLAS to ``n`` threads; False when NumPy's OpenBLAS could not be found."""
    if not 1 <= n <= 256:
        raise ValueError(f"n must be in [1, 256], got {n!r}")
    lib = openblas()
    if lib is None:
        return False
    lib.scipy_openblas_set_num_threads64_(n)
    return True
