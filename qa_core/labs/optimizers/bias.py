"""Adam with and without bias correction over its first steps (Kingma & Ba 2015, §3).

m and v start at 0, so early on they are shrunk towards 0: E[m_t] ≈ (1 − β1^t)·E[g] and
E[v_t] ≈ (1 − β2^t)·E[g²]. Dividing by those factors (m̂, v̂) undoes it. Without the
correction the step m/√v is off by (1 − β1^t)/√(1 − β2^t): 0.1/√0.001 ≈ 3.16 at t = 1 with the
default betas, about 6.5 at t = 10, still 4.5 at t = 50, because v (β2 = 0.999) forgets its zero
start far more slowly than m (β1 = 0.9). The steps are several times too large just when the
estimates are least reliable.

Both runs see the same stream of gradients g_t ~ N(mean, std²) on one weight (a slope that does
not depend on the weight, so the two runs stay comparable step for step).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from qa_core.engine import checks, optim

MAX_STEPS = 500


def bias_correction(
    beta1: float = 0.9,
    beta2: float = 0.999,
    steps: int = 50,
    grad_mean: float = 1.0,
    grad_std: float = 0.5,
    lr: float = 0.01,
    seed: int = 0,
) -> pd.DataFrame:
    """Per step t = 1…steps: the gradient, m and v (raw), m̂ and v̂, the step each run took in
    units of lr (``step_corrected``, ``step_raw``), the factor (1 − β1^t)/√(1 − β2^t) by which
    the raw step differs (``factor``) and the weight of each run."""
    checks.real("beta1", beta1, 0.0, 1.0, high_open=True)
    checks.real("beta2", beta2, 0.0, 1.0, high_open=True)
    steps = checks.integer("steps", steps, 1, MAX_STEPS)
    checks.real("grad_mean", grad_mean, -100.0, 100.0)
    checks.real("grad_std", grad_std, 0.0, 100.0)
    checks.real("lr", lr, 0.0, 10.0, low_open=True)
    if grad_mean == 0.0 and grad_std == 0.0:
        raise ValueError("grad_std must be > 0 when grad_mean is 0 (every gradient would be 0)")
    grads = grad_mean + grad_std * np.random.default_rng(seed).standard_normal(steps)
    runs = {
        flag: optim.make("adam", lr, beta1=beta1, beta2=beta2, bias_correction=flag)
        for flag in (True, False)
    }
    weights = {flag: np.zeros(1) for flag in runs}
    rows = []
    for t, g in enumerate(grads, start=1):
        moved = {}
        for flag, opt in runs.items():
            before = float(weights[flag][0])
            opt.step([weights[flag]], [np.array([g])])
            moved[flag] = (before - float(weights[flag][0])) / lr
        ((m, v),) = runs[True].moments()
        rows.append(
            {
                "step": t,
                "grad": float(g),
                "m": float(m[0]),
                "v": float(v[0]),
                "m_hat": float(m[0]) / (1 - beta1**t),
                "v_hat": float(v[0]) / (1 - beta2**t),
                "step_corrected": moved[True],
                "step_raw": moved[False],
                "factor": (1 - beta1**t) / np.sqrt(1 - beta2**t),
                "w_corrected": float(weights[True][0]),
                "w_raw": float(weights[False][0]),
            }
        )
    return pd.DataFrame(rows)


__all__ = ["MAX_STEPS", "bias_correction"]
