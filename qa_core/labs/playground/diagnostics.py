"""What the playground's diagnostics show of a run: the per-layer quantities its history
records (numbered columns ``<prefix>_<layer>``) and the per-layer table as text."""

from __future__ import annotations

import pandas as pd

#: The diagnostics a learner can plot, each with the prefix of its history columns.
DIAG_PREFIX: dict[str, str] = {
    "grad": "grad_norm",
    "dead": "dead",
    "bn_mean": "bn_mean",
    "bn_var": "bn_var",
    "prelu": "prelu",
}
DIAGNOSTICS: tuple[str, ...] = tuple(DIAG_PREFIX)
MISSING = "—"  # a layer without the quantity (no batch norm, no PReLU, the output's dead units)


def layer_columns(history: pd.DataFrame, diagnostic: str) -> list[tuple[int, str]]:
    """(layer index, column) of every history column of ``diagnostic``, in column order; empty
    when the network has no such quantity (no BN layer, no PReLU)."""
    prefix = f"{DIAG_PREFIX[diagnostic]}_"
    return [(int(c.rsplit("_", 1)[1]), c) for c in history.columns if c.startswith(prefix)]


def layer_table_text(table: pd.DataFrame, output_name: str) -> pd.DataFrame:
    """The per-layer table (``LiveRun.layer_table``) as text: the output layer called
    ``output_name``, dead units in percent, other numbers to 3 significant digits, MISSING
    where a layer has no such quantity; columns no layer has are left out."""
    table = table.dropna(axis=1, how="all")
    shown = {}
    for column in table.columns:
        values = table[column].tolist()
        if column == "layer":
            text = [output_name if v == "out" else str(v) for v in values]
        elif column == "dead":
            text = [MISSING if pd.isna(v) else f"{v:.0%}" for v in values]
        else:
            text = [MISSING if pd.isna(v) else f"{v:.3g}" for v in values]
        shown[column] = text
    return pd.DataFrame(shown)


__all__ = ["DIAGNOSTICS", "DIAG_PREFIX", "MISSING", "layer_columns", "layer_table_text"]
