"""Skip connections and the orthogonal initialisation against PyTorch (float64 on both sides).

- A residual MLP from ``build_mlp(residual=True)`` (pre-activation blocks, with and without
  batch norm, tanh and ReLU) is rebuilt from the same weights in torch's functional ops; the
  loss, ∂L/∂input and every parameter's gradient must agree to 1e-10 relative (1e-12
  absolute). This checks ``layers.Residual``'s backward (I + ∂F/∂x) inside a whole network.
- ``torch.nn.init.orthogonal_`` on (out, in) shapes, seeded, against ``inits.haar_q`` applied
  the way torch applies it to the same Gaussian draw: the same matrix.

Needs torch (requirements-bench.txt); without it the row says so and fails, so a missing
reference is never mistaken for agreement. The time is that of our side (information only).
"""

from __future__ import annotations

import time

import numpy as np

from bench.common import Row, torch_or_none
from qa_core.engine.inits import haar_q
from qa_core.engine.layers import Activation, BatchNorm, Dense, Residual
from qa_core.engine.network import build_mlp

NAME = "residual MLP and orthogonal init vs torch"
RTOL, ATOL = 1e-10, 1e-12


def torch_forward(torch, layers, h, tensors):
    """Our layers as torch ops on ``h``; each parameter's tensor is kept in ``tensors``."""
    f = torch.nn.functional
    for layer in layers:
        if isinstance(layer, Residual):
            h = h + torch_forward(torch, layer.layers, h, tensors)
            continue
        ps = {}
        for key, value in layer.params.items():
            ps[key] = torch.tensor(value, dtype=torch.float64, requires_grad=True)
            tensors.append((layer, key, ps[key]))
        if isinstance(layer, Dense):
            h = h @ ps["W"] + ps["b"]
        elif isinstance(layer, BatchNorm):
            h = f.batch_norm(h, None, None, ps["gamma"], ps["beta"], training=True, eps=layer.eps)
        elif isinstance(layer, Activation):
            h = {"tanh": torch.tanh, "relu": torch.relu}[layer.name](h)
    return h


def network_cases(torch) -> list[str]:
    """The disagreements, one line each, over the residual networks compared."""
    bad = []
    for activation in ("tanh", "relu"):
        for batch_norm in (False, True):
            rng = np.random.default_rng(0)
            net = build_mlp(
                4, (16,) * 9, 3, activation=activation, batch_norm=batch_norm, residual=True,
                rng=rng,
            )  # fmt: skip
            x, y = rng.standard_normal((32, 4)), rng.integers(0, 3, 32)
            loss, dout = net.loss(net.forward(x, training=True), y)
            dx = net.backward(dout)
            xt = torch.tensor(x, requires_grad=True)
            tensors: list = []
            ref = torch.nn.functional.cross_entropy(
                torch_forward(torch, net.layers, xt, tensors), torch.tensor(y)
            )
            ref.backward()
            pairs = [(loss, float(ref.detach())), (dx, xt.grad.numpy())]
            pairs += [(layer.grads[key], t.grad.numpy()) for layer, key, t in tensors]
            wrong = sum(not np.allclose(a, b, rtol=RTOL, atol=ATOL) for a, b in pairs)
            if wrong:
                bad.append(f"{activation} bn={batch_norm}: {wrong} of {len(pairs)} differ")
    return bad


def orthogonal_cases(torch) -> list[str]:
    bad = []
    for out, inp in ((8, 8), (5, 12), (12, 5)):
        torch.manual_seed(3)
        w = torch.nn.init.orthogonal_(torch.empty(out, inp, dtype=torch.float64)).numpy()
        torch.manual_seed(3)
        a = torch.empty(out, inp, dtype=torch.float64).normal_(0, 1).numpy()
        ours = haar_q(a.T).T if out < inp else haar_q(a)  # torch: transpose when rows < cols
        if not np.allclose(w, ours, rtol=RTOL, atol=ATOL):
            bad.append(f"orthogonal ({out}, {inp}) differs by {np.abs(w - ours).max():.2g}")
    return bad


def run(repeats: int) -> list[Row]:
    torch = torch_or_none()
    if torch is None:
        return [Row(NAME, 0.0, ok=False, notes=("torch is not installed: nothing was compared",))]
    start = time.perf_counter()
    bad = network_cases(torch) + orthogonal_cases(torch)
    spent = time.perf_counter() - start
    notes = ("4 residual nets (9 hidden layers, 4 blocks), 3 orthogonal shapes", *bad[:5])
    return [Row(NAME, spent, ok=not bad, notes=notes)]
