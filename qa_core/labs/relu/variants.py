"""ReLU, Leaky ReLU, PReLU and RReLU side by side: their curves, PReLU's learned slope, and test
accuracy on a small noisy data set over several seeds.

- Leaky ReLU (Maas, Hannun & Ng 2013): f = z for z > 0, αz otherwise, α fixed by hand.
- PReLU (He et al. 2015, §2.1): f = max(0, z) + a·min(0, z), one learned a per layer
  (PyTorch's default, channel-shared), initialised at 0.25, never weight-decayed (the engine's
  L1/L2 penalties touch Dense weights only).
- RReLU (Xu, Wang, Chen & Li 2015, §2.4; PyTorch's parameterisation): slope r ~ U(l, u) per
  element in training, fixed at (l + u)/2 in eval.

Xu et al. report that the randomised slope overfits less on small data. Whether that shows on a
toy set is measured here, per seed, so the page can say how large the difference is compared
with the seed-to-seed spread.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from qa_core.engine import activations, checks, curves
from qa_core.engine.config import TrainConfig
from qa_core.engine.training import Run

VARIANTS = ("relu", "leaky_relu", "prelu", "rrelu")
MAX_SEEDS = 10

Progress = Callable[[float], None]


def variant_params(activation: str, alpha: float, lower: float, upper: float) -> dict[str, float]:
    """The parameters the comparison gives ``activation`` (PReLU: its trainable a starts at
    the engine's 0.25)."""
    if activation == "leaky_relu":
        return {"alpha": alpha}
    if activation == "rrelu":
        return {"lower": lower, "upper": upper}
    return {}


def variant_config(
    activation: str,
    *,
    seed: int = 0,
    alpha: float = 0.01,
    lower: float = 1.0 / 8.0,
    upper: float = 1.0 / 3.0,
    dataset: str = "moons",
    n_samples: int = 200,
    noise: float = 0.35,
    epochs: int = 80,
    hidden: tuple[int, ...] = (32, 32),
) -> TrainConfig:
    """Adam (lr 0.01), half of the points held out, no weight decay. ``seed`` draws both the
    data and the weights, and every activation gets the same draw for the same seed."""
    return TrainConfig(
        dataset=dataset,
        n_samples=n_samples,
        noise=noise,
        test_fraction=0.5,
        data_seed=seed,
        hidden=tuple(hidden),
        activation=activation,
        activation_params=variant_params(activation, alpha, lower, upper),
        optimizer="adam",
        lr=0.01,
        epochs=epochs,
        seed=seed,
    )


@dataclass(frozen=True, eq=False)
class VariantComparison:
    """``runs``: one row per (activation, seed): final train_acc, test_acc, best_test_acc,
    diverged. ``histories``: per activation, the test accuracy per epoch averaged over seeds
    (columns epoch, test_acc, train_acc). ``slopes``: PReLU's slope per layer over epochs,
    one row per (seed, epoch) from epoch 0 (a = 0.25) on, columns seed, epoch, prelu_<l>."""

    runs: pd.DataFrame
    histories: dict[str, pd.DataFrame]
    slopes: pd.DataFrame
    seeds: int

    def summary(self) -> pd.DataFrame:
        """Per activation: mean train / test accuracy, test std over seeds, mean gap."""
        grouped = self.runs.groupby("activation", sort=False)
        table = pd.DataFrame(
            {
                "train_mean": grouped["train_acc"].mean(),
                "test_mean": grouped["test_acc"].mean(),
                "test_std": grouped["test_acc"].std(ddof=1 if self.seeds > 1 else 0),
            }
        )
        table["gap_mean"] = table["train_mean"] - table["test_mean"]
        return table.reset_index()

    def paired_difference(self, a: str, b: str) -> tuple[float, float]:
        """Mean and standard error over seeds of test_acc(a) − test_acc(b), seed by seed
        (same data and initial weights for both). Standard error is 0 with one seed."""
        pivot = self.runs.pivot(index="seed", columns="activation", values="test_acc")
        diff = (pivot[a] - pivot[b]).to_numpy()
        if len(diff) < 2:
            return float(diff.mean()), 0.0
        return float(diff.mean()), float(diff.std(ddof=1) / np.sqrt(len(diff)))

    def learned_slopes(self) -> tuple[float, ...]:
        """PReLU's final slope per layer, averaged over seeds."""
        last = self.slopes[self.slopes["epoch"] == self.slopes["epoch"].max()]
        columns = [c for c in self.slopes.columns if c.startswith("prelu_")]
        return tuple(float(last[c].mean()) for c in columns)

    def rrelu_verdict(self) -> Verdict:
        """RReLU against ReLU (and Leaky ReLU), seed by seed, with its conclusion."""
        diff, se = self.paired_difference("rrelu", "relu")
        diff_leaky, se_leaky = self.paired_difference("rrelu", "leaky_relu")
        return Verdict(diff, se, diff_leaky, se_leaky, conclusion(diff, se, self.seeds))


#: The conclusions ``conclusion`` draws.
CONCLUSIONS = ("one_seed", "clear_better", "clear_worse", "unclear")


def conclusion(diff: float, se: float, seeds: int) -> str:
    """What a mean paired difference ``diff`` (standard error ``se``, over ``seeds`` seeds)
    says: "clear_better" / "clear_worse" beyond two standard errors either way, "unclear"
    within them (or with no spread at all), "one_seed" when one seed leaves no spread to
    compare with."""
    if seeds < 2:
        return "one_seed"
    if se > 0 and diff > 2 * se:
        return "clear_better"
    if se > 0 and diff < -2 * se:
        return "clear_worse"
    return "unclear"


@dataclass(frozen=True)
class Verdict:
    """RReLU's mean paired test-accuracy difference to ReLU and to Leaky ReLU, with their
    standard errors, and the conclusion about ReLU (one of ``CONCLUSIONS``)."""

    diff: float
    se: float
    diff_leaky: float
    se_leaky: float
    conclusion: str


#: PReLU's curve is drawn with its learned slope, kept within ±SLOPE_LIMIT (a diverged run's
#: slope can be anything), at its initial 0.25 if the slope is not a number.
SLOPE_LIMIT = 10.0
PRELU_INIT = 0.25


def drawn_prelu_slope(learned: float) -> float:
    """The slope PReLU's curve is drawn with, for a ``learned`` slope."""
    if not np.isfinite(learned):
        return PRELU_INIT
    return float(np.clip(learned, -SLOPE_LIMIT, SLOPE_LIMIT))


def compare_variants(
    *,
    alpha: float = 0.01,
    lower: float = 1.0 / 8.0,
    upper: float = 1.0 / 3.0,
    seeds: int = 3,
    epochs: int = 80,
    dataset: str = "moons",
    n_samples: int = 200,
    noise: float = 0.35,
    progress: Progress | None = None,
) -> VariantComparison:
    """Train each of the four activations on ``seeds`` seeds (0 … seeds−1) and collect their
    accuracy and PReLU's slopes. All configs are validated before training starts."""
    checks.integer("seeds", seeds, 1, MAX_SEEDS)
    configs = {
        (name, seed): variant_config(
            name,
            seed=seed,
            alpha=alpha,
            lower=lower,
            upper=upper,
            dataset=dataset,
            n_samples=n_samples,
            noise=noise,
            epochs=epochs,
        )
        for name in VARIANTS
        for seed in range(seeds)
    }
    total, done = len(configs) * epochs, 0
    rows, slopes = [], []
    curves_by_act: dict[str, list[pd.DataFrame]] = {name: [] for name in VARIANTS}
    for (name, seed), config in configs.items():
        run = Run(config)
        if name == "prelu":
            start = run.evaluate()
            slopes.append({"seed": seed, "epoch": 0, **_slope_row(start.prelu_slopes)})
        for record in run:
            done += 1
            if name == "prelu":
                slopes.append(
                    {"seed": seed, "epoch": record.epoch, **_slope_row(record.prelu_slopes)}
                )
            if progress is not None:
                progress(done / total)
        history = pd.DataFrame(
            {
                "epoch": [r.epoch for r in run.records],
                "train_acc": [r.train_acc for r in run.records],
                "test_acc": [r.test_acc for r in run.records],
            }
        )
        curves_by_act[name].append(history)
        final = run.records[-1]
        rows.append(
            {
                "activation": name,
                "seed": seed,
                "train_acc": float(final.train_acc),
                "test_acc": float(final.test_acc),
                "best_test_acc": float(history["test_acc"].max()),
                "diverged": run.diverged,
            }
        )
    if progress is not None:
        progress(1.0)
    histories = {
        name: pd.concat(frames).groupby("epoch", as_index=False).mean()
        for name, frames in curves_by_act.items()
    }
    return VariantComparison(pd.DataFrame(rows), histories, pd.DataFrame(slopes), seeds)


def _slope_row(slopes: tuple[float, ...]) -> dict[str, float]:
    return {f"prelu_{i}": a for i, a in enumerate(slopes)}


@dataclass(frozen=True)
class VariantCurves:
    """f and f′ of the four activations on one grid (PReLU at the given a, RReLU in eval), the
    band RReLU's training outputs fill (slopes l … u) and one random training pass."""

    curves: tuple[curves.Curve, ...]
    band: tuple[np.ndarray, np.ndarray, np.ndarray]
    draw: tuple[np.ndarray, np.ndarray]
    rrelu_eval_slope: float


def variant_curves(
    alpha: float = 0.01,
    prelu_a: float = 0.25,
    lower: float = 1.0 / 8.0,
    upper: float = 1.0 / 3.0,
    z_min: float = -4.0,
    z_max: float = 2.0,
    seed: int = 0,
) -> VariantCurves:
    """Curves for the side-by-side chart; ValueError names a bad parameter."""
    z = curves.grid(z_min, z_max, 401)
    acts = [
        activations.get("relu"),
        activations.get("leaky_relu", alpha=alpha),
        activations.get("prelu", a=prelu_a),
        activations.get("rrelu", lower=lower, upper=upper),
    ]
    rrelu = acts[-1]
    low, high = curves.rrelu_band(rrelu, z)
    z_draw = z[::6]
    return VariantCurves(
        curves=tuple(curves.curve(act, z) for act in acts),
        band=(z, low, high),
        draw=(z_draw, curves.rrelu_training_draw(rrelu, z_draw, seed)),
        rrelu_eval_slope=rrelu.eval_slope,
    )


__all__ = [
    "CONCLUSIONS",
    "PRELU_INIT",
    "SLOPE_LIMIT",
    "VARIANTS",
    "VariantComparison",
    "VariantCurves",
    "Verdict",
    "compare_variants",
    "conclusion",
    "drawn_prelu_slope",
    "variant_config",
    "variant_curves",
    "variant_params",
]
