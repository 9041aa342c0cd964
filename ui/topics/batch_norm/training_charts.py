"""Figures of the batch-norm page's training tab: loss and accuracy with and without BN at
several learning rates, and the BN × dropout runs. Each builder looks up its own labels
(``t``); callers pass data."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from qa_core.labs.batch_norm.training import TrainedRun
from ui.charts.common import activation_label
from ui.charts.training import run_color
from ui.i18n import t
from ui.topics.batch_norm.charts import figure, trace

BN_DASH = {False: "dash", True: "solid"}
# metric → (its chart's title, its axis title)
METRICS = {"train_loss": ("loss_title", "train_loss"), "test_acc": ("acc_title", "test_acc")}
MIX = ("none", "bn", "dropout", "both")  # the order of training.interplay's runs


def run_name(run: TrainedRun) -> str:
    """ "lr=0.3 · BN on": a run of the comparison, as the legend and the notices name it."""
    bn = t("batch_norm.bn_on" if run.batch_norm else "batch_norm.bn_off")
    return t("batch_norm.run_label", lr=run.lr, bn=bn)


def mix_names() -> list[str]:
    """The names of the four BN × dropout runs, in their order."""
    return [t(f"batch_norm.mix_{k}") for k in MIX]


def training_figure(
    runs: Sequence[TrainedRun],
    *,
    metric: str = "train_loss",
    target: float | None = None,
    log_y: bool = False,
    height: int = 360,
) -> go.Figure:
    """``metric`` (a key of ``METRICS``) per epoch for every run: colour per learning rate,
    solid with BN, dashed without; a horizontal line at ``target`` (accuracy charts)."""
    title_key, y_key = METRICS[metric]
    lrs = sorted({r.lr for r in runs})
    traces = [
        trace(
            "scatter",
            x=r.history["epoch"],
            y=r.history[metric],
            name=run_name(r),
            line={"color": run_color(lrs.index(r.lr)), "dash": BN_DASH[r.batch_norm]},
            hovertemplate="%{y:.4g}",
        )
        for r in runs
    ]
    layout: dict[str, object] = {"yaxis": {"type": "log"}} if log_y else {}
    if target is not None:
        layout["shapes"] = [
            {
                "type": "line",
                "xref": "paper",
                "yref": "y",
                "x0": 0,
                "x1": 1,
                "y0": target,
                "y1": target,
                "line": {"color": "#444", "dash": "dot", "width": 1},
            }
        ]
        layout["annotations"] = [
            {
                "text": t("batch_norm.target_line"),
                "xref": "paper",
                "yref": "y",
                "x": 1,
                "y": target,
                "xanchor": "right",
                "yanchor": "top",
                "showarrow": False,
            }
        ]
    return figure(
        traces,
        title=t(f"batch_norm.{title_key}"),
        x_title=t("common.epoch"),
        y_title=t(f"batch_norm.{y_key}"),
        height=height,
        layout=layout,
    )


def interplay_figure(
    runs: Sequence[TrainedRun], *, lr: float, dropout: float, activation: str, height: int = 340
) -> go.Figure:
    """Train (solid) and test (dotted) accuracy per epoch of the four BN × dropout runs
    (``training.interplay``) at ``lr``, with ``dropout`` p, of an ``activation`` network."""
    splits = (("train_acc", "solid", t("common.train")), ("test_acc", "dot", t("common.test")))
    traces = [
        trace(
            "scatter",
            x=r.history["epoch"],
            y=r.history[column],
            name=f"{name} · {split}",
            line={"color": run_color(i), "dash": dash},
            hovertemplate="%{y:.3f}",
        )
        for i, (r, name) in enumerate(zip(runs, mix_names(), strict=True))
        for column, dash, split in splits
    ]
    title = t("batch_norm.mix_title", lr=lr, p=dropout, act=activation_label(activation))
    return figure(
        traces,
        title=title,
        x_title=t("common.epoch"),
        y_title=t("common.accuracy"),
        height=height,
    )
