"""Figures of the overfitting page: per-run loss curves, the accuracy/gap bars, weight histograms.
Each builder looks up its own labels (``t``); callers pass data."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from qa_core.engine.summary import RunSummary
from qa_core.labs.overfitting.configs import RemedyResult
from ui.charts.common import base_layout, with_layout
from ui.charts.training import curves_figure, run_color
from ui.i18n import t

MEMBER_COLOR = "rgba(120, 120, 120, 0.45)"


def run_label(run_id: str) -> str:
    """A run's name (the baseline, a remedy, all of them combined), as charts and tables say it."""
    return t(f"overfitting.run_{run_id}")


def run_curves_figure(result: RemedyResult, *, color_index: int = 0, height: int = 300) -> dict:
    """One run's train (solid), validation (dotted) and test (dashed) loss in its colour
    ``color_index``, a vertical dotted line at the best epoch (lowest validation loss)."""
    label = run_label(result.id)
    title = t("overfitting.curves_title", run=label)
    return _curves(result.summary, label, title, color_index, (), height)


def members_figure(result: RemedyResult, height: int = 300) -> dict:
    """An ensemble's train and test loss, and each member's test loss as a thin grey line."""
    label = run_label(result.id)
    title = t("overfitting.ensemble_curves_title")
    return _curves(result.summary, label, title, 0, result.members, height)


def _curves(
    summary: RunSummary,
    label: str,
    title: str,
    color_index: int,
    members: Sequence[RunSummary],
    height: int,
) -> dict:
    fig = curves_figure({label: summary.history}, title=title, height=height)
    if summary.has_validation:
        fig["data"].insert(
            1,
            {
                "type": "scatter",
                "x": summary.history["epoch"].to_numpy(),
                "y": summary.history["val_loss"].to_numpy(),
                "name": f"{label} · {t('overfitting.validation')}",
                "line": {"dash": "dot"},
                "hovertemplate": "%{y:.4g}",
            },
        )
    color = run_color(color_index)
    for trace in fig["data"]:
        trace["line"]["color"] = color
    for i, member in enumerate(members, start=1):
        fig["data"].append(
            {
                "type": "scatter",
                "x": member.history["epoch"].to_numpy(),
                "y": member.history["test_loss"].to_numpy(),
                "name": t("overfitting.member_test", i=i),
                "line": {"color": MEMBER_COLOR, "width": 1},
                "hovertemplate": "%{y:.4g}",
                "showlegend": i == 1,
                "legendgroup": "members",
            }
        )
    best = summary.best_epoch
    last = int(summary.history["epoch"].iloc[-1])
    best_line = {
        "type": "line",
        "x0": best,
        "x1": best,
        "xref": "x",
        "y0": 0,
        "y1": 1,
        "yref": "y domain",
        "line": {"color": "#666", "dash": "dot", "width": 1},
    }
    best_label = {
        "x": best,
        "y": 1.0,
        "yref": "paper",
        "text": t("overfitting.best_epoch", epoch=best),
        "showarrow": False,
        "xanchor": "left" if best < 0.5 * last else "right",  # keep the label inside the plot
        "yanchor": "top",
        "font": {"size": 11, "color": "#444"},
    }
    # Legend under the plot: in a half-width column a legend on top would cover the title.
    return with_layout(
        fig,
        {
            "shapes": [best_line],
            "annotations": [best_label],
            "xaxis": {"range": [1, max(last, 2)]},
            "legend": {"font": {"size": 10}, "orientation": "h", "y": -0.32, "yanchor": "top"},
            "margin": {"t": 40, "b": 10},
        },
    )


def gap_figure(table: pd.DataFrame, height: int = 320) -> go.Figure:
    """Train and test accuracy per run of a results table as grouped bars, the gap written
    above each pair."""
    labels = [run_label(run) for run in table["run"]]
    train_acc, test_acc = list(table["train_acc"]), list(table["test_acc"])
    fig = go.Figure()
    for split, values, color in (
        ("train", train_acc, "#1f77b4"),
        ("test", test_acc, "#ff7f0e"),
    ):
        fig.add_trace(
            go.Bar(
                x=list(labels),
                y=list(values),
                name=t(f"common.{split}"),
                marker_color=color,
                hovertemplate="%{x}: %{y:.1%}<extra>" + t(f"common.{split}") + "</extra>",
            )
        )
    gaps = np.asarray(train_acc) - np.asarray(test_acc)
    for label, top, gap in zip(labels, np.maximum(train_acc, test_acc), gaps, strict=True):
        fig.add_annotation(
            x=label,
            y=float(top),
            text=t("overfitting.gap_text", gap=float(gap)),
            showarrow=False,
            yanchor="bottom",
            font={"size": 11},
        )
    title = t("overfitting.gap_title")
    base_layout(fig, title=title, x_title="", y_title=t("overfitting.gap_axis"), height=height)
    low = float(min(min(train_acc), min(test_acc)))
    fig.update_yaxes(range=[max(0.0, low - 0.1), 1.06], tickformat=".0%")
    fig.update_layout(barmode="group", hovermode="closest")
    return fig


def weights_figure(
    weights: Mapping[str, np.ndarray],
    *,
    layer: int,
    log_y: bool = False,
    bins: int = 60,
    height: int = 360,
) -> go.Figure:
    """Overlaid histograms of the weight values of ``layer`` (from 0), one colour per run id,
    on shared bins."""
    title = t("overfitting.hist_title", i=layer + 1)
    values = {run_label(run): np.asarray(w, dtype=np.float64).ravel() for run, w in weights.items()}
    top = max(float(np.max(np.abs(v))) for v in values.values()) or 1.0
    size = 2 * top / bins
    fig = go.Figure()
    for i, (label, v) in enumerate(values.items()):
        fig.add_trace(
            go.Histogram(
                x=v,
                name=label,
                xbins={"start": -top - size / 2, "end": top + size / 2, "size": size},
                marker_color=run_color(i),
                opacity=0.55,
                hovertemplate="w ∈ %{x}<br>"
                + t("overfitting.hist_y")
                + ": %{y}<extra>"
                + label
                + "</extra>",
            )
        )
    base_layout(
        fig,
        title=title,
        x_title=t("overfitting.hist_x"),
        y_title=t("overfitting.hist_y"),
        height=height,
    )
    fig.update_layout(barmode="overlay", hovermode="closest")
    if log_y:
        fig.update_yaxes(type="log")
    return fig
