"""Page probe — Overfitting: the default comparison (baseline + augmentation, L2, a 5-member
ensemble and dropout on 60 moons points, 500 test points, 3×16, 200 epochs; target < 8 s),
timed with one BLAS thread (as the engine benchmarks) and with the default thread count (as the
app runs). A cached re-render redraws every figure and table without training: timed too."""

from __future__ import annotations

import logging
import os
import time

import plotly.io

from bench.common import Row, alternate, blas_threads
from qa_core.labs.overfitting import configs, runs, tables
from ui.charts.training import decision_figure
from ui.topics.overfitting.charts import gap_figure, run_curves_figure, weights_figure

NAME = "overfitting page"


def default_specs() -> list[configs.RunSpec]:
    base = configs.overfit_config()
    return configs.plan_runs(base, configs.DEFAULT_REMEDIES, configs.Strengths())


def comparison() -> list[configs.RemedyResult]:
    """Every run of the page's default comparison, as the page computes them."""
    return [runs.run_remedy(spec, progress=lambda f: None) for spec in default_specs()]


def rerender(results: list[configs.RemedyResult]) -> int:
    """What a rerun with unchanged settings does: tables and figures from cached results."""
    table = tables.results_table(results)
    history = tables.history_table(results)
    figs = []
    for i, r in enumerate(results):
        figs.append(decision_figure(r.summary, title=r.id))
        figs.append(run_curves_figure(r, color_index=i))
    figs.append(gap_figure(table))
    figs.append(weights_figure({r.id: r.weights[0] for r in results[:3]}, layer=0))
    return sum(len(plotly.io.to_json(f, validate=False)) for f in figs) + len(history.to_csv())


def cpu_seconds(fn) -> float:
    """CPU time of this process for one call: what the wall time would be on an idle core."""
    start = time.process_time()
    fn()
    return time.process_time() - start


def run(repeats: int) -> list[Row]:
    n = max(repeats, 1)
    # Figures call t() outside a Streamlit session: silence its "no ScriptRunContext" warnings.
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    with blas_threads(1) as threads:
        one, last = alternate({"comparison": comparison}, n)
        cpu = cpu_seconds(comparison)
    default, _ = alternate({"comparison": comparison}, n)
    results = last["comparison"]
    redraw, _ = alternate({"rerender": lambda: rerender(results)}, max(repeats, 3))
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    table = tables.results_table(results)
    gaps = ", ".join(f"{r} {g:.3f}" for r, g in zip(table["run"], table["gap"], strict=True))
    return [
        Row(
            "overfitting: baseline + 4 remedies (K=5), 1 BLAS thread",
            one["comparison"],
            limit_s=8.0,
            notes=(
                threads,
                f"CPU time of one comparison {cpu:.2f} s (load average {load} on "
                f"{os.cpu_count()} cores: wall time grows with the load)",
                f"gaps: {gaps}",
            ),
        ),
        Row(
            "overfitting: baseline + 4 remedies (K=5), default threads",
            default["comparison"],
            limit_s=8.0,
            notes=("BLAS threads as the app runs them",),
        ),
        Row(
            "overfitting: cached re-render (13 figures, tables)",
            redraw["rerender"],
            limit_s=1.0,
            notes=("no training; figures serialised as st.plotly_chart does",),
        ),
    ]
