"""Page probe — vanishing gradients: ``gradient_profile`` at depth 50, width 256, batch 256 for
four activations (sigmoid/Xavier, tanh/Xavier, relu/He, gelu/He). Target: well under 2 s."""

from __future__ import annotations

from bench.common import Row, alternate
from qa_core.labs.vanishing_gradients.probe import depth_sweep, gradient_profile

NAME = "gradient_profile D=50, 4 activations"
CASES = (("sigmoid", "xavier"), ("tanh", "xavier"), ("relu", "he"), ("gelu", "he"))


def profiles() -> None:
    for activation, init in CASES:
        gradient_profile(depth=50, width=256, batch=256, activation=activation, init=init)


def sweeps() -> None:
    for activation, init in CASES:
        depth_sweep(width=256, batch=256, activation=activation, init=init)


def run(repeats: int) -> list[Row]:
    med, _ = alternate({"profiles": profiles, "sweeps": sweeps}, repeats)
    return [
        Row(NAME, med["profiles"], limit_s=2.0),
        Row("depth_sweep default depths, 4 activations", med["sweeps"], limit_s=2.0,
            notes=("depths (1, 2, 3, 5, 10, 20, 30, 50), width 256, batch 256",)),
    ]  # fmt: skip
