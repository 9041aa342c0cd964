"""Figures of the ReLU page: timing bars, sparsity bars and firing maps, dying-ReLU curves,
the variants' accuracy. Each builder looks up its own labels (``t``); callers pass data."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from qa_core.labs.relu.sparsity import STAGES
from qa_core.labs.relu.variants import PRELU_INIT, VariantCurves
from ui.charts.activations import functions_figure
from ui.charts.common import ACTIVATION_COLORS, activation_label, base_layout
from ui.charts.training import run_color
from ui.i18n import t

LAYER_DASHES = ("solid", "dash", "dot", "dashdot")
LEGEND_BELOW = {"orientation": "h", "yanchor": "top", "y": -0.22, "x": 0.0}


def _legend_below(fig: go.Figure, height: int) -> go.Figure:
    """Many legend entries: put them under the plot so they never cover the title."""
    fig.update_layout(
        legend=LEGEND_BELOW, height=height, margin={"l": 10, "r": 10, "t": 50, "b": 10}
    )
    return fig


STAGE_COLORS = {"init": "#9ecae1", "trained": "#08519c"}


def timing_figure(table: pd.DataFrame, *, n: int, kernels: str) -> go.Figure:
    """Median time per activation in ms (bars), min…max as error bars, ×ratio to ReLU on top,
    for ``n`` elements timed with the ``kernels``."""
    title = t("relu.timing_title", n=f"{n:,}", kernels=t(f"relu.kernels_{kernels}"))
    ratio_label = t("relu.timing_ratio")
    ms = table["median_s"] * 1e3
    fig = go.Figure(
        go.Bar(
            x=[activation_label(a) for a in table["activation"]],
            y=ms,
            marker_color=[ACTIVATION_COLORS[a] for a in table["activation"]],
            error_y={
                "type": "data",
                "symmetric": False,
                "array": table["max_s"] * 1e3 - ms,
                "arrayminus": ms - table["min_s"] * 1e3,
                "color": "#555",
            },
            customdata=np.column_stack([table["ratio_to_relu"], table["ns_per_element"]]),
            hovertemplate="%{x}: %{y:.3g} ms · ×%{customdata[0]:.2f} · "
            "%{customdata[1]:.3g} ns/elem<extra></extra>",
        )
    )
    fig.add_trace(  # the ratios above the error bars' tops, not under them
        go.Scatter(
            x=[activation_label(a) for a in table["activation"]],
            y=table["max_s"] * 1e3,
            mode="text",
            text=[ratio_label.format(ratio=r) for r in table["ratio_to_relu"]],
            textposition="top center",
            hoverinfo="skip",
        )
    )
    base_layout(fig, title=title, x_title="", y_title=t("relu.timing_y"))
    fig.update_layout(showlegend=False, hovermode="closest")
    fig.update_yaxes(range=[0, float(table["max_s"].max()) * 1e3 * 1.15])  # room for the ratios
    return fig


def sparsity_figure(table: pd.DataFrame) -> go.Figure:
    """Share of exactly-zero outputs per layer, before and after training (grouped bars)."""
    layer_label = t("relu.layer_short")
    fig = go.Figure()
    for stage in STAGES:
        label = t(f"relu.stage_{stage}")
        part = table[table["stage"] == stage]
        fig.add_trace(
            go.Bar(
                x=[layer_label.format(i=i) for i in part["layer"]],
                y=part["zero_fraction"],
                name=label,
                marker_color=STAGE_COLORS[stage],
                text=[f"{v:.0%}" for v in part["zero_fraction"]],
                textposition="outside",
                customdata=part["dead_fraction"],
                hovertemplate="%{y:.1%}<extra>" + label + "</extra>",
            )
        )
    base_layout(fig, title=t("relu.sparsity_title"), x_title="", y_title=t("relu.sparsity_y"))
    fig.update_layout(barmode="group", hovermode="closest")
    fig.update_yaxes(range=[0, 1.1], tickformat=".0%")
    return fig


def firing_figure(firing: np.ndarray, labels: np.ndarray, *, layer: int, stage: str) -> go.Figure:
    """Which unit (column) of ``layer`` (from 1) fires (output ≠ 0) for which sample (row) at
    ``stage``; a line between classes."""
    title = t("relu.firing_title", i=layer, stage=t(f"relu.stage_{stage}"))
    x_title, y_title = t("relu.firing_unit"), t("relu.firing_sample")
    class_label = t("relu.firing_class")
    z = firing.astype(int)
    text = np.where(firing, t("relu.firing_on"), t("relu.firing_off"))
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=np.arange(1, z.shape[1] + 1),
            y=np.arange(1, z.shape[0] + 1),
            zmin=0,
            zmax=1,
            colorscale=[[0.0, "#f0f0f0"], [0.5, "#f0f0f0"], [0.5, "#e6550d"], [1.0, "#e6550d"]],
            showscale=False,
            text=text,
            hovertemplate=f"{x_title} %{{x}} · {y_title} %{{y}}: %{{text}}<extra></extra>",
        )
    )
    boundaries = np.flatnonzero(np.diff(labels)) + 1.5
    for y in boundaries:
        fig.add_hline(y=y, line_color="#333", line_width=2)
    for cls in np.unique(labels):
        rows = np.flatnonzero(labels == cls) + 1
        fig.add_annotation(
            x=1.0,
            xref="paper",
            xanchor="left",
            y=float(rows.mean()),
            text=class_label.format(cls=int(cls)),
            showarrow=False,
            font={"size": 11},
        )
    base_layout(fig, title=title, x_title=x_title, y_title=y_title, height=380)
    fig.update_layout(hovermode="closest", margin={"l": 10, "r": 60, "t": 60, "b": 10})
    fig.update_yaxes(autorange="reversed")
    return fig


def _diverged_marks(
    fig: go.Figure, histories: Mapping[str, pd.DataFrame], diverged: Mapping[str, int | None]
) -> None:
    """A dotted line and a note at the epoch each diverged run stopped."""
    text = t("relu.diverged_mark")
    for i, name in enumerate(histories):
        epoch = diverged.get(name)
        if epoch is None:
            continue
        fig.add_vline(
            x=epoch, line_dash="dot", line_color=ACTIVATION_COLORS.get(name, run_color(i))
        )
        fig.add_annotation(
            x=epoch,
            y=1.0 - 0.08 * i,
            yref="paper",
            text=text.format(name=activation_label(name), epoch=epoch),
            showarrow=False,
            xanchor="left",
            font={"color": ACTIVATION_COLORS.get(name, run_color(i)), "size": 11},
            bgcolor="rgba(255,255,255,0.8)",
        )


def layer_lines_figure(
    histories: Mapping[str, pd.DataFrame],
    measure: str,
    n_layers: int,
    *,
    diverged: Mapping[str, int | None],
    percent: bool = True,
) -> go.Figure:
    """``<measure>_<l>`` ("dead" or "inactive") over epochs: one colour per activation, one
    dash per layer; ``diverged`` gives the epoch each diverged run stopped at."""
    layer_label = t("relu.layer_short")
    fig = go.Figure()
    for name, history in histories.items():
        for layer in range(n_layers):
            column = f"{measure}_{layer}"
            if column not in history:
                continue
            fig.add_trace(
                go.Scatter(
                    x=history["epoch"],
                    y=history[column],
                    name=f"{activation_label(name)} · {layer_label.format(i=layer + 1)}",
                    line={
                        "color": ACTIVATION_COLORS[name],
                        "dash": LAYER_DASHES[layer % len(LAYER_DASHES)],
                        "width": 2.5 if layer == 0 else 2,
                    },
                    hovertemplate="%{y:.1%}" if percent else "%{y:.4g}",
                )
            )
    _diverged_marks(fig, histories, diverged)
    base_layout(
        fig, title=t(f"relu.{measure}_title"), x_title=t("common.epoch"), y_title=t("relu.fraction")
    )
    _legend_below(fig, 460)
    if percent:
        fig.update_yaxes(range=[-0.03, 1.03], tickformat=".0%")
    return fig


def accuracy_lines_figure(
    histories: Mapping[str, pd.DataFrame],
    *,
    diverged: Mapping[str, int | None],
    column: str = "test_acc",
) -> go.Figure:
    """Accuracy per epoch, one line per activation."""
    fig = go.Figure()
    for name, history in histories.items():
        fig.add_trace(
            go.Scatter(
                x=history["epoch"],
                y=history[column],
                name=activation_label(name),
                line={"color": ACTIVATION_COLORS[name], "width": 2.5},
                hovertemplate="%{y:.1%}",
            )
        )
    _diverged_marks(fig, histories, diverged)
    base_layout(
        fig, title=t("relu.acc_title"), x_title=t("common.epoch"), y_title=t("common.accuracy")
    )
    _legend_below(fig, 380)
    fig.update_yaxes(range=[0, 1.02], tickformat=".0%")
    return fig


def slopes_figure(slopes: pd.DataFrame, init: float = PRELU_INIT) -> go.Figure:
    """PReLU's learned slope a per layer over epochs; one line per (seed, layer)."""
    layer_label, seed_label = t("relu.layer_short"), t("relu.seed_label")
    fig = go.Figure()
    columns = [c for c in slopes.columns if c.startswith("prelu_")]
    for seed, part in slopes.groupby("seed", sort=True):
        for column in columns:
            layer = int(column.rsplit("_", 1)[1])
            fig.add_trace(
                go.Scatter(
                    x=part["epoch"],
                    y=part[column],
                    name=f"{layer_label.format(i=layer + 1)} · {seed_label.format(seed=seed)}",
                    line={
                        "color": run_color(layer),
                        "dash": LAYER_DASHES[int(seed) % len(LAYER_DASHES)],
                    },
                    hovertemplate="a = %{y:.4f}",
                )
            )
    fig.add_hline(
        y=init,
        line_dash="dot",
        line_color="gray",
        annotation_text=t("relu.init_label"),
        annotation_position="bottom right",
    )
    base_layout(
        fig, title=t("relu.slopes_title"), x_title=t("common.epoch"), y_title=t("relu.slope_y")
    )
    return _legend_below(fig, 420)


def variants_accuracy_figure(summary: pd.DataFrame, runs: pd.DataFrame, seeds: int) -> go.Figure:
    """Mean train and test accuracy per activation over ``seeds`` seeds (bars, ±1 std on test)
    with each seed's test accuracy as a dot."""
    split_labels = {"train": t("common.train"), "test": t("common.test")}
    names = [activation_label(a) for a in summary["activation"]]
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            x=names,
            y=summary["train_mean"],
            name=split_labels["train"],
            marker_color="#c6dbef",
            hovertemplate="%{y:.1%}",
        )
    )
    fig.add_trace(
        go.Bar(
            x=names,
            y=summary["test_mean"],
            name=split_labels["test"],
            marker_color=[ACTIVATION_COLORS[a] for a in summary["activation"]],
            error_y={"type": "data", "array": summary["test_std"].fillna(0.0), "color": "#333"},
            text=[f"{v:.1%}" for v in summary["test_mean"]],
            textposition="inside",
            insidetextanchor="start",  # at the bar's foot, clear of the error bar at its top
            hovertemplate="%{y:.1%}",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=[activation_label(a) for a in runs["activation"]],
            y=runs["test_acc"],
            mode="markers",
            name=t("relu.seed_dot"),
            marker={"color": "#222", "size": 6, "symbol": "circle-open"},
            customdata=runs["seed"],
            hovertemplate="seed %{customdata}: %{y:.1%}<extra></extra>",
        )
    )
    low = float(min(runs["test_acc"].min(), summary["train_mean"].min()))
    title = t("relu.variants_acc_title", seeds=seeds)
    base_layout(fig, title=title, x_title="", y_title=t("common.accuracy"), height=380)
    fig.update_layout(barmode="group", hovermode="closest")
    fig.update_yaxes(range=[max(0.0, low - 0.1), 1.0], tickformat=".0%")
    return fig


def variants_functions_figure(shapes: VariantCurves, *, alpha: float, prelu_a: float) -> go.Figure:
    """The explorer's f(z) chart (with RReLU's training band), traces renamed to say which
    slope each curve has: Leaky ReLU's ``alpha``, PReLU's learned ``prelu_a`` (layer 1) and
    RReLU's eval slope (e.g. "PReLU, learned a = 0.31")."""
    names = {
        "leaky_relu": t("relu.name_leaky", alpha=alpha),
        "prelu": t("relu.name_prelu", a=prelu_a),
        "rrelu": t("relu.name_rrelu", r=shapes.rrelu_eval_slope),
    }
    fig = functions_figure(
        shapes.curves,
        title=t("relu.functions_title"),
        band=shapes.band,
        band_label=t("relu.band_label"),
        draw=shapes.draw,
        draw_label=t("relu.draw_label"),
    )
    by_label = {activation_label(name): label for name, label in names.items()}
    for trace in fig["data"]:
        if trace.get("name") in by_label:
            trace["name"] = by_label[trace["name"]]
    return _legend_below(go.Figure(fig), 460)


__all__ = [
    "accuracy_lines_figure",
    "firing_figure",
    "layer_lines_figure",
    "slopes_figure",
    "sparsity_figure",
    "timing_figure",
    "variants_accuracy_figure",
    "variants_functions_figure",
]
