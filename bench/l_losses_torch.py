"""The engine's losses against PyTorch's, value and gradient (float64 on both sides):
``cross_entropy`` with ``label_smoothing`` ε ∈ {0, 0.1, 0.3, 1}, ``binary_cross_entropy_with_logits``,
``mse_loss``, ``l1_loss`` and ``huber_loss`` (δ ∈ {0.5, 1, 3}), on random logits of scale 3 and
on logits and residuals of ±1e4 (where a naive formula overflows). The row fails when any value
or gradient differs by more than 1e-12 relative (1e-15 absolute), or when a value is not finite.

Needs torch (requirements-bench.txt); without it the row says so and fails, so a missing
reference is never mistaken for agreement. The time is that of our side (information only).
"""

from __future__ import annotations

import time

import numpy as np

from bench.common import Row, torch_or_none
from qa_core.engine import losses

NAME = "losses vs torch (values and gradients)"
RTOL, ATOL = 1e-12, 1e-15


def cases(rng: np.random.Generator) -> list[tuple[str, str, dict, np.ndarray, np.ndarray]]:
    """(name, kind, keyword arguments, input, target) of every comparison."""
    out = []
    for scale in (3.0, 1e4):
        z = scale * np.sign(rng.standard_normal((16, 5))) * (rng.random((16, 5)) + 0.5)
        labels = rng.integers(0, 5, 16)
        for eps in (0.0, 0.1, 0.3, 1.0):
            out.append((f"cross_entropy ε={eps} |z|~{scale:g}", "ce", {"eps": eps}, z, labels))
        logit = scale * rng.standard_normal(16)
        out.append((f"bce |z|~{scale:g}", "bce", {}, logit, rng.integers(0, 2, 16).astype(float)))
        pred, target = scale * rng.standard_normal(16), rng.standard_normal(16)
        out.append((f"mse |d|~{scale:g}", "mse", {}, pred, target))
        out.append((f"mae |d|~{scale:g}", "mae", {}, pred, target))
        for delta in (0.5, 1.0, 3.0):
            out.append((f"huber δ={delta} |d|~{scale:g}", "huber", {"delta": delta}, pred, target))
    return out


def ours(kind: str, kw: dict, x: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray]:
    if kind == "ce":
        return losses.softmax_cross_entropy(x, y, kw["eps"])
    if kind == "bce":
        return losses.binary_cross_entropy(x, y)
    if kind == "huber":
        return losses.huber(x, y, kw["delta"])
    return {"mse": losses.mse, "mae": losses.mae}[kind](x, y)


def reference(torch, kind: str, kw: dict, x: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray]:
    f = torch.nn.functional
    xt = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    yt = torch.tensor(y)
    if kind == "ce":
        loss = f.cross_entropy(xt, yt, label_smoothing=kw["eps"])
    elif kind == "bce":
        loss = f.binary_cross_entropy_with_logits(xt, yt)
    elif kind == "huber":
        loss = f.huber_loss(xt, yt, delta=kw["delta"])
    else:
        loss = {"mse": f.mse_loss, "mae": f.l1_loss}[kind](xt, yt)
    loss.backward()
    return float(loss.detach()), xt.grad.numpy()


def compare(torch) -> tuple[list[str], int, float]:
    """The names of the cases that disagree, the number of cases, our total time."""
    bad, spent = [], 0.0
    all_cases = cases(np.random.default_rng(0))
    for name, kind, kw, x, y in all_cases:
        start = time.perf_counter()
        loss, grad = ours(kind, kw, x, y)
        spent += time.perf_counter() - start
        ref_loss, ref_grad = reference(torch, kind, kw, x, y)
        finite = np.isfinite(loss) and np.all(np.isfinite(grad))
        same = np.isclose(loss, ref_loss, rtol=RTOL, atol=ATOL) and np.allclose(
            grad, ref_grad, rtol=RTOL, atol=ATOL
        )
        if not (finite and same):
            bad.append(f"{name}: loss {loss!r} vs {ref_loss!r}")
    return bad, len(all_cases), spent


def run(repeats: int) -> list[Row]:
    torch = torch_or_none()
    if torch is None:
        return [Row(NAME, 0.0, ok=False, notes=("torch is not installed: nothing was compared",))]
    bad, n, spent = compare(torch)
    notes = (f"{n} cases, float64 both sides, rtol {RTOL:g}", *bad[:5])
    return [Row(NAME, spent, ok=not bad, notes=notes)]
