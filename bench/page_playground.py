"""Page probe — playground (issue #10): "playground step + redraw" is what one redraw of the
default network costs on the engine side: one epoch of training (2 hidden layers × 4 tanh
units, 250 training points, batch 10, SGD) plus the 100×100 output grid and every unit's
100×100 map (LiveRun.snapshot). Target: ≤ 0.1 s. Playing steps several epochs per redraw,
so ≥ 10 epochs/s needs this well under the limit; the two halves are reported as notes."""

from __future__ import annotations

from bench.common import Row, alternate, blas_threads
from qa_core.labs.playground import DEFAULT
from qa_core.labs.playground.session import GRID_N, LiveRun

NAME = "playground step + redraw"


def run(repeats: int) -> list[Row]:
    live = LiveRun(DEFAULT)
    live.step(5)  # past the first epoch's warm-up

    def step_and_redraw() -> int:
        live.step(1)
        live.snapshot(GRID_N)
        return live.epoch

    with blas_threads(1) as threads:
        med, _ = alternate(
            {
                "both": step_and_redraw,
                "step": lambda: live.step(1),
                "snapshot": lambda: live.snapshot(GRID_N),
            },
            max(repeats, 20),
        )
    notes = (
        f"one epoch {med['step'] * 1e3:.1f} ms, snapshot {med['snapshot'] * 1e3:.1f} ms "
        f"({GRID_N}×{GRID_N}, 2 inputs + 8 hidden units + output)",
        f"median of ≥ 20 calls; {threads}",
    )
    return [Row(NAME, med["both"], limit_s=0.1, notes=notes)]
