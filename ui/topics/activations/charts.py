"""Figures of the activation explorer. Each builder looks up its own labels (``t``); callers
pass data. f and f′ are drawn by the shared builders of ``ui.charts.activations`` (the ReLU page
uses them too), given this page's titles and labels here."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from qa_core.engine.curves import Curve
from qa_core.labs.activations.tanh_identity import TanhIdentity
from ui.charts.activations import HOVER, derivatives_figure, functions_figure
from ui.charts.common import ACTIVATION_COLORS, layout
from ui.i18n import t


def curve_figures(
    results: Sequence[Curve],
    zones: dict[str, list[tuple[float, float]]],
    *,
    threshold: float,
    log_y: bool,
    band: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None,
    draw: tuple[np.ndarray, np.ndarray] | None = None,
) -> list[dict]:
    """f(z) (with RReLU's training ``band`` and one training pass ``draw`` when given), then
    f′(z) with the saturated ``zones`` shaded below ``threshold`` (log y axis on request)."""
    functions = functions_figure(
        results,
        title=t("activations.f_title"),
        band=band,
        draw=draw,
        band_label=t("activations.band_label"),
        draw_label=t("activations.draw_label"),
    )
    derivatives = derivatives_figure(
        results,
        zones,
        title=t("activations.df_title"),
        threshold=threshold,
        threshold_label=t("activations.threshold_label", value=threshold),
        max_label=t("activations.max_label"),
        log_y=log_y,
    )
    return [functions, derivatives]


def identity_figure(identity: TanhIdentity) -> dict:
    """tanh(z) against 2σ(2z) − 1 (they coincide), with σ(z) and a mere shift σ(z) − ½ for contrast."""
    sig = ACTIVATION_COLORS["sigmoid"]
    traces = (
        ("tanh", identity.tanh, {"color": ACTIVATION_COLORS["tanh"], "width": 6}),
        ("via", identity.via_sigmoid, {"color": "black", "width": 2, "dash": "dash"}),
        ("sigmoid", identity.sigmoid, {"color": sig, "width": 2}),
        ("shift", identity.shifted_sigmoid, {"color": sig, "width": 2, "dash": "dot"}),
    )
    data = [
        {"type": "scatter", "x": identity.z, "y": y, "name": t(f"activations.identity_{key}"),
         "hovertemplate": HOVER, "line": line}
        for key, y, line in traces
    ]  # fmt: skip
    title = t("activations.identity_title")
    return {"data": data, "layout": layout(title=title, x_title="z", y_title="f(z)")}
