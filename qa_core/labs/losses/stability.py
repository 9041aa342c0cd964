"""Naive softmax / sigmoid against the stable forms as the logits grow.

Softmax cross-entropy on three logits z = (s, 0, −s) whose label is the middle class (the
exact loss is log(e^s + 1 + e^{−s}) ≈ s):

- naive: p = e^z / Σ e^z, then −log p_y. e^s overflows to inf once s > ln(max float) (709.78
  in float64, 88.72 in float32), so p_y = 1/inf = 0 and −log 0 = inf (the largest class gets
  inf/inf = NaN);
- stable (the engine's, log-sum-exp): −log p_y = log Σ_j e^{z_j − max z} − (z_y − max z).
  Shifting by max z makes the largest exponent e^0 = 1, so nothing overflows.

Binary cross-entropy of one logit z = s with the label y = 0 (the exact loss is
log(1 + e^s) ≈ s):

- naive: p = 1/(1 + e^{−z}), then −y log p − (1 − y) log(1 − p). p rounds to 1 once e^{−z} is
  below half the float's epsilon (z ≈ 36.7 in float64, 16.6 in float32), so 1 − p = 0 and the
  loss is −log 0 = inf;
- stable (the engine's): max(z, 0) − z·y + log(1 + e^{−|z|}).

The exact loss comes from Python's ``decimal`` with 40 significant digits.
"""

from __future__ import annotations

from decimal import Decimal, localcontext

import numpy as np
import pandas as pd

from qa_core.engine import checks, losses

KINDS = ("softmax", "sigmoid")
DTYPES = ("float64", "float32")
PATTERN = (1.0, 0.0, -1.0)  # the softmax logits are s times this; the label is the middle one
LABEL = 1
MAX_SCALE = 1e4
DIGITS = 40


def scales(high: float = MAX_SCALE, n: int = 241, extra: tuple[float, ...] = ()) -> np.ndarray:
    """Logit scales s from 1 to ``high``, evenly on a log axis, plus ``extra`` points (the
    naive form's breaking point and the float just above it) where they fall in range."""
    checks.real("high", high, 10.0, MAX_SCALE)
    grid = np.logspace(0.0, np.log10(high), n)
    inside = [v for v in extra if 1.0 <= v <= high]
    return np.unique(np.concatenate([grid, inside]))


def naive_limit(kind: str, dtype: str) -> float:
    """The largest s at which the naive loss is still finite (bisection on floats; the next
    float above it gives inf): 709.78 for the float64 softmax, 36.74 for the float64 sigmoid."""
    checks.choice("kind", kind, KINDS)
    checks.choice("dtype", dtype, DTYPES)
    low, high = 1.0, MAX_SCALE
    for _ in range(200):
        mid = 0.5 * (low + high)
        if mid in (low, high):
            break
        if np.isfinite(naive_loss(kind, np.array([mid]), dtype)[0]):
            low = mid
        else:
            high = mid
    return low


def exact_loss(kind: str, s: float) -> float:
    """The loss in 40-digit decimal arithmetic, rounded to float64."""
    with localcontext() as ctx:
        ctx.prec = DIGITS
        d = Decimal(float(s))
        if kind == "softmax":
            logits = [d * Decimal(c) for c in PATTERN]
            top = max(logits)
            total = sum((v - top).exp() for v in logits)
            return float(total.ln() + top - logits[LABEL])
        return float((1 + (-d).exp()).ln() + d)  # log(1 + e^z) = log(1 + e^{−z}) + z


def naive_loss(kind: str, s: np.ndarray, dtype: str) -> np.ndarray:
    """The textbook formulas evaluated as written, in ``dtype`` (NaN/inf where they break)."""
    ft = np.dtype(dtype).type
    s = s.astype(dtype)
    with np.errstate(all="ignore"):
        if kind == "softmax":
            z = s[:, None] * np.array(PATTERN, dtype=dtype)
            e = np.exp(z)
            p = e / e.sum(axis=1, keepdims=True)
            return (-np.log(p[:, LABEL])).astype(np.float64)
        p = ft(1) / (ft(1) + np.exp(-s))
        return (-np.log(ft(1) - p)).astype(np.float64)  # y = 0: −log(1 − p)


def stable_loss(kind: str, s: np.ndarray, dtype: str) -> np.ndarray:
    """The engine's losses, one example per scale (float64); for float32 the same steps
    (shift by the largest logit, then log-sum-exp; or max(z, 0) + log1p(e^{−|z|})) in float32."""
    if dtype == "float64":
        if kind == "softmax":
            z = s[:, None] * np.array(PATTERN)
            return np.array([losses.softmax_cross_entropy(row[None], [LABEL])[0] for row in z])
        return np.array([losses.binary_cross_entropy(np.array([v]), np.array([0.0]))[0] for v in s])
    s32 = s.astype(np.float32)
    if kind == "softmax":
        z = s32[:, None] * np.array(PATTERN, dtype=np.float32)
        shifted = z - z.max(axis=1, keepdims=True)
        lse = np.log(np.exp(shifted).sum(axis=1))
        return (lse - shifted[:, LABEL]).astype(np.float64)
    return (np.maximum(s32, 0) + np.log1p(np.exp(-np.abs(s32)))).astype(np.float64)


def overflow_table(kind: str, dtype: str, high: float = MAX_SCALE) -> pd.DataFrame:
    """Per scale s: the exact, naive and stable loss, their relative errors and the naive
    form's state ("ok", "nan" or "inf")."""
    checks.choice("kind", kind, KINDS)
    checks.choice("dtype", dtype, DTYPES)
    limit = naive_limit(kind, dtype)
    s = scales(high, extra=(limit, float(np.nextafter(limit, np.inf))))
    exact = np.array([exact_loss(kind, v) for v in s])
    naive = naive_loss(kind, s, dtype)
    stable = stable_loss(kind, s, dtype)
    state = np.where(np.isnan(naive), "nan", np.where(np.isinf(naive), "inf", "ok"))
    with np.errstate(all="ignore"):
        naive_err = np.where(state == "ok", np.abs(naive - exact) / exact, np.nan)
    return pd.DataFrame({
        "s": s, "exact": exact, "naive": naive, "stable": stable, "state": state,
        "naive_rel_error": naive_err, "stable_rel_error": np.abs(stable - exact) / exact,
    })  # fmt: skip


def first_failure(table: pd.DataFrame) -> tuple[float, str] | None:
    """The smallest scale at which the naive form stops giving a usable loss, and how."""
    bad = table[table["state"] != "ok"]
    if bad.empty:
        return None
    row = bad.iloc[0]
    return float(row["s"]), str(row["state"])


def overflow_threshold(dtype: str) -> float:
    """ln of the largest finite number: e^z overflows past it (709.78 / 88.72)."""
    checks.choice("dtype", dtype, DTYPES)
    return float(np.log(np.finfo(dtype).max))
