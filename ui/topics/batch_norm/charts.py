"""Figures of the batch-norm page's first two experiments (per-batch distributions, the
linear-region argument), and the construction every figure of the page shares
(``figure``, ``stacked_rows``): ``training_charts`` and ``modes_charts`` hold the others.
Each builder looks up its own labels (``t``); callers pass data.

Every figure is constructed ONCE from its traces and a complete layout dict in the house style
of ``ui.charts.common.layout`` (titles, compact margins, horizontal legend — here below the
plot, since these legends are long and the lab column is narrow). Plotly validates on every
``update_*``/``make_subplots``/``add_vrect`` call, and a γ/β slider redraws a figure on every
move, so each one is built in one pass.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go

from qa_core.labs.batch_norm.batches import BatchSnapshots
from qa_core.labs.batch_norm.linear_region import LinearRegion, sigmoid, tangent
from ui.charts.common import layout as house_layout
from ui.charts.common import merged
from ui.i18n import t

BATCH_COLORS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2")
IN_COLOR, OUT_COLOR = "#2ca02c", "#d62728"
PANELS = {"plain": "panel_plain", "bn_in": "panel_in", "bn_out": "panel_out"}


def trace(kind: str, **props: object) -> dict[str, object]:
    """A trace as a plain dict: validated once by the Figure, not copied and re-validated as a
    ``go.Scatter`` object would be."""
    return {"type": kind, **props}


def _batch_color(k: int) -> str:
    return BATCH_COLORS[k % len(BATCH_COLORS)]


def figure(
    traces: Sequence[dict[str, object]],
    *,
    title: str,
    x_title: str,
    y_title: str,
    height: int,
    layout: Mapping[str, object] | None = None,
    hovermode: str = "x unified",
    gap_px: int = 58,
) -> go.Figure:
    """One validated construction: the house layout with the legend ``gap_px`` under the plot,
    merged with ``layout`` (nested entries key by key)."""
    plot_px = max(height - 140, 120)
    below = {"legend": {"yanchor": "top", "y": -gap_px / plot_px}, "hovermode": hovermode}
    base = merged(house_layout(title=title, x_title=x_title, y_title=y_title, height=height), below)
    return go.Figure(data=list(traces), layout=merged(base, dict(layout or {})))


def stacked_rows(
    n: int, titles: Sequence[str], spacing: float, y_title: str = ""
) -> dict[str, object]:
    """Layout of ``n`` panels stacked top to bottom, each with its own x/y axis pair
    (``x``/``y`` for the top one, ``x2``/``y2`` below, …) and a small title above it
    (what ``make_subplots`` would build, without its validation passes)."""
    h = (1.0 - (n - 1) * spacing) / n
    layout: dict[str, object] = {}
    annotations = []
    for r in range(1, n + 1):
        top = 1.0 - (r - 1) * (h + spacing)
        suffix = "" if r == 1 else str(r)
        layout[f"xaxis{suffix}"] = {"anchor": f"y{suffix}", "domain": [0.0, 1.0]}
        layout[f"yaxis{suffix}"] = {
            "anchor": f"x{suffix}",
            "domain": [max(top - h, 0.0), top],
            "title": {"text": y_title},
        }
        annotations.append(
            {
                "text": titles[r - 1],
                "x": 0.5,
                "y": top,
                "xref": "paper",
                "yref": "paper",
                "xanchor": "center",
                "yanchor": "bottom",
                "showarrow": False,
                "font": {"size": 12},
            }
        )
    layout["annotations"] = annotations
    return layout


def axis_ref(r: int) -> dict[str, str]:
    """Trace keys placing it on panel ``r`` (1-based) of ``stacked_rows``."""
    return {"xaxis": f"x{r}" if r > 1 else "x", "yaxis": f"y{r}" if r > 1 else "y"}


def batches_figure(
    snap: BatchSnapshots,
    *,
    series: Sequence[str] = ("plain", "bn_in", "bn_out"),
    panel_height: int = 190,
) -> go.Figure:
    """One panel (row) per series; in each, one histogram line per mini-batch (shared bins)."""
    n = len(series)
    y_title = t("batch_norm.count")
    names = [t("batch_norm.batch_n", k=k + 1) for k in range(snap.n_batches)]
    traces = []
    for row, name in enumerate(series, start=1):
        edges, counts = snap.edges[name], snap.counts[name]
        centers = 0.5 * (edges[:-1] + edges[1:])
        for k, label in enumerate(names):
            traces.append(
                trace(
                    "scatter",
                    x=centers,
                    y=counts[k],
                    mode="lines",
                    line={"shape": "hvh", "color": _batch_color(k), "width": 1.6},
                    name=label,
                    legendgroup=f"b{k}",
                    showlegend=row == 1,
                    hovertemplate=f"{label}: %{{y}} @ %{{x:.3g}}<extra></extra>",
                    **axis_ref(row),
                )
            )
    layout = stacked_rows(n, [t(f"batch_norm.{PANELS[s]}") for s in series], 0.12, y_title)
    layout[f"xaxis{n if n > 1 else ''}"]["title"] = {"text": t("batch_norm.preact")}  # type: ignore[index]
    return figure(
        traces,
        title=t("batch_norm.batches_title", layer=snap.layer, unit=snap.unit),
        x_title="",
        y_title=y_title,
        height=110 + panel_height * n,
        layout=layout,
        hovermode="closest",
        gap_px=50,
    )


def linear_region_figure(
    result: LinearRegion, *, max_points: int = 400, height: int = 420
) -> go.Figure:
    """σ(z), its tangent 0.5 + z/4, the band |z| ≤ z* where they differ by < tol, the batch's
    outputs y drawn on the curve (green inside the band, red outside) and, on a second axis,
    histograms of y and of the original inputs x."""
    keys = ("sigmoid", "tangent", "inside", "outside", "hist_x", "hist_y", "count", "x_title")
    labels = {k: t(f"batch_norm.lin_{k}") for k in keys}
    lo, hi = min(float(result.edges[0]), -6.0), max(float(result.edges[-1]), 6.0)
    z = np.linspace(lo, hi, 400)
    centers = 0.5 * (result.edges[:-1] + result.edges[1:])
    width = float(result.edges[1] - result.edges[0])
    traces: list[dict[str, object]] = [
        trace(
            "bar",
            x=centers,
            y=counts,
            width=width,
            name=labels[key],
            yaxis="y2",
            marker={"color": color, "line": {"width": 0}},
            hovertemplate="%{y} @ %{x:.3g}<extra></extra>",
        )
        for counts, key, color in (
            (result.counts_x, "hist_x", "rgba(127,127,127,0.25)"),
            (result.counts_y, "hist_y", "rgba(31,119,180,0.35)"),
        )
    ]
    zt = z[(tangent(z) > -0.15) & (tangent(z) < 1.15)]
    traces.append(
        trace(
            "scatter",
            x=zt,
            y=tangent(zt),
            name=labels["tangent"],
            line={"color": "#7f7f7f", "dash": "dash"},
            hovertemplate="0.5 + z/4 = %{y:.4f}<extra></extra>",
        )
    )
    traces.append(
        trace(
            "scatter",
            x=z,
            y=sigmoid(z),
            name=labels["sigmoid"],
            line={"color": "#1f77b4", "width": 2.5},
            hovertemplate="σ(%{x:.3g}) = %{y:.4f}<extra></extra>",
        )
    )
    y = result.y[:: max(1, len(result.y) // max_points)]
    inside = np.abs(y) <= result.half_width
    for mask, color, key in ((inside, IN_COLOR, "inside"), (~inside, OUT_COLOR, "outside")):
        traces.append(
            trace(
                "scatter",
                x=y[mask],
                y=sigmoid(y[mask]),
                mode="markers",
                name=labels[key],
                marker={"color": color, "size": 5, "opacity": 0.6},
                hovertemplate="y = %{x:.3g}, σ(y) = %{y:.3f}<extra></extra>",
            )
        )
    top = max(int(result.counts_x.max()), int(result.counts_y.max()), 1)
    band = {
        "type": "rect",
        "xref": "x",
        "yref": "paper",
        "x0": -result.half_width,
        "x1": result.half_width,
        "y0": 0,
        "y1": 1,
        "fillcolor": "rgba(44,160,44,0.10)",
        "line": {"width": 0},
        "layer": "below",
    }
    layout = {
        "xaxis": {"range": [lo, hi]},
        "yaxis": {"range": [-0.15, 1.15]},
        "yaxis2": {
            "overlaying": "y",
            "side": "right",
            "range": [0, top * 3.0],
            "showgrid": False,
            "showticklabels": False,
            "title": {"text": labels["count"]},
        },
        "shapes": [band],
        "barmode": "overlay",
        "bargap": 0,
    }
    return figure(
        traces,
        title=t("batch_norm.linear_title", gamma=result.gamma, beta=result.beta),
        x_title=labels["x_title"],
        y_title="σ(z)",
        height=height,
        layout=layout,
        hovermode="closest",
    )
