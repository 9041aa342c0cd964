"""Page probes — optimisers: each experiment at its page defaults, computed and drawn (figures
built with their labels and serialised as the chart component gets them). The race on each
surface (all seven optimisers at the surface's own rates and steps, with the contour grid) must
take ≤ 0.1 s, so that a slider move redraws within the issue's 250 ms in the browser
(``browser_pages`` times that: the first slider of the first tab is the race's learning rate);
bias correction ≤ 1 s; the three training comparisons ≤ 3 s. No reference."""

from __future__ import annotations

from bench.common import Row, alternate, blas_threads
from qa_core.engine.optim import OPTIMIZERS
from qa_core.labs.optimizers import batch, bias, decay, race, schedule, surfaces
from ui.components.live_charts import figure_json
from ui.topics.optimizers import charts, train_charts

NAME = "optimizers page: five experiments at their defaults"


def race_on(name: str):
    def probe() -> race.Race:
        s = surfaces.SURFACES[name]
        result = race.race(name, OPTIMIZERS, s.lr, s.steps, adaptive_lr=s.adaptive_lr)
        grid = surfaces.grid(name, 90)
        f_min = min(float(s.f(x, y)) for x, y in s.minima)
        figure_json(charts.path_figure(grid, result.paths, s.steps, s.minima, s.window))
        figure_json(charts.race_loss_figure(result.paths, f_min, s.steps))
        return result

    return probe


def bias_tab() -> float:
    table = bias.bias_correction()
    figure_json(charts.bias_step_figure(table))
    figure_json(charts.bias_moments_figure(table))
    return float(table["factor"].max())


def decay_tab() -> decay.DecayResult:
    result = decay.compare_decay()
    figure_json(train_charts.norms_figure(result.norms))
    figure_json(train_charts.effective_decay_figure(result.effective))
    figure_json(train_charts.accuracy_figure(result.history))
    return result


def schedule_tab():
    runs = schedule.schedule_runs()
    table, suggestion = schedule.range_test()
    for fig in (train_charts.lr_figure(runs), train_charts.schedule_loss_figure(runs),
                train_charts.range_figure(table, suggestion)):  # fmt: skip
        figure_json(fig)
    return runs, suggestion


def batch_tab():
    noise = batch.gradient_noise()
    runs = batch.linear_scaling()
    figure_json(train_charts.noise_figure(noise))
    figure_json(train_charts.scaling_figure(runs))
    return runs


def run(repeats: int) -> list[Row]:
    race_on("ravine")(), bias_tab()  # warm-up: imports
    probes = {f"race_{name}": race_on(name) for name in surfaces.SURFACES}
    probes |= {"bias": bias_tab, "decay": decay_tab, "schedule": schedule_tab, "batch": batch_tab}
    with blas_threads(1) as threads:
        med, last = alternate(probes, max(1, repeats))
    rows = [
        Row(f"optimizers: race on {name}, 7 optimisers × {surfaces.SURFACES[name].steps} steps",
            med[f"race_{name}"], limit_s=0.1)
        for name in surfaces.SURFACES
    ]  # fmt: skip
    summary = last["decay"].summary.set_index("run")
    _, suggestion = last["schedule"]
    scaling = last["batch"]
    k32 = scaling[(scaling["k"] == 32) & scaling["rule"]]["train_loss"].iloc[-1]
    rows += [
        Row("optimizers: bias correction, 50 steps", med["bias"], limit_s=1.0,
            notes=(f"peak factor {last['bias']:.2f}",)),
        Row("optimizers: Adam / Adam + L2 / AdamW, 3 networks × 150 epochs", med["decay"],
            limit_s=3.0, notes=(f"test accuracy {summary['test_acc'].round(3).tolist()}; "
                                f"{threads}",)),
        Row("optimizers: 4 schedules × 80 epochs + range test", med["schedule"], limit_s=3.0,
            notes=(f"range test suggests {suggestion:.3g}",)),
        Row("optimizers: gradient noise + linear scaling, 12 runs", med["batch"], limit_s=3.0,
            notes=(f"k = 32 under the rule ends at loss {k32:.2f}",)),
    ]  # fmt: skip
    return rows
