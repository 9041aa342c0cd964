"""The batch-norm page's experiments, one per tab: per-batch statistics, the linear-region
argument for γ and β (both here), training with and without BN (``training``) and train vs
eval mode (``modes``)."""

from __future__ import annotations

import streamlit as st

from qa_core.labs.batch_norm import batches, linear_region
from ui.components.live_charts import show
from ui.i18n import t
from ui.layout import KEEP_ACROSS_TABS, Tab
from ui.tables import Column, show_columns
from ui.topics.batch_norm.charts import batches_figure, linear_region_figure
from ui.topics.batch_norm.controls import activation_choice, layer_choice, pct, predict
from ui.topics.batch_norm.modes import modes_experiment
from ui.topics.batch_norm.training import training_tab
from ui.widgets import reveal_prediction, show_bad_input

# The per-batch table: the batch, then each series' mean and std (as BN computes them).
BATCH_COLUMNS = (
    Column("batch", "batch_norm.col_batch"),
    *(
        Column(f"{series}_{stat}", f"batch_norm.col_{short}_{stat}", "%.3f")
        for series, short in (("plain", "plain"), ("bn_in", "in"), ("bn_hat", "hat"),
                              ("bn_out", "out"))
        for stat in ("mean", "std")
    ),
)  # fmt: skip


def tabs() -> list[Tab]:
    return [
        (t("batch_norm.exp_batches"), batches_experiment),
        (t("batch_norm.exp_linear"), linear_experiment),
        (t("batch_norm.exp_training"), training_tab),
        (t("batch_norm.exp_modes"), modes_experiment),
    ]


# -- 1. per-batch distributions -------------------------------------------------------------


@st.cache_data(show_spinner=False, max_entries=64)
def compute_snapshots(
    activation: str, layer: int, unit: int, batch_size: int, n_batches: int, warmup: int, lr: float
) -> batches.BatchSnapshots:
    return batches.batch_snapshots(
        activation=activation,
        layer=layer,
        unit=unit,
        batch_size=batch_size,
        n_batches=n_batches,
        warmup_epochs=warmup,
        lr=lr,
    )


@st.fragment
def batches_experiment() -> None:
    st.markdown(t("batch_norm.batches_intro"))
    c1, c2, c3, c4 = st.columns(4)
    activation = activation_choice(c1, "batch_norm_b_act")
    layer = layer_choice(c2, "batch_norm_b_layer")
    unit = c3.number_input(
        t("batch_norm.unit"), 1, 16, 1, key="batch_norm_b_unit", persist_state=KEEP_ACROSS_TABS
    )
    lr = c4.select_slider(
        t("batch_norm.lr"),
        (0.05, 0.5, 2.0, 10.0),
        value=0.5,
        key="batch_norm_b_lr",
        persist_state=KEEP_ACROSS_TABS,
    )
    c5, c6, c7 = st.columns(3)
    batch_size = c5.select_slider(
        t("batch_norm.batch_size"),
        (16, 32, 64),
        value=64,
        key="batch_norm_b_bs",
        persist_state=KEEP_ACROSS_TABS,
    )
    n_batches = c6.slider(
        t("batch_norm.n_batches"), 2, 5, 4, key="batch_norm_b_n", persist_state=KEEP_ACROSS_TABS
    )
    warmup = c7.select_slider(
        t("batch_norm.warmup"), (0, 1, 5, 20), value=0, key="batch_norm_b_warmup", persist_state=KEEP_ACROSS_TABS,
        help=t("batch_norm.warmup_help"),
    )  # fmt: skip
    try:
        snap = compute_snapshots(activation, layer, int(unit), batch_size, n_batches, warmup, lr)
    except ValueError as err:
        show_bad_input(err)
        return
    show(batches_figure(snap), key="batch_norm_fig_batches")
    st.caption(t("batch_norm.batches_caption", gamma=snap.gamma, beta=snap.beta))
    spread = snap.spread_of_means()
    m1, m2, m3 = st.columns(3)
    m1.metric(t("batch_norm.spread_plain"), f"{spread['plain']:.3g}")
    m2.metric(t("batch_norm.spread_hat"), f"{spread['bn_hat']:.1e}")
    m3.metric(t("batch_norm.spread_out"), f"{spread['bn_out']:.3g}")
    show_columns(snap.stats(), BATCH_COLUMNS)


# -- 2. the linear-region argument ----------------------------------------------------------


@st.fragment
def linear_experiment() -> None:
    st.markdown(t("batch_norm.linear_intro"))
    prediction = predict("batch_norm_predict_linear", "linear", tuple(linear_region.SHARE_ANSWERS))
    c1, c2 = st.columns(2)
    mean = c1.slider(
        t("batch_norm.orig_mean"),
        -4.0,
        4.0,
        1.0,
        0.1,
        key="batch_norm_l_mean",
        persist_state=KEEP_ACROSS_TABS,
    )
    std = c2.slider(
        t("batch_norm.orig_std"),
        0.2,
        5.0,
        2.0,
        0.1,
        key="batch_norm_l_std",
        persist_state=KEEP_ACROSS_TABS,
    )
    identity = st.toggle(
        t("batch_norm.identity"), key="batch_norm_l_identity", persist_state=KEEP_ACROSS_TABS
    )
    c3, c4 = st.columns(2)
    gamma = c3.slider(
        "γ",
        0.0,
        6.0,
        1.0,
        0.05,
        key="batch_norm_l_gamma",
        persist_state=KEEP_ACROSS_TABS,
        disabled=identity,
    )
    beta = c4.slider(
        "β",
        -5.0,
        5.0,
        0.0,
        0.1,
        key="batch_norm_l_beta",
        persist_state=KEEP_ACROSS_TABS,
        disabled=identity,
    )
    if not prediction.ready:  # the chart and its shares answer the question: they wait for it
        return
    try:
        result = linear_region.linear_region(
            mean=mean, std=std, gamma=gamma, beta=beta, identity=identity
        )
    except ValueError as err:
        show_bad_input(err)
        return
    show(linear_region_figure(result), key="batch_norm_fig_linear")
    m1, m2, m3 = st.columns(3)
    m1.metric(
        t("batch_norm.frac_linear"),
        pct(result.fraction_linear),
        help=t("batch_norm.frac_linear_help", z=result.half_width, tol=result.tol),
    )
    m2.metric(t("batch_norm.r2"), f"{result.linear_r2:.4f}", help=t("batch_norm.r2_help"))
    m3.metric(
        t("batch_norm.restore_error"),
        f"{result.max_restore_error:.1e}",
        help=t("batch_norm.restore_help", mu=result.batch_mean, sigma=result.batch_std),
    )
    if identity:
        st.success(t("batch_norm.identity_note", err=result.max_restore_error))
        st.info(
            t(
                "batch_norm.identity_other",
                other=result.other_batch_error,
                eval_err=result.eval_identity_error,
            ),
            icon=":material/info:",
        )
    z_star = linear_region.linear_half_width()
    st.caption(
        t(
            "batch_norm.linear_facts",
            mass1=pct(linear_region.normal_mass_within(1.0)),
            gap1=float(linear_region.tangent_gap(1.0)),
            z=z_star,
            mass=pct(linear_region.normal_mass_within(z_star)),
        )
    )
    measured = linear_region.linear_region(mean=mean, std=std, gamma=1.0, beta=0.0)
    reveal_prediction(
        prediction,
        linear_region.share_answer(measured.fraction_linear),
        t("batch_norm.predict_linear_why", frac=pct(measured.fraction_linear)),
    )
