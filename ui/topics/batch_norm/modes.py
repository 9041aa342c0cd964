"""The batch-norm page's train-vs-eval tab: one BN unit's batch and running statistics during
training, then what small batches do to those statistics and to the two modes (behind a Run
gate)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from qa_core.labs.batch_norm import modes
from ui.components.live_charts import show
from ui.i18n import t
from ui.layout import KEEP_ACROSS_TABS
from ui.run_cache import cached_with_progress
from ui.tables import PERCENT, Column, show_columns
from ui.topics.batch_norm.controls import gate, layer_choice
from ui.topics.batch_norm.modes_charts import (
    modes_scatter_figure,
    running_figure,
    sweep_accuracy_figure,
    sweep_noise_figure,
)
from ui.widgets import show_bad_input

SWEEP_SIZES = (1, 2, 4, 8, 16, 32, 64)
SWEEP_DEFAULT = modes.DEFAULT_BATCH_SIZES  # shown on a first visit, before any Run
SWEEP_COLUMNS = (
    Column("batch_size", "batch_norm.col_batch_size"),
    Column("mean_noise", "batch_norm.col_mean_noise", "%.3f"),
    Column("std_noise", "batch_norm.col_std_noise", "%.3f"),
    Column("train_mode_acc", "batch_norm.col_train_mode", PERCENT),
    Column("eval_mode_acc", "batch_norm.col_eval_mode", PERCENT),
    Column("gap", "batch_norm.col_mode_gap", PERCENT),
    Column("disagreement", "batch_norm.col_disagreement", "%.3f"),
)


@st.cache_data(show_spinner=False, max_entries=64)
def compute_trace(layer: int, batch_size: int, momentum: float, frozen: bool) -> pd.DataFrame:
    return modes.running_trace(layer=layer, batch_size=batch_size, momentum=momentum, frozen=frozen)


def _sweep(sizes: tuple[int, ...]) -> tuple[modes.BatchSizeResult, ...]:
    def compute(progress):
        return modes.small_batch_sweep(sizes, progress=progress)

    return cached_with_progress(("batch_norm_sweep", *sizes), compute, t("batch_norm.running"))


@st.fragment
def modes_experiment() -> None:
    st.markdown(t("batch_norm.modes_intro"))
    if running_statistics():  # a bad setting there ends the tab with its message
        small_batches()


def running_statistics() -> bool:
    """The running-statistics chart; False if its settings were refused."""
    st.markdown(f"#### {t('batch_norm.running_heading')}")
    c1, c2, c3 = st.columns(3)
    layer = layer_choice(c1, "batch_norm_r_layer")
    batch_size = c2.select_slider(
        t("batch_norm.batch_size"),
        (2, 4, 8, 16, 32, 64),
        value=16,
        key="batch_norm_r_bs",
        persist_state=KEEP_ACROSS_TABS,
    )
    momentum = c3.select_slider(
        t("batch_norm.momentum"), (0.01, 0.03, 0.1, 0.3, 1.0), value=0.1, key="batch_norm_r_momentum", persist_state=KEEP_ACROSS_TABS,
        help=t("batch_norm.momentum_help"),
    )  # fmt: skip
    frozen = st.toggle(
        t("batch_norm.frozen"),
        key="batch_norm_r_frozen",
        persist_state=KEEP_ACROSS_TABS,
        help=t("batch_norm.frozen_help"),
    )
    try:
        steps = compute_trace(layer, batch_size, momentum, frozen)
    except ValueError as err:
        show_bad_input(err)
        return False
    show(running_figure(steps, layer=layer), key="batch_norm_fig_running")
    last = steps.iloc[-1]
    st.caption(
        t(
            "batch_norm.trace_caption",
            rm=last["running_mean"],
            pm=last["population_mean"],
            rv=last["running_var"],
            pv=last["population_var"],
            steps=int(last["step"]),
        )
    )
    return True


def small_batches() -> None:
    st.markdown(f"#### {t('batch_norm.sweep_heading')}")
    st.markdown(t("batch_norm.sweep_intro"))
    sizes = st.multiselect(
        t("batch_norm.batch_sizes"),
        SWEEP_SIZES,
        default=list(SWEEP_DEFAULT),
        key="batch_norm_s_sizes",
        persist_state=KEEP_ACROSS_TABS,
        help=t("batch_norm.batch_sizes_help"),
    )
    try:
        results = _sweep(gate("batch_norm_s", tuple(sorted(sizes)), SWEEP_DEFAULT))
    except ValueError as err:
        show_bad_input(err)
        return
    show(sweep_accuracy_figure(results), key="batch_norm_fig_sweep_acc")
    show(sweep_noise_figure(results), key="batch_norm_fig_sweep_noise")
    show_columns(modes.sweep_table(results), SWEEP_COLUMNS)
    by_size = {r.batch_size: r for r in results}
    m = st.selectbox(
        t("batch_norm.scatter_size"),
        list(by_size),
        index=0,
        key="batch_norm_s_scatter",
        persist_state=KEEP_ACROSS_TABS,
    )
    show(modes_scatter_figure(by_size.get(m, results[0])), key="batch_norm_fig_scatter")
    st.caption(t("batch_norm.sweep_note"))
