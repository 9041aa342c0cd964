"""The probe network trained for k steps: does the first layer's gradient recover?"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from qa_core.engine import checks, optim
from qa_core.engine.layers import Activation, Dense
from qa_core.engine.network import Network
from qa_core.labs.vanishing_gradients.probe import N_CLASSES, Probe, check, draw
from qa_core.labs.vanishing_gradients.sweeps import norm_frame

Progress = Callable[[float], None]

# -- after k training steps ---------------------------------------------------------------


@dataclass(frozen=True)
class TrainedProfile:
    """Per-layer gradient norms after ``steps`` SGD steps on the probe's own batch."""

    norms: pd.DataFrame  # layer, grad_norm, status (measured after the last step)
    losses: np.ndarray  # the loss before each step and after the last (steps + 1 values)
    diverged_at: int | None  # the step whose loss was no longer finite, if any


def probe_network(probe: Probe) -> tuple[Network, np.ndarray, np.ndarray]:
    """The probe of ``layer_grad_norms`` as an engine ``Network`` (the same draws), with its
    input batch and labels."""
    check(probe)
    x, labels, readout, weights = draw(probe, probe.depth)
    width = probe.width
    layers = []
    for w in weights:
        dense = Dense(width, width, init="zeros")
        dense.params["W"][:] = w
        layers += [dense, Activation(probe.activation)]
    head = Dense(width, N_CLASSES, init="zeros")
    head.params["W"][:] = readout
    return Network([*layers, head]), x, labels


def trained_profile(
    probe: Probe, steps: int = 10, lr: float = 0.1, progress: Progress | None = None
) -> TrainedProfile:
    """Train the probe for ``steps`` full-batch SGD steps (w ← w − lr·∂L/∂w, biases too) on its
    own batch and random labels, then measure ‖∂L/∂W_l‖_F per layer. ``steps = 0`` gives the
    fresh network's profile. Stops early (``diverged_at``) once the loss is not finite."""
    checks.integer("steps", steps, 0, 500)
    opt = optim.make("sgd", lr)
    net, x, labels = probe_network(probe)
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
