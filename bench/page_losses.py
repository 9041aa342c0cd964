"""Page probes — output layers and losses: each experiment at its page defaults, computed and
drawn (figures built with their labels and serialised as the chart component gets them). The
cheap ones must take ≤ 1 s, the two training comparisons (the wrong-start race, the label-smoothing
sweep of 7 networks) ≤ 3 s. No reference."""

from __future__ import annotations

from bench.common import Row, alternate, blas_threads
from qa_core.labs.losses import escape, gradients, heads, robust, smoothing, stability
from ui.components.live_charts import figure_json
from ui.topics.losses import charts, fit_charts

NAME = "losses page: six experiments at their defaults"


def gradient() -> int:
    curves = gradients.gradient_curves(1, 10.0)
    point = gradients.reading(-6.0, 1)
    figs = (charts.gradient_figure(curves, point.z, True), charts.loss_figure(curves, point.z))
    return sum(len(figure_json(f)) for f in figs)


def race() -> escape.EscapeResult:
    result = escape.race(6.0, 1.0, 200, "sgd")
    h = result.history
    figs = [charts.race_loss_figure(h, "mse"), charts.race_loss_figure(h, "ce"),
            charts.race_figure(h, "acc"), charts.race_figure(h, "grad")]  # fmt: skip
    for f in figs:
        figure_json(f)
    return result


def overflow() -> float:
    table = stability.overflow_table("softmax", "float64", 1e4)
    limit = stability.naive_limit("softmax", "float64")
    figure_json(charts.overflow_figure(table, limit))
    figure_json(charts.error_figure(table))
    return limit


def two_heads() -> int:
    table = heads.head_probabilities((3.0, 2.0, -1.0))
    heads.head_losses(table, (1,))
    return len(figure_json(charts.heads_figure(table)))


def label_smoothing() -> smoothing.SmoothingSweep:
    sweep = smoothing.smoothing_sweep(smoothing.EPSILONS, smoothing.TASK)
    figure_json(fit_charts.reliability_figure(sweep.bins, 0.1))
    figure_json(fit_charts.sweep_figure(sweep.scores, 0.1))
    return sweep


def robust_fit() -> robust.RobustFit:
    fit = robust.fit_lines(3, 10.0, 1.0)
    curves = robust.gradient_curves(1.0, 12.0)
    figure_json(fit_charts.fit_figure(fit))
    figure_json(fit_charts.pull_figure(curves, fit))
    return fit


def run(repeats: int) -> list[Row]:
    gradient(), robust_fit()  # warm-up: imports and plotly's validator cache
    with blas_threads(1) as threads:
        med, last = alternate(
            {"gradient": gradient, "race": race, "overflow": overflow, "heads": two_heads,
             "smoothing": label_smoothing, "robust": robust_fit},
            max(1, repeats),
        )  # fmt: skip
    result, sweep = last["race"], last["smoothing"]
    scores = sweep.scores.set_index("epsilon")
    race_note = (f"90% train accuracy: MSE epoch {result.epochs_to('mse')}, cross-entropy epoch "
                 f"{result.epochs_to('ce')}")  # fmt: skip
    ls_note = (f"ECE ε=0 {scores.loc[0.0, 'ece']:.3f} → ε=0.1 {scores.loc[0.1, 'ece']:.3f}; "
               f"{threads}")  # fmt: skip
    slope = last["robust"].lines["mse"][0]
    return [
        Row("losses: gradient at the output + 2 figures", med["gradient"], limit_s=1.0),
        Row("losses: wrong-start race, 2 × 200 epochs", med["race"], limit_s=3.0,
            notes=(race_note,)),
        Row("losses: overflow table (40-digit reference)", med["overflow"], limit_s=1.0,
            notes=(f"naive softmax breaks past s = {last['overflow']:.2f}",)),
        Row("losses: softmax or sigmoids", med["heads"], limit_s=1.0),
        Row("losses: label-smoothing sweep, 7 networks", med["smoothing"], limit_s=3.0,
            notes=(ls_note,)),
        Row("losses: robust fits + pulls", med["robust"], limit_s=1.0,
            notes=(f"MSE slope {slope:.2f} with 3 outliers",)),
    ]  # fmt: skip
