"""Figures of the optimisers page's training experiments: weight norms and effective decay,
schedules and the range test, gradient noise and the linear scaling rule. Each builder looks up
its own labels (``t``); callers pass data."""

from __future__ import annotations

import pandas as pd

from ui.charts.common import layout, merged
from ui.i18n import t
from ui.topics.optimizers.charts import house, line

RUN_COLORS = {"adam": "#7f7f7f", "adam_l2": "#d62728", "adamw": "#9467bd"}
SCHEDULE_COLORS = {"constant": "#7f7f7f", "step": "#ff7f0e", "cosine": "#1f77b4",
                   "warmup_cosine": "#2ca02c"}  # fmt: skip
LOG = {"type": "log", "exponentformat": "power"}
MIN_RMS = 1e-9  # weights of units that never received a gradient are left off the log axis


def norms_figure(norms: pd.DataFrame, height: int = 340) -> dict:
    """Final ‖W‖ of each Dense layer, one bar per run."""
    traces = []
    for run, rows in norms.groupby("run", sort=False):
        traces.append({
            "type": "bar", "x": [t("optimizers.layer", k=int(k)) for k in rows["layer"]],
            "y": rows["weight_norm"].to_numpy(), "name": t(f"optimizers.run_{run}"),
            "marker": {"color": RUN_COLORS[str(run)]}, "hovertemplate": "%{y:.2f}",
        })  # fmt: skip
    fig = layout(title=t("optimizers.norms_title"), x_title=t("optimizers.layer_axis"),
                 y_title="‖W‖", height=height)  # fmt: skip
    return {"data": traces, "layout": house(merged(fig, {"barmode": "group"}))}


def effective_decay_figure(effective: pd.DataFrame, height: int = 340) -> dict:
    """Each weight's effective decay coefficient against √v̂, Adam + L2 and AdamW (log-log);
    weights whose √v̂ is below MIN_RMS (dead units) are left out."""
    traces = []
    for run in ("adam_l2", "adamw"):
        rows = effective[(effective["run"] == run) & (effective["rms_grad"] > MIN_RMS)]
        if rows.empty or not (rows["rate"] > 0).any():
            continue
        traces.append({
            "type": "scatter", "mode": "markers", "x": rows["rms_grad"].to_numpy(),
            "y": rows["rate"].to_numpy(), "name": t(f"optimizers.run_{run}"),
            "marker": {"color": RUN_COLORS[run], "size": 5, "opacity": 0.6},
            "hovertemplate": "√v̂=%{x:.2g}<br>λ_eff=%{y:.3g}<extra></extra>",
        })  # fmt: skip
    fig = layout(title=t("optimizers.effective_title"), x_title=t("optimizers.effective_x"),
                 y_title=t("optimizers.effective_y"), height=height)  # fmt: skip
    patch = {"xaxis": LOG, "yaxis": LOG, "hovermode": "closest"}
    return {"data": traces, "layout": house(merged(fig, patch))}


def accuracy_figure(history: pd.DataFrame, height: int = 320) -> dict:
    """Test accuracy per epoch of the three runs."""
    traces = [
        line(rows["epoch"], rows["test_acc"], t(f"optimizers.run_{run}"), RUN_COLORS[str(run)],
             fmt="%{y:.1%}")
        for run, rows in history.groupby("run", sort=False)
    ]  # fmt: skip
    fig = layout(title=t("optimizers.acc_title"), x_title=t("optimizers.epoch"),
                 y_title=t("optimizers.test_acc"), height=height)  # fmt: skip
    return {"data": traces, "layout": house(merged(fig, {"yaxis": {"tickformat": ".0%"}}))}


def _per_schedule(runs: pd.DataFrame, column: str, fmt: str) -> list[dict]:
    return [
        line(rows["epoch"], rows[column], t(f"optimizers.sched_{name}"),
             SCHEDULE_COLORS[str(name)], fmt=fmt)
        for name, rows in runs.groupby("schedule", sort=False)
    ]  # fmt: skip


def lr_figure(runs: pd.DataFrame, height: int = 320) -> dict:
    fig = layout(title=t("optimizers.lr_title"), x_title=t("optimizers.epoch"),
                 y_title=t("optimizers.lr_axis"), height=height)  # fmt: skip
    return {"data": _per_schedule(runs, "lr", "%{y:.3g}"), "layout": house(fig)}


def schedule_loss_figure(runs: pd.DataFrame, height: int = 320) -> dict:
    fig = layout(title=t("optimizers.schedule_loss_title"), x_title=t("optimizers.epoch"),
                 y_title=t("optimizers.train_loss"), height=height)  # fmt: skip
    return {"data": _per_schedule(runs, "train_loss", "%{y:.4f}"), "layout": house(fig)}


def range_figure(table: pd.DataFrame, suggestion: float | None, height: int = 320) -> dict:
    """Loss against the learning rate (log axis), raw and smoothed, the suggestion marked."""
    traces = [
        line(table["lr"], table["loss"], t("optimizers.range_raw"), "#bbbbbb", fmt="%{y:.3f}"),
        line(table["lr"], table["smoothed"], t("optimizers.range_smoothed"), "#1f77b4",
             fmt="%{y:.3f}"),
    ]  # fmt: skip
    fig = layout(title=t("optimizers.range_chart"), x_title=t("optimizers.lr_axis"),
                 y_title=t("optimizers.train_loss"), height=height)  # fmt: skip
    top = 2.0 * float(table["smoothed"].iloc[0]) if len(table) else 1.0
    patch: dict = {"xaxis": LOG, "yaxis": {"range": [0, top]}}  # the final blow-up runs off
    if suggestion is not None:
        patch["shapes"] = [{"type": "line", "xref": "x", "yref": "paper", "x0": suggestion,
                            "x1": suggestion, "y0": 0, "y1": 1,
                            "line": {"color": "#2ca02c", "width": 2, "dash": "dot"}}]  # fmt: skip
    return {"data": traces, "layout": house(merged(fig, patch))}


def noise_figure(noise: pd.DataFrame, height: int = 340) -> dict:
    """Measured and exact E‖g_B − g‖² against B (log-log), and ‖g‖² for scale."""
    rows = noise[noise["batch"] < noise["batch"].max()]  # 0 at B = N has no place on a log axis
    traces = [
        {**line(rows["batch"], rows["measured"], t("optimizers.noise_measured"), "#d62728",
                fmt="%{y:.3g}"), "mode": "lines+markers"},
        line(rows["batch"], rows["exact"], t("optimizers.noise_exact"), "#1f77b4", fmt="%{y:.3g}",
             dash="dot"),
        line(rows["batch"], rows["full"], t("optimizers.noise_signal"), "#7f7f7f", fmt="%{y:.3g}",
             dash="dash"),
    ]  # fmt: skip
    fig = layout(title=t("optimizers.noise_title"), x_title=t("optimizers.batch_axis"),
                 y_title=t("optimizers.noise_y"), height=height)  # fmt: skip
    return {"data": traces, "layout": house(merged(fig, {"xaxis": LOG, "yaxis": LOG}))}


def scaling_figure(runs: pd.DataFrame, height: int = 340) -> dict:
    """Final training loss against the factor k, with and without scaling the rate."""
    last = runs.groupby(["k", "rule"], sort=False).tail(1)
    traces = []
    for rule, color in ((True, "#1f77b4"), (False, "#d62728")):
        rows = last[last["rule"] == rule].sort_values("k")
        label = t("optimizers.scaled" if rule else "optimizers.unscaled")
        traces.append({
            **line(rows["k"], rows["train_loss"], label, color, fmt="%{y:.3f}"),
            "mode": "lines+markers", "customdata": rows[["batch", "lr"]].to_numpy(),
            "hovertemplate": f"k=%{{x}}, {t('optimizers.batch_word')} %{{customdata[0]}}, "
            f"lr %{{customdata[1]:.3g}}: %{{y:.3f}}<extra></extra>",
        })  # fmt: skip
    fig = layout(title=t("optimizers.scaling_chart"), x_title=t("optimizers.k_axis"),
                 y_title=t("optimizers.final_loss"), height=height)  # fmt: skip
    patch = {"xaxis": {"type": "log", "tickvals": sorted(last["k"].unique())}, "yaxis": LOG,
             "hovermode": "closest"}  # fmt: skip
    return {"data": traces, "layout": house(merged(fig, patch))}
