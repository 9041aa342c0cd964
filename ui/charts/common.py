"""Shared look of every chart: colours and names per activation, the house layout."""

from __future__ import annotations

import plotly.graph_objects as go

ACTIVATION_LABELS = {
    "sigmoid": "Sigmoid",
    "tanh": "Tanh",
    "relu": "ReLU",
    "leaky_relu": "Leaky ReLU",
    "prelu": "PReLU",
    "rrelu": "RReLU",
    "elu": "ELU",
    "selu": "SELU",
    "softplus": "Softplus",
    "gelu": "GELU",
    "silu": "SiLU",
}

ACTIVATION_COLORS = {
    "sigmoid": "#1f77b4",
    "tanh": "#ff7f0e",
    "relu": "#2ca02c",
    "leaky_relu": "#d62728",
    "prelu": "#9467bd",
    "rrelu": "#8c564b",
    "elu": "#e377c2",
    "selu": "#393b79",
    "softplus": "#7f7f7f",
    "gelu": "#bcbd22",
    "silu": "#17becf",
}


def activation_label(name: str) -> str:
    return ACTIVATION_LABELS.get(name, name)


def layout(*, title: str, x_title: str, y_title: str, height: int = 360) -> dict:
    """Titles, compact margins, legend on top, unified hover: the house style, as a dict."""
    return {
        "title": {"text": title, "x": 0.0, "xanchor": "left"},
        "xaxis": {"title": {"text": x_title}},
        "yaxis": {"title": {"text": y_title}},
        "height": height,
        "margin": {"l": 10, "r": 10, "t": 60, "b": 10},
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0.0},
        "hovermode": "x unified",
    }


def merged(base: dict, patch: dict) -> dict:
    """``base`` updated by ``patch``, nested dicts key by key (as go.Figure.update_layout)."""
    out = dict(base)
    for key, value in patch.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merged(out[key], value)
        else:
            out[key] = value
    return out


def with_layout(fig: go.Figure | dict, patch: dict) -> go.Figure | dict:
    """``patch`` merged into the layout of a go.Figure or of a figure built as a dict."""
    if isinstance(fig, go.Figure):
        return fig.update_layout(patch)
    fig["layout"] = merged(fig.get("layout", {}), patch)
    return fig


def base_layout(fig: go.Figure, *, title: str, x_title: str, y_title: str, height: int = 360):
    """The house style (``layout``) applied to a go.Figure."""
    fig.update_layout(layout(title=title, x_title=x_title, y_title=y_title, height=height))
    return fig
