"""The losses page's two fitting experiments: label smoothing's effect on calibration (a sweep
over ε, trained once and cached) and a line fitted under MSE, MAE and Huber with outliers."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from qa_core.labs.losses import robust, smoothing
from ui.components.live_charts import show
from ui.i18n import t
from ui.layout import KEEP_ACROSS_TABS
from ui.run_cache import cached_with_progress
from ui.tables import PERCENT, Column, show_columns, show_table
from ui.topics.losses.fit_charts import fit_figure, pull_figure, reliability_figure, sweep_figure
from ui.widgets import run_notice, show_bad_input

BREAKDOWN_GAP = 0.5  # MAE's mean gap to the true line beyond which it is visibly dragged
DELTAS = (0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0)


# -- 5. label smoothing ---------------------------------------------------------------------------


@st.fragment
def smoothing_experiment() -> None:
    st.markdown(t("losses.ls_intro"))
    epsilon = st.select_slider(
        t("losses.ls_eps"), smoothing.EPSILONS, value=0.1, help=t("losses.ls_eps_help"),
        key="losses_ls_eps", persist_state=KEEP_ACROSS_TABS,
    )  # fmt: skip
    try:
        sweep = cached_with_progress(
            ("losses_ls", smoothing.TASK, smoothing.EPSILONS),
            lambda progress: smoothing.smoothing_sweep(
                smoothing.EPSILONS, smoothing.TASK, progress
            ),
            t("losses.ls_progress"),
        )
    except ValueError as err:
        show_bad_input(err)
        return
    for reason in sweep.diverged:
        run_notice(reason, None)
    scores = sweep.scores.set_index("epsilon")
    if float(epsilon) not in scores.index:
        st.warning(t("losses.ls_missing", eps=epsilon), icon=":material/warning:")
        return
    show(reliability_figure(sweep.bins, float(epsilon)), key="losses_ls_rel")
    row, plain = scores.loc[float(epsilon)], scores.loc[0.0]
    c1, c2 = st.columns(2)
    c3, c4 = st.columns(2)
    c1.metric(t("losses.ls_acc"), f"{row['acc']:.1%}", f"{row['acc'] - plain['acc']:+.1%}")
    c2.metric(t("losses.ls_conf"), f"{row['confidence']:.1%}",
              f"{row['confidence'] - plain['confidence']:+.1%}", delta_color="off")  # fmt: skip
    c3.metric(t("losses.ls_ece"), f"{row['ece']:.3f}", f"{row['ece'] - plain['ece']:+.3f}",
              delta_color="inverse")  # fmt: skip
    c4.metric(t("losses.ls_floor"), f"{row['floor']:.3f}", help=t("losses.ls_floor_help"))
    gap = row["confidence"] - row["acc"]
    if epsilon == 0:
        st.info(t("losses.ls_zero", gap=gap), icon=":material/info:")
    elif gap < 0:
        st.warning(t("losses.ls_under", gap=-gap, cap=row["max_target"]),
                   icon=":material/trending_down:")  # fmt: skip
    else:
        st.info(t("losses.ls_over", gap=gap, cap=row["max_target"]), icon=":material/info:")
    show(sweep_figure(sweep.scores, float(epsilon)), key="losses_ls_sweep")
    show_columns(
        sweep.scores,
        [
            Column("epsilon", "losses.ls_eps", "%.2f"),
            Column("acc", "losses.ls_acc", PERCENT),
            Column("confidence", "losses.ls_conf", PERCENT),
            Column("ece", "losses.ls_ece", "%.3f"),
            Column("train_loss", "losses.ls_train_loss", "%.3f"),
            Column("floor", "losses.ls_floor", "%.3f"),
        ],
    )


# -- 6. robust regression ---------------------------------------------------------------------


@st.fragment
def robust_experiment() -> None:
    st.markdown(t("losses.rb_intro"))
    c1, c2, c3 = st.columns(3)
    n_out = c1.slider(
        t("losses.rb_n"), 0, robust.MAX_OUTLIERS, 3, key="losses_rb_n",
        persist_state=KEEP_ACROSS_TABS,
    )  # fmt: skip
    offset = c2.slider(
        t("losses.rb_offset"), -robust.MAX_OFFSET, robust.MAX_OFFSET, 10.0, 1.0,
        key="losses_rb_offset", persist_state=KEEP_ACROSS_TABS,
    )  # fmt: skip
    delta = c3.select_slider(
        t("losses.rb_delta"), DELTAS, value=1.0, help=t("losses.rb_delta_help"),
        key="losses_rb_delta", persist_state=KEEP_ACROSS_TABS,
    )  # fmt: skip
    try:
        fit = robust.fit_lines(int(n_out), float(offset), float(delta))
        residuals = np.concatenate([np.abs(fit.residuals(name)) for name in robust.LOSSES])
        curves = robust.gradient_curves(float(delta), float(max(residuals.max() * 1.05, 2 * delta)))
    except ValueError as err:
        show_bad_input(err)
        return
    show(fit_figure(fit), key="losses_rb_fit")
    table = fit.table()
    shown = pd.DataFrame({
        t("losses.rb_col_loss"): [t(f"losses.fit_{name}", delta=fit.delta) for name in table["loss"]],
        t("losses.rb_col_slope"): table["slope"],
        t("losses.rb_col_intercept"): table["intercept"],
        t("losses.rb_col_error"): table["line_error"],
    })  # fmt: skip
    show_table(shown, {t("losses.rb_col_slope"): "%.3f", t("losses.rb_col_intercept"): "%.3f",
                       t("losses.rb_col_error"): "%.3f"})  # fmt: skip
    st.caption(t("losses.rb_truth", a=robust.TRUE_SLOPE, b=robust.TRUE_INTERCEPT))
    errors = table.set_index("loss")["line_error"]
    if n_out == 0 or offset == 0:
        st.info(t("losses.rb_clean"), icon=":material/info:")
    elif errors["mae"] > BREAKDOWN_GAP:
        slope = table.set_index("loss").loc["mae", "slope"]
        st.warning(t("losses.rb_breakdown", n=int(n_out), slope=slope), icon=":material/warning:")
    if np.all(np.abs(fit.residuals("huber")) < delta):
        st.info(t("losses.rb_delta_big", delta=delta), icon=":material/info:")
    show(pull_figure(curves, fit), key="losses_rb_pull")
