"""Benchmarks: ``python -m bench`` prints a table of timings and ratios (ours / PyTorch).

Each entry is a module with ``NAME: str`` and ``run(repeats: int) -> list[Row]`` (see
``bench.common``). The engine's entries are listed in ``CORE_ENTRIES``; every page's entry is a
``bench/page_<topic>.py`` module, found automatically, so adding a page needs no edit here.
"""

import pkgutil
from pathlib import Path

CORE_ENTRIES: tuple[str, ...] = (
    "bench.w1_training",
    "bench.w2_depth_sweep",
    "bench.p_grid",
    "bench.p_gradient_profiles",
    "bench.l_losses_torch",
    "bench.l_norms_torch",
    "bench.l_optim_torch",
    "bench.l_residual_torch",
)

PAGE_ENTRIES: tuple[str, ...] = tuple(
    f"bench.{info.name}"
    for info in sorted(pkgutil.iter_modules([str(Path(__file__).parent)]), key=lambda i: i.name)
    if info.name.startswith("page_")
)

# Real servers: Chromium's first render, redraw, memory and load; the classroom's capacity
# with simulated students (the slowest entries, last).
BROWSER_ENTRIES: tuple[str, ...] = (
    "bench.browser_pages",
    "bench.browser_phone",
    "bench.browser_sessions",
    "bench.classroom",
)

ENTRIES: tuple[str, ...] = CORE_ENTRIES + PAGE_ENTRIES + BROWSER_ENTRIES
