"""Figures of the vanishing-gradient page: slope over histogram, log-scale gradient norms with
overflow/underflow markers, per-layer output distributions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from qa_core.labs.vanishing_gradients.saturation import LayerSaturation
from qa_core.labs.vanishing_gradients.sweeps import OVERFLOW, ZERO
from ui.charts.common import ACTIVATION_COLORS, base_layout, layout, merged
from ui.i18n import t

HIST_COLOR = "#9ecae1"
FLAT_COLOR = "rgba(120,120,120,0.16)"
CEILING_COLOR = "#444444"
PANEL_COLORS = ("#2ca02c", "#d62728")  # good init, bad init


# Distinct markers, so that lines lying on top of each other (ReLU and Leaky ReLU) both show.
ACTIVATION_SYMBOLS = {
    "sigmoid": "circle",
    "tanh": "square",
    "relu": "diamond",
    "leaky_relu": "x-thin-open",
    "prelu": "triangle-up",
    "rrelu": "triangle-down",
    "elu": "star",
    "softplus": "hexagon",
    "gelu": "cross",
    "silu": "pentagon",
}
BELOW = {"orientation": "h", "yanchor": "top", "y": -0.22, "x": 0.0}  # legend under the x axis


def activation_color(name: str) -> str:
    return ACTIVATION_COLORS.get(name, "#333333")


def activation_symbol(name: str) -> str:
    return ACTIVATION_SYMBOLS.get(name, "circle")


@dataclass(frozen=True)
class Series:
    """One line of a gradient-norm chart: x, grad_norm and status columns of ``frame``."""

    label: str
    color: str
    frame: pd.DataFrame
    dash: str = "solid"
    symbol: str = "circle"


def _marker_levels(series: Sequence[Series]) -> tuple[float, float]:
    """Where to draw "overflow" (a decade above the largest finite norm) and "zero" (a decade
    below the smallest positive one) on a log axis."""
    values = np.concatenate([s.frame["grad_norm"].to_numpy(dtype=float) for s in series] or [[]])
    good = values[np.isfinite(values) & (values > 0)]
    if good.size == 0:
        return 10.0, 0.1
    return 10.0 ** (np.ceil(np.log10(good.max())) + 1), 10.0 ** (np.floor(np.log10(good.min())) - 1)


def norms_figure(
    series: Sequence[Series],
    *,
    x: str,
    title: str,
    x_title: str,
    ceiling: tuple[Sequence[int], np.ndarray] | None = None,
    height: int = 440,
) -> dict:
    """‖∂L/∂W‖ on a log axis, one line per series; overflowed values as ✕ at the top, exact
    zeros as ▼ at the bottom; optionally the sigmoid ceiling 0.25^(L−1) as a dashed line.
    Built as a plain dict: the depth sweep redraws it with up to a dozen traces."""
    top, bottom = _marker_levels(series)
    traces: list[dict] = []
    for s in series:
        df = s.frame
        ok = ~df["status"].isin([OVERFLOW, ZERO])
        traces.append(
            {
                "type": "scatter",
                "x": df[x].to_numpy(),
                "y": df["grad_norm"].where(ok).to_numpy(dtype=float),
                "mode": "lines+markers",
                "name": s.label,
                "line": {"color": s.color, "dash": s.dash},
                "marker": {
                    "size": 7,
                    "symbol": s.symbol,
                    "line": {"width": 1, "color": s.color},
                },
                "hovertemplate": "%{y:.3g}",
            }
        )
        for kind, level, symbol, hover in (
            (OVERFLOW, top, "x", t("vanishing_gradients.overflow")),
            (ZERO, bottom, "triangle-down", t("vanishing_gradients.zero")),
        ):
            rows = df[df["status"] == kind]
            if rows.empty:
                continue
            traces.append(
                {
                    "type": "scatter",
                    "x": rows[x].to_numpy(),
                    "y": np.full(len(rows), level),
                    "mode": "markers",
                    "name": f"{s.label} · {hover}",
                    "marker": {"symbol": symbol, "size": 11, "color": s.color},
                    "hovertemplate": hover,
                }
            )
    if ceiling is not None:
        depths, values = ceiling
        traces.append(
            {
                "type": "scatter",
                "x": list(depths),
                "y": np.asarray(values, dtype=float),
                "mode": "lines",
                "name": t("vanishing_gradients.ceiling_label"),
                "line": {"color": CEILING_COLOR, "dash": "dash", "width": 1.5},
                "hovertemplate": "%{y:.3g}",
            }
        )
    shapes, annotations = [], []
    for kind, level, label in (
        (OVERFLOW, top, t("vanishing_gradients.overflow_line")),
        (ZERO, bottom, t("vanishing_gradients.zero_line")),
    ):
        if any((s.frame["status"] == kind).any() for s in series):
            shapes.append(
                {
                    "type": "line",
                    "xref": "x domain", "x0": 0, "x1": 1,
                    "yref": "y", "y0": level, "y1": level,
                    "line": {"color": "#999", "dash": "dot", "width": 1},
                }
            )  # fmt: skip
            # A log axis places annotations by log10 of the value.
            annotations.append(
                {
                    "x": 0.0, "xref": "paper", "xanchor": "left",
                    "y": float(np.log10(level)), "yref": "y",
                    "yanchor": "bottom" if kind == OVERFLOW else "top",
                    "text": label, "showarrow": False, "font": {"size": 11, "color": "#666"},
                }
            )  # fmt: skip
    figure_layout = merged(
        layout(
            title=title,
            x_title=x_title,
            y_title=t("vanishing_gradients.grad_norm_axis"),
            height=height,
        ),
        {
            "legend": BELOW,
            "margin": {"l": 10, "r": 10, "t": 40, "b": 10},
            "yaxis": {"type": "log", "exponentformat": "power"},
        },
    )
    if shapes:
        figure_layout.update(shapes=shapes, annotations=annotations)
    return {"data": traces, "layout": figure_layout}


def saturation_figure(layer: LayerSaturation, *, activation: str, title: str) -> go.Figure:
    """Histogram of one layer's pre-activations (share of values, left axis) under the slope
    f′(z) (right axis); shading where f′ is below the "flat" threshold."""
    edges = layer.edges
    fig = go.Figure()
    for a, b in layer.flat_intervals:
        fig.add_vrect(x0=a, x1=b, fillcolor=FLAT_COLOR, line_width=0, layer="below")
    fig.add_trace(
        go.Bar(
            x=(edges[:-1] + edges[1:]) / 2,
            y=100 * layer.share,
            width=np.diff(edges),
            name=t("vanishing_gradients.hist_label"),
            marker={"color": HIST_COLOR, "line": {"width": 0}},
            hovertemplate="%{y:.2f} %",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=layer.z,
            y=layer.fprime,
            yaxis="y2",
            mode="lines",
            name=t("vanishing_gradients.fprime_label"),
            line={"color": activation_color(activation), "width": 2.5},
            hovertemplate="%{y:.3g}",
        )
    )
    if layer.flat_intervals:  # a legend entry for the shading
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=t("vanishing_gradients.flat_zone", below=f"{layer.flat_below:.3g}"),
                marker={"symbol": "square", "size": 12, "color": "rgba(120,120,120,0.35)"},
            )
        )
    base_layout(
        fig,
        title=title,
        x_title=t("vanishing_gradients.z_axis"),
        y_title=t("vanishing_gradients.share_axis"),
        height=420,
    )
    fig.update_layout(
        bargap=0,
        yaxis2={
            "title": t("vanishing_gradients.fprime_axis"),
            "overlaying": "y",
            "side": "right",
            "rangemode": "tozero",
            "showgrid": False,
            "tickformat": ".2~g",
        },
        margin={"l": 10, "r": 50, "t": 40, "b": 10},
        legend=BELOW,
    )
    fig.update_xaxes(range=[float(edges[0]), float(edges[-1])])
    return fig


def flat_share_figure(summary: pd.DataFrame, *, selected: int, title: str) -> go.Figure:
    """Share of each layer's pre-activations in the flat zone, the selected layer ringed."""
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=summary["layer"],
            y=100 * summary["flat_share"],
            mode="lines+markers",
            name=t("vanishing_gradients.flat_share_label"),
            line={"color": "#555555"},
            hovertemplate="%{y:.1f} %",
        )
    )
    row = summary[summary["layer"] == selected]
    fig.add_trace(
        go.Scatter(
            x=row["layer"],
            y=100 * row["flat_share"],
            mode="markers",
            name=t("vanishing_gradients.selected_layer"),
            marker={"size": 14, "color": "rgba(0,0,0,0)", "line": {"width": 2, "color": "#d62728"}},
            hoverinfo="skip",
        )
    )
    base_layout(
        fig,
        title=title,
        x_title=t("vanishing_gradients.layer_axis"),
        y_title=t("vanishing_gradients.flat_axis"),
        height=260,
    )
    fig.update_yaxes(range=[-3, 103])
    return fig


def stats_figure(panels: Mapping[str, pd.DataFrame], *, title: str, height: int = 560) -> go.Figure:
    """One row per panel: a box per layer from precomputed statistics (box 25–75 %, line at the
    median, whiskers 5–95 %, dashed mean ± std)."""
    names = list(panels)
    fig = make_subplots(
        rows=len(names), cols=1, shared_xaxes=True, subplot_titles=names, vertical_spacing=0.12
    )
    for i, (name, df) in enumerate(panels.items()):
        fig.add_trace(
            go.Box(
                x=df["layer"],
                q1=df["p25"],
                median=df["p50"],
                q3=df["p75"],
                lowerfence=df["p5"],
                upperfence=df["p95"],
                mean=df["mean"],
                sd=df["std"],
                boxmean="sd",
                name=name,
                marker={"color": PANEL_COLORS[i % len(PANEL_COLORS)]},
                showlegend=False,
            ),
            row=i + 1,
            col=1,
        )
        fig.update_yaxes(title_text=t("vanishing_gradients.output_axis"), row=i + 1, col=1)
    fig.update_xaxes(title_text=t("vanishing_gradients.layer_axis"), row=len(names), col=1)
    fig.update_layout(
        title={"text": title, "x": 0.0, "xanchor": "left"},
        height=height,
        margin={"l": 10, "r": 10, "t": 80, "b": 10},
        hovermode="closest",
    )
    return fig


def spread_figure(panels: Mapping[str, pd.DataFrame], *, title: str) -> go.Figure:
    """Standard deviation of each layer's outputs (log axis), one line per panel."""
    fig = go.Figure()
    for i, (name, df) in enumerate(panels.items()):
        sd = df["std"].where(np.isfinite(df["std"]) & (df["std"] > 0))
        fig.add_trace(
            go.Scatter(
                x=df["layer"],
                y=sd,
                mode="lines+markers",
                name=name,
                line={"color": PANEL_COLORS[i % len(PANEL_COLORS)]},
                hovertemplate="%{y:.3g}",
            )
        )
    base_layout(
        fig,
        title=title,
        x_title=t("vanishing_gradients.layer_axis"),
        y_title=t("vanishing_gradients.std_axis"),
        height=300,
    )
    fig.update_yaxes(type="log", exponentformat="power")
    return fig
