"""Figures shared by the training experiments: loss curves, decision surfaces, per-layer lines.

The loss curves and decision surfaces are built as plain dicts: a page shows up to a dozen of
them, and building each as a go.Figure validates it property by property, on every run.
Under test they are still validated (ui.components.live_charts.figure_json).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go

from qa_core.engine.summary import RunSummary
from ui.charts.common import base_layout, layout, merged
from ui.i18n import t

RUN_COLORS = (
    "#1f77b4",
    "#d62728",
    "#2ca02c",
    "#9467bd",
    "#ff7f0e",
    "#8c564b",
    "#e377c2",
    "#17becf",
)
CLASS_COLORS = ("#1f77b4", "#ff7f0e")  # class 0, class 1 (also the surface's two ends)
SURFACE_SCALE = [[0.0, "#c6dbef"], [0.5, "#f7f7f7"], [1.0, "#fdd0a2"]]


def run_color(i: int) -> str:
    return RUN_COLORS[i % len(RUN_COLORS)]


def curves_figure(
    histories: Mapping[str, pd.DataFrame],
    *,
    title: str,
    metric: str = "loss",
    log_y: bool = False,
    height: int = 340,
) -> dict:
    """Train (solid) and test (dashed) ``metric`` per epoch, one colour per run."""
    traces = []
    for i, (label, history) in enumerate(histories.items()):
        for split, dash in (("train", "solid"), ("test", "dash")):
            column = f"{split}_{metric}" if metric == "loss" else f"{split}_acc"
            traces.append(
                {
                    "type": "scatter",
                    "x": history["epoch"].to_numpy(),
                    "y": history[column].to_numpy(),
                    "name": f"{label} · {t(f'common.{split}')}",
                    "line": {"color": run_color(i), "dash": dash},
                    "hovertemplate": "%{y:.4g}",
                }
            )
    y_title = t("common.loss") if metric == "loss" else t("common.accuracy")
    figure_layout = layout(title=title, x_title=t("common.epoch"), y_title=y_title, height=height)
    if log_y:
        figure_layout["yaxis"]["type"] = "log"
    return {"data": traces, "layout": figure_layout}


def decision_figure(
    summary: RunSummary, *, title: str, show_test: bool = True, height: int = 300
) -> dict:
    """The run's P(class 1) over the box, with training points (●) and test points (×)."""
    traces: list[dict] = [
        {
            "type": "heatmap",
            "x": summary.axis,
            "y": summary.axis,
            "z": summary.surface,
            "zmin": 0,
            "zmax": 1,
            "colorscale": SURFACE_SCALE,
            "showscale": False,
            "hovertemplate": "x1=%{x:.2f}<br>x2=%{y:.2f}<br>P=%{z:.3f}<extra></extra>",
        },
        {
            "type": "contour",
            "x": summary.axis,
            "y": summary.axis,
            "z": summary.surface,
            "showscale": False,
            "contours": {"start": 0.5, "end": 0.5, "size": 1, "coloring": "none"},
            "line": {"color": "#444", "width": 2},
            "hoverinfo": "skip",
        },
    ]
    splits = [("train", summary.x_train, summary.y_train, "circle", 6)]
    if show_test:
        splits.append(("test", summary.x_test, summary.y_test, "x-thin-open", 5))
    for split, x, y, symbol, size in splits:
        for cls in (0, 1):
            mask = y == cls
            traces.append(
                {
                    "type": "scatter",
                    "x": x[mask, 0],
                    "y": x[mask, 1],
                    "mode": "markers",
                    "name": f"{t(f'common.{split}')} {cls}",
                    "marker": {
                        "symbol": symbol,
                        "size": size,
                        "color": CLASS_COLORS[cls],
                        "line": {
                            "width": 1 if split == "test" else 0.5,
                            "color": "white" if split == "train" else CLASS_COLORS[cls],
                        },
                    },
                    "hovertemplate": "(%{x:.2f}, %{y:.2f})<extra></extra>",
                }
            )
    extent = [float(summary.axis[0]), float(summary.axis[-1])]
    figure_layout = merged(
        layout(title=title, x_title="x1", y_title="x2", height=height),
        {
            "showlegend": False,
            "hovermode": "closest",
            "xaxis": {"range": extent, "constrain": "domain"},
            "yaxis": {"range": extent, "scaleanchor": "x", "scaleratio": 1},
        },
    )
    return {"data": traces, "layout": figure_layout}


def per_layer_figure(
    history: pd.DataFrame,
    prefix: str,
    *,
    title: str,
    y_title: str,
    log_y: bool = False,
    layers: Sequence[int] | None = None,
    height: int = 320,
) -> go.Figure:
    """One line per layer of the numbered columns ``<prefix>_0``, ``<prefix>_1``, … over epochs."""
    columns = [c for c in history.columns if c.startswith(f"{prefix}_")]
    fig = go.Figure()
    for column in columns:
        i = int(column.rsplit("_", 1)[1])
        if layers is not None and i not in layers:
            continue
        fig.add_trace(
            go.Scatter(
                x=history["epoch"],
                y=history[column],
                name=t("common.layer", i=i + 1),
                line={"color": run_color(i)},
                hovertemplate="%{y:.4g}",
            )
        )
    base_layout(fig, title=title, x_title=t("common.epoch"), y_title=y_title, height=height)
    if log_y:
        fig.update_yaxes(type="log", exponentformat="power")
    return fig
