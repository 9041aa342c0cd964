"""What the residual lab's experiments share: the activations they offer, the initialisation
matched to each, the progress callback, and one training configuration per depth."""

from __future__ import annotations

from collections.abc import Callable

from qa_core.engine import checks
from qa_core.engine.config import TrainConfig

Progress = Callable[[float], None]
ACTIVATIONS = ("sigmoid", "tanh", "relu")
MAX_DEPTH = 50
#: Xavier for the saturating ones (Glorot & Bengio 2010), He for ReLU (He et al. 2015).
MATCHED_INIT = {"sigmoid": "xavier", "tanh": "xavier", "relu": "he"}


def check_activation(activation: str) -> str:
    return checks.choice("activation", activation, ACTIVATIONS)


def deep_config(
    depth: int,
    residual: bool,
    activation: str = "relu",
    width: int = 16,
    epochs: int = 20,
    seed: int = 0,
    **extra: object,
) -> TrainConfig:
    """``depth`` hidden layers of ``width`` units on the "spiral" data (400 points, 300 for
    training), the init matched to the activation, Adam with lr 0.01, batches of 64."""
    checks.integer("depth", depth, 1, MAX_DEPTH)
    check_activation(activation)
    fields = {
        "dataset": "spiral",
        "n_samples": 400,
        "noise": 0.1,
        "test_fraction": 0.25,
        "hidden": (width,) * depth,
        "activation": activation,
        "init": MATCHED_INIT[activation],
        "optimizer": "adam",
        "lr": 0.01,
        "batch_size": 64,
        "epochs": epochs,
        "seed": seed,
        "residual": residual,
        **extra,
    }
    return TrainConfig(**fields)
