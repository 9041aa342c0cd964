"""Figures of the normalisation page: the tensor with the averaged cells highlighted, accuracy and
train/eval gap against batch size, one example's output in many batches, accuracy against the
learning rate, and the gradient norm per block of pre- and post-norm stacks. Each builder looks
up its own labels (``t``); callers pass data. Built as dicts (ui/charts/common.layout)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from qa_core.labs.normalization.axes import AxesView
from ui.charts.common import layout, merged
from ui.i18n import t

NORM_COLORS = {
    "none": "#7f7f7f",
    "batch": "#d62728",
    "layer": "#1f77b4",
    "instance": "#8c564b",
    "group": "#2ca02c",
    "rms": "#9467bd",
}
PLACEMENT_COLORS = {"post": "#d62728", "pre": "#1f77b4"}
MODE_SYMBOLS = {"train": "circle", "eval": "diamond-open"}


def norm_name(norm: str) -> str:
    return t(f"normalization.norm_{norm}")


def _house(fig: dict, top: int = 100) -> dict:
    """Title at the top, the horizontal legend below it (never overlapping)."""
    return merged(fig, {
        "title": {"yref": "container", "y": 1.0, "yanchor": "top", "pad": {"t": 12}},
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0.0},
        "margin": {"t": top},
    })  # fmt: skip


def axes_figure(v: AxesView, height: int = 340) -> dict:
    """The tensor as N rows × (C · H · W) columns, channel by channel; the cells averaged with
    the chosen one in colour, each value written in its cell when there is room; hover: x, x̂."""
    n, c, h, w = v.x.shape
    flat = v.x.reshape(n, c * h * w)
    xhat = v.normalised.reshape(n, c * h * w)
    sel = v.selected.reshape(n, c * h * w).astype(float)
    k = h * w
    rows = [t("normalization.example_n", n=i + 1) for i in range(n)]
    channel = np.repeat(np.arange(1, c + 1), k)
    position = np.tile(np.arange(1, k + 1), c)
    grid = np.broadcast_to
    custom = np.stack([flat, xhat, grid(channel, flat.shape), grid(position, flat.shape)], axis=-1)
    trace = {
        "type": "heatmap", "z": sel, "x": np.arange(c * k), "y": rows, "customdata": custom,
        "showscale": False,
        "zmin": 0, "zmax": 1, "xgap": 2, "ygap": 2,
        "colorscale": [[0, "rgba(128, 128, 128, 0.22)"], [1, NORM_COLORS[v.kind]]],
        "hovertemplate": "%{y}, c%{customdata[2]} · %{customdata[3]}<br>x = %{customdata[0]:.3f}"
                         "<br>x̂ = %{customdata[1]:.3f}<extra></extra>",
    }  # fmt: skip
    if c * k <= 16:  # room to write each value in its cell
        trace |= {"text": np.vectorize(lambda a: f"{a:.1f}")(flat), "texttemplate": "%{text}"}
    bounds = [
        {"type": "line", "xref": "x", "yref": "paper", "x0": ci * k - 0.5, "x1": ci * k - 0.5,
         "y0": 0, "y1": 1, "line": {"color": "rgba(128, 128, 128, 0.9)", "width": 2}}
        for ci in range(1, c)
    ]  # fmt: skip
    fig = layout(title=t("normalization.axes_title", norm=norm_name(v.kind)),
                 x_title=t("normalization.axes_x"), y_title="", height=height)  # fmt: skip
    patch = {
        "shapes": bounds,
        "hovermode": "closest",
        "yaxis": {"autorange": "reversed"},
        "xaxis": {
            "tickmode": "array",
            "tickvals": [ci * k + (k - 1) / 2 for ci in range(c)],
            "ticktext": [f"c{ci + 1}" for ci in range(c)],
            "showgrid": False,
            "zeroline": False,
        },
    }
    return {"data": [trace], "layout": merged(fig, patch)}


def _norm_lines(frame: pd.DataFrame, x: str, y: str, fmt: str, x_fmt: str) -> list[dict]:
    traces = []
    for norm, part in frame.groupby("norm", sort=False):
        traces.append({
            "type": "scatter", "mode": "lines+markers", "name": norm_name(norm),
            "x": part[x].to_numpy(), "y": part[y].to_numpy(),
            "line": {"color": NORM_COLORS[norm], "width": 2.5}, "marker": {"size": 8},
            "hovertemplate": f"{x_fmt}: %{{x}}<br>{fmt}",
        })  # fmt: skip
    return traces


def sweep_figure(frame: pd.DataFrame, metric: str, height: int = 340) -> dict:
    """Test accuracy (``test_acc``) or the train/eval gap (``gap``) against batch size."""
    fmt = "%{y:.1%}" if metric == "test_acc" else "%{y:+.1%}"
    traces = _norm_lines(frame, "batch_size", metric, fmt, t("normalization.batch_size"))
    fig = layout(title=t(f"normalization.sweep_{metric}_title"),
                 x_title=t("normalization.batch_size"),
                 y_title=t(f"normalization.sweep_{metric}_y"), height=height)  # fmt: skip
    ticks = sorted(frame["batch_size"].unique().tolist())
    patch = {
        "xaxis": {"type": "log", "tickmode": "array", "tickvals": ticks, "ticktext": ticks},
        "yaxis": {"tickformat": ".0%"},
    }
    return {"data": traces, "layout": _house(merged(fig, patch))}


def modes_figure(frame: pd.DataFrame, height: int = 360) -> dict:
    """The probe's first output feature in every batch: one column per norm, training-mode
    points beside eval-mode points."""
    traces = []
    order = list(dict.fromkeys(frame["norm"]))
    for mode, offset in (("train", -0.15), ("eval", 0.15)):
        part = frame[frame["mode"] == mode]
        xs = np.array([order.index(nm) for nm in part["norm"]]) + offset
        traces.append({
            "type": "scatter", "mode": "markers", "name": t(f"normalization.mode_{mode}"),
            "x": xs, "y": part["y0"].to_numpy(),
            "customdata": np.stack([[norm_name(nm) for nm in part["norm"]],
                                    part["batch"].to_numpy() + 1], axis=-1),
            "marker": {"symbol": MODE_SYMBOLS[mode], "size": 9,
                       "color": [NORM_COLORS[nm] for nm in part["norm"]]},
            "hovertemplate": "%{customdata[0]} · " + t("normalization.batch_k")
                             + " %{customdata[1]}<br>y₀ = %{y:.4f}",
        })  # fmt: skip
    fig = layout(title=t("normalization.modes_title"), x_title="",
                 y_title=t("normalization.modes_y"), height=height)  # fmt: skip
    patch = {
        "hovermode": "closest",
        "xaxis": {"tickmode": "array", "tickvals": list(range(len(order))),
                  "ticktext": [norm_name(nm) for nm in order], "range": [-0.6, len(order) - 0.4]},
    }  # fmt: skip
    return {"data": traces, "layout": _house(merged(fig, patch))}


def lr_figure(frame: pd.DataFrame, target: float, height: int = 360) -> dict:
    """Test accuracy against the learning rate per norm; a cross where the run diverged."""
    traces = _norm_lines(frame, "lr", "test_acc", "%{y:.1%}", t("normalization.lr"))
    for trace, (_, part) in zip(traces, frame.groupby("norm", sort=False), strict=True):
        trace["marker"]["symbol"] = ["x" if d else "circle" for d in part["diverged"]]
    fig = layout(title=t("normalization.lr_title"), x_title=t("normalization.lr"),
                 y_title=t("normalization.sweep_test_acc_y"), height=height)  # fmt: skip
    line = {"type": "line", "xref": "paper", "yref": "y", "x0": 0, "x1": 1, "y0": target,
            "y1": target, "line": {"color": "#999", "dash": "dot", "width": 1.5}}  # fmt: skip
    patch = {"xaxis": {"type": "log"}, "yaxis": {"tickformat": ".0%"}, "shapes": [line]}
    return {"data": traces, "layout": _house(merged(fig, patch))}


def placement_figure(frame: pd.DataFrame, log_y: bool, height: int = 340) -> dict:
    """Each block's gradient norm at initialisation, post-norm against pre-norm."""
    traces = []
    for where, part in frame.groupby("placement", sort=False):
        traces.append({
            "type": "scatter", "mode": "lines+markers", "name": t(f"normalization.place_{where}"),
            "x": part["block"].to_numpy(), "y": part["grad_norm"].to_numpy(),
            "line": {"color": PLACEMENT_COLORS[where], "width": 2.5},
            "hovertemplate": "%{y:.3g}",
        })  # fmt: skip
    fig = layout(title=t("normalization.place_title"), x_title=t("normalization.place_x"),
                 y_title=t("normalization.place_y"), height=height)  # fmt: skip
    patch = {"yaxis": {"type": "log" if log_y else "linear"}}
    return {"data": traces, "layout": _house(merged(fig, patch))}
