"""The normalisation page's training tabs: the batch-size sweep and the learning-rate ladder,
each behind a Run button (run_gate) with a progress bar (cached_with_progress)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from qa_core.engine.config import NORMS
from qa_core.labs.normalization import stability, sweep
from ui.components.live_charts import show
from ui.i18n import t
from ui.layout import KEEP_ACROSS_TABS
from ui.run_cache import cached_with_progress
from ui.tables import PERCENT, Column, show_columns
from ui.topics.normalization.charts import lr_figure, norm_name, sweep_figure
from ui.widgets import (
    option_names,
    predict_then_run,
    reveal_prediction,
    run_gate,
    show_bad_input,
)

SWEEP_DEFAULT = (sweep.SWEEP_NORMS, 10)
LR_DEFAULT = (6, 10)


def _norms(key: str, default) -> tuple[str, ...]:
    chosen = st.multiselect(
        t("normalization.norms"), NORMS, default=list(default),
        format_func=option_names("normalization.norm_", NORMS), key=key,
        persist_state=KEEP_ACROSS_TABS,
    )  # fmt: skip
    return tuple(n for n in NORMS if n in chosen)


def _named(frame, column: str = "norm"):
    out = frame.copy()
    out[column] = [norm_name(n) for n in out[column]]
    return out


# -- 2. batch size ----------------------------------------------------------------------------


@st.fragment
def sweep_experiment() -> None:
    st.markdown(t("normalization.sweep_intro"))
    ask = st.container()  # the question sits above the settings it is asked about
    norms = _norms("normalization_sweep_norms", sweep.SWEEP_NORMS)
    epochs = st.slider(
        t("normalization.epochs"), 5, sweep.MAX_EPOCHS, 10, 5, key="normalization_sweep_epochs",
        persist_state=KEEP_ACROSS_TABS,
    )  # fmt: skip
    if not norms:
        st.info(t("normalization.pick_norm"), icon=":material/info:")
        return
    current = (norms, int(epochs))
    norms, epochs = run_gate("normalization_sweep", current, t("normalization.run"),
                             default=SWEEP_DEFAULT)  # fmt: skip
    with ask:
        prediction = predict_then_run(
            "normalization_sweep_predict", t("normalization.predict_sweep_q"), current[0],
            option_names("normalization.norm_", NORMS), context=current[0],
            runs=(("normalization_sweep", current),),
        )  # fmt: skip
    if not prediction.ready:  # the charts answer the question: they wait for it
        return

    def compute(progress):
        return sweep.batch_size_sweep(norms, sweep.BATCH_SIZES, epochs, progress=progress)

    try:
        frame = cached_with_progress(("normalization_sweep", norms, epochs), compute,
                                     t("normalization.running"))  # fmt: skip
    except ValueError as err:
        show_bad_input(err)
        return
    show(sweep_figure(frame, "test_acc"), key="normalization_sweep_acc_fig")
    show(sweep_figure(frame, "gap"), key="normalization_sweep_gap_fig")
    small = frame[frame["batch_size"] == frame["batch_size"].min()].set_index("norm")
    if "batch" in small.index:
        st.info(t("normalization.sweep_read", m=int(small["batch_size"].iloc[0]),
                  acc=f"{small.loc['batch', 'test_acc']:.0%}"), icon=":material/info:")  # fmt: skip
    show_columns(_named(frame), [
        Column("norm", "normalization.col_norm"),
        Column("batch_size", "normalization.batch_size"),
        Column("test_acc", "normalization.col_test_acc", PERCENT),
        Column("train_mode_acc", "normalization.col_train_mode", PERCENT),
        Column("gap", "normalization.col_gap", PERCENT),
    ])  # fmt: skip
    st.caption(t("normalization.sweep_note"))
    worst = sweep.largest_drop(frame)
    reveal_prediction(prediction, worst, t("normalization.predict_sweep_why"))


# -- 4. learning rate -------------------------------------------------------------------------


@st.fragment
def lr_experiment() -> None:
    st.markdown(t("normalization.lr_intro", target=f"{stability.TARGET:.0%}"))
    c1, c2 = st.columns(2)
    depth = c1.slider(t("normalization.lr_depth"), 2, 8, 6, key="normalization_lr_depth",
                      persist_state=KEEP_ACROSS_TABS)  # fmt: skip
    epochs = c2.slider(t("normalization.epochs"), 5, 30, 10, 5, key="normalization_lr_epochs",
                       persist_state=KEEP_ACROSS_TABS)  # fmt: skip
    depth, epochs = run_gate("normalization_lr", (int(depth), int(epochs)),
                             t("normalization.run"), default=LR_DEFAULT)  # fmt: skip

    def compute(progress):
        return stability.lr_sweep(NORMS, stability.LR_LADDER, depth, epochs, progress=progress)

    try:
        frame = cached_with_progress(("normalization_lr", depth, epochs), compute,
                                     t("normalization.running"))  # fmt: skip
    except ValueError as err:
        show_bad_input(err)
        return
    show(lr_figure(frame, stability.TARGET), key="normalization_lr_fig")
    best = stability.largest(frame)
    for column in ("largest_training", "largest_finite"):
        best[column] = ["—" if pd.isna(v) else f"{v:g}" for v in best[column]]
    show_columns(_named(best), [
        Column("norm", "normalization.col_norm"),
        Column("largest_training", "normalization.col_largest_training"),
        Column("largest_finite", "normalization.col_largest_finite"),
    ])  # fmt: skip
    st.caption(t("normalization.lr_note"))
