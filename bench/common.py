"""What every benchmark entry shares: a result row, alternating timing, the table."""

from __future__ import annotations

import contextlib
import statistics
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from qa_core.engine.blas import openblas


@dataclass(frozen=True)
class Row:
    """One line of the table. ``ref_s`` is None when there is no reference (or no torch)."""

    name: str
    ours_s: float
    ref_s: float | None = None
    target: float | None = None  # the ratio ours/ref must not exceed this
    limit_s: float | None = None  # or: ours must take at most this long (no reference)
    notes: tuple[str, ...] = field(default_factory=tuple)
    unit: str = "s"  # of ours_s and limit_s ("MB" for memory rows)
    ok: bool | None = None  # a pass/fail check that is not a number against a limit

    @property
    def ratio(self) -> float | None:
        return None if self.ref_s is None else self.ours_s / self.ref_s

    @property
    def verdict(self) -> str:
        """ "yes"/"NO" against the target ratio or the time limit, "" when there is neither."""
        if self.ok is not None:
            return "yes" if self.ok else "NO"
        if self.target is not None and self.ratio is not None:
            return "yes" if self.ratio <= self.target else "NO"
        if self.limit_s is not None:
            return "yes" if self.ours_s <= self.limit_s else "NO"
        return ""


def alternate(
    fns: dict[str, Callable[[], object]], repeats: int
) -> tuple[dict[str, float], dict[str, object]]:
    """Run each function ``repeats`` times, interleaved (a, b, a, b, …) so that machine load
    hits all of them alike. Returns the median seconds and the last result of each."""
    times: dict[str, list[float]] = {k: [] for k in fns}
    last: dict[str, object] = {}
    for _ in range(repeats):
        for key, fn in fns.items():
            start = time.perf_counter()
            last[key] = fn()
            times[key].append(time.perf_counter() - start)
    return {k: statistics.median(v) for k, v in times.items()}, last


@contextlib.contextmanager
def blas_threads(n: int, torch=None) -> Iterator[str]:
    """Run NumPy's BLAS (and torch, if given) with ``n`` threads, so that both sides of a
    comparison use the same number of cores. Yields a note on what was set."""
    lib = openblas()
    old = lib.scipy_openblas_get_num_threads64_() if lib else None
    old_torch = torch.get_num_threads() if torch else None
    if lib:
        lib.scipy_openblas_set_num_threads64_(n)
    if torch:
        torch.set_num_threads(n)
    note = f"{n} thread(s) for " + " and ".join(
        [x for x, ok in (("NumPy's OpenBLAS", lib), ("torch", torch)) if ok] or ["nothing"]
    )
    try:
        yield note
    finally:
        if lib:
            lib.scipy_openblas_set_num_threads64_(old)
        if torch:
            torch.set_num_threads(old_torch)


def torch_or_none():
    """The torch module, or None when it is not installed (requirements-bench.txt)."""
    try:
        import torch
    except ImportError:
        return None
    return torch


def format_table(rows: list[Row]) -> str:
    """A plain-text table: name, ours, reference, ratio, target, verdict; notes below."""
    width = max([9, *(len(r.name) for r in rows)])
    header = (
        f"{'benchmark':<{width}} {'ours [s]':>9} {'torch [s]':>9} {'ratio':>7} {'target':>7}  ok"
    )
    lines = [header, "-" * len(header)]
    notes: list[str] = []
    for r in rows:
        ours = f"{r.ours_s:9.3f}" if r.unit == "s" else f"{r.ours_s:9.0f}"
        ref = "n/a" if r.ref_s is None else f"{r.ref_s:9.3f}"
        ratio = "n/a" if r.ratio is None else f"{r.ratio:7.2f}"
        target = f"≤{r.target:.2f}" if r.target is not None else ""
        if r.limit_s is not None:
            target = f"≤{r.limit_s:g}{r.unit}"
        lines.append(f"{r.name:<{width}} {ours:>9} {ref:>9} {ratio:>7} {target:>7}  {r.verdict}")
        notes += [f"  {r.name}: {n}" for n in r.notes]
    return "\n".join([*lines, "", *notes] if notes else lines)
