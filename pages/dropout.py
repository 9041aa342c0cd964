"""Dropout: Bernoulli masks and 2^N thinned networks, the two p conventions, whether the
ensemble story holds (weight scaling vs Monte-Carlo averaging), and where dropout helps or hurts.
"""

from __future__ import annotations

from collections.abc import Hashable

import pandas as pd
import streamlit as st

from qa_core.labs.dropout import ensemble, masks, sweep
from ui.charts.dropout import (
    conventions_figure,
    gap_figure,
    k_curve_figure,
    network_figure,
    sweep_figure,
    title_above_legend,
)
from ui.charts.training import curves_figure, decision_figure, run_color
from ui.components.live_charts import show
from ui.content import render_topic
from ui.i18n import t
from ui.layout import KEEP, experiment_tabs, topic_layout
from ui.page_guard import run_through_app
from ui.run_cache import cached_with_progress
from ui.tables import PERCENT, show_table
from ui.widgets import predict_then_run, reveal_prediction, run_notice, show_bad_input

run_through_app()

DATASETS = ("moons", "circles", "xor")
MAX_MASK_NUMBER = 200
MASK_SEED = 8
CONVENTION_PS = tuple(round(0.05 * i, 2) for i in range(19))  # 0 … 0.9
N_MASK_CHOICES = (10, 100, 1_000, 10_000, 100_000)
K_MAX = 100
ENSEMBLE_EPOCHS = 60
WIDE = 64


def dataset_labels() -> dict[str, str]:
    """Localised data-set names, resolved now: a format_func must not call t() later, since
    AppTest re-evaluates it outside the session (where the language is unknown)."""
    return {name: t(f"dropout.ds_{name}") for name in DATASETS}


def dataset_choice(where, key: str) -> str:
    return where.selectbox(
        t("dropout.dataset"),
        DATASETS,
        format_func=dataset_labels().__getitem__,
        key=key,
        persist_state=KEEP,
    )


def applied_settings(key: str, current: Hashable) -> Hashable:
    """Settings of the last "Run": the defaults at first, ``current`` once Run is pressed.

    Expensive experiments show results for these, so moving a widget does not start a run.
    """
    state = f"{key}_applied"
    if state not in st.session_state:
        st.session_state[state] = current
    if st.button(t("dropout.run"), key=f"{key}_run", type="primary"):
        st.session_state[state] = current
    if st.session_state[state] != current:
        st.caption(t("dropout.settings_changed"))
    return st.session_state[state]


def p_slider(where, key: str, high: float = 0.9, step: float = 0.05) -> float:
    """The drop probability p, in this page's convention, from 0 to ``high``."""
    return where.slider(
        t("dropout.p_drop"), 0.0, high, 0.5, step, help=t("dropout.p_drop_help"), key=key,
        persist_state=KEEP,
    )  # fmt: skip


def subnetwork_text(n: int) -> str:
    """2^n exactly when short, else as mantissa × 10^exponent."""
    if n <= 40:
        return f"{masks.n_subnetworks(n):,}"
    mantissa, exponent = masks.power_of_two_in_tens(n)
    return f"≈ {mantissa:.2f}e{exponent}"


# -- 1. the mask ----------------------------------------------------------------------------


def _next_mask() -> None:
    n = st.session_state.get("do_mask_n", 1)
    st.session_state["do_mask_n"] = n % MAX_MASK_NUMBER + 1


@st.fragment
def mask_experiment() -> None:
    st.markdown(t("dropout.mask_intro"))
    left, mid, right = st.columns(3)
    p = p_slider(left, "do_mask_p")
    depth = mid.select_slider(
        t("dropout.mask_depth"), (1, 2, 3), value=2, key="do_mask_depth", persist_state=KEEP
    )
    width = right.select_slider(
        t("dropout.mask_width"),
        tuple(range(2, 11)),
        value=5,
        key="do_mask_width",
        persist_state=KEEP,
    )
    st.session_state.setdefault("do_mask_n", 1)
    number_col, button_col = st.columns([3, 2], vertical_alignment="bottom")
    n = number_col.slider(
        t("dropout.mask_number"),
        1,
        MAX_MASK_NUMBER,
        help=t("dropout.mask_number_help"),
        key="do_mask_n",
        persist_state=KEEP,
    )
    button_col.button(t("dropout.sample_mask"), key="do_mask_sample", on_click=_next_mask)
    widths = (width,) * depth
    try:
        draws = masks.sample_masks(widths, p, n, seed=MASK_SEED)
        diagram = masks.network_diagram(2, widths, 2, draws.shown)
    except ValueError as err:
        show_bad_input(err)
        return
    names = [
        t("dropout.layer_input"),
        *(t("dropout.layer_hidden", i=i + 1) for i in range(depth)),
        t("dropout.layer_output"),
    ]
    drop_counts = (draws.keep.shape[0] - draws.keep.sum(axis=0)).tolist()
    rates = draws.unit_drop_rate.tolist()
    hover, hidden_index = [], 0
    for layer, unit, kept in zip(
        diagram.node_layer.tolist(),
        diagram.node_unit.tolist(),
        diagram.node_kept.tolist(),
        strict=True,
    ):
        if 0 < layer <= depth:
            hover.append(
                t(
                    "dropout.node_hover",
                    layer=names[layer],
                    unit=unit + 1,
                    state=t("dropout.state_kept" if kept else "dropout.state_dropped"),
                    n=n,
                    dropped=drop_counts[hidden_index],
                    rate=rates[hidden_index],
                )
            )
            hidden_index += 1
        else:
            hover.append(f"{names[layer]} {unit + 1}")
    labels = {
        key: t(f"dropout.{key}")
        for key in ("edge_active", "edge_dropped", "node_kept", "node_dropped", "node_fixed")
    }
    show(
        network_figure(
            diagram,
            title=t("dropout.diagram_title", n=n),
            layer_names=names,
            hover=hover,
            labels=labels,
        ),
        key="do_mask_fig",
    )
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
    options = {key: t(f"dropout.conv_opt_{key}") for key in ("half", "equal", "double")}
    choice = predict_then_run("do_conv_predict", t("dropout.conv_question"), list(options.values()))
    left, right = st.columns(2)
    p = p_slider(left, "do_conv_p")
    n_masks = right.select_slider(
        t("dropout.n_masks"),
        N_MASK_CHOICES,
        value=10_000,
        format_func=lambda v: f"{v:,}",
        key="do_conv_masks",
        persist_state=KEEP,
    )
    try:
        table = convention_table(CONVENTION_PS, int(n_masks))
    except ValueError as err:
        show_bad_input(err)
        return
    labels = {
        "train_mean": t("dropout.conv_train_mean", n=f"{n_masks:,}"),
        "test": t("dropout.conv_test"),
        "unscaled": t("dropout.conv_unscaled"),
    }
    show(
        conventions_figure(
            table,
            p_now=p,
            title=t("dropout.conv_title"),
            titles=(t("dropout.conv_paper_title"), t("dropout.conv_inverted_title")),
            labels=labels,
            y_title=t("dropout.conv_y"),
            x_title=t("dropout.p_drop"),
        ),
        key="do_conv_fig",
    )
    row = table.loc[(table["p"] - p).abs().idxmin()]
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
    half = table.loc[(table["p"] - 0.5).abs().idxmin()]
    ratio = float(half["inverted_train_mean"] / half["inverted_test"])
    paper_ratio = float(half["paper_train_mean"] / half["paper_unscaled"])
    nearest = min(
        {"half": 0.5, "equal": 1.0, "double": 2.0}.items(), key=lambda kv: abs(kv[1] - ratio)
    )
    reveal_prediction(
        choice,
        options[nearest[0]],
        t("dropout.conv_explain", ratio=ratio, n_masks=int(n_masks), paper_ratio=paper_ratio),
    )


# -- 3. ensemble or not? -----------------------------------------------------------------------


def k_bucket(k: int | None) -> str:
    if k is None:
        return "never"
    return "10" if k <= 10 else "50" if k <= 50 else "100"


@st.fragment
def ensemble_experiment() -> None:
    st.markdown(t("dropout.ens_intro"))
    options = {key: t(f"dropout.ens_opt_{key}") for key in ("10", "50", "100", "never")}
    choice = predict_then_run("do_ens_predict", t("dropout.ens_question"), list(options.values()))
    c1, c2 = st.columns(2)
    c3, c4 = st.columns(2)
    dataset = dataset_choice(c1, "do_ens_data")
    p = c2.slider(t("dropout.p_drop"), 0.1, 0.8, 0.5, 0.1, key="do_ens_p", persist_state=KEEP)
    width = c3.select_slider(
        t("dropout.ens_width"), (16, 32, 64), value=64, key="do_ens_width", persist_state=KEEP
    )
    seed = c4.number_input(t("dropout.seed"), 0, 999, 0, 1, key="do_ens_seed", persist_state=KEEP)
    settings = applied_settings("do_ens", (dataset, round(float(p), 2), int(width), int(seed)))
    dataset, p, width, seed = settings
    try:
        config = ensemble.ensemble_config(dataset, p, width, ENSEMBLE_EPOCHS, seed)
        result = cached_with_progress(
            ("do_ens", config, K_MAX, seed + 1),
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
    never = t("dropout.never")
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
    table_col, metric_col = st.columns([3, 1])
    show_table(scores, where=table_col)
    metric_col.metric(
        t("dropout.m_k_match"),
        f"{k_acc or f'>{K_MAX}'} / {k_loss or f'>{K_MAX}'}",
        help=t("dropout.m_k_match_help"),
    )
    labels = {
        "mc": t("dropout.ens_mc"),
        "ws": t("dropout.ens_ws"),
        "single": t("dropout.ens_single"),
        "paper": t("dropout.ens_paper_k"),
    }
    show(
        k_curve_figure(
            curves,
            metric="acc",
            eval_value=result.eval_acc,
            title=t("dropout.ens_acc_title"),
            y_title=t("common.accuracy"),
            x_title=t("dropout.ens_k"),
            labels=labels,
        ),
        key="do_ens_acc",
    )
    show(
        k_curve_figure(
            curves,
            metric="loss",
            eval_value=result.eval_loss,
            title=t("dropout.ens_loss_title"),
            y_title=t("dropout.ens_log_loss"),
            x_title=t("dropout.ens_k"),
            labels=labels,
        ),
        key="do_ens_loss",
    )
    show(
        gap_figure(
            curves,
            title=t("dropout.ens_gap_title"),
            y_title=t("dropout.ens_gap_y"),
            x_title=t("dropout.ens_k"),
        ),
        key="do_ens_gap",
    )
    mantissa, exponent = masks.power_of_two_in_tens(result.n_units)
    st.caption(t("dropout.ens_count", n=result.n_units, mantissa=mantissa, exponent=exponent))
    reveal_prediction(
        choice,
        options[k_bucket(k_acc)],
        t(
            "dropout.ens_explain",
            k_acc=k_acc if k_acc else f"> {K_MAX} {never}",
            k_loss=k_loss if k_loss else f"> {K_MAX} {never}",
            eval_acc=result.eval_acc,
        ),
    )


# -- 4. dropout against overfitting ---------------------------------------------------------------


@st.fragment
def overfitting_experiment() -> None:
    st.markdown(t("dropout.over_intro"))
    p = p_slider(st, "do_over_p", high=0.8, step=0.1)
    c1, c3 = st.columns(2)
    dataset = dataset_choice(c1, "do_over_data")
    metric_labels = {m: t(f"dropout.over_{m}") for m in ("loss", "acc")}
    metric = c3.segmented_control(
        t("dropout.over_metric"),
        ("loss", "acc"),
        default="loss",
        format_func=metric_labels.__getitem__,
        required=True,
        key="do_over_metric",
        persist_state=KEEP,
    )
    p = round(float(p), 2)
    try:
        config = sweep.overfit_config(dataset)
        plain, dropped = cached_with_progress(
            ("do_over", config, p),
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
    show(title_above_legend(curves), key="do_over_curves")
    columns = st.columns(2)
    for column, name, summary in zip(columns, names, (plain, dropped), strict=True):
        with column:
            show(
                decision_figure(summary, title=t("dropout.over_boundary", label=name)),
                key=f"do_over_boundary_{0 if summary is plain else 1}",
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
        t("dropout.hurts_width"),
        (2, 3, 4, 6, 8, 12, 16, 32),
        value=4,
        key="do_hurt_width",
        persist_state=KEEP,
    )
    c2, c3 = st.columns(2)
    wide = c2.toggle(t("dropout.hurts_wide"), value=True, key="do_hurt_wide", persist_state=KEEP)
    fine = c3.toggle(t("dropout.hurts_fine"), value=False, key="do_hurt_fine", persist_state=KEEP)
    settings = applied_settings("do_hurt", (int(width), bool(wide), bool(fine)))
    width, wide, fine = settings
    widths = (width, WIDE) if wide and width != WIDE else (width,)
    try:
        config = sweep.sweep_config()
        p_values = sweep.p_grid(0.1 if fine else 0.2)
        table = cached_with_progress(
            ("do_hurt", config, widths, p_values),
            lambda progress: sweep.p_sweep(config, widths, p_values, progress),
            t("dropout.hurts_progress"),
        )
    except ValueError as err:
        show_bad_input(err)
        return
    for reason in table["diverged"].dropna().unique():
        run_notice(reason, None)
    show(
        sweep_figure(
            table,
            title=t("dropout.hurts_title"),
            x_title=t("dropout.p_drop"),
            y_title=t("common.accuracy"),
            series_label=t("dropout.hurts_series"),
            split_labels={"train": t("common.train"), "test": t("common.test")},
            colors=[run_color(i) for i in range(len(widths))],
        ),
        key="do_hurt_fig",
    )
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
    shown = table.drop(columns=["test_loss", "diverged"]).rename(
        columns={
            "width": t("dropout.col_width"),
            "p": t("dropout.col_p"),
            "train_acc": t("dropout.col_train_acc"),
            "test_acc": t("dropout.col_test_acc"),
            "train_loss": t("dropout.col_train_loss"),
        }
    )
    show_table(
        shown,
        {
            t("dropout.col_train_acc"): PERCENT,
            t("dropout.col_test_acc"): PERCENT,
            t("dropout.col_train_loss"): "%.3f",
        },
    )


st.title(t("dropout.title"))
text_column, lab_column = topic_layout()
with text_column:
    render_topic("dropout")
with lab_column:
    st.info(t("dropout.convention_note"), icon=":material/info:")
    experiment_tabs(
        "dropout",
        [
            (t("dropout.exp_mask"), mask_experiment),
            (t("dropout.exp_conventions"), conventions_experiment),
            (t("dropout.exp_ensemble"), ensemble_experiment),
            (t("dropout.exp_overfit"), overfitting_experiment),
            (t("dropout.exp_hurts"), hurts_experiment),
        ],
    )
