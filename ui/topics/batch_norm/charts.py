"""Figures of the batch-norm page. Builders take their localised labels as arguments, so they
need no Streamlit session (the bench times them directly).

Every figure is constructed ONCE from its traces and a complete layout dict in the house style
of ``ui.charts.common.base_layout`` (titles, compact margins, horizontal legend — here below the
plot, since these legends are long and the lab column is narrow). Plotly validates on every
``update_*``/``make_subplots``/``add_vrect`` call; building in one pass keeps a γ/β redraw well
under 100 ms.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from qa_core.labs.batch_norm.batches import SERIES, BatchSnapshots
from qa_core.labs.batch_norm.linear_region import LinearRegion, sigmoid, tangent
from qa_core.labs.batch_norm.modes import BatchSizeResult
from qa_core.labs.batch_norm.training import TrainedRun
from ui.charts.training import run_color

BATCH_COLORS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2")
BN_DASH = {False: "dash", True: "solid"}
IN_COLOR, OUT_COLOR = "#2ca02c", "#d62728"


def _trace(kind: str, **props: object) -> dict[str, object]:
    """A trace as a plain dict: validated once by the Figure, not copied and re-validated as a
    ``go.Scatter`` object would be."""
    return {"type": kind, **props}


def _batch_color(k: int) -> str:
    return BATCH_COLORS[k % len(BATCH_COLORS)]


def _figure(
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
    """One validated construction: house layout (``base_layout``'s look) with the legend
    under the plot, merged with ``layout`` (axis entries are merged key by key)."""
    plot_px = max(height - 140, 120)
    full: dict[str, object] = {
        "title": {"text": title, "x": 0.0, "xanchor": "left"},
        "height": height,
        "margin": {"l": 10, "r": 10, "t": 60, "b": 10},
        "legend": {"orientation": "h", "yanchor": "top", "y": -gap_px / plot_px, "x": 0.0},
        "hovermode": hovermode,
        "xaxis": {"title": {"text": x_title}},
        "yaxis": {"title": {"text": y_title}},
    }
    for key, value in (layout or {}).items():
        if isinstance(value, dict) and isinstance(full.get(key), dict):
            full[key] = {**full[key], **value}  # type: ignore[dict-item]
        else:
            full[key] = value
    return go.Figure(data=list(traces), layout=full)


def _stacked_rows(
    n: int, titles: Sequence[str], spacing: float, y_title: str = ""
) -> dict[str, object]:
    """Layout of ``n`` panels stacked top to bottom, each with its own x/y axis pair
    (``x``/``y`` for the top one, ``x2``/``y2`` below, …) and a small title above it
    (what ``make_subplots`` would build, without its ~100 ms)."""
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


def _axis_ref(r: int) -> dict[str, str]:
    """Trace keys placing it on panel ``r`` (1-based) of ``_stacked_rows``."""
    return {"xaxis": f"x{r}" if r > 1 else "x", "yaxis": f"y{r}" if r > 1 else "y"}


def batches_figure(
    snap: BatchSnapshots,
    *,
    title: str,
    panel_titles: Mapping[str, str],
    batch_label: str,
    x_title: str,
    y_title: str,
    series: Sequence[str] = ("plain", "bn_in", "bn_out"),
    panel_height: int = 190,
) -> go.Figure:
    """One panel (row) per series; in each, one histogram line per mini-batch (shared bins).
    ``batch_label`` is a format string with ``{k}`` (the 1-based batch number)."""
    n = len(series)
    traces = []
    for row, name in enumerate(series, start=1):
        edges, counts = snap.edges[name], snap.counts[name]
        centers = 0.5 * (edges[:-1] + edges[1:])
        for k in range(snap.n_batches):
            label = batch_label.format(k=k + 1)
            traces.append(
                _trace(
                    "scatter",
                    x=centers,
                    y=counts[k],
                    mode="lines",
                    line={"shape": "hvh", "color": _batch_color(k), "width": 1.6},
                    name=label,
                    legendgroup=f"b{k}",
                    showlegend=row == 1,
                    hovertemplate=f"{label}: %{{y}} @ %{{x:.3g}}<extra></extra>",
                    **_axis_ref(row),
                )
            )
    layout = _stacked_rows(n, [panel_titles[s] for s in series], 0.12, y_title)
    layout[f"xaxis{n if n > 1 else ''}"]["title"] = {"text": x_title}  # type: ignore[index]
    return _figure(
        traces,
        title=title,
        x_title="",
        y_title=y_title,
        height=110 + panel_height * n,
        layout=layout,
        hovermode="closest",
        gap_px=50,
    )


def linear_region_figure(
    result: LinearRegion,
    *,
    title: str,
    labels: Mapping[str, str],
    max_points: int = 400,
    height: int = 420,
) -> go.Figure:
    """σ(z), its tangent 0.5 + z/4, the band |z| ≤ z* where they differ by < tol, the batch's
    outputs y drawn on the curve (green inside the band, red outside) and, on a second axis,
    histograms of y and of the original inputs x."""
    lo, hi = min(float(result.edges[0]), -6.0), max(float(result.edges[-1]), 6.0)
    z = np.linspace(lo, hi, 400)
    centers = 0.5 * (result.edges[:-1] + result.edges[1:])
    width = float(result.edges[1] - result.edges[0])
    traces: list[dict[str, object]] = [
        _trace(
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
        _trace(
            "scatter",
            x=zt,
            y=tangent(zt),
            name=labels["tangent"],
            line={"color": "#7f7f7f", "dash": "dash"},
            hovertemplate="0.5 + z/4 = %{y:.4f}<extra></extra>",
        )
    )
    traces.append(
        _trace(
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
            _trace(
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
    return _figure(
        traces,
        title=title,
        x_title=labels["x_title"],
        y_title="σ(z)",
        height=height,
        layout=layout,
        hovermode="closest",
    )


def training_figure(
    runs: Sequence[TrainedRun],
    *,
    title: str,
    labels: Mapping[str, str],
    metric: str = "train_loss",
    target: float | None = None,
    log_y: bool = False,
    height: int = 360,
) -> go.Figure:
    """``metric`` per epoch for every run: colour per learning rate, solid with BN, dashed
    without; a horizontal line at ``target`` (accuracy charts)."""
    lrs = sorted({r.lr for r in runs})
    traces = [
        _trace(
            "scatter",
            x=r.history["epoch"],
            y=r.history[metric],
            name=labels["run"].format(lr=r.lr, bn=labels["bn_on" if r.batch_norm else "bn_off"]),
            line={"color": run_color(lrs.index(r.lr)), "dash": BN_DASH[r.batch_norm]},
            hovertemplate="%{y:.4g}",
        )
        for r in runs
    ]
    layout: dict[str, object] = {"yaxis": {"type": "log"}} if log_y else {}
    if target is not None:
        layout["shapes"] = [
            {
                "type": "line",
                "xref": "paper",
                "yref": "y",
                "x0": 0,
                "x1": 1,
                "y0": target,
                "y1": target,
                "line": {"color": "#444", "dash": "dot", "width": 1},
            }
        ]
        layout["annotations"] = [
            {
                "text": labels["target"],
                "xref": "paper",
                "yref": "y",
                "x": 1,
                "y": target,
                "xanchor": "right",
                "yanchor": "top",
                "showarrow": False,
            }
        ]
    return _figure(
        traces,
        title=title,
        x_title=labels["epoch"],
        y_title=labels["y_title"],
        height=height,
        layout=layout,
    )


def interplay_figure(
    runs: Sequence[TrainedRun],
    names: Sequence[str],
    *,
    title: str,
    labels: Mapping[str, str],
    height: int = 340,
) -> go.Figure:
    """Train (solid) and test (dotted) accuracy per epoch of the four BN × dropout runs."""
    traces = [
        _trace(
            "scatter",
            x=r.history["epoch"],
            y=r.history[column],
            name=f"{name} · {labels[split]}",
            line={"color": run_color(i), "dash": dash},
            hovertemplate="%{y:.3f}",
        )
        for i, (r, name) in enumerate(zip(runs, names, strict=True))
        for column, dash, split in (("train_acc", "solid", "train"), ("test_acc", "dot", "test"))
    ]
    return _figure(
        traces, title=title, x_title=labels["epoch"], y_title=labels["y_title"], height=height
    )


def running_figure(
    trace: pd.DataFrame,
    *,
    title: str,
    labels: Mapping[str, str],
    height: int = 500,
) -> go.Figure:
    """Two panels (mean above, variance below) over training steps: batch values as dots,
    running estimates as a line, population values dashed."""
    traces = []
    for row, stat in ((1, "mean"), (2, "var")):
        for kind, style in (
            ("batch", {"mode": "markers", "marker": {"size": 4, "color": "#6baed6"}}),
            ("running", {"mode": "lines", "line": {"color": "#d62728", "width": 2.2}}),
            ("population", {"mode": "lines", "line": {"color": "#333", "dash": "dash"}}),
        ):
            traces.append(
                _trace(
                    "scatter",
                    x=trace["step"],
                    y=trace[f"{kind}_{stat}"],
                    name=labels[kind],
                    legendgroup=kind,
                    showlegend=row == 1,
                    hovertemplate="%{y:.4g}",
                    **_axis_ref(row),
                    **style,
                )
            )
    layout = _stacked_rows(2, [labels["mean"], labels["var"]], 0.14)
    layout["xaxis"].update({"matches": "x2", "showticklabels": False})  # type: ignore[union-attr]
    layout["xaxis2"]["title"] = {"text": labels["step"]}  # type: ignore[index]
    return _figure(
        traces, title=title, x_title="", y_title="", height=height, layout=layout, gap_px=50
    )


def _log2_axis(sizes: Sequence[int]) -> dict[str, object]:
    ticks = [int(m) for m in sizes]
    return {"type": "log", "tickvals": ticks, "ticktext": [str(m) for m in ticks]}


def sweep_accuracy_figure(
    results: Sequence[BatchSizeResult],
    *,
    title: str,
    labels: Mapping[str, str],
    height: int = 330,
) -> go.Figure:
    """Train-mode and eval-mode test accuracy against batch size (log axis)."""
    sizes = [r.batch_size for r in results]
    traces = [
        _trace(
            "scatter",
            x=sizes,
            y=values,
            mode="lines+markers",
            name=labels[key],
            line={"color": color},
            hovertemplate="%{y:.3f}",
        )
        for key, values, color in (
            ("train_mode", [r.train_mode_acc for r in results], "#ff7f0e"),
            ("eval_mode", [r.eval_mode_acc for r in results], "#1f77b4"),
        )
    ]
    return _figure(
        traces,
        title=title,
        x_title=labels["batch_size"],
        y_title=labels["accuracy"],
        height=height,
        layout={"xaxis": _log2_axis(sizes)},
    )


def sweep_noise_figure(
    results: Sequence[BatchSizeResult],
    *,
    title: str,
    labels: Mapping[str, str],
    height: int = 330,
) -> go.Figure:
    """Spread of batch means and stds (relative to the population std) against batch size,
    with the 1/√m reference for the mean."""
    sizes = np.array([r.batch_size for r in results], dtype=float)
    traces = [
        _trace(
            "scatter",
            x=sizes,
            y=[r.mean_noise for r in results],
            mode="lines+markers",
            name=labels["mean_noise"],
            line={"color": "#2ca02c"},
            hovertemplate="%{y:.3f}",
        ),
        _trace(
            "scatter",
            x=sizes,
            y=[r.std_noise for r in results],
            mode="lines+markers",
            name=labels["std_noise"],
            line={"color": "#9467bd"},
            hovertemplate="%{y:.3f}",
        ),
        _trace(
            "scatter",
            x=sizes,
            y=1.0 / np.sqrt(sizes),
            mode="lines",
            name="1/√m",
            line={"color": "#7f7f7f", "dash": "dot"},
            hovertemplate="%{y:.3f}",
        ),
    ]
    return _figure(
        traces,
        title=title,
        x_title=labels["batch_size"],
        y_title=labels["noise"],
        height=height,
        layout={"xaxis": _log2_axis(list(sizes))},
    )


def modes_scatter_figure(
    result: BatchSizeResult,
    *,
    title: str,
    labels: Mapping[str, str],
    height: int = 440,
) -> go.Figure:
    """Each test point's P(class 1) in train mode (x) against eval mode (y), with y = x."""
    traces = [
        _trace(
            "scatter",
            x=[0, 1],
            y=[0, 1],
            mode="lines",
            name=labels["diagonal"],
            line={"color": "#7f7f7f", "dash": "dash"},
            hoverinfo="skip",
        ),
        _trace(
            "scatter",
            x=result.p_train,
            y=result.p_eval,
            mode="markers",
            name=labels["points"],
            marker={"color": "#1f77b4", "size": 6, "opacity": 0.7},
            hovertemplate=f"{labels['x_title']}: %{{x:.3f}}<br>"
            f"{labels['y_title']}: %{{y:.3f}}<extra></extra>",
        ),
    ]
    layout = {
        "xaxis": {"range": [-0.02, 1.02], "constrain": "domain"},
        "yaxis": {
            "range": [-0.02, 1.02],
            "scaleanchor": "x",
            "scaleratio": 1,
            "constrain": "domain",
        },
    }
    return _figure(
        traces,
        title=title,
        x_title=labels["x_title"],
        y_title=labels["y_title"],
        height=height,
        layout=layout,
        hovermode="closest",
    )


__all__ = [
    "SERIES",
    "batches_figure",
    "interplay_figure",
    "linear_region_figure",
    "modes_scatter_figure",
    "running_figure",
    "sweep_accuracy_figure",
    "sweep_noise_figure",
    "training_figure",
]
