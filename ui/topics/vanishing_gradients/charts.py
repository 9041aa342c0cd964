"""Figures of the vanishing-gradient page's gradient norms: log-scale norms against depth or
layer, with overflow/underflow markers and the sigmoid ceiling; and what the charts of the
page share (the activations' colours and markers, the legend's place, scale names). Each
builder looks up its own labels (``t``); callers pass data and the numbers the labels show.
The saturation and statistics figures are in ``saturation_charts``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from qa_core.labs.vanishing_gradients.sweeps import OVERFLOW, ZERO
from qa_core.labs.vanishing_gradients.training_steps import TrainedProfile
from ui.charts.common import ACTIVATION_COLORS, activation_label, layout, merged
from ui.i18n import t

CEILING_COLOR = "#444444"


# Distinct markers, so that lines lying on top of each other (ReLU and Leaky ReLU) both show.
ACTIVATION_SYMBOLS = {
    "sigmoid": "circle",
    "tanh": "square",
    "relu": "diamond",
    "leaky_relu": "x-thin-open",
    "prelu": "triangle-up",
    "rrelu": "triangle-down",
    "elu": "star",
    "selu": "hourglass",
    "softplus": "hexagon",
    "gelu": "cross",
    "silu": "pentagon",
}
BELOW = {"orientation": "h", "yanchor": "top", "y": -0.22, "x": 0.0}  # legend under the x axis
SHORT_INITS = {  # names for chart titles (proper names and a formula: no translation needed)
    "matched": "Xavier / LeCun / He",
    "xavier": "Xavier",
    "xavier_uniform": "Xavier (U)",
    "he": "He",
    "lecun": "LeCun",
    "normal": "N(0, {std}²)",
}
X_TITLES = {"depth": "vanishing_gradients.depth_axis", "layer": "vanishing_gradients.layer_axis"}


def activation_color(name: str) -> str:
    return ACTIVATION_COLORS.get(name, "#333333")


def activation_symbol(name: str) -> str:
    return ACTIVATION_SYMBOLS.get(name, "circle")


def scale_label(value: float) -> str:
    """A weight scale as written on the page: 5/3 (tanh's gain) as a fraction."""
    return "5/3" if abs(value - 5 / 3) < 1e-9 else f"{value:g}"


@dataclass(frozen=True)
class Series:
    """One line of a gradient-norm chart: x, grad_norm and status columns of ``frame``."""

    label: str
    color: str
    frame: pd.DataFrame
    dash: str = "solid"
    symbol: str = "circle"


def _marker_levels(series: Sequence[Series]) -> tuple[float, float]:
    """Where to draw "overflow" (a decade above the largest finite norm) and "zero" (a decade
    below the smallest positive one) on a log axis."""
    values = np.concatenate([s.frame["grad_norm"].to_numpy(dtype=float) for s in series] or [[]])
    good = values[np.isfinite(values) & (values > 0)]
    if good.size == 0:
        return 10.0, 0.1
    return 10.0 ** (np.ceil(np.log10(good.max())) + 1), 10.0 ** (np.floor(np.log10(good.min())) - 1)


def _series(name: str, frame: pd.DataFrame, label: str, dash: str = "solid") -> Series:
    """One activation's line, in its colour and with its marker."""
    return Series(label, activation_color(name), frame, dash=dash, symbol=activation_symbol(name))


def sweep_figure(
    frames: Mapping[str, pd.DataFrame],
    *,
    init: str,
    std: float,
    ceiling: tuple[Sequence[int], np.ndarray] | None = None,
) -> dict:
    """One panel of the depth sweep: a line per activation (``frames``: name → sweep), and
    the sigmoid ceiling if given. Its title names the init: "matched" (the good one) or
    "normal" N(0, std²) (the bad one)."""
    series = [_series(name, df, activation_label(name)) for name, df in frames.items()]
    if init == "matched":
        title = t("vanishing_gradients.good_panel")
    else:
        title = t("vanishing_gradients.bad_panel", std=f"{std:g}")
    return norms_figure(series, x="depth", title=title, ceiling=ceiling)


def layers_figure(
    profiles: Mapping[str, pd.DataFrame],
    trained: Mapping[str, TrainedProfile] | None,
    *,
    depth: int,
    init: str,
    std: float,
    steps: int,
) -> dict:
    """Per-layer norms of fresh probes (``profiles``: name → layer profile) and, dashed, of
    the same probes after ``steps`` training steps."""
    series = [
        _series(name, df, t("vanishing_gradients.at_init", act=activation_label(name)))
        for name, df in profiles.items()
    ]
    if trained is not None:
        series += [
            _series(
                name,
                result.norms,
                t("vanishing_gradients.after_steps", act=activation_label(name), steps=steps),
                dash="dash",
            )
            for name, result in trained.items()
        ]
    init_text = SHORT_INITS[init].format(std=f"{std:g}")
    title = t("vanishing_gradients.layers_title", depth=depth, init=init_text)
    return norms_figure(series, x="layer", title=title)


def norms_figure(
    series: Sequence[Series],
    *,
    x: str,
    title: str,
    ceiling: tuple[Sequence[int], np.ndarray] | None = None,
    height: int = 440,
) -> dict:
    """‖∂L/∂W‖ on a log axis against ``x`` ("depth" or "layer"), one line per series;
    overflowed values as ✕ at the top, exact zeros as ▼ at the bottom; optionally the sigmoid
    ceiling 0.25^(L−1) as a dashed line. Built as a plain dict: the depth sweep redraws it
    with up to a dozen traces."""
    top, bottom = _marker_levels(series)
    traces: list[dict] = []
    for s in series:
        df = s.frame
        ok = ~df["status"].isin([OVERFLOW, ZERO])
        traces.append(
            {
                "type": "scatter",
                "x": df[x].to_numpy(),
                "y": df["grad_norm"].where(ok).to_numpy(dtype=float),
                "mode": "lines+markers",
                "name": s.label,
                "line": {"color": s.color, "dash": s.dash},
                "marker": {
                    "size": 7,
                    "symbol": s.symbol,
                    "line": {"width": 1, "color": s.color},
                },
                "hovertemplate": "%{y:.3g}",
            }
        )
        for kind, level, symbol, hover in (
            (OVERFLOW, top, "x", t("vanishing_gradients.overflow")),
            (ZERO, bottom, "triangle-down", t("vanishing_gradients.zero")),
        ):
            rows = df[df["status"] == kind]
            if rows.empty:
                continue
            traces.append(
                {
                    "type": "scatter",
                    "x": rows[x].to_numpy(),
                    "y": np.full(len(rows), level),
                    "mode": "markers",
                    "name": f"{s.label} · {hover}",
                    "marker": {"symbol": symbol, "size": 11, "color": s.color},
                    "hovertemplate": hover,
                }
            )
    if ceiling is not None:
        depths, values = ceiling
        traces.append(
            {
                "type": "scatter",
                "x": list(depths),
                "y": np.asarray(values, dtype=float),
                "mode": "lines",
                "name": t("vanishing_gradients.ceiling_label"),
                "line": {"color": CEILING_COLOR, "dash": "dash", "width": 1.5},
                "hovertemplate": "%{y:.3g}",
            }
        )
    shapes, annotations = [], []
    for kind, level, label in (
        (OVERFLOW, top, t("vanishing_gradients.overflow_line")),
        (ZERO, bottom, t("vanishing_gradients.zero_line")),
    ):
        if any((s.frame["status"] == kind).any() for s in series):
            shapes.append(
                {
                    "type": "line",
                    "xref": "x domain", "x0": 0, "x1": 1,
                    "yref": "y", "y0": level, "y1": level,
                    "line": {"color": "#999", "dash": "dot", "width": 1},
                }
            )  # fmt: skip
            # A log axis places annotations by log10 of the value.
            annotations.append(
                {
                    "x": 0.0, "xref": "paper", "xanchor": "left",
                    "y": float(np.log10(level)), "yref": "y",
                    "yanchor": "bottom" if kind == OVERFLOW else "top",
                    "text": label, "showarrow": False, "font": {"size": 11, "color": "#666"},
                }
            )  # fmt: skip
    figure_layout = merged(
        layout(
            title=title,
            x_title=t(X_TITLES[x]),
            y_title=t("vanishing_gradients.grad_norm_axis"),
            height=height,
        ),
        {
            "legend": BELOW,
            "margin": {"l": 10, "r": 10, "t": 40, "b": 10},
            "yaxis": {"type": "log", "exponentformat": "power"},
        },
    )
    if shapes:
        figure_layout.update(shapes=shapes, annotations=annotations)
    return {"data": traces, "layout": figure_layout}
