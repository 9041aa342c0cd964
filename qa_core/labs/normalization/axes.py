"""Which cells each normalisation averages over, drawn on a small (N, C, H, W) tensor.

For an activation tensor x of shape (N, C, H, W) (N examples, C channels, H×W positions):
- batch (Ioffe & Szegedy 2015): per channel c, over (N, H, W): N·H·W values;
- layer (Ba, Kiros & Hinton 2016): per example n, over (C, H, W): C·H·W values;
- instance (Ulyanov et al. 2016): per example and channel, over (H, W): H·W values;
- group (Wu & He 2018): per example and group of C/G channels, over those channels and (H, W);
- rms (Zhang & Sennrich 2019): the layer-norm set, but the root mean square √(mean(x²) + ε) and
  no mean subtracted.
The centred norms use the biased variance; ε = 1e-5 (1e-6 for rms) as in the engine's layers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from qa_core.engine import checks

KINDS: tuple[str, ...] = ("batch", "layer", "instance", "group", "rms")
EPS = {"batch": 1e-5, "layer": 1e-5, "instance": 1e-5, "group": 1e-5, "rms": 1e-6}
MAX_N, MAX_C, MAX_HW = 8, 8, 4


@dataclass(frozen=True)
class AxesView:
    """``x`` (N, C, H, W); ``selected``: the cells sharing the chosen cell's statistics;
    ``set_id``: for every cell, the index of the set it is normalised with; ``mean``/``var``
    of the selected set (for rms: mean 0 is not subtracted and ``var`` is mean(x²));
    ``normalised``: x̂ of every cell (γ = 1, β = 0); ``n_sets`` distinct statistic sets."""

    kind: str
    x: np.ndarray
    selected: np.ndarray
    set_id: np.ndarray
    mean: float
    var: float
    normalised: np.ndarray
    groups: int

    @property
    def count(self) -> int:
        return int(self.selected.sum())

    @property
    def n_sets(self) -> int:
        return int(self.set_id.max()) + 1


def set_ids(kind: str, shape: tuple[int, int, int, int], groups: int = 1) -> np.ndarray:
    """An int array of ``shape``: cells with the same number share one mean and variance."""
    n, c = shape[:2]
    ni = np.arange(n)[:, None, None, None]
    ci = np.arange(c)[None, :, None, None]
    if kind == "batch":
        ids = np.broadcast_to(ci, shape)
    elif kind in ("layer", "rms"):
        ids = np.broadcast_to(ni, shape)
    elif kind == "instance":
        ids = np.broadcast_to(ni * c + ci, shape)
    else:  # group: channels c·G/C … belong to group c // (C/G)
        ids = np.broadcast_to(ni * groups + ci // (c // groups), shape)
    return np.ascontiguousarray(ids)


def view(
    kind: str,
    n: int = 4,
    c: int = 6,
    hw: int = 2,
    groups: int = 2,
    cell: tuple[int, int] = (0, 0),
    seed: int = 0,
) -> AxesView:
    """The statistics of ``kind`` on x ~ N(2, 1.5²) of shape (n, c, hw, hw), and the set that
    example ``cell[0]``, channel ``cell[1]`` (its position (0, 0)) is normalised with."""
    checks.choice("kind", kind, KINDS)
    n = checks.integer("n", n, 1, MAX_N)
    c = checks.integer("c", c, 1, MAX_C)
    hw = checks.integer("hw", hw, 1, MAX_HW)
    groups = checks.integer("groups", groups, 1, c)
    if c % groups:
        raise ValueError(f"groups must divide c = {c} (a divisor in [1, {c}]), got {groups}")
    cell = (checks.integer("cell example", cell[0], 0, n - 1),
            checks.integer("cell channel", cell[1], 0, c - 1))  # fmt: skip
    seed = checks.integer("seed", seed, 0, 2**32 - 1)
    x = 2.0 + 1.5 * np.random.default_rng(seed).standard_normal((n, c, hw, hw))
    ids = set_ids(kind, x.shape, groups)
    flat_ids, flat_x = ids.reshape(-1), x.reshape(-1)
    count = np.bincount(flat_ids)
    if kind == "rms":
        mean = np.zeros(len(count))
        var = np.bincount(flat_ids, flat_x * flat_x) / count
    else:
        mean = np.bincount(flat_ids, flat_x) / count
        d = flat_x - mean[flat_ids]
        var = np.bincount(flat_ids, d * d) / count
    normalised = ((flat_x - mean[flat_ids]) / np.sqrt(var[flat_ids] + EPS[kind])).reshape(x.shape)
    chosen = ids[cell[0], cell[1], 0, 0]
    return AxesView(
        kind=kind,
        x=x,
        selected=ids == chosen,
        set_id=ids,
        mean=float(mean[chosen]),
        var=float(var[chosen]),
        normalised=normalised,
        groups=groups,
    )


def axes_table(n: int, c: int, hw: int, groups: int) -> list[dict[str, object]]:
    """Per kind: the axes averaged over, how many values one statistic uses, how many sets."""
    cells = {
        "batch": (("N", "H", "W"), n * hw * hw, c),
        "layer": (("C", "H", "W"), c * hw * hw, n),
        "instance": (("H", "W"), hw * hw, n * c),
        "group": (("C/G", "H", "W"), c // groups * hw * hw, n * groups),
        "rms": (("C", "H", "W"), c * hw * hw, n),
    }
    return [
        {"kind": k, "axes": cells[k][0], "values": cells[k][1], "sets": cells[k][2]} for k in KINDS
    ]


__all__ = ["KINDS", "MAX_C", "MAX_HW", "MAX_N", "AxesView", "axes_table", "set_ids", "view"]
