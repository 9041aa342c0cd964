"""The normalisation page's experiments, one per tab: the axes each norm averages over, train
vs eval mode, pre- or post-norm; and (ui/topics/normalization/training.py) the batch-size sweep
and the learning-rate ladder, which train networks behind a Run button."""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from qa_core.labs.normalization import axes, modes, placement
from ui.components.live_charts import show
from ui.i18n import t
from ui.layout import KEEP_ACROSS_TABS, Tab
from ui.tables import Column, show_columns
from ui.topics.normalization.charts import axes_figure, modes_figure, norm_name, placement_figure
from ui.topics.normalization.training import lr_experiment, sweep_experiment
from ui.widgets import option_names, show_bad_input

MODE_BATCHES = (1, 2, 4, 8, 32)
WIDTHS = (8, 16, 32, 64)
GROUPS = (1, 2, 3, 4, 6, 8)


def tabs() -> list[Tab]:
    return [
        (t("normalization.exp_axes"), axes_experiment),
        (t("normalization.exp_sweep"), sweep_experiment),
        (t("normalization.exp_modes"), modes_experiment),
        (t("normalization.exp_lr"), lr_experiment),
        (t("normalization.exp_place"), placement_experiment),
    ]


# -- 1. the axes ----------------------------------------------------------------------------


@st.fragment
def axes_experiment() -> None:
    st.markdown(t("normalization.axes_intro"))
    kind = st.segmented_control(
        t("normalization.norm"), axes.KINDS, default="batch", required=True,
        format_func=option_names("normalization.norm_", axes.KINDS),
        key="normalization_axes_kind", persist_state=KEEP_ACROSS_TABS,
    )  # fmt: skip
    c1, c2, c3 = st.columns(3)
    n = c1.slider(t("normalization.axes_n"), 1, axes.MAX_N, 4, key="normalization_axes_n",
                  persist_state=KEEP_ACROSS_TABS)  # fmt: skip
    c = c2.slider(t("normalization.axes_c"), 1, axes.MAX_C, 6, key="normalization_axes_c",
                  persist_state=KEEP_ACROSS_TABS)  # fmt: skip
    hw = c3.slider(t("normalization.axes_hw"), 1, axes.MAX_HW, 2, key="normalization_axes_hw",
                   persist_state=KEEP_ACROSS_TABS)  # fmt: skip
    c4, c5, c6 = st.columns(3)
    wanted = c4.selectbox(
        t("normalization.axes_groups"), GROUPS, index=2, help=t("normalization.axes_groups_help"),
        key="normalization_axes_groups", persist_state=KEEP_ACROSS_TABS, disabled=kind != "group",
    )  # fmt: skip
    example = c5.selectbox(t("normalization.axes_example"), range(1, axes.MAX_N + 1),
                           key="normalization_axes_ex", persist_state=KEEP_ACROSS_TABS)  # fmt: skip
    channel = c6.selectbox(t("normalization.axes_channel"), range(1, axes.MAX_C + 1),
                           key="normalization_axes_ch", persist_state=KEEP_ACROSS_TABS)  # fmt: skip
    groups = math.gcd(int(wanted), c)  # the largest group count that divides C and G
    if kind == "group" and groups != wanted:
        st.info(t("normalization.axes_groups_used", g=wanted, c=c, used=groups),
                icon=":material/info:")  # fmt: skip
    if example > n or channel > c:
        example, channel = min(example, n), min(channel, c)
        st.info(t("normalization.axes_cell_used", n=example, c=channel), icon=":material/info:")
    try:
        v = axes.view(kind, n, c, hw, groups, (example - 1, channel - 1))
    except ValueError as err:
        show_bad_input(err)
        return
    show(axes_figure(v), key="normalization_axes_fig")
    m1, m2 = st.columns(2)
    m3, m4 = st.columns(2)  # two per row: readable on a phone too
    m1.metric(t("normalization.m_values"), v.count)
    m2.metric(t("normalization.m_sets"), v.n_sets)
    m3.metric(t("normalization.m_mean"), "—" if kind == "rms" else f"{v.mean:.3f}")
    m4.metric(t(f"normalization.m_{'ms' if kind == 'rms' else 'var'}"), f"{v.var:.3f}")
    st.caption(t(f"normalization.axes_note_{kind}", g=groups, k=c // groups))
    if kind == "instance" and hw == 1:
        st.warning(t("normalization.axes_instance_one"), icon=":material/warning:")
    if kind == "batch" and n == 1:
        st.warning(t("normalization.axes_batch_one"), icon=":material/warning:")
    table = pd.DataFrame(axes.axes_table(n, c, hw, groups))
    table["kind"] = [norm_name(k) for k in table["kind"]]
    table["axes"] = ["(" + ", ".join(a) + ")" for a in table["axes"]]
    show_columns(table, [
        Column("kind", "normalization.col_norm"),
        Column("axes", "normalization.col_axes"),
        Column("values", "normalization.col_values"),
        Column("sets", "normalization.col_sets"),
    ])  # fmt: skip


# -- 3. train vs eval -------------------------------------------------------------------------


@st.cache_data(show_spinner=False, max_entries=64)
def cached_probe(batch_size: int, n_batches: int, shift: float):
    return modes.probe_outputs(batch_size, n_batches, shift)


@st.fragment
def modes_experiment() -> None:
    st.markdown(t("normalization.modes_intro"))
    c1, c2, c3 = st.columns(3)
    m = c1.select_slider(t("normalization.batch_size"), MODE_BATCHES, value=4,
                         key="normalization_modes_m", persist_state=KEEP_ACROSS_TABS)  # fmt: skip
    n_batches = c2.slider(t("normalization.modes_batches"), 2, modes.MAX_BATCHES, 20,
                          key="normalization_modes_k", persist_state=KEEP_ACROSS_TABS)  # fmt: skip
    shift = c3.slider(t("normalization.modes_shift"), -3.0, 3.0, 0.0, 0.5,
                      help=t("normalization.modes_shift_help"), key="normalization_modes_shift",
                      persist_state=KEEP_ACROSS_TABS)  # fmt: skip
    try:
        frame = cached_probe(int(m), int(n_batches), float(shift))
    except ValueError as err:
        show_bad_input(err)
        return
    show(modes_figure(frame), key="normalization_modes_fig")
    spread = modes.spread(frame)
    ranges = {(r.norm, r.mode): r.range for r in spread.itertuples()}
    st.caption(t("normalization.m_range_head"))
    cols = [*st.columns(2), *st.columns(2)]  # the four norms, two per row
    for col, norm in zip(cols, modes.MODE_NORMS, strict=True):
        col.metric(t("normalization.m_range", norm=norm_name(norm)),
                   f"{ranges[(norm, 'train')]:.3f}",
                   help=t("normalization.m_range_help"))  # fmt: skip
    if m == 1:
        st.info(t("normalization.modes_one"), icon=":material/info:")
    else:
        st.info(t("normalization.modes_read", r=f"{ranges[('batch', 'train')]:.2f}", m=m),
                icon=":material/info:")  # fmt: skip


# -- 5. pre- or post-norm ---------------------------------------------------------------------


@st.cache_data(show_spinner=False, max_entries=64)
def cached_placement(depth: int, width: int, seed: int):
    return placement.compare(depth, width, seed)


@st.fragment
def placement_experiment() -> None:
    st.markdown(t("normalization.place_intro"))
    c1, c2, c3 = st.columns(3)
    depth = c1.slider(t("normalization.place_depth"), 2, placement.MAX_DEPTH, 12,
                      key="normalization_place_depth", persist_state=KEEP_ACROSS_TABS)  # fmt: skip
    width = c2.select_slider(t("normalization.place_width"), WIDTHS, value=16,
                             key="normalization_place_width",
                             persist_state=KEEP_ACROSS_TABS)  # fmt: skip
    seed = c3.number_input(t("normalization.seed"), 0, 999, 0, key="normalization_place_seed",
                           persist_state=KEEP_ACROSS_TABS)  # fmt: skip
    log_y = st.toggle(t("normalization.log_y"), value=True, key="normalization_place_log",
                      persist_state=KEEP_ACROSS_TABS)  # fmt: skip
    try:
        frame = cached_placement(int(depth), int(width), int(seed))
    except ValueError as err:
        show_bad_input(err)
        return
    show(placement_figure(frame, log_y), key="normalization_place_fig")
    by = {w: part["grad_norm"].to_numpy() for w, part in frame.groupby("placement")}
    m1, m2 = st.columns(2)
    for col, where in ((m1, "post"), (m2, "pre")):
        g = by[where]
        col.metric(t("normalization.m_ratio", place=t(f"normalization.place_{where}")),
                   f"{g[-1] / g[0]:.2f}×", help=t("normalization.m_ratio_help"))  # fmt: skip
    st.caption(t("normalization.place_note"))
