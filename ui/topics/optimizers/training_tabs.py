"""The optimisers page's training experiments: L2 against AdamW's decoupled decay on a small
network, the learning-rate schedules with the range test, and batch size (gradient noise and
the linear scaling rule). Each trains for under a second at its defaults, cached by its
settings with a progress bar (ui/run_cache.py)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from qa_core.labs.optimizers import batch, decay, schedule
from ui.components.live_charts import show, show_live
from ui.i18n import t
from ui.layout import KEEP_ACROSS_TABS
from ui.run_cache import cached_with_progress
from ui.tables import PERCENT, show_table
from ui.topics.optimizers.train_charts import (
    accuracy_figure,
    effective_decay_figure,
    lr_figure,
    noise_figure,
    norms_figure,
    range_figure,
    scaling_figure,
    schedule_loss_figure,
)
from ui.widgets import option_names, segmented_choice, show_bad_input

L2S = (0.0, 1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2)
DECAYS = (0.0, 0.01, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0)
DECAY_LRS = (0.001, 0.003, 0.01, 0.03)
EPOCHS = (20, 50, 100, 150, 300)
SCHEDULE_OPTIMIZERS = ("momentum", "adam", "sgd", "adamw")
SCHEDULE_LRS = (0.001, 0.003, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5)
SCALE_LRS = (0.01, 0.02, 0.05, 0.1, 0.2)


# -- 3. L2 or weight decay ------------------------------------------------------------------------


@st.fragment
def decay_experiment() -> None:
    st.markdown(t("optimizers.decay_intro"))
    c1, c2 = st.columns(2)
    l2 = c1.select_slider(t("optimizers.l2"), L2S, value=1e-3, format_func=lambda v: f"{v:g}",
                          key="optimizers_l2", persist_state=KEEP_ACROSS_TABS)  # fmt: skip
    wd = c2.select_slider(t("optimizers.wd"), DECAYS, value=0.5, format_func=lambda v: f"{v:g}",
                          key="optimizers_wd", persist_state=KEEP_ACROSS_TABS)  # fmt: skip
    c3, c4 = st.columns(2)
    lr = c3.select_slider(t("optimizers.decay_lr"), DECAY_LRS, value=0.01,
                          key="optimizers_decay_lr", persist_state=KEEP_ACROSS_TABS)  # fmt: skip
    epochs = c4.select_slider(t("optimizers.epochs"), EPOCHS, value=150,
                              key="optimizers_decay_epochs", persist_state=KEEP_ACROSS_TABS)  # fmt: skip
    settings = (float(l2), float(wd), float(lr), int(epochs))
    try:
        result = cached_with_progress(
            ("optimizers_decay", *settings), lambda _: decay.compare_decay(*settings),
            t("optimizers.training"),
        )  # fmt: skip
    except ValueError as err:
        show_bad_input(err)
        return
    summary = result.summary.set_index("run")
    cols = st.columns(3)
    for col, run in zip(cols, decay.RUNS, strict=True):
        col.metric(t(f"optimizers.run_{run}"), f"{summary.loc[run, 'test_acc']:.1%}",
                   help=t("optimizers.test_acc_help"))  # fmt: skip
    show_live([norms_figure(result.norms), effective_decay_figure(result.effective)],
              key="optimizers_decay_figs")  # fmt: skip
    spread = summary.loc["adam_l2", "rate_spread"]
    st.caption(t("optimizers.decay_spread", spread=f"{spread:,.0f}"))
    show(accuracy_figure(result.history), key="optimizers_decay_acc")


# -- 4. schedules and the range test --------------------------------------------------------------


@st.fragment
def schedule_experiment() -> None:
    st.markdown(t("optimizers.schedule_intro"))
    # a pointer may set these two (ui/pointers.py): their defaults live in session state
    st.session_state.setdefault("optimizers_schedule_opt", SCHEDULE_OPTIMIZERS[0])
    st.session_state.setdefault("optimizers_schedule_lr", 0.1)
    c1, c2 = st.columns(2)
    optimizer = c1.segmented_control(
        t("optimizers.optimizer"), SCHEDULE_OPTIMIZERS, required=True,
        format_func=option_names("optimizers.opt_", SCHEDULE_OPTIMIZERS),
        key="optimizers_schedule_opt", persist_state=KEEP_ACROSS_TABS,
    )  # fmt: skip
    lr = c2.select_slider(t("optimizers.peak_lr"), SCHEDULE_LRS, key="optimizers_schedule_lr",
                          persist_state=KEEP_ACROSS_TABS)  # fmt: skip
    c3, c4 = st.columns(2)
    epochs = c3.select_slider(t("optimizers.epochs"), (20, 40, 80, 120, 200), value=80,
                              key="optimizers_schedule_epochs", persist_state=KEEP_ACROSS_TABS)  # fmt: skip
    warmup = c4.slider(t("optimizers.warmup"), 1, 20, 5, key="optimizers_warmup",
                       help=t("optimizers.warmup_help"), persist_state=KEEP_ACROSS_TABS)  # fmt: skip
    settings = (optimizer, float(lr), int(epochs), int(warmup))
    try:
        runs = cached_with_progress(
            ("optimizers_schedules", *settings), lambda _: schedule.schedule_runs(*settings),
            t("optimizers.training"),
        )  # fmt: skip
    except ValueError as err:
        show_bad_input(err)
        return
    show_live([lr_figure(runs), schedule_loss_figure(runs)], key="optimizers_schedule_figs")
    last = runs.groupby("schedule", sort=False).tail(1)
    table = pd.DataFrame({
        t("optimizers.col_schedule"): [t(f"optimizers.sched_{s}") for s in last["schedule"]],
        t("optimizers.col_final_acc"): last["test_acc"].to_numpy(),
        t("optimizers.col_best_acc"): runs.groupby("schedule", sort=False)["test_acc"].max().to_numpy(),
        t("optimizers.col_train_loss"): last["train_loss"].to_numpy(),
    })  # fmt: skip
    show_table(
        table, {t("optimizers.col_final_acc"): PERCENT, t("optimizers.col_best_acc"): PERCENT}
    )
    for reason in runs["diverged"].dropna().unique():
        st.warning(t("optimizers.run_diverged", reason=reason), icon=":material/warning:")
    st.subheader(t("optimizers.range_title"), anchor=False)
    st.markdown(t("optimizers.range_intro"))
    try:
        table, suggestion = schedule.range_test(optimizer)
    except ValueError as err:
        show_bad_input(err)
        return
    show(range_figure(table, suggestion), key="optimizers_range_fig")
    if suggestion is None:
        st.info(t("optimizers.range_none"), icon=":material/info:")
    else:
        st.caption(
            t("optimizers.range_found", best=f"{suggestion * 10:.3g}", lr=f"{suggestion:.2g}")
        )


# -- 5. batch size ----------------------------------------------------------------------------------


@st.fragment
def batch_experiment() -> None:
    st.markdown(t("optimizers.batch_intro"))
    samples = st.select_slider(t("optimizers.samples"), (20, 50, 100, 200, 500), value=100,
                               key="optimizers_samples", persist_state=KEEP_ACROSS_TABS)  # fmt: skip
    try:
        noise = cached_with_progress(("optimizers_noise_b", int(samples)),
                                     lambda _: batch.gradient_noise(int(samples)))  # fmt: skip
    except ValueError as err:
        show_bad_input(err)
        return
    show(noise_figure(noise), key="optimizers_noise_fig")
    at32 = noise[noise["batch"] == 32].iloc[0]
    st.caption(t("optimizers.noise_at_32", ratio=f"{at32['measured'] / at32['full']:.1f}"))
    st.subheader(t("optimizers.scaling_title"), anchor=False)
    st.markdown(t("optimizers.scaling_intro"))
    c1, c2, c3 = st.columns(3)
    base_lr = c1.select_slider(t("optimizers.base_lr"), SCALE_LRS, value=0.1,
                               key="optimizers_base_lr", persist_state=KEEP_ACROSS_TABS)  # fmt: skip
    base_batch = c2.select_slider(t("optimizers.base_batch"), (4, 8, 16), value=8,
                                  key="optimizers_base_batch", persist_state=KEEP_ACROSS_TABS)  # fmt: skip
    optimizer = segmented_choice(c3, t("optimizers.optimizer"), ("sgd", "momentum"), "optimizers.opt_",
                           "optimizers_scaling_opt")  # fmt: skip
    settings = (int(base_batch), float(base_lr), optimizer)
    try:
        runs = cached_with_progress(
            ("optimizers_scaling", *settings),
            lambda _: batch.linear_scaling(settings[0], settings[1], optimizer=settings[2]),
            t("optimizers.training"),
        )  # fmt: skip
    except ValueError as err:
        show_bad_input(err)
        return
    show(scaling_figure(runs), key="optimizers_scaling_fig")
    for reason in runs["diverged"].dropna().unique():
        st.warning(t("optimizers.run_diverged", reason=reason), icon=":material/warning:")
