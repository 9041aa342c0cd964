"""The ReLU page's variants experiment: Leaky ReLU, PReLU and RReLU against ReLU, their curves,
their accuracy on small noisy data over several seeds, and PReLU's learned slope."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from qa_core.labs.relu.variants import (
    VariantComparison,
    compare_variants,
    drawn_prelu_slope,
    variant_curves,
)
from ui.charts.common import activation_label
from ui.components.live_charts import show
from ui.i18n import t
from ui.layout import KEEP_ACROSS_TABS
from ui.run_cache import cached_with_progress
from ui.tables import show_table
from ui.topics.relu.charts import slopes_figure, variants_accuracy_figure, variants_functions_figure
from ui.topics.relu.controls import gate, pct
from ui.widgets import run_notice, show_bad_input

NOISES = (0.2, 0.35, 0.5)
EPOCHS = 60


def comparison_result(settings: tuple) -> VariantComparison:
    alpha, lower, upper, noise, seeds = settings

    def compute(progress):
        return compare_variants(
            alpha=alpha, lower=lower, upper=upper, noise=noise, seeds=seeds, epochs=EPOCHS,
            progress=progress,
        )  # fmt: skip

    return cached_with_progress(
        ("relu_variants", *settings, EPOCHS), compute, t("relu.variants_running")
    )


def verdict_text(comparison: VariantComparison) -> str:
    verdict = comparison.rrelu_verdict()
    return t(
        "relu.variants_verdict",
        diff=verdict.diff,
        se=verdict.se,
        diff_leaky=verdict.diff_leaky,
        se_leaky=verdict.se_leaky,
        conclusion=t(f"relu.verdict_{verdict.conclusion}"),
    )


def summary_table(summary: pd.DataFrame) -> pd.DataFrame:
    """Mean accuracies and gap per activation, as they are shown."""
    return pd.DataFrame(
        {
            t("relu.col_activation"): [activation_label(a) for a in summary["activation"]],
            t("relu.col_train"): [pct(v) for v in summary["train_mean"]],
            t("relu.col_test"): [f"{v:.1%}" for v in summary["test_mean"]],
            t("relu.col_test_std"): [f"{v:.1%}" for v in summary["test_std"].fillna(0.0)],
            t("relu.col_gap"): [f"{v:+.1%}" for v in summary["gap_mean"]],
        }
    )


@st.fragment
def variants_experiment() -> None:
    st.markdown(t("relu.variants_intro"))
    left, right = st.columns(2)
    alpha = left.slider(
        t("relu.variants_alpha"), 0.0, 0.5, 0.01, 0.01, key="relu_var_alpha",
        persist_state=KEEP_ACROSS_TABS,
    )  # fmt: skip
    lower, upper = right.slider(
        t("relu.variants_bounds"), 0.0, 0.99, (0.125, 0.333), 0.001, format="%.3f",
        key="relu_var_bounds", persist_state=KEEP_ACROSS_TABS,
    )  # fmt: skip
    left, right = st.columns(2)
    noise = left.select_slider(
        t("relu.variants_noise"), NOISES, value=0.35, key="relu_var_noise",
        persist_state=KEEP_ACROSS_TABS,
    )  # fmt: skip
    seeds = right.slider(
        t("relu.variants_seeds"), 1, 6, 3, key="relu_var_seeds", persist_state=KEEP_ACROSS_TABS
    )
    current = (float(alpha), float(lower), float(upper), float(noise), int(seeds))
    settings = gate("relu_var", current, t("relu.variants_run"))
    try:
        comparison = comparison_result(settings)
    except ValueError as err:
        show_bad_input(err)
        return
    for row in comparison.runs.itertuples():
        if row.diverged:
            run_notice(row.diverged, None, f"{activation_label(row.activation)} · {row.seed}")
    slopes = comparison.learned_slopes()
    try:
        shapes = variant_curves(
            alpha=alpha, prelu_a=drawn_prelu_slope(slopes[0]), lower=lower, upper=upper
        )
    except ValueError as err:
        show_bad_input(err)
        return
    show(
        variants_functions_figure(shapes, alpha=alpha, prelu_a=slopes[0]),
        key="relu_var_functions",
    )
    st.caption(t("relu.variants_setup", noise=settings[3], epochs=EPOCHS))
    summary = comparison.summary()
    show(variants_accuracy_figure(summary, comparison.runs, comparison.seeds), key="relu_var_acc")
    st.markdown(verdict_text(comparison))
    gaps = dict(zip(summary["activation"], summary["gap_mean"], strict=True))
    st.caption(
        t(
            "relu.variants_gap_note",
            gap_relu=gaps["relu"],
            gap_leaky=gaps["leaky_relu"],
            gap_prelu=gaps["prelu"],
            gap_rrelu=gaps["rrelu"],
        )
    )
    show(slopes_figure(comparison.slopes), key="relu_var_slopes")
    st.markdown(t("relu.variants_slope_note", a1=slopes[0], a2=slopes[-1]))
    show_table(summary_table(summary))
