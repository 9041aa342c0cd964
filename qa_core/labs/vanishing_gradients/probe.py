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

``layer_grad_norms`` compares depths on NESTED networks: the depth-d network is the first d
hidden layers of one deep stack (same input, labels and read-out). Each is still an i.i.d.
draw of its own architecture, and the forward pass is shared; the backward passes of all
depths run together as one stacked matrix product per layer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from qa_core.engine import activations, checks, losses
from qa_core.engine.layers import INITS, init_weights

MAX_ELEMENTS = 2**25  # stored activations (depth·batch·width) and stacked deltas
N_CLASSES = 10  # the read-out's width
#: Init choices of the page: "matched" picks per activation (see ``matched_init``).
INIT_CHOICES: tuple[str, ...] = ("matched", "he", "xavier", "xavier_uniform", "lecun", "normal")


@dataclass(frozen=True)
class Probe:
    """One probe network's settings (see the module doc): ``depth`` layers of ``width`` units
    with ``activation``, weights drawn by ``init`` ("matched": see ``matched_init``; "normal":
    N(0, std²)) times ``weight_scale``, on a batch of ``batch`` inputs x ~ N(0, input_scale²),
    everything drawn from ``seed``. Checked where it is used (``layer_grad_norms``)."""

    activation: str
    depth: int
    init: str = "matched"
    width: int = 256
    batch: int = 256
    std: float = 1.0
    weight_scale: float = 1.0
    input_scale: float = 1.0
    seed: int = 0


def matched_init(activation: str) -> str:
    """The init made for the activation: Xavier for sigmoid/tanh (Glorot & Bengio 2010),
    LeCun normal for SELU (Klambauer et al. 2017: its fixed point mean 0 / variance 1 assumes
    Var[W] = 1/n_in), He for the ReLU family and the other non-saturating ones (He et al.
    2015)."""
    if activation not in activations.names():
        raise ValueError(
            f"activation must be one of {', '.join(activations.names())}; got {activation!r}"
        )
    if activation == "selu":
        return "lecun"
    return "xavier" if activation in ("sigmoid", "tanh") else "he"


def resolve_init(activation: str, init: str) -> str:
    """``init`` itself, or the matched one for ``init == "matched"``."""
    if init == "matched":
        return matched_init(activation)
    if init not in INITS:
        raise ValueError(f"init must be one of {', '.join(INIT_CHOICES)}; got {init!r}")
    return init


def check(
    probe: Probe, depths: Sequence[int] | None = None, n_classes: int = N_CLASSES
) -> list[int]:
    """Every setting of ``probe`` (and the nested ``depths``, default its own depth) checked:
    ValueError naming the first bad one. Returns the depths, deepest first."""
    resolve_init(probe.activation, probe.init)
    depths = sorted({int(d) for d in ((probe.depth,) if depths is None else depths)}, reverse=True)
    if not depths:
        raise ValueError("depths must contain at least one depth")
    for d in depths:
        checks.integer("depth", d, 1, 100)
    width, batch = probe.width, probe.batch
    checks.integer("width", width, 1, 1024)
    checks.integer("batch", batch, 2, 1024)
    checks.integer("n_classes", n_classes, 2, 100)
    checks.real("std", probe.std, 1e-12, 100.0)
    checks.real("weight_scale", probe.weight_scale, 0.0, 100.0)
    checks.real("input_scale", probe.input_scale, 0.0, 1e3)
    activations.get(probe.activation)
    if max(depths[0], len(depths)) * batch * width > MAX_ELEMENTS:
        raise ValueError(
            f"depth·batch·width must be <= {MAX_ELEMENTS}, got {depths[0]}·{batch}·{width}"
        )
    return depths


def draw(
    probe: Probe, depth: int, n_classes: int = N_CLASSES
) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[np.ndarray]]:
    """The probe's random draws from its seed, in this order: the input batch x, the labels,
    the read-out's weights and ``depth`` hidden weight matrices (a shallower probe's are the
    first of a deeper one's: nested networks share them)."""
    init = resolve_init(probe.activation, probe.init)
    width, std = probe.width, probe.std
    rng = np.random.default_rng(probe.seed)
    x = probe.input_scale * rng.standard_normal((probe.batch, width))
    labels = rng.integers(0, n_classes, probe.batch)
    readout = init_weights(width, n_classes, init, rng, std=std)
    weights = [
        init_weights(width, width, init, rng, std=std, scale=probe.weight_scale)
        for _ in range(depth)
    ]
    return x, labels, readout, weights


def layer_grad_norms(
    probe: Probe,
    depths: Sequence[int] | None = None,
    n_classes: int = N_CLASSES,
    all_layers: bool = True,
) -> tuple[dict[int, np.ndarray], dict[str, list[np.ndarray]]]:
    """‖∂L/∂W_k‖_F for k = 1..d of the nested depth-d network, for every d in ``depths``
    (default: the probe's own depth alone).

    Returns ({d: norms (d,)}, forward) where forward holds per-layer "z" and "h" arrays of the
    deepest network. With ``all_layers=False`` only layer 1 is computed (norms has shape (1,)).
    """
    depths = check(probe, depths, n_classes)
    deepest, width, batch = depths[0], probe.width, probe.batch
    fn = activations.get(probe.activation)
    x, labels, readout, weights = draw(probe, deepest, n_classes)

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


def gradient_profile(probe: Probe) -> pd.DataFrame:
    """One forward + backward pass of a fresh probe network.

    One row per hidden layer (layer = 1 is next to the input): grad_norm = ‖∂L/∂W_k‖_F,
    preact_mean/preact_std of z_k, act_mean/act_std of f(z_k), deriv_mean = mean f′(z_k),
    dead = fraction of units with f(z_k) = 0 on the whole batch.
    """
    norms, fwd = layer_grad_norms(probe)
    fn = activations.get(probe.activation)
    zs, hs = fwd["z"], fwd["h"]
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):
        return pd.DataFrame(
            {
                "layer": np.arange(1, probe.depth + 1),
                "grad_norm": norms[probe.depth],
                "preact_mean": [float(z.mean()) for z in zs],
                "preact_std": [float(z.std()) for z in zs],
                "act_mean": [float(h.mean()) for h in hs],
                "act_std": [float(h.std()) for h in hs],
                "deriv_mean": [float(fn.derivative(z).mean()) for z in zs],
                "dead": [float(np.mean(~np.any(h != 0, axis=0))) for h in hs],
            }
        )
