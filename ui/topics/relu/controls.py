"""Small helpers the ReLU page's experiments share: the Run gate and a percentage."""

from __future__ import annotations

from collections.abc import Hashable

import numpy as np

from ui.widgets import run_gate


def gate(key: str, current: Hashable, label: str) -> Hashable:
    """The settings of the last press of the Run button ``label`` (``current`` before the
    first): moving a widget does not start an expensive run."""
    return run_gate(key, current, label)


def pct(value: float | None) -> str:
    """A share as a whole percentage; "—" when there is none."""
    return "—" if value is None or not np.isfinite(value) else f"{value:.0%}"
