"""Page probes — ReLU: the side-by-side dying-ReLU run (ReLU, Leaky ReLU, PReLU, RReLU with the
page's default settings; target < 5 s, issue #6). The other experiments' defaults are timed for
information: the timing experiment itself, the sparsity profile and the variants comparison."""

from __future__ import annotations

from bench.common import Row, alternate, blas_threads
from qa_core.labs.relu import dying, sparsity, timing, variants

NAME = "relu page"


def dying_side_by_side() -> dict[str, dying.DyingResult]:
    """The page's default: moons 400 points, 2×32, SGD lr 0.2, bias shift 1.5, 30 epochs."""
    return dying.compare_dying(
        lr=0.2, bias_shift=1.5, alpha=0.01, epochs=30, seed=0, progress=lambda f: None
    )


def timing_default() -> object:
    return timing.time_activations(n=1_000_000, repeats=5)


def sparsity_default() -> object:
    return sparsity.sparsity_profile(sparsity.sparsity_config("relu"))


def variants_default() -> variants.VariantComparison:
    return variants.compare_variants(seeds=3, epochs=60)


def run(repeats: int) -> list[Row]:
    with blas_threads(1) as threads:
        dying, last = alternate({"dying": dying_side_by_side}, max(repeats, 3))
        info, _ = alternate(
            {"timing": timing_default, "sparsity": sparsity_default, "variants": variants_default},
            max(repeats, 1),
        )
    relu = last["dying"]["relu"].final
    note = (
        f"{threads}; ReLU dead at the end: layer 1 {relu['dead_0']:.0%}, "
        f"layer 2 {relu['dead_1']:.0%}"
    )
    return [
        Row(
            "relu: dying ReLU, 4 activations × 30 epochs",
            dying["dying"],
            limit_s=5.0,
            notes=(note,),
        ),
        Row("relu: timing N=1e6, 5 rounds", info["timing"], notes=("no target; info",)),
        Row("relu: sparsity profile, 40 epochs", info["sparsity"], notes=("no target; info",)),
        Row(
            "relu: variants, 4 × 3 seeds × 60 epochs", info["variants"], notes=("no target; info",)
        ),
    ]
