"""Optimisers racing on a 2-D surface from the same start: the SGD family with learning rate
``lr``, the adaptive optimisers (``ADAPTIVE``) with ``adaptive_lr`` (by default the same). The
two differ because an adaptive step is about lr per coordinate whatever the gradient's size,
while an SGD step is lr times the gradient.

Each optimiser is ``optim.make(name, lr)`` at PyTorch's defaults, except ``momentum`` μ of
"momentum" and "nesterov" (0.9 by default) and AdamW's weight decay is set to 0 here, since a surface has no weights to
regularise, so AdamW runs as Adam). ``noise`` σ adds N(0, σ²) to each gradient component,
drawn from one seeded stream per optimiser (the same draws for all): a stand-in for the noise
of a mini-batch gradient. A path stops when it leaves ``ESCAPE`` times its window or turns
non-finite (it diverged).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from qa_core.engine import checks, optim
from qa_core.labs.optimizers.surfaces import surface

ESCAPE = 10.0  # a path that leaves 10× its window has diverged
MAX_STEPS = 1000
ADAPTIVE = ("adagrad", "rmsprop", "adam", "adamw")


@dataclass(frozen=True)
class Race:
    """``paths``: one row per optimiser and step (optimizer, step, x, y, loss), step 0 the
    start; ``diverged``: the step at which each diverged optimiser stopped."""

    paths: pd.DataFrame
    diverged: dict[str, int]

    def final(self) -> pd.DataFrame:
        """Each optimiser's last row."""
        return self.paths.groupby("optimizer", sort=False).tail(1).reset_index(drop=True)


def race(
    surface_name: str,
    names: tuple[str, ...],
    lr: float,
    steps: int,
    *,
    adaptive_lr: float | None = None,
    momentum: float = 0.9,
    noise: float = 0.0,
    start: tuple[float, float] | None = None,
    seed: int = 0,
) -> Race:
    """Run each optimiser in ``names`` for ``steps`` steps on the surface."""
    s = surface(surface_name)
    if not names:
        raise ValueError("optimizers must name at least one of " + ", ".join(optim.OPTIMIZERS))
    for name in names:
        checks.choice("optimizer", name, optim.OPTIMIZERS)
    checks.real("lr", lr, 0.0, 10.0, low_open=True)
    adaptive_lr = lr if adaptive_lr is None else adaptive_lr
    checks.real("adaptive_lr", adaptive_lr, 0.0, 10.0, low_open=True)
    steps = checks.integer("steps", steps, 1, MAX_STEPS)
    checks.real("momentum", momentum, 0.0, 1.0, high_open=True)
    checks.real("noise", noise, 0.0, 100.0)
    x0, y0 = s.start if start is None else start
    x_lo, x_hi, y_lo, y_hi = s.window
    reach = ESCAPE * max(x_hi - x_lo, y_hi - y_lo)
    frames, diverged = [], {}
    kicks = np.random.default_rng(seed).standard_normal((steps, 2)) * noise
    for name in names:
        rate = adaptive_lr if name in ADAPTIVE else lr
        hyper = {"weight_decay": 0.0} if name == "adamw" else {}
        if name in ("momentum", "nesterov"):
            hyper["momentum"] = momentum
        opt = optim.make(name, rate, **hyper)
        w = np.array([x0, y0], dtype=np.float64)
        path = np.full((steps + 1, 2), np.nan)
        path[0] = w
        last = steps
        with np.errstate(over="ignore", invalid="ignore"):
            for k in range(steps):
                gx, gy = s.grad(w[0], w[1])
                opt.step([w], [np.array([gx, gy]) + kicks[k]])
                if not np.all(np.isfinite(w)) or np.max(np.abs(w)) > reach:
                    last = k + 1
                    diverged[name] = last
                    break
                path[k + 1] = w
        path = path[: last + 1] if name not in diverged else path[:last]
        frames.append(
            pd.DataFrame(
                {
                    "optimizer": name,
                    "step": np.arange(len(path)),
                    "x": path[:, 0],
                    "y": path[:, 1],
                    "loss": s.f(path[:, 0], path[:, 1]),
                }
            )
        )
    return Race(pd.concat(frames, ignore_index=True), diverged)


__all__ = ["ADAPTIVE", "ESCAPE", "MAX_STEPS", "Race", "race"]
