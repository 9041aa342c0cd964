"""Figures of the batch-norm page's train-vs-eval tab: batch and running statistics over
training, what the batch size does to them and to the two modes' accuracy, and one batch
size's train-mode against eval-mode predictions. Each builder looks up its own labels
(``t``); callers pass data."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from qa_core.labs.batch_norm.modes import BatchSizeResult
from ui.i18n import t
from ui.topics.batch_norm.charts import axis_ref, figure, stacked_rows, trace

# (what the trace shows, its style) of the running-statistics chart
RUNNING_KINDS = (
    ("batch", {"mode": "markers", "marker": {"size": 4, "color": "#6baed6"}}),
    ("running", {"mode": "lines", "line": {"color": "#d62728", "width": 2.2}}),
    ("population", {"mode": "lines", "line": {"color": "#333", "dash": "dash"}}),
)


def running_figure(steps: pd.DataFrame, *, layer: int, height: int = 500) -> go.Figure:
    """Two panels (mean above, variance below) over the training steps of
    ``modes.running_trace`` (of ``layer``): batch values as dots, running estimates as a line,
    population values dashed."""
    traces = [
        trace(
            "scatter",
            x=steps["step"],
            y=steps[f"{kind}_{stat}"],
            name=t(f"batch_norm.trace_{kind}"),
            legendgroup=kind,
            showlegend=row == 1,
            hovertemplate="%{y:.4g}",
            **axis_ref(row),
            **style,
        )
        for row, stat in ((1, "mean"), (2, "var"))
        for kind, style in RUNNING_KINDS
    ]
    layout = stacked_rows(2, [t("batch_norm.trace_mean"), t("batch_norm.trace_var")], 0.14)
    layout["xaxis"].update({"matches": "x2", "showticklabels": False})  # type: ignore[union-attr]
    layout["xaxis2"]["title"] = {"text": t("batch_norm.step")}  # type: ignore[index]
    return figure(
        traces,
        title=t("batch_norm.trace_title", layer=layer),
        x_title="",
        y_title="",
        height=height,
        layout=layout,
        gap_px=50,
    )


def _against_batch_size(
    sizes: Sequence[float],
    lines: Sequence[tuple[str, Sequence[float], str]],
    *,
    title: str,
    y_title: str,
    height: int,
    extra: Sequence[dict[str, object]] = (),
) -> go.Figure:
    """One line with markers per ``(label key, values, colour)`` against the batch sizes (a
    log axis ticked at each size), then the ``extra`` traces."""
    traces = [
        trace(
            "scatter",
            x=sizes,
            y=values,
            mode="lines+markers",
            name=t(f"batch_norm.{key}"),
            line={"color": color},
            hovertemplate="%{y:.3f}",
        )
        for key, values, color in lines
    ]
    ticks = [int(m) for m in sizes]
    axis = {"type": "log", "tickvals": ticks, "ticktext": [str(m) for m in ticks]}
    return figure(
        [*traces, *extra],
        title=title,
        x_title=t("batch_norm.batch_size"),
        y_title=y_title,
        height=height,
        layout={"xaxis": axis},
    )


def sweep_accuracy_figure(results: Sequence[BatchSizeResult], *, height: int = 330) -> go.Figure:
    """Train-mode and eval-mode test accuracy against batch size (log axis)."""
    lines = (
        ("train_mode", [r.train_mode_acc for r in results], "#ff7f0e"),
        ("eval_mode", [r.eval_mode_acc for r in results], "#1f77b4"),
    )
    return _against_batch_size(
        [r.batch_size for r in results],
        lines,
        title=t("batch_norm.sweep_acc_title"),
        y_title=t("batch_norm.test_acc"),
        height=height,
    )


def sweep_noise_figure(results: Sequence[BatchSizeResult], *, height: int = 330) -> go.Figure:
    """Spread of batch means and stds (relative to the population std) against batch size,
    with the 1/√m reference for the mean."""
    sizes = np.array([r.batch_size for r in results], dtype=float)
    lines = (
        ("mean_noise", [r.mean_noise for r in results], "#2ca02c"),
        ("std_noise", [r.std_noise for r in results], "#9467bd"),
    )
    reference = trace(
        "scatter",
        x=sizes,
        y=1.0 / np.sqrt(sizes),
        mode="lines",
        name="1/√m",
        line={"color": "#7f7f7f", "dash": "dot"},
        hovertemplate="%{y:.3f}",
    )
    return _against_batch_size(
        sizes,
        lines,
        title=t("batch_norm.sweep_noise_title"),
        y_title=t("batch_norm.noise"),
        height=height,
        extra=(reference,),
    )


def modes_scatter_figure(result: BatchSizeResult, *, height: int = 440) -> go.Figure:
    """Each test point's P(class 1) in train mode (x) against eval mode (y), with y = x."""
    x_title, y_title = t("batch_norm.p_train"), t("batch_norm.p_eval")
    traces = [
        trace(
            "scatter",
            x=[0, 1],
            y=[0, 1],
            mode="lines",
            name=t("batch_norm.diagonal"),
            line={"color": "#7f7f7f", "dash": "dash"},
            hoverinfo="skip",
        ),
        trace(
            "scatter",
            x=result.p_train,
            y=result.p_eval,
            mode="markers",
            name=t("batch_norm.test_points"),
            marker={"color": "#1f77b4", "size": 6, "opacity": 0.7},
            hovertemplate=f"{x_title}: %{{x:.3f}}<br>{y_title}: %{{y:.3f}}<extra></extra>",
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
    return figure(
        traces,
        title=t("batch_norm.scatter_title", m=result.batch_size),
        x_title=x_title,
        y_title=y_title,
        height=height,
        layout=layout,
        hovermode="closest",
    )
