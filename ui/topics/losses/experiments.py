"""The losses page's experiments, one per tab: the gradient at the output under cross-entropy and
MSE, a wrong start escaped (or not), naive against stable softmax, softmax against sigmoids,
and (ui/topics/losses/fits.py) label smoothing's calibration and robust regression."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from qa_core.labs.losses import escape, gradients, heads, stability
from ui.components.live_charts import show, show_live
from ui.i18n import t
from ui.layout import KEEP_ACROSS_TABS, Tab
from ui.tables import show_table
from ui.topics.losses.charts import (
    error_figure,
    gradient_figure,
    heads_figure,
    loss_figure,
    overflow_figure,
    race_figure,
    race_loss_figure,
)
from ui.topics.losses.fits import robust_experiment, smoothing_experiment
from ui.widgets import segmented_choice, show_bad_input

Z_RANGES = (2, 5, 10, 20, 30)
LRS = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0)
EPOCHS = (50, 100, 200, 400, 800)
SCALE_HIGHS = (10, 100, 1_000, 10_000)


def tabs() -> list[Tab]:
    return [
        (t("losses.exp_gradient"), gradient_experiment),
        (t("losses.exp_escape"), escape_experiment),
        (t("losses.exp_overflow"), overflow_experiment),
        (t("losses.exp_heads"), heads_experiment),
        (t("losses.exp_smoothing"), smoothing_experiment),
        (t("losses.exp_robust"), robust_experiment),
    ]


# -- 1. the gradient at the output ----------------------------------------------------------


@st.fragment
def gradient_experiment() -> None:
    st.markdown(t("losses.grad_intro"))
    left, right = st.columns(2)
    y = segmented_choice(left, t("losses.target"), (1, 0), "losses.target_", "losses_grad_y")
    z_max = right.select_slider(
        t("losses.z_range"), Z_RANGES, value=10, key="losses_grad_range",
        persist_state=KEEP_ACROSS_TABS,
    )  # fmt: skip
    z0 = st.slider(
        t("losses.z0"), -gradients.Z_MAX, gradients.Z_MAX, -6.0, 0.5, help=t("losses.z0_help"),
        key="losses_grad_z0", persist_state=KEEP_ACROSS_TABS,
    )  # fmt: skip
    log_y = st.toggle(
        t("losses.log_grad"), value=True, key="losses_grad_log", persist_state=KEEP_ACROSS_TABS
    )
    try:
        curves = gradients.gradient_curves(int(y), float(max(z_max, abs(z0))))
        point = gradients.reading(float(z0), int(y))
    except ValueError as err:
        show_bad_input(err)
        return
    show(gradient_figure(curves, z0, log_y), key="losses_grad_fig")
    c1, c2 = st.columns(2)
    c3, c4 = st.columns(2)
    c1.metric(t("losses.m_p"), f"{point.p:.3g}")
    c2.metric(t("losses.m_ratio"), "∞" if point.ratio == float("inf") else f"{point.ratio:,.0f}×")
    c3.metric(t("losses.m_ce_grad"), f"{point.ce_grad:.3g}")
    c4.metric(t("losses.m_mse_grad"), f"{point.mse_grad:.3g}")
    if point.confidently_wrong:
        st.warning(t("losses.grad_wrong", ratio=f"{point.ratio:,.0f}"), icon=":material/warning:")
    elif point.wrong:
        st.info(t("losses.grad_unsure"), icon=":material/info:")
    else:
        st.info(t("losses.grad_right"), icon=":material/check_circle:")
    show(loss_figure(curves, z0), key="losses_grad_loss_fig")


# -- 2. escaping a confidently wrong start -----------------------------------------------------


@st.cache_data(show_spinner=False, max_entries=64)
def cached_race(start: float, lr: float, epochs: int, optimizer: str) -> escape.EscapeResult:
    return escape.race(start, lr, epochs, optimizer)


@st.fragment
def escape_experiment() -> None:
    st.markdown(t("losses.race_intro"))
    c1, c2 = st.columns(2)
    start = c1.slider(
        t("losses.race_start"), 0.0, 12.0, 6.0, 1.0, help=t("losses.race_start_help"),
        key="losses_race_start", persist_state=KEEP_ACROSS_TABS,
    )  # fmt: skip
    optimizer = segmented_choice(c2, t("losses.race_opt"), escape.OPTIMIZERS, "losses.opt_",
                           "losses_race_opt")  # fmt: skip
    c3, c4 = st.columns(2)
    lr = c3.select_slider(
        t("losses.race_lr"), LRS, value=1.0, key="losses_race_lr", persist_state=KEEP_ACROSS_TABS
    )
    epochs = c4.select_slider(
        t("losses.race_epochs"), EPOCHS, value=200, key="losses_race_epochs",
        persist_state=KEEP_ACROSS_TABS,
    )  # fmt: skip
    try:
        result = cached_race(float(start), float(lr), int(epochs), optimizer)
    except ValueError as err:
        show_bad_input(err)
        return
    history = result.history
    show_live([race_loss_figure(history, "mse"), race_loss_figure(history, "ce")],
              key="losses_race_losses")  # fmt: skip
    st.caption(t("losses.race_scales"))
    show(race_figure(history, "acc"), key="losses_race_acc")
    k_mse, k_ce = result.epochs_to("mse"), result.epochs_to("ce")
    never = t("losses.race_never", epochs=int(epochs))
    left, right = st.columns(2)
    left.metric(
        t("losses.race_reach", loss=t("losses.name_mse")), never if k_mse is None else k_mse
    )
    right.metric(t("losses.race_reach", loss=t("losses.name_ce")), never if k_ce is None else k_ce)
    st.caption(t("losses.race_start_caption", wrong=result.start_wrong,
                 confident=result.start_confident_wrong, median=result.start_median_logit))  # fmt: skip
    if start == 0:
        st.info(t("losses.race_neutral"), icon=":material/info:")
    elif optimizer == "adam":
        st.info(t("losses.race_adam"), icon=":material/info:")
    show(race_figure(history, "grad"), key="losses_race_grad")


# -- 3. naive against stable -------------------------------------------------------------------


@st.cache_data(show_spinner=False, max_entries=32)
def cached_overflow(kind: str, dtype: str, high: float) -> tuple[pd.DataFrame, float]:
    return stability.overflow_table(kind, dtype, high), stability.naive_limit(kind, dtype)


@st.fragment
def overflow_experiment() -> None:
    st.markdown(t("losses.of_intro"))
    c1, c2 = st.columns(2)
    kind = segmented_choice(
        c1, t("losses.of_kind"), stability.KINDS, "losses.kind_", "losses_of_kind"
    )
    dtype = segmented_choice(c2, t("losses.of_dtype"), stability.DTYPES, "losses.dtype_",
                       "losses_of_dtype", help=t("losses.of_dtype_help"))  # fmt: skip
    high = st.select_slider(
        t("losses.of_high"), SCALE_HIGHS, value=10_000, format_func=lambda v: f"{v:,}",
        key="losses_of_high", persist_state=KEEP_ACROSS_TABS,
    )  # fmt: skip
    try:
        table, limit = cached_overflow(kind, dtype, float(high))
    except ValueError as err:
        show_bad_input(err)
        return
    show(overflow_figure(table, limit), key="losses_of_fig")
    broke = stability.first_failure(table)
    left, mid, right = st.columns(3)
    left.metric(t("losses.of_m_limit"), f"{limit:.2f}")
    mid.metric(t("losses.of_m_stable"), f"{table['stable_rel_error'].max():.1e}")
    right.metric(t("losses.of_m_naive"), f"{table['naive_rel_error'].max():.1e}")
    if broke is None:
        st.info(t("losses.of_not_reached", high=f"{high:,}", limit=f"{limit:.2f}"),
                icon=":material/info:")  # fmt: skip
    else:
        st.warning(t(f"losses.of_broke_{kind}", s=f"{broke[0]:.2f}", state=broke[1]),
                   icon=":material/warning:")  # fmt: skip
    show(error_figure(table), key="losses_of_err")


# -- 4. softmax or sigmoids ----------------------------------------------------------------------


@st.fragment
def heads_experiment() -> None:
    st.markdown(t("losses.heads_intro"))
    columns = st.columns(3)
    defaults = (3.0, 2.0, -1.0)
    logits = tuple(
        column.slider(
            t("losses.heads_logit", k=i + 1),
            -heads.MAX_LOGIT,
            heads.MAX_LOGIT,
            value,
            0.5,
            key=f"losses_heads_z{i + 1}",
            persist_state=KEEP_ACROSS_TABS,
        )
        for i, (column, value) in enumerate(zip(columns, defaults, strict=True))
    )
    left, right = st.columns(2)
    shift = left.slider(
        t("losses.heads_shift"), -5.0, 5.0, 0.0, 0.5, help=t("losses.heads_shift_help"),
        key="losses_heads_shift", persist_state=KEEP_ACROSS_TABS,
    )  # fmt: skip
    labels = right.multiselect(
        t("losses.heads_labels"), (1, 2, 3), default=[1],
        format_func={k: t("losses.heads_class", k=k) for k in (1, 2, 3)}.__getitem__, key="losses_heads_labels",
        persist_state=KEEP_ACROSS_TABS,
    )  # fmt: skip
    try:
        table = heads.head_probabilities(logits, float(shift))
        ce, bce = heads.head_losses(table, tuple(int(k) for k in labels))
    except ValueError as err:
        show_bad_input(err)
        return
    show(heads_figure(table), key="losses_heads_fig")
    c1, c2 = st.columns(2)
    c3, c4 = st.columns(2)
    c1.metric(t("losses.heads_sum_softmax"), f"{table['softmax'].sum():.3f}")
    c2.metric(t("losses.heads_sum_sigmoid"), f"{table['sigmoid'].sum():.3f}")
    c3.metric(t("losses.heads_ce"), "—" if ce is None else f"{ce:.3f}")
    c4.metric(t("losses.heads_bce"), f"{bce:.3f}")
    if ce is None:
        st.info(t("losses.heads_multi", n=len(labels)), icon=":material/info:")
    shown = pd.DataFrame({
        t("losses.heads_col_class"): [t("losses.heads_class", k=int(k)) for k in table["class"]],
        t("losses.heads_col_logit"): table["logit"],
        t("losses.name_softmax"): table["softmax"],
        t("losses.name_sigmoid"): table["sigmoid"],
    })  # fmt: skip
    show_table(shown, {t("losses.name_softmax"): "%.4f", t("losses.name_sigmoid"): "%.4f",
                       t("losses.heads_col_logit"): "%.1f"})  # fmt: skip
