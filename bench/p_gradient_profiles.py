"""Page probe — vanishing gradients: ``gradient_profile`` at depth 50, width 256, batch 256 for
four activations (sigmoid/Xavier, tanh/Xavier, relu/He, gelu/He). Target: well under 2 s."""

from __future__ import annotations

from bench.common import Row, alternate
from qa_core.labs.vanishing_gradients.probe import Probe, gradient_profile
from qa_core.labs.vanishing_gradients.sweeps import sweep

NAME = "gradient_profile D=50, 4 activations"
CASES = (("sigmoid", "xavier"), ("tanh", "xavier"), ("relu", "he"), ("gelu", "he"))
DEPTHS = (1, 2, 3, 5, 10, 20, 30, 50)


def profiles() -> None:
    for activation, init in CASES:
        gradient_profile(Probe(activation, 50, init, width=256, batch=256))


def sweeps() -> None:
    for activation, init in CASES:
        sweep(Probe(activation, 50, init, width=256, batch=256), DEPTHS)


def run(repeats: int) -> list[Row]:
    med, _ = alternate({"profiles": profiles, "sweeps": sweeps}, repeats)
    return [
        Row(NAME, med["profiles"], limit_s=2.0),
        Row("depth sweep, 8 depths, 4 activations", med["sweeps"], limit_s=2.0,
            notes=(f"depths {DEPTHS}, width 256, batch 256",)),
    ]  # fmt: skip
