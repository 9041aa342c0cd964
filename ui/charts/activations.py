"""Figures of f and f′ (the activation explorer's, and the ReLU page's).

Redrawn on every slider move, so built as plain figure dicts (see ui.charts.common.drawable).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from qa_core.engine.curves import Curve
from ui.charts.common import ACTIVATION_COLORS, activation_label, layout

HOVER = "%{y:.4g}"


def _rgba(hex_color: str, alpha: float) -> str:
    r, g, b = (int(hex_color[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def _line(x, y, name: str, line: dict) -> dict:
    return {"type": "scatter", "x": x, "y": y, "name": name, "hovertemplate": HOVER, "line": line}


def functions_figure(
    curves: Sequence[Curve],
    *,
    title: str,
    band: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None,
    band_label: str = "",
    draw: tuple[np.ndarray, np.ndarray] | None = None,
    draw_label: str = "",
) -> dict:
    """f(z) for each curve; optionally RReLU's training band and one random training pass."""
    data: list[dict] = []
    if band is not None:
        z, low, high = band
        data += [
            {"type": "scatter", "x": z, "y": high, "line": {"width": 0}, "hoverinfo": "skip",
             "showlegend": False},
            {"type": "scatter", "x": z, "y": low, "fill": "tonexty",
             "fillcolor": _rgba(ACTIVATION_COLORS["rrelu"], 0.18), "line": {"width": 0},
             "name": band_label, "hoverinfo": "skip"},
        ]  # fmt: skip
    if draw is not None:
        data.append(
            {"type": "scatter", "x": draw[0], "y": draw[1], "mode": "markers", "name": draw_label,
             "marker": {"size": 3, "color": ACTIVATION_COLORS["rrelu"]}, "hoverinfo": "skip"}
        )  # fmt: skip
    data += [
        _line(
            c.z, c.f, activation_label(c.name), {"color": ACTIVATION_COLORS[c.name], "width": 2.5}
        )
        for c in curves
    ]
    return {"data": data, "layout": layout(title=title, x_title="z", y_title="f(z)")}


def derivatives_figure(
    curves: Sequence[Curve],
    intervals: dict[str, list[tuple[float, float]]],
    *,
    title: str,
    threshold: float,
    threshold_label: str,
    max_label: str,
    log_y: bool = False,
) -> dict:
    """f′(z) for each curve, its saturated zones shaded and its maximum marked."""
    data: list[dict] = []
    shapes: list[dict] = []
    for c in curves:
        color = ACTIVATION_COLORS[c.name]
        shapes += [
            {"type": "rect", "xref": "x", "yref": "y domain", "x0": start, "x1": end,
             "y0": 0, "y1": 1, "fillcolor": _rgba(color, 0.10), "line": {"width": 0},
             "layer": "below"}
            for start, end in intervals.get(c.name, [])
        ]  # fmt: skip
        data.append(_line(c.z, c.df, activation_label(c.name), {"color": color, "width": 2.5}))
        data.append(
            {"type": "scatter", "x": [c.argmax_df], "y": [c.max_df], "mode": "markers+text",
             "showlegend": False, "marker": {"color": color, "size": 10, "symbol": "diamond"},
             "text": [max_label.format(value=c.max_df)], "textposition": "top center",
             "hovertemplate": f"{activation_label(c.name)} max f′ = %{{y:.4g}} at z = %{{x:.3g}}"
             "<extra></extra>"}
        )  # fmt: skip
    shapes.append(
        {"type": "line", "xref": "x domain", "yref": "y", "x0": 0, "x1": 1, "y0": threshold,
         "y1": threshold, "line": {"dash": "dot", "color": "gray"}}
    )  # fmt: skip
    # An annotation's y on a log axis is given as log10 of the value (a shape's is not).
    label_y = np.log10(threshold) if log_y and threshold > 0 else threshold
    annotation = {"text": threshold_label, "xref": "x domain", "yref": "y", "x": 1, "y": label_y,
                  "xanchor": "right", "yanchor": "top", "showarrow": False}  # fmt: skip
    fig_layout = layout(title=title, x_title="z", y_title="f′(z)")
    fig_layout.update(shapes=shapes, annotations=[annotation])
    if log_y:
        fig_layout["yaxis"].update(type="log", exponentformat="power")
    return {"data": data, "layout": fig_layout}
