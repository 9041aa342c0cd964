"""Page probe — decision boundary: predict_proba on a 200×200 grid with a 2×64 BN+dropout net
(the playground redraws this every epoch). Target: well under 50 ms. No reference."""

from __future__ import annotations

import numpy as np

from bench.common import Row, alternate
from qa_core.engine.network import build_mlp

NAME = "decision grid 200×200, 2×64 net"


def run(repeats: int) -> list[Row]:
    net = build_mlp(2, (64, 64), 2, batch_norm=True, dropout=0.2, rng=np.random.default_rng(0))
    axis = np.linspace(-6, 6, 200)
    grid = np.column_stack([g.ravel() for g in np.meshgrid(axis, axis)])
    med, _ = alternate({"ours": lambda: net.predict_proba(grid)}, max(repeats, 10))
    return [Row(NAME, med["ours"], limit_s=0.05, notes=("median of ≥ 10 calls",))]
