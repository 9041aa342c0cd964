"""Charts redrawn in place, for the experiments whose sliders are moved most.

st.plotly_chart gives a chart a new identity whenever its figure changes, so every slider
move re-creates the chart from scratch in the browser (≈ 200 ms a chart here). The small
component frame in ``live_frame/`` keeps its charts and updates them with Plotly.react.

The frame loads plotly.js from the app's own static folder (``static/``, served by
Streamlit at /app/static/ because .streamlit/config.toml turns on enableStaticServing),
where ``vendor_plotly_js`` copies the copy that ships with the plotly package. Run
``python -m ui.charts.live`` to place it ahead of time (the Docker image does, as its app
folder is read-only); a server that can neither find nor place it draws the usual way.
"""

from __future__ import annotations

import base64
import filecmp
import functools
import json
import logging
import math
import os
import shutil
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd
import plotly
import streamlit as st
import streamlit.components.v1 as components

from ui.charts.common import PLOTLY_CONFIG, drawable, show, validating

ROOT = Path(__file__).resolve().parents[2]
FRAME_DIR = Path(__file__).with_name("live_frame")
PLOTLY_JS = ROOT / "static" / "plotly.min.js"
SHIPPED_PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"

log = logging.getLogger(__name__)


def vendor_plotly_js(target: Path = PLOTLY_JS, source: Path = SHIPPED_PLOTLY_JS) -> bool:
    """Make ``target`` a copy of plotly's own plotly.min.js; False if it cannot be placed."""
    try:
        if target.exists() and filecmp.cmp(target, source, shallow=False):
            return True
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f"{target.name}.{os.getpid()}.partial")
        shutil.copyfile(source, partial)
        os.replace(partial, target)  # atomic: replicas sharing a folder never see half a file
        return True
    except OSError as err:
        log.warning(
            "plotly.js not placed at %s (%s): live charts fall back to st.plotly_chart", target, err
        )
        return False


@functools.cache
def _frame():
    """The declared component, or None if plotly.js cannot be served (checked once a process)."""
    if not vendor_plotly_js():
        return None
    return components.declare_component("live_charts", path=str(FRAME_DIR))


def figure_json(figure: dict) -> str:
    """The figure as the frame takes it: Plotly JSON without a template (the frame adds
    Streamlit's look, in the reader's light or dark theme).

    Encoded here rather than by plotly.io.to_json, which builds a go.Figure first (≈ 9 ms a
    figure, on every slider move); float arrays go as Plotly's base64 typed arrays, as
    plotly.py sends them. Under test the figure is still validated as a go.Figure.
    """
    bare = {**figure, "layout": {**figure.get("layout", {}), "template": {}}}
    if validating():
        drawable(bare)  # raises on a misspelt property
    return json.dumps(_plain(bare), separators=(",", ":"), allow_nan=False)


def _plain(node):
    """JSON-ready: float arrays as {"dtype": "f8", "bdata": base64}, numpy scalars as Python
    numbers, non-finite scalars as null (as Plotly's own encoder sends them)."""
    if isinstance(node, dict):
        return {key: _plain(value) for key, value in node.items()}
    if isinstance(node, (list, tuple)):
        return [_plain(value) for value in node]
    if isinstance(node, np.ndarray):
        if node.dtype.kind == "f":
            data = np.ascontiguousarray(node, dtype="<f8").tobytes()
            return {"dtype": "f8", "bdata": base64.b64encode(data).decode("ascii")}
        return _plain(node.tolist())
    if isinstance(node, np.generic):
        node = node.item()
    if isinstance(node, float) and not math.isfinite(node):
        return None
    return node


def table_json(table: pd.DataFrame) -> dict[str, list]:
    """A small table of text as the frame takes it: its headings and its rows."""
    return {
        "columns": [str(c) for c in table.columns],
        "rows": [[str(v) for v in row] for row in table.itertuples(index=False)],
    }


def show_live(figures: Sequence[dict], key: str, table: pd.DataFrame | None = None) -> None:
    """Draw ``figures`` side by side where each gets 300 px, else stacked, and ``table`` (text,
    already formatted) under them; updated in place on reruns. The table is in the frame
    because every Streamlit element a rerun sends costs the browser ≈ 30 ms to redraw."""
    frame = _frame()
    if frame is None:
        for i, figure in enumerate(figures):
            show(figure, key=f"{key}_{i}")
        if table is not None:
            st.table(table)
        return
    frame(
        figures=[figure_json(f) for f in figures],
        table=None if table is None else table_json(table),
        config=PLOTLY_CONFIG,
        key=key,
        default=None,
    )


if __name__ == "__main__":
    raise SystemExit(0 if vendor_plotly_js() else 1)
