"""The overfitting page's remedies experiment: the remedies switched on one at a time against
the same baseline (same seed), their gaps, decision boundaries and loss curves side by side."""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd
import streamlit as st

from qa_core.labs.overfitting import configs, tables
from qa_core.labs.overfitting.configs import BASELINE, REMEDIES, RemedyResult, Strengths
from ui.charts.training import decision_figure
from ui.components.live_charts import show
from ui.i18n import pick, t
from ui.layout import KEEP_ACROSS_TABS
from ui.tables import PERCENT, Column, show_columns
from ui.topics.overfitting.charts import gap_figure, members_figure, run_curves_figure, run_label
from ui.topics.overfitting.runs import DEFAULT, LAMBDAS, SETUP_GATE, Setup, compute
from ui.widgets import (
    Prediction,
    advice,
    option_names,
    predict_then_run,
    reveal_prediction,
    run_gate,
    run_notice,
    show_bad_input,
)

REMEDIES_GATE = "overfitting_remedies"  # the remedies' Run gate (ui.widgets.run_gate)
STATES = ("ok", "stopped", "diverged", "partly_diverged", "underfit")
RESULT_COLUMNS = (
    Column("run", "overfitting.col_run"),
    Column("train_acc", "overfitting.col_train_acc", PERCENT),
    Column("test_acc", "overfitting.col_test_acc", PERCENT),
    Column("gap", "overfitting.col_gap", PERCENT),
    Column("gap_change", "overfitting.col_gap_change", PERCENT),
    Column("test_loss", "overfitting.col_test_loss", "%.3f"),
    Column("best_val_loss", "overfitting.col_best_val_loss", "%.3f"),
    Column("best_epoch", "overfitting.col_best_epoch"),
    Column("epochs_run", "overfitting.col_epochs_run"),
    Column("rows_per_epoch", "overfitting.col_rows_per_epoch"),
    Column("members", "overfitting.col_members"),
    Column("state", "overfitting.col_state"),
)
MEMBER_COLUMNS = (
    Column("member", "overfitting.col_member"),
    Column("seed", "overfitting.col_seed"),
    Column("train_acc", "overfitting.col_train_acc", PERCENT),
    Column("test_acc", "overfitting.col_test_acc", PERCENT),
    Column("test_loss", "overfitting.col_test_loss", "%.3f"),
    Column("epochs_run", "overfitting.col_epochs_run"),
    Column("state", "overfitting.col_state"),
)


class RemedyValues(NamedTuple):
    """The remedy widgets, as plain values: the remedies switched on, their strengths, and
    whether to train them all together as well."""

    chosen: tuple[str, ...]
    augment_copies: int
    augment_sigma: float
    l1: float
    l2: float
    ensemble_k: int
    dropout: float
    patience: int
    combined: bool


def remedy_controls() -> RemedyValues:
    """The remedy toggles and strengths, then the combined-run switch, as the widgets are set."""
    name = option_names("overfitting.rem_", REMEDIES)
    chosen: list[str] = []
    values: dict[str, object] = {}
    with st.container(border=True):
        left, right = st.columns(2)

        def toggle(column, remedy: str) -> None:
            on = column.toggle(
                name(remedy), value=remedy in configs.DEFAULT_REMEDIES, key=f"overfitting_on_{remedy}",
                persist_state=KEEP_ACROSS_TABS,
            )  # fmt: skip
            if on:
                chosen.append(remedy)

        toggle(left, "augment")
        values["augment_copies"] = left.slider(
            t("overfitting.aug_copies"), 1, 10, DEFAULT.augment_copies,
            help=t("overfitting.aug_copies_help"), key="overfitting_aug_copies",
            persist_state=KEEP_ACROSS_TABS,
        )  # fmt: skip
        values["augment_sigma"] = left.slider(
            t("overfitting.aug_sigma"), 0.1, 3.0, DEFAULT.augment_sigma, 0.1,
            help=t("overfitting.aug_sigma_help"), key="overfitting_aug_sigma",
            persist_state=KEEP_ACROSS_TABS,
        )  # fmt: skip
        toggle(left, "l1")
        values["l1"] = left.select_slider(
            t("overfitting.lambda_l1"), LAMBDAS, value=DEFAULT.l1,
            help=t("overfitting.lambda_help"), key="overfitting_l1", persist_state=KEEP_ACROSS_TABS,
        )  # fmt: skip
        toggle(left, "l2")
        values["l2"] = left.select_slider(
            t("overfitting.lambda_l2"), LAMBDAS, value=DEFAULT.l2,
            help=t("overfitting.lambda_help"), key="overfitting_l2", persist_state=KEEP_ACROSS_TABS,
        )  # fmt: skip
        toggle(right, "ensemble")
        values["ensemble_k"] = right.slider(
            t("overfitting.ensemble_k"), 2, 10, DEFAULT.ensemble_k,
            help=t("overfitting.ensemble_help"), key="overfitting_k", persist_state=KEEP_ACROSS_TABS,
        )  # fmt: skip
        toggle(right, "dropout")
        values["dropout"] = right.slider(
            t("overfitting.dropout_p"), 0.05, 0.9, DEFAULT.dropout, 0.05,
            help=t("overfitting.dropout_help"), key="overfitting_p", persist_state=KEEP_ACROSS_TABS,
        )  # fmt: skip
        toggle(right, "early_stop")
        values["patience"] = right.slider(
            t("overfitting.patience"), 2, 100, DEFAULT.patience,
            help=t("overfitting.patience_help"), key="overfitting_patience",
            persist_state=KEEP_ACROSS_TABS,
        )  # fmt: skip
        toggle(right, "batch_norm")
        right.caption(t("overfitting.bn_note"))
        combined = st.toggle(
            t("overfitting.combined"), help=t("overfitting.combined_help"), key="overfitting_combined",
            persist_state=KEEP_ACROSS_TABS,
        )  # fmt: skip
    return RemedyValues(
        tuple(chosen),
        int(values["augment_copies"]),
        float(values["augment_sigma"]),
        float(values["l1"]),
        float(values["l2"]),
        int(values["ensemble_k"]),
        float(values["dropout"]),
        int(values["patience"]),
        bool(combined),
    )


def strengths_of(values: RemedyValues) -> Strengths | None:
    """The strengths the remedies run with, or None (the message shown) if refused."""
    try:
        return Strengths(
            augment_copies=values.augment_copies,
            augment_sigma=values.augment_sigma,
            l1=values.l1,
            l2=values.l2,
            ensemble_k=values.ensemble_k,
            dropout=values.dropout,
            patience=values.patience,
        )
    except ValueError as err:
        show_bad_input(err)
        return None


def _members_at(events: list[tuple[int, int]]) -> str:
    """ "member 1 (epoch 22), member 3 (epoch 40)", in the page's language."""
    return t("overfitting.list_sep").join(
        t("overfitting.member_at", i=i, epoch=epoch) for i, epoch in events
    )


def ensemble_notices(result: RemedyResult, label: str) -> None:
    """An ensemble's diverged and early-stopped members, named one by one, so that the notice
    says what the table shows (the ensemble's row runs until its last member stops)."""
    diverged, stopped = tables.member_events(result)
    k = len(result.members)
    if diverged and len(diverged) == k:
        st.warning(
            t("overfitting.members_all_diverged", run=label, members=_members_at(diverged)),
            icon=":material/warning:",
        )
    elif diverged:
        st.warning(
            t(
                "overfitting.members_diverged",
                run=label,
                n=len(diverged),
                k=k,
                members=_members_at(diverged),
                rest=k - len(diverged),
            ),
            icon=":material/warning:",
        )
    if stopped:
        summary = result.summary
        st.info(
            t(
                "overfitting.members_stopped",
                run=label,
                n=len(stopped),
                k=k,
                members=_members_at(stopped),
                last=int(summary.history["epoch"].iloc[-1]),
                best=summary.best_epoch,
            ),
            icon=":material/timer:",
        )


def run_notices(results: list[RemedyResult], chosen: tuple[str, ...]) -> None:
    """Divergence (with what this page offers that is not set), early stopping and
    underfitting, per run, in words."""
    tries = [advice("lr")] + ([] if "batch_norm" in chosen else [advice("bn")])
    for r in results:
        label = run_label(r.id)
        if r.is_ensemble:
            ensemble_notices(r, label)
        else:
            run_notice(r.summary.diverged, r.summary.stopped, label, tries)
        if not r.summary.diverged and tables.is_underfit(r.summary):
            acc = float(r.summary.final["train_acc"])
            st.warning(t("overfitting.underfit", run=label, acc=acc), icon=":material/warning:")


def maps_grid(results: list[RemedyResult]) -> None:
    """A decision map and the loss curves of every run, two runs per row."""
    st.markdown(f"**{t('overfitting.maps_heading')}**")
    st.caption(t("overfitting.maps_caption"))
    show_test = st.toggle(
        t("overfitting.show_test"),
        value=True,
        key="overfitting_show_test",
        persist_state=KEEP_ACROSS_TABS,
    )
    for start in range(0, len(results), 2):
        row = list(enumerate(results[start : start + 2], start))
        for column, (i, r) in zip(st.columns(2), row, strict=False):
            title = t("overfitting.map_title", run=run_label(r.id), gap=r.summary.gap)
            with column:
                show(
                    decision_figure(r.summary, title=title, show_test=show_test, height=320),
                    key=f"overfitting_map_{r.id}",
                )
                show(run_curves_figure(r, color_index=i), key=f"overfitting_curves_{r.id}")


def results_section(results: list[RemedyResult]) -> pd.DataFrame:
    """The accuracy/gap chart, the table and the two downloads; returns the raw table."""
    table = tables.results_table(results)
    show(gap_figure(table), key="overfitting_gap_fig")
    st.markdown(f"**{t('overfitting.table_heading')}**")
    state = option_names("overfitting.state_", STATES)
    shown = table.assign(
        run=[run_label(r) for r in table["run"]], state=[state(s) for s in table["state"]]
    )
    show_columns(shown, RESULT_COLUMNS)
    left, right = st.columns(2)
    left.download_button(
        t("overfitting.download_table"),
        table.to_csv(index=False).encode("utf-8"),
        file_name=pick("过拟合-结果.csv", "overfitting-results.csv"),
        mime="text/csv",
        key="overfitting_dl_table",
    )
    right.download_button(
        t("overfitting.download_history"),
        tables.history_table(results).to_csv(index=False).encode("utf-8"),
        file_name=pick("过拟合-逐轮记录.csv", "overfitting-history.csv"),
        mime="text/csv",
        key="overfitting_dl_history",
    )
    return table


def ensemble_section(results: list[RemedyResult]) -> None:
    """What the ensemble is made of: members vs the mean-probability ensemble."""
    ensembles = [r for r in results if r.is_ensemble]
    if not ensembles:
        return
    with st.expander(t("overfitting.ensemble_heading"), expanded=False):
        st.markdown(t("overfitting.ensemble_caption"))
        for r in ensembles:
            members = tables.member_table(r)
            members["member"] = [
                t("overfitting.member_ensemble") if m == "ensemble" else m
                for m in members["member"]
            ]
            members["state"] = [
                option_names("overfitting.state_", STATES)(s) for s in members["state"]
            ]
            st.markdown(f"**{run_label(r.id)}**")
            show_columns(members, MEMBER_COLUMNS)
            show(members_figure(r), key=f"overfitting_members_fig_{r.id}")


def reveal(prediction: Prediction | None, table: pd.DataFrame) -> None:
    """Compare the prediction (a remedy's id) with the measured table."""
    if prediction is None:
        st.caption(t("overfitting.predict_needs_two"))
        return
    best = tables.best_remedy(table)
    if best is None:
        st.caption(t("overfitting.reveal_diverged"))
        return
    name = option_names("overfitting.rem_", REMEDIES)
    gaps = table.set_index("run")["gap"]
    listing = ", ".join(f"{run_label(r)} {gaps[r]:.1%}" for r in table["run"] if r in REMEDIES)
    explanation = t(
        "overfitting.reveal_best",
        best=name(best),
        gap=float(gaps[best]),
        base=float(gaps[BASELINE]),
        all=listing,
    )
    close = [name(r) for r in tables.close_to_best(table, best)]
    if close:
        explanation += " " + t("overfitting.reveal_close", runs=", ".join(close))
    reveal_prediction(prediction, best, explanation)


def predict(setup: Setup, remedies: RemedyValues) -> Prediction | None:
    """Which of the remedies switched on closes the gap most (None: fewer than two are on, so
    there is nothing to predict). The question is about the widgets as they are set: answering
    runs them."""
    if len(remedies.chosen) < 2:
        return None
    return predict_then_run(
        "overfitting_predict",
        t("overfitting.predict_question"),
        remedies.chosen,
        option_names("overfitting.rem_", REMEDIES),
        context=(setup.current, remedies.chosen),  # "this data" and the remedies offered
        runs=((SETUP_GATE, setup.current), (REMEDIES_GATE, remedies)),
    )


@st.fragment
def remedies_experiment(setup: Setup) -> None:
    st.markdown(t("overfitting.remedies_intro"))
    current = remedy_controls()
    applied = RemedyValues(*run_gate(REMEDIES_GATE, current, t("overfitting.run_remedies")))
    prediction = predict(setup, current)
    if prediction is not None and not prediction.ready:  # the results answer it: they wait
        return
    if st.session_state.get(f"{SETUP_GATE}_applied", setup.applied) != setup.applied:
        # The answer ran a new set-up: this fragment's rerun still holds the last one, so the
        # whole page runs again (the set-up's notice and the results both follow it).
        st.rerun(scope="app")
    strengths = strengths_of(applied)
    if strengths is None:
        return
    try:
        specs = configs.plan_runs(
            setup.config, applied.chosen, strengths, combined=applied.combined
        )
    except ValueError as err:
        show_bad_input(err)
        return
    if not applied.chosen:
        st.info(t("overfitting.none_chosen"))
    results = [compute(spec, i, len(specs)) for i, spec in enumerate(specs, 1)]
    run_notices(results, applied.chosen)
    if "early_stop" in applied.chosen:
        st.caption(t("overfitting.early_stop_note"))
    maps_grid(results)
    table = results_section(results)
    ensemble_section(results)
    reveal(prediction, table)
