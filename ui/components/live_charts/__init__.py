"""The app's charts: drawn in the page itself by a small component, updated in place.

st.plotly_chart loads Streamlit's own plotly.js bundle, every trace type there is, which a
first visit's main thread must evaluate, and gives a chart a new identity whenever its figure
changes, so every slider move re-creates it from scratch (bench/README.md has the costs). The
component in ``live_charts.js`` is a Streamlit v2 component (no iframe): it loads plotly.js's
cartesian bundle (scatter, bar, box, heatmap, histogram, contour; a third of the full bundle)
once per browser tab from the app's own static folder
(``static/``, served at /app/static/ because .streamlit/config.toml turns on
enableStaticServing), keeps its charts and updates them with Plotly.react. A chart far from
the screen is drawn when the reader scrolls near it (its box says data-drawn="later" until
then), so a first visit draws only what it shows.

``static/plotly-cartesian.min.js`` is plotly.js's own build (npm package
plotly.js-cartesian-dist-min, MIT, licence beside it), the same plotly.js version as the one
plotly.py ships (a test keeps them together). Nothing is fetched from a CDN.
"""

from __future__ import annotations

import base64
import functools
import json
import math
import os
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from ui.components.live_charts.alt_text import read, with_note

ROOT = Path(__file__).resolve().parents[3]
PLOTLY_JS = ROOT / "static" / "plotly-cartesian.min.js"
COMPONENT_JS = Path(__file__).with_name("live_charts.js")
NAME = "qa_live_charts"

# The structure is there from the mount on, before plotly.js has drawn into it.
HTML = (
    '<div class="qa-live"><div class="qa-charts"></div>'
    '<table class="qa-table"></table><p class="qa-problem"></p></div>'
)
# Side by side where each chart gets 300 px, else stacked; the table in st.table's look.
CSS = """
.qa-charts { display: flex; flex-wrap: wrap; gap: 1rem; }
.qa-charts > div { flex: 1 1 300px; min-width: 0; }
.qa-problem { margin: 0; color: #FF4B4B; }
/* the mode bar (two buttons) at the bottom right, out of the title's way; shown on focus too */
.qa-charts .modebar-container { top: auto !important; bottom: 0; }
.qa-charts .modebar-btn:focus-visible { outline: 2px solid; outline-offset: 1px; }
.qa-charts .js-plotly-plot:focus-within .modebar { opacity: 1 !important; }
.qa-problem:empty, .qa-table:empty { display: none; }
.qa-table { border-collapse: collapse; margin-top: 0.5rem; font-size: 14px; color: var(--qa-text); }
.qa-table th, .qa-table td { border: 1px solid var(--qa-grid); padding: 0.25rem 0.75rem;
                             text-align: left; }
.qa-table th { font-weight: 400; color: var(--qa-muted); }
.qa-table td.number { text-align: right; font-variant-numeric: tabular-nums; }
"""


# No logo link, no "edit in Chart Studio", nothing that leaves the machine.
# Only the buttons a learner uses: save as PNG and reset the axes (after a zoom).
PLOTLY_CONFIG = {"displaylogo": False, "modeBarButtons": [["toImage", "resetScale2d"]]}


def drawable(fig: go.Figure | dict) -> go.Figure:
    """A figure st.plotly_chart takes as it is.

    Given a dict, st.plotly_chart would validate it property by property, on every redraw.
    Charts redrawn on every slider move or playground tick are built as
    plain dicts and wrapped unvalidated here. The test suite sets QA_VALIDATE_FIGURES=1, so
    a misspelt property still fails a test.
    """
    if isinstance(fig, dict):
        return go.Figure(fig, _validate=validating())
    return fig


def validating() -> bool:
    """Whether figure dicts are checked property by property (the test suite turns it on)."""
    return os.environ.get("QA_VALIDATE_FIGURES") == "1"


@functools.cache
def _component():
    """The registered component (once a process)."""
    return st.components.v2.component(
        NAME, html=HTML, css=CSS, js=COMPONENT_JS.read_text(encoding="utf-8"),
        isolate_styles=False,  # plotly.js styles its mode bar from the page's <head>
    )  # fmt: skip


def figure_json(figure: go.Figure | dict) -> str:
    """The figure as the component takes it: Plotly JSON without a template (the component
    adds Streamlit's look, in the reader's light or dark theme).

    Encoded here rather than by plotly.io.to_json, which builds (and validates) a go.Figure
    first, on every slider move; float arrays go as Plotly's base64 typed arrays, as
    plotly.py sends them. Under test the figure is still validated as a go.Figure.
    """
    if isinstance(figure, go.Figure):
        figure = figure.to_plotly_json()
    bare = {**figure, "layout": {**figure.get("layout", {}), "template": {}}}
    if validating():
        drawable(bare)  # raises on a misspelt property
    return json.dumps(_plain(bare), separators=(",", ":"), allow_nan=False)


def _plain(node):
    """JSON-ready: float arrays as {"dtype": "f8" or "f4", "bdata": base64} (with "shape" if
    2-D, as plotly.py writes them), numpy scalars as Python
    numbers, non-finite scalars as null (as Plotly's own encoder sends them)."""
    if isinstance(node, dict):
        return {key: _plain(value) for key, value in node.items()}
    if isinstance(node, (list, tuple)):
        return [_plain(value) for value in node]
    if isinstance(node, np.ndarray):
        if node.dtype.kind == "f":
            dtype = "f4" if node.dtype == np.float32 else "f8"  # float32: half the bytes
            data = np.ascontiguousarray(node, dtype=f"<{dtype}").tobytes()
            typed = {"dtype": dtype, "bdata": base64.b64encode(data).decode("ascii")}
            if node.ndim > 1:  # a surface: plotly.js reads the rows from the shape
                typed["shape"] = ", ".join(str(n) for n in node.shape)
            return typed
        return _plain(node.tolist())
    if isinstance(node, np.generic):
        node = node.item()
    if isinstance(node, float) and not math.isfinite(node):
        return None
    return node


def table_json(table: pd.DataFrame) -> dict[str, list]:
    """A small table of text as the component takes it: its headings and its rows."""
    return {
        "columns": [str(c) for c in table.columns],
        "rows": [[str(v) for v in row] for row in table.itertuples(index=False)],
    }


def show_live(
    figures: Sequence[go.Figure | dict],
    key: str,
    table: pd.DataFrame | None = None,
    on_click: Callable[[], None] | None = None,
) -> str | None:
    """Draw ``figures`` side by side where each gets 300 px, else stacked, and ``table`` (text,
    already formatted) under them; updated in place on reruns. The table is drawn by the
    component because every Streamlit element a rerun sends costs the browser a redraw.

    With ``on_click``, a click on a point that carries customdata reruns the app with that
    customdata returned here (once, on the run it causes); otherwise None."""
    callbacks = {} if on_click is None else {"on_clicked_change": on_click}
    plain = [f.to_plotly_json() if isinstance(f, go.Figure) else f for f in figures]
    read_out = [read(f) for f in plain]  # (description, why empty)
    noted = [
        f if why is None else with_note(f, why) for f, (_, why) in zip(plain, read_out, strict=True)
    ]
    result = _component()(
        data={
            "figures": [figure_json(f) for f in noted],
            "labels": [label for label, _ in read_out],
            "table": None if table is None else table_json(table),
            "config": PLOTLY_CONFIG,
        },
        key=key,
        **callbacks,
    )
    return getattr(result, "clicked", None) if on_click is not None else None


def show(fig: go.Figure | dict, key: str) -> None:
    """Draw one figure full-width, updated in place on reruns."""
    show_live([fig], key=key)
