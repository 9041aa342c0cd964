"""The probe network trained for k steps: does the first layer's gradient recover?"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from qa_core.engine import checks, optim
from qa_core.engine.layers import Activation, Dense, init_weights
from qa_core.engine.network import Network
from qa_core.labs.vanishing_gradients import probe
from qa_core.labs.vanishing_gradients.sweeps import N_CLASSES, Progress, norm_frame, probe_kwargs

# -- after k training steps ---------------------------------------------------------------


@dataclass(frozen=True)
class TrainedProfile:
    """Per-layer gradient norms after ``steps`` SGD steps on the probe's own batch."""

    norms: pd.DataFrame  # layer, grad_norm, status (measured after the last step)
    losses: np.ndarray  # the loss before each step and after the last (steps + 1 values)
    diverged_at: int | None  # the step whose loss was no longer finite, if any


def probe_network(
    activation: str,
    depth: int = 20,
    init: str = "matched",
    width: int = 256,
    batch: int = 256,
    std: float = 1.0,
    weight_scale: float = 1.0,
    input_scale: float = 1.0,
    seed: int = 0,
) -> tuple[Network, np.ndarray, np.ndarray]:
    """The probe of ``probe.layer_grad_norms`` as an engine ``Network`` (same draws from
    the same Generator, in the same order), with its input batch and labels."""
    kwargs = probe_kwargs(activation, init, width, batch, std, weight_scale, input_scale, seed)
    # A dry run of the engine's probe checks every argument with the engine's own messages
    # (it costs one forward and backward pass, a fraction of any training run).
    probe.layer_grad_norms([depth], **kwargs, all_layers=False)
    init = kwargs["init"]
    rng = np.random.default_rng(seed)
    x = input_scale * rng.standard_normal((batch, width))
    labels = rng.integers(0, N_CLASSES, batch)
    readout = init_weights(width, N_CLASSES, init, rng, std=std)
    layers = []
    for _ in range(depth):
        dense = Dense(width, width, init="zeros")
        dense.params["W"][:] = init_weights(width, width, init, rng, std=std, scale=weight_scale)
        layers += [dense, Activation(activation)]
    head = Dense(width, N_CLASSES, init="zeros")
    head.params["W"][:] = readout
    return Network([*layers, head]), x, labels


def trained_profile(
    activation: str,
    depth: int = 20,
    init: str = "matched",
    width: int = 256,
    batch: int = 256,
    std: float = 1.0,
    weight_scale: float = 1.0,
    input_scale: float = 1.0,
    seed: int = 0,
    steps: int = 10,
    lr: float = 0.1,
    progress: Progress | None = None,
) -> TrainedProfile:
    """Train the probe for ``steps`` full-batch SGD steps (w ← w − lr·∂L/∂w, biases too) on its
    own batch and random labels, then measure ‖∂L/∂W_l‖_F per layer. ``steps = 0`` gives the
    fresh network's profile. Stops early (``diverged_at``) once the loss is not finite."""
    checks.integer("steps", steps, 0, 500)
    opt = optim.make("sgd", lr)
    net, x, labels = probe_network(
        activation, depth, init, width, batch, std, weight_scale, input_scale, seed
    )
    losses: list[float] = []
    diverged_at: int | None = None
    with np.errstate(over="ignore", under="ignore", invalid="ignore", divide="ignore"):
        for step in range(steps + 1):
            loss, dout = net.loss(net.forward(x, training=True), labels)
            losses.append(float(loss))
            net.backward(dout, input_grad=False)
            if not np.isfinite(loss):
                diverged_at = step
                break
            if step < steps:
                opt.step([net.theta], [net.grad])
            if progress is not None:
                progress((step + 1) / (steps + 1))
        norms = net.grad_norms()[:-1]  # drop the read-out
    return TrainedProfile(norm_frame(norms), np.asarray(losses), diverged_at)
