"""Figures of the playground over the box and over epochs: the output map, an enlarged unit, the
loss curve with mid-run change markers, per-layer diagnostics (the network diagram:
network_chart.py). Each builder looks up its own labels.

The playground redraws these several times a second, so they are built as plain Plotly
figure dicts (``{"data": [...], "layout": {...}}``) and drawn without plotly.py's
validation (see ui.components.live_charts.drawable). They keep the house style of
ui.charts.common.layout (title left, legend on top, compact margins). Colours follow the
rest of the app: class 0 / negative values blue, class 1 / positive values orange.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from qa_core.labs import playground as pg
from qa_core.labs.playground.session import Change, Snapshot
from ui.charts.common import layout
from ui.charts.training import CLASS_COLORS, SURFACE_SCALE, run_color
from ui.i18n import t
from ui.topics.playground.names import change_text, unit_name

Figure = dict
DIVERGING = [[0.0, "#1f77b4"], [0.5, "#f7f7f7"], [1.0, "#ff7f0e"]]
LIGHT_DIVERGING = [[0.0, "#9ecae1"], [0.5, "#f7f7f7"], [1.0, "#fdae6b"]]
GREY_SCALE = [[0.0, "#d9d9d9"], [1.0, "#f0f0f0"]]


def symmetric_max(z: np.ndarray) -> float:
    return float(np.max(np.abs(z))) if z.size else 1.0


def grey_overlay(fig: Figure, text: str) -> None:
    """Cover a figure with translucent grey and a label: the run has diverged."""
    fig["layout"].setdefault("shapes", []).append(
        {
            "type": "rect",
            "xref": "paper",
            "yref": "paper",
            "x0": 0,
            "y0": 0,
            "x1": 1,
            "y1": 1,
            "fillcolor": "rgba(128,128,128,0.45)",
            "line": {"width": 0},
            "layer": "above",
        }
    )
    fig["layout"].setdefault("annotations", []).append(
        {
            "text": f"<b>{text}</b>",
            "xref": "paper",
            "yref": "paper",
            "x": 0.5,
            "y": 0.5,
            "showarrow": False,
            "font": {"size": 20, "color": "#b30000"},
            "bgcolor": "rgba(255,255,255,0.8)",
        }
    )


# -- maps over the box ---------------------------------------------------------------------------


def _square(fig: Figure, axis: np.ndarray) -> None:
    extent = [float(axis[0]), float(axis[-1])]
    fig["layout"]["xaxis"].update(range=extent, constrain="domain")
    fig["layout"]["yaxis"].update(range=extent, scaleanchor="x", scaleratio=1, constrain="domain")


def output_figure(
    *,
    axis: np.ndarray,
    z: np.ndarray,
    points: Mapping[str, np.ndarray],
    task: str,
    show_test: bool,
    diverged: bool = False,
    height: int = 430,
) -> Figure:
    """The network's output over the box with the training (and test) points on top.

    Classification: P(class 1) from blue (0) through white (0.5, the boundary) to orange (1);
    points coloured by class (training ●, test ◇). No contour line: it is the costliest part
    to redraw several times a second, and "discretise" shows the boundary sharply.
    Regression: the prediction on a symmetric blue–orange scale, points coloured by their
    target on the same scale. A diverged run is greyed out.
    """
    regression = task == "regression"
    title = t("playground.output_title_regression" if regression else "playground.output_title")
    value_label = t("playground.value")
    zf = np.asarray(z, dtype=np.float32)  # ample for colour; halves what the browser gets
    if regression:
        vmax = max(float(np.max(np.abs(z))), float(np.max(np.abs(points["y_train"]))), 1e-9)
        zmin, zmax, scale = -vmax, vmax, LIGHT_DIVERGING
    else:
        zmin, zmax, scale = 0.0, 1.0, SURFACE_SCALE
    data: list[dict] = [
        {
            "type": "heatmap",
            "x": axis,
            "y": axis,
            "z": zf,
            "zmin": zmin,
            "zmax": zmax,
            "colorscale": GREY_SCALE if diverged else scale,
            "showscale": regression,
            "colorbar": {"thickness": 10, "len": 0.8},
            "hovertemplate": f"x1=%{{x:.2f}}<br>x2=%{{y:.2f}}<br>{value_label}=%{{z:.3f}}"
            "<extra></extra>",
        }
    ]
    splits = [("train", "circle")] + ([("test", "diamond-open")] if show_test else [])
    for split, symbol in splits:
        x, y = points[f"x_{split}"], points[f"y_{split}"]
        edge = {"width": 0.5, "color": "white"} if split == "train" else {"width": 1.5}
        name = t(f"common.{split}")
        if regression:
            data.append(
                {
                    "type": "scatter",
                    "x": x[:, 0],
                    "y": x[:, 1],
                    "mode": "markers",
                    "name": name,
                    "marker": {"symbol": symbol, "size": 6, "color": y, "colorscale": DIVERGING,
                               "cmin": zmin, "cmax": zmax,
                               "line": {"width": edge["width"], "color": "#333"}},
                    "hovertemplate": "(%{x:.2f}, %{y:.2f}) → %{marker.color:.3f}<extra></extra>",
                }
            )  # fmt: skip
            continue
        for cls in (0, 1):
            mask = y == cls
            data.append(
                {
                    "type": "scatter",
                    "x": x[mask, 0],
                    "y": x[mask, 1],
                    "mode": "markers",
                    "name": f"{name} {cls}",
                    "marker": {"symbol": symbol, "size": 6, "color": CLASS_COLORS[cls],
                               "line": {"color": CLASS_COLORS[cls], **edge}},
                    "hovertemplate": "(%{x:.2f}, %{y:.2f})<extra></extra>",
                }
            )  # fmt: skip
    fig = {"data": data, "layout": layout(title=title, x_title="x1", y_title="x2", height=height)}
    fig["layout"].update(
        hovermode="closest",
        legend={"orientation": "h", "yanchor": "top", "y": -0.12, "x": 0.0},
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
    )
    _square(fig, axis)
    if diverged:
        grey_overlay(fig, t("playground.diverged_label"))
    return fig


def unit_figure(snap: Snapshot, uid: str, features: Sequence[str], height: int = 380) -> Figure:
    """One unit of ``snap`` (by id; the network's input ``features`` by id) over the box,
    large, its value on hover: 0 white, ± blue/orange, or for a classifier's output (a
    probability) 0 blue … 1 orange."""
    z = pg.unit_map(snap, uid)
    vmax = symmetric_max(z) or 1.0
    zmin, zmax = (0.0, 1.0) if pg.is_probability(uid, snap.task) else (-vmax, vmax)
    value_label = t("playground.value")
    heat = {
        "type": "heatmap",
        "x": snap.axis,
        "y": snap.axis,
        "z": np.asarray(z, dtype=np.float32),
        "zmin": zmin,
        "zmax": zmax,
        "colorscale": DIVERGING,
        "colorbar": {"thickness": 10, "len": 0.8},
        "hovertemplate": f"x1=%{{x:.2f}}<br>x2=%{{y:.2f}}<br>{value_label}=%{{z:.4g}}"
        "<extra></extra>",
    }
    title = t("playground.enlarge_title", name=unit_name(uid, features))
    fig = {"data": [heat], "layout": layout(title=title, x_title="x1", y_title="x2", height=height)}
    fig["layout"].update(hovermode="closest")
    _square(fig, snap.axis)
    return fig


# -- curves over epochs -----------------------------------------------------------------------------


def mark_changes(fig: Figure, changes: Sequence[Change]) -> Figure:
    """A dotted vertical line and a label where each mid-run change took effect (between the
    epoch it followed and the next)."""
    shapes = fig["layout"].setdefault("shapes", [])
    annotations = fig["layout"].setdefault("annotations", [])
    for i, change in enumerate(changes):
        x = change.epoch + 0.5
        shapes.append(
            {
                "type": "line",
                "xref": "x",
                "yref": "paper",
                "x0": x,
                "x1": x,
                "y0": 0,
                "y1": 1,
                "line": {"color": "#7f7f7f", "dash": "dot", "width": 1.5},
            }
        )
        annotations.append(
            {
                "x": x,
                "y": 1.0 - 0.1 * (i % 4),
                "xref": "x",
                "yref": "paper",
                "text": change_text(change),
                "showarrow": False,
                "xanchor": "left",
                "yanchor": "top",
                "font": {"size": 10, "color": "#555"},
                "bgcolor": "rgba(255,255,255,0.7)",
            }
        )
    return fig


def loss_figure(
    history: pd.DataFrame,
    *,
    changes: Sequence[Change],
    diverged: bool = False,
    height: int = 300,
) -> Figure:
    """Training (solid) and test (dashed) loss per epoch, change markers, grey if diverged."""
    data = [
        {
            "type": "scatter",
            "x": history["epoch"].to_numpy(),
            "y": history[f"{split}_loss"].to_numpy(dtype=float),
            "name": t(f"common.{split}"),
            "mode": "lines",
            "line": {"color": color, "dash": dash},
            "hovertemplate": "%{y:.4g}",
        }
        for split, color, dash in (("train", "#1f77b4", "solid"), ("test", "#d62728", "dash"))
    ]
    fig = {
        "data": data,
        "layout": layout(title=t("playground.loss_title"), x_title=t("common.epoch"),
                         y_title=t("common.loss"), height=height),
    }  # fmt: skip
    mark_changes(fig, changes)
    if diverged:
        grey_overlay(fig, t("playground.diverged_label"))
    return fig


def diagnostic_figure(
    history: pd.DataFrame,
    diagnostic: str,
    *,
    n_hidden: int,
    changes: Sequence[Change],
    height: int = 300,
) -> Figure:
    """One line per layer of ``diagnostic`` (one of qa_core's DIAGNOSTICS) over the epochs, as
    ui.charts.training.per_layer_figure, with change markers; gradient norms on a log scale.
    ``n_hidden`` hidden layers, then the output layer."""
    names = [t("common.layer", i=i + 1) for i in range(n_hidden)]
    names.append(t("playground.layer_output"))
    data = [
        {
            "type": "scatter",
            "x": history["epoch"].to_numpy(),
            "y": history[column].to_numpy(dtype=float),
            "name": names[i] if i < len(names) else column,
            "mode": "lines",
            "line": {"color": run_color(i)},
            "hovertemplate": "%{y:.4g}",
        }
        for i, column in pg.layer_columns(history, diagnostic)
    ]
    fig = {
        "data": data,
        "layout": layout(title=t(f"playground.diag_{diagnostic}_title"), x_title=t("common.epoch"),
                         y_title=t(f"playground.diag_{diagnostic}"), height=height),
    }  # fmt: skip
    if diagnostic == "grad":
        fig["layout"]["yaxis"].update(type="log", exponentformat="power")
    return mark_changes(fig, changes)


__all__ = [
    "diagnostic_figure",
    "grey_overlay",
    "loss_figure",
    "mark_changes",
    "output_figure",
    "symmetric_max",
    "unit_figure",
]
