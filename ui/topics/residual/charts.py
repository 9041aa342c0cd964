"""Figures of the residual page: weight traces, per-layer gradients, losses by depth, training
curves and Jacobian spectra. Each builder looks up its own labels (``t``); callers pass data.
Built as dicts in the house style (ui/charts/common.layout)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ui.charts.common import layout, merged
from ui.i18n import t

PLAIN, RESIDUAL = "#d62728", "#1f77b4"
NET_COLORS = {"plain": PLAIN, "residual": RESIDUAL, "post": PLAIN, "pre": RESIDUAL,
              "default": PLAIN, "zero": RESIDUAL}  # fmt: skip
INIT_COLORS = {"xavier": "#ff7f0e", "he": "#d62728", "orthogonal": "#1f77b4"}
UNIT_COLORS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
               "#7f7f7f", "#bcbd22", "#17becf")  # fmt: skip


def house(fig: dict, top: int = 100) -> dict:
    """Title at the top, the horizontal legend below it, so the two never overlap."""
    return merged(fig, {
        "title": {"yref": "container", "y": 1.0, "yanchor": "top", "pad": {"t": 12}},
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0.0},
        "margin": {"t": top},
    })  # fmt: skip


def _line(x, y, name: str, color: str, fmt: str = "%{y:.4g}", dash: str = "solid", **extra):
    return {"type": "scatter", "x": np.asarray(x), "y": np.asarray(y), "mode": "lines",
            "name": name, "line": {"color": color, "dash": dash, "width": 2.5},
            "hovertemplate": fmt, **extra}  # fmt: skip


def _log_y(fig: dict, values=None) -> dict:
    """A log y axis; over many decades a tick every few decades (at most about 8 ticks)."""
    axis = {"type": "log", "exponentformat": "power"}
    v = np.asarray(values if values is not None else [], dtype=float)
    v = v[np.isfinite(v) & (v > 0)]
    if v.size:
        decades = np.ceil(np.log10(v.max())) - np.floor(np.log10(v.min()))
        if decades > 8:
            axis["dtick"] = int(np.ceil(decades / 8))
    return merged(fig, {"yaxis": axis})


def traces_figure(traces: pd.DataFrame, height: int = 360) -> dict:
    """The weight x1 → unit of every first-layer unit against the epoch (one line per unit)."""
    lines = []
    for unit, rows in traces.groupby("unit"):
        color = UNIT_COLORS[int(unit) % len(UNIT_COLORS)]
        lines.append(_line(rows["epoch"], rows["weight"], t("residual.unit", k=int(unit) + 1),
                           color, fmt="%{y:.5g}", showlegend=False))  # fmt: skip
    fig = layout(title=t("residual.sym_title"), x_title=t("residual.epoch"),
                 y_title=t("residual.sym_y"), height=height)  # fmt: skip
    return {"data": lines, "layout": house(fig, top=60)}


def loss_curves_figure(
    curves: pd.DataFrame, by: str, title: str, y: str = "train_loss", log_y: bool = False,
    height: int = 340,
) -> dict:  # fmt: skip
    """One line per value of column ``by`` (names ``residual.name_<value>``): ``y`` per epoch."""
    lines = [
        _line(rows["epoch"], rows[y], t(f"residual.name_{key}"), NET_COLORS[key], fmt="%{y:.4g}")
        for key, rows in curves.groupby(by, sort=False)
    ]
    y_title = t("residual.train_error") if y == "train_error" else t("residual.train_loss")
    fig = layout(title=title, x_title=t("residual.epoch"), y_title=y_title, height=height)
    fig = house(fig)
    return {"data": lines, "layout": _log_y(fig, curves[y]) if log_y else fig}


def grad_layers_figure(table: pd.DataFrame, by: str, title: str, height: int = 360) -> dict:
    """‖∂L/∂W‖ per layer (log axis), one line per value of ``by``."""
    lines = [
        _line(
            rows["layer"],
            rows["grad_norm"],
            t(f"residual.name_{key}"),
            NET_COLORS[key],
            fmt="%{y:.3g}",
            mode="lines+markers",
        )
        for key, rows in table.groupby(by, sort=False)
    ]
    fig = layout(title=title, x_title=t("residual.layer_x"), y_title=t("residual.grad_y"),
                 height=height)  # fmt: skip
    return {"data": lines, "layout": _log_y(house(fig), table["grad_norm"])}


def depth_loss_figure(final: pd.DataFrame, height: int = 340) -> dict:
    """Training loss after the budget against depth, plain and residual; ln 2 dotted."""
    lines = [
        _line(
            rows["depth"],
            rows["train_loss"],
            t(f"residual.name_{net}"),
            NET_COLORS[net],
            fmt="%{y:.3f}",
            mode="lines+markers",
        )
        for net, rows in final.groupby("net", sort=False)
    ]
    fig = layout(title=t("residual.depth_loss_title"), x_title=t("residual.depth_x"),
                 y_title=t("residual.train_loss"), height=height)  # fmt: skip
    chance = {"type": "line", "xref": "paper", "yref": "y", "x0": 0, "x1": 1, "y0": np.log(2),
              "y1": np.log(2), "line": {"color": "#999", "width": 1.5, "dash": "dot"}}  # fmt: skip
    return {"data": lines, "layout": merged(house(fig), {"shapes": [chance]})}


def degradation_figure(runs: pd.DataFrame, height: int = 380) -> dict:
    """Training error per epoch of the four runs: colour = plain/residual, dash = depth."""
    depths = sorted(runs["depth"].unique())
    lines = []
    for (net, depth), rows in runs.groupby(["net", "depth"], sort=False):
        name = t(f"residual.name_{net}_depth", depth=int(depth))
        dash = "dot" if depth == depths[0] else "solid"
        lines.append(_line(rows["epoch"], rows["train_error"], name, NET_COLORS[net],
                           fmt="%{y:.1%}", dash=dash))  # fmt: skip
    fig = layout(title=t("residual.deg_title"), x_title=t("residual.epoch"),
                 y_title=t("residual.train_error"), height=height)  # fmt: skip
    return {"data": lines, "layout": merged(house(fig), {"yaxis": {"tickformat": ".0%"}})}


def ratio_figure(blocks: pd.DataFrame, height: int = 320) -> dict:
    """‖F(x)‖/‖x‖ of every block at the start, both starts, as bars."""
    bars = [
        {
            "type": "bar",
            "x": rows["block"].to_numpy(),
            "y": rows["ratio"].to_numpy(),
            "name": t(f"residual.name_{start}"),
            "marker": {"color": NET_COLORS[start]},
            "hovertemplate": "%{y:.3g}",
        }
        for start, rows in blocks.groupby("start", sort=False)
    ]
    fig = layout(title=t("residual.ratio_title"), x_title=t("residual.block_x"),
                 y_title=t("residual.ratio_y"), height=height)  # fmt: skip
    return {"data": bars, "layout": merged(house(fig), {"barmode": "group"})}


def spectrum_figure(spectra: pd.DataFrame, height: int = 380) -> dict:
    """Singular values of the Jacobian, largest first, one line per init (log axis)."""
    lines = [
        _line(
            rows["rank"],
            rows["singular_value"],
            t(f"residual.init_{init}"),
            INIT_COLORS[init],
            fmt="%{y:.3g}",
        )
        for init, rows in spectra.groupby("init", sort=False)
    ]
    fig = layout(title=t("residual.iso_title"), x_title=t("residual.iso_x"),
                 y_title=t("residual.iso_y"), height=height)  # fmt: skip
    fig = merged(house(fig), {"xaxis": {"tickformat": ".0%"}})
    return {"data": lines, "layout": _log_y(fig, spectra["singular_value"])}
