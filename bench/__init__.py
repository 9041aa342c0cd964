"""Benchmarks: ``python -m bench`` prints a table of timings and ratios (ours / PyTorch).

Each entry is a module listed in ``ENTRIES`` with ``NAME: str`` and
``run(repeats: int) -> list[Row]`` (see ``bench.common``). To add a page experiment, write
such a module and append its import path to ``ENTRIES``.
"""

ENTRIES: tuple[str, ...] = (
    "bench.w1_training",
    "bench.w2_depth_sweep",
    "bench.p_grid",
    "bench.p_gradient_profiles",
)
