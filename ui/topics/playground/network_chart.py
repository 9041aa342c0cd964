"""The playground's network diagram, as TF Playground draws it: a small heatmap per unit, a line
per weight.

It is redrawn several times a second while playing, so it is a plain Plotly figure dict
(``{"data": [...], "layout": {...}}``) drawn without plotly.py's validation, and the unit
heatmaps are pasted into one PNG (a single ``layout.image`` under the lines): a diagram with
dozens of units stays light. Colours follow the rest of the app: negative values blue,
positive values orange.
"""

from __future__ import annotations

import base64
import zlib
from collections.abc import Sequence

import numpy as np

from qa_core.labs import playground as pg
from qa_core.labs.playground.session import Snapshot
from qa_core.labs.playground.state import FEATURE_NAMES
from ui.i18n import t
from ui.topics.playground.charts import Figure, grey_overlay, symmetric_max
from ui.topics.playground.names import FEATURE_TEXT

NEG = np.array([31, 119, 180], dtype=float)  # blue, like class 0
MID = np.array([247, 247, 247], dtype=float)
POS = np.array([255, 127, 14], dtype=float)  # orange, like class 1
MAX_DRAWN = 8  # units drawn per layer in the diagram
THUMB_STRIDE = 2  # a 100×100 map becomes a 50×50 thumbnail
X_GAP, Y_GAP, NODE = 1.9, 1.25, 0.9  # diagram geometry in data units


# -- the unit heatmaps as one PNG ---------------------------------------------------------------


def _png(pixels: np.ndarray) -> bytes:
    """A minimal RGB or RGBA PNG (fast zlib level 1): a few dozen thumbnails per redraw add up."""
    h, w, channels = pixels.shape
    raw = b"".join(b"\x00" + pixels[i].tobytes() for i in range(h))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return (
            len(data).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")
        )  # fmt: skip

    color_type = b"\x06" if channels == 4 else b"\x02"  # RGBA or RGB, 8 bits a channel
    header = w.to_bytes(4, "big") + h.to_bytes(4, "big") + b"\x08" + color_type + b"\x00\x00\x00"
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


def _sprite(
    maps: Sequence[tuple[np.ndarray, float]],
    xs: Sequence[float],
    ys: Sequence[float],
    x_range: tuple[float, float],
    y_range: tuple[float, float],
    grey: bool = False,
) -> str:
    """Every unit's thumbnail pasted at its place on one transparent canvas spanning the
    diagram's axes (so the page's light or dark background shows between them), as one PNG:
    one image to decode per redraw instead of one per unit."""
    side = maps[0][0][::THUMB_STRIDE, ::THUMB_STRIDE].shape[0]
    k = side / NODE  # pixels per data unit
    width = round((x_range[1] - x_range[0]) * k)
    height = round((y_range[1] - y_range[0]) * k)
    canvas = np.zeros((height, width, 4), dtype=np.uint8)  # transparent
    canvas[..., :3] = 255
    for (z, vmax), x, y in zip(maps, xs, ys, strict=True):
        thumb = _rgb(np.asarray(z)[::THUMB_STRIDE, ::THUMB_STRIDE][::-1] / (vmax or 1.0))
        left = round((x - NODE / 2 - x_range[0]) * k)
        row = round((y_range[1] - y - NODE / 2) * k)
        canvas[row : row + side, left : left + side, :3] = thumb
        canvas[row : row + side, left : left + side, 3] = 255
    if grey:
        canvas[..., :3] = canvas[..., :3].mean(axis=2, keepdims=True).astype(np.uint8)
    return "data:image/png;base64," + base64.b64encode(_png(canvas)).decode()


# -- the diagram ----------------------------------------------------------------------------------


def _weight_lines(
    weights: Sequence[np.ndarray], shown: list[int], xs: list[float], ys: list[np.ndarray]
) -> list[dict]:
    """The connection lines, binned by sign and width (a handful of traces however many
    weights), and an invisible marker at each line's middle that shows its weight on hover."""
    weight = t("playground.weight_hover")
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
                mid_text.append(f"{weight} w{layer + 1}[{i + 1}→{j + 1}] = {value:.3g}")
    data = [
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
        for (positive, level), (px, py) in sorted(bins.items())
    ]
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
    return data


def network_figure(
    snap: Snapshot, features: Sequence[str], *, diverged: bool = False, selected: str | None = None
) -> Figure:
    """The network of ``snap`` (its input ``features`` by id) as TF Playground draws it.

    Line colour = sign (orange +, blue −), width ∝ |w| (the largest drawn weight gets 5.4 px).
    At most MAX_DRAWN units per layer are drawn. Each unit is a square marker whose
    ``customdata`` is its unit id (qa_core.labs.playground.units), for hover and click; the
    ``selected`` unit has a red frame. A diverged run is greyed out.
    """
    feature_labels = [FEATURE_TEXT[f] for f in features]
    output = snap.output
    columns = [snap.features, *snap.hidden]
    shown = [min(len(c), MAX_DRAWN) for c in columns] + [1]
    xs = [i * X_GAP for i in range(len(shown))]
    ys = [-(np.arange(k) - (k - 1) / 2.0) * Y_GAP for k in shown]
    data = _weight_lines(snap.weights, shown, xs, ys)

    # unit heatmaps as images, and a square marker per unit for hover and click
    bias = t("playground.bias_hover")
    node_x, node_y, node_text, node_ids, maps = [], [], [], [], []
    for col, values in enumerate(columns):
        for u in range(shown[col]):
            z = values[u]
            maps.append((z, symmetric_max(z)))
            if col == 0:
                name, uid = feature_labels[u], pg.input_id(u)
            else:
                name = t("playground.unit", l=col, u=u + 1)
                name += f"<br>{bias} = {float(snap.biases[col - 1][u]):.3g}"
                uid = pg.hidden_id(col - 1, u)
            node_text.append(f"{name}<br>[{z.min():.3g}, {z.max():.3g}]")
            node_x.append(xs[col])
            node_y.append(float(ys[col][u]))
            node_ids.append(uid)
    regression = snap.task == "regression"
    maps.append((output, symmetric_max(output)) if regression else (2 * output - 1, 1.0))
    node_x.append(xs[-1])
    node_y.append(0.0)
    node_ids.append(pg.OUTPUT_UNIT)
    node_text.append(f"{t('playground.output')}<br>[{output.min():.3g}, {output.max():.3g}]")
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
    titles = [
        t("playground.input"),
        *(t("playground.hidden_layer", i=i + 1, w=len(h)) for i, h in enumerate(snap.hidden)),
        t("playground.output"),
    ]
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
            "text": t("playground.more_units", n=len(values) - shown[col]),
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
            "title": {"text": t("playground.network_title"), "x": 0.0, "xanchor": "left"},
            "height": int(90 + 62 * max(shown)),
            "margin": {"l": 10, "r": 10, "t": 40, "b": 10},
            "hovermode": "closest",
            "dragmode": False,
            "clickmode": "event+select",
            "meta": {"alt": t("playground.diagram_alt",
                              inputs=", ".join(FEATURE_NAMES[f] for f in features),
                              widths=", ".join(str(len(h)) for h in snap.hidden) or "0")},
            "plot_bgcolor": "rgba(0,0,0,0)",  # the page's own background, light or dark
            "xaxis": {"visible": False, "range": list(x_range), "fixedrange": True},
            "yaxis": {"visible": False, "range": list(y_range), "scaleanchor": "x",
                      "scaleratio": 1, "fixedrange": True},
        },
    }  # fmt: skip
    if diverged:
        grey_overlay(fig, t("playground.diverged_label"))
    return fig


__all__ = ["MAX_DRAWN", "network_figure"]
