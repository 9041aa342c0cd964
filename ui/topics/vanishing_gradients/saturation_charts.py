"""Figures of what the layers look like (the saturation and statistics tabs): one layer's
pre-activations under the slope f′, the flat share layer by layer, and the distribution and
spread of each layer's outputs. Each builder looks up its own labels (``t``)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from qa_core.labs.vanishing_gradients.saturation import LayerSaturation
from ui.charts.common import activation_label, base_layout
from ui.i18n import t
from ui.topics.vanishing_gradients.charts import BELOW, activation_color, scale_label

HIST_COLOR = "#9ecae1"
FLAT_COLOR = "rgba(120,120,120,0.16)"
PANEL_COLORS = ("#2ca02c", "#d62728")  # good init, bad init


def saturation_figure(layer: LayerSaturation, *, activation: str, depth: int) -> go.Figure:
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
        title=t("vanishing_gradients.saturation_title", layer=layer.layer, depth=depth),
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


def flat_share_figure(summary: pd.DataFrame, *, selected: int) -> go.Figure:
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
        title=t("vanishing_gradients.flat_title"),
        x_title=t("vanishing_gradients.layer_axis"),
        y_title=t("vanishing_gradients.flat_axis"),
        height=260,
    )
    fig.update_yaxes(range=[-3, 103])
    return fig


def _stats_panels(
    good: pd.DataFrame, bad: pd.DataFrame, *, init: str, gain: float, bad_std: float
) -> dict[str, pd.DataFrame]:
    """The statistics of the matched ``init`` (times ``gain``) and of N(0, bad_std²), under
    their panel names."""
    gain_text = "" if gain == 1.0 else f" × {scale_label(gain)}"
    return {
        t(
            "vanishing_gradients.stats_good", init=t(f"vanishing_gradients.init_{init}") + gain_text
        ): good,
        t("vanishing_gradients.stats_bad", std=f"{bad_std:g}"): bad,
    }


def stats_figure(
    good: pd.DataFrame,
    bad: pd.DataFrame,
    *,
    activation: str,
    init: str,
    gain: float,
    bad_std: float,
    height: int = 560,
) -> go.Figure:
    """One row per init (``good``: the matched ``init`` times ``gain``; ``bad``: N(0,
    bad_std²)): a box per layer from precomputed statistics (box 25–75 %, line at the median,
    whiskers 5–95 %, dashed mean ± std)."""
    panels = _stats_panels(good, bad, init=init, gain=gain, bad_std=bad_std)
    title = t("vanishing_gradients.stats_title", act=activation_label(activation))
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


def spread_figure(
    good: pd.DataFrame, bad: pd.DataFrame, *, init: str, gain: float, bad_std: float
) -> go.Figure:
    """Standard deviation of each layer's outputs (log axis), one line per init (as
    ``stats_figure``)."""
    panels = _stats_panels(good, bad, init=init, gain=gain, bad_std=bad_std)
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
        title=t("vanishing_gradients.spread_title"),
        x_title=t("vanishing_gradients.layer_axis"),
        y_title=t("vanishing_gradients.std_axis"),
        height=300,
    )
    fig.update_yaxes(type="log", exponentformat="power")
    return fig
