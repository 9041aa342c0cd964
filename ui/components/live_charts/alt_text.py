"""What a chart says in words, for readers who cannot see it (the chart's aria-label: its
title and, per trace, how many points and the ranges they span), and why a chart that shows
nothing is empty (a note drawn in the chart instead of bare axes)."""

from __future__ import annotations

import base64
import re

import numpy as np

from ui.i18n import t

MAX_TRACES = 8  # traces named in a description; the rest are counted
TAGS = re.compile(r"<[^>]+>")


def _numbers(values) -> np.ndarray:
    """The finite numbers among ``values`` (empty when they are not numbers)."""
    if values is None:
        return np.empty(0)
    if isinstance(values, dict) and "bdata" in values:  # plotly.py's typed array
        values = np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"])
    try:
        array = np.asarray(values, dtype=float).ravel()
    except (TypeError, ValueError):
        return np.empty(0)
    return array[np.isfinite(array)]


def _values(trace: dict) -> np.ndarray:
    """The numbers a trace draws: its z (a heatmap's colours) or else its y."""
    return _numbers(trace.get("z") if trace.get("z") is not None else trace.get("y"))


def _span(numbers: np.ndarray) -> str:
    low, high = numbers.min(), numbers.max()
    return f"{low:.3g}" if low == high else f"{low:.3g} … {high:.3g}"


def _title(layout: dict) -> str:
    title = layout.get("title")
    text = title.get("text") if isinstance(title, dict) else title
    return TAGS.sub("", str(text)) if text else t("common.chart_untitled")


def _describe(figure: dict, values: list[np.ndarray]) -> str:
    """The chart in one or two sentences with its key numbers, in the page's language."""
    layout = figure.get("layout", {})
    meta = layout.get("meta")
    if isinstance(meta, dict) and meta.get("alt"):  # a diagram says itself what it shows
        return t("common.chart_sep").join([_title(layout), meta["alt"]])
    parts = [_title(layout)]
    traces = figure.get("data", [])
    for index, (trace, numbers) in enumerate(zip(traces[:MAX_TRACES], values, strict=False)):
        if numbers.size == 0:
            continue
        name = TAGS.sub("", str(trace.get("name") or t("common.chart_series", i=index + 1)))
        parts.append(t("common.chart_trace", name=name, n=numbers.size, span=_span(numbers)))
    if len(traces) > MAX_TRACES:
        parts.append(t("common.chart_more", n=len(traces) - MAX_TRACES))
    return t("common.chart_sep").join(parts)


def _plottable(trace: dict, numbers: np.ndarray, log_y: bool) -> bool:
    """Whether the trace puts anything on the screen: a line needs two points, a log axis
    positive values."""
    if trace.get("type") in ("heatmap", "contour"):
        return numbers.size > 0
    if log_y:
        numbers = numbers[numbers > 0]
    if numbers.size == 0:
        return False
    mode = trace.get("mode", "")
    lines_only = trace.get("type", "scatter") == "scatter" and mode == "lines"
    return numbers.size >= 2 or not lines_only


def _empty_reason(figure: dict, values: list[np.ndarray]) -> str | None:
    """Why the chart shows nothing (None when it shows something, or has no data at all)."""
    traces = figure.get("data", [])
    if not traces:
        return None
    log_y = (figure.get("layout", {}).get("yaxis") or {}).get("type") == "log"
    if any(_plottable(tr, v, log_y) for tr, v in zip(traces, values, strict=True)):
        return None
    if log_y and any(v.size for v in values):
        return t("common.chart_empty_log")
    return t("common.chart_empty_points")


def read(figure: dict) -> tuple[str, str | None]:
    """The chart's description and why it is empty (None: it is not), from one pass over its
    data (decoded once: this runs on every redraw)."""
    values = [_values(trace) for trace in figure.get("data", [])]
    return _describe(figure, values), _empty_reason(figure, values)


def with_note(figure: dict, note: str) -> dict:
    """The figure with ``note`` written in the middle of its plot area."""
    layout = dict(figure.get("layout", {}))
    for mark in ("：", "，", ": ", ", "):  # a line per clause: a narrow chart would clip it
        note = note.replace(mark, mark.rstrip() + "<br>")
    annotation = {"text": note, "xref": "paper", "yref": "paper", "x": 0.5, "y": 0.5,
                  "showarrow": False, "font": {"size": 14}}  # fmt: skip
    layout["annotations"] = [*layout.get("annotations", []), annotation]
    return {**figure, "layout": layout}
