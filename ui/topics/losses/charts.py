"""Figures of the losses page: gradients at the output, the wrong-start race, overflow and the
two heads. Each builder looks up its own labels (``t``); callers pass data. Built as dicts (the
house style of ui/charts/common.layout): cheap to redraw on every slider move."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ui.charts.common import layout, merged
from ui.i18n import t

CE = "#1f77b4"  # cross-entropy, and everything "right"
MSE = "#d62728"  # MSE on a sigmoid, and everything that breaks
EXACT = "#7f7f7f"
STABLE = "#2ca02c"
SOFTMAX, SIGMOID = "#1f77b4", "#ff7f0e"
LOSS_COLORS = {"ce": CE, "mse": MSE}


def house(figure_layout: dict, top: int = 100) -> dict:
    """The title at the very top, the horizontal legend below it: they never overlap, even when
    a narrow column wraps the legend onto two rows."""
    return merged(figure_layout, {
        "title": {"yref": "container", "y": 1.0, "yanchor": "top", "pad": {"t": 12}},
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0.0},
        "margin": {"t": top},
    })  # fmt: skip


def _line(x, y, name: str, color: str, fmt: str = "%{y:.4g}", dash: str = "solid", **extra):
    return {"type": "scatter", "x": np.asarray(x), "y": np.asarray(y), "mode": "lines",
            "name": name, "line": {"color": color, "dash": dash, "width": 2.5},
            "hovertemplate": fmt, **extra}  # fmt: skip


def _vline(x: float, color: str = "#999", dash: str = "dot") -> dict:
    return {"type": "line", "xref": "x", "yref": "paper", "x0": x, "x1": x, "y0": 0, "y1": 1,
            "line": {"color": color, "width": 1.5, "dash": dash}}  # fmt: skip


def gradient_figure(curves: pd.DataFrame, z0: float, log_y: bool, height: int = 380) -> dict:
    """|∂L/∂z| (log) or ∂L/∂z against z for cross-entropy and MSE, a dotted line at ``z0``."""
    z = curves["z"].to_numpy()
    names = {"ce": t("losses.name_ce"), "mse": t("losses.name_mse")}
    traces = []
    for key in ("ce", "mse"):
        values = curves[f"{key}_grad"].to_numpy()
        traces.append(_line(z, np.abs(values) if log_y else values, names[key], LOSS_COLORS[key],
                            fmt="%{y:.3g}"))  # fmt: skip
    traces.append(_line(z, curves["p"].to_numpy(), t("losses.name_p"), EXACT, fmt="%{y:.4g}",
                        dash="dot", yaxis="y2"))  # fmt: skip
    y_title = t("losses.grad_abs_y") if log_y else t("losses.grad_y")
    fig = layout(title=t("losses.grad_title"), x_title=t("losses.logit_z"), y_title=y_title,
                 height=height)  # fmt: skip
    patch = {
        "shapes": [_vline(z0)],
        "yaxis2": {
            "overlaying": "y",
            "side": "right",
            "range": [0, 1],
            "tickvals": [0, 0.25, 0.5, 0.75, 1],
            "showgrid": False,
            "title": {"text": t("losses.name_p")},
        },
        "margin": {"r": 50},
    }
    if log_y:
        patch["yaxis"] = {"type": "log", "exponentformat": "power"}
    return {"data": traces, "layout": house(merged(fig, patch))}


def loss_figure(curves: pd.DataFrame, z0: float, height: int = 300) -> dict:
    """Each loss against z (its value for one example), a dotted line at ``z0``."""
    z = curves["z"].to_numpy()
    traces = [
        _line(z, curves["ce_loss"], t("losses.name_ce"), CE),
        _line(z, curves["mse_loss"], t("losses.name_mse"), MSE),
    ]
    fig = layout(title=t("losses.loss_title"), x_title=t("losses.logit_z"),
                 y_title=t("common.loss"), height=height)  # fmt: skip
    return {"data": traces, "layout": house(merged(fig, {"shapes": [_vline(z0)]}))}


def race_loss_figure(history: pd.DataFrame, loss_name: str, height: int = 300) -> dict:
    """One run's own training loss per epoch (the "side by side" pair: one figure each)."""
    rows = history[history["loss_name"] == loss_name]
    name = t(f"losses.name_{loss_name}")
    trace = _line(rows["epoch"], rows["loss"], name, LOSS_COLORS[loss_name])
    fig = layout(title=t("losses.race_loss_title", loss=name), x_title=t("common.epoch"),
                 y_title=t("common.loss"), height=height)  # fmt: skip
    return {
        "data": [trace],
        "layout": merged(fig, {"showlegend": False, "yaxis": {"rangemode": "tozero"}}),
    }


def race_figure(history: pd.DataFrame, column: str, height: int = 300) -> dict:
    """Both runs' ``column`` ("acc" or "grad", the latter on a log axis) per epoch."""
    traces = []
    for key in ("mse", "ce"):
        rows = history[history["loss_name"] == key]
        fmt = "%{y:.1%}" if column == "acc" else "%{y:.3g}"
        traces.append(_line(rows["epoch"], rows[column], t(f"losses.name_{key}"),
                            LOSS_COLORS[key], fmt=fmt))  # fmt: skip
    fig = layout(title=t(f"losses.race_{column}_title"), x_title=t("common.epoch"),
                 y_title=t(f"losses.race_{column}_y"), height=height)  # fmt: skip
    axis = {"tickformat": ".0%", "range": [-0.02, 1.02]} if column == "acc" else {
        "type": "log", "exponentformat": "power"}  # fmt: skip
    return {"data": traces, "layout": house(merged(fig, {"yaxis": axis}))}


def overflow_figure(table: pd.DataFrame, limit: float, height: int = 400) -> dict:
    """The exact, stable and naive loss against the logit scale (log–log); the naive line stops
    where it becomes NaN or inf, and a dashed line marks where."""
    s = table["s"].to_numpy()
    naive = table["naive"].to_numpy().copy()
    naive[~np.isfinite(naive)] = np.nan  # a gap where the naive formula broke
    traces = [
        _line(s, table["exact"], t("losses.of_exact"), EXACT, fmt="%{y:.6g}", dash="dot"),
        {
            **_line(s, table["stable"], t("losses.of_stable"), STABLE, fmt="%{y:.6g}"),
            "mode": "lines",
        },
        {**_line(s, naive, t("losses.of_naive"), MSE, fmt="%{y:.6g}"), "connectgaps": False},
    ]
    fig = layout(title=t("losses.of_title"), x_title=t("losses.of_x"),
                 y_title=t("common.loss"), height=height)  # fmt: skip
    note = {"x": np.log10(limit), "xref": "x", "yref": "paper", "y": 1.0, "yanchor": "top",
            "xanchor": "right", "showarrow": False, "font": {"color": MSE},
            "text": t("losses.of_breaks", s=f"{limit:.2f}")}  # fmt: skip
    patch = {
        "xaxis": {"type": "log", "exponentformat": "power"},
        "yaxis": {"type": "log", "exponentformat": "power"},
        "shapes": [_vline(limit, MSE, "dash")],
        "annotations": [note],
    }
    return {"data": traces, "layout": house(merged(fig, patch))}


def error_figure(table: pd.DataFrame, height: int = 300) -> dict:
    """Relative error against the 40-digit value, naive and stable (log–log; the naive line
    stops where it broke; an error of 0 is drawn at 1e-17, below float64's resolution)."""
    s = table["s"].to_numpy()
    floor = 1e-17
    traces = [
        _line(
            s,
            np.maximum(table["stable_rel_error"].to_numpy(), floor),
            t("losses.of_stable"),
            STABLE,
            fmt="%{y:.2e}",
        ),
        _line(
            s,
            np.maximum(table["naive_rel_error"].to_numpy(), floor),
            t("losses.of_naive"),
            MSE,
            fmt="%{y:.2e}",
        ),
    ]
    for trace, size in zip(traces, (7, 5), strict=True):  # an exact 0 sits on the floor
        trace.update(mode="markers", marker={"color": trace["line"]["color"], "size": size})
    fig = layout(title=t("losses.of_err_title"), x_title=t("losses.of_x"),
                 y_title=t("losses.of_err_y"), height=height)  # fmt: skip
    patch = {"xaxis": {"type": "log", "exponentformat": "power"},
             "yaxis": {"type": "log", "exponentformat": "power"}}  # fmt: skip
    return {"data": traces, "layout": house(merged(fig, patch))}


def heads_figure(table: pd.DataFrame, height: int = 340) -> dict:
    """Softmax and sigmoid probability of each class, side by side."""
    classes = [t("losses.heads_class", k=int(k)) for k in table["class"]]
    traces = [
        {
            "type": "bar",
            "x": classes,
            "y": table[column].to_numpy(),
            "name": t(f"losses.name_{column}"),
            "marker": {"color": color},
            "text": [f"{v:.3f}" for v in table[column]],
            "textposition": "outside",
            "hovertemplate": "%{y:.4f}",
        }
        for column, color in (("softmax", SOFTMAX), ("sigmoid", SIGMOID))
    ]
    fig = layout(title=t("losses.heads_title"), x_title="", y_title=t("losses.heads_y"),
                 height=height)  # fmt: skip
    patch = {"barmode": "group", "yaxis": {"range": [0, 1.15]}, "hovermode": "x unified"}
    return {"data": traces, "layout": house(merged(fig, patch))}
