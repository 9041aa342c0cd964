"""Figures of the losses page's two fitting experiments: label smoothing's calibration and the
robust line fits. Each builder looks up its own labels (``t``); callers pass data."""

from __future__ import annotations

import numpy as np
import pandas as pd

from qa_core.labs.losses.robust import TRUE_INTERCEPT, TRUE_SLOPE, loss_gradient
from ui.charts.common import layout, merged
from ui.i18n import t
from ui.topics.losses.charts import _line, _vline, house

PLAIN, SMOOTH = "#7f7f7f", "#1f77b4"
FIT_COLORS = {"mse": "#d62728", "mae": "#2ca02c", "huber": "#1f77b4"}
INLIER, OUTLIER = "#444", "#ff7f0e"


def reliability_figure(bins: pd.DataFrame, epsilon: float, height: int = 380) -> dict:
    """Accuracy against mean confidence per confidence bin, for ε = 0 and the chosen ε, with the
    diagonal a calibrated model would follow. Marker size grows with the bin's count."""
    traces = [_line([0.5, 1.0], [0.5, 1.0], t("losses.ls_diagonal"), "#bbb", dash="dash",
                    hoverinfo="skip")]  # fmt: skip
    runs = [(0.0, PLAIN, t("losses.ls_plain"))]
    if epsilon > 0:
        runs.append((epsilon, SMOOTH, t("losses.ls_smoothed", eps=epsilon)))
    for eps, color, name in runs:
        rows = bins[np.isclose(bins["epsilon"], eps) & (bins["count"] > 0)]
        size = 6 + 14 * np.sqrt(rows["count"].to_numpy() / max(rows["count"].max(), 1))
        traces.append({
            "type": "scatter", "x": rows["confidence"].to_numpy(), "y": rows["acc"].to_numpy(),
            "mode": "lines+markers", "name": name, "line": {"color": color, "width": 2},
            "marker": {"color": color, "size": size}, "customdata": rows["count"].to_numpy(),
            "hovertemplate": t("losses.ls_bin_hover"),
        })  # fmt: skip
    fig = layout(title=t("losses.ls_rel_title"), x_title=t("losses.ls_conf_x"),
                 y_title=t("losses.ls_acc_y"), height=height)  # fmt: skip
    patch = {"hovermode": "closest", "xaxis": {"range": [0.48, 1.02], "tickformat": ".0%"},
             "yaxis": {"range": [0.0, 1.02], "tickformat": ".0%"}}  # fmt: skip
    return {"data": traces, "layout": house(merged(fig, patch))}


def sweep_figure(scores: pd.DataFrame, epsilon: float, height: int = 360) -> dict:
    """Test accuracy, mean confidence and ECE against ε; a dotted line at the chosen ε."""
    eps = scores["epsilon"].to_numpy()
    traces = [
        _line(eps, scores["acc"], t("losses.ls_acc"), "#2ca02c", fmt="%{y:.1%}"),
        _line(eps, scores["confidence"], t("losses.ls_conf"), SMOOTH, fmt="%{y:.1%}"),
        _line(eps, scores["ece"], t("losses.ls_ece"), "#d62728", fmt="%{y:.3f}", yaxis="y2"),
    ]
    for trace in traces:
        trace["mode"] = "lines+markers"
    fig = layout(title=t("losses.ls_sweep_title"), x_title=t("losses.ls_eps"),
                 y_title=t("losses.ls_sweep_y"), height=height)  # fmt: skip
    patch = {
        "shapes": [_vline(epsilon)],
        "yaxis": {"tickformat": ".0%"},
        "yaxis2": {
            "overlaying": "y",
            "side": "right",
            "range": [0.0, 1.15 * float(scores["ece"].max())],
            "tickformat": ".2f",
            "showgrid": False,
            "title": {"text": t("losses.ls_ece")},
        },
        "margin": {"r": 50},
    }
    return {"data": traces, "layout": house(merged(fig, patch))}


def fit_figure(fit, height: int = 400) -> dict:
    """The points (outliers orange), the true line (dotted) and each loss's fitted line."""
    grid = np.array([-2.0, 2.0])
    traces = [
        {"type": "scatter", "x": fit.x[~fit.outlier], "y": fit.y[~fit.outlier], "mode": "markers",
         "name": t("losses.rb_inliers"), "marker": {"color": INLIER, "size": 7},
         "hovertemplate": "(%{x:.2f}, %{y:.2f})"},
        {"type": "scatter", "x": fit.x[fit.outlier], "y": fit.y[fit.outlier], "mode": "markers",
         "name": t("losses.rb_outliers"), "marker": {"color": OUTLIER, "size": 10,
                                                    "symbol": "diamond"},
         "hovertemplate": "(%{x:.2f}, %{y:.2f})"},
        _line(grid, TRUE_SLOPE * grid + TRUE_INTERCEPT, t("losses.rb_true"), "#999", dash="dot",
              fmt="%{y:.2f}"),
    ]  # fmt: skip
    for name, (a, b) in fit.lines.items():
        label = t(f"losses.fit_{name}", delta=fit.delta)
        traces.append(_line(grid, a * grid + b, label, FIT_COLORS[name], fmt="%{y:.2f}"))
    fig = layout(title=t("losses.rb_title"), x_title="x", y_title="y", height=height)
    return {"data": traces, "layout": house(merged(fig, {"hovermode": "closest"}))}


def pull_figure(curves: pd.DataFrame, fit, height: int = 380) -> dict:
    """∂ℓ/∂ŷ against the residual for each loss, with every point's residual under that loss's
    own fit marked on its curve (the outliers' pulls are the ones far out)."""
    traces = []
    for name, color in FIT_COLORS.items():
        label = t(f"losses.fit_{name}", delta=fit.delta)
        traces.append(_line(curves["r"], curves[name], label, color, fmt="%{y:.3g}",
                            legendgroup=name))  # fmt: skip
        r = fit.residuals(name)
        pull = loss_gradient(name, r, np.zeros_like(r), fit.delta)
        traces.append({
            "type": "scatter", "x": r, "y": pull, "mode": "markers", "legendgroup": name,
            "showlegend": False, "name": label,
            "marker": {"color": color, "size": np.where(fit.outlier, 11, 6),
                       "symbol": np.where(fit.outlier, "diamond", "circle").tolist(),
                       "line": {"color": "white", "width": 0.5}},
            "hovertemplate": t("losses.rb_pull_hover"),
        })  # fmt: skip
    fig = layout(title=t("losses.rb_pull_title"), x_title=t("losses.rb_residual"),
                 y_title=t("losses.rb_pull_y"), height=height)  # fmt: skip
    return {"data": traces, "layout": house(merged(fig, {"hovermode": "closest"}))}
