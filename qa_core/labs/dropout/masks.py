"""Dropout masks: Bernoulli draws on a small MLP, the 2^N count, and the two scaling conventions.

Convention of this code (PyTorch's ``nn.Dropout(p)``, the engine's ``layers.Dropout``): p is
the DROP probability, the keep variable r ~ Bernoulli(1 − p), and the kept activations are
scaled by 1/(1 − p) in training (inverted dropout), so E[r·a/(1 − p)] = a and dropout is the
identity at test time.

Srivastava et al. (2014, JMLR 15, §2 and §4) write p for the RETAIN probability: r ~ Bernoulli(p),
no scaling in training, and at test the outgoing weights are multiplied by p (weight-scaling
rule), so that the test-time input of the next layer equals its expected training input.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from qa_core.engine import checks
from qa_core.engine.layers import Dropout

MAX_DIAGRAM_WIDTH = 16  # units per layer in the network diagram
MAX_DIAGRAM_LAYERS = 4
MAX_MASKS = 100_000
MAX_CHECK_MASKS = 200_000


def _check_p(p: float) -> float:
    """A drop probability in [0, 1), as the engine's Dropout requires."""
    if isinstance(p, bool) or not isinstance(p, int | float | np.floating | np.integer):
        raise ValueError(f"p must be a drop probability in [0, 1), got {p!r}")
    p = float(p)
    if not (np.isfinite(p) and 0.0 <= p < 1.0):
        raise ValueError(f"p must be a drop probability in [0, 1), got {p!r}")
    return p


def _check_widths(widths: Sequence[int]) -> tuple[int, ...]:
    widths = tuple(widths)
    if not 1 <= len(widths) <= MAX_DIAGRAM_LAYERS:
        raise ValueError(
            f"widths must list 1 to {MAX_DIAGRAM_LAYERS} hidden layers, got {widths!r}"
        )
    return tuple(checks.integer("width", w, 1, MAX_DIAGRAM_WIDTH) for w in widths)


def n_subnetworks(n_units: int) -> int:
    """2^N: every one of N droppable units is kept or dropped, independently (exact integer)."""
    n = checks.integer("n_units", n_units, 0, 100_000)
    return 2**n


def power_of_two_in_tens(n: int) -> tuple[float, int]:
    """2^n written as mantissa·10^exponent with 1 ≤ mantissa < 10 (via n·log10 2)."""
    n = checks.integer("n", n, 0, 1_000_000)
    exponent = int(np.floor(n * np.log10(2.0)))
    mantissa = 2.0 ** (n - exponent / np.log10(2.0)) if n else 1.0
    if mantissa >= 10.0:  # rounding at an exact boundary
        mantissa, exponent = mantissa / 10.0, exponent + 1
    return float(mantissa), exponent


def bernoulli_keep(p: float, shape: tuple[int, ...], rng: np.random.Generator) -> np.ndarray:
    """Keep masks r ~ Bernoulli(1 − p) drawn by the engine's Dropout layer in training mode."""
    layer = Dropout(_check_p(p), rng=rng)
    return layer.forward(np.ones(shape), training=True) > 0


@dataclass(frozen=True)
class MaskDraws:
    """Masks 1…s over the N hidden units of an MLP, and what the s draws add up to."""

    widths: tuple[int, ...]
    p: float
    keep: np.ndarray  # (s, N) booleans; row i is mask i + 1
    shown: tuple[np.ndarray, ...]  # mask s split per hidden layer, booleans

    @property
    def n_units(self) -> int:
        return int(sum(self.widths))

    @property
    def n_masks(self) -> int:
        return int(self.keep.shape[0])

    @property
    def n_active(self) -> int:
        """Units kept by the shown mask (the last one)."""
        return int(self.keep[-1].sum())

    @property
    def n_subnetworks(self) -> int:
        return n_subnetworks(self.n_units)

    @property
    def empty_layers(self) -> tuple[int, ...]:
        """Hidden layers (1-based) with every unit dropped by the shown mask: nothing passes
        them, so the thinned network's output is constant (it depends on biases only)."""
        return tuple(i + 1 for i, kept in enumerate(self.shown) if not kept.any())

    @property
    def dropped_fraction(self) -> np.ndarray:
        """Fraction of the N units dropped by each mask, (s,)."""
        return 1.0 - self.keep.mean(axis=1)

    @property
    def unit_drop_rate(self) -> np.ndarray:
        """For each unit, the fraction of the s masks that dropped it, (N,)."""
        return 1.0 - self.keep.mean(axis=0)


def sample_masks(widths: Sequence[int], p: float, n_masks: int, seed: int) -> MaskDraws:
    """Masks 1…n_masks for hidden layers of the given widths, from ``default_rng(seed)``.

    One (n_masks, N) draw: mask i does not change when n_masks grows (the Generator fills the
    array row by row), so stepping the mask number walks through one fixed sequence.
    """
    widths = _check_widths(widths)
    p = _check_p(p)
    n_masks = checks.integer("n_masks", n_masks, 1, MAX_MASKS)
    keep = bernoulli_keep(p, (n_masks, sum(widths)), np.random.default_rng(seed))
    keep.setflags(write=False)
    shown = tuple(np.split(keep[-1], np.cumsum(widths)[:-1]))
    return MaskDraws(widths=widths, p=p, keep=keep, shown=shown)


@dataclass(frozen=True)
class Diagram:
    """Node and edge geometry of a layered network drawing with some hidden units dropped.

    Nodes are listed layer by layer (input, hidden…, output). Edges are polylines with NaN
    breaks, ready for one scatter trace each: ``active_*`` joins two kept units, ``dropped_*``
    touches a dropped unit (it carries nothing in this step).
    """

    node_x: np.ndarray
    node_y: np.ndarray
    node_layer: np.ndarray  # 0 = input, 1…L hidden, L + 1 = output
    node_unit: np.ndarray  # index within its layer
    node_kept: np.ndarray  # booleans; inputs and outputs are always kept
    active_x: np.ndarray
    active_y: np.ndarray
    dropped_x: np.ndarray
    dropped_y: np.ndarray

    @property
    def n_active_edges(self) -> int:
        return int(np.isnan(self.active_x).sum())

    @property
    def n_dropped_edges(self) -> int:
        return int(np.isnan(self.dropped_x).sum())


def _segments(x0, y0, x1, y1) -> tuple[np.ndarray, np.ndarray]:
    """Segments (x0, y0)–(x1, y1) as one polyline with NaN breaks."""
    n = len(x0)
    xs = np.column_stack([x0, x1, np.full(n, np.nan)]).reshape(-1)
    ys = np.column_stack([y0, y1, np.full(n, np.nan)]).reshape(-1)
    return xs, ys


def network_diagram(
    n_in: int, widths: Sequence[int], n_out: int, kept: Sequence[np.ndarray]
) -> Diagram:
    """Positions of an MLP's units (x = layer, y centred) and its edges, split by the mask.

    ``kept`` holds one boolean array per hidden layer (dropout acts on hidden units only, as in
    the engine's ``build_mlp``).
    """
    widths = _check_widths(widths)
    n_in = checks.integer("n_in", n_in, 1, MAX_DIAGRAM_WIDTH)
    n_out = checks.integer("n_out", n_out, 1, MAX_DIAGRAM_WIDTH)
    if len(kept) != len(widths) or any(
        np.shape(k) != (w,) for k, w in zip(kept, widths, strict=False)
    ):
        raise ValueError(f"kept must hold one mask per hidden layer of widths {widths!r}")
    sizes = (n_in, *widths, n_out)
    masks = [np.ones(n_in, bool), *(np.asarray(k, bool) for k in kept), np.ones(n_out, bool)]
    ys = [np.arange(n)[::-1] - (n - 1) / 2.0 for n in sizes]
    node_x = np.concatenate([np.full(n, float(i)) for i, n in enumerate(sizes)])
    node_y = np.concatenate(ys)
    node_layer = np.concatenate([np.full(n, i) for i, n in enumerate(sizes)])
    node_unit = np.concatenate([np.arange(n) for n in sizes])
    parts = {True: ([], []), False: ([], [])}
    for i in range(len(sizes) - 1):
        a, b = np.meshgrid(np.arange(sizes[i]), np.arange(sizes[i + 1]), indexing="ij")
        a, b = a.ravel(), b.ravel()
        live = masks[i][a] & masks[i + 1][b]
        for state in (True, False):
            sel = live == state
            xs, ys_ = _segments(
                np.full(sel.sum(), float(i)),
                ys[i][a[sel]],
                np.full(sel.sum(), float(i + 1)),
                ys[i + 1][b[sel]],
            )
            parts[state][0].append(xs)
            parts[state][1].append(ys_)
    return Diagram(
        node_x=node_x,
        node_y=node_y,
        node_layer=node_layer,
        node_unit=node_unit,
        node_kept=np.concatenate(masks),
        active_x=np.concatenate(parts[True][0]),
        active_y=np.concatenate(parts[True][1]),
        dropped_x=np.concatenate(parts[False][0]),
        dropped_y=np.concatenate(parts[False][1]),
    )


def inverted_mean(x: np.ndarray, p: float, n_masks: int, seed: int) -> np.ndarray:
    """Mean over ``n_masks`` training-mode passes of the engine's Dropout(p) applied to ``x``.

    Inverted dropout: E[x ⊙ r/(1 − p)] = x for r ~ Bernoulli(1 − p), so this tends to ``x``.
    """
    x = np.asarray(x, dtype=np.float64).reshape(-1)
    n_masks = checks.integer("n_masks", n_masks, 1, MAX_CHECK_MASKS)
    layer = Dropout(_check_p(p), rng=np.random.default_rng(seed))
    return layer.forward(np.broadcast_to(x, (n_masks, x.size)), training=True).mean(axis=0)


@dataclass(frozen=True)
class ConventionSetup:
    """One unit of the next layer, y = w · a, fed by the n activations ``a`` being dropped."""

    a: np.ndarray
    w: np.ndarray

    @property
    def full_output(self) -> float:
        """The unmasked output w · a."""
        return float(self.w @ self.a)


def convention_setup(n_units: int = 16, seed: int = 0) -> ConventionSetup:
    """Non-negative activations a (as after a ReLU) and positive weights w, from ``seed``.

    Positive weights keep w·a well away from 0, so relative errors stay meaningful.
    """
    n = checks.integer("n_units", n_units, 1, 4096)
    rng = np.random.default_rng([seed, 0xD0])
    return ConventionSetup(a=np.abs(rng.standard_normal(n)) + 0.1, w=rng.uniform(0.2, 1.0, n))


def convention_check(
    p_values: Sequence[float], n_masks: int, seed: int = 0, n_units: int = 16
) -> pd.DataFrame:
    """Mean of many masked outputs vs the test-time output, in both conventions, per p.

    ``p`` is the drop probability; the paper's retain probability is 1 − p. The same keep
    masks r ~ Bernoulli(1 − p), drawn by the engine's Dropout in training mode, serve both:

    - paper (Srivastava et al. 2014): training output w·(r ⊙ a), no scaling; test output
      (retain · w)·a — the weight-scaling rule. ``paper_unscaled`` is w·a, what a test pass
      would give if one forgot to scale.
    - inverted (PyTorch, this code): training output w·(r ⊙ a)/(1 − p); test output w·a
      (dropout is the identity in eval mode).

    Columns: p, retain, paper_train_mean, paper_test, paper_unscaled, inverted_train_mean,
    inverted_test, paper_rel_error, inverted_rel_error (|mean − test| / |test|).
    """
    n_masks = checks.integer("n_masks", n_masks, 1, MAX_CHECK_MASKS)
    ps = [_check_p(p) for p in p_values]
    if not ps:
        raise ValueError("p_values must hold at least one drop probability")
    setup = convention_setup(n_units, seed)
    a, w, y = setup.a, setup.w, setup.full_output
    rows = []
    for i, p in enumerate(ps):
        layer = Dropout(p, rng=np.random.default_rng([seed, i]))
        inverted = layer.forward(np.broadcast_to(a, (n_masks, a.size)), training=True)
        keep = layer.mask > 0 if layer.mask is not None else np.ones(inverted.shape, bool)
        paper_mean = float(np.mean((a * keep) @ w))
        inverted_mean_ = float(np.mean(inverted @ w))
        retain = 1.0 - p
        rows.append(
            {
                "p": p,
                "retain": retain,
                "paper_train_mean": paper_mean,
                "paper_test": retain * y,
                "paper_unscaled": y,
                "inverted_train_mean": inverted_mean_,
                "inverted_test": y,
                "paper_rel_error": abs(paper_mean - retain * y) / (retain * y),
                "inverted_rel_error": abs(inverted_mean_ - y) / y,
            }
        )
    return pd.DataFrame(rows)


def convention_row(table: pd.DataFrame, p: float) -> pd.Series:
    """The row of a ``convention_check`` table whose p is nearest to ``p``."""
    return table.loc[(table["p"] - p).abs().idxmin()]


#: The answers of "training mean / test output at p = 0.5, inverted dropout", by their ratio.
RATIO_ANSWERS: dict[str, float] = {"half": 0.5, "equal": 1.0, "double": 2.0}


def convention_ratios(table: pd.DataFrame) -> tuple[float, float, str]:
    """At p = 0.5: the inverted convention's training mean over its test output, the paper's
    training mean over the unscaled output, and the answer of ``RATIO_ANSWERS`` nearest the
    first."""
    half = convention_row(table, 0.5)
    ratio = float(half["inverted_train_mean"] / half["inverted_test"])
    paper_ratio = float(half["paper_train_mean"] / half["paper_unscaled"])
    nearest = min(RATIO_ANSWERS, key=lambda answer: abs(RATIO_ANSWERS[answer] - ratio))
    return ratio, paper_ratio, nearest


__all__ = [
    "RATIO_ANSWERS",
    "ConventionSetup",
    "Diagram",
    "MaskDraws",
    "bernoulli_keep",
    "convention_check",
    "convention_ratios",
    "convention_row",
    "convention_setup",
    "inverted_mean",
    "n_subnetworks",
    "network_diagram",
    "power_of_two_in_tens",
    "sample_masks",
]
