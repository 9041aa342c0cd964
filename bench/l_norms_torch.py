"""The engine's LayerNorm, GroupNorm and RMSNorm against PyTorch's ``layer_norm``,
``group_norm`` and ``rms_norm``: output and the gradients of input, γ and β (float64 on both
sides), for batches of 1, 2 and 16 rows of 12 features at scales 1 and 1e3, GroupNorm with 1, 3,
4 and 6 groups. The row fails when any number differs by more than 1e-10 relative (1e-12
absolute), or when a value is not finite.

Needs torch (requirements-bench.txt); without it the row says so and fails, so a missing
reference is never mistaken for agreement. The time is that of our side (information only).
"""

from __future__ import annotations

import time

import numpy as np

from bench.common import Row, torch_or_none
from qa_core.engine.layers import GroupNorm, LayerNorm, RMSNorm

NAME = "LayerNorm / GroupNorm / RMSNorm vs torch (output and gradients)"
RTOL, ATOL = 1e-10, 1e-12
N = 12


def layers() -> list[tuple[str, object]]:
    out: list[tuple[str, object]] = [("layer_norm", LayerNorm(N)), ("rms_norm", RMSNorm(N))]
    out += [(f"group_norm G={g}", GroupNorm(N, g)) for g in (1, 3, 4, 6)]
    return out


def ours(layer, x: np.ndarray, dy: np.ndarray) -> list[np.ndarray]:
    y = layer.forward(x, training=True)
    dx = layer.backward(dy)
    return [y, dx, *(layer.grads[k].copy() for k in ("gamma", "beta") if k in layer.grads)]


def reference(torch, name: str, layer, x: np.ndarray, dy: np.ndarray) -> list[np.ndarray]:
    f = torch.nn.functional
    xt = torch.tensor(x, requires_grad=True)
    gamma = torch.tensor(layer.params["gamma"], requires_grad=True)
    beta = (
        torch.tensor(layer.params["beta"], requires_grad=True) if "beta" in layer.params else None
    )
    if name == "layer_norm":
        y = f.layer_norm(xt, (N,), gamma, beta, eps=layer.eps)
    elif name == "rms_norm":
        y = f.rms_norm(xt, (N,), gamma, eps=layer.eps)
    else:
        y = f.group_norm(xt, layer.groups, gamma, beta, eps=layer.eps)
    y.backward(torch.tensor(dy))
    grads = [gamma.grad.numpy()] + ([beta.grad.numpy()] if beta is not None else [])
    return [y.detach().numpy(), xt.grad.numpy(), *grads]


def compare(torch) -> tuple[list[str], int, float]:
    """The names of the cases that disagree, the number of cases, our total time."""
    rng = np.random.default_rng(0)
    bad, spent, n = [], 0.0, 0
    for name, layer in layers():
        for value in layer.params.values():
            value[...] = rng.standard_normal(value.shape) + 1.0
        for batch in (1, 2, 16):
            for scale in (1.0, 1e3):
                x = scale * rng.standard_normal((batch, N)) + scale
                dy = rng.standard_normal((batch, N))
                start = time.perf_counter()
                got = ours(layer, x, dy)
                spent += time.perf_counter() - start
                want = reference(torch, name, layer, x, dy)
                n += 1
                finite = all(np.all(np.isfinite(a)) for a in got)
                same = all(
                    np.allclose(a, b, rtol=RTOL, atol=ATOL) for a, b in zip(got, want, strict=True)
                )
                if not (finite and same):
                    worst = max(
                        float(np.max(np.abs(a - b))) for a, b in zip(got, want, strict=True)
                    )
                    bad.append(f"{name} m={batch} scale={scale:g}: max |diff| {worst:.3g}")
    return bad, n, spent


def run(repeats: int) -> list[Row]:
    torch = torch_or_none()
    if torch is None:
        return [Row(NAME, 0.0, ok=False, notes=("torch is not installed: nothing was compared",))]
    bad, n, spent = compare(torch)
    notes = (f"{n} cases, float64 both sides, rtol {RTOL:g}", *bad[:5])
    return [Row(NAME, spent, ok=not bad, notes=notes)]
