"""The engine's optimisers against ``torch.optim``, step for step (float64 on both sides):
every optimiser of ``optim.OPTIMIZERS`` at its defaults and with non-default keywords
(momentum, betas, eps, alpha, weight decay), 50 steps on random gradients spanning six orders
of magnitude, the learning rate cut to a tenth after step 25 (the state must survive it).
The row fails when any parameter differs by more than 1e-12 relative (1e-15 absolute) after
any step, or when a value is not finite.

Needs torch (requirements-bench.txt); without it the row says so and fails, so a missing
reference is never mistaken for agreement. The time is that of our side (information only).
"""

from __future__ import annotations

import time

import numpy as np

from bench.common import Row, torch_or_none
from qa_core.engine import optim

NAME = "optimisers vs torch.optim (50 steps each)"
RTOL, ATOL = 1e-12, 1e-15
STEPS, LR_CUT_AT = 50, 25

CASES: tuple[tuple[str, dict], ...] = (
    ("sgd", {}),
    ("sgd", {"momentum": 0.5, "weight_decay": 0.1}),
    ("momentum", {}),
    ("momentum", {"momentum": 0.7, "weight_decay": 0.05}),
    ("nesterov", {}),
    ("nesterov", {"momentum": 0.95, "weight_decay": 0.2}),
    ("adagrad", {}),
    ("adagrad", {"eps": 1e-4, "weight_decay": 0.1}),
    ("rmsprop", {}),
    ("rmsprop", {"alpha": 0.9, "eps": 1e-6, "momentum": 0.8, "weight_decay": 0.1}),
    ("adam", {}),
    ("adam", {"beta1": 0.5, "beta2": 0.9, "eps": 1e-4, "weight_decay": 0.3}),
    ("adamw", {}),
    ("adamw", {"beta1": 0.8, "beta2": 0.99, "weight_decay": 0.5}),
)


def torch_optimizer(torch, name: str, params: list, lr: float, hyper: dict):
    """The torch.optim object with the same rule and keywords as ``optim.make(name, ...)``."""
    h = {**optim.DEFAULTS[name], **hyper}
    wd = h["weight_decay"]
    if name in ("sgd", "momentum", "nesterov"):
        return torch.optim.SGD(
            params, lr=lr, momentum=h["momentum"], weight_decay=wd, nesterov=name == "nesterov"
        )
    if name == "adagrad":
        return torch.optim.Adagrad(params, lr=lr, eps=h["eps"], weight_decay=wd)
    if name == "rmsprop":
        return torch.optim.RMSprop(
            params, lr=lr, alpha=h["alpha"], eps=h["eps"], momentum=h["momentum"], weight_decay=wd
        )
    cls = torch.optim.AdamW if name == "adamw" else torch.optim.Adam
    return cls(params, lr=lr, betas=(h["beta1"], h["beta2"]), eps=h["eps"], weight_decay=wd)


def compare_one(torch, name: str, hyper: dict, seed: int) -> tuple[str | None, float]:
    """None when every step agrees (else what differed first), and our time."""
    rng = np.random.default_rng(seed)
    shapes = [(7, 5), (5,)]
    ours = [rng.standard_normal(s) for s in shapes]
    theirs = [torch.tensor(w.copy(), dtype=torch.float64, requires_grad=True) for w in ours]
    lr = 0.01
    opt = optim.make(name, lr, **hyper)
    ref = torch_optimizer(torch, name, theirs, lr, hyper)
    spent = 0.0
    for step in range(1, STEPS + 1):
        grads = [rng.standard_normal(s) * 10.0 ** rng.uniform(-3, 3) for s in shapes]
        if step == LR_CUT_AT + 1:
            opt.lr = lr / 10
            for group in ref.param_groups:
                group["lr"] = lr / 10
        start = time.perf_counter()
        opt.step(ours, [g.copy() for g in grads])
        spent += time.perf_counter() - start
        for p, g in zip(theirs, grads, strict=True):
            p.grad = torch.tensor(g, dtype=torch.float64)
        ref.step()
        for a, b in zip(ours, theirs, strict=True):
            b = b.detach().numpy()
            if not (np.all(np.isfinite(a)) and np.allclose(a, b, rtol=RTOL, atol=ATOL)):
                worst = float(np.max(np.abs(a - b) / np.maximum(np.abs(b), ATOL)))
                return f"{name} {hyper}: step {step}, relative difference {worst:.2e}", spent
    return None, spent


def run(repeats: int) -> list[Row]:
    torch = torch_or_none()
    if torch is None:
        return [Row(NAME, 0.0, ok=False, notes=("torch is not installed: nothing was compared",))]
    bad, spent = [], 0.0
    for i, (name, hyper) in enumerate(CASES):
        problem, t = compare_one(torch, name, hyper, seed=i)
        spent += t
        if problem:
            bad.append(problem)
    notes = (f"{len(CASES)} cases × {STEPS} steps, float64, rtol {RTOL:g}", *bad[:5])
    return [Row(NAME, spent, ok=not bad, notes=notes)]
