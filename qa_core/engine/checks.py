"""Argument checks shared by the engine and the labs: each raises ValueError naming the
parameter, its allowed range and the value it got, so a page can show the message as it is."""

from __future__ import annotations

import math
import numbers
from collections.abc import Collection


def integer(name: str, value: object, low: int, high: int | None = None) -> int:
    """``value`` as an int in [low, high] (no upper bound when ``high`` is None); bools and
    floats are refused, NumPy integers accepted."""
    span = f"in [{low}, {high}]" if high is not None else f">= {low}"
    if (
        isinstance(value, bool)
        or not isinstance(value, numbers.Integral)
        or value < low
        or (high is not None and value > high)
    ):
        raise ValueError(f"{name} must be an integer {span}, got {value!r}")
    return int(value)


def real(
    name: str,
    value: object,
    low: float,
    high: float,
    *,
    low_open: bool = False,
    high_open: bool = False,
) -> float:
    """``value`` as a finite float in the interval; ``low_open``/``high_open`` exclude an end."""
    left, right = "(" if low_open else "[", ")" if high_open else "]"
    text = f"{name} must be in {left}{low:g}, {high:g}{right}, got {value!r}"
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(text)
    v = float(value)
    if not math.isfinite(v) or v < low or v > high:
        raise ValueError(text)
    if (low_open and v == low) or (high_open and v == high):
        raise ValueError(text)
    return v


def choice(name: str, value: object, allowed: Collection[str]) -> str:
    """``value`` if it is one of ``allowed`` (listed in the message)."""
    if value not in allowed:
        raise ValueError(f"{name} must be one of {', '.join(allowed)}; got {value!r}")
    return value  # type: ignore[return-value]
