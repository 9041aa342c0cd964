"""The Dropout page's experiments, one per tab: Bernoulli masks and 2^N thinned networks, the two
conventions for p, whether the ensemble story holds (weight scaling vs Monte-Carlo averaging),
dropout against overfitting, and where it hurts."""

from __future__ import annotations

import dataclasses

import pandas as pd
import streamlit as st

from qa_core.labs.dropout import ensemble, masks, sweep
from ui.charts.training import curves_figure, decision_figure
from ui.components.live_charts import show
from ui.i18n import t
from ui.layout import KEEP_ACROSS_TABS, Tab
from ui.run_cache import cached_with_progress
from ui.tables import PERCENT, Column, show_columns, show_table
from ui.topics.dropout.charts import (
    conventions_figure,
    gap_figure,
    k_curve_figure,
    network_figure,
    sweep_figure,
    title_above_legend,
)
from ui.topics.dropout.controls import dataset_choice, gate, p_slider, subnetwork_text
from ui.widgets import (
    option_names,
    predict_then_run,
    reveal_prediction,
    run_notice,
    show_bad_input,
)

MAX_MASK_NUMBER = 200
MASK_SEED = 8
CONVENTION_PS = tuple(round(0.05 * i, 2) for i in range(19))  # 0 … 0.9
N_MASK_CHOICES = (10, 100, 1_000, 10_000, 100_000)
K_MAX = 100
ENSEMBLE_EPOCHS = 60
WIDE = 64


def tabs() -> list[Tab]:
    st.info(t("dropout.convention_note"), icon=":material/info:")
    return [
        (t("dropout.exp_mask"), mask_experiment),
        (t("dropout.exp_conventions"), conventions_experiment),
        (t("dropout.exp_ensemble"), ensemble_experiment),
        (t("dropout.exp_overfit"), overfitting_experiment),
        (t("dropout.exp_hurts"), hurts_experiment),
    ]


# -- 1. the mask ----------------------------------------------------------------------------


def _next_mask() -> None:
    n = st.session_state.get("dropout_mask_n", 1)
    st.session_state["dropout_mask_n"] = n % MAX_MASK_NUMBER + 1


@st.fragment
def mask_experiment() -> None:
    st.markdown(t("dropout.mask_intro"))
    left, mid, right = st.columns(3)
    p = p_slider(left, "dropout_mask_p")
    depth = mid.select_slider(
        t("dropout.mask_depth"), (1, 2, 3), value=2, key="dropout_mask_depth",
        persist_state=KEEP_ACROSS_TABS,
    )  # fmt: skip
    width = right.select_slider(
        t("dropout.mask_width"), tuple(range(2, 11)), value=5, key="dropout_mask_width",
        persist_state=KEEP_ACROSS_TABS,
    )  # fmt: skip
    st.session_state.setdefault("dropout_mask_n", 1)
    number_col, button_col = st.columns([3, 2], vertical_alignment="bottom")
    n = number_col.slider(
        t("dropout.mask_number"), 1, MAX_MASK_NUMBER, help=t("dropout.mask_number_help"),
        key="dropout_mask_n", persist_state=KEEP_ACROSS_TABS,
    )  # fmt: skip
    button_col.button(t("dropout.sample_mask"), key="dropout_mask_sample", on_click=_next_mask)
    widths = (width,) * depth
    try:
        draws = masks.sample_masks(widths, p, n, seed=MASK_SEED)
        diagram = masks.network_diagram(2, widths, 2, draws.shown)
    except ValueError as err:
        show_bad_input(err)
        return
    show(network_figure(diagram, draws), key="dropout_mask_fig")
    if draws.empty_layers:
        st.warning(
            t("dropout.layer_empty", layers=", ".join(map(str, draws.empty_layers))),
            icon=":material/warning:",
        )
    n_units = draws.n_units
    c1, c2 = st.columns(2)
    c3, c4 = st.columns(2)
    c1.metric(t("dropout.active_units"), f"{draws.n_active} / {n_units}")
    c2.metric(t("dropout.dropped_now"), f"{draws.dropped_fraction[-1]:.0%}")
    c3.metric(
        t("dropout.dropped_avg", n=n),
        f"{draws.dropped_fraction.mean():.1%}",
        help=t("dropout.dropped_avg_help"),
    )
    c4.metric(
        t("dropout.subnetworks"),
        f"2^{n_units} = {subnetwork_text(n_units)}",
        help=t("dropout.subnetworks_help"),
    )
    st.caption(t("dropout.subnetworks_caption", n=n_units, count=f"{draws.n_subnetworks:,}"))


# -- 2. the two conventions -------------------------------------------------------------------


@st.cache_data(show_spinner=False, max_entries=16)
def convention_table(p_values: tuple[float, ...], n_masks: int) -> pd.DataFrame:
    return masks.convention_check(p_values, n_masks, seed=0)


@st.fragment
def conventions_experiment() -> None:
    st.markdown(t("dropout.conv_intro"))
    prediction = predict_then_run(
        "dropout_conv_predict",
        t("dropout.conv_question"),
        masks.RATIO_ANSWERS,
        option_names("dropout.conv_opt_", masks.RATIO_ANSWERS),
    )
    left, right = st.columns(2)
    p = p_slider(left, "dropout_conv_p")
    n_masks = right.select_slider(
        t("dropout.n_masks"), N_MASK_CHOICES, value=10_000, format_func=lambda v: f"{v:,}",
        key="dropout_conv_masks", persist_state=KEEP_ACROSS_TABS,
    )  # fmt: skip
    if not prediction.ready:  # the chart answers the question: it waits for it
        return
    try:
        table = convention_table(CONVENTION_PS, int(n_masks))
    except ValueError as err:
        show_bad_input(err)
        return
    show(conventions_figure(table, p_now=p, n_masks=n_masks), key="dropout_conv_fig")
    row = masks.convention_row(table, p)
    shown = pd.DataFrame(
        {
            t("dropout.col_convention"): [t("dropout.row_paper"), t("dropout.row_inverted")],
            t("dropout.col_train_mean"): [row["paper_train_mean"], row["inverted_train_mean"]],
            t("dropout.col_test"): [row["paper_test"], row["inverted_test"]],
            t("dropout.col_rel_error"): [row["paper_rel_error"], row["inverted_rel_error"]],
        }
    )
    show_table(
        shown,
        {
            t("dropout.col_rel_error"): "%.2e",
            t("dropout.col_train_mean"): "%.4f",
            t("dropout.col_test"): "%.4f",
        },
    )
    st.caption(t("dropout.conv_same_masks"))
    ratio, paper_ratio, nearest = masks.convention_ratios(table)
    reveal_prediction(
        prediction,
        nearest,
        t("dropout.conv_explain", ratio=ratio, n_masks=int(n_masks), paper_ratio=paper_ratio),
    )


# -- 3. ensemble or not? -----------------------------------------------------------------------


@st.fragment
def ensemble_experiment() -> None:
    st.markdown(t("dropout.ens_intro"))
    ask = st.container()  # the question sits above the settings it is formatted from
    c1, c2 = st.columns(2)
    c3, c4 = st.columns(2)
    dataset = dataset_choice(c1, "dropout_ens_data")
    p = c2.slider(
        t("dropout.p_drop"), 0.1, 0.8, 0.5, 0.1, key="dropout_ens_p", persist_state=KEEP_ACROSS_TABS
    )
    width = c3.select_slider(
        t("dropout.ens_width"), (16, 32, 64), value=64, key="dropout_ens_width",
        persist_state=KEEP_ACROSS_TABS,
    )  # fmt: skip
    seed = c4.number_input(
        t("dropout.seed"), 0, 999, 0, 1, key="dropout_ens_seed", persist_state=KEEP_ACROSS_TABS
    )
    current = (dataset, round(float(p), 2), int(width), int(seed))
    dataset, p, width, seed = gate("dropout_ens", current)
    with ask:
        prediction = predict_then_run(
            "dropout_ens_predict",
            t("dropout.ens_question", data=t(f"dropout.ds_{current[0]}"), p=current[1],
              width=current[2]),
            ensemble.K_ANSWERS,
            option_names("dropout.ens_opt_", ensemble.K_ANSWERS),
            context=current[:3],  # what the question says: a change asks it anew
            runs=(("dropout_ens", current),),
        )  # fmt: skip
    if not prediction.ready:  # the scores and charts answer the question: they wait for it
        return
    try:
        config = ensemble.ensemble_config(dataset, p, width, ENSEMBLE_EPOCHS, seed)
        result = cached_with_progress(
            ("dropout_ens", config, K_MAX, seed + 1),
            lambda progress: ensemble.compare(config, K_MAX, seed + 1, progress),
            t("dropout.ens_progress"),
        )
    except ValueError as err:
        show_bad_input(err)
        return
    run_notice(result.diverged, result.stopped)
    curves = result.curves
    single = curves["single_acc"]
    k_acc, k_loss = result.k_match_acc, result.k_match_loss
    scores = pd.DataFrame(
        {
            t("dropout.col_predictor"): [
                t("dropout.ens_ws"),
                t("dropout.ens_mc_100", k=result.k_max),
                t("dropout.ens_single_mean"),
            ],
            t("common.accuracy"): [
                f"{result.eval_acc:.1%}",
                f"{curves['mc_acc'].iloc[-1]:.1%}",
                f"{single.mean():.1%} ± {single.std():.1%}",
            ],
            t("dropout.ens_log_loss"): [
                f"{result.eval_loss:.3f}",
                f"{curves['mc_loss'].iloc[-1]:.3f}",
                f"{curves['single_loss'].mean():.3f} ± {curves['single_loss'].std():.3f}",
            ],
        }
    )
    show_table(scores)
    catch_up(k_acc, k_loss)
    show(k_curve_figure(curves, metric="acc", eval_value=result.eval_acc), key="dropout_ens_acc")
    show(k_curve_figure(curves, metric="loss", eval_value=result.eval_loss), key="dropout_ens_loss")
    show(gap_figure(curves), key="dropout_ens_gap")
    mantissa, exponent = masks.power_of_two_in_tens(result.n_units)
    st.caption(t("dropout.ens_count", n=result.n_units, mantissa=mantissa, exponent=exponent))
    never = f"> {K_MAX} {t('dropout.never')}"
    reveal_prediction(
        prediction,
        ensemble.k_answer(k_acc),
        t(
            "dropout.ens_explain",
            k_acc=k_acc if k_acc else never,
            k_loss=k_loss if k_loss else never,
            eval_acc=result.eval_acc,
            eval_loss=result.eval_loss,
            single_acc=single.mean(),
            single_loss=curves["single_loss"].mean(),
        ),
    )


def catch_up(k_acc: int | None, k_loss: int | None) -> None:
    """How many thinned networks the average needs to catch up, in words, one metric each."""
    st.markdown(f"**{t('dropout.catch_up_heading')}**")

    def words(k: int | None) -> str:
        return t("dropout.catch_up_k", k=k) if k else t("dropout.catch_up_never")

    left, right = st.columns(2)
    left.metric(t("dropout.catch_up_acc"), words(k_acc), help=t("dropout.catch_up_acc_help"))
    right.metric(t("dropout.catch_up_loss"), words(k_loss), help=t("dropout.catch_up_loss_help"))


# -- 4. dropout against overfitting ---------------------------------------------------------------


@st.fragment
def overfitting_experiment() -> None:
    st.markdown(t("dropout.over_intro"))
    p = p_slider(st, "dropout_over_p", high=0.8, step=0.1)
    c1, c3 = st.columns(2)
    dataset = dataset_choice(c1, "dropout_over_data")
    metric = c3.segmented_control(
        t("dropout.over_metric"),
        ("loss", "acc"),
        default="loss",
        format_func=option_names("dropout.over_", ("loss", "acc")),
        required=True,
        key="dropout_over_metric",
        persist_state=KEEP_ACROSS_TABS,
    )
    p = round(float(p), 2)
    try:
        config = dataclasses.replace(sweep.OVERFIT, dataset=dataset)
        plain, dropped = cached_with_progress(
            ("dropout_over", config, p),
            lambda progress: sweep.overfitting_pair(config, p, progress),
            t("dropout.over_progress"),
        )
    except ValueError as err:
        show_bad_input(err)
        return
    if p == 0.0:
        st.info(t("dropout.over_p_zero"))
    names = (t("dropout.no_dropout"), t("dropout.with_dropout", p=p))
    for name, summary in zip(names, (plain, dropped), strict=True):
        run_notice(summary.diverged, summary.stopped, name)
    curves = curves_figure(
        {names[0]: plain.history, names[1]: dropped.history},
        title=t("dropout.over_curves_title"),
        metric=metric or "loss",
        height=380,
    )
    show(title_above_legend(curves), key="dropout_over_curves")
    columns = st.columns(2)
    for index, (column, name, summary) in enumerate(
        zip(columns, names, (plain, dropped), strict=True)
    ):
        with column:
            show(
                decision_figure(summary, title=t("dropout.over_boundary", label=name)),
                key=f"dropout_over_boundary_{index}",
            )
            st.metric(
                t("dropout.m_gap", label=name), f"{summary.gap:+.1%}", help=t("dropout.m_gap_help")
            )
            st.metric(t("dropout.m_test_loss", label=name), f"{summary.final['test_loss']:.3f}")


# -- 5. where dropout hurts ----------------------------------------------------------------------


@st.fragment
def hurts_experiment() -> None:
    st.markdown(t("dropout.hurts_intro"))
    width = st.select_slider(
        t("dropout.hurts_width"), (2, 3, 4, 6, 8, 12, 16, 32), value=4, key="dropout_hurt_width",
        persist_state=KEEP_ACROSS_TABS,
    )  # fmt: skip
    c2, c3 = st.columns(2)
    wide = c2.toggle(
        t("dropout.hurts_wide"), value=True, key="dropout_hurt_wide", persist_state=KEEP_ACROSS_TABS
    )
    fine = c3.toggle(
        t("dropout.hurts_fine"),
        value=False,
        key="dropout_hurt_fine",
        persist_state=KEEP_ACROSS_TABS,
    )
    width, wide, fine = gate("dropout_hurt", (int(width), bool(wide), bool(fine)))
    widths = (width, WIDE) if wide and width != WIDE else (width,)
    try:
        config = sweep.SWEEP
        p_values = sweep.p_grid(0.1 if fine else 0.2)
        table = cached_with_progress(
            ("dropout_hurt", config, widths, p_values),
            lambda progress: sweep.p_sweep(config, widths, p_values, progress),
            t("dropout.hurts_progress"),
        )
    except ValueError as err:
        show_bad_input(err)
        return
    for reason in table["diverged"].dropna().unique():
        run_notice(reason, None)
    show(sweep_figure(table), key="dropout_hurt_fig")
    onset = sweep.underfit_onset(table)
    for row in onset.itertuples():
        st.warning(
            t(
                "dropout.hurts_onset",
                w=row.width,
                p=row.p,
                acc=row.train_acc,
                base=row.baseline_acc,
            ),
            icon=":material/trending_down:",
        )
    if onset.empty:
        st.info(t("dropout.hurts_none"))
    st.markdown(t("dropout.hurts_rule"))
    show_columns(
        table,
        [
            Column("width", "dropout.col_width"),
            Column("p", "dropout.col_p"),
            Column("train_acc", "dropout.col_train_acc", PERCENT),
            Column("test_acc", "dropout.col_test_acc", PERCENT),
            Column("train_loss", "dropout.col_train_loss", "%.3f"),
        ],
    )
