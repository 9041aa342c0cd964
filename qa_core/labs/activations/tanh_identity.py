"""tanh as a scaled, shifted sigmoid: the identity the explorer overlays."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from qa_core.engine import activations


@dataclass(frozen=True)
class TanhIdentity:
    z: np.ndarray
    tanh: np.ndarray
    via_sigmoid: np.ndarray  # 2σ(2z) − 1
    sigmoid: np.ndarray
    shifted_sigmoid: np.ndarray  # σ(z) − ½: what a mere shift would give
    max_gap: float  # max |tanh − (2σ(2z) − 1)|: rounding only


def tanh_from_sigmoid(z: np.ndarray) -> TanhIdentity:
    """tanh(z) = 2σ(2z) − 1: scale the input by 2, the output by 2, then shift by −1."""
    sigmoid = activations.get("sigmoid")
    direct = np.tanh(z)
    via_sigmoid = 2.0 * sigmoid.forward(2.0 * z) - 1.0
    s = sigmoid.forward(z)
    gap = float(np.max(np.abs(direct - via_sigmoid)))
    return TanhIdentity(z, direct, via_sigmoid, s, s - 0.5, gap)
