"""Pre-norm against post-norm residual stacks at initialisation (Xiong et al. 2020).

A stack of ``depth`` residual blocks of width ``width``; each block's branch is
F(h) = Dense → ReLU → Dense (He initialisation). Two placements of LayerNorm:
- post-norm (the original Transformer): x_{l+1} = LN(x_l + F(x_l));
- pre-norm: x_{l+1} = x_l + F(LN(x_l)), and one final LN before the read-out.
A random linear read-out and MSE against random targets give a loss; the result is each
block's gradient norm √(‖∂L/∂W₁‖² + ‖∂L/∂W₂‖²) at initialisation. In post-norm every
gradient passes through all the LayerNorms above it; in pre-norm the identity path carries it
past them untouched, so the blocks' gradient norms stay level with depth. Xiong et al. find
post-norm's gradients near the output large at initialisation, why it needs a learning-rate
warm-up, and that pre-norm trains without one.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from qa_core.engine import checks, losses
from qa_core.engine.layers import Activation, Dense, LayerNorm

PLACEMENTS: tuple[str, ...] = ("post", "pre")
MAX_DEPTH, MAX_WIDTH = 48, 64


class _Block:
    def __init__(self, width: int, rng: np.random.Generator) -> None:
        self.d1 = Dense(width, width, rng=rng)
        self.act = Activation("relu")
        self.d2 = Dense(width, width, rng=rng)
        self.ln = LayerNorm(width)

    def branch(self, h: np.ndarray) -> np.ndarray:
        return self.d2.forward(self.act.forward(self.d1.forward(h)))

    def branch_back(self, dy: np.ndarray) -> np.ndarray:
        return self.d1.backward(self.act.backward(self.d2.backward(dy)))

    def grad_norm(self) -> float:
        return float(np.sqrt(np.sum(self.d1.grads["W"] ** 2) + np.sum(self.d2.grads["W"] ** 2)))


class Stack:
    """``depth`` blocks with LayerNorm at ``placement``, a read-out and a fixed batch."""

    def __init__(self, placement: str, depth: int, width: int, seed: int) -> None:
        self.placement = checks.choice("placement", placement, PLACEMENTS)
        depth = checks.integer("depth", depth, 1, MAX_DEPTH)
        width = checks.integer("width", width, 2, MAX_WIDTH)
        rng = np.random.default_rng(checks.integer("seed", seed, 0, 2**32 - 1))
        self.x = rng.standard_normal((64, width))
        self.target = rng.standard_normal((64, 1))
        self.blocks = [_Block(width, rng) for _ in range(depth)]
        self.final, self.head = LayerNorm(width), Dense(width, 1, init="xavier", rng=rng)

    def loss(self) -> float:
        """Forward the batch; the MSE of the read-out (caches kept for ``backward``)."""
        x, pre = self.x, self.placement == "pre"
        for block in self.blocks:
            x = (
                x + block.branch(block.ln.forward(x))
                if pre
                else block.ln.forward(x + block.branch(x))
            )
        self._out = self.head.forward(self.final.forward(x) if pre else x)
        return losses.mse(self._out, self.target)[0]

    def backward(self) -> None:
        """Fill every layer's grads from the last ``loss``."""
        dx = self.head.backward(losses.mse(self._out, self.target)[1])
        pre = self.placement == "pre"
        if pre:
            dx = self.final.backward(dx)
        for block in reversed(self.blocks):
            if pre:
                dx = dx + block.ln.backward(block.branch_back(dx))
            else:
                ds = block.ln.backward(dx)
                dx = ds + block.branch_back(ds)


def gradient_norms(placement: str, depth: int = 12, width: int = 16, seed: int = 0) -> np.ndarray:
    """Each block's gradient norm at initialisation, from the input side to the output side."""
    stack = Stack(placement, depth, width, seed)
    stack.loss()
    stack.backward()
    return np.array([block.grad_norm() for block in stack.blocks])


def compare(depth: int = 12, width: int = 16, seed: int = 0) -> pd.DataFrame:
    """Both placements: one row per (placement, block) with ``grad_norm``."""
    rows = []
    for placement in PLACEMENTS:
        for i, g in enumerate(gradient_norms(placement, depth, width, seed), start=1):
            rows.append({"placement": placement, "block": i, "grad_norm": float(g)})
    return pd.DataFrame(rows)


__all__ = ["PLACEMENTS", "Stack", "compare", "gradient_norms"]
