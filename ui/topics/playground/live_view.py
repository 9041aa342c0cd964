"""The running picture: metrics, the network diagram (click a unit to enlarge it), the output
map, the loss curve and the per-layer diagnostics, all drawn from one snapshot of the run. While
playing it is a fragment that reruns every keys.TICK_S seconds and trains first."""

from __future__ import annotations

import streamlit as st

from qa_core.labs import playground as pg
from qa_core.labs.playground.session import GRID_N, LiveRun, Snapshot, discretized
from ui.components.live_charts import show, show_live
from ui.i18n import t
from ui.tables import Column, show_columns
from ui.topics.playground import charts
from ui.topics.playground.controls import epochs_due
from ui.topics.playground.keys import BUDGET_S, PLAYING, RUN
from ui.topics.playground.names import unit_labels, unit_names
from ui.topics.playground.network_chart import network_figure
from ui.widgets import advice, option_labels, option_names, restore_choice, run_notice

ss = st.session_state  # Streamlit's proxy: each access reads the running session's state


def metrics(run: LiveRun) -> None:
    rec = run.last
    classification = run.task == "classification"
    cols = st.container(key="playground_metrics").columns(5 if classification else 3)
    cols[0].metric(t("playground.epoch"), f"{run.epoch:,}")
    cols[1].metric(t("playground.train_loss"), f"{rec.train_loss:.4f}")
    cols[2].metric(t("playground.test_loss"), f"{rec.test_loss:.4f}")
    if classification:
        cols[3].metric(t("playground.train_acc"), f"{rec.train_acc:.1%}")
        cols[4].metric(t("playground.test_acc"), f"{rec.test_acc:.1%}")


def diagram(run: LiveRun, snap: Snapshot) -> None:
    fig = network_figure(snap, run.state.features, diverged=bool(run.diverged),
                         selected=ss.get("playground_enlarge"))  # fmt: skip
    # Click a unit to enlarge it: the chart component sends the unit's id (its customdata)
    # back once, on the run the click causes.
    clicked = show_live([fig], key="playground_diagram", on_click=lambda: None)
    if clicked:
        ss["playground_enlarge"] = clicked
    st.caption(t("playground.network_caption"))


def enlarged_unit(run: LiveRun, snap: Snapshot) -> None:
    options = pg.unit_options(snap)
    restore_choice("playground_enlarge", unit_labels(options, run.state.features))
    if ss.get("playground_enlarge") not in options:
        ss["playground_enlarge"] = pg.NO_UNIT
    uid = st.selectbox(t("playground.enlarge"), options, key="playground_enlarge",
                       format_func=unit_names(options, run.state.features))  # fmt: skip
    if uid != pg.NO_UNIT:
        show(charts.unit_figure(snap, uid, run.state.features), key="playground_unit_fig")


def output_and_loss(run: LiveRun, snap: Snapshot) -> None:
    state = run.state
    z = discretized(snap.output, snap.task) if state.discretize else snap.output
    fig = charts.output_figure(axis=snap.axis, z=z, points=run.points(), task=snap.task,
                               show_test=state.show_test, diverged=bool(run.diverged))  # fmt: skip
    show(fig, key="playground_output_fig")
    fig = charts.loss_figure(run.history(), changes=run.changes, diverged=bool(run.diverged))
    show(fig, key="playground_loss_fig")


def diagnostics(run: LiveRun) -> None:
    st.markdown(f"**{t('playground.diagnostics')}**")
    st.caption(t("playground.diag_caption"))
    table_col, chart_col = st.columns([2, 3])
    with table_col:
        table = pg.layer_table_text(run.layer_table(), t("playground.layer_output"))
        columns = [Column(c, f"playground.col_{c.removesuffix('_norm')}") for c in table.columns]
        show_columns(table, columns)
    with chart_col:
        restore_choice("playground_diag", option_labels("playground.diag_", pg.DIAGNOSTICS))
        choice = st.radio(t("playground.diag_show"), pg.DIAGNOSTICS, key="playground_diag",
                          horizontal=True,
                          format_func=option_names("playground.diag_", pg.DIAGNOSTICS))  # fmt: skip
        history = run.history()
        if not pg.layer_columns(history, choice):
            st.caption(t("playground.diag_unavailable"))
            return
        fig = charts.diagnostic_figure(history, choice, n_hidden=len(run.state.hidden),
                                       changes=run.changes)  # fmt: skip
        show(fig, key="playground_diag_fig")


def diverged_notice(run: LiveRun) -> None:
    """Why the run stopped, and what to try that this page offers and is not already set."""
    tries = [advice("lr_to", lr=f"{pg.lower_lr(run.state.lr):g}")]
    if not run.state.batch_norm:
        tries.append(advice("bn"))
    run_notice(run.diverged, None, tries=tries)
    st.caption(t("playground.diverged_advice"))


def live_view() -> None:
    """The running picture: trains while playing, then draws everything from one snapshot."""
    run: LiveRun | None = ss.get(RUN)
    if run is None:
        return
    if ss.get(PLAYING) and (due := epochs_due()):
        run.step(due, budget_s=BUDGET_S)
        if run.diverged or run.at_limit:
            ss[PLAYING] = False
            st.rerun(scope="app")
    metrics(run)
    if run.diverged:
        diverged_notice(run)
    elif run.at_limit:
        st.info(t("playground.at_limit", n=f"{run.epoch:,}"))
    snap = run.snapshot(GRID_N)
    left, right = st.columns([5, 4])
    with left:
        diagram(run, snap)
        enlarged_unit(run, snap)
    with right, st.container(key="playground_output"):
        output_and_loss(run, snap)
    diagnostics(run)
