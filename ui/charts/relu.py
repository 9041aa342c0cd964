"""Figures of the ReLU page: timing bars, sparsity bars and firing maps, dying-ReLU curves,
the variants' accuracy. All labels arrive already localised."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ui.charts.activations import functions_figure
from ui.charts.common import ACTIVATION_COLORS, activation_label, base_layout
from ui.charts.training import run_color

LAYER_DASHES = ("solid", "dash", "dot", "dashdot")
LEGEND_BELOW = {"orientation": "h", "yanchor": "top", "y": -0.22, "x": 0.0}


def _legend_below(fig: go.Figure, height: int) -> go.Figure:
    """Many legend entries: put them under the plot so they never cover the title."""
    fig.update_layout(
        legend=LEGEND_BELOW, height=height, margin={"l": 10, "r": 10, "t": 50, "b": 10}
    )
    return fig


STAGE_COLORS = {"init": "#9ecae1", "trained": "#08519c"}


def timing_figure(table: pd.DataFrame, *, title: str, y_title: str, ratio_label: str) -> go.Figure:
    """Median time per activation in ms (bars), min…max as error bars, ×ratio to ReLU on top."""
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
            text=[ratio_label.format(ratio=r) for r in table["ratio_to_relu"]],
            textposition="outside",
            customdata=np.column_stack([table["ratio_to_relu"], table["ns_per_element"]]),
            hovertemplate="%{x}: %{y:.3g} ms · ×%{customdata[0]:.2f} · "
            "%{customdata[1]:.3g} ns/elem<extra></extra>",
        )
    )
    base_layout(fig, title=title, x_title="", y_title=y_title)
    fig.update_layout(showlegend=False, hovermode="closest")
    fig.update_yaxes(rangemode="tozero")
    return fig


def sparsity_figure(
    table: pd.DataFrame,
    *,
    title: str,
    stage_labels: Mapping[str, str],
    layer_label: str,
    y_title: str,
) -> go.Figure:
    """Share of exactly-zero outputs per layer, before and after training (grouped bars)."""
    fig = go.Figure()
    for stage, label in stage_labels.items():
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
    base_layout(fig, title=title, x_title="", y_title=y_title)
    fig.update_layout(barmode="group", hovermode="closest")
    fig.update_yaxes(range=[0, 1.1], tickformat=".0%")
    return fig


def firing_figure(
    firing: np.ndarray,
    labels: np.ndarray,
    *,
    title: str,
    x_title: str,
    y_title: str,
    on_label: str,
    off_label: str,
    class_label: str,
) -> go.Figure:
    """Which unit (column) fires (output ≠ 0) for which sample (row); a line between classes."""
    z = firing.astype(int)
    text = np.where(firing, on_label, off_label)
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
    fig: go.Figure,
    histories: Mapping[str, pd.DataFrame],
    diverged: Mapping[str, int | None],
    text: str,
) -> None:
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
    prefix: str,
    n_layers: int,
    *,
    title: str,
    x_title: str,
    y_title: str,
    layer_label: str,
    diverged: Mapping[str, int | None],
    diverged_text: str,
    percent: bool = True,
) -> go.Figure:
    """``<prefix>_<l>`` over epochs: one colour per activation, one dash per layer."""
    fig = go.Figure()
    for name, history in histories.items():
        for layer in range(n_layers):
            column = f"{prefix}_{layer}"
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
    _diverged_marks(fig, histories, diverged, diverged_text)
    base_layout(fig, title=title, x_title=x_title, y_title=y_title)
    _legend_below(fig, 460)
    if percent:
        fig.update_yaxes(range=[-0.03, 1.03], tickformat=".0%")
    return fig


def accuracy_lines_figure(
    histories: Mapping[str, pd.DataFrame],
    *,
    title: str,
    x_title: str,
    y_title: str,
    diverged: Mapping[str, int | None],
    diverged_text: str,
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
    _diverged_marks(fig, histories, diverged, diverged_text)
    base_layout(fig, title=title, x_title=x_title, y_title=y_title)
    _legend_below(fig, 380)
    fig.update_yaxes(range=[0, 1.02], tickformat=".0%")
    return fig


def slopes_figure(
    slopes: pd.DataFrame,
    *,
    title: str,
    x_title: str,
    y_title: str,
    layer_label: str,
    seed_label: str,
    init_label: str,
    init: float = 0.25,
) -> go.Figure:
    """PReLU's learned slope a per layer over epochs; one line per (seed, layer)."""
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
        annotation_text=init_label,
        annotation_position="bottom right",
    )
    base_layout(fig, title=title, x_title=x_title, y_title=y_title)
    return _legend_below(fig, 420)


def variants_accuracy_figure(
    summary: pd.DataFrame,
    runs: pd.DataFrame,
    *,
    title: str,
    y_title: str,
    split_labels: Mapping[str, str],
    seed_label: str,
) -> go.Figure:
    """Mean train and test accuracy per activation (bars, ±1 std over seeds on test) with each
    seed's test accuracy as a dot."""
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
            hovertemplate="%{y:.1%}",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=[activation_label(a) for a in runs["activation"]],
            y=runs["test_acc"],
            mode="markers",
            name=seed_label,
            marker={"color": "#222", "size": 6, "symbol": "circle-open"},
            customdata=runs["seed"],
            hovertemplate="seed %{customdata}: %{y:.1%}<extra></extra>",
        )
    )
    low = float(min(runs["test_acc"].min(), summary["train_mean"].min()))
    base_layout(fig, title=title, x_title="", y_title=y_title, height=380)
    fig.update_layout(barmode="group", hovermode="closest")
    fig.update_yaxes(range=[max(0.0, low - 0.1), 1.0], tickformat=".0%")
    return fig


def variants_functions_figure(
    curves: Sequence,
    band: tuple[np.ndarray, np.ndarray, np.ndarray],
    draw: tuple[np.ndarray, np.ndarray],
    *,
    title: str,
    names: Mapping[str, str],
    band_label: str,
    draw_label: str,
) -> go.Figure:
    """The explorer's f(z) chart (with RReLU's training band), traces renamed to say which
    slope each curve has (e.g. "PReLU, learned a = 0.31")."""
    fig = functions_figure(
        curves,
        title=title,
        band=band,
        band_label=band_label,
        draw=draw,
        draw_label=draw_label,
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
