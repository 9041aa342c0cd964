"""Figures of the optimisers page: the race on a surface (contours, paths, loss per step) and
Adam's bias correction. Each builder looks up its own labels (``t``); callers pass data. Built
as dicts (the house style of ui/charts/common.layout): cheap to redraw on every slider move."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ui.charts.common import layout, merged
from ui.i18n import t

COLORS = {
    "sgd": "#7f7f7f",
    "momentum": "#1f77b4",
    "nesterov": "#17becf",
    "adagrad": "#bcbd22",
    "rmsprop": "#ff7f0e",
    "adam": "#d62728",
    "adamw": "#9467bd",
}
RAW, CORRECTED, FACTOR = "#d62728", "#1f77b4", "#7f7f7f"
FLOOR = 1e-12  # the loss-gap chart's log axis stops here


def name(optimizer: str) -> str:
    return t(f"optimizers.opt_{optimizer}")


def house(figure_layout: dict, top: int = 100) -> dict:
    """The title at the very top, the horizontal legend below it (as the losses page)."""
    return merged(figure_layout, {
        "title": {"yref": "container", "y": 1.0, "yanchor": "top", "pad": {"t": 12}},
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0.0},
        "margin": {"t": top},
    })  # fmt: skip


def line(x, y, label: str, color: str, fmt: str = "%{y:.4g}", dash: str = "solid", **extra):
    return {"type": "scatter", "x": np.asarray(x), "y": np.asarray(y), "mode": "lines",
            "name": label, "line": {"color": color, "dash": dash, "width": 2.5},
            "hovertemplate": fmt, **extra}  # fmt: skip


def path_figure(
    grid: tuple[np.ndarray, np.ndarray, np.ndarray],
    paths: pd.DataFrame,
    upto: int,
    minima: tuple[tuple[float, float], ...],
    window: tuple[float, float, float, float],
    height: int = 460,
) -> dict:
    """Contours of the surface (log scale), each optimiser's path up to step ``upto`` with a
    marker where it stands, the start and the minima."""
    x, y, f = grid
    low = float(np.min(f))
    levels = np.log10(f - low + 1e-3)
    traces: list[dict] = [{
        "type": "contour", "x": x, "y": y, "z": levels, "showscale": False, "ncontours": 24,
        "colorscale": [[0, "#3182bd"], [1, "#9ecae1"]], "hoverinfo": "skip",
        "contours": {"coloring": "lines"}, "line": {"width": 1.2},
        "showlegend": False, "name": t("optimizers.surface_name"),
    }]  # fmt: skip
    step = t("optimizers.step")
    for optimizer, rows in paths.groupby("optimizer", sort=False):
        shown = rows[rows["step"] <= upto]
        color = COLORS[str(optimizer)]
        fmt = f"{name(optimizer)}<br>{step} %{{customdata}}<br>x=%{{x:.3f}}, y=%{{y:.3f}}<extra></extra>"
        traces.append({
            "type": "scatter", "x": shown["x"].to_numpy(), "y": shown["y"].to_numpy(),
            "customdata": shown["step"].to_numpy(), "mode": "lines", "name": name(optimizer),
            "line": {"color": color, "width": 2.5}, "hovertemplate": fmt,
        })  # fmt: skip
        last = shown.tail(1)
        traces.append({
            "type": "scatter", "x": last["x"].to_numpy(), "y": last["y"].to_numpy(),
            "customdata": last["step"].to_numpy(), "mode": "markers", "showlegend": False,
            "marker": {"color": color, "size": 11, "line": {"color": "white", "width": 1.5}},
            "name": name(optimizer), "hovertemplate": fmt,
        })  # fmt: skip
    if len(paths):
        first = paths.iloc[0]
        traces.append({
            "type": "scatter", "x": [first["x"]], "y": [first["y"]], "mode": "markers",
            "name": t("optimizers.start"), "marker": {"symbol": "circle-open", "size": 14,
            "color": "black", "line": {"width": 2}}, "hovertemplate": "x=%{x:.3f}, y=%{y:.3f}",
        })  # fmt: skip
    traces.append({
        "type": "scatter", "x": [m[0] for m in minima], "y": [m[1] for m in minima],
        "mode": "markers", "name": t("optimizers.minimum"),
        "marker": {"symbol": "star", "size": 14, "color": "gold", "line": {"color": "black",
        "width": 1}}, "hovertemplate": "x=%{x:.2f}, y=%{y:.2f}",
    })  # fmt: skip
    fig = layout(title=t("optimizers.path_title", step=upto), x_title="x", y_title="y",
                 height=height)  # fmt: skip
    patch = {
        "xaxis": {"range": [window[0], window[1]]},
        "yaxis": {"range": [window[2], window[3]]},
        "hovermode": "closest",
    }
    return {"data": traces, "layout": house(merged(fig, patch))}


def race_loss_figure(paths: pd.DataFrame, f_min: float, upto: int, height: int = 340) -> dict:
    """f − f_min per step for each optimiser (log axis), a dotted line at step ``upto``."""
    traces = []
    for optimizer, rows in paths.groupby("optimizer", sort=False):
        gap = np.maximum(rows["loss"].to_numpy() - f_min, FLOOR)
        traces.append(line(rows["step"], gap, name(optimizer), COLORS[str(optimizer)],
                           fmt="%{y:.3g}"))  # fmt: skip
    fig = layout(title=t("optimizers.race_loss_title"), x_title=t("optimizers.step"),
                 y_title=t("optimizers.race_loss_y"), height=height)  # fmt: skip
    patch = {
        "yaxis": {"type": "log", "exponentformat": "power"},
        "shapes": [{"type": "line", "xref": "x", "yref": "paper", "x0": upto, "x1": upto,
                    "y0": 0, "y1": 1, "line": {"color": "#999", "width": 1.5, "dash": "dot"}}],
    }  # fmt: skip
    return {"data": traces, "layout": house(merged(fig, patch))}


def bias_step_figure(table: pd.DataFrame, height: int = 360) -> dict:
    """The step each run took, in units of lr, and the factor (1 − β1^t)/√(1 − β2^t)."""
    s = table["step"]
    traces = [
        line(s, table["step_raw"], t("optimizers.bias_raw"), RAW, fmt="%{y:.3f}"),
        line(s, table["step_corrected"], t("optimizers.bias_corrected"), CORRECTED,
             fmt="%{y:.3f}"),
        line(s, table["factor"], t("optimizers.bias_factor"), FACTOR, fmt="%{y:.3f}",
             dash="dot"),
    ]  # fmt: skip
    fig = layout(title=t("optimizers.bias_step_title"), x_title=t("optimizers.step"),
                 y_title=t("optimizers.bias_step_y"), height=height)  # fmt: skip
    return {"data": traces, "layout": house(fig)}


def bias_moments_figure(table: pd.DataFrame, height: int = 340) -> dict:
    """m and v before and after correction, against the running mean of g and of g²."""
    s = table["step"]
    g = table["grad"].to_numpy()
    steps = np.arange(1, len(g) + 1)
    traces = [
        line(s, table["m"], "m", RAW, fmt="%{y:.4f}"),
        line(s, table["m_hat"], "m̂", CORRECTED, fmt="%{y:.4f}"),
        line(s, np.cumsum(g) / steps, t("optimizers.bias_mean_g"), FACTOR, fmt="%{y:.4f}",
             dash="dot"),
        line(s, np.sqrt(table["v"]), "√v", RAW, fmt="%{y:.4f}", dash="dash"),
        line(s, np.sqrt(table["v_hat"]), "√v̂", CORRECTED, fmt="%{y:.4f}", dash="dash"),
    ]  # fmt: skip
    fig = layout(title=t("optimizers.bias_moments_title"), x_title=t("optimizers.step"),
                 y_title=t("optimizers.bias_moments_y"), height=height)  # fmt: skip
    return {"data": traces, "layout": house(fig)}
