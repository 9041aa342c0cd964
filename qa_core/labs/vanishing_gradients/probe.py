"""Gradient flow through deep, freshly initialised MLPs (the vanishing-gradient page).

The probe network: input x ~ N(0, input_scale²) of shape (batch, width); ``depth`` hidden
layers h_k = f(h_{k−1} W_k), W_k of shape (width, width) drawn by ``init`` and multiplied by
``weight_scale``, biases 0; a linear read-out to ``n_classes`` logits (standard ``init``, not
scaled). Loss: softmax cross-entropy against uniformly random labels, averaged over the batch —
a label-free stand-in for "some loss at the top" whose gradient at the logits has a fixed
size (≤ 1/batch per entry), so what reaches layer k measures the network, not the loss.

Backpropagation: δ_L = ∂L/∂h_L, then per layer ∂L/∂W_k = h_{k−1}ᵀ (δ_k ⊙ f′(z_k)) and
δ_{k−1} = (δ_k ⊙ f′(z_k)) W_kᵀ — so |gradient| picks up a factor f′·‖W‖ per layer (≤ 0.25^L
for sigmoid before weights).

``depth_sweep`` compares depths on NESTED networks: the depth-d network is the first d hidden
layers of one deep stack (same input, labels and read-out). Each is still an i.i.d. draw of
its own architecture, and the forward pass is shared; the backward passes of all depths run
together as one stacked matrix product per layer.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from qa_core.engine import activations, checks, losses
from qa_core.engine.layers import INITS, init_weights

MAX_ELEMENTS = 2**25  # stored activations (depth·batch·width) and stacked deltas


def layer_grad_norms(
    depths: Sequence[int],
    width: int = 256,
    activation: str = "sigmoid",
    init: str = "xavier",
    std: float = 0.01,
    weight_scale: float = 1.0,
    input_scale: float = 1.0,
    batch: int = 256,
    seed: int = 0,
    n_classes: int = 10,
    activation_params: dict[str, float] | None = None,
    all_layers: bool = True,
) -> tuple[dict[int, np.ndarray], dict[str, list[np.ndarray]]]:
    """‖∂L/∂W_k‖_F for k = 1..d of the nested depth-d network, for every d in ``depths``.

    Returns ({d: norms (d,)}, forward) where forward holds per-layer "z" and "h" arrays of the
    deepest network. With ``all_layers=False`` only layer 1 is computed (norms has shape (1,)).
    """
    depths = sorted({int(d) for d in depths}, reverse=True)
    if not depths:
        raise ValueError("depths must contain at least one depth")
    for d in depths:
        checks.integer("depth", d, 1, 100)
    checks.integer("width", width, 1, 1024)
    checks.integer("batch", batch, 2, 1024)
    checks.integer("n_classes", n_classes, 2, 100)
    if init not in INITS:
        raise ValueError(f"init must be one of {', '.join(INITS)}; got {init!r}")
    checks.real("std", std, 1e-12, 100.0)
    checks.real("weight_scale", weight_scale, 0.0, 100.0)
    checks.real("input_scale", input_scale, 0.0, 1e3)
    fn = activations.get(activation, **(activation_params or {}))
    deepest = depths[0]
    if max(deepest, len(depths)) * batch * width > MAX_ELEMENTS:
        raise ValueError(
            f"depth·batch·width must be <= {MAX_ELEMENTS}, got {deepest}·{batch}·{width}"
        )

    rng = np.random.default_rng(seed)
    x = input_scale * rng.standard_normal((batch, width))
    labels = rng.integers(0, n_classes, batch)
    readout = init_weights(width, n_classes, init, rng, std=std)
    weights = [
        init_weights(width, width, init, rng, std=std, scale=weight_scale) for _ in range(deepest)
    ]

    with np.errstate(over="ignore", under="ignore", invalid="ignore", divide="ignore"):
        hs, zs, fprimes = [x], [], []
        for w in weights:  # shared forward pass
            z = hs[-1] @ w
            zs.append(z)
            hs.append(fn.forward(z))
            fprimes.append(fn.derivative(z))

        n_depths = len(depths)
        buf = np.empty((n_depths, batch, width))
        nxt = np.empty_like(buf)
        norms = {d: np.zeros(d if all_layers else 1) for d in depths}
        active = 0
        for k in range(deepest, 0, -1):  # layer k (1-based), top to bottom
            while active < n_depths and depths[active] == k:  # depth k starts here
                _, g = losses.softmax_cross_entropy(hs[k] @ readout, labels)
                np.matmul(g, readout.T, out=buf[active])
                active += 1
            delta = buf[:active]
            delta *= fprimes[k - 1]  # δ ⊙ f′(z_k): ∂L/∂z_k for every active depth
            if all_layers or k == 1:
                gw = np.matmul(hs[k - 1].T, delta)  # (active, width, width)
                sq = np.einsum("nij,nij->n", gw, gw)
                for j in range(active):
                    norms[depths[j]][k - 1 if all_layers else 0] = np.sqrt(sq[j])
            if k > 1:
                flat = delta.reshape(-1, width)
                np.matmul(flat, weights[k - 1].T, out=nxt[:active].reshape(-1, width))
                buf, nxt = nxt, buf
    return norms, {"z": zs, "h": hs[1:]}


def gradient_profile(
    depth: int = 10,
    width: int = 256,
    activation: str = "sigmoid",
    init: str = "xavier",
    std: float = 0.01,
    weight_scale: float = 1.0,
    input_scale: float = 1.0,
    batch: int = 256,
    seed: int = 0,
    activation_params: dict[str, float] | None = None,
) -> pd.DataFrame:
    """One forward + backward pass of a fresh depth-``depth`` probe network.

    One row per hidden layer (layer = 1 is next to the input): grad_norm = ‖∂L/∂W_k‖_F,
    preact_mean/preact_std of z_k, act_mean/act_std of f(z_k), deriv_mean = mean f′(z_k),
    dead = fraction of units with f(z_k) = 0 on the whole batch.
    """
    norms, fwd = layer_grad_norms(
        [depth],
        width=width,
        activation=activation,
        init=init,
        std=std,
        weight_scale=weight_scale,
        input_scale=input_scale,
        batch=batch,
        seed=seed,
        activation_params=activation_params,
    )
    fn = activations.get(activation, **(activation_params or {}))
    zs, hs = fwd["z"], fwd["h"]
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):
        return pd.DataFrame(
            {
                "layer": np.arange(1, depth + 1),
                "grad_norm": norms[depth],
                "preact_mean": [float(z.mean()) for z in zs],
                "preact_std": [float(z.std()) for z in zs],
                "act_mean": [float(h.mean()) for h in hs],
                "act_std": [float(h.std()) for h in hs],
                "deriv_mean": [float(fn.derivative(z).mean()) for z in zs],
                "dead": [float(np.mean(~np.any(h != 0, axis=0))) for h in hs],
            }
        )


def depth_sweep(
    depths: Sequence[int] = (1, 2, 3, 5, 10, 20, 30, 50),
    width: int = 256,
    activation: str = "sigmoid",
    init: str = "xavier",
    std: float = 0.01,
    weight_scale: float = 1.0,
    input_scale: float = 1.0,
    batch: int = 256,
    seed: int = 0,
    activation_params: dict[str, float] | None = None,
) -> pd.DataFrame:
    """‖∂L/∂W_1‖_F (the layer next to the input) for each depth: columns depth, grad_norm_first.

    Nested networks (see module doc): the cost is one forward pass of the deepest network plus
    Σ_d d stacked backward steps.
    """
    norms, _ = layer_grad_norms(
        depths,
        width=width,
        activation=activation,
        init=init,
        std=std,
        weight_scale=weight_scale,
        input_scale=input_scale,
        batch=batch,
        seed=seed,
        activation_params=activation_params,
        all_layers=False,
    )
    ds = sorted(norms)
    return pd.DataFrame({"depth": ds, "grad_norm_first": [float(norms[d][0]) for d in ds]})


__all__ = ["depth_sweep", "gradient_profile", "layer_grad_norms"]
