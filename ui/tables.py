"""Small result tables, drawn as Markdown tables.

st.dataframe draws with a canvas data grid whose JavaScript (with its Arrow formatting) a first
visit must load and run before the page is done (its cost: bench/README.md). The app's tables
are a few rows of results to read, so Markdown (already loaded for the Q&A text) draws them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import streamlit as st

from ui.i18n import t

PERCENT = "percent"  # 0.912 → 91.2%
_SPECIAL = "\\|$*_`<>[]#~"  # Markdown's and KaTeX's own characters, shown as typed


def cell(value: object, fmt: str | None = None) -> str:
    """One value as text: ``fmt`` is PERCENT or a printf format ("%.3f", "×%.2f"); a float
    without one to 4 significant digits; a missing or non-finite number as "—"."""
    if value is None or (isinstance(value, (float, np.floating)) and not math.isfinite(value)):
        return "—"
    if fmt == PERCENT and isinstance(value, (int, float, np.number)):
        return f"{float(value):.1%}"
    if fmt is not None and isinstance(value, (int, float, np.number)):
        return fmt % value
    if isinstance(value, np.generic):
        value = value.item()
    return f"{value:.4g}" if isinstance(value, float) else str(value)


def _escaped(text: str) -> str:
    text = " ".join(text.split())  # a table row is one line
    return "".join(f"\\{ch}" if ch in _SPECIAL else ch for ch in text)


def markdown_table(frame: pd.DataFrame, formats: Mapping[str, str] | None = None) -> str:
    """``frame`` (no index) as a Markdown table; columns of numbers are right-aligned."""
    formats = formats or {}
    columns = [str(c) for c in frame.columns]
    numeric = [pd.api.types.is_numeric_dtype(frame[c]) for c in frame.columns]
    lines = [
        "| " + " | ".join(_escaped(c) for c in columns) + " |",
        "|" + "|".join("---:" if n else ":---" for n in numeric) + "|",
    ]
    for row in frame.itertuples(index=False):
        texts = (cell(v, formats.get(c)) for c, v in zip(columns, row, strict=True))
        lines.append("| " + " | ".join(_escaped(x) for x in texts) + " |")
    return "\n".join(lines)


def show_table(frame: pd.DataFrame, formats: Mapping[str, str] | None = None, where=st) -> None:
    """Draw ``frame`` as a table (``formats``: column → PERCENT or a printf format)."""
    where.markdown(markdown_table(frame, formats))


@dataclass(frozen=True)
class Column:
    """One column of a shown table: ``source`` in the frame, its heading ``t(label)``, and its
    format (PERCENT or a printf format; None: as ``cell`` writes it)."""

    source: str
    label: str
    fmt: str | None = None


def show_columns(frame: pd.DataFrame, columns: Sequence[Column], where=st) -> None:
    """Draw the chosen ``columns`` of ``frame`` under their headings, each in its format."""
    headings = [t(column.label) for column in columns]
    shown = pd.DataFrame(
        {
            heading: frame[column.source].to_numpy()
            for heading, column in zip(headings, columns, strict=True)
        }
    )
    formats = {h: c.fmt for h, c in zip(headings, columns, strict=True) if c.fmt is not None}
    show_table(shown, formats, where)
