"""Figures of the Dropout page. Each builder looks up its own labels (``t``); callers pass data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from qa_core.labs.dropout.masks import Diagram, MaskDraws
from ui.charts.common import base_layout, layout, merged, with_layout
from ui.charts.training import run_color
from ui.i18n import t

KEPT = "#2ca02c"
FIXED = "#1f77b4"
EDGE = "rgba(128,128,128,0.85)"  # a mid grey reads on a light and a dark page
EDGE_DROPPED = "rgba(150,150,150,0.4)"
MC = "#1f77b4"
WS = "#d62728"
SINGLE = "#9a9a9a"


def title_above_legend(fig: go.Figure | dict, top: int = 105) -> go.Figure | dict:
    """Title at the very top, the (horizontal) legend below it: they never overlap, even when
    a narrow column wraps the legend onto two rows."""
    return with_layout(
        fig,
        {
            "title": {"yref": "container", "y": 1.0, "yanchor": "top", "pad": {"t": 12}},
            "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0.0},
            "margin": {"t": top},
        },
    )


def legend_below(fig: go.Figure | dict, bottom: int = 120) -> go.Figure | dict:
    """The (horizontal) legend at the very bottom, under the x-axis title: for charts whose
    panel titles leave no room above the plot."""
    return with_layout(
        fig,
        {
            "legend": {"orientation": "h", "yref": "container", "y": 0.0, "yanchor": "bottom",
                       "x": 0.0},
            "margin": {"b": bottom},
        },
    )  # fmt: skip


def node_hovers(diagram: Diagram, draws: MaskDraws) -> tuple[list[str], list[str]]:
    """The diagram's layer names and one hover text per node (in the diagram's node order):
    a hidden unit says whether the shown mask keeps it and how often the draws dropped it."""
    depth = len(draws.widths)
    n = draws.n_masks
    names = [
        t("dropout.layer_input"),
        *(t("dropout.layer_hidden", i=i + 1) for i in range(depth)),
        t("dropout.layer_output"),
    ]
    drop_counts = (draws.keep.shape[0] - draws.keep.sum(axis=0)).tolist()
    rates = draws.unit_drop_rate.tolist()
    hover, hidden_index = [], 0
    for layer, unit, kept in zip(
        diagram.node_layer.tolist(),
        diagram.node_unit.tolist(),
        diagram.node_kept.tolist(),
        strict=True,
    ):
        if 0 < layer <= depth:
            hover.append(
                t(
                    "dropout.node_hover",
                    layer=names[layer],
                    unit=unit + 1,
                    state=t("dropout.state_kept" if kept else "dropout.state_dropped"),
                    n=n,
                    dropped=drop_counts[hidden_index],
                    rate=rates[hidden_index],
                )
            )
            hidden_index += 1
        else:
            hover.append(f"{names[layer]} {unit + 1}")
    return names, hover


def network_figure(diagram: Diagram, draws: MaskDraws, height: int = 420) -> go.Figure:
    """The MLP with the last mask of ``draws`` applied: kept units green, dropped units
    (crossed) and their edges grey. The figure is built from one dict in a single validation
    pass (house style as ``base_layout``), since a mask is redrawn on every click.
    """
    layer_names, hover = node_hovers(diagram, draws)
    labels = {
        key: t(f"dropout.{key}")
        for key in ("edge_active", "edge_dropped", "node_kept", "node_dropped", "node_fixed")
    }
    title = t("dropout.diagram_title", n=draws.n_masks)
    n_layers = int(diagram.node_layer.max()) + 1
    fixed = (diagram.node_layer == 0) | (diagram.node_layer == n_layers - 1)
    kept = ~fixed & diagram.node_kept
    dropped = ~fixed & ~diagram.node_kept
    hover = np.asarray(hover, dtype=object)
    ring = {"color": "white", "width": 1.5}

    def nodes(sel: np.ndarray, name: str, marker: dict) -> dict:
        return {
            "type": "scatter",
            "x": diagram.node_x[sel],
            "y": diagram.node_y[sel],
            "mode": "markers",
            "marker": marker,
            "name": name,
            "text": hover[sel],
            "hovertemplate": "%{text}<extra></extra>",
        }

    data = [
        {
            "type": "scatter",
            "x": diagram.dropped_x,
            "y": diagram.dropped_y,
            "mode": "lines",
            "line": {"color": EDGE_DROPPED, "width": 1, "dash": "dot"},
            "name": labels["edge_dropped"],
            "hoverinfo": "skip",
        },
        {
            "type": "scatter",
            "x": diagram.active_x,
            "y": diagram.active_y,
            "mode": "lines",
            "line": {"color": EDGE, "width": 1.2},
            "name": labels["edge_active"],
            "hoverinfo": "skip",
        },
        nodes(fixed, labels["node_fixed"], {"size": 22, "color": FIXED, "line": ring}),
        nodes(kept, labels["node_kept"], {"size": 22, "color": KEPT, "line": ring}),
        nodes(
            dropped,
            labels["node_dropped"],
            {"size": 22, "color": "#f0f0f0", "line": {"color": "#9a9a9a", "width": 1.5}},
        ),
        {  # a cross over each dropped unit
            "type": "scatter",
            "x": diagram.node_x[dropped],
            "y": diagram.node_y[dropped],
            "mode": "markers",
            "marker": {
                "size": 14,
                "symbol": "x-thin-open",
                "line": {"color": "#7f7f7f", "width": 2},
            },
            "showlegend": False,
            "hoverinfo": "skip",
        },
    ]
    alt = t("dropout.diagram_alt", kept=int(kept.sum()), total=int((kept | dropped).sum()))
    layout = {
        "title": {"text": title, "x": 0.0, "xanchor": "left"},
        "meta": {"alt": alt},
        "height": height,
        "margin": {"l": 10, "r": 10, "t": 75, "b": 70},
        "legend": {"orientation": "h", "yanchor": "top", "y": -0.02, "x": 0.0},
        "hovermode": "closest",
        "plot_bgcolor": "rgba(0,0,0,0)",  # the page's own background, light or dark
        "xaxis": {
            "side": "top",
            "tickvals": list(range(n_layers)),
            "ticktext": list(layer_names),
            "showgrid": False,
            "zeroline": False,
            "range": [-0.4, n_layers - 0.6],
        },
        "yaxis": {"showticklabels": False, "showgrid": False, "zeroline": False},
    }
    return go.Figure({"data": data, "layout": layout})


def conventions_figure(
    table: pd.DataFrame, *, p_now: float, n_masks: int, height: int = 420
) -> go.Figure:
    """Mean of ``n_masks`` masked outputs vs test-time output over p: paper (left), inverted
    (right); a dashed line at the chosen ``p_now``."""
    labels = {
        "train_mean": t("dropout.conv_train_mean", n=f"{n_masks:,}"),
        "test": t("dropout.conv_test"),
        "unscaled": t("dropout.conv_unscaled"),
    }
    titles = (t("dropout.conv_paper_title"), t("dropout.conv_inverted_title"))
    title, x_title, y_title = t("dropout.conv_title"), t("dropout.p_drop"), t("dropout.conv_y")
    fig = make_subplots(rows=1, cols=2, subplot_titles=titles, shared_yaxes=True)
    p = table["p"]
    panels = (
        (1, "paper_train_mean", "paper_test", MC),
        (2, "inverted_train_mean", "inverted_test", MC),
    )
    for col, mean_col, test_col, color in panels:
        first = col == 1
        fig.add_trace(
            go.Scatter(
                x=p,
                y=table["paper_unscaled"],
                name=labels["unscaled"],
                line={"color": "#7f7f7f", "dash": "dot"},
                hovertemplate="%{y:.4g}",
                legendgroup="unscaled",
                showlegend=first,
            ),
            row=1,
            col=col,
        )
        fig.add_trace(
            go.Scatter(
                x=p,
                y=table[test_col],
                name=labels["test"],
                line={"color": "#444", "width": 2},
                hovertemplate="%{y:.4g}",
                legendgroup="test",
                showlegend=first,
            ),
            row=1,
            col=col,
        )
        fig.add_trace(
            go.Scatter(
                x=p,
                y=table[mean_col],
                name=labels["train_mean"],
                mode="markers",
                marker={"color": color, "size": 8},
                hovertemplate="%{y:.4g}",
                legendgroup="mean",
                showlegend=first,
            ),
            row=1,
            col=col,
        )
    base_layout(fig, title=title, x_title="", y_title="", height=height)
    line = {"color": "#bbb", "width": 1, "dash": "dash"}
    fig.update_layout(
        xaxis={"title": {"text": x_title}},
        xaxis2={"title": {"text": x_title}},
        yaxis={"title": {"text": y_title}},
        shapes=[
            {
                "type": "line",
                "xref": xref,
                "yref": "paper",
                "x0": p_now,
                "x1": p_now,
                "y0": 0,
                "y1": 1,
                "line": line,
            }
            for xref in ("x", "x2")
        ],
        hovermode="x",
        margin={"t": 80},
    )
    fig.update_annotations(font={"size": 13})  # the two panel titles
    return legend_below(fig)


def k_curve_figure(
    curves: pd.DataFrame,
    *,
    metric: str,
    eval_value: float,
    paper_k: int | None = 50,
    height: int = 380,
) -> dict:
    """Monte-Carlo average of the first k thinned nets vs the weight-scaled pass, over k.

    ``metric`` is "acc" or "loss"; single thinned networks are grey dots (k-th net alone).
    """
    labels = {
        "mc": t("dropout.ens_mc"),
        "ws": t("dropout.ens_ws"),
        "single": t("dropout.ens_single"),
        "paper": t("dropout.ens_paper_k"),
    }
    title = t("dropout.ens_acc_title" if metric == "acc" else "dropout.ens_loss_title")
    y_title = t("common.accuracy" if metric == "acc" else "dropout.ens_log_loss")
    x_title = t("dropout.ens_k")
    k = curves["k"].to_numpy()
    traces = [
        {
            "type": "scatter",
            "x": k,
            "y": curves[f"single_{metric}"].to_numpy(),
            "mode": "markers",
            "marker": {"color": SINGLE, "size": 5, "opacity": 0.7},
            "name": labels["single"],
            "hovertemplate": "%{y:.4g}",
        },
        {
            "type": "scatter",
            "x": k,
            "y": np.full(len(k), eval_value),
            "mode": "lines",
            "line": {"color": WS, "dash": "dash", "width": 2},
            "name": labels["ws"],
            "hovertemplate": "%{y:.4g}",
        },
        {
            "type": "scatter",
            "x": k,
            "y": curves[f"mc_{metric}"].to_numpy(),
            "mode": "lines",
            "line": {"color": MC, "width": 2.5},
            "name": labels["mc"],
            "hovertemplate": "%{y:.4g}",
        },
    ]
    figure_layout = layout(title=title, x_title=x_title, y_title=y_title, height=height)
    # keep the MC and weight-scaling lines readable; the worst single nets may fall off the axis
    values = np.r_[curves[f"mc_{metric}"].to_numpy(), eval_value]
    if metric == "acc":
        low = min(values.min(), curves["single_acc"].quantile(0.05)) - 0.01
        yaxis = {
            "tickformat": ".0%",
            "range": [low, max(values.max(), curves["single_acc"].max()) + 0.01],
        }
    else:
        top = max(values.max(), curves["single_loss"].quantile(0.95))
        yaxis = {"range": [values.min() * 0.97, top * 1.03]}
    extra = {}
    if paper_k is not None and paper_k <= int(k[-1]):
        extra = {
            "shapes": [
                {"type": "line", "xref": "x", "yref": "paper", "x0": paper_k, "x1": paper_k,
                 "y0": 0, "y1": 1, "line": {"color": "#999", "width": 1, "dash": "dot"}}
            ],
            "annotations": [
                {"x": paper_k, "xref": "x", "yref": "paper", "y": 1.0 if metric == "loss" else 0.0,
                 "yanchor": "top" if metric == "loss" else "bottom", "xanchor": "right",
                 "text": labels["paper"], "showarrow": False, "font": {"color": "#777"}}
            ],
        }  # fmt: skip
    figure_layout = merged(figure_layout, {"yaxis": yaxis, **extra})
    return title_above_legend({"data": traces, "layout": figure_layout})


def gap_figure(curves: pd.DataFrame, height: int = 280) -> dict:
    """Mean |P̂_k − P_eval| over the test points against k (log y)."""
    title, y_title, x_title = t("dropout.ens_gap_title"), t("dropout.ens_gap_y"), t("dropout.ens_k")
    trace = {
        "type": "scatter",
        "x": curves["k"].to_numpy(),
        "y": curves["mc_gap"].to_numpy(),
        "mode": "lines",
        "line": {"color": MC, "width": 2.5},
        "hovertemplate": "%{y:.4f}",
        "showlegend": False,
    }
    figure_layout = layout(title=title, x_title=x_title, y_title=y_title, height=height)
    return {"data": [trace], "layout": merged(figure_layout, {"yaxis": {"type": "log"}})}


def sweep_figure(table: pd.DataFrame, height: int = 420) -> dict:
    """Final train (solid) and test (dashed) accuracy against p, one colour per width."""
    title, x_title, y_title = t("dropout.hurts_title"), t("dropout.p_drop"), t("common.accuracy")
    series_label = t("dropout.hurts_series")
    split_labels = {"train": t("common.train"), "test": t("common.test")}
    traces = []
    for i, (width, rows) in enumerate(table.groupby("width", sort=True)):
        for split, dash in (("train", "solid"), ("test", "dash")):
            traces.append(
                {
                    "type": "scatter",
                    "x": rows["p"].to_numpy(),
                    "y": rows[f"{split}_acc"].to_numpy(),
                    "mode": "lines+markers",
                    "name": series_label.format(w=int(width), split=split_labels[split]),
                    "line": {"color": run_color(i), "dash": dash},
                    "hovertemplate": "%{y:.1%}",
                }
            )
    figure_layout = layout(title=title, x_title=x_title, y_title=y_title, height=height)
    figure_layout["yaxis"]["tickformat"] = ".0%"
    return title_above_legend({"data": traces, "layout": figure_layout})
