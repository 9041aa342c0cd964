"""Figures of the playground: the network diagram with a heatmap per unit, the output map,
the loss curve with mid-run change markers, per-layer diagnostics, an enlarged unit.

The playground redraws these several times a second, so they are built as plain Plotly
figure dicts (``{"data": [...], "layout": {...}}``) and drawn without plotly.py's
validation (see ui.charts.common.drawable). They keep the house style of
ui.charts.common.layout (title left, legend on top, compact margins). Colours follow the
rest of the app: class 0 / negative values blue, class 1 / positive values orange. The unit
heatmaps inside the diagram are pasted into one PNG (a single ``layout.image`` under the
lines), so a diagram with dozens of units stays light.
"""

from __future__ import annotations

import base64
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ui.charts.common import layout
from ui.charts.training import CLASS_COLORS, SURFACE_SCALE, run_color
from ui.i18n import t

Figure = dict
NEG = np.array([31, 119, 180], dtype=float)  # blue, like class 0
MID = np.array([247, 247, 247], dtype=float)
POS = np.array([255, 127, 14], dtype=float)  # orange, like class 1
DIVERGING = [[0.0, "#1f77b4"], [0.5, "#f7f7f7"], [1.0, "#ff7f0e"]]
LIGHT_DIVERGING = [[0.0, "#9ecae1"], [0.5, "#f7f7f7"], [1.0, "#fdae6b"]]
GREY_SCALE = [[0.0, "#d9d9d9"], [1.0, "#f0f0f0"]]
MAX_DRAWN = 8  # units drawn per layer in the diagram
THUMB_STRIDE = 2  # a 100×100 map becomes a 50×50 thumbnail
X_GAP, Y_GAP, NODE = 1.9, 1.25, 0.9  # diagram geometry in data units


@dataclass(frozen=True)
class DiagramLabels:
    """Localised words the diagram needs."""

    input: str
    output: str
    hidden: Sequence[str]  # one column title per hidden layer
    more: str  # "+{n} more", formatted here
    unit: str  # "layer {l} · unit {u}", formatted here
    weight: str
    bias: str
    diverged: str


# -- pieces -----------------------------------------------------------------------------------


def _png(rgb: np.ndarray) -> bytes:
    """A minimal RGB PNG (fast zlib level 1): a few dozen thumbnails per redraw add up."""
    h, w, _ = rgb.shape
    raw = b"".join(b"\x00" + rgb[i].tobytes() for i in range(h))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return (
            len(data).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")
        )  # fmt: skip

    header = w.to_bytes(4, "big") + h.to_bytes(4, "big") + b"\x08\x02\x00\x00\x00"
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 1))
        + chunk(b"IEND", b"")
    )


def _rgb(t: np.ndarray) -> np.ndarray:
    """t in [−1, 1] → RGB uint8 on the blue–white–orange scale."""
    t = np.clip(np.nan_to_num(t), -1.0, 1.0)[..., None]
    rgb = np.where(t < 0, MID + (NEG - MID) * (-t), MID + (POS - MID) * t)
    return rgb.astype(np.uint8)


def png_uri(z: np.ndarray, vmax: float, grey: bool = False) -> str:
    """A heatmap (row 0 = bottom, as plotted) as a PNG data URI: 0 white, ±vmax saturated."""
    scale = vmax if vmax > 0 else 1.0
    rgb = _rgb(np.asarray(z)[::-1] / scale)
    if grey:
        rgb = np.repeat(rgb.mean(axis=2, keepdims=True), 3, axis=2).astype(np.uint8)
    return "data:image/png;base64," + base64.b64encode(_png(np.ascontiguousarray(rgb))).decode()


def _sprite(
    maps: Sequence[tuple[np.ndarray, float]],
    xs: Sequence[float],
    ys: Sequence[float],
    x_range: tuple[float, float],
    y_range: tuple[float, float],
    grey: bool = False,
) -> str:
    """Every unit's thumbnail pasted at its place on one white canvas spanning the diagram's
    axes, as one PNG: one image to decode per redraw instead of one per unit."""
    side = maps[0][0][::THUMB_STRIDE, ::THUMB_STRIDE].shape[0]
    k = side / NODE  # pixels per data unit
    width = round((x_range[1] - x_range[0]) * k)
    height = round((y_range[1] - y_range[0]) * k)
    canvas = np.full((height, width, 3), 255, dtype=np.uint8)
    for (z, vmax), x, y in zip(maps, xs, ys, strict=True):
        thumb = _rgb(np.asarray(z)[::THUMB_STRIDE, ::THUMB_STRIDE][::-1] / (vmax or 1.0))
        left = round((x - NODE / 2 - x_range[0]) * k)
        row = round((y_range[1] - y - NODE / 2) * k)
        canvas[row : row + side, left : left + side] = thumb
    if grey:
        canvas = np.repeat(canvas.mean(axis=2, keepdims=True), 3, axis=2).astype(np.uint8)
    return "data:image/png;base64," + base64.b64encode(_png(canvas)).decode()


def _symmetric_max(z: np.ndarray) -> float:
    return float(np.max(np.abs(z))) if z.size else 1.0


def _grey_overlay(fig: Figure, text: str) -> None:
    """Cover a figure with translucent grey and a label: the run has diverged."""
    fig["layout"].setdefault("shapes", []).append(
        {
            "type": "rect",
            "xref": "paper",
            "yref": "paper",
            "x0": 0,
            "y0": 0,
            "x1": 1,
            "y1": 1,
            "fillcolor": "rgba(128,128,128,0.45)",
            "line": {"width": 0},
            "layer": "above",
        }
    )
    fig["layout"].setdefault("annotations", []).append(
        {
            "text": f"<b>{text}</b>",
            "xref": "paper",
            "yref": "paper",
            "x": 0.5,
            "y": 0.5,
            "showarrow": False,
            "font": {"size": 20, "color": "#b30000"},
            "bgcolor": "rgba(255,255,255,0.8)",
        }
    )


def unit_id(layer: int, unit: int) -> str:
    """Stable id of a hidden unit ("h:<layer>:<unit>", 0-based); inputs are "in:<k>", the
    output "out"."""
    return f"h:{layer}:{unit}"


# -- the network diagram ------------------------------------------------------------------------


def network_figure(
    *,
    features: np.ndarray,
    feature_labels: Sequence[str],
    hidden: Sequence[np.ndarray],
    output: np.ndarray,
    weights: Sequence[np.ndarray],
    biases: Sequence[np.ndarray],
    task: str,
    labels: DiagramLabels,
    title: str,
    diverged: bool = False,
    selected: str | None = None,
) -> Figure:
    """The network as TF Playground draws it: a small heatmap per unit, a line per weight.

    ``features`` (n_in, n, n), ``hidden`` [(width, n, n)], ``output`` (n, n) on one grid;
    ``weights[l]`` is (n_in_l, n_out_l). Line colour = sign (orange +, blue −), width ∝ |w|
    (the largest drawn weight gets 5.4 px). At most MAX_DRAWN units per layer are drawn.
    """
    columns = [features, *hidden]
    shown = [min(len(c), MAX_DRAWN) for c in columns] + [1]
    xs = [i * X_GAP for i in range(len(shown))]
    ys = [-(np.arange(k) - (k - 1) / 2.0) * Y_GAP for k in shown]
    data: list[dict] = []

    # connection lines, binned by sign and width: a handful of traces however many weights
    drawn = [np.asarray(w)[: shown[i], : shown[i + 1]] for i, w in enumerate(weights)]
    w_max = max((float(np.max(np.abs(w))) for w in drawn if w.size), default=1.0) or 1.0
    bins: dict[tuple[bool, int], tuple[list, list]] = {}
    mid_x, mid_y, mid_text = [], [], []
    for layer, w in enumerate(drawn):
        for i in range(w.shape[0]):
            for j in range(w.shape[1]):
                value = float(w[i, j])
                level = round(5 * min(abs(value) / w_max, 1.0))
                x0, y0 = xs[layer] + NODE / 2, float(ys[layer][i])
                x1, y1 = xs[layer + 1] - NODE / 2, float(ys[layer + 1][j])
                px, py = bins.setdefault((value >= 0, level), ([], []))
                px += [x0, x1, None]
                py += [y0, y1, None]
                mid_x.append(0.5 * (x0 + x1))
                mid_y.append(0.5 * (y0 + y1))
                mid_text.append(f"{labels.weight} w{layer + 1}[{i + 1}→{j + 1}] = {value:.3g}")
    for (positive, level), (px, py) in sorted(bins.items()):
        data.append(
            {
                "type": "scatter",
                "x": px,
                "y": py,
                "mode": "lines",
                "line": {"color": "#ff7f0e" if positive else "#1f77b4", "width": 0.4 + level},
                "opacity": 0.75,
                "hoverinfo": "skip",
                "showlegend": False,
            }
        )
    data.append(
        {
            "type": "scatter",
            "x": mid_x,
            "y": mid_y,
            "mode": "markers",
            "marker": {"size": 7, "color": "rgba(0,0,0,0)"},
            "hovertext": mid_text,
            "hoverinfo": "text",
            "showlegend": False,
        }
    )

    # unit heatmaps as images, and a square marker per unit for hover and click
    node_x, node_y, node_text, node_ids, maps = [], [], [], [], []
    for col, values in enumerate(columns):
        for u in range(shown[col]):
            z = values[u]
            maps.append((z, _symmetric_max(z)))
            if col == 0:
                name, uid = feature_labels[u], f"in:{u}"
            else:
                name = labels.unit.format(l=col, u=u + 1)
                name += f"<br>{labels.bias} = {float(biases[col - 1][u]):.3g}"
                uid = unit_id(col - 1, u)
            node_text.append(f"{name}<br>[{z.min():.3g}, {z.max():.3g}]")
            node_x.append(xs[col])
            node_y.append(float(ys[col][u]))
            node_ids.append(uid)
    maps.append((output, _symmetric_max(output)) if task == "regression" else (2 * output - 1, 1.0))
    node_x.append(xs[-1])
    node_y.append(0.0)
    node_ids.append("out")
    node_text.append(f"{labels.output}<br>[{output.min():.3g}, {output.max():.3g}]")
    chosen = [uid == selected for uid in node_ids]
    data.append(
        {
            "type": "scatter",
            "x": node_x,
            "y": node_y,
            "mode": "markers",
            "marker": {
                "symbol": "square",
                "size": 40,
                "color": "rgba(0,0,0,0)",
                "line": {
                    "color": ["#d62728" if c else "#555" for c in chosen],
                    "width": [3 if c else 1 for c in chosen],
                },
            },
            "customdata": node_ids,
            "hovertext": node_text,
            "hoverinfo": "text",
            "showlegend": False,
        }
    )

    top = max(float(np.max(y)) for y in ys) + NODE / 2 + 0.35
    bottom = min(float(np.min(y)) for y in ys) - NODE / 2 - 0.35
    x_range = (-X_GAP / 2 - 0.3, xs[-1] + X_GAP / 2)  # room for the input labels
    y_range = (bottom - 0.3, top + 0.4)
    sprite = _sprite(maps, node_x, node_y, x_range, y_range, grey=diverged)
    images = [
        {
            "source": sprite,
            "xref": "x",
            "yref": "y",
            "x": x_range[0],
            "y": y_range[1],
            "sizex": x_range[1] - x_range[0],
            "sizey": y_range[1] - y_range[0],
            "xanchor": "left",
            "yanchor": "top",
            "sizing": "stretch",
            "layer": "below",
        }
    ]
    titles = [labels.input, *labels.hidden, labels.output]
    annotations = [
        {"x": xs[col], "y": top, "text": text, "showarrow": False, "font": {"size": 12}}
        for col, text in enumerate(titles)
    ]
    annotations += [
        {
            "x": xs[0] - NODE / 2 - 0.05,
            "y": float(ys[0][u]),
            "text": feature_labels[u],
            "showarrow": False,
            "xanchor": "right",
            "font": {"size": 12},
        }
        for u in range(shown[0])
    ]
    annotations += [
        {
            "x": xs[col],
            "y": bottom,
            "text": labels.more.format(n=len(values) - shown[col]),
            "showarrow": False,
            "font": {"size": 11, "color": "#666"},
        }
        for col, values in enumerate(columns)
        if len(values) > shown[col]
    ]
    fig = {
        "data": data,
        "layout": {
            "images": images,
            "annotations": annotations,
            "title": {"text": title, "x": 0.0, "xanchor": "left"},
            "height": int(90 + 62 * max(shown)),
            "margin": {"l": 10, "r": 10, "t": 40, "b": 10},
            "hovermode": "closest",
            "dragmode": False,
            "clickmode": "event+select",
            "plot_bgcolor": "white",
            "xaxis": {"visible": False, "range": list(x_range), "fixedrange": True},
            "yaxis": {"visible": False, "range": list(y_range), "scaleanchor": "x",
                      "scaleratio": 1, "fixedrange": True},
        },
    }  # fmt: skip
    if diverged:
        _grey_overlay(fig, labels.diverged)
    return fig


# -- maps over the box ---------------------------------------------------------------------------


def _square(fig: Figure, axis: np.ndarray) -> None:
    extent = [float(axis[0]), float(axis[-1])]
    fig["layout"]["xaxis"].update(range=extent, constrain="domain")
    fig["layout"]["yaxis"].update(range=extent, scaleanchor="x", scaleratio=1, constrain="domain")


def output_figure(
    *,
    axis: np.ndarray,
    z: np.ndarray,
    points: Mapping[str, np.ndarray],
    task: str,
    show_test: bool,
    title: str,
    split_labels: Mapping[str, str],
    value_label: str,
    diverged_label: str | None = None,
    height: int = 430,
) -> Figure:
    """The network's output over the box with the training (and test) points on top.

    Classification: P(class 1) from blue (0) through white (0.5, the boundary) to orange (1);
    points coloured by class (training ●, test ◇). No contour line: it is the costliest part
    to redraw several times a second, and "discretise" shows the boundary sharply. Regression: the prediction on a symmetric
    blue–orange scale, points coloured by their target on the same scale.
    """
    regression = task == "regression"
    zf = np.asarray(z, dtype=np.float32)  # ample for colour; halves what the browser gets
    if regression:
        vmax = max(float(np.max(np.abs(z))), float(np.max(np.abs(points["y_train"]))), 1e-9)
        zmin, zmax, scale = -vmax, vmax, LIGHT_DIVERGING
    else:
        zmin, zmax, scale = 0.0, 1.0, SURFACE_SCALE
    data: list[dict] = [
        {
            "type": "heatmap",
            "x": axis,
            "y": axis,
            "z": zf,
            "zmin": zmin,
            "zmax": zmax,
            "colorscale": GREY_SCALE if diverged_label else scale,
            "showscale": regression,
            "colorbar": {"thickness": 10, "len": 0.8},
            "hovertemplate": f"x1=%{{x:.2f}}<br>x2=%{{y:.2f}}<br>{value_label}=%{{z:.3f}}"
            "<extra></extra>",
        }
    ]
    splits = [("train", "circle")] + ([("test", "diamond-open")] if show_test else [])
    for split, symbol in splits:
        x, y = points[f"x_{split}"], points[f"y_{split}"]
        edge = {"width": 0.5, "color": "white"} if split == "train" else {"width": 1.5}
        if regression:
            data.append(
                {
                    "type": "scatter",
                    "x": x[:, 0],
                    "y": x[:, 1],
                    "mode": "markers",
                    "name": split_labels[split],
                    "marker": {"symbol": symbol, "size": 6, "color": y, "colorscale": DIVERGING,
                               "cmin": zmin, "cmax": zmax,
                               "line": {"width": edge["width"], "color": "#333"}},
                    "hovertemplate": "(%{x:.2f}, %{y:.2f}) → %{marker.color:.3f}<extra></extra>",
                }
            )  # fmt: skip
            continue
        for cls in (0, 1):
            mask = y == cls
            data.append(
                {
                    "type": "scatter",
                    "x": x[mask, 0],
                    "y": x[mask, 1],
                    "mode": "markers",
                    "name": f"{split_labels[split]} {cls}",
                    "marker": {"symbol": symbol, "size": 6, "color": CLASS_COLORS[cls],
                               "line": {"color": CLASS_COLORS[cls], **edge}},
                    "hovertemplate": "(%{x:.2f}, %{y:.2f})<extra></extra>",
                }
            )  # fmt: skip
    fig = {"data": data, "layout": layout(title=title, x_title="x1", y_title="x2", height=height)}
    fig["layout"].update(
        hovermode="closest",
        legend={"orientation": "h", "yanchor": "top", "y": -0.12, "x": 0.0},
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
    )
    _square(fig, axis)
    if diverged_label:
        _grey_overlay(fig, diverged_label)
    return fig


def unit_figure(
    *,
    axis: np.ndarray,
    z: np.ndarray,
    title: str,
    value_label: str,
    symmetric: bool = True,
    height: int = 380,
) -> Figure:
    """One unit's output over the box, large, its value on hover (0 white, ± blue/orange;
    ``symmetric=False`` for a probability: 0 blue … 1 orange)."""
    vmax = _symmetric_max(z) or 1.0
    zmin, zmax = (-vmax, vmax) if symmetric else (0.0, 1.0)
    heat = {
        "type": "heatmap",
        "x": axis,
        "y": axis,
        "z": np.asarray(z, dtype=np.float32),
        "zmin": zmin,
        "zmax": zmax,
        "colorscale": DIVERGING,
        "colorbar": {"thickness": 10, "len": 0.8},
        "hovertemplate": f"x1=%{{x:.2f}}<br>x2=%{{y:.2f}}<br>{value_label}=%{{z:.4g}}"
        "<extra></extra>",
    }
    fig = {"data": [heat], "layout": layout(title=title, x_title="x1", y_title="x2", height=height)}
    fig["layout"].update(hovermode="closest")
    _square(fig, axis)
    return fig


# -- curves over epochs -----------------------------------------------------------------------------


def mark_changes(fig: Figure, changes: Sequence[tuple[float, str]]) -> Figure:
    """A dotted vertical line and a label at each (x, label): where a setting changed."""
    shapes = fig["layout"].setdefault("shapes", [])
    annotations = fig["layout"].setdefault("annotations", [])
    for i, (x, label) in enumerate(changes):
        shapes.append(
            {
                "type": "line",
                "xref": "x",
                "yref": "paper",
                "x0": x,
                "x1": x,
                "y0": 0,
                "y1": 1,
                "line": {"color": "#7f7f7f", "dash": "dot", "width": 1.5},
            }
        )
        annotations.append(
            {
                "x": x,
                "y": 1.0 - 0.1 * (i % 4),
                "xref": "x",
                "yref": "paper",
                "text": label,
                "showarrow": False,
                "xanchor": "left",
                "yanchor": "top",
                "font": {"size": 10, "color": "#555"},
                "bgcolor": "rgba(255,255,255,0.7)",
            }
        )
    return fig


def loss_figure(
    history: pd.DataFrame,
    *,
    title: str,
    changes: Sequence[tuple[float, str]],
    diverged_label: str | None = None,
    log_y: bool = False,
    height: int = 300,
) -> Figure:
    """Training (solid) and test (dashed) loss per epoch, change markers, grey if diverged."""
    data = [
        {
            "type": "scatter",
            "x": history["epoch"].to_numpy(),
            "y": history[f"{split}_loss"].to_numpy(dtype=float),
            "name": t(f"common.{split}"),
            "mode": "lines",
            "line": {"color": color, "dash": dash},
            "hovertemplate": "%{y:.4g}",
        }
        for split, color, dash in (("train", "#1f77b4", "solid"), ("test", "#d62728", "dash"))
    ]
    fig = {
        "data": data,
        "layout": layout(title=title, x_title=t("common.epoch"), y_title=t("common.loss"),
                         height=height),
    }  # fmt: skip
    if log_y:
        fig["layout"]["yaxis"]["type"] = "log"
    mark_changes(fig, changes)
    if diverged_label:
        _grey_overlay(fig, diverged_label)
    return fig


def diagnostic_figure(
    history: pd.DataFrame,
    prefix: str,
    *,
    title: str,
    y_title: str,
    layer_names: Sequence[str],
    changes: Sequence[tuple[float, str]],
    log_y: bool = False,
    height: int = 300,
) -> Figure:
    """One line per layer of the numbered columns ``<prefix>_0``, ``<prefix>_1``, … (as
    ui.charts.training.per_layer_figure), with change markers."""
    columns = [c for c in history.columns if c.startswith(f"{prefix}_")]
    data = []
    for column in columns:
        i = int(column.rsplit("_", 1)[1])
        data.append(
            {
                "type": "scatter",
                "x": history["epoch"].to_numpy(),
                "y": history[column].to_numpy(dtype=float),
                "name": layer_names[i] if i < len(layer_names) else column,
                "mode": "lines",
                "line": {"color": run_color(i)},
                "hovertemplate": "%{y:.4g}",
            }
        )
    fig = {
        "data": data,
        "layout": layout(title=title, x_title=t("common.epoch"), y_title=y_title, height=height),
    }
    if log_y:
        fig["layout"]["yaxis"].update(type="log", exponentformat="power")
    return mark_changes(fig, changes)


__all__ = [
    "DiagramLabels",
    "diagnostic_figure",
    "layout",
    "loss_figure",
    "mark_changes",
    "network_figure",
    "output_figure",
    "png_uri",
    "unit_figure",
    "unit_id",
]
